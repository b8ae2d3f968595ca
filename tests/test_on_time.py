"""On time: what deploy records of each publish, `konkursi next`, and the workflow that asks every 15 minutes."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import CALL, REPO, MiniProject, run_konkursi
from konkursi.delivery.deploy import LastDeploy, last_deploy
from konkursi.site.moments import due_since_deploy
from konkursi.project import Project, validate
from konkursi.records.values import RIGA
from test_cli import CALL_FILE

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


# konkursi next (in this process: a new Python for each run would cost a second)

@pytest.fixture
def konkursi(mini, monkeypatch, capsys):
    """Run ``konkursi ARGS`` in the mini project with the environment ``env`` added; (exit code, stdout, stderr)."""
    from konkursi.cli import main
    from konkursi.site.clock import NOW_VARIABLE

    def run(*args: str, env: dict | None = None) -> tuple[int, str, str]:
        monkeypatch.setenv(NOW_VARIABLE, "")  # restored when the test ends: --now sets it
        monkeypatch.delenv(NOW_VARIABLE)
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        monkeypatch.chdir(mini.root)
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_next_says_when_and_what_in_latvian(konkursi):
    code, out, err = konkursi("next", "--now", "2020-04-10 12:00")
    assert (code, err) == (0, "")
    assert out == "Nākamās izmaiņas: 2020. gada 15. aprīlī plkst. 17.00 – beidzas pieteikšanās: Cēsu novads (3. kārta, 2020. gada pavasaris)\n"
    code, out, err = konkursi("next", "--now", "2020-04-01 12:00")
    assert "2020. gada 8. aprīlī plkst. 17.00 – konkursu atzīmē kā „drīz beigsies”: Cēsu novads" in out


def test_next_prints_the_bare_moment_for_scripts(konkursi):
    assert konkursi("next", "--now", "2020-04-10 12:00", "--format", "iso") == (0, "2020-04-15T17:00:00+03:00\n", "")
    seconds = int(dt.datetime(2020, 4, 15, 14, tzinfo=dt.timezone.utc).timestamp())
    assert konkursi("next", "--format", "epoch", env={"KONKURSI_NOW": "2020-04-10 12:00"}) == (0, f"{seconds}\n", "")
    assert konkursi("next", "--now", "2020-07-01 00:00", "--format", "iso") == (0, "", "")  # the round has ended
    code, out, err = konkursi("next", "--now", "2020-07-01 00:00")
    assert out.startswith("Nākamo izmaiņu nav: pēc 2020. gada 1. jūlija plkst. 0.00 neviens ieraksts")


def test_next_follows_source_date_epoch_and_says_when_mkdocs_yml_fixes_the_time(mini, konkursi):
    code, out, err = konkursi("next", env=epoch(T0))  # the example's mkdocs.yml has now: 2020-04-20 12:00
    assert "mkdocs.yml nosaka laiku (now: 2020-04-20 12:00)" in err
    assert out == "Nākamās izmaiņas: 2020. gada 1. jūlijā plkst. 0.00 – beidzas kārtas laikposms: 3. kārta (2020. gada pavasaris)\n"
    live(mini)
    assert konkursi("next", "--format", "iso", env=epoch(T0)) == (0, "2020-04-15T17:00:00+03:00\n", "")


@pytest.mark.parametrize("since", ["2020-04-15 16:59", "2020-04-15T13:59:00+00:00", str(int(T0.timestamp())), f"@{int(T0.timestamp())}"])
def test_due_since_is_0_when_a_moment_passed(konkursi, since):
    code, out, err = konkursi("next", "--now", "2020-04-15 17:00", "--due-since", since)
    assert code == 0, out + err
    assert "Vietne jāveido no jauna: kopš " in out
    assert "  2020. gada 15. aprīlī plkst. 17.00 – beidzas pieteikšanās: Cēsu novads" in out


def test_due_since_is_1_when_none_passed_and_2_on_errors(mini, konkursi):
    assert konkursi("next", "--now", "2020-04-15 16:59", "--due-since", "2020-04-10 12:00") == (1, (
        "Vietne nav jāveido no jauna: no 2020. gada 10. aprīļa plkst. 12.00 līdz 2020. gada 15. aprīlim plkst. 16.59 "
        "nav pienācis neviens izmaiņu brīdis. Nākamās izmaiņas: 2020. gada 15. aprīlī plkst. 17.00.\n"), "")
    code, out, err = konkursi("next", "--due-since", "vakar")
    assert code == 2
    assert err.startswith("konkursi next: iestatījumā --due-since: jābūt datumam un laikam formā GGGG-MM-DD SS:MM")
    mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: nav"))
    code, out, err = konkursi("next", "--due-since", "2020-04-10 12:00")
    assert code == 2  # not 1: a broken record must not read as "nothing to do"
    assert err.startswith("Ierakstos atrasta 1 kļūda:")
    (mini.root / "mkdocs.yml").write_text("site_name: [\n", encoding="utf-8")
    code, out, err = konkursi("next", "--due-since-deploy")
    assert code == 2 and "YAML sintakses kļūda" in err


# The decision on what a deploy recorded

@pytest.fixture(scope="module")
def records(tmp_path_factory):
    return validate(Project.at(MiniProject(tmp_path_factory.mktemp("records") / "projekts").root))[0]


HEAD = "a" * 40


@pytest.mark.parametrize("last, source, now, due, words", [
    (None, f"{HEAD} clean", T0, True, "zarā gh-pages krātuvē origin vēl nav publicētas vietnes"),
    (LastDeploy("c" * 40), f"{HEAD} clean", T0, True, "nenorāda, no kuras projekta versijas"),
    (LastDeploy("c" * 40, f"{HEAD} clean", None), f"{HEAD} clean", T0, True, "nenorāda"),
    (LastDeploy("c" * 40, f"{HEAD} clean", T0, by_deploy=False), f"{HEAD} clean", T0, True, "nenorāda"),
    (LastDeploy("c" * 40, f"{HEAD} dirty", T0), f"{HEAD} dirty", T0, True, "izmaiņas, kas nebija saglabātas git vēsturē"),
    (LastDeploy("c" * 40, f"{'b' * 40} clean", T0), f"{HEAD} clean", T0, True, "projekts ir mainīts (publicēta versija bbbbbbbbbbbb, tagad aaaaaaaaaaaa)"),
    (LastDeploy("c" * 40, f"{HEAD} clean", T0), f"{HEAD} dirty", T0, True, "tagad aaaaaaaaaaaa ar nesaglabātām izmaiņām"),
    (LastDeploy("c" * 40, f"{HEAD} clean", T0), f"{HEAD} clean", T0 + 5 * MINUTE, False, "kopš tā nav pienācis neviens izmaiņu brīdis"),
    (LastDeploy("c" * 40, f"{HEAD} clean", T0), f"{HEAD} clean", T0.replace(day=15, hour=17), True, "beidzas pieteikšanās: Cēsu novads"),
    (LastDeploy("c" * 40, f"{HEAD} clean", T0.replace(day=15, hour=17)), f"{HEAD} clean", T0.replace(day=15, hour=17, minute=14),
     False, "atbilst stāvoklim 2020. gada 15. aprīlī plkst. 17.00"),
    # a site built for a later moment than now (a forged or mistaken trailer) is never left standing
    (LastDeploy("c" * 40, f"{HEAD} clean", T0.replace(month=5)), f"{HEAD} clean", T0, True, "veidota vēlākam brīdim"),
])
def test_a_rebuild_is_due_after_any_change_and_only_then(records, last, source, now, due, words):
    verdict = due_since_deploy(records, last, source, now, "zarā gh-pages krātuvē origin")
    assert verdict.due is due
    assert words in verdict.text


# End to end: the scheduled check after deploys at given moments, in a real repository

def test_the_scheduled_check_publishes_after_a_moment_or_an_edit_and_only_then(repository):
    mini, bare = repository

    def check(moment: dt.datetime) -> subprocess.CompletedProcess:
        return run_konkursi("next", "--due-since-deploy", cwd=mini.root, env=epoch(moment))

    first = check(T0)
    assert first.returncode == 0 and "vēl nav publicētas vietnes" in first.stdout, first.stdout + first.stderr

    assert run_konkursi("deploy", cwd=mini.root, env=epoch(T0)).returncode == 0
    head = git("rev-parse", "HEAD", cwd=mini.root).strip()
    quiet = check(T0 + 5 * MINUTE)
    assert quiet.returncode == 1, quiet.stdout + quiet.stderr
    assert quiet.stdout == ("Vietne nav jāpublicē: publicētā vietne zarā gh-pages krātuvē origin veidota no pašreizējās projekta "
                            f"versijas ({head[:12]}) un atbilst stāvoklim 2020. gada 10. aprīlī plkst. 12.00; kopš tā nav pienācis "
                            "neviens izmaiņu brīdis. Nākamās izmaiņas: 2020. gada 15. aprīlī plkst. 17.00.\n")

    closed = check(dt.datetime(2020, 4, 15, 17, 1, tzinfo=RIGA))
    assert closed.returncode == 0
    assert "  2020. gada 15. aprīlī plkst. 17.00 – beidzas pieteikšanās: Cēsu novads" in closed.stdout

    mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: 2"))
    git("commit", "--quiet", "-am", "Kvota", cwd=mini.root)
    edited = check(T0 + 5 * MINUTE)
    assert edited.returncode == 0
    assert f"projekts ir mainīts (publicēta versija {head[:12]}, tagad {git('rev-parse', 'HEAD', cwd=mini.root)[:12]})" in edited.stdout

    later = dt.datetime(2020, 4, 15, 17, 4, tzinfo=RIGA)  # the scheduled run after the deadline publishes both
    assert run_konkursi("deploy", cwd=mini.root, env=epoch(later)).returncode == 0
    assert check(later + 15 * MINUTE).returncode == 1


# The workflow

def workflow() -> dict:
    return yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8"))


def test_the_workflow_checks_every_15_minutes_and_publishes_only_when_due():
    flow = workflow()
    triggers = flow[True]  # YAML 1.1 reads the key "on" as true
    assert set(triggers) == {"push", "schedule", "workflow_dispatch"}
    [schedule] = triggers["schedule"]
    minute, *rest = schedule["cron"].split()
    assert rest == ["*", "*", "*", "*"]
    minutes = sorted(int(m) for m in minute.split(","))
    assert [(b - a) % 60 for a, b in zip(minutes, minutes[1:] + minutes[:1])] == [15, 15, 15, 15]
    steps = flow["jobs"]["publish"]["steps"]
    [decision] = [step for step in steps if "konkursi next" in step.get("run", "")]
    assert decision["if"] == "github.event_name == 'schedule'"
    [command] = [line.strip() for line in decision["run"].splitlines() if line.strip().startswith("konkursi next")]
    args = shlex.split(command.split("||")[0])
    from konkursi.cli import _next, _parser

    parsed = _parser().parse_args(args[1:])
    assert parsed.run is _next and parsed.due_since_deploy and (parsed.remote, parsed.branch) == ("origin", "gh-pages")
    publishing = [step for step in steps if step.get("run", "").startswith(("konkursi validate", "konkursi deploy"))]
    assert [step["run"].split()[1] for step in publishing] == ["validate", "deploy"]
    for step in publishing:
        assert step["if"] == f"github.event_name != 'schedule' || steps.{decision['id']}.outputs.publish == 'true'"


@pytest.mark.parametrize("code, output", [(0, "publish=true\n"), (1, "publish=false\n"), (2, None)])
def test_the_decision_step_maps_the_exit_code(tmp_path, code, output):
    [decision] = [step for step in workflow()["jobs"]["publish"]["steps"] if "konkursi next" in step.get("run", "")]
    stub = tmp_path / "bin" / "konkursi"
    stub.parent.mkdir()
    stub.write_text(f"#!/bin/sh\nexit {code}\n")
    stub.chmod(0o755)
    outputs = tmp_path / "outputs"
    outputs.touch()
    env = {**os.environ, "PATH": f"{stub.parent}{os.pathsep}{os.environ['PATH']}", "GITHUB_OUTPUT": str(outputs)}
    done = subprocess.run(["bash", "-e", "-c", decision["run"]], env=env, capture_output=True, text=True)  # as GitHub runs it
    if output is None:
        assert done.returncode == code
    else:
        assert done.returncode == 0, done.stderr
        assert outputs.read_text() == output


def test_a_fault_in_next_is_never_read_as_not_due(konkursi, monkeypatch):
    from konkursi.site import moments as moments_module

    def broken(*args, **kwargs):
        raise OverflowError("date value out of range")

    monkeypatch.setattr(moments_module, "due_since", broken)
    code, out, err = konkursi("next", "--due-since", "2020-04-10 12:00")
    assert code == 2 and err.startswith("konkursi next: neparedzēta kļūda (OverflowError")
    monkeypatch.undo()


def test_a_due_since_after_now_or_empty_is_an_error(konkursi):
    code, out, err = konkursi("next", "--now", "2020-04-10 12:00", "--due-since", "2020-04-15 12:00")
    assert code == 2 and "ir pēc pašreizējā" in err
    code, out, err = konkursi("next", "--due-since", "")
    assert code == 2


@pytest.mark.parametrize("written", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59+00:00"])
def test_a_recorded_now_no_build_could_have_had_counts_as_none(repository, written):
    mini, _ = repository
    git("commit", "-q", "--allow-empty", "-m", f"x\n\nKonkursi-Deploy: 1\nKonkursi-Source: {'a' * 40} clean\nKonkursi-Now: {written}", cwd=mini.root)
    git("push", "-q", "origin", "HEAD:refs/heads/gh-pages", "--force", cwd=mini.root)
    last = last_deploy(mini.root, "origin", "gh-pages")
    assert last is not None and last.built_for is None


def test_the_readmes_next_example_is_what_the_example_prints():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    said = run_konkursi("next", cwd=REPO)
    iso = run_konkursi("next", "--format", "iso", cwd=REPO)
    assert said.returncode == 0 and said.stdout.strip() in readme
    assert iso.returncode == 0 and iso.stdout.strip() in readme
