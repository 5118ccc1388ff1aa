"""The English catalogue is complete and believable: every Swedish text has an English translation that
is not fuzzy, keeps the placeholders, and is not a stub (such as "P" for "Projektledare").

The catalogue is read with a small parser of the PO format (no extra dependency)."""

import ast
import datetime
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"

# A translation this much shorter than its Swedish text has lost words. A quarter of the Swedish
# ("ska skickas" → "due") is as short as a real one gets; "P" for "Projektledare" is a stub. Short
# texts vary too much to judge by length.
SHORTEST_SHARE = 0.25
JUDGED_FROM_CHARS = 8
PLACEHOLDER = re.compile(r"%\([A-Za-z_0-9]+\)[sdif]|%[sdif]|\{[A-Za-z_0-9.]*\}")
SWEDISH_LETTERS = re.compile(r"[åäöÅÄÖ]")
# Texts that read the same in both languages: proper names and words English borrows as they are.
SAME_IN_ENGLISH = {
    "Östergötland",
    "Mälardalen",
    "Linköping",
    "Norrköping",
    "Örebro",
    "Västerås",
    "Eskilstuna",
    "Nyköping",
    "Katrineholm",
    "Motala",
    "Finspång",
    "Mjölby",
    "Söderköping",
    "Åtvidaberg",
    "Kinda",
    "Ödeshög",
    "Vadstena",
    "Boxholm",
    "Ydre",
    "Valdemarsvik",
    "Kompetensportalen",
    "Arbetsförmedlingen",
}


@dataclass
class Entry:
    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str = ""
    msgstrs: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)


def _entries(text: str) -> list[Entry]:
    """The active entries of a PO file (obsolete `#~` entries are left out), the header included."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: str | None = None
    pending_flags: set[str] = set()

    def finish():
        nonlocal current
        if current is not None:
            entries.append(current)
        current = None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            target = None
            continue
        if line.startswith("#"):
            if current is not None and current.msgstrs:
                finish()
            if line.startswith("#,"):
                pending_flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            value = ast.literal_eval(line)
            if target == "msgid":
                current.msgid += value
            elif target == "msgid_plural":
                current.msgid_plural += value
            elif target == "msgctxt":
                current.msgctxt += value
            else:
                current.msgstrs[-1] += value
            continue
        if keyword in ("msgctxt", "msgid") and current is not None and current.msgstrs:
            finish()
        if current is None:
            current = Entry(line=number, flags=pending_flags)
            pending_flags = set()
        value = ast.literal_eval(rest)
        if keyword == "msgctxt":
            current.msgctxt, target = value, "msgctxt"
        elif keyword == "msgid":
            current.msgid, target = value, "msgid"
        elif keyword == "msgid_plural":
            current.msgid_plural, target = value, "msgid_plural"
        elif keyword.startswith("msgstr"):
            current.msgstrs.append(value)
            target = "msgstr"
        else:
            raise ValueError(f"line {number}: cannot read {raw!r}")
    finish()
    return entries


def _problems(entry: Entry) -> list[str]:
    if entry.msgid == "":
        return ["the header is marked fuzzy"] if "fuzzy" in entry.flags else []
    problems = []
    if "fuzzy" in entry.flags:
        problems.append("fuzzy")
    if not entry.msgstrs or any(not msgstr.strip() for msgstr in entry.msgstrs):
        return [*problems, "untranslated"]
    sources = [entry.msgid, entry.msgid_plural or entry.msgid]
    for index, msgstr in enumerate(entry.msgstrs):
        source = sources[min(index, 1)]
        if len(source) >= JUDGED_FROM_CHARS and len(msgstr) < SHORTEST_SHARE * len(source):
            problems.append(f"much shorter than the Swedish: {msgstr!r}")
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(msgstr)):
            problems.append(f"placeholders differ: {msgstr!r}")
        if msgstr == source and SWEDISH_LETTERS.search(source) and source not in SAME_IN_ENGLISH:
            problems.append("the Swedish text copied unchanged")
    return problems


def test_the_parser_reads_plurals_flags_and_continued_lines():
    sample = (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.html:1\n#, fuzzy, python-format\nmsgid "Hej "\n"%(namn)s"\nmsgstr "Hello %(namn)s"\n\n'
        'msgid "Projektledare"\nmsgid_plural "Projektledare"\nmsgstr[0] "P"\nmsgstr[1] "r"\n\n'
        '#~ msgid "Gammal"\n#~ msgstr "Old"\n'
    )
    header, greeting, leaders = _entries(sample)
    assert (greeting.msgid, greeting.msgstrs, greeting.flags) == (
        "Hej %(namn)s",
        ["Hello %(namn)s"],
        {"fuzzy", "python-format"},
    )
    assert leaders.msgstrs == ["P", "r"]
    assert _problems(greeting) == ["fuzzy"]
    assert _problems(leaders) == ["much shorter than the Swedish: 'P'", "much shorter than the Swedish: 'r'"]
    assert _problems(header) == []


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        (Entry(line=1, msgid="Avboka", msgstrs=[""]), "untranslated"),
        (Entry(line=1, msgid="Hej %(name)s", msgstrs=["Hello"]), "placeholders differ: 'Hello'"),
        (Entry(line=1, msgid="Väntelista", msgstrs=["Väntelista"]), "the Swedish text copied unchanged"),
    ],
)
def test_the_checks_catch_each_kind_of_fault(entry, problem):
    assert problem in _problems(entry)


def test_every_entry_of_the_english_catalogue_is_translated_and_believable():
    found = [
        f"line {entry.line}: {entry.msgid[:60]!r}: {problem}"
        for entry in _entries(CATALOGUE.read_text(encoding="utf-8"))
        for problem in _problems(entry)
    ]
    assert not found, "\n".join(found)


def test_the_compiled_catalogue_says_what_its_source_says():
    """The .mo file the portal loads was compiled from this .po (`make messages`), not an older one."""
    with CATALOGUE.with_suffix(".mo").open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)
    stale = [
        entry.msgid[:60]
        for entry in _entries(CATALOGUE.read_text(encoding="utf-8"))
        if entry.msgid
        and not entry.msgid_plural
        and "fuzzy" not in entry.flags
        and entry.msgstrs[0]
        and translations.gettext(entry.msgid) != entry.msgstrs[0]
    ]
    assert not stale, stale


# --- Swedish (and English) as the pages show it -------------------------------------------------------


def _title(response) -> str:
    """The title as a browser's tab shows it (whitespace collapsed)."""
    return " ".join(re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).split())


@pytest.mark.django_db
def test_a_page_title_names_the_page_then_the_portal(client):
    assert _title(client.get(reverse("projects:catalogue"))) == "Kurser – Kompetensportalen"
    assert _title(client.get(reverse("account_login"))) == "Logga in – Kompetensportalen"
    assert _title(client.get(reverse("portal:home"))).startswith("Kompetensportalen – ")


@pytest.mark.django_db
def test_the_login_page_offers_an_account_in_plain_swedish_and_says_e_postadress(client):
    page = client.get(reverse("account_login")).content.decode()
    assert "Har du inget konto än?" in page and "Skapa ett konto</a>" in page
    assert "Har du redan ett konto?" not in page
    assert 'placeholder="E-postadress"' in page and "Epost" not in page


def test_the_swedish_corrections_keep_their_placeholders_and_leave_no_epost():
    corrections = _entries((CATALOGUE.parents[2] / "sv" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))
    for entry in corrections:
        for msgstr in entry.msgstrs:
            assert "epost" not in msgstr.casefold(), msgstr
            if entry.msgid:
                assert sorted(PLACEHOLDER.findall(entry.msgid)) == sorted(PLACEHOLDER.findall(msgstr)), msgstr


@pytest.mark.parametrize(("language", "written"), [("sv", "17 dec. 2026 14:00"), ("en", "17 Dec 2026 14:00")])
def test_tables_write_dates_as_the_language_does(language, written):
    moment = datetime.datetime(2026, 12, 17, 14, 0)
    with translation.override(language):
        assert date_format(moment, "SHORT_DATETIME_FORMAT") == written


@pytest.mark.parametrize(("language", "written"), [("sv", "12,5"), ("en", "12.5")])
def test_decimals_are_written_as_the_language_does(language, written):
    with translation.override(language):
        assert Template("{{ value }}").render(Context({"value": 12.5})) == written


def test_no_template_writes_a_month_the_english_way():
    """'M' gives "Dec" in every language; tables use SHORT_DATE(TIME)_FORMAT, which say "dec." in Swedish."""
    root = CATALOGUE.parents[3]
    english_months = re.compile(r"""\|date:["'][^"']*\bM\b""")
    found = [
        str(path.relative_to(root))
        for folder in ("templates", "portal", "projects", "events", "ambassadors")
        for path in (root / folder).rglob("*.html")
        if english_months.search(path.read_text(encoding="utf-8"))
    ]
    assert not found, found
