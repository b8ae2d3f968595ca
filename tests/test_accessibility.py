"""The accessibility statement: generated from programme.yml with every element of the model statement
of Commission Implementing Decision (EU) 2018/1523, checked like every other record, and reviewed yearly."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from bs4 import BeautifulSoup

from _schema_helpers import field_names, schema_errors
from conftest import PROGRAMME, REPO, run_konkursi
from konkursi.records import validate as validate_module
from konkursi.site.clock import parse_now
from konkursi.site.derive import statement_warnings
from konkursi.records.errors import ValidationFailed
from konkursi.project import Project, generate, validate

STATEMENT = """\
accessibility:
  body: Izglītības kvalitātes valsts dienests
  law: Ministru kabineta 2020. gada 14. jūlija noteikumiem Nr. 445 „Kārtība, kādā iestādes ievieto informāciju internetā”
  law_url: https://likumi.lv/ta/id/316109
  standard: EN 301 549 V3.2.1 (2021-03)
  compliance: daļēji atbilst
  non_accessible:
    - content: Preses relīžu faili .docx formātā
      reason: neatbilstība
      alternative: Relīzes saturs ir arī tīmekļa lapā.
  prepared: 2020-09-23
  reviewed: 2020-12-01
  method: pašnovērtējums
  response_time: 10 darbdienu laikā
  enforcement:
    procedure: Ja atbilde neapmierina, sūdzību var iesniegt tiesībsargam.
    body: Latvijas Republikas tiesībsargs
    email: tiesibsargs@tiesibsargs.lv
"""
SITE = "https://konkursi.example/"
FIELD_NAMES = ("prepared", "reviewed", "compliance", "method", "non_accessible")


def with_statement(mini, statement: str = STATEMENT) -> None:
    mini.write("programme.yml", PROGRAMME + statement)


def line_of(text: str, start: str) -> int:
    """Line (from 1) of the first line of ``text`` that starts with ``start`` once indented."""
    return next(number for number, line in enumerate(text.splitlines(), 1) if line.strip().startswith(start))


def statement_page(root: Path, now: str = "2020-12-10 12:00") -> str:
    result = generate(Project.at(root, site_url=SITE), now=parse_now(now))
    (page,) = [page for page in result.pages if page.kind == "accessibility"]
    assert page.path == "pieklustamibas-pazinojums.md"
    return page.markdown


def article_text(site: Path, path: str) -> tuple[str, BeautifulSoup]:
    soup = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article")
    return re.sub(r" ([.,;:)])(?=\s|$)", r"\1", " ".join(article.get_text(" ").split())), article


# The page ----------------------------------------------------------------------------------------

def test_the_example_statement_has_every_element_of_the_model_statement(example_site):
    text, article = article_text(example_site, "pieklustamibas-pazinojums")
    headings = [h.get_text(" ", strip=True) for h in article.find_all(["h1", "h2", "h3"])]
    assert headings == [
        "Piekļūstamības paziņojums", "Atbilstības statuss", "Nepiekļūstamais saturs",
        "Neatbilstība piekļūstamības prasībām", "Saturs, uz kuru piekļūstamības prasības neattiecas",
        "Paziņojuma sagatavošana", "Atsauksmes un saziņa", "Izpildes nodrošināšanas procedūra", "Citi saziņas kanāli",
    ]
    # The body's commitment under the national law, and the site it covers (site_url of mkdocs.yml).
    assert ("Izglītības kvalitātes valsts dienests apņemas nodrošināt šīs tīmekļvietnes piekļūstamību saskaņā ar "
            "Ministru kabineta 2020. gada 14. jūlija noteikumiem Nr. 445 „Kārtība, kādā iestādes ievieto informāciju internetā”") in text
    assert article.find("a", href="https://likumi.lv/ta/id/316109")
    assert "Šis piekļūstamības paziņojums attiecas uz tīmekļvietni https://konkursi.example/" in text
    assert article.find("a", href="https://konkursi.example/")
    # Compliance status, with the standard.
    assert "Šī tīmekļvietne daļēji atbilst minētā tiesību akta piekļūstamības prasībām" in text
    assert "Atbilstība vērtēta pēc standarta EN 301 549 V3.2.1 (2021-03), kas tīmekļa lapām prasa" in text
    assert "WCAG 2.1 AA līmeni" in text
    # Non-accessible content with its reasons and alternatives.
    assert "Preses relīžu faili .docx formātā." in text and "Piekļūstama alternatīva." in text
    assert "Konkursu nolikumi, pieteikuma veidlapas un citi dokumenti pašvaldību tīmekļvietnēs." in text
    # Preparation: dates in the locative, machine-readable too; the method.
    assert "Paziņojums sagatavots 2020. gada 23. septembrī un pēdējoreiz pārskatīts 2026. gada 6. decembrī." in text
    assert article.find("time", datetime="2020-09-23") and article.find("time", datetime="2026-12-06")
    assert "(pašnovērtējums)" in text and "axe-core" in text
    # Feedback: the programme's contact and the response time.
    assert "rakstiet vai zvaniet: Ļubova Vasečko" in text
    assert article.find("a", href="mailto:lubova.vasecko@834.ikvd.gov.lv")
    assert "Atbildi sniegsim 10 darbdienu laikā." in text
    # Enforcement: where to complain, with contacts.
    assert "varat iesniegt sūdzību Latvijas Republikas tiesībsargam" in text
    assert "Latvijas Republikas tiesībsargs adrese: Baznīcas iela 25, Rīga, LV-1010" in text
    assert article.find("a", href="mailto:tiesibsargs@tiesibsargs.lv") and article.find("a", href="tel:+37167686768")
    # Optional: the body's other channels.
    assert "pašvaldību kontaktpersonām, kas norādītas lapā „Kontaktpersonas”" in text
    assert "(piemērs)" not in text


def test_the_statement_is_in_the_navigation_at_its_old_address_once(example_site):
    home = BeautifulSoup((example_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = [a for a in home.select("nav.md-nav--primary a.md-nav__link") if a.get_text(strip=True) == "Piekļūstamības paziņojums"]
    assert [a.get("href") for a in links] == ["pieklustamibas-pazinojums/"]
    assert not (REPO / "content/pieklustamibas-pazinojums.md").exists()


def test_a_hand_written_statement_beside_the_generated_one_is_refused(mini):
    mini.write("content/pieklustamibas-pazinojums.md", "# Piekļūstamības paziņojums\n")
    done = run_konkursi("validate", cwd=mini.root)
    assert done.returncode == 1
    assert ("pieklustamibas-pazinojums.md: šo lapu veido konkursi, bet mapē content/ jau ir fails ar tādu pašu ceļu; "
            "pārdēvējiet vai izdzēsiet to") in done.stderr


def test_fully_compliant_with_an_empty_list_and_a_third_party(mini):
    statement = (STATEMENT.replace("daļēji atbilst", "pilnīgi atbilst").replace("pašnovērtējums", "trešā persona")
                 .replace("  non_accessible:\n    - content: Preses relīžu faili .docx formātā\n      reason: neatbilstība\n"
                          "      alternative: Relīzes saturs ir arī tīmekļa lapā.\n", "")
                 + "  assessed_by: SIA Piekļūstamība\n  report_url: https://konkursi.example/protokols.pdf\n")
    with_statement(mini, statement)
    page = statement_page(mini.root)
    assert "Šī tīmekļvietne **pilnīgi atbilst** minētā tiesību akta piekļūstamības prasībām." in page
    assert "Nepiekļūstams saturs nav konstatēts." in page and "###" not in page
    assert "Tīmekļvietnes atbilstību novērtēja trešā persona: SIA Piekļūstamība." in page
    assert 'Novērtējumu apliecinošs dokuments: <a href="https://konkursi.example/protokols.pdf">' in page


def test_not_compliant_names_its_non_compliances(mini):
    with_statement(mini, STATEMENT.replace("daļēji atbilst", "neatbilst"))
    page = statement_page(mini.root)
    assert "Šī tīmekļvietne **neatbilst** minētā tiesību akta piekļūstamības prasībām: neatbilstības ir uzskaitītas turpmāk." in page
    assert "### Neatbilstība piekļūstamības prasībām" in page


def test_laws_bodies_and_deadlines_are_data_another_programme_changes(mini):
    template = (REPO / "theme/pages/accessibility.md.j2").read_text(encoding="utf-8")
    for legal in ("445", "2016/2102", "Direktīv", "tiesībsarg", "EN 301", "WCAG", "Iesniegumu", "darbdien", "VARAM"):
        assert legal not in template, legal
    with_statement(mini, STATEMENT.replace("Ministru kabineta 2020. gada 14. jūlija noteikumiem Nr. 445 „Kārtība, kādā iestādes ievieto informāciju internetā”",
                                           "Valsts pārvaldes iekārtas likumam")
                   .replace("Latvijas Republikas tiesībsargs", "Uzraudzības birojs").replace("10 darbdienu laikā", "mēneša laikā"))
    page = statement_page(mini.root)
    assert "piekļūstamību saskaņā ar <a href=\"https://likumi.lv/ta/id/316109\">Valsts pārvaldes iekārtas likumam</a>." in page
    assert "**Uzraudzības birojs**" in page and "Atbildi sniegsim mēneša laikā." in page
    assert "445" not in page


def test_without_a_statement_the_page_says_so_and_gives_the_contact(mini):
    page = statement_page(mini.root)
    assert "Šīs tīmekļvietnes piekļūstamības paziņojums vēl nav sagatavots." in page
    assert "rakstiet vai zvaniet:" in page and "**Ļubova Vasečko**" in page


# Checks ------------------------------------------------------------------------------------------

def test_wrong_values_are_named_with_file_line_and_field_all_at_once(mini, monkeypatch):
    monkeypatch.setattr(validate_module, "today", lambda: dt.date(2026, 12, 6))
    statement = (STATEMENT.replace("compliance: daļēji atbilst", "compliance: daļēji")
                 .replace("prepared: 2020-09-23", "prepared: 2020-02-30")
                 .replace("method: pašnovērtējums", "method: audits")
                 .replace("reason: neatbilstība", "reason: slikti"))
    with_statement(mini, statement)
    text = PROGRAMME + statement
    line = {name: line_of(text, name + ":") for name in ("compliance", "prepared", "method", "reason")}
    assert mini.problems() == [
        f'programme.yml:{line["compliance"]}: laukā "accessibility.compliance": nezināma vērtība "daļēji"; atļautās: '
        '"pilnīgi atbilst" (tīmekļvietne pilnīgi atbilst piekļūstamības prasībām), "daļēji atbilst" (tīmekļvietne daļēji '
        'atbilst: neatbilstības vai izņēmumi uzskaitīti laukā non_accessible), "neatbilst" (tīmekļvietne neatbilst '
        'piekļūstamības prasībām: neatbilstības uzskaitītas laukā non_accessible)',
        f'programme.yml:{line["reason"]}: laukā "accessibility.non_accessible[1].reason": nezināma vērtība "slikti"; atļautās: '
        '"neatbilstība" (neatbilstība piekļūstamības prasībām), "nesamērīgs slogs" (prasību izpilde radītu nesamērīgu '
        'slogu), "neattiecas" (uz šo saturu piekļūstamības prasības neattiecas)',
        f'programme.yml:{line["prepared"]}: laukā "accessibility.prepared": datums 2020-02-30 neeksistē',
        f'programme.yml:{line["method"]}: laukā "accessibility.method": nezināma vērtība "audits"; atļautās: '
        '"pašnovērtējums" (atbilstību novērtēja pati iestāde), "trešā persona" (atbilstību novērtēja trešā persona)',
    ]


def test_a_date_after_the_machine_date_is_an_error(mini, monkeypatch):
    monkeypatch.setattr(validate_module, "today", lambda: dt.date(2026, 12, 6))
    with_statement(mini, STATEMENT.replace("reviewed: 2020-12-01", "reviewed: 2026-12-07"))
    reviewed = line_of(PROGRAMME + STATEMENT, "reviewed:")
    assert mini.problems() == [
        f'programme.yml:{reviewed}: laukā "accessibility.reviewed": datums 2026. gada 7. decembris vēl nav pienācis '
        "(šodien ir 2026. gada 6. decembris); norādiet dienu, kad paziņojums tika sagatavots vai pārskatīts",
    ]


def test_a_date_in_2099_is_refused_by_validate_and_build(mini):
    with_statement(mini, STATEMENT.replace("prepared: 2020-09-23", "prepared: 2099-01-01").replace("  reviewed: 2020-12-01\n", ""))
    prepared = line_of(PROGRAMME + STATEMENT, "prepared:")
    for command in ("validate", "build"):
        done = run_konkursi(command, "--now", "2020-12-10 12:00", cwd=mini.root)
        assert done.returncode == 1, command
        assert f'programme.yml:{prepared}: laukā "accessibility.prepared": datums 2099. gada 1. janvāris vēl nav pienācis' in done.stderr
    assert not (mini.root / "site").exists()


def test_review_before_preparation_and_a_status_its_list_contradicts_are_errors(mini, monkeypatch):
    monkeypatch.setattr(validate_module, "today", lambda: dt.date(2026, 12, 6))
    statement = STATEMENT.replace("reviewed: 2020-12-01", "reviewed: 2020-09-01").replace("daļēji atbilst", "pilnīgi atbilst")
    with_statement(mini, statement)
    text = PROGRAMME + statement
    assert mini.problems() == [
        f'programme.yml:{line_of(text, "compliance:")}: laukā "accessibility.compliance": statuss ir „pilnīgi atbilst”, bet '
        "laukā non_accessible ir saturs ar iemeslu „neatbilstība” vai „nesamērīgs slogs”; norādiet „daļēji atbilst” vai "
        "izņemiet šo saturu no saraksta",
        f'programme.yml:{line_of(text, "reviewed:")}: laukā "accessibility.reviewed": pārskatīšanas datums '
        "(2020. gada 1. septembris) ir pirms sagatavošanas datuma (2020. gada 23. septembris, lauks prepared)",
    ]
    with_statement(mini, STATEMENT.replace("reason: neatbilstība", "reason: neattiecas"))
    assert mini.problems() == [
        f'programme.yml:{line_of(PROGRAMME + STATEMENT, "compliance:")}: laukā "accessibility.compliance": statuss ir '
        "„daļēji atbilst”, bet laukā non_accessible nav neviena satura ar iemeslu „neatbilstība” vai „nesamērīgs slogs”; "
        "uzskaitiet, kas nav piekļūstams un kāpēc",
    ]


def test_a_missing_required_element_is_named_where_its_mapping_starts(mini):
    statement = STATEMENT.replace("  response_time: 10 darbdienu laikā\n", "").replace("    body: Latvijas Republikas tiesībsargs\n", "")
    with_statement(mini, statement)
    text = PROGRAMME + statement
    assert mini.problems() == [
        f'programme.yml:{line_of(text, "body: Izglītības")}: laukā "accessibility.response_time": trūkst obligātā lauka '
        "(Atbildes termiņš, kā teikumā „Atbildi sniegsim …” (piemēram, 10 darbdienu laikā))",
        f'programme.yml:{line_of(text, "procedure:")}: laukā "accessibility.enforcement.body": trūkst obligātā lauka '
        "(Iestāde, kas izskata sūdzības, nominatīvā (piemēram, Latvijas Republikas tiesībsargs))",
    ]


# The yearly review -------------------------------------------------------------------------------

def warning_line() -> str:
    reviewed = line_of(PROGRAMME + STATEMENT, "reviewed:")
    return (f'programme.yml:{reviewed}: brīdinājums: laukā "accessibility.reviewed": piekļūstamības paziņojums pēdējoreiz '
            "pārskatīts 2020. gada 1. decembrī, pirms vairāk nekā gada (šodien ir 2021. gada 2. decembris); pārskatiet to "
            "un ierakstiet pārskatīšanas datumu laukā reviewed")


def test_a_review_over_a_year_old_is_a_warning_in_validate_and_build_with_now(mini):
    with_statement(mini)
    for command in ("validate", "build"):
        done = run_konkursi(command, "--now", "2021-12-02 09:00", cwd=mini.root)
        assert done.returncode == 0, done.stderr
        assert warning_line() in done.stderr, (command, done.stderr)
    fresh = run_konkursi("validate", "--now", "2021-12-01 09:00", cwd=mini.root)
    assert fresh.returncode == 0 and "accessibility" not in fresh.stderr, fresh.stderr


def test_the_review_follows_source_date_epoch_as_other_warnings_do(mini):
    with_statement(mini)
    config = mini.root / "mkdocs.yml"
    config.write_text(re.sub(r"\n *now: .*", "", config.read_text(encoding="utf-8")), encoding="utf-8")
    old = dt.datetime(2021, 12, 2, 9, tzinfo=dt.timezone.utc).timestamp()
    done = run_konkursi("validate", cwd=mini.root, env={"SOURCE_DATE_EPOCH": str(int(old))})
    assert done.returncode == 0 and warning_line() in done.stderr, done.stderr
    fresh = dt.datetime(2021, 6, 1, 9, tzinfo=dt.timezone.utc).timestamp()
    done = run_konkursi("validate", cwd=mini.root, env={"SOURCE_DATE_EPOCH": str(int(fresh))})
    assert done.returncode == 0 and "accessibility" not in done.stderr, done.stderr


def test_the_year_counts_from_the_review_else_from_the_preparation(mini):
    with_statement(mini, STATEMENT.replace("  reviewed: 2020-12-01\n", "").replace("prepared: 2020-09-23", "prepared: 2020-02-29"))
    programme = validate(Project.at(mini.root))[0].programme
    assert statement_warnings(programme, dt.date(2021, 2, 28)) == []
    (warning,) = statement_warnings(programme, dt.date(2021, 3, 1))
    assert warning.field == "accessibility.prepared" and warning.warning
    assert warning.message.startswith("piekļūstamības paziņojums sagatavots 2020. gada 29. februārī, pirms vairāk nekā gada, un kopš tā laika nav pārskatīts")


def test_the_example_raises_no_warning_at_its_demo_date():
    result = generate(Project.at(REPO, site_url=SITE), now=parse_now("2020-04-20 12:00"))
    assert [w for w in result.warnings if w.field.startswith("accessibility")] == []


# The schema --------------------------------------------------------------------------------------

def test_the_schema_knows_the_statement_and_names_the_fields_the_loader_names(mini, monkeypatch):
    monkeypatch.setattr(validate_module, "today", lambda: dt.date(2026, 12, 6))
    statement = (STATEMENT.replace("compliance: daļēji atbilst", "compliance: daļēji")
                 .replace("method: pašnovērtējums", "method: audits")
                 .replace("reason: neatbilstība", "reason: slikti")
                 .replace("prepared: 2020-09-23", "prepared: vakar")
                 + "  atbildes_termins: 10 dienas\n")
    text = PROGRAMME + statement
    mini.write("programme.yml", text)
    try:
        validate(Project.at(mini.root))
    except ValidationFailed as failed:
        from_loader = {p.field for p in failed.errors}
    assert from_loader == {"accessibility.compliance", "accessibility.method", "accessibility.non_accessible[1].reason",
                           "accessibility.prepared", "accessibility.atbildes_termins"}
    assert field_names(schema_errors("programme", text)) == from_loader
    assert schema_errors("programme", PROGRAMME + STATEMENT) == []
