"""Press releases: the golden 2020 release, agreement of numbers, embargo, .txt and .docx."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup

from _press_helpers import NOW, REPO, SITE_URL, build_site, copy_project, site_texts
from konkursi.records.errors import ValidationFailed
from konkursi.outputs.press import to_text
from konkursi.project import Project, generate

GOLDEN = Path(__file__).parent / "golden" / "press-2020-pavasaris.txt"
ROUND_FILE = "calls/2020-pavasaris/_round.yml"
HEADLINE = "Aicina pieteikties 4600 eiro finansējumam projekta PuMPuRS jaunatnes iniciatīvu projektu īstenošanai"

# Every sentence of the seed release (/work/shared/seed/000_cd2bf097264b82b3.txt) in its
# order. Where konkursi writes the generated text in standard Latvian, the seed's form is
# noted: "projektu Nr." → "projekts Nr." (nominative), "02. marts" → "2. marts" (CLDR),
# "Nr.8.3.4.0" → "Nr. 8.3.4.0", "maijam, pašvaldībās" → "maijam pašvaldībās",
# "Biedrības un Nodibinājumi" → "biedrības un nodibinājumi"; and the list of
# municipalities is the round's page on this site, not the old pumpurs.lv page.
# The seed's sentences in order, as correct Latvian: its slips (the headline's comma and full stop,
# "pavasarī, pašvaldības", ", jeb", a hyphen for a dash, the broken "palielināšanu turpināt", the
# period that missed the calls closing in June, "saraksts, kurās") are mended, not reproduced.
SEED_SENTENCES = [
    "Izglītības kvalitātes valsts dienesta īstenotais Eiropas Sociālā fonda projekts Nr. 8.3.4.0/16/I/001 „Atbalsts priekšlaicīgas mācību pārtraukšanas samazināšanai”",
    HEADLINE,
    "2020. gada 2. marts",
    "Informācija medijiem",
    "2020. gada pavasarī pašvaldības visā Latvijā organizē pieteikšanos Izglītības kvalitātes valsts dienesta īstenotā Eiropas Sociālā fonda projekta Nr. 8.3.4.0/16/I/001 „Atbalsts priekšlaicīgas mācību pārtraukšanas samazināšanai” jeb PuMPuRS jaunatnes iniciatīvu projektu īstenošanai.",
    "Papildus individuālajam atbalstam, ko saņem skolēni projekta PuMPuRS ietvaros, tiek atbalstīti arī jauniešu iniciatīvu projekti, lai veicinātu atbalsta aktivitātes jauniešu vidū arī ārpus formālās izglītības.",
    "Projektu mērķis ir palielināt priekšlaicīgas mācību pārtraukšanas riska grupas izglītojamo motivāciju turpināt izglītību un veicināt viņu aktīvu līdzdalību ikdienas dzīvē.",
    "Projekta īstenotāji var būt:",
    "jaunatnes organizācijas;",
    "biedrības vai nodibinājumi, kas veic darbu ar jaunatni;",
    "jaunatnes organizācijas, biedrības vai nodibinājumi, kas veic darbu ar jaunatni, sadarbībā ar jauniešu iniciatīvu grupām.",
    "Viena projekta īstenošanai ir iespējams saņemt 4600 eiro lielu finansējumu.",
    "Konkursā atbalstāmās aktivitātes – pasākumi, kuru mērķis ir palielināt priekšlaicīgas mācību pārtraukšanas (PMP) riska grupas izglītojamo motivāciju turpināt izglītību, veicināt viņu aktīvu līdzdalību ikdienas dzīvē un iesaistīt viņus jauniešu aktivitātēs un jaunatnes iniciatīvu projektos ārpus formālās izglītības.",
    "Pasākumi tiek plānoti saskaņā ar pašvaldības (vai pašvaldībā esošās valsts profesionālās izglītības iestādes, ja projekta dalībnieki pārsvarā ir šīs iestādes audzēkņi) preventīvo un intervences pasākumu vidēja termiņa plānu priekšlaicīgas mācību pārtraukšanas samazināšanai.",
    "Jaunatnes iniciatīvas ierosina, izplāno un īsteno paši jaunieši.",
    "Projektos var iesaistīt arī sadarbības partnerus – jauniešu centrus, bērnunamus, izglītības iestādes, nevalstiskās organizācijas u. c., lai veicinātu projekta mērķa sasniegšanu.",
    "Pirmie projektu konkursi tika izsludināti 2018. gada rudenī, un to rezultātā 36 pašvaldībās tika apstiprināti 78 projekti.",
    "Otrajā projektu konkursu kārtā 2019. gada pavasarī tika apstiprināti 97 projekti 50 pašvaldībās.",
    "Tagad notiek trešā kārta.",
    "Tās laikā no februāra līdz jūnijam pašvaldībās notiek pieteikšanās, kurā jaunatnes organizācijas, biedrības un nodibinājumi aicināti iesniegt savas projektu idejas!",
    "Plašāka informācija par PuMPuRS jaunatnes projektu konkursiem: http://www.pumpurs.lv/lv/jaunatnes-iniciativu-projekti",
    "To pašvaldību saraksts, kurās tiek izsludināta pieteikšanās jaunatnes projektiem: https://konkursi.example/kartas/2020-pavasaris/",
    "Eiropas Sociālā fonda projekts Nr. 8.3.4.0/16/I/001 „Atbalsts priekšlaicīgas mācību pārtraukšanas samazināšanai” (PuMPuRS) tiks īstenots līdz 2022. gada 31. decembrim.",
    "Projekta mērķa grupa ir vispārizglītojošo skolu skolēni no 5. līdz 12. klasei, kā arī profesionālās izglītības iestāžu audzēkņi no 1. līdz 4. kursam.",
    "Projektu īsteno Izglītības kvalitātes valsts dienests sadarbībā ar pilsētu un novadu pašvaldībām un valsts profesionālās izglītības iestādēm.",
    "Informāciju sagatavoja:",
    "Ļubova Vasečko",
    "projekta PuMPuRS vecākā eksperte (jaunatnes iniciatīvu projekti)",
    "e-pasts: lubova.vasecko@834.ikvd.gov.lv",
    "tālruņa nr. 28638431",
    "www.pumpurs.lv",
]


def _generate(root: Path, now: str = NOW):
    return generate(Project.at(root, site_url=SITE_URL), now=_riga(now))


def _riga(text: str) -> dt.datetime:
    from konkursi.site.clock import parse_now

    return parse_now(text)


def _round_release(result, round_id: str = "2020-pavasaris"):
    return next(r for r in result.releases if r.kind == "round" and r.entry.id == round_id)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def example():
    return _generate(REPO)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The example site as built by MkDocs at the demo's "now"."""
    project = copy_project(tmp_path_factory.mktemp("example"))
    return build_site(project)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- the golden release -------------------------------------------------------------


def test_round_release_text_matches_golden_file(example):
    text = to_text(_round_release(example))
    if os.environ.get("KONKURSI_REGENERATE"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), "run KONKURSI_REGENERATE=1 scripts/test.sh and review the diff"


def test_round_release_holds_every_sentence_of_the_seed_in_order(example):
    text = _flat(to_text(_round_release(example)))
    position = 0
    for sentence in SEED_SENTENCES:
        found = text.find(sentence, position)
        assert found >= 0, f"missing or out of order: {sentence}"
        position = found + len(sentence)


def test_round_release_facts_follow_the_records(tmp_path):
    root = copy_project(tmp_path)
    _edit(root / "calls/2020-pavasaris/_round.yml", "grant_amount: 4600", "grant_amount: 5000")
    _edit(root / ROUND_FILE, "Aicina pieteikties 4600 eiro", "Aicina pieteikties 5000 eiro")
    _edit(root / "programme.yml", "ends: 2022-12-31", "ends: 2023-06-30")
    text = _flat(to_text(_round_release(_generate(root))))
    assert "iespējams saņemt 5000 eiro lielu finansējumu" in text
    assert "tiks īstenots līdz 2023. gada 30. jūnijam" in text
    assert "4600" not in text


@pytest.mark.parametrize(
    ("projects", "municipalities", "sentence"),
    [
        (1, 1, ", un to rezultātā 1 pašvaldībā tika apstiprināts 1 projekts."),
        (21, 11, ", un to rezultātā 11 pašvaldībās tika apstiprināts 21 projekts."),
        (11, 10, ", un to rezultātā 10 pašvaldībās tika apstiprināti 11 projekti."),
        (2, 21, ", un to rezultātā 21 pašvaldībā tika apstiprināti 2 projekti."),
        (0, 0, "; tajos netika apstiprināts neviens projekts."),  # none is said in words, not "0 projekti"
    ],
)
def test_history_numbers_and_verb_agree(tmp_path, projects, municipalities, sentence):
    root = copy_project(tmp_path)
    _edit(root / "calls/2018-rudens/_round.yml", "projects: 78\n  municipalities: 36", f"projects: {projects}\n  municipalities: {municipalities}")
    text = _flat(to_text(_round_release(_generate(root))))
    assert f"Pirmie projektu konkursi tika izsludināti 2018. gada rudenī{sentence}" in text


def test_history_of_a_later_round_uses_ordinals_and_singular(tmp_path):
    root = copy_project(tmp_path)
    _edit(root / "calls/2019-pavasaris/_round.yml", "projects: 97\n  municipalities: 50", "projects: 1\n  municipalities: 1")
    text = _flat(to_text(_round_release(_generate(root))))
    assert "Otrajā projektu konkursu kārtā 2019. gada pavasarī tika apstiprināts 1 projekts 1 pašvaldībā." in text


# --- validation ---------------------------------------------------------------------


def _errors(root: Path) -> list[str]:
    with pytest.raises(ValidationFailed) as failed:
        _generate(root)
    return [str(problem) for problem in failed.value.errors]


def test_amount_in_headline_must_match_the_round(tmp_path):
    root = copy_project(tmp_path)
    _edit(root / ROUND_FILE, "Aicina pieteikties 4600 eiro", "Aicina pieteikties 4500 eiro")
    line = next(n for n, text in enumerate((root / ROUND_FILE).read_text().splitlines(), 1) if "headline:" in text)
    assert _errors(root) == [
        f'{ROUND_FILE}:{line}: laukā "press_release.headline": tekstā minēti 4500 eiro, bet kārtas finansējums '
        "vienam projektam (grant_amount) ir 4600 eiro; summām relīzē jāsakrīt ar sludinājumu"
    ]


def test_embargo_after_the_release_date_is_refused(tmp_path):
    root = copy_project(tmp_path)
    _edit(root / ROUND_FILE, "  date: 2020-03-02\n", "  date: 2020-03-02\n  publish_at: 2020-03-03 10:00\n")
    line = next(n for n, text in enumerate((root / ROUND_FILE).read_text().splitlines(), 1) if "publish_at:" in text)
    assert _errors(root) == [
        f'{ROUND_FILE}:{line}: laukā "press_release.publish_at": embargo beidzas 2020. gada 3. martā plkst. 10.00, '
        "pēc relīzes datuma (2020. gada 2. marts); norādiet embargo laiku relīzes datumā vai agrāk"
    ]


def test_markdown_in_the_release_is_sanitised(tmp_path):
    root = copy_project(tmp_path)
    _edit(
        root / ROUND_FILE, "  body:\n",
        "  body:\n    - \"**Svarīgi:** <script>alert('x')</script> [saite](javascript:alert(1)) <img src=x onerror=alert(2)> [lapa](https://example.lv)\"\n",
    )
    release = _round_release(_generate(root))
    page = next(p for p in _generate(root).pages if p.path == release.page)
    assert "<strong>Svarīgi:</strong>" in page.markdown
    assert '<a href="https://example.lv">lapa</a>' in page.markdown
    for bad in ("<script", "alert", "javascript:", "onerror", "<img"):
        assert bad not in page.markdown
        assert bad not in to_text(release)
    assert "Svarīgi: saite lapa (https://example.lv)" in _flat(to_text(release))


# --- the embargo --------------------------------------------------------------------


# What would betray the round's release: its own words, its files, its page's address
# (in links, the sitemap and the search index; the calls' releases live below it).
EMBARGO_MARKERS = re.compile(
    r"EMBARGOZIMOLS|EMBARGOBODY|informacija-medijiem-2020-pavasaris\."
    r"|informacija-medijiem/2020-pavasaris/(?:index\.html)?(?=[\"'<#\s]|$)"
)


def test_embargoed_release_appears_nowhere_in_the_built_site(tmp_path):
    root = copy_project(tmp_path)
    _edit(root / ROUND_FILE, "  date: 2020-03-02\n", "  date: 2020-05-04\n  publish_at: 2020-05-04 10:00\n")
    _edit(root / ROUND_FILE, "projektu īstenošanai\n  lead", "projektu īstenošanai EMBARGOZIMOLS\n  lead")
    _edit(root / ROUND_FILE, "izglītības iestādes,", "izglītības iestādes, EMBARGOBODY")

    site = build_site(root, now="2020-05-04 09:59")
    leaks = [(path, match[0]) for path, text in site_texts(site) for match in EMBARGO_MARKERS.finditer(text)]
    assert leaks == []
    assert not (site / "informacija-medijiem/2020-pavasaris/index.html").exists()

    # One minute later the same build publishes it everywhere it belongs.
    site = build_site(root, now="2020-05-04 10:00")
    found = {path for path, text in site_texts(site) if EMBARGO_MARKERS.search(text)}
    assert {
        "informacija-medijiem/2020-pavasaris/index.html",
        "informacija-medijiem/index.html",
        "informacija-medijiem/2020-pavasaris/informacija-medijiem-2020-pavasaris.txt",
        "informacija-medijiem/2020-pavasaris/informacija-medijiem-2020-pavasaris.docx",
        "kartas/2020-pavasaris/index.html",
        "sitemap.xml",
        "sitemap.xml.gz",
    } <= found
    assert [path for path in found if path.startswith("pagefind/fragment/")]  # and the search finds it


def test_call_release_waits_for_its_date(site):
    # Ādažu novads publishes its call on 2020-04-27, after the demo's "now".
    assert not (site / "informacija-medijiem/2020-pavasaris/adazu-novads").exists()
    assert (site / "informacija-medijiem/2020-pavasaris/kuldigas-novads/index.html").exists()


# --- pages, .docx and .txt ----------------------------------------------------------


def _page_paragraphs(html_path: Path) -> list[str]:
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    wanted = [el for el in article.find_all(["h1", "p", "li"]) if _is_release_part(el)]
    return [_flat(el.get_text()) for el in wanted]


def _is_release_part(element) -> bool:
    if element.name in ("h1", "li"):
        return True
    return any(cls.startswith("konkursi-press__") for cls in element.get("class", []))


def _docx_paragraphs(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [_flat(p.text) for p in document.paragraphs if p.text.strip()]


@pytest.mark.parametrize(
    "folder",
    ["informacija-medijiem/2020-pavasaris", "informacija-medijiem/2020-pavasaris/kuldigas-novads"],
)
def test_docx_holds_the_same_paragraphs_as_the_page(site, folder):
    (docx_path,) = (site / folder).glob("*.docx")
    page = _page_paragraphs(site / folder / "index.html")
    assert len(page) > 10
    assert _docx_paragraphs(docx_path) == page


def test_docx_has_latvian_metadata(site):
    path = site / "informacija-medijiem/2020-pavasaris/informacija-medijiem-2020-pavasaris.docx"
    document = docx.Document(str(path))
    props = document.core_properties
    assert props.title == HEADLINE
    assert props.language == "lv-LV"
    assert props.created.date() == dt.date(2020, 3, 2)
    assert props.author == "Ļubova Vasečko"
    assert document.paragraphs[2].style.name == "Heading 1"  # after the EU line and the letterhead
    assert [p.text for p in document.paragraphs if p.style.name == "List Bullet"][0] == "jaunatnes organizācijas;"
    assert 'w:lang w:val="lv-LV"' in document.styles.element.xml


def test_txt_is_utf8_one_line_per_paragraph_and_the_same_as_the_golden_text(site, example):
    path = site / "informacija-medijiem/2020-pavasaris/informacija-medijiem-2020-pavasaris.txt"
    text = path.read_bytes().decode("utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
    # Pasted into a CMS, a paragraph stays one paragraph: no line breaks inside it.
    lines = text.splitlines()
    lead = [line for line in lines if line.startswith("2020. gada pavasarī pašvaldības")]
    assert len(lead) == 1 and lead[0].endswith("jaunatnes iniciatīvu projektu īstenošanai.")
    assert "• jaunatnes organizācijas, biedrības vai nodibinājumi, kas veic darbu ar jaunatni, sadarbībā ar jauniešu iniciatīvu grupām." in lines


def test_page_links_to_both_files(site):
    soup = BeautifulSoup((site / "informacija-medijiem/2020-pavasaris/index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["href"] for a in soup.select(".konkursi-press-downloads a")}
    assert links == {"informacija-medijiem-2020-pavasaris.docx", "informacija-medijiem-2020-pavasaris.txt"}
    for href in links:
        assert (site / "informacija-medijiem/2020-pavasaris" / href).is_file()


def test_call_release_gives_dates_with_times_amount_ways_and_contact(example):
    release = next(r for r in example.releases if r.kind == "call" and r.entry.municipality.id == "kuldigas-novads")
    text = _flat(to_text(release))
    assert "Kuldīgas novads aicina pieteikties 4600 eiro finansējumam" in text
    assert "Pieteikumus var iesniegt no 2020. gada 6. aprīļa plkst. 9.00 līdz 2020. gada 8. maijam plkst. 16.00." in text
    assert "Pašvaldībā var atbalstīt 2 projektus." in text
    assert "pa e-pastu: pieteikumi@kuldigas-novads.example;" in text
    assert "Kontaktpersona: Edgars Ķēniņš (piemērs) jaunatnes darbinieks e-pasts: edgars.kenins@kuldigas-novads.example" in text
    assert "https://konkursi.example/konkursi/2020-pavasaris/kuldigas-novads/" in text


def test_archive_lists_every_release_newest_first(site, example):
    soup = BeautifulSoup((site / "informacija-medijiem/index.html").read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("article table tbody tr")
    assert [_flat(row.find_all("td")[1].get_text()) for row in rows] == [r.headline for r in example.releases]
    dates = [r.date for r in example.releases]
    assert dates == sorted(dates, reverse=True)
    cells = [[_flat(td.get_text()) for td in row.find_all("td")] for row in rows]
    assert cells[0][0] == "2020. gada 6. aprīlis"
    # The round's release comes before the municipality's release of the same day.
    same_day = [row for row in cells if row[0] == "2020. gada 2. marts"]
    assert [row[1] for row in same_day][0] == HEADLINE
    assert same_day[0][2] == "3. kārta: 2020. gada pavasaris"
    assert len(same_day) == 2


def test_round_page_links_to_its_release(site):
    soup = BeautifulSoup((site / "kartas/2020-pavasaris/index.html").read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one(".konkursi-press-link a")
    assert link.get_text() == HEADLINE
    assert link["href"].endswith("informacija-medijiem/2020-pavasaris/")


def test_txt_never_breaks_a_date_or_a_count_across_lines(example):
    for release in example.releases:
        wrapped = [part for part in to_text(release).split("\n\n") if "e-pasts:" not in part]  # contact lines are lines
        for paragraph in wrapped:
            lines = paragraph.splitlines()
            for before, after in zip(lines, lines[1:]):
                assert not re.search(r"\d\.?$", before) or not after.lstrip("• ")[:1].isalpha(), (before, after)


def test_docx_is_stamped_with_the_release_date_not_the_build_time(example):
    # Two builds of the same records give byte-identical files (reproducible builds).
    release = _round_release(example)
    content = example.files[release.files["docx"]]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2020, 3, 2, 0, 0, 0)}


BROWSER = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)), None)


@pytest.mark.skipif(BROWSER is None, reason="needs a Chromium to print the page")
def test_release_prints_as_a_letter_without_site_chrome(site, tmp_path):
    import pypdfium2

    page = site / "informacija-medijiem/2020-pavasaris/index.html"
    pdf_path = tmp_path / "release.pdf"
    subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    pdf = pypdfium2.PdfDocument(str(pdf_path))
    printed = _flat(" ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))))
    on_screen = page.read_text(encoding="utf-8")
    for chrome in ("Lejupielādēt nosūtīšanai", "Visa informācija medijiem", "Visi konkursi", 'placeholder="Meklēt"'):
        assert chrome in on_screen
        assert chrome.removeprefix('placeholder="').rstrip('"') not in printed
    assert printed.startswith("Eiropas Savienība · Eiropas Sociālais fonds Izglītības kvalitātes valsts dienesta īstenotais")
    assert "Informāciju sagatavoja: Ļubova Vasečko" in printed


def test_generate_command_writes_the_release_files_next_to_the_pages(tmp_path, capsys, monkeypatch):
    from konkursi.cli import main

    monkeypatch.setenv("KONKURSI_NOW", NOW)  # main() sets it for --now; restored after the test
    out = tmp_path / "out"
    assert main(["generate", "-f", str(REPO / "mkdocs.yml"), "--now", NOW, "--out", str(out)]) == 0
    folder = out / "informacija-medijiem/2020-pavasaris"
    assert (folder / "index.md").read_text(encoding="utf-8").count("Informācija medijiem") >= 1
    text = (folder / "informacija-medijiem-2020-pavasaris.txt").read_text(encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
    assert docx.Document(str(folder / "informacija-medijiem-2020-pavasaris.docx")).core_properties.title == HEADLINE
    assert "preses relīžu faili" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("path", "directory_urls", "url"),
    [
        ("kartas/2020-pavasaris.md", True, "kartas/2020-pavasaris/"),
        ("kartas/2020-pavasaris.md", False, "kartas/2020-pavasaris.html"),
        ("informacija-medijiem/index.md", True, "informacija-medijiem/"),
        ("informacija-medijiem/index.md", False, "informacija-medijiem/index.html"),
    ],
)
def test_addresses_in_sent_releases_follow_mkdocs_urls(path, directory_urls, url):
    from konkursi.site.paths import page_url

    assert page_url(path, directory_urls) == url


def test_hand_written_file_at_a_release_path_stops_the_build():
    # ``existing`` is what the plugin finds in content/ (MkDocs would copy it to the same path).
    from konkursi.project import docs_files

    existing = docs_files(REPO / "content") | {"informacija-medijiem/2020-pavasaris/informacija-medijiem-2020-pavasaris.txt"}
    with pytest.raises(ValidationFailed) as failed:
        generate(Project.at(REPO, site_url=SITE_URL), existing=existing, now=_riga(NOW))
    assert [str(p) for p in failed.value.errors] == [
        "informacija-medijiem/2020-pavasaris/informacija-medijiem-2020-pavasaris.txt: šo failu veido konkursi, "
        "bet mapē content/ jau ir fails ar tādu pašu ceļu; pārdēvējiet vai izdzēsiet to"
    ]
