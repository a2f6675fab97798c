"""How petition text becomes search words, and how a search box's text becomes a query.

One rule for both sides: a document and a query are cut into words by the same segmenter
(jieba's dictionary through rjieba, plus the platform's own words: topics, units, places), so
a common two-character word such as 噪音 is one indexed word rather than a substring to scan.
The same rule serves the API, the staff screens and duplicate detection.

Documents are cut in search mode (a long word also yields its parts: 停车难 → 停车, 停车难),
without the HMM guesser (so an unknown name falls apart into the same single characters in a
document and in a query). A query for a word the platform taught the segmenter also matches
its former parts, so it still finds petitions indexed before the word was learned.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import rjieba

_WORD = re.compile(r"^\w+$")
_CODE_PREFIX = re.compile(r"^[A-Z]{2}\d{4,14}$")
_DIGITS = re.compile(r"^\d{4,14}$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
MAX_QUERY_WORDS = 12
# The segmenter as shipped, without the platform's words: how a learned word was cut before.
_BASE = rjieba.Jieba()


def normalise(text: str) -> str:
    """Full-width letters and digits to half-width, lower case: ＳＮ２０２３ is sn2023."""
    return unicodedata.normalize("NFKC", text).lower()


def learn(words: Iterable[str]) -> None:
    """Teach the segmenter the platform's own words (topic, unit and place names)."""
    for word in words:
        word = normalise(word).strip()
        if len(word) >= 2 and _WORD.match(word) and not rjieba.has_word(word):
            rjieba.add_word(word, None, None)


def _words(text: str, search_mode: bool) -> list[str]:
    cut = rjieba.cut_for_search if search_mode else rjieba.cut
    return [w for w in cut(normalise(text), False) if _WORD.match(w)]


@dataclass(frozen=True)
class Document:
    """A petition's words in order: the title's first, then the address's, then the content's.
    A word in the title weighs most in ranking, then the address, then the content."""

    title: tuple[str, ...]
    address: tuple[str, ...]
    content: tuple[str, ...]

    @property
    def words(self) -> list[str]:
        return list(dict.fromkeys(self.title + self.address + self.content))

    def tsvector(self) -> str:
        """PostgreSQL tsvector text: each word quoted, with its positions and weights
        (A title, B address, D content), so ts_rank can tell a title match from a passing
        mention. Words are \\w+ only, so the quoting is safe."""
        positions: dict[str, list[str]] = {}
        n = 0
        for weight, part in (("A", self.title), ("B", self.address), ("", self.content)):
            for word in part:
                n = min(n + 1, 16383)
                positions.setdefault(word, []).append(f"{n}{weight}")
        return " ".join(f"'{w}':{','.join(p[:256])}" for w, p in positions.items())

    def fts5_text(self) -> str:
        """SQLite FTS5 text: the words in order, the title's three times (bm25 counts them)."""
        return " ".join(self.title * 3 + self.address + self.content)


def document(title: str, content: str, address: str = "") -> Document:
    return Document(
        tuple(_words(title, search_mode=True)),
        tuple(_words(address, search_mode=True)),
        tuple(_words(content, search_mode=True)),
    )


class QueryKind(StrEnum):
    WORDS = "WORDS"  # full-text: every word must occur
    CODE_PREFIX = "CODE_PREFIX"  # SN2023… : the start of a tracking code
    DIGITS = "DIGITS"  # …000123 (the tail of a code) or a phone number


@dataclass(frozen=True)
class SearchQuery:
    kind: QueryKind
    value: str = ""  # the code prefix or the digits
    # WORDS: each group must match: a word, or (for a word the platform taught the segmenter)
    # all the parts it was cut into before, as in petitions indexed before it was learned.
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def is_phone(self) -> bool:
        return self.kind is QueryKind.DIGITS and bool(_MOBILE.match(self.value))

    def tsquery(self) -> str:
        """PostgreSQL tsquery text. Each word is quoted as a lexeme (no text-search parser
        involved, so nothing depends on the database's locale); words are \\w+ only."""

        def q(w: str) -> str:
            return f"'{w}'"

        return " & ".join(
            f"({q(word)} | ({' & '.join(q(p) for p in parts)}))" if parts else q(word)
            for word, parts in self.groups
        )

    def fts5(self) -> str:
        """SQLite FTS5 MATCH text (the same logic: AND of groups, a word OR its parts)."""

        def q(w: str) -> str:
            return f'"{w}"'

        return " AND ".join(
            f"({q(word)} OR ({' AND '.join(q(p) for p in parts)}))" if parts else q(word)
            for word, parts in self.groups
        )


def parse_query(text: str) -> SearchQuery | None:
    """What the search box asks for; None when nothing searchable is left."""
    compact = normalise(text).replace(" ", "").replace("-", "")
    if _CODE_PREFIX.match(compact.upper()):
        return SearchQuery(QueryKind.CODE_PREFIX, value=compact.upper())
    if _DIGITS.match(compact):
        return SearchQuery(QueryKind.DIGITS, value=compact)
    groups: dict[str, tuple[str, ...]] = {}
    for word in _words(text, search_mode=False)[:MAX_QUERY_WORDS]:
        learned = not _BASE.has_word(word)
        parts = tuple(p for p in _BASE.cut(word, False) if p != word) if learned else ()
        groups.setdefault(word, parts)
    if not groups:
        return None
    return SearchQuery(QueryKind.WORDS, groups=tuple(groups.items()))
