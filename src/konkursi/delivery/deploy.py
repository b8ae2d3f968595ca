"""Publishing a built site to a branch of a git remote (GitHub Pages' ``gh-pages`` and the like).

The site is pushed as the only commit of the branch, so a deploy replaces the branch. It only ever
replaces its own work: every commit it makes carries the trailer :data:`MARKER`, and a branch with
any commit without it (someone's history) is left alone unless ``force`` is given. It never pushes
to the branch checked out in the project, and it does not publish record changes that are not
committed, unless ``allow_dirty`` is given (the commit message then says so).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..lv import plural
from ..records.values import MAX_YEAR, MIN_YEAR

DEFAULT_BRANCH = "gh-pages"
MARKER = "Konkursi-Deploy: 1"
"""Trailer line of every commit deploy makes: the branch holds nothing else, so deploy may replace it."""
SOURCE_TRAILER = "Konkursi-Source"
"""Trailer: the project's commit the site was built from and whether its sources had uncommitted changes (``provenance``)."""
NOW_TRAILER = "Konkursi-Now"
"""Trailer: the "now" the site was built for (ISO 8601), taken before the build, so never later than the build's own."""
_LAST_REF = "refs/konkursi/last-deploy"
SOURCES = ("mkdocs.yml", "programme.yml", "municipalities", "calls", "content", "theme")
"""What the site is built from, relative to the project root: uncommitted changes there are refused."""
_SUBJECT = "Vietne publicēta ar konkursi deploy"
_LEGACY_AUTHOR = "konkursi@localhost"
"""Author of the commits deploy made before it wrote :data:`MARKER` (same subject, no trailer)."""
_CHECK_REF = "refs/konkursi/deploy-check"
_LISTED = 10
_IDENTITY = {
    "GIT_AUTHOR_NAME": "konkursi",
    "GIT_AUTHOR_EMAIL": _LEGACY_AUTHOR,
    "GIT_COMMITTER_NAME": "konkursi",
    "GIT_COMMITTER_EMAIL": _LEGACY_AUTHOR,
}


class DeployError(Exception):
    """The site could not be published; the message is Latvian."""


def deploy(
    site_dir: Path,
    remote: str,
    branch: str = DEFAULT_BRANCH,
    project_root: Path | None = None,
    *,
    force: bool = False,
    allow_dirty: bool = False,
    sources: tuple[str, ...] | list[str] = SOURCES,
    built_for: dt.datetime | None = None,
) -> str:
    """Push the files of ``site_dir`` as the only commit of ``branch`` on ``remote``; return its id.

    The commit records what the site was built from (:data:`SOURCE_TRAILER`) and, given
    ``built_for``, the "now" it was built for (:data:`NOW_TRAILER`): :func:`last_deploy` reads them back.

    Inside a git repository the commit is made in that repository, so a remote name such as
    ``origin`` and its stored credentials (as in GitHub Actions) work; elsewhere in a
    throw-away repository, and ``remote`` must then be a URL or a path.

    Refused (:class:`DeployError`): see :func:`check`; and a remote branch holding commits that
    deploy did not make, unless ``force``.
    """
    root = project_root or site_dir.parent
    dirty = check(root, remote, branch, allow_dirty=allow_dirty, sources=sources)
    if not (site_dir / "index.html").is_file():
        raise DeployError(f"mapē {site_dir} nav izveidotas vietnes (index.html); vispirms palaidiet konkursi build")
    with tempfile.TemporaryDirectory(prefix="konkursi-deploy-") as scratch:
        git = _Git(_repository(root, Path(scratch)), Path(scratch) / "index", site_dir)
        tip = git.remote_tip(remote, branch)
        if tip and not force:
            git.refuse_foreign_history(remote, branch)
        tree = git.site_tree()
        commit = git.run("commit-tree", tree, "-m", _message(root, bool(dirty), built_for))
        git.push(remote, branch, commit, tip)
    return commit


def check(
    root: Path, remote: str, branch: str, *, allow_dirty: bool = False, sources: tuple[str, ...] | list[str] = SOURCES
) -> list[str]:
    """Refuse (:class:`DeployError`) what can be told without the remote; return the uncommitted files.

    A remote or branch name git would not take (or read as an option); the branch checked out in
    the project (deploy would replace its history with the site, even with ``force``); uncommitted
    changes in ``sources`` unless ``allow_dirty``. Outside a git repository only the names are checked.
    """
    if not remote or remote.startswith("-"):
        raise DeployError(f'"{remote}" nav derīga attālinātā krātuve (--remote): jānorāda nosaukums (origin) vai adrese, kas nesākas ar "-"')
    if branch.startswith("-") or branch == "HEAD" or _git("check-ref-format", f"refs/heads/{branch}").returncode != 0:
        raise DeployError(f'"{branch}" nav derīgs git zara nosaukums (--branch), piem. {DEFAULT_BRANCH}')
    current = _git("-C", str(root), "symbolic-ref", "--quiet", "--short", "HEAD")
    if current.returncode == 0 and current.stdout.strip() == branch:
        raise DeployError(
            f"zars {branch} ir projekta pašreizējais zars; konkursi deploy to aizstātu ar vienu versiju (commit), "
            f"kurā ir tikai vietnes faili, un projekta vēsture tiktu zaudēta. Publicējiet citā zarā, piemēram, "
            f"--branch {DEFAULT_BRANCH} (to neļauj arī --force)"
        )
    dirty = _uncommitted(root, sources)
    if dirty and not allow_dirty:
        listed = [f"  {path}" for path in dirty[:_LISTED]]
        if len(dirty) > _LISTED:
            listed.append(f"  un vēl {len(dirty) - _LISTED}")
        raise DeployError(
            "projekta failos ir izmaiņas, kas nav saglabātas git vēsturē (nav veikts git commit):\n" + "\n".join(listed) + "\n"
            "Publicētā vietne tās saturētu, lai gan git vēsturē to nav. Saglabājiet tās (git add, git commit) "
            "vai palaidiet ar --allow-dirty, lai publicētu tās tik un tā."
        )
    return dirty


def _git(*args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], capture_output=True, text=True, encoding="utf-8", errors="replace")
    except FileNotFoundError:
        raise DeployError(_NO_GIT) from None


_NO_GIT = "publicēšanai vajadzīgs git, bet komanda git nav atrasta; instalējiet git (https://git-scm.com)"


def _uncommitted(root: Path, sources) -> list[str]:
    """Modified, staged, untracked or git-ignored files among ``sources`` (paths relative to the repository).

    An ignored record is still published; only hidden files, which neither konkursi nor MkDocs publishes, are left out.
    """
    if _git("-C", str(root), "rev-parse", "--git-dir").returncode != 0:
        return []  # not a git repository: nothing to compare with
    base = root.resolve()
    inside, outside = [], []
    for source in sources:
        path = (base / source).resolve()
        if path == base or base in path.parents:
            inside.append(path.relative_to(base).as_posix() or ".")
        elif path.exists():
            outside.append(f"{source} (ārpus git krātuves: nevar pārbaudīt)")
    if not inside:
        return outside
    found = _git("--no-optional-locks", "--literal-pathspecs", "-C", str(root), "status", "--porcelain", "-z", "--untracked-files=all", "--ignored=matching", "--", *inside)
    if found.returncode != 0:
        raise DeployError(f"nevar noskaidrot, vai projekta failos ir nesaglabātas izmaiņas (git status): {found.stderr.strip()}")
    paths, fields = outside, iter(found.stdout.split("\0"))
    for entry in fields:
        if len(entry) < 4:
            continue
        parts = entry[3:].rstrip("/").split("/")
        if entry.startswith("!!") and any(part.startswith(".") for part in parts):
            continue  # hidden: neither konkursi nor MkDocs (exclude_docs) publishes it
        paths.append(entry[3:])
        if entry[0] in "RC":
            next(fields, None)  # the name it was renamed or copied from
    return paths


def provenance(root: Path, sources) -> str:
    """What a site is built from: ``<commit> <clean|dirty>``, or "" outside a git repository."""
    head = _git("-C", str(root), "rev-parse", "--verify", "--quiet", "HEAD")
    if head.returncode != 0:
        return ""
    return f"{head.stdout.strip()} {'dirty' if _uncommitted(root, sources) else 'clean'}"


def _repository(root: Path, scratch: Path) -> Path:
    found = _git("-C", str(root), "rev-parse", "--absolute-git-dir")
    if found.returncode == 0:
        return Path(found.stdout.strip())
    made = _git("init", "--quiet", "--bare", str(scratch / "repo.git"))
    if made.returncode != 0:
        raise DeployError(f"publicēšana neizdevās (git init): {made.stderr.strip()}")
    return scratch / "repo.git"


def _message(root: Path, dirty: bool, built_for: dt.datetime | None = None) -> str:
    source = _git("-C", str(root), "rev-parse", "--short", "HEAD")
    suffix = f" no {source.stdout.strip()}" if source.returncode == 0 else ""
    if dirty:
        suffix += " ar izmaiņām, kas nav saglabātas git vēsturē"
    trailers = [MARKER]
    head = _git("-C", str(root), "rev-parse", "--verify", "--quiet", "HEAD")
    if head.returncode == 0:
        trailers.append(f"{SOURCE_TRAILER}: {head.stdout.strip()} {'dirty' if dirty else 'clean'}")
    if built_for is not None:
        trailers.append(f"{NOW_TRAILER}: {built_for.isoformat()}")
    return f"{_SUBJECT}{suffix}\n\n" + "".join(f"{line}\n" for line in trailers)


@dataclass(frozen=True)
class LastDeploy:
    """What the commit on a deploy branch says of the site it holds."""

    commit: str
    source: str = ""
    """``<commit> clean|dirty`` as :func:`provenance` writes it; "" when not recorded (an older deploy)."""
    built_for: dt.datetime | None = None
    """The "now" the site was built for; None when not recorded (an older deploy, ``deploy --no-build``)."""
    by_deploy: bool = True
    """False when the commit was not made by deploy (the branch holds someone's history)."""


def last_deploy(root: Path, remote: str, branch: str = DEFAULT_BRANCH) -> LastDeploy | None:
    """The commit ``branch`` points to on ``remote``, read back; None when there is no such branch.

    The commit is fetched into a private ref (the user's branches stay as they were) and the ref removed.
    """
    with tempfile.TemporaryDirectory(prefix="konkursi-deploy-") as scratch:
        git = _Git(_repository(root, Path(scratch)), Path(scratch) / "index", Path(scratch))
        tip = git.remote_tip(remote, branch)
        if not tip:
            return None
        log = git.log_of_remote(remote, branch, _LAST_REF, ("-1", "--format=%H%n%ae%n%B"), "")
        if log.returncode != 0:
            raise DeployError(f"nevar nolasīt zara {branch} pēdējo publicēšanu (git log): {log.stderr.strip()}")
        log = log.stdout.strip()
    commit, author, message = (log.split("\n", 2) + ["", ""])[:3]  # the commit fetched, even if pushed since ls-remote
    last_paragraph = message.strip().split("\n\n")[-1]
    trailers = dict(line.partition(": ")[::2] for line in last_paragraph.splitlines() if ": " in line)
    try:
        built_for = dt.datetime.fromisoformat(trailers[NOW_TRAILER].strip())
    except (KeyError, ValueError):
        built_for = None
    if built_for is not None and (built_for.tzinfo is None or not MIN_YEAR <= built_for.year <= MAX_YEAR):
        built_for = None  # not a moment a build could have had: as if none were recorded (a rebuild is due)
    return LastDeploy(commit, trailers.get(SOURCE_TRAILER, "").strip(), built_for, _made_by_deploy(author, message))


def _made_by_deploy(author: str, message: str) -> bool:
    lines = message.strip().splitlines()
    if MARKER in (line.strip() for line in lines):
        return True
    return author == _LEGACY_AUTHOR and len(lines) == 1 and lines[0].startswith(_SUBJECT)


class _Git:
    """git commands on the site folder with a private index, leaving the project's index alone."""

    def __init__(self, git_dir: Path, index: Path, work_tree: Path):
        self.base = ["git", f"--git-dir={git_dir}", f"--work-tree={work_tree}"]
        self.env = {**_IDENTITY, **os.environ, "GIT_INDEX_FILE": str(index)}

    def attempt(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
        try:
            return subprocess.run(
                [*self.base, *args], input=stdin, capture_output=True, text=True, encoding="utf-8", errors="replace", env=self.env
            )
        except FileNotFoundError:
            raise DeployError(_NO_GIT) from None

    def run(self, *args: str, stdin: str = "") -> str:
        done = self.attempt(*args, stdin=stdin)
        if done.returncode != 0:
            raise DeployError(f"publicēšana neizdevās (git {args[0]}): {done.stderr.strip()}")
        return done.stdout.strip()

    def remote_tip(self, remote: str, branch: str) -> str:
        """The commit ``branch`` points to on ``remote``; "" when there is no such branch."""
        ref = f"refs/heads/{branch}"
        done = self.attempt("ls-remote", "--heads", "--", remote, ref)
        if done.returncode != 0:
            raise DeployError(f"nevar sasniegt attālināto krātuvi {remote}; pārbaudiet nosaukumu (--remote) un savienojumu. "
                                  f"Git ziņo: {done.stderr.strip()}")
        for line in done.stdout.splitlines():
            commit, _, name = line.partition("\t")
            if name == ref:
                return commit
        return ""

    def log_of_remote(self, remote: str, branch: str, ref: str, log_args: tuple[str, ...], why: str):
        """``git log`` of the remote ``branch``, fetched into the private ``ref`` and the ref removed after.

        A private ref and no refmap: the user's branches and remote-tracking branches stay as they were.
        """
        fetched = self.attempt("fetch", "--quiet", "--no-tags", "--refmap=", "--", remote, f"+refs/heads/{branch}:{ref}")
        if fetched.returncode != 0:
            raise DeployError(f"nevar ielādēt zaru {branch} no {remote}{why}: {fetched.stderr.strip()}")
        try:
            return self.attempt("log", *log_args, ref, "--")
        finally:
            self.attempt("update-ref", "-d", ref)

    def refuse_foreign_history(self, remote: str, branch: str) -> None:
        """Unless every commit of the remote ``branch`` is deploy's, raise :class:`DeployError`."""
        log = self.log_of_remote(remote, branch, _CHECK_REF, ("-z", "--format=%ae%n%B"), ", lai pārbaudītu tā vēsturi")
        if log.returncode != 0:
            raise DeployError(f"nevar pārbaudīt zara {branch} vēsturi (git log): {log.stderr.strip()}")
        commits = [entry.partition("\n") for entry in log.stdout.split("\0") if entry]
        foreign = sum(not _made_by_deploy(author, message) for author, _, message in commits)
        if foreign:
            raise DeployError(
                f"zarā {branch} krātuvē {remote} ir {len(commits)} {plural(len(commits), 'versija', 'versijas')} (commit), "
                f"un {foreign} no {plural(len(commits), 'tās', 'tām')} nav izveidojis konkursi deploy; publicēšana aizstātu "
                "visu zaru ar vienu versiju, kurā ir tikai vietnes faili, un šī vēsture tiktu zaudēta. "
                "Izvēlieties citu zaru (--branch) vai, ja zars tiešām ir jāaizstāj, palaidiet ar --force."
            )

    def push(self, remote: str, branch: str, commit: str, tip: str) -> None:
        """Replace ``branch`` only if it still points to ``tip`` (or is still missing when ``tip`` is "")."""
        ref = f"refs/heads/{branch}"
        done = self.attempt("push", "--quiet", f"--force-with-lease={ref}:{tip}", "--", remote, f"{commit}:{ref}")
        if done.returncode == 0:
            return
        if "stale info" in done.stderr:
            raise DeployError(f"zars {branch} krātuvē {remote} tika mainīts publicēšanas laikā; nekas netika aizstāts, mēģiniet vēlreiz")
        raise DeployError(f"publicēšana neizdevās (git push): {done.stderr.strip()}")

    def site_tree(self) -> str:
        self.run("add", "--all", "--force", ".")
        # GitHub Pages would otherwise run Jekyll, which drops files whose names start with "_".
        empty = self.run("hash-object", "-w", "--stdin")
        self.run("update-index", "--add", "--cacheinfo", f"100644,{empty},.nojekyll")
        return self.run("write-tree")


__all__ = ["DEFAULT_BRANCH", "MARKER", "NOW_TRAILER", "SOURCES", "SOURCE_TRAILER", "DeployError", "LastDeploy", "check", "deploy",
           "last_deploy"]
