"""Posting text made inert for every output: no escape sequence of a title may reach a terminal."""

from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL, C1 controls (8-bit CSI, OSC, ST…), and the bidirectional overrides
# and isolates that reorder what a terminal shows ("Trojan Source").
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL, ␍ for CR: visible, inert
    return "␡" if code == 0x7F else "\ufffd"


def terminal_safe(text) -> str:
    """`text` with every control character that a terminal would act on shown as a visible, inert symbol.

    ESC[2J (clear screen), OSC 0 (window title), OSC 8 (hyperlink), OSC 52 (clipboard), 8-bit C1 controls, a bare
    carriage return and bidi overrides all lose their effect; tabs and line breaks stay.
    """
    return _UNSAFE.sub(_picture, "" if text is None else str(text))


def json_safe(text: str) -> str:
    """JSON text with the characters `terminal_safe` replaces written as \\u escapes: the same data, inert."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
