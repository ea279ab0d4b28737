"""jobfit's one text fold: lowercase without accents, length-preserving so offsets in folded text are offsets in
the original. Every room compares words through it (skill patterns, sections, titles, contract and remote labels)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPECIAL = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u202f": " ", "\u2011": "-", "\u2010": "-"}


class _FoldTable(dict):
    """A str.translate table that computes each character's folded form on first use."""

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        folded = _SPECIAL.get(char)
        if folded is None:
            lower = char.lower()
            if len(lower) != 1:
                lower = char
            base = "".join(c for c in unicodedata.normalize("NFD", lower) if not unicodedata.combining(c))
            # "İ" lowercases to two characters, so it is decomposed as itself: its base letter still needs lowering.
            folded = base.lower() if len(base) == 1 and len(base.lower()) == 1 else lower
        self[codepoint] = folded
        return folded


_TABLE = _FoldTable()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_match(match: re.Match) -> str:
    return _TABLE[ord(match.group())]


def fold(text: str, compat: bool = False) -> str:
    """`text` lowercased and without accents, character for character (same length).

    compat=True first applies Unicode compatibility composition (NFKC: "ﬁ" is "fi", "２" is "2", "㎞" is "km"), for
    readers of labels and amounts that need no offsets; the result may then differ in length from `text`.
    """
    # The readers of a description (remote, salary, experience, education) each fold it: the last few are kept.
    return _fold_long(text, compat) if len(text) > _LONG else _fold(text, compat)


_LONG = 1000  # characters: descriptions, not labels or lines


@lru_cache(maxsize=4)
def _fold_long(text: str, compat: bool) -> str:
    return _fold(text, compat)


def _fold(text: str, compat: bool) -> str:
    if compat and not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lowercase is longer ("İ"): fold one by one
        return text.translate(_TABLE)
    if lowered.isascii():
        return lowered
    # Only the non-ASCII characters need the table; a regex finds them much faster than translate walks them.
    return _NON_ASCII.sub(_fold_match, lowered)


def fold_for_matching(text: str) -> str:
    """fold(text) with hyphens and slashes turned into spaces (same length): what the skill matcher sees.

    Hyphens and slashes separate words, so "amazon-web-services", "front end" and "Cloud/AWS" meet the patterns
    "amazon web services", "front-end" and "AWS" (patterns are folded the same way).
    """
    return fold(text).replace("-", " ").replace("/", " ")


def composed(text: str) -> tuple[str, list[int]]:
    """`text` in NFC (decomposed accents composed), and for each of its characters (plus its end) the offset in
    `text` it comes from, so offsets found in the composed text can be given back in the text as it was."""
    if unicodedata.is_normalized("NFC", text):
        return text, list(range(len(text) + 1))
    out, origin = [], []
    start = 0
    for i in range(1, len(text) + 1):
        # A cluster is a character and the combining marks after it; each composes on its own.
        if i < len(text) and unicodedata.combining(text[i]):
            continue
        piece = unicodedata.normalize("NFC", text[start:i])
        out.append(piece)
        origin += [start] * len(piece)
        start = i
    origin.append(len(text))
    return "".join(out), origin
