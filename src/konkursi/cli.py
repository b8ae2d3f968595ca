"""The ``konkursi`` command: validate records, generate pages, build and preview the site."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from .clock import NOW_VARIABLE, ClockError, parse_now
from .errors import ValidationFailed
from .load import Layout
from .paths import Paths
from .project import Project, generate, validate, write_files, write_pages
from .render import RenderError


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.now:
            parse_now(args.now, "--now")
            os.environ[NOW_VARIABLE] = args.now
        return args.run(args)
    except ClockError as error:
        print(f"konkursi: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="konkursi", description="Projektu konkursu vietnes veidošana no YAML ierakstiem.")
    sub = parser.add_subparsers(required=True, metavar="komanda")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-f", "--config-file", default="mkdocs.yml", help="MkDocs konfigurācijas fails (noklusēti mkdocs.yml)")
    common.add_argument("--now", help='laiks, pēc kura nosaka statusus, piem. "2020-04-20 12:00" (Rīgas laiks)')

    check = sub.add_parser("validate", parents=[common], help="pārbaudīt visus ierakstus")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(run=_validate)

    gen = sub.add_parser("generate", parents=[common], help="uzrakstīt lapas kā Markdown failus citam rīkam")
    gen.add_argument("--out", required=True, type=Path, help="mape, kurā rakstīt lapas")
    gen.set_defaults(run=_generate)

    build = sub.add_parser("build", parents=[common], help="veidot vietni; site/ tiek aizstāta tikai pēc veiksmīgas veidošanas")
    build.add_argument("-d", "--site-dir", type=Path, help="mērķa mape (noklusēti site_dir no mkdocs.yml)")
    build.set_defaults(run=_build)

    serve = sub.add_parser("serve", parents=[common], help="priekšskatījums ar automātisku pārlādi")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    serve.set_defaults(run=_serve)
    return parser


def project_from_config(config_file: Path) -> tuple[Project, dict]:
    """The project that ``mkdocs.yml``'s konkursi plugin entry describes."""
    config = _read_mkdocs_yml(config_file)
    options: dict = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "konkursi" in plugin:
            options = plugin["konkursi"] or {}
    root = config_file.resolve().parent
    layout = Layout(
        root,
        options.get("programme", "programme.yml"),
        options.get("municipalities", "municipalities"),
        options.get("calls", "calls"),
    )
    project = Project(layout, root / options.get("templates", "theme/pages"), Paths.from_config(options.get("paths")), options.get("now"))
    return project, config


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!!python/name`` and ``!ENV`` tags konkursi does not need."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _read_mkdocs_yml(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_TolerantLoader) or {}
    except OSError as error:
        raise SystemExit(f"konkursi: nevar nolasīt {path}: {error.strerror}") from None


def _report(failed: ValidationFailed, fmt: str = "text") -> None:
    if fmt == "json":
        print(json.dumps([p.as_dict() for p in failed.errors + failed.warnings], ensure_ascii=False, indent=2))
    else:
        print(failed.report(), file=sys.stderr)


def _validate(args) -> int:
    project, _ = project_from_config(Path(args.config_file))
    try:
        _, warnings = validate(project)
    except ValidationFailed as failed:
        _report(failed, args.format)
        return 1
    if args.format == "json":
        print(json.dumps([w.as_dict() for w in warnings], ensure_ascii=False, indent=2))
    else:
        for warning in warnings:
            print(warning, file=sys.stderr)
        print("Visi ieraksti ir kārtībā.")
    return 0


def _generate(args) -> int:
    project, _ = project_from_config(Path(args.config_file))
    try:
        result = generate(project)
    except ValidationFailed as failed:
        _report(failed)
        return 1
    except RenderError as error:
        print(error, file=sys.stderr)
        return 1
    written = write_pages(result.pages, args.out)
    write_files(result.files, args.out)
    print(f"Uzrakstītas {len(written)} lapas mapē {args.out}")
    return 0


def _build(args) -> int:
    config_file = Path(args.config_file)
    project, config = project_from_config(config_file)
    site_dir = args.site_dir or (config_file.resolve().parent / config.get("site_dir", "site"))
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config_file), "-d", str(staging)]
    completed = subprocess.run(command)
    if completed.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print("Vietne netika veidota; iepriekšējā vietne palika neskarta.", file=sys.stderr)
        return 1
    _replace_dir(staging, site_dir)
    print(f"Vietne gatava: {site_dir}")
    return 0


def _replace_dir(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target`` with renames, so readers never see a half-written site."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rename(target, old / target.name)
    os.rename(new, target)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def _serve(args) -> int:
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", args.config_file, "-a", args.dev_addr]
    return subprocess.call(command)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
