"""The records konkursi publishes, as plain typed values.

Each YAML field is declared once here, with the kind of value it takes and a
Latvian description; the loader (and the JSON Schema) read these declarations,
so the format has one source of truth.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from .values import Amount, Bool, Choice, Date, DateTime, Email, ImagePath, Integer, Kind, Phone, Text, Url


@dataclass(frozen=True)
class ListOf:
    """A YAML list whose items are all of one kind (a scalar kind or a record class)."""

    item: Any
    min_items: int = 0


def spec(kind: Any, help: str, *, required: bool = False, default: Any = None, label: str | None = None) -> Any:
    """Declare a YAML field: its kind, its Latvian help text, required or not; ``label``: its short name in the
    web editor's form when the help text's beginning is not one (cms/config.py ``label_of``)."""
    metadata = {"kind": kind, "help": help, "required": required}
    if label:
        metadata["label"] = label
    if required:
        return field(metadata=metadata)
    if isinstance(default, (list, dict)):
        raise TypeError("use a tuple as a default")
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Source:
    """Where a record was read from, for messages that name file and line."""

    path: str
    """File path relative to the project root."""
    line: int = 1
    """Line where the record starts."""
    lines: tuple[tuple[str, int], ...] = ()
    """Line of each key as written in the file."""
    failed: tuple[str, ...] = ()
    """Keys whose values were rejected in whole or in part (already reported), so checks built on them stay quiet."""

    def line_of(self, key: str) -> int:
        """Line of ``key`` (dotted for nested keys), or of the record when it is absent."""
        return dict(self.lines).get(key, self.line)


class _Unreadable:
    """The value of a field that could not be read: rejected, missing though required, or in a file not read."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNREADABLE"


UNREADABLE: Any = _Unreadable()


@dataclass(frozen=True, eq=False)
class Fields:
    """What could be read of one record, whether or not the record itself could be made.

    The checks between fields and records work on these, so that a check runs whenever the
    values it compares were read, whatever else is wrong in the same file or in another.
    """

    kind: type
    """The record class (``Call``)."""
    values: dict[str, Any]
    """Each value read without fault (ids from file names included); a nested record as its ``Fields``."""
    source: Source
    partial: dict[str, Any] = field(default_factory=dict)
    """Each value read in part (its key is in ``source.failed``): a list with a bad item, as a tuple
    whose unreadable items are ``UNREADABLE``, or a nested record with a fault, as its ``Fields``."""

    @classmethod
    def unread(cls, kind: type, path: str, ids: dict[str, str]) -> "Fields":
        """A record file nothing could be read from (not YAML, not readable): only the ids its path gives."""
        return cls(kind, dict(ids), Source(path, 0, failed=tuple(yaml_fields(kind))))

    @property
    def complete(self) -> bool:
        """Whether the record can be made: every required field read without fault."""
        return all(name in self.values for name, declared in yaml_fields(self.kind).items() if declared.metadata["required"])

    def get(self, name: str) -> Any:
        """The value of field ``name`` as read (in part, maybe), its default when left out, else ``UNREADABLE``."""
        for read in (self.values, self.partial):
            if name in read:
                return read[name]
        declared = yaml_fields(self.kind).get(name)
        if name in self.source.failed or declared is None or declared.metadata["required"]:
            return UNREADABLE  # rejected, or missing though required: already reported
        return declared.default

    def read(self, *names: str) -> tuple | None:
        """The values of ``names``; None when any of them is not there to compare (unreadable or left out)."""
        values = tuple(self.get(name) for name in names)
        return None if any(value is UNREADABLE or value is None for value in values) else values


def _source() -> Any:
    return field(default=Source(""), compare=False, repr=False, metadata={"yaml": False})


REGIONS: tuple[tuple[str, str], ...] = (
    ("kurzeme", "Kurzemes plānošanas reģions"),
    ("latgale", "Latgales plānošanas reģions"),
    ("riga", "Rīgas plānošanas reģions"),
    ("vidzeme", "Vidzemes plānošanas reģions"),
    ("zemgale", "Zemgales plānošanas reģions"),
)
"""Latvia's five planning regions: the code used in YAML and the official name."""

GRANT_KINDS: tuple[tuple[str, str], ...] = (
    ("fixed", "fiksēta summa katram projektam"),
    ("up_to", "ne vairāk kā norādītā summa projektam"),
)

SUBMISSION_METHODS: tuple[tuple[str, str], ...] = (
    ("email", "pa e-pastu"),
    ("post", "pa pastu"),
    ("in_person", "klātienē"),
    ("online", "tiešsaistē"),
)


COMPLIANCE: tuple[tuple[str, str], ...] = (
    ("pilnīgi atbilst", "tīmekļvietne pilnīgi atbilst piekļūstamības prasībām"),
    ("daļēji atbilst", "tīmekļvietne daļēji atbilst: neatbilstības vai izņēmumi uzskaitīti laukā non_accessible"),
    ("neatbilst", "tīmekļvietne neatbilst piekļūstamības prasībām: neatbilstības uzskaitītas laukā non_accessible"),
)
"""Compliance status of an accessibility statement (Commission Implementing Decision (EU) 2018/1523, Annex)."""

INACCESSIBLE_REASONS: tuple[tuple[str, str], ...] = (
    ("neatbilstība", "neatbilstība piekļūstamības prasībām"),
    ("nesamērīgs slogs", "prasību izpilde radītu nesamērīgu slogu"),
    ("neattiecas", "uz šo saturu piekļūstamības prasības neattiecas"),
)
"""Why content is not accessible: the three reasons of the model statement."""

ASSESSMENT_METHODS: tuple[tuple[str, str], ...] = (
    ("pašnovērtējums", "atbilstību novērtēja pati iestāde"),
    ("trešā persona", "atbilstību novērtēja trešā persona"),
)
"""How the statement was prepared: a self-assessment or an assessment by a third party."""


@dataclass(frozen=True, kw_only=True)
class Contact:
    """A person (or office) to ask, with work contacts."""

    name: str = spec(Text(200), "Vārds un uzvārds vai amats", required=True)
    """Name and surname, or a role where no name is published."""
    role: str | None = spec(Text(300), "Amats vai pienākumi (piemēram, projekta koordinators)")
    """Role or duties."""
    email: str = spec(Email(), "Darba e-pasta adrese", required=True)
    """Work e-mail address."""
    phone: str | None = spec(Phone(), "Darba tālrunis: 8 cipari vai numurs ar valsts kodu (+371 …)")
    """Work phone, normalised to +371XXXXXXXX."""
    source: Source = _source()


@dataclass(frozen=True, kw_only=True)
class Logo:
    """A logo shown beside the EU emblem: the national set, the implementer's."""

    file: str = spec(ImagePath(), "Attēla fails mapē content/ (SVG, PNG, JPG vai WEBP), piemēram, logotipi/ikvd.svg", required=True)
    """Image path relative to the docs dir; MkDocs copies it to the same path in the site."""
    alt: str = spec(Text(200), "Attēla alternatīvais teksts latviski (ekrāna lasītājiem), piemēram, Izglītības kvalitātes valsts dienesta logotips", required=True)
    """Alternative text in Latvian."""
    source: Source = _source()


@dataclass(frozen=True, kw_only=True)
class InaccessibleContent:
    """Content of the site that is not accessible, and why."""

    content: str = spec(Text(300), "Kas nav piekļūstams (piemēram, preses relīžu .docx faili)", required=True)
    """What is not accessible."""
    reason: str = spec(Choice(INACCESSIBLE_REASONS), "Iemesls: neatbilstība, nesamērīgs slogs vai neattiecas", required=True)
    """Non-compliance, disproportionate burden, or outside the scope of the law."""
    explanation: str | None = spec(Text(1000), "Paskaidrojums: kuras prasības netiek izpildītas vai kāpēc izņēmums ir pamatots")
    """Which requirements are not met, or why the exemption holds."""
    alternative: str | None = spec(Text(1000), "Piekļūstama alternatīva, ja tāda ir")
    """An accessible alternative, where there is one."""
    source: Source = _source()


@dataclass(frozen=True, kw_only=True)
class Enforcement:
    """Where a reader may complain when the answer to their feedback does not satisfy them."""

    procedure: str = spec(Text(1000), "Sūdzību iesniegšanas kārtība ar atsauci uz tiesību aktu", required=True, label="Sūdzību iesniegšanas kārtība")
    """The procedure, in a sentence or two, with its legal basis."""
    body: str = spec(Text(200), "Iestāde, kas izskata sūdzības, nominatīvā (piemēram, Latvijas Republikas tiesībsargs)", required=True, label="Iestāde, kas izskata sūdzības")
    """Who handles the complaints."""
    address: str | None = spec(Text(300), "Pasta adrese")
    email: str | None = spec(Email(), "E-pasta adrese")
    phone: str | None = spec(Phone(), "Tālrunis: 8 cipari vai numurs ar valsts kodu (+371 …)")
    website: str | None = spec(Url(), "Tīmekļvietne, kurā aprakstīta sūdzību iesniegšana")
    note: str | None = spec(Text(500), "Piezīme (piemēram, kā iesniegt elektroniski)")
    source: Source = _source()


@dataclass(frozen=True, kw_only=True)
class Accessibility:
    """The site's accessibility statement: every element of the model of Commission Implementing Decision (EU) 2018/1523.

    The statement page (``theme/pages/accessibility.md.j2``) is generated from it; laws, bodies and
    deadlines are data here, so that another programme (or country) writes its own.
    """

    body: str = spec(Text(200), "Iestāde, kas apņemas nodrošināt tīmekļvietnes piekļūstamību, nominatīvā", required=True, label="Iestāde, kas apņemas nodrošināt piekļūstamību")
    """The public sector body that commits itself, in the nominative."""
    law: str = spec(Text(500), "Tiesību akts, saskaņā ar kuru (teikumā „saskaņā ar …”), datīvā: Ministru kabineta … noteikumiem Nr. …", required=True, label="Tiesību akts datīvā")
    """The national law, in the dative, as it follows "saskaņā ar"."""
    law_url: str | None = spec(Url(), "Tiesību akta tīmekļa adrese (piemēram, likumi.lv)")
    standard: str = spec(Text(300), "Standarts, pēc kura vērtē atbilstību (piemēram, EN 301 549 V3.2.1 (2021-03) …)", required=True)
    """The standard compliance is judged by, as it follows "pēc standarta"."""
    compliance: str = spec(Choice(COMPLIANCE), "Atbilstības statuss: pilnīgi atbilst, daļēji atbilst vai neatbilst", required=True)
    """Fully, partially or not compliant."""
    non_accessible: tuple[InaccessibleContent, ...] = spec(ListOf(InaccessibleContent), "Nepiekļūstamais saturs un iemesli (saraksts var būt tukšs)", default=(), label="Neatbilstības un izņēmumi")
    """What is not accessible, and why; may be empty."""
    prepared: dt.date = spec(Date(), "Datums, kad paziņojums sagatavots", required=True)
    """Date the statement was first prepared."""
    reviewed: dt.date | None = spec(Date(), "Datums, kad paziņojums pēdējoreiz pārskatīts (jāpārskata vismaz reizi gadā)")
    """Date of the last review; the statement is reviewed at least once a year."""
    method: str = spec(Choice(ASSESSMENT_METHODS), "Kā novērtēta atbilstība: pašnovērtējums vai trešā persona", required=True)
    """Self-assessment or assessment by a third party."""
    assessed_by: str | None = spec(Text(300), "Kas veica novērtējumu")
    method_note: str | None = spec(Text(1000), "Kā novērtēts: rīki, pārbaudītās lapas, kas nav pārbaudīts", label="Novērtējuma apraksts")
    report_url: str | None = spec(Url(), "Novērtējumu apliecinošs dokuments (protokols)")
    contact: Contact | None = spec(Contact, "Kontaktpersona piekļūstamības jautājumos (ja nav norādīta, projekta kontaktpersona)")
    """Who receives feedback; the programme's contact when absent."""
    response_time: str = spec(Text(200), "Atbildes termiņš, kā teikumā „Atbildi sniegsim …” (piemēram, 10 darbdienu laikā)", required=True, label="Atbildes termiņš")
    response_basis: str | None = spec(Text(300), "Tiesību akts, kas nosaka atbildes termiņu", label="Tiesību akts, kas nosaka atbildes termiņu")
    enforcement: Enforcement = spec(Enforcement, "Kur iesniegt sūdzību, ja atbilde neapmierina", required=True)
    other_channels: str | None = spec(Text(1000), "Citu saziņas kanālu piekļūstamība (neobligāti)")
    source: Source = _source()


@dataclass(frozen=True, kw_only=True)
class Programme:
    """The national programme whose calls the site publishes (``programme.yml``)."""

    name: str = spec(Text(300), "Projekta pilnais nosaukums", required=True)
    """Full name of the funded project."""
    short_name: str = spec(Text(60), "Īsais nosaukums (piemēram, PuMPuRS)", required=True)
    """Short name used in running text."""
    project_number: str = spec(Text(60), "Projekta numurs (piemēram, 8.3.4.0/16/I/001)", required=True)
    """Project number of the funding programme."""
    fund: str = spec(Text(200), "Finansētājs, ģenitīvā (piemēram, Eiropas Sociālā fonda)", required=True, label="Finansētājs ģenitīvā")
    """The fund, in the genitive as it stands before "projekts"."""
    implementer: str = spec(Text(200), "Īstenotājs, ģenitīvā (piemēram, Izglītības kvalitātes valsts dienesta)", required=True, label="Īstenotājs ģenitīvā")
    """Implementing body, in the genitive."""
    competition_name: str = spec(Text(300), "Konkursa oficiālais nosaukums", required=True)
    """Official name of the competition the municipalities announce."""
    ends: dt.date = spec(Date(), "Datums, līdz kuram projekts tiek īstenots", required=True, label="Projekta beigu datums")
    """Date the programme ends."""
    target_group: str = spec(Text(), "Projekta mērķa grupa", required=True)
    """Target group of the programme, as a sentence."""
    eligible_applicants: tuple[str, ...] = spec(ListOf(Text(500), 1), "Kas var būt projekta īstenotāji", required=True, label="Iespējamie projektu īstenotāji")
    """Who may implement projects, one item each."""
    supported_activities: str = spec(Text(), "Konkursā atbalstāmās aktivitātes", required=True)
    """Activities the competition supports."""
    funding_statement: str = spec(Text(1000), "Finansējuma norāde, kas redzama katrā lapā", required=True)
    """Funding statement shown on every page."""
    eu_fund: str | None = spec(Text(120), "ES fonds nominatīvā, kas redzams blakus ES karogam katrā lapā un relīzē (piemēram, Eiropas Sociālais fonds)", label="ES fonds nominatīvā")
    """The EU fund in the nominative, shown beside the EU emblem on every page and release (EU visibility rules)."""
    logos: tuple[Logo, ...] = spec(ListOf(Logo), "Citi logotipi blakus ES karogam (nacionālais, īstenotāja); ne augstāki par karogu", default=(), label="Citi logotipi")
    """Further logos beside the EU emblem, never taller than it (Regulation (EU) No 821/2014 Art. 4)."""
    implemented_by: str | None = spec(Text(500), "Kas īsteno projektu un ar ko sadarbojas, nominatīvā (preses relīzes noslēgumam)", label="Īstenotāji un partneri nominatīvā")
    """Who implements the programme with which partners, in the nominative (closing of press releases)."""
    website: str | None = spec(Url(), "Programmas tīmekļvietne")
    """Programme website."""
    contact: Contact = spec(Contact, "Programmas kontaktpersona medijiem", required=True)
    """National contact person."""
    published: dt.date | None = spec(Date(), "Publicēšanas datums")
    """Date the record was first published."""
    updated: dt.date | None = spec(Date(), "Pēdējo izmaiņu datums")
    """Date of the last change that readers should notice."""
    accessibility: Accessibility | None = spec(Accessibility, "Vietnes piekļūstamības paziņojums (Komisijas Īstenošanas lēmuma (ES) 2018/1523 paraugs)")
    """The site's accessibility statement; without it the statement page says none is prepared yet."""
    source: Source = _source()


@dataclass(frozen=True, kw_only=True)
class Municipality:
    """A municipality that runs calls (``municipalities/<id>.yml``)."""

    id: str = field(default="", metadata={"yaml": False})
    """Stable slug taken from the file name (``cesu-novads``)."""
    name: str = spec(Text(120), "Oficiālais nosaukums (piemēram, Cēsu novads)", required=True)
    """Official Latvian name."""
    region: str = spec(Choice(REGIONS), "Plānošanas reģions", required=True)
    """Planning region code."""
    website: str | None = spec(Url(), "Pašvaldības tīmekļvietne")
    """Municipal website."""
    contacts: tuple[Contact, ...] = spec(ListOf(Contact, 1), "Kontaktpersonas jauniešu projektu jautājumos", required=True)
    """Contact persons for the calls."""
    draft: bool = spec(Bool(), "Melnraksts: true – ieraksts netiek publicēts nekur (ne lapās, ne kanālos, ne datos)", default=False,
                       label="Nerādīt vietnē (melnraksts)")
    """A draft appears in no output at all, whatever its dates."""
    published: dt.date | None = spec(Date(), "Publicēšanas datums; ar nākotnes datumu ieraksts līdz tam netiek publicēts")
    """Date the record was first published; before it the record appears nowhere."""
    updated: dt.date | None = spec(Date(), "Pēdējo izmaiņu datums")
    """Date of the last change that readers should notice."""
    source: Source = _source()


@dataclass(frozen=True, kw_only=True)
class RoundTotals:
    """Results of a round recorded as totals (for rounds whose calls are not recorded)."""

    projects: int = spec(Integer(0), "Apstiprināto projektu skaits", required=True)
    """Number of projects approved."""
    municipalities: int = spec(Integer(0), "Pašvaldību skaits, kurās apstiprināti projekti", required=True)
    """Number of municipalities where projects were approved."""
    source: Source = _source()


@dataclass(frozen=True, kw_only=True)
class PressRelease:
    """A round's press release ("Informācija medijiem"): only what is new is written here.

    Implementers, the amount, activities, earlier rounds' results, the programme's
    closing statement and the contact block are added from the records.
    """

    date: dt.date = spec(Date(), "Preses relīzes datums (piemēram, 2020-03-02)", required=True)
    """Date printed on the release."""
    headline: str = spec(Text(300), "Virsraksts", required=True)
    """Headline."""
    lead: str = spec(Text(5000), "Ievads: rindkopas (Markdown), atdalītas ar tukšu rindu", required=True)
    """Opening paragraphs in Markdown, separated by blank lines."""
    body: tuple[str, ...] = spec(ListOf(Text(5000)), "Papildu rindkopas (Markdown), kas seko atbalstāmajām aktivitātēm", default=())
    """Further paragraphs in Markdown, printed after the supported activities."""
    publish_at: dt.datetime | None = spec(DateTime(dt.time(0, 0)), "Embargo: publicēt ne agrāk kā (Rīgas laiks), piemēram, 2020-03-02 10:00", label="Embargo: publicēt ne agrāk kā")
    """Embargo: the release appears nowhere before this moment (Europe/Riga)."""
    draft: bool = spec(Bool(), "Melnraksts: true – ieraksts netiek publicēts nekur (ne lapās, ne kanālos, ne datos)", default=False,
                       label="Nerādīt vietnē (melnraksts)")
    """A draft appears in no output at all, whatever its dates."""
    prepared_by: Contact | None = spec(Contact, "Kas sagatavoja informāciju (ja nav norādīts, projekta kontaktpersona)")
    """Who prepared it; the programme's contact when absent."""
    source: Source = _source()


@dataclass(frozen=True, kw_only=True)
class Round:
    """A call round of the programme (``calls/<id>/_round.yml``)."""

    id: str = field(default="", metadata={"yaml": False})
    """Stable slug taken from the folder name (``2020-pavasaris``)."""
    number: int = spec(Integer(1), "Uzsaukuma kārtas numurs (1, 2, 3 …)", required=True, label="Kārtas numurs")
    """Ordinal number of the round."""
    title: str = spec(Text(120), "Nosaukums (piemēram, 2020. gada pavasaris)", required=True, label="Kārtas nosaukums")
    """Human title of the round."""
    opens: dt.date = spec(Date(), "Datums, kad kārtā sāk izsludināt konkursus", required=True, label="Kārtas sākums")
    """First day calls of the round may open."""
    closes: dt.date = spec(Date(), "Datums, līdz kuram kārtā notiek pieteikšanās", required=True, label="Kārtas beigas")
    """Last day calls of the round may close."""
    grant_amount: Decimal = spec(Amount(), "Finansējums vienam projektam, eiro", required=True)
    """Grant per project in euro."""
    grant_kind: str = spec(Choice(GRANT_KINDS), "fixed – tieši šāda summa; up_to – ne vairāk kā šī summa", default="fixed", label="Finansējuma veids")
    """Whether the grant is a fixed lump sum or a ceiling."""
    totals: RoundTotals | None = spec(RoundTotals, "Kopsavilkums par pagātnes kārtu, ja konkursi nav ievadīti atsevišķi", label="Kopsavilkums pagātnes kārtai")
    """Totals of a past round whose calls are not recorded one by one."""
    press_release: PressRelease | None = spec(PressRelease, "Preses relīze par kārtas izsludināšanu")
    """Press release announcing the round."""
    draft: bool = spec(Bool(), "Melnraksts: true – ieraksts netiek publicēts nekur (ne lapās, ne kanālos, ne datos)", default=False,
                       label="Nerādīt vietnē (melnraksts)")
    """A draft appears in no output at all, whatever its dates."""
    published: dt.date | None = spec(Date(), "Publicēšanas datums; ar nākotnes datumu ieraksts līdz tam netiek publicēts")
    """Date the record was first published; before it the record appears nowhere."""
    updated: dt.date | None = spec(Date(), "Pēdējo izmaiņu datums")
    """Date of the last change that readers should notice."""
    source: Source = _source()


@dataclass(frozen=True, kw_only=True)
class Submission:
    """One way to hand in an application."""

    method: str = spec(Choice(SUBMISSION_METHODS), "Veids: email, post, in_person vai online", required=True)
    """How: e-mail, post, in person or an online system."""
    address: str = spec(Text(300), "E-pasta adrese, pasta adrese, apmeklējuma vieta vai tīmekļa adrese", required=True, label="Adrese vai vieta")
    """Where: the e-mail address, postal address, office or web address."""
    note: str | None = spec(Text(500), "Piezīme (piemēram, darba laiks)")
    """Extra detail, e.g. office hours."""
    source: Source = _source()


@dataclass(frozen=True, kw_only=True)
class Document:
    """A document of a call: the rules (nolikums), forms, annexes."""

    title: str = spec(Text(300), "Dokumenta nosaukums", required=True)
    """Title as shown in the link."""
    url: str = spec(Url(), "Dokumenta tīmekļa adrese", required=True)
    """Where the document can be downloaded."""
    source: Source = _source()


@dataclass(frozen=True, kw_only=True)
class FundedProject:
    """A project approved for funding."""

    title: str = spec(Text(300), "Projekta nosaukums", required=True)
    """Project title."""
    implementer: str = spec(Text(300), "Projekta īstenotājs", required=True)
    """Organisation that implements it."""
    starts: dt.date = spec(Date(), "Īstenošanas sākums", required=True)
    """First day of implementation."""
    ends: dt.date = spec(Date(), "Īstenošanas beigas", required=True)
    """Last day of implementation."""
    source: Source = _source()


@dataclass(frozen=True, kw_only=True)
class Results:
    """The outcome of a call, once decided."""

    applications: int = spec(Integer(0), "Saņemto pieteikumu skaits", required=True)
    """Number of applications received."""
    decided: dt.date | None = spec(Date(), "Lēmuma datums")
    """Date of the evaluation commission's decision."""
    projects: tuple[FundedProject, ...] = spec(ListOf(FundedProject), "Atbalstītie projekti", default=())
    """Projects approved for funding."""
    source: Source = _source()


@dataclass(frozen=True, kw_only=True)
class Call:
    """A municipality's call in one round (``calls/<round>/<municipality>.yml``)."""

    round_id: str = field(default="", metadata={"yaml": False})
    """Id of the round, from the folder name."""
    municipality_id: str = field(default="", metadata={"yaml": False})
    """Id of the municipality, from the file name."""
    opens: dt.datetime = spec(DateTime(dt.time(0, 0)), "Pieteikšanās sākums (Rīgas laiks), piemēram, 2020-03-02 09:00", required=True)
    """When applications open, Europe/Riga."""
    closes: dt.datetime = spec(DateTime(dt.time(23, 59)), "Pieteikšanās beigas (Rīgas laiks), piemēram, 2020-04-15 17:00", required=True)
    """When applications close, Europe/Riga."""
    previous_closes: dt.datetime | None = spec(
        DateTime(dt.time(23, 59)), "Iepriekšējās pieteikšanās beigas, ja termiņš mainīts (pagarināts vai saīsināts); norādiet arī updated"
    , label="Iepriekšējās pieteikšanās beigas")
    """The deadline before it was changed: the call page says the deadline was extended (or shortened)."""
    quota: int | None = spec(Integer(1), "Cik projektus pašvaldība var atbalstīt (kvota)", label="Kvota – projektu skaits")
    """Number of projects the municipality may fund."""
    budget: Decimal | None = spec(Amount(), "Pašvaldības konkursa kopējais finansējums, eiro", label="Kopējais finansējums, eiro")
    """Total money available in this call, in euro."""
    submission: tuple[Submission, ...] = spec(ListOf(Submission, 1), "Kā un kur iesniegt pieteikumu", required=True, label="Pieteikuma iesniegšanas veidi")
    """Ways to apply."""
    documents: tuple[Document, ...] = spec(ListOf(Document), "Konkursa dokumenti: nolikums, veidlapas", default=())
    """Documents of the call."""
    contacts: tuple[Contact, ...] = spec(ListOf(Contact), "Kontaktpersonas (ja nav norādītas, pašvaldības kontaktpersonas)", default=())
    """Contacts for this call; the municipality's when empty."""
    note: str | None = spec(Text(2000), "Papildu informācija par konkursu")
    """Extra information in plain text."""
    results: Results | None = spec(Results, "Konkursa rezultāti, kad tie ir zināmi", label="Konkursa rezultāti")
    """Outcome, once decided."""
    draft: bool = spec(Bool(), "Melnraksts: true – ieraksts netiek publicēts nekur (ne lapās, ne kanālos, ne datos)", default=False,
                       label="Nerādīt vietnē (melnraksts)")
    """A draft appears in no output at all, whatever its dates."""
    published: dt.date | None = spec(Date(), "Publicēšanas datums; ar nākotnes datumu konkurss līdz tam netiek publicēts")
    """Date the call was first published; before it the call appears nowhere."""
    updated: dt.date | None = spec(Date(), "Pēdējo izmaiņu datums")
    """Date of the last change that readers should notice."""
    round: str | None = spec(Text(100), "Kārta: tās mapes nosaukums (piemēram, 2020-pavasaris); ja norādīta, jāsakrīt ar mapi, kurā ir fails")
    """The round's id as the web editor writes it (Decap CMS names the file from it); must be the folder's name."""
    municipality: str | None = spec(Text(100), "Pašvaldība: tās faila nosaukums bez .yml (piemēram, cesu-novads); ja norādīta, jāsakrīt ar šī faila nosaukumu")
    """The municipality's id as the web editor writes it; must be the file's name."""
    source: Source = _source()

    @property
    def id(self) -> str:
        """Stable id: ``<round>/<municipality>``."""
        return f"{self.round_id}/{self.municipality_id}"


@functools.cache
def yaml_fields(cls: type) -> Mapping[str, Any]:
    """The YAML fields of a record class, with their declarations."""
    from dataclasses import fields

    return MappingProxyType({f.name: f for f in fields(cls) if f.metadata.get("yaml", True) and "kind" in f.metadata})


def is_record(kind: Any) -> bool:
    return isinstance(kind, type) and hasattr(kind, "__dataclass_fields__")


__all__ = [
    "Accessibility",
    "Call",
    "Contact",
    "Document",
    "Enforcement",
    "Fields",
    "FundedProject",
    "InaccessibleContent",
    "Kind",
    "ListOf",
    "Logo",
    "Municipality",
    "PressRelease",
    "Programme",
    "Results",
    "Round",
    "RoundTotals",
    "Source",
    "Submission",
    "UNREADABLE",
    "yaml_fields",
]
