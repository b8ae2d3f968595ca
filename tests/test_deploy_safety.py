"""`konkursi deploy` replaces only its own branch: never someone's history, never the project's branch."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CALL, MiniProject, run_konkursi
from test_cli import CALL_FILE

IDENTITY = {
    "GIT_AUTHOR_NAME": "Redaktore",
    "GIT_AUTHOR_EMAIL": "redaktore@example.lv",
    "GIT_COMMITTER_NAME": "Redaktore",
    "GIT_COMMITTER_EMAIL": "redaktore@example.lv",
}


def git(*args: str, cwd: Path | None = None, env: dict | None = None) -> str:
    environment = {**os.environ, **IDENTITY, **(env or {})}
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=environment).stdout


class Checkout:
    """A project committed on branch main of a clone whose ``origin`` is a bare repository."""

    def __init__(self, mini: MiniProject, bare: Path):
        self.mini, self.root, self.bare = mini, mini.root, bare

    def commit(self, message: str) -> None:
        git("add", "--all", cwd=self.root)
        git("commit", "--quiet", "-m", message, cwd=self.root)

    def deploy(self, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        return run_konkursi("deploy", "--no-build", *args, cwd=self.root, env=env)

    def count(self, branch: str) -> int:
        return int(git("--git-dir", str(self.bare), "rev-list", "--count", branch))

    def tip(self, branch: str) -> str:
        return git("--git-dir", str(self.bare), "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}").strip()

    def branches(self) -> list[str]:
        return git("--git-dir", str(self.bare), "for-each-ref", "--format=%(refname:short)", "refs/heads").split()

    def files(self, branch: str) -> set[str]:
        return set(git("--git-dir", str(self.bare), "ls-tree", "-r", "--name-only", branch).splitlines())


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    """The mini project's site, built once for the module (each test copies it to its own site/)."""
    mini = MiniProject(tmp_path_factory.mktemp("built") / "projekts")
    done = run_konkursi("build", cwd=mini.root)
    assert done.returncode == 0, done.stderr
    return mini.root / "site"


@pytest.fixture
def checkout(mini, tmp_path, built_site) -> Checkout:
    bare = tmp_path / "origin.git"
    git("init", "--quiet", "--bare", str(bare))
    git("init", "--quiet", cwd=mini.root)
    git("symbolic-ref", "HEAD", "refs/heads/main", cwd=mini.root)
    mini.write(".gitignore", "site/\n")
    project = Checkout(mini, bare)
    project.commit("Ieraksti")
    for n, rel in enumerate(("calls/2020-pavasaris/_round.yml", "programme.yml")):
        with open(mini.root / rel, "a", encoding="utf-8") as record:
            record.write(f"# labojums {n}\n")
        project.commit(f"Labojums {n}")
    git("remote", "add", "origin", str(bare), cwd=mini.root)
    git("push", "--quiet", "origin", "main", cwd=mini.root)
    shutil.copytree(built_site, mini.root / "site")
    _built_from_head(mini.root)
    return project


def _built_from_head(root: Path) -> None:
    """What konkursi build writes into the marker of a site built at HEAD (the copied site is such a build)."""
    from konkursi.cli import _deploy_sources, project_from_config
    from konkursi.delivery.deploy import provenance
    from konkursi.delivery.sitedir import mark

    project, config = project_from_config(root / "mkdocs.yml")
    mark(root / "site", provenance(root, _deploy_sources(project, config, root / "mkdocs.yml")))


def assert_refused(done: subprocess.CompletedProcess, message: str) -> None:
    assert done.returncode == 1, done.stdout + done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert "Vietne publicēta" not in done.stdout


def test_a_branch_with_history_deploy_did_not_make_is_left_alone(checkout):
    git("push", "--quiet", "origin", "main:gh-pages", cwd=checkout.root)  # e.g. a hand-made Pages branch
    before = checkout.tip("gh-pages")
    refs = git("for-each-ref", cwd=checkout.root)
    done = checkout.deploy()
    assert_refused(done, "zarā gh-pages krātuvē origin ir 3 versijas (commit), un 3 no tām nav izveidojis konkursi deploy")
    assert "--force" in done.stderr
    assert checkout.tip("gh-pages") == before and checkout.count("gh-pages") == 3
    assert git("for-each-ref", cwd=checkout.root) == refs, "the check must not leave refs in the project"


def test_a_deploy_commit_on_top_of_foreign_history_does_not_make_it_deploys(checkout):
    assert checkout.deploy("--branch", "lapas").returncode == 0
    deployed = checkout.tip("lapas")
    grafted = git("commit-tree", f"{deployed}^{{tree}}", "-p", "main", "-m", "Vietne\n\nKonkursi-Deploy: 1", cwd=checkout.root).strip()
    git("push", "--quiet", "--force", "origin", f"{grafted}:refs/heads/lapas", cwd=checkout.root)
    assert_refused(checkout.deploy("--branch", "lapas"), "zarā lapas krātuvē origin ir 4 versijas (commit), un 3 no tām nav izveidojis konkursi deploy")
    assert checkout.tip("lapas") == grafted


def test_force_replaces_a_foreign_branch_and_later_deploys_need_no_force(checkout):
    git("push", "--quiet", "origin", "main:gh-pages", cwd=checkout.root)
    done = checkout.deploy("--force")
    assert done.returncode == 0, done.stderr
    assert checkout.count("gh-pages") == 1 and "index.html" in checkout.files("gh-pages")
    first = checkout.tip("gh-pages")

    checkout.mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: 2"))
    checkout.commit("Kvota 2")
    again = run_konkursi("deploy", cwd=checkout.root)  # builds the changed record
    assert again.returncode == 0, again.stderr
    assert checkout.count("gh-pages") == 1 and checkout.tip("gh-pages") != first
    page = git("--git-dir", str(checkout.bare), "show", "gh-pages:konkursi/2020-pavasaris/cesu-novads/index.html")
    assert "2 projekti" in page


def test_a_branch_an_older_konkursi_deploy_made_is_replaced_without_force(checkout):
    tree = git("write-tree", cwd=checkout.root).strip()
    old = {"GIT_AUTHOR_NAME": "konkursi", "GIT_AUTHOR_EMAIL": "konkursi@localhost"}
    legacy = git("commit-tree", tree, "-m", "Vietne publicēta ar konkursi deploy no a3d3c93", cwd=checkout.root, env=old).strip()
    git("push", "--quiet", "origin", f"{legacy}:refs/heads/gh-pages", cwd=checkout.root)
    done = checkout.deploy()
    assert done.returncode == 0, done.stderr
    assert checkout.count("gh-pages") == 1 and "index.html" in checkout.files("gh-pages")
    assert "Konkursi-Deploy: 1" in git("--git-dir", str(checkout.bare), "log", "-1", "--format=%B", "gh-pages")


@pytest.mark.parametrize("flags", [(), ("--force",)])
def test_deploy_never_replaces_the_branch_checked_out_in_the_project(checkout, flags):
    done = checkout.deploy("--branch", "main", *flags)
    assert_refused(done, "zars main ir projekta pašreizējais zars")
    assert "--force" in done.stderr  # says that --force does not lift it
    assert checkout.count("main") == 3
    assert checkout.branches() == ["main"]


def test_uncommitted_record_changes_are_not_published(checkout):
    checkout.mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: 2"))  # modified
    checkout.mini.write("municipalities/jauna.yml", "name: Jauns novads\n")  # untracked
    checkout.mini.write("README.txt", "nav ieraksts\n")  # not a source of the site: ignored
    done = checkout.deploy()
    assert_refused(done, "projekta failos ir izmaiņas, kas nav saglabātas git vēsturē")
    assert f"  {CALL_FILE}\n" in done.stderr and "  municipalities/jauna.yml\n" in done.stderr
    assert "README.txt" not in done.stderr
    assert "--allow-dirty" in done.stderr
    assert checkout.branches() == ["main"]


def test_a_long_list_of_uncommitted_files_is_shortened(checkout):
    for n in range(13):
        checkout.mini.write(f"content/jauna-{n:02}.md", "# Lapa\n")
    done = checkout.deploy()
    assert_refused(done, "  content/jauna-09.md\n  un vēl 3\n")
    assert "jauna-10" not in done.stderr


def test_allow_dirty_publishes_and_the_commit_says_so(checkout):
    assert checkout.deploy().returncode == 0
    head = git("rev-parse", "--short", "HEAD", cwd=checkout.root).strip()
    clean = git("--git-dir", str(checkout.bare), "log", "-1", "--format=%s", "gh-pages").strip()
    assert clean == f"Vietne publicēta ar konkursi deploy no {head}"

    checkout.mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: 2"))
    done = run_konkursi("deploy", "--allow-dirty", cwd=checkout.root)
    assert done.returncode == 0, done.stderr
    assert f"publicētas arī izmaiņas, kas nav saglabātas git vēsturē: {CALL_FILE}" in done.stderr
    page = git("--git-dir", str(checkout.bare), "show", "gh-pages:konkursi/2020-pavasaris/cesu-novads/index.html")
    assert "2 projekti" in page
    subject = git("--git-dir", str(checkout.bare), "log", "-1", "--format=%s", "gh-pages").strip()
    assert subject == f"Vietne publicēta ar konkursi deploy no {head} ar izmaiņām, kas nav saglabātas git vēsturē"


@pytest.mark.parametrize("branch", ["-x", "main..x", "--upload-pack=touch pwned", "HEAD", "a b"])
def test_branch_names_git_would_misread_are_refused(checkout, branch):
    done = checkout.deploy(f"--branch={branch}")
    assert_refused(done, f'"{branch}" nav derīgs git zara nosaukums (--branch)')
    assert checkout.branches() == ["main"]
    assert not (checkout.root / "pwned").exists()


def test_a_remote_that_looks_like_an_option_is_refused(checkout):
    done = checkout.deploy("--remote=--upload-pack=touch pwned")
    assert_refused(done, '"--upload-pack=touch pwned" nav derīga attālinātā krātuve (--remote)')
    assert not (checkout.root / "pwned").exists()


def test_an_unreachable_remote_is_reported_in_latvian(checkout, tmp_path):
    done = checkout.deploy("--remote", str(tmp_path / "nav.git"))
    assert_refused(done, f"nevar sasniegt attālināto krātuvi {tmp_path / 'nav.git'}")


def test_without_git_deploy_says_git_is_needed(checkout):
    done = checkout.deploy(env={"PATH": str(checkout.root / "tukšs")})
    assert_refused(done, "publicēšanai vajadzīgs git, bet komanda git nav atrasta")


def test_a_git_ignored_record_counts_as_uncommitted(checkout):
    checkout.mini.write("calls/2020-pavasaris/daugavpils-novads.yml", CALL)
    with open(checkout.root / ".git/info/exclude", "a", encoding="utf-8") as exclude:
        exclude.write("calls/2020-pavasaris/daugavpils-novads.yml\n")
    done = checkout.deploy()
    assert_refused(done, "projekta failos ir izmaiņas, kas nav saglabātas git vēsturē")
    assert "  calls/2020-pavasaris/daugavpils-novads.yml\n" in done.stderr
    assert checkout.branches() == ["main"]


def test_deploy_publishes_only_a_folder_konkursi_built(checkout, tmp_path):
    other = tmp_path / "mapes"
    (other / ".ssh").mkdir(parents=True)
    (other / "index.html").write_text("<html>", encoding="utf-8")
    (other / ".ssh/id_rsa").write_text("KEY", encoding="utf-8")
    done = checkout.deploy("--no-build", "-d", str(other))
    assert_refused(done, "nav konkursi veidotas vietnes (faila .konkursi-site)")
    assert checkout.branches() == ["main"]


def test_a_record_linked_to_an_uncommitted_file_is_not_published(checkout):
    (checkout.root / "melnraksti").mkdir()
    checkout.mini.write("melnraksti/cesu.yml", CALL)
    (checkout.root / "calls/2020-pavasaris/daugavpils-novads.yml").symlink_to("../../melnraksti/cesu.yml")
    git("add", "calls/2020-pavasaris/daugavpils-novads.yml", cwd=checkout.root)
    git("commit", "-q", "-m", "saite", cwd=checkout.root)
    done = checkout.deploy()
    assert_refused(done, "projekta failos ir izmaiņas, kas nav saglabātas git vēsturē")
    assert "melnraksti/cesu.yml" in done.stderr


def test_deploy_no_build_refuses_a_site_built_from_other_records(checkout):
    checkout.mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: 2"))
    assert run_konkursi("build", cwd=checkout.root).returncode == 0  # built from uncommitted records
    git("stash", "-q", cwd=checkout.root)
    done = checkout.deploy()
    assert_refused(done, "veidota no citas projekta versijas vai ar izmaiņām")
    assert checkout.branches() == ["main"]
    assert run_konkursi("build", cwd=checkout.root).returncode == 0
    assert checkout.deploy().returncode == 0  # built again from HEAD: published


def test_a_link_in_the_pages_to_an_ignored_file_counts_as_uncommitted(checkout):
    (checkout.root / "privati").mkdir()
    (checkout.root / "privati/piezimes.md").write_text("# Slepeni\n", encoding="utf-8")
    with open(checkout.root / ".gitignore", "a", encoding="utf-8") as ignore:
        ignore.write("privati/\n")
    (checkout.root / "content/piezimes.md").symlink_to("../privati/piezimes.md")
    git("add", ".gitignore", "content/piezimes.md", cwd=checkout.root)
    git("commit", "-q", "-m", "saite", cwd=checkout.root)
    done = run_konkursi("deploy", cwd=checkout.root)
    assert_refused(done, "projekta failos ir izmaiņas, kas nav saglabātas git vēsturē")
    assert "  privati/" in done.stderr
