"""The ``konkursi`` command: validate records, generate pages, build and preview the site."""

from __future__ import annotations

import argparse
import logging
import errno
import json
import os
import shutil
import signal
import sys
import threading
import tempfile
from pathlib import Path

import yaml

from .delivery.deploy import DEFAULT_BRANCH, DeployError, deploy
from .delivery.sitedir import (MARKER, OutputDirError, cache_dir_problem, check_no_overwrite, check_output_dir, locked, made_by_konkursi,
                               make_publishable, mark, marked_source, remove_leftovers, swap_in)
from .lv import lv_datetime, plural
from .options import ENGINES, OPTIONS
from .options import value as option_value
from .outputs.templates import RenderError
from .cms.site import Admin, AdminError
from .project import Project, docs_files, files_staging_prefix, generate, publish, sources, write_files, write_pages
from .records.errors import ValidationFailed
from .records.errors import printable as _printable
from .records.load import Layout
from .records.scaffold import Request, ScaffoldError, new_record
from .records.schema import write_schemas
from .site.clock import NOW_VARIABLE, ClockError, parse_now, resolve_now
from .site.paths import Outputs, Paths, unknown_kind_problem
from .speedups import switch_problem


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    unprintable = next((arg for arg in argv if _printable(arg) != arg), None)
    if unprintable is not None:
        print(f'konkursi: argumentā "{_printable(unprintable)}" ir vadības vai citas neredzamas rakstzīmes; '
              "uzrakstiet to no jauna (nekopējiet)", file=sys.stderr)
        return 2
    args = _parser().parse_args(argv)
    try:
        if getattr(args, "now", None):
            parse_now(args.now, "--now")
            os.environ[NOW_VARIABLE] = args.now
        problem = switch_problem()
        if problem:
            return _fail("konkursi", problem, 2)
        return args.run(args)
    except ClockError as error:
        return _fail("konkursi", error, 2)
    except ConfigError as error:
        return _fail("konkursi", error)
    except KeyboardInterrupt:
        print("konkursi: pārtraukts (Ctrl+C); vietne palika tāda, kāda bija.", file=sys.stderr)
        return 130
    except OSError as error:
        return _fail("konkursi", error)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="konkursi", description="Projektu konkursu vietnes veidošana no YAML ierakstiem.")
    sub = parser.add_subparsers(required=True, metavar="komanda")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-f", "--config-file", default="mkdocs.yml", help="MkDocs konfigurācijas fails (pēc noklusējuma – mkdocs.yml)")
    common.add_argument("--now", help='laiks, pēc kura nosaka statusus, piem. "2020-04-20 12:00" (Rīgas laiks)')

    check = sub.add_parser("validate", parents=[common], help="pārbaudīt visus ierakstus")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(run=_validate)

    gen = sub.add_parser("generate", parents=[common], help="uzrakstīt lapas kā Markdown failus citam rīkam, kā arī kanālus, kalendārus un datus")
    gen.add_argument("--out", required=True, type=Path, help="mape, kurā rakstīt lapas un failus")
    gen.set_defaults(run=_generate)

    build = sub.add_parser("build", parents=[common], help="veidot vietni; site/ tiek aizstāta tikai pēc veiksmīgas veidošanas")
    build.add_argument("-d", "--site-dir", type=Path, help="mērķa mape (pēc noklusējuma – site_dir no mkdocs.yml)")
    build.add_argument("--engine", choices=ENGINES, help="kas veido lapas: mkdocs vai properdocs (saderīgs MkDocs 1.x "
                       "turpinājums); pēc noklusējuma – plugins.konkursi.engine no mkdocs.yml, citādi mkdocs")
    build.set_defaults(run=_build)

    new = sub.add_parser("new", help="izveidot jaunu ierakstu no veidnes ar paskaidrojumiem")
    kinds = new.add_subparsers(required=True, metavar="ieraksts")
    for kind, text in (("call", "pašvaldības konkurss kārtā"), ("round", "uzsaukuma kārta"), ("municipality", "pašvaldība")):
        one = kinds.add_parser(kind, parents=[common], help=text)
        if kind != "municipality":
            one.add_argument("--round", default="", help="kārtas identifikators (mapes nosaukums), piem. 2021-rudens")
        if kind != "round":
            one.add_argument("--municipality", default="", help="pašvaldības identifikators (faila nosaukums), piem. cesu-novads")
        if kind == "municipality":
            one.add_argument("--name", default="", help='oficiālais nosaukums, piem. "Cēsu novads" (no tā veido identifikatoru)')
        one.set_defaults(run=_new, kind=kind)

    schema = sub.add_parser("schema", help="uzrakstīt ierakstu failu JSON shēmas (redaktoru palīdzībai)")
    schema.add_argument("--out", required=True, type=Path, help="mape, kurā rakstīt shēmas")
    schema.set_defaults(run=_schema)

    publish_ = sub.add_parser("deploy", parents=[common], help="veidot vietni un publicēt to git zarā (piem. GitHub Pages)")
    publish_.add_argument("--remote", default="origin", help="git attālinātā krātuve: nosaukums (origin) vai adrese")
    publish_.add_argument("--branch", default=DEFAULT_BRANCH, help=f"zars, kurā publicēt (pēc noklusējuma – {DEFAULT_BRANCH})")
    publish_.add_argument("-d", "--site-dir", type=Path, help="mērķa mape (pēc noklusējuma – site_dir no mkdocs.yml)")
    publish_.add_argument("--no-build", action="store_true", help="publicēt jau veidoto vietni, neveidojot to no jauna")
    publish_.add_argument("--force", action="store_true",
                          help="aizstāt zaru arī tad, ja tajā ir vēsture, ko nav veidojis konkursi deploy (tā tiks zaudēta)")
    publish_.add_argument("--allow-dirty", action="store_true", help="publicēt arī projekta failu izmaiņas, kas nav saglabātas git vēsturē")
    publish_.set_defaults(run=_deploy)

    upcoming = sub.add_parser("next", parents=[common], help="kad vietne nākamreiz mainīsies laika dēļ (statusi, publicēšanas datumi)",
                              description="Nākamais brīdis, kad vietne jāveido no jauna, lai tā atbilstu laikam: sākas vai beidzas "
                              "pieteikšanās, konkursam parādās atzīme „drīz beigsies”, beidzas publicēšanas aizliegums (published, publish_at). "
                              "Ar --due-since vai --due-since-deploy: vai vietne jāveido no jauna; izejas kods 0 – jā, 1 – nē, 2 – kļūda.")
    upcoming.add_argument("--format", choices=("text", "iso", "epoch"), default="text",
                          help="text – teikums latviski; iso – tikai brīdis ISO 8601 formātā; epoch – tikai sekundes kopš 1970. gada "
                          "(ja izmaiņu vairs nav, iso un epoch neizvada neko)")
    due = upcoming.add_mutually_exclusive_group()
    due.add_argument("--due-since", metavar="BRĪDIS",
                     help='vai kopš šī brīža līdz tagadnei vietne ir mainījusies laika dēļ; brīdis: "2020-04-20 12:00" (Rīgas laiks), '
                     "ISO 8601 ar laika joslu vai sekundes kopš 1970. gada")
    due.add_argument("--due-since-deploy", action="store_true",
                     help="vai vietne jāpublicē no jauna: kopš pēdējās konkursi deploy publicēšanas (zarā --branch krātuvē --remote) "
                     "mainīts projekts vai pienācis izmaiņu brīdis")
    upcoming.add_argument("--remote", default="origin", help="ar --due-since-deploy: git attālinātā krātuve (pēc noklusējuma – origin)")
    upcoming.add_argument("--branch", default=DEFAULT_BRANCH, help=f"ar --due-since-deploy: publicēšanas zars (pēc noklusējuma – {DEFAULT_BRANCH})")
    upcoming.set_defaults(run=_next)

    serve = sub.add_parser("serve", parents=[common], help="priekšskatījums ar automātisku pārlādi")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    serve_poll_help = "pamanīt izmaiņas, pārbaudot failus ik pēc 0,5 s (lēnāk; tīkla diskiem, kuros izmaiņu paziņojumi nedarbojas)"
    serve.add_argument("--poll", action="store_true", help=serve_poll_help)
    serve.add_argument("--engine", choices=ENGINES, help="kas veido lapas: mkdocs vai properdocs; pēc noklusējuma – "
                       "plugins.konkursi.engine no mkdocs.yml, citādi mkdocs")
    serve.set_defaults(run=_serve)

    edit = sub.add_parser("edit", parents=[common], help="satura redaktors pārlūkā (Decap CMS) šajā mapē, ar priekšskatījumu; "
                          "tikai šajā datorā (127.0.0.1)")
    edit.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="redaktora un priekšskatījuma adrese (127.0.0.1:<ports> vai localhost:<ports>)")
    edit.add_argument("--api-port", type=int, default=0, help="redaktora failu servera ports (pēc noklusējuma – brīvs ports)")
    edit.add_argument("--poll", action="store_true", help=serve_poll_help)
    edit.add_argument("--engine", choices=ENGINES, help="kas veido lapas: mkdocs vai properdocs")
    edit.add_argument("--no-open", action="store_true", help="neatvērt pārlūku")
    edit.set_defaults(run=_edit)
    return parser


class ConfigError(Exception):
    """mkdocs.yml cannot describe a project; the message is Latvian."""


_OPTION_TYPES = {option.name: option.kind for option in OPTIONS}
"""The konkursi plugin's options as the CLI reads them (konkursi.options declares them once)."""


def _plugin_options(config: dict, config_file: Path) -> dict:
    """The konkursi entry of ``plugins:`` (a list of names and mappings, or one mapping), type-checked."""
    plugins = config.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else (
        next(iter(item.items())) if isinstance(item, dict) and len(item) == 1 else (item, None) for item in plugins)
    options = next(((value or {}) for name, value in entries if name == "konkursi"), {})
    if not isinstance(options, dict):
        raise ConfigError(f"{config_file}: laukā plugins.konkursi jābūt laukiem formā \"lauks: vērtība\"")
    for name, kind in _OPTION_TYPES.items():
        value = options.get(name)
        if value is not None and not isinstance(value, kind):
            what = "laukiem formā \"lauks: vērtība\"" if kind is dict else "tekstam"
            raise ConfigError(f"{config_file}: laukā plugins.konkursi.{name} jābūt {what}, nevis {_printable(repr(value))}")
    problem = unknown_kind_problem(options.get("paths"), options.get("outputs"))
    if problem:
        raise ConfigError(f"{config_file}: {_printable(problem)}")
    return options


def project_from_config(config_file: Path) -> tuple[Project, dict]:
    """The project that ``mkdocs.yml``'s konkursi plugin entry describes."""
    config = _read_mkdocs_yml(config_file)
    options = _plugin_options(config, config_file)
    for name in ("docs_dir", "site_dir", "site_url"):
        if config.get(name) is not None and not isinstance(config[name], str):
            raise ConfigError(f"{config_file}: laukā {name} jābūt tekstam, nevis {_printable(repr(config[name]))}")
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir") is not None and not isinstance(theme["custom_dir"], str):
        raise ConfigError(f"{config_file}: laukā theme.custom_dir jābūt tekstam (mapes ceļam)")
    root = config_file.resolve().parent
    layout = Layout(
        root,
        option_value(options, "programme"),
        option_value(options, "municipalities"),
        option_value(options, "calls"),
    )
    project = Project(
        layout,
        root / option_value(options, "templates"),
        Paths.from_config(options.get("paths")),
        options.get("now"),
        site_url=config.get("site_url"),
        directory_urls=config.get("use_directory_urls", True),
        outputs=Outputs.from_config(options.get("outputs")),
        id_authority=option_value(options, "id_authority"),
        admin=_admin(options, config_file),
        site_name=str(config.get("site_name") or ""),
    )
    return project, config


def _admin(options: dict, config_file: Path):
    try:
        return Admin.from_config(options.get("admin"))
    except AdminError as error:
        raise ConfigError(f"{config_file}: {_printable(str(error))}") from None


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its syntax and INHERIT chain, tags (``!!python/name``, ``!ENV``) left out."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def config_files(path: Path) -> list[Path]:
    """``path`` and the files it INHERITs from, as MkDocs reads them (each is a source of the site)."""
    chain = [path]
    while True:
        parent = _read_yaml(chain[-1]).get("INHERIT")
        if not isinstance(parent, str):
            return chain
        following = chain[-1].parent / parent
        if any(os.path.realpath(following) == os.path.realpath(file) for file in chain) or len(chain) > 20:
            raise SystemExit(f"konkursi: {_printable(str(chain[-1]))}: INHERIT veido cilpu ({_printable(parent)}); "
                             "katram failam drīkst mantot tikai no cita faila, kas nemanto atpakaļ")
        chain.append(following)


def _read_mkdocs_yml(path: Path) -> dict:
    """mkdocs.yml as MkDocs reads it (INHERIT merged, ``!ENV`` resolved); problems as Latvian messages."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    config_files(path)  # reads each file of the INHERIT chain: syntax errors reported with their line, in Latvian
    try:
        with open(path, "rb") as handle:
            config = yaml_load(handle) or {}
    except (ConfigurationError, yaml.YAMLError, ImportError, AttributeError) as error:  # also a !!python/name that does not import
        raise SystemExit(f"konkursi: {_printable(str(path))}: MkDocs konfigurāciju nevar nolasīt: {_printable(str(error))}") from None
    if not isinstance(config, dict):
        raise SystemExit(f"konkursi: {path}: MkDocs konfigurācijas failā jābūt laukiem formā \"lauks: vērtība\"")
    return config


def _read_yaml(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            config = yaml.load(handle, Loader=_TolerantLoader) or {}
    except UnicodeDecodeError:
        raise SystemExit(f"konkursi: {_printable(str(path))}: fails nav UTF-8 kodējumā; saglabājiet to kā UTF-8") from None
    except OSError as error:
        raise SystemExit(f"konkursi: nevar nolasīt {_printable(str(path))}: {os_problem(error)}") from None
    except yaml.YAMLError as error:
        at = getattr(error, "problem_mark", None)
        where = f"{path}:{at.line + 1}" if at else str(path)
        raise SystemExit(f"konkursi: {where}: MkDocs konfigurācijas failā ir YAML sintakses kļūda; "
                         "pārbaudiet pēdiņas, kolus un atkāpes šajā rindā") from None
    if not isinstance(config, dict):
        raise SystemExit(f"konkursi: {path}: MkDocs konfigurācijas failā jābūt laukiem formā \"lauks: vērtība\"")
    return config


def _mkdocs_problems(config_file: Path) -> list[str]:
    """What MkDocs' own reading of the configuration refuses or warns of (strict mode stops a build on both)."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    found: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                found.append(record.getMessage())

    handler = Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        load_config(str(config_file))
    except ConfigurationError as error:
        found.append(str(error))
    except SystemExit:  # MkDocs' Abort after the errors or (strict) warnings it has logged
        if not found:
            found.append("MkDocs atteicās nolasīt iestatījumus")
    finally:
        logger.removeHandler(handler)
    return [f"{config_file}: MkDocs iestatījumu kļūda (MkDocs ziņo angliski): {_printable(message.strip())}" for message in found]


def _report(failed: ValidationFailed, fmt: str = "text", building: bool = True) -> None:
    if fmt == "json":
        print(json.dumps([p.as_dict() for p in failed.errors + failed.warnings], ensure_ascii=False, indent=2))
    else:
        print(failed.report(building), file=sys.stderr)


def _validate(args) -> int:
    """Everything a build checks, short of writing: records, settings, templates and published files."""
    config_file = Path(args.config_file)
    project, config = project_from_config(config_file)
    refused = _mkdocs_problems(config_file)
    cache = option_value(_plugin_options(config, config_file), "cache_dir")
    if cache:
        problem = cache_dir_problem(project.layout.root, cache, _sources(project, config, config_file))
        if problem:
            refused.append(f"{config_file}: {problem}")
    if refused:
        print("\n".join(refused), file=sys.stderr)
        return 1
    existing = docs_files(project.layout.root / str(config.get("docs_dir", "docs")))
    try:
        result = generate(project, existing=existing)  # the hand-written pages a generated one may not replace
        publish(project, result, existing)
        warnings = result.warnings
    except RenderError as error:
        print(error, file=sys.stderr)
        return 1
    except ValidationFailed as failed:
        _report(failed, args.format, building=False)
        return 1
    if args.format == "json":
        print(json.dumps([w.as_dict() for w in warnings], ensure_ascii=False, indent=2))
    else:
        for warning in warnings:
            print(warning, file=sys.stderr)
        print("Visi ieraksti ir kārtībā.")
    return 0


def _generate(args) -> int:
    project, config = project_from_config(Path(args.config_file))
    out = Path(args.out)
    try:
        check_output_dir(out, project.layout.root, _sources(project, config, Path(args.config_file)), replaced=False,
                         example="--out izvade")
    except OutputDirError as error:
        return _fail("konkursi generate", error)
    try:
        result = generate(project)
        published = publish(project, result)
    except ValidationFailed as failed:
        _report(failed)
        return 1
    except RenderError as error:
        print(error, file=sys.stderr)
        return 1
    try:
        ours = made_by_konkursi(out) if out.exists() else True  # new or empty, or marked by an earlier run
        check_no_overwrite(out, [page.path for page in result.pages] + list(published.files))
        written = write_pages(result.pages, out)
        files = write_files(published.files, out, replace=True)
        if ours:
            mark(out)  # never on a folder that held files of its own: build -d would then replace it
    except (OutputDirError, OSError) as error:
        return _fail("konkursi generate", error)
    pages, others = len(written), len(files)
    print(f"{plural(pages, 'Uzrakstīta', 'Uzrakstītas')} {pages} {plural(pages, 'lapa', 'lapas')} un {others} kanālu, "
          f"kalendāru, datu un preses relīžu {plural(others, 'fails', 'faili')} mapē {out}")
    return 0


def _sources(project: Project, config: dict, config_file: Path) -> list[tuple[str, Path]]:
    """The project's hand-written folders and files (``project.sources``) as mkdocs.yml names them."""
    root = project.layout.root
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    custom_dir = root / str(theme["custom_dir"]) if theme.get("custom_dir") else None
    return sources(project, root / str(config.get("docs_dir", "docs")), custom_dir, config_file)


def _link_targets(folders: list[Path]) -> list[str]:
    """Where the symbolic links in the site's source folders lead: what they hold is published as much."""
    targets = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for current, dirs, names in os.walk(folder, followlinks=False):
            for name in dirs + names:
                path = os.path.join(current, name)
                if os.path.islink(path):
                    targets.append(os.path.realpath(path))
    return targets


def _site_dir(args, config: dict) -> Path:
    config_file = Path(args.config_file)
    return Path(os.path.abspath(args.site_dir or (config_file.resolve().parent / str(config.get("site_dir", "site")))))


def _build(args) -> int:
    """Build into a new folder beside the site and swap it in; the last good site stays on any failure."""
    config_file = Path(args.config_file)
    project, config = project_from_config(config_file)
    engine = _engine(args, config, config_file)
    _engine_cli(engine)  # not installed: said before anything is touched
    site_dir = _site_dir(args, config)
    try:
        check_output_dir(site_dir, project.layout.root, _sources(project, config, config_file))
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with locked(site_dir.parent):
            remove_leftovers(site_dir.parent, _leftover_prefixes(site_dir))
            staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
            try:
                if not _mkdocs_build(config_file, staging, engine):
                    print("Vietne netika veidota; iepriekšējā vietne palika neskarta.", file=sys.stderr)
                    return 1
                mark(staging, _provenance(project, config, config_file))
                make_publishable(staging)
                swap_in(staging, site_dir)
            finally:
                shutil.rmtree(staging, ignore_errors=True)  # gone already after a successful swap
                remove_leftovers(site_dir.parent, _leftover_prefixes(site_dir))
    except OutputDirError as error:
        return _fail("konkursi build", error)
    except OSError as error:
        print(f"konkursi build: {os_problem(error)}; iepriekšējā vietne palika neskarta.", file=sys.stderr)
        return 1
    print(f"Vietne gatava: {site_dir}")
    return 0


def _provenance(project: Project, config: dict, config_file: Path) -> str:
    from .delivery.deploy import DeployError, provenance

    try:
        return provenance(project.layout.root, _deploy_sources(project, config, config_file))
    except DeployError:
        return ""


def _deploy_sources(project: Project, config: dict, config_file: Path) -> list[str]:
    """Every file the site is made of: sources, inherited configuration, and where their links lead."""
    sources = [str(path) for _, path in _sources(project, config, config_file)]
    sources += [str(file) for file in config_files(config_file)[1:]]
    return sources + _link_targets([path for _, path in _sources(project, config, config_file)])


def _leftover_prefixes(site_dir: Path) -> list[str]:
    name = site_dir.name
    return [f".{name}.new-", f".{name}.old-", files_staging_prefix(site_dir)]


def _engine(args, config: dict, config_file: Path) -> str:
    engine = getattr(args, "engine", None) or option_value(_plugin_options(config, config_file), "engine")
    if engine not in ENGINES:
        raise ConfigError(f'{config_file}: laukā plugins.konkursi.engine jābūt "mkdocs" vai "properdocs", nevis "{_printable(str(engine))}"')
    return engine


def _engine_cli(engine: str):
    """The engine's command-line group; a Latvian error when it is not installed."""
    if engine == "properdocs":
        try:
            from properdocs.__main__ import cli
        except ImportError:
            raise ConfigError(f"ProperDocs nav uzstādīts: uzstādiet to ({sys.executable} -m pip install -c requirements.lock "
                              f"properdocs) vai veidojiet ar --engine mkdocs") from None
        return cli
    from mkdocs.__main__ import cli
    return cli


def _mkdocs_build(config_file: Path, staging: Path, engine: str = "mkdocs") -> bool:
    """``<engine> build --strict`` into ``staging``, in this process (so it ends with konkursi); True on success."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"  # mkdocs-material's English end-of-life banner; set before it is imported
    from click import Abort, ClickException

    engine_cli = _engine_cli(engine)
    previous = signal.signal(signal.SIGTERM, _interrupt)  # a kill runs the clean-up as Ctrl+C does
    try:
        engine_cli.main(["build", "--strict", "-f", str(config_file), "-d", str(staging)],
                        prog_name=engine, standalone_mode=False)
    except Abort:  # click's answer to Ctrl+C (and so to SIGTERM, see _interrupt)
        raise KeyboardInterrupt from None
    except ClickException as error:
        if "strict mode" in error.format_message():
            print("MkDocs brīdinājumi (skatiet augstāk) aptur veidošanu, jo mkdocs.yml failā ir iestatījums strict: true.",
                  file=sys.stderr)
        return False
    except SystemExit as exit:
        return exit.code in (0, None)
    finally:
        signal.signal(signal.SIGTERM, previous)
    return True


def _fail(command: str, error: Exception, code: int = 1) -> int:
    """Print why ``command`` failed, in Latvian and without control characters; return the exit code."""
    text = os_problem(error) if isinstance(error, OSError) else _printable(str(error))
    print(f"{command}: {text}", file=sys.stderr)
    return code


def os_problem(error: OSError) -> str:
    """A file-system failure in Latvian, with the file it concerns."""
    where = f" ({error.filename})" if error.filename else ""
    reasons = {
        errno.ENOSPC: "diskā nav brīvas vietas; atbrīvojiet vietu un palaidiet vēlreiz",
        errno.EDQUOT: "pārsniegta diska kvota; atbrīvojiet vietu un palaidiet vēlreiz",
        errno.EACCES: "nav atļaujas rakstīt vai lasīt; pārbaudiet mapes piekļuves tiesības",
        errno.EPERM: "darbība nav atļauta; pārbaudiet mapes piekļuves tiesības",
        errno.EROFS: "disks ir pieejams tikai lasīšanai; norādiet mapi citā diskā",
        errno.ENOENT: "fails vai mape nav atrasta",
        errno.ENOTDIR: "ceļā ir fails, kur vajadzīga mape",
        errno.EEXIST: "fails jau eksistē",
        errno.ENAMETOOLONG: "faila nosaukums ir pārāk garš",
    }
    code = errno.errorcode.get(error.errno, str(error.errno))
    return f"{reasons.get(error.errno, f'failu sistēmas kļūda ({code})')}{where}"


def _deploy(args) -> int:
    from .delivery.deploy import SOURCES, check, provenance

    config_file = Path(args.config_file)
    root = config_file.resolve().parent
    built_for = None  # the build's "now", taken before it starts (recorded for konkursi next --due-since-deploy)
    try:
        project, config = project_from_config(config_file)
        sources = _deploy_sources(project, config, config_file)
        built_for = None if args.no_build else resolve_now(project.now)
    except (ConfigError, SystemExit):  # a broken mkdocs.yml: the build reports it; the usual folders are checked meanwhile
        if args.no_build:
            raise
        sources, config = list(SOURCES), {}
    try:
        dirty = check(root, args.remote, args.branch, allow_dirty=args.allow_dirty, sources=sources)
        if not args.no_build and _build(args) != 0:
            print("Vietne netika publicēta.", file=sys.stderr)
            return 1
        site_dir = _site_dir(args, config)
        if (site_dir / "index.html").is_file() and not (site_dir / MARKER).is_file():
            raise DeployError(f"mapē {site_dir} nav konkursi veidotas vietnes (faila {MARKER}); publicē tikai to, "
                              "ko izveidojis konkursi build. Vispirms palaidiet konkursi build")
        if args.no_build and not args.allow_dirty:
            built_from, now_at = marked_source(site_dir), provenance(root, sources)
            if now_at and (built_from != now_at or now_at.endswith("dirty")):
                raise DeployError(f"vietne mapē {site_dir} veidota no citas projekta versijas vai ar izmaiņām, kas nav "
                                  "saglabātas git vēsturē; palaidiet konkursi deploy bez --no-build (tas veido vietni no jauna)")
        commit = deploy(site_dir, args.remote, args.branch, root,
                        force=args.force, allow_dirty=args.allow_dirty, sources=sources, built_for=built_for)
    except DeployError as error:
        return _fail("konkursi", error)
    if dirty:
        more = f" un vēl {len(dirty) - 10}" if len(dirty) > 10 else ""
        print(f"konkursi: publicētas arī izmaiņas, kas nav saglabātas git vēsturē: {', '.join(dirty[:10])}{more}", file=sys.stderr)
    print(f"Vietne publicēta: {args.remote}, zars {args.branch} (commit {commit[:12]})")
    return 0


def _next(args) -> int:
    """The next moment the output changes; with --due-since(-deploy), exit 0 when a rebuild is due, 1 when not, 2 on errors."""
    from .delivery.deploy import last_deploy, provenance
    from .site.moments import due_since, due_since_deploy, next_changes, next_text
    from .project import validate

    config_file = Path(args.config_file)
    try:
        project, config = project_from_config(config_file)
        records, _ = validate(project)
        now = resolve_now(project.now)
        if args.due_since is not None or args.due_since_deploy:
            if args.due_since is not None:
                since = _moment(args.due_since, "--due-since")
                if since > now:
                    raise ClockError(f"iestatījumā --due-since: brīdis ({lv_datetime(since, 'nominative')}) ir pēc pašreizējā "
                                     f"({lv_datetime(now, 'genitive')}); norādiet pēdējās publicēšanas brīdi", "--due-since")
                verdict = due_since(records, since, now)
            else:
                last = last_deploy(project.layout.root, args.remote, args.branch)
                source = provenance(project.layout.root, _deploy_sources(project, config, config_file))
                verdict = due_since_deploy(records, last, source, now, f"zarā {args.branch} krātuvē {args.remote}")
            print(verdict.text)
            return 0 if verdict.due else 1
    except ValidationFailed as failed:
        _report(failed, building=False)
        return 2
    except (ConfigError, ClockError, DeployError, OSError) as error:
        return _fail("konkursi next", error, 2)
    except SystemExit as exit:  # mkdocs.yml that cannot be read: its message is printed, the code is ours
        if isinstance(exit.code, str):
            print(exit.code, file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - never exit 1 ("not due") on a fault: the workflow would skip a publish
        print(f"konkursi next: neparedzēta kļūda ({type(error).__name__}: {_printable(str(error))}); "
              "vietni uzskata par jāatjaunina", file=sys.stderr)
        return 2
    if args.format != "text":
        upcoming = next_changes(records, now)
        if upcoming:
            print(upcoming[0].at.isoformat() if args.format == "iso" else int(upcoming[0].at.timestamp()))
        return 0
    if project.now and not os.environ.get(NOW_VARIABLE):
        print(f"konkursi next: mkdocs.yml nosaka laiku (now: {project.now}), tāpēc vietne tiek veidota šim brīdim un pati nemainās; "
              "izmaiņas norādītas, sākot no šī brīža.", file=sys.stderr)
    print(next_text(records, now))
    return 0


def _moment(text: str, origin: str):
    """A moment as ``--now`` takes it, or seconds since 1970 (``1587391200``, ``@1587391200``)."""
    from .site.clock import epoch_now

    digits = text.strip().removeprefix("@")
    if not digits.lstrip("-").isdigit():
        return parse_now(text, origin)
    try:
        return epoch_now(digits)
    except ClockError as error:
        raise ClockError(f"iestatījumā {origin}: {error.reason}", origin, error.reason) from None


def _new(args) -> int:
    project, _ = project_from_config(Path(args.config_file))
    request = Request(args.kind, getattr(args, "round", ""), getattr(args, "municipality", ""), getattr(args, "name", ""))
    try:
        path = new_record(project.layout, request, resolve_now().date())
    except ScaffoldError as error:
        return _fail("konkursi", error)
    except OSError as error:
        print(f"konkursi new: ierakstu nevar izveidot: {os_problem(error)}", file=sys.stderr)
        return 1
    print(f"Izveidots {path.relative_to(project.layout.root).as_posix()}: aizpildiet vērtības «…» un palaidiet konkursi validate")
    return 0


def _schema(args) -> int:
    here = Path.cwd()
    config_file = next((folder / "mkdocs.yml" for folder in (here, *here.parents) if (folder / "mkdocs.yml").is_file()),
                       here / "mkdocs.yml")
    try:
        if config_file.is_file():  # in a project (run from any of its folders): never among its records, pages or theme
            project, config = project_from_config(config_file)
            sources = [(name, path) for name, path in _sources(project, config, config_file)]
            check_output_dir(args.out, project.layout.root, sources, replaced=False, example="--out shemas")
        written = write_schemas(args.out)
    except OutputDirError as error:
        return _fail("konkursi schema", error)
    except OSError as error:
        return _fail("konkursi schema", error)
    for path in written:
        print(path)
    return 0


def _serve(args) -> int:
    """The engine's dev server (`mkdocs serve --dirty`, or properdocs'), run in this process.

    --dirty: after a change only the pages it touches are rebuilt (see engines.preview). In this
    process, unlike a child, stopping `konkursi serve` (Ctrl+C, a signal) stops the server too.
    """
    os.environ["NO_MKDOCS_2_WARNING"] = "1"  # mkdocs-material's English end-of-life banner; set before it is imported
    from .speedups.livereload import told_of_changes

    config_file = Path(args.config_file)
    engine = _engine(args, _read_mkdocs_yml(config_file), config_file)
    engine_cli = _engine_cli(engine)
    if not args.poll:
        told_of_changes(engine)  # else (and where not proven) the engine's own polling
    signal.signal(signal.SIGTERM, _interrupt)  # the engine then shuts down as after Ctrl+C and removes its temporary site
    command = ["serve", "--dirty", "-f", args.config_file, "-a", args.dev_addr]
    try:
        engine_cli.main(command, prog_name=engine)
    except SystemExit as exit:
        return exit.code if isinstance(exit.code, int) else 1
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            print(f"konkursi: adrese {args.dev_addr} jau ir aizņemta – varbūt priekšskatījums vai redaktors jau darbojas "
                  "citā terminālī? Apturiet to (Ctrl+C) vai norādiet citu adresi, piemēram, -a 127.0.0.1:8001", file=sys.stderr)
            return 1
        if args.poll or error.errno not in (errno.ENOSPC, errno.EMFILE):
            raise
        print("konkursi: sistēma neļauj sekot līdzi vairāk failu izmaiņām (inotify ierobežojums); "
              "palaidiet `konkursi serve --poll`", file=sys.stderr)
        return 1
    return 0


def _edit(args) -> int:
    """The web editor on this folder: Decap CMS at the preview's /admin/, saving through konkursi's file
    server (cms/server.py) on 127.0.0.1, and the live preview of `konkursi serve` beside it."""
    from .cms.server import EditServer, Records
    from .cms.site import LOCAL_API

    config_file = Path(args.config_file)
    try:
        project, config = project_from_config(config_file)
    except ConfigError as error:
        return _fail("konkursi edit", error)
    host, _, port = args.dev_addr.rpartition(":")
    if host not in ("127.0.0.1", "localhost") or not port.isdigit() or not 0 < int(port) < 65536 \
            or not 0 <= args.api_port < 65536:
        print(f"konkursi edit: adresei jābūt 127.0.0.1:<ports> vai localhost:<ports>, nevis {args.dev_addr}: "
              "redaktors strādā tikai šajā datorā", file=sys.stderr)
        return 2
    if project.admin is None:
        print(f"konkursi edit: failā {config_file} nav ieslēgts satura redaktors (plugins.konkursi.admin); pievienojiet to, "
              "kā aprakstīts lapā „Kā publicēt jaunu konkursu” (nodaļa „Administratoram”)", file=sys.stderr)
        return 2
    origins = {f"http://127.0.0.1:{port}", f"http://localhost:{port}"}
    try:
        existing = docs_files(project.layout.root / str(config.get("docs_dir", "docs")))
        server = EditServer(Records(project, existing), origins, args.api_port)
    except OSError as error:
        print(f"konkursi edit: nevar palaist redaktora failu serveri: {os_problem(error)}", file=sys.stderr)
        return 1
    server.start()
    LOCAL_API.append(server.url)
    admin = f"http://{args.dev_addr}/{project.admin.path}/"
    print(f"Satura redaktors: {admin}\nPriekšskatījums: http://{args.dev_addr}/\n"
          "Saglabātās izmaiņas tiek ierakstītas šīs mapes failos; tās publicē ar git (skatiet „Kā publicēt jaunu "
          "konkursu”). Apturēt: Ctrl+C", file=sys.stderr)
    if not args.no_open and (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform in ("darwin", "win32")):
        import webbrowser

        threading.Timer(3.0, webbrowser.open, (admin,)).start()
    try:
        return _serve(args)
    finally:
        server.shutdown()
        server.server_close()
        LOCAL_API.remove(server.url)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
