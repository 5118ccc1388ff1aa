"""Swedish full-text search on both databases, from one reading of what the visitor typed.

PostgreSQL stems with its Swedish configuration (Snowball) inside the database. SQLite, the embedded
default, has FTS5 but no Swedish: there the same Snowball stemmer (the `snowballstemmer` package)
stems the indexed text and the query in Python, and FTS5's `unicode61 remove_diacritics 2` tokenizer
folds accents, so that "matteknik" finds "Mätteknik". On both, every word also matches as the start
of a longer one ("robot" finds "Robotprogrammering"), all words must match, and a word written with a
minus in front ("-kommunikation") must not.

Each app keeps its own FTS5 table (see projects.search and ambassadors.search); this module only
knows how to turn text into what those tables and queries hold.
"""

import functools
import re
from dataclasses import dataclass

from django.db import connection

WORD = re.compile(r"\w+")
# How FTS5 tables are tokenised: accents folded, so stems with and without å, ä, ö meet.
FTS5_TOKENIZE = "unicode61 remove_diacritics 2"
MAX_WORDS = 12


def uses_fts5() -> bool:
    return connection.vendor == "sqlite"


@functools.cache
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("swedish")


def stem(word: str) -> str:
    return _stemmer().stemWord(word.casefold())


def stemmed(text: str) -> str:
    """Text as an FTS5 table holds it: each word replaced by its Swedish stem."""
    return " ".join(stem(word) for word in WORD.findall(text or ""))


@dataclass(frozen=True)
class Query:
    """What the visitor typed: the words that must be found and the ones that must not."""

    included: tuple[str, ...]
    excluded: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> "Query":
        included, excluded = [], []
        for part in (text or "").split()[:MAX_WORDS]:
            words = WORD.findall(part)
            (excluded if part.startswith("-") else included).extend(words)
        return cls(tuple(included), tuple(excluded))

    def __bool__(self) -> bool:
        return bool(self.included)

    def fts5(self) -> str:
        """An FTS5 MATCH expression: stems as prefixes, all required, the excluded ones left out."""
        expression = " AND ".join(f'"{stem(word)}"*' for word in self.included)
        for word in self.excluded:
            expression += f' NOT "{stem(word)}"*'
        return expression

    def tsquery(self) -> str:
        """The same for PostgreSQL's to_tsquery (search_type="raw"): each word stemmed by the database
        (Swedish configuration) and matched as a prefix. Words are letters and digits only, so nothing
        the visitor types can reach the query syntax."""
        parts = [f"{word}:*" for word in self.included]
        parts += [f"!{word}:*" for word in self.excluded]
        return " & ".join(parts)
