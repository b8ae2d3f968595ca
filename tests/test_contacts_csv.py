"""kontakti.csv: the contacts page as a spreadsheet, read back as a spreadsheet program would."""

from __future__ import annotations

import csv
import io

from bs4 import BeautifulSoup

from konkursi.lv import sort_key
from konkursi.site.paths import file_link
from konkursi.outputs.templates import _csv_row

HEADER = ["Plānošanas reģions", "Pašvaldība", "Kontaktpersona", "Amats", "E-pasts", "Tālrunis"]


def read_csv(site) -> list[dict[str, str]]:
    raw = (site / "kontakti.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, so Excel shows ā, č, ņ"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_has_every_municipality_contact_grouped_by_region_in_latvian_order(example_site):
    rows = read_csv(example_site)
    assert list(rows[0]) == HEADER
    municipalities = [row["Pašvaldība"] for row in rows]
    assert len(set(municipalities)) == 15
    regions = list(dict.fromkeys(row["Plānošanas reģions"] for row in rows))
    assert regions == ["Kurzemes plānošanas reģions", "Latgales plānošanas reģions", "Rīgas plānošanas reģions",
                       "Vidzemes plānošanas reģions", "Zemgales plānošanas reģions"]
    for region in regions:
        names = list(dict.fromkeys(row["Pašvaldība"] for row in rows if row["Plānošanas reģions"] == region))
        assert names == sorted(names, key=sort_key)
    riga = list(dict.fromkeys(row["Pašvaldība"] for row in rows if row["Plānošanas reģions"] == "Rīgas plānošanas reģions"))
    assert riga == ["Ādažu novads", "Ķeguma novads", "Saulkrastu novads"]


def test_csv_row_matches_the_contacts_page(example_site):
    rows = read_csv(example_site)
    saldus = next(row for row in rows if row["Pašvaldība"] == "Saldus novads")
    assert saldus == {"Plānošanas reģions": "Kurzemes plānošanas reģions", "Pašvaldība": "Saldus novads",
                      "Kontaktpersona": "Zane Ābele (piemērs)", "Amats": "jaunatnes lietu koordinatore",
                      "E-pasts": "zane.abele@saldus-novads.example", "Tālrunis": "+371 20000012"}
    page = BeautifulSoup((example_site / "kontakti" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("a", href="mailto:zane.abele@saldus-novads.example")
    assert page.find("a", href="tel:+37120000012")
    assert page.find("a", href="../kontakti.csv").get_text() == "Lejupielādēt visas kontaktpersonas CSV failā"


def test_csv_cells_cannot_start_a_spreadsheet_formula():
    assert _csv_row(["=HYPERLINK(\"x\")", "@SUM(1)", "-1+2", "+371 20000001", "Ābele, Zane"]) == \
        '"\'=HYPERLINK(""x"")",\'@SUM(1),\'-1+2,+371 20000001,"Ābele, Zane"'
    assert _csv_row(["-x", "+1+cmd", None]) == "'-x,'+1+cmd,"


def test_link_to_the_csv_follows_the_url_style():
    assert file_link("kontakti.md", "kontakti.csv") == "../kontakti.csv"
    assert file_link("index.md", "kontakti.csv") == "kontakti.csv"
    assert file_link("kontakti.md", "kontakti.csv", directory_urls=False) == "kontakti.csv"
    assert file_link("konkursi/index.md", "kontakti.csv") == "../kontakti.csv"


def test_contacts_page_lists_municipalities_in_latvian_order_within_each_region(example_site):
    page = BeautifulSoup((example_site / "kontakti" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = page.find("article")
    regions = {}
    for heading in article.find_all(["h2", "h3"]):
        if heading.name == "h2":
            current = regions.setdefault(heading.get_text(strip=True).partition(":")[0], [])  # "…: 3 pašvaldības"
        else:
            current.append(heading.get_text(strip=True))
    assert regions["Rīgas plānošanas reģions"] == ["Ādažu novads", "Ķeguma novads", "Saulkrastu novads"]
    for names in regions.values():
        assert names == sorted(names, key=sort_key)


def test_contact_persons_of_a_municipality_are_in_latvian_order(mini):
    from konkursi.project import Project, generate

    mini.write("municipalities/cesu-novads.yml", """\
        name: Cēsu novads
        region: vidzeme
        contacts:
          - name: Žanis Zariņš
            email: zanis@cesu-novads.example
          - name: Čaba Ceriņa
            email: caba@cesu-novads.example
          - name: Ādams Ozols
            email: adams@cesu-novads.example
          - name: Zane Ziediņa
            email: zane@cesu-novads.example
        """)
    result = generate(Project.at(mini.root, now="2020-04-20 12:00"))
    order = ["Ādams Ozols", "Čaba Ceriņa", "Zane Ziediņa", "Žanis Zariņš"]
    assert [c.name for c in result.catalogue.municipalities[0].contacts] == order
    assert [c.name for c in result.catalogue.calls[0].contacts] == order
    rows = list(csv.DictReader(io.StringIO(result.files["kontakti.csv"].decode("utf-8-sig"))))
    assert [row["Kontaktpersona"] for row in rows] == order
    page = next(p for p in result.pages if p.kind == "contacts").markdown
    assert [page.index(f"**{name}**") for name in order] == sorted(page.index(f"**{name}**") for name in order)
