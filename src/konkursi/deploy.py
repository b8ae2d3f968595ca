"""Publishing a built site to a branch of a git remote (GitHub Pages' ``gh-pages`` and the like)."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

DEFAULT_BRANCH = "gh-pages"
_IDENTITY = {
    "GIT_AUTHOR_NAME": "konkursi",
    "GIT_AUTHOR_EMAIL": "konkursi@localhost",
    "GIT_COMMITTER_NAME": "konkursi",
    "GIT_COMMITTER_EMAIL": "konkursi@localhost",
}


class DeployError(Exception):
    """The site could not be published; the message is Latvian."""


def deploy(site_dir: Path, remote: str, branch: str = DEFAULT_BRANCH, project_root: Path | None = None) -> str:
    """Push the files of ``site_dir`` as the only commit of ``branch`` on ``remote``; return its id.

    Inside a git repository the commit is made in that repository, so a remote name such as
    ``origin`` and its stored credentials (as in GitHub Actions) work; elsewhere in a
    throw-away repository, and ``remote`` must then be a URL or a path.
    """
    if not (site_dir / "index.html").is_file():
        raise DeployError(f"mapē {site_dir} nav izveidotas vietnes (index.html); vispirms palaidiet konkursi build")
    root = project_root or site_dir.parent
    with tempfile.TemporaryDirectory(prefix="konkursi-deploy-") as scratch:
        git = _Git(_repository(root, Path(scratch)), Path(scratch) / "index", site_dir)
        tree = git.site_tree()
        commit = git.run("commit-tree", tree, "-m", _message(root))
        git.run("push", "--force", "--quiet", remote, f"{commit}:refs/heads/{branch}")
    return commit


def _repository(root: Path, scratch: Path) -> Path:
    found = subprocess.run(["git", "-C", str(root), "rev-parse", "--absolute-git-dir"], capture_output=True, text=True)
    if found.returncode == 0:
        return Path(found.stdout.strip())
    subprocess.run(["git", "init", "--quiet", "--bare", str(scratch / "repo.git")], check=True)
    return scratch / "repo.git"


def _message(root: Path) -> str:
    source = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    suffix = f" no {source.stdout.strip()}" if source.returncode == 0 else ""
    return f"Vietne publicēta ar konkursi deploy{suffix}"


class _Git:
    """git commands on the site folder with a private index, leaving the project's index alone."""

    def __init__(self, git_dir: Path, index: Path, work_tree: Path):
        self.base = ["git", f"--git-dir={git_dir}", f"--work-tree={work_tree}"]
        self.env = {**_IDENTITY, **os.environ, "GIT_INDEX_FILE": str(index)}

    def run(self, *args: str, stdin: str = "") -> str:
        done = subprocess.run([*self.base, *args], input=stdin, capture_output=True, text=True, env=self.env)
        if done.returncode != 0:
            raise DeployError(f"publicēšana neizdevās (git {args[0]}): {done.stderr.strip()}")
        return done.stdout.strip()

    def site_tree(self) -> str:
        self.run("add", "--all", "--force", ".")
        # GitHub Pages would otherwise run Jekyll, which drops files whose names start with "_".
        empty = self.run("hash-object", "-w", "--stdin")
        self.run("update-index", "--add", "--cacheinfo", f"100644,{empty},.nojekyll")
        return self.run("write-tree")


__all__ = ["DEFAULT_BRANCH", "DeployError", "deploy"]
