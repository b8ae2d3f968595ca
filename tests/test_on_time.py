"""On time: what deploy records of each publish, `konkursi next`, and the workflow that asks every 15 minutes."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from conftest import run_konkursi
from konkursi.deploy import LastDeploy, last_deploy
from konkursi.values import RIGA

# The mini project's call: opens 2020-03-02 09:00, "closing soon" from 2020-04-08 17:00, closes 2020-04-15 17:00.
T0 = dt.datetime(2020, 4, 10, 12, 0, tzinfo=RIGA)
MINUTE = dt.timedelta(minutes=1)


def epoch(moment: dt.datetime) -> dict:
    return {"SOURCE_DATE_EPOCH": str(int(moment.timestamp()))}


def live(mini) -> None:
    """Delete the example's fixed ``now:`` (as a live site does): the clock, or SOURCE_DATE_EPOCH, decides."""
    config = mini.root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    config.write_text("\n".join(line for line in lines if not line.strip().startswith("now:")) + "\n", encoding="utf-8")


def git(*args: str, cwd: Path, env: dict | None = None) -> str:
    identity = {"GIT_AUTHOR_NAME": "Redaktore", "GIT_AUTHOR_EMAIL": "redaktore@example.lv",
                "GIT_COMMITTER_NAME": "Redaktore", "GIT_COMMITTER_EMAIL": "redaktore@example.lv"}
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, **identity, **(env or {})}).stdout


@pytest.fixture
def repository(mini, tmp_path):
    """The mini project, live (no fixed now), committed on main and pushed to ``origin``, a bare repository."""
    live(mini)
    bare = tmp_path / "origin.git"
    git("init", "--quiet", "--bare", str(bare), cwd=tmp_path)
    git("init", "--quiet", cwd=mini.root)
    git("symbolic-ref", "HEAD", "refs/heads/main", cwd=mini.root)
    mini.write(".gitignore", "site/\n")
    git("add", "--all", cwd=mini.root)
    git("commit", "--quiet", "-m", "Ieraksti", cwd=mini.root)
    git("remote", "add", "origin", str(bare), cwd=mini.root)
    git("push", "--quiet", "origin", "main", cwd=mini.root)
    return mini, bare


# What a deploy records

def test_deploy_records_the_source_commit_and_the_now_it_built_for(repository):
    mini, bare = repository
    assert last_deploy(mini.root, "origin", "gh-pages") is None
    done = run_konkursi("deploy", cwd=mini.root, env=epoch(T0))
    assert done.returncode == 0, done.stderr
    head = git("rev-parse", "HEAD", cwd=mini.root).strip()
    message = git("--git-dir", str(bare), "log", "-1", "--format=%B", "gh-pages", cwd=mini.root)
    assert message.strip().splitlines()[-3:] == [
        "Konkursi-Deploy: 1", f"Konkursi-Source: {head} clean", "Konkursi-Now: 2020-04-10T12:00:00+03:00"]
    tip = git("--git-dir", str(bare), "rev-parse", "gh-pages", cwd=mini.root).strip()
    assert last_deploy(mini.root, "origin", "gh-pages") == LastDeploy(tip, f"{head} clean", T0)
    assert "refs/konkursi/" not in git("for-each-ref", cwd=mini.root)  # the fetched commit's ref is removed
    assert git("branch", "--list", cwd=mini.root).split() == ["*", "main"]

    again = run_konkursi("deploy", "--no-build", cwd=mini.root)  # a site built earlier, at a moment not known
    assert again.returncode == 0, again.stderr
    assert last_deploy(mini.root, "origin", "gh-pages").built_for is None
