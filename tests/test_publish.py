"""Publishing: an interrupted build leaves the last site alone, deploys reach a git branch, CI does both."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

from conftest import CALL, REPO, run_konkursi
from test_cli import CALL_FILE, snapshot

SLOW_HOOK = """\
import os, time
from pathlib import Path

built = 0

def on_post_page(output, page, config):
    # Stops the build after a few pages have been written, and says which process to kill.
    global built
    built += 1
    if built == 4:
        Path(os.environ["KONKURSI_TEST_MARKER"]).write_text(str(os.getpid()))
        time.sleep(120)
    return output
"""


def git(*args: str, cwd: Path | None = None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def start_slow_build(mini, marker: Path) -> subprocess.Popen:
    """`konkursi build` of a changed record that stops once a few pages are written."""
    mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: 2"))
    mini.write("slow_hook.py", SLOW_HOOK)
    config = mini.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - slow_hook.py\n", encoding="utf-8")
    env = {**os.environ, "KONKURSI_TEST_MARKER": str(marker), "NO_MKDOCS_2_WARNING": "1"}
    # As from a terminal: a suite started in the background (`cmd &` in a script) has SIGINT
    # ignored, and ignored signals are inherited, so Ctrl+C would otherwise never arrive.
    build = subprocess.Popen([sys.executable, "-m", "konkursi", "build"], cwd=mini.root, env=env, start_new_session=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 90
    while not marker.exists() or not marker.read_text():
        if build.poll() is not None or time.monotonic() > deadline:
            build.kill()
            raise AssertionError("the build ended before the hook ran")
        time.sleep(0.05)
    staging = [p for p in mini.root.iterdir() if p.name.startswith(".site.new-")]
    assert len(staging) == 1 and any(staging[0].rglob("index.html")), "nothing written yet: not midway"
    return build


def finish(build: subprocess.Popen) -> str:
    try:
        return build.communicate(timeout=60)[1]
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)


def test_build_killed_midway_leaves_the_previous_site_and_the_next_build_clears_the_remains(mini, tmp_path):
    assert run_konkursi("build", cwd=mini.root).returncode == 0
    before = snapshot(mini.root / "site")
    marker = tmp_path / "mkdocs.pid"
    build = start_slow_build(mini, marker)
    assert int(marker.read_text()) == build.pid, "MkDocs runs inside konkursi: killing one kills both"
    os.kill(build.pid, signal.SIGKILL)  # no chance to clean up
    finish(build)
    assert snapshot(mini.root / "site") == before
    (mini.root / "slow_hook.py").write_text("", encoding="utf-8")
    assert run_konkursi("build", cwd=mini.root).returncode == 0
    assert [p.name for p in mini.root.iterdir() if p.name.startswith(".site")] == []


def test_build_stopped_with_sigterm_leaves_the_site_and_no_leftovers(mini, tmp_path):
    assert run_konkursi("build", cwd=mini.root).returncode == 0
    before = snapshot(mini.root / "site")
    build = start_slow_build(mini, tmp_path / "mkdocs.pid")
    os.kill(build.pid, signal.SIGTERM)
    stderr = finish(build)
    assert build.returncode == 130
    assert "Traceback" not in stderr
    assert snapshot(mini.root / "site") == before
    assert [p.name for p in mini.root.iterdir() if p.name.startswith(".site")] == []


def test_build_interrupted_with_ctrl_c_leaves_the_site_and_no_leftovers(mini, tmp_path):
    assert run_konkursi("build", cwd=mini.root).returncode == 0
    before = snapshot(mini.root / "site")
    build = start_slow_build(mini, tmp_path / "mkdocs.pid")
    os.killpg(build.pid, signal.SIGINT)  # what Ctrl+C in a terminal sends: konkursi and mkdocs both
    stderr = finish(build)
    assert build.returncode == 130
    assert stderr.strip().splitlines()[-1] == "konkursi: pārtraukts (Ctrl+C); vietne palika tāda, kāda bija."
    assert "Traceback" not in stderr
    assert snapshot(mini.root / "site") == before
    assert [p.name for p in mini.root.iterdir() if p.name.startswith(".site")] == []


def test_an_error_in_the_published_files_stops_mkdocs_build_before_the_site_is_touched(mini):
    # The feeds, calendars and press files are made before MkDocs empties the site dir, in
    # a folder beside it; an error there must leave the last site and no such folder.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = [sys.executable, "-m", "mkdocs", "build"]
    assert subprocess.run(build, cwd=mini.root, env=env, capture_output=True).returncode == 0
    before = snapshot(mini.root / "site")
    texts = mini.root / "theme/pages/calendar.txt.j2"
    texts.write_text(texts.read_text(encoding="utf-8").replace(
        "{{ programme.short_name }} konkursu termiņi", "{{ programme.nav_sort }} konkursu termiņi"), encoding="utf-8")
    failed = subprocess.run(build, cwd=mini.root, env=env, capture_output=True, text=True)
    assert failed.returncode == 1
    assert "calendar.txt.j2" in failed.stderr and "veidnes kļūda" in failed.stderr
    assert snapshot(mini.root / "site") == before
    assert [p.name for p in mini.root.iterdir() if p.name.startswith(".site")] == []


def test_konkursi_build_removes_the_files_folder_a_killed_build_left(mini, tmp_path):
    # SIGKILL gives the plugin no chance to clean up; the next `konkursi build` does it.
    assert run_konkursi("build", cwd=mini.root).returncode == 0
    marker = tmp_path / "mkdocs.pid"
    mini.write("slow_hook.py", SLOW_CONFIG_HOOK)
    config = mini.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - slow_hook.py\n", encoding="utf-8")
    env = {**os.environ, "KONKURSI_TEST_MARKER": str(marker), "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.Popen([sys.executable, "-m", "konkursi", "build"], cwd=mini.root, env=env, start_new_session=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 90
    while not marker.exists() or not marker.read_text():
        assert build.poll() is None and time.monotonic() < deadline, "the build ended before the hook ran"
        time.sleep(0.05)
    left = [p for p in mini.root.iterdir() if ".files-" in p.name]
    assert len(left) == 1 and any(left[0].rglob("*.ics")), "the files are made and not yet moved in"
    os.kill(int(marker.read_text()), signal.SIGKILL)
    finish(build)
    assert build.returncode != 0
    (mini.root / "slow_hook.py").write_text("def on_files(files, config):\n    return files\n", encoding="utf-8")
    assert run_konkursi("build", cwd=mini.root).returncode == 0
    assert [p.name for p in mini.root.iterdir() if p.name.startswith(".site")] == []


SLOW_CONFIG_HOOK = """\
import os, time
from pathlib import Path
from mkdocs.plugins import event_priority

@event_priority(100)  # before konkursi moves its files into the site dir
def on_files(files, config):
    Path(os.environ["KONKURSI_TEST_MARKER"]).write_text(str(os.getpid()))
    time.sleep(120)
    return files
"""


def pushed_files(bare: Path, branch: str = "gh-pages") -> set[str]:
    return set(git("--git-dir", str(bare), "ls-tree", "-r", "--name-only", branch).splitlines())


def pushed_text(bare: Path, path: str, branch: str = "gh-pages") -> str:
    return git("--git-dir", str(bare), "show", f"{branch}:{path}")


def test_deploy_pushes_the_built_site_to_a_branch_of_a_bare_repository(mini, tmp_path):
    bare = tmp_path / "vietne.git"
    git("init", "--quiet", "--bare", str(bare))
    done = run_konkursi("deploy", "--remote", str(bare), cwd=mini.root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith(f"Vietne publicēta: {bare}, zars gh-pages (commit ")
    site = mini.root / "site"
    files = pushed_files(bare)
    assert files == set(snapshot(site)) | {".nojekyll"}
    assert "konkursi/2020-pavasaris/cesu-novads/index.html" in files
    assert pushed_text(bare, "index.html") == (site / "index.html").read_text(encoding="utf-8")

    mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: 2"))
    assert run_konkursi("deploy", "--remote", str(bare), cwd=mini.root).returncode == 0
    assert "2 projekti" in pushed_text(bare, "konkursi/2020-pavasaris/cesu-novads/index.html")
    assert git("--git-dir", str(bare), "rev-list", "--count", "gh-pages").strip() == "1"


def test_deploy_from_a_git_checkout_uses_its_named_remote(mini, tmp_path):
    bare = tmp_path / "origin.git"
    git("init", "--quiet", "--bare", str(bare))
    git("init", "--quiet", cwd=mini.root)
    git("remote", "add", "origin", str(bare), cwd=mini.root)
    git("add", "--all", cwd=mini.root)  # deploy publishes committed records only
    git("-c", "user.name=Redaktore", "-c", "user.email=redaktore@example.lv", "commit", "--quiet", "-m", "Ieraksti", cwd=mini.root)
    done = run_konkursi("deploy", "--branch", "lapas", cwd=mini.root)  # --remote origin, as in CI
    assert done.returncode == 0, done.stderr
    assert "index.html" in pushed_files(bare, "lapas")
    staged = subprocess.run(["git", "diff", "--cached", "--name-only"], cwd=mini.root, capture_output=True, text=True)
    assert staged.stdout == "", "the deploy must not stage anything in the project's own index"


def test_deploy_publishes_nothing_when_the_records_have_errors(mini, tmp_path):
    bare = tmp_path / "vietne.git"
    git("init", "--quiet", "--bare", str(bare))
    mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: nav"))
    done = run_konkursi("deploy", "--remote", str(bare), cwd=mini.root)
    assert done.returncode == 1
    assert f'{CALL_FILE}:3: laukā "quota": jābūt veselam skaitlim, nevis "nav"' in done.stderr
    assert done.stderr.strip().endswith("Vietne netika publicēta.")
    assert git("--git-dir", str(bare), "branch", "--list").strip() == ""


def test_deploy_without_a_built_site_says_what_to_do(mini, tmp_path):
    done = run_konkursi("deploy", "--no-build", "--remote", str(tmp_path / "nekur.git"), cwd=mini.root)
    assert done.returncode == 1
    assert done.stderr.strip() == f"konkursi: mapē {mini.root / 'site'} nav izveidotas vietnes (index.html); vispirms palaidiet konkursi build"


def workflow() -> dict:
    return yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8"))


def test_publish_workflow_validates_builds_and_deploys_daily():
    flow = workflow()
    triggers = flow[True]  # YAML 1.1 reads the key "on" as true
    assert {"push", "schedule", "workflow_dispatch"} <= set(triggers)
    assert triggers["schedule"], "a daily rebuild keeps statuses and 'closing soon' current"
    assert flow["permissions"] == {"contents": "write"}
    runs = [step["run"] for step in flow["jobs"]["publish"]["steps"] if "run" in step]
    konkursi = [shlex.split(run)[1:] for run in runs if run.startswith("konkursi ")]
    assert [args[0] for args in konkursi] == ["validate", "deploy"]


def test_workflow_commands_are_ones_konkursi_accepts():
    from konkursi.cli import _parser

    runs = [step["run"] for step in workflow()["jobs"]["publish"]["steps"] if "run" in step]
    for run in runs:
        if run.startswith("konkursi "):
            args = _parser().parse_args(shlex.split(run)[1:])
            assert callable(args.run)


def test_pre_commit_hook_runs_on_record_changes_only():
    import re

    [repo] = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local" and hook["pass_filenames"] is False
    runs_for = re.compile(hook["files"])
    assert all(runs_for.search(p) for p in ("programme.yml", "calls/2020-pavasaris/cesu-novads.yml", "municipalities/x.yml", "theme/pages/call.md.j2"))
    assert not any(runs_for.search(p) for p in ("README.md", "src/konkursi/cli.py", "tests/test_cli.py"))


def test_pre_commit_entry_stops_on_a_record_error(mini):
    entry = REPO / yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"][0]["entry"]
    env = {**os.environ, "KONKURSI_EXTRAS": "test"}  # the venv scripts/test.sh made
    good = subprocess.run([str(entry), "-f", str(mini.root / "mkdocs.yml")], capture_output=True, text=True, env=env)
    assert good.returncode == 0, good.stderr
    mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: nav"))
    bad = subprocess.run([str(entry), "-f", str(mini.root / "mkdocs.yml")], capture_output=True, text=True, env=env)
    assert bad.returncode == 1
    assert f'{CALL_FILE}:3: laukā "quota": jābūt veselam skaitlim, nevis "nav"' in bad.stderr
