"""HTML to plain text that keeps paragraphs, headings and list items, read with Beautiful Soup and lxml."""

from __future__ import annotations

import html
import re

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "ul", "ol", "table", "tr", "br",
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "hr",
}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SKIP_TAGS = {"script", "style", "noscript", "template", "head", "title"}


def unescape_fully(text: str) -> str:
    """Undo HTML entity escaping until the string is stable (some feeds escape twice)."""
    for _ in range(5):
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    return text


def html_to_text(markup: str | None) -> str:
    """Plain text of an HTML fragment: one block (paragraph, heading, bold line) a line, list items as "- item"."""
    if not markup or not markup.strip():
        return ""
    if re.search(r"&(amp;)*lt;", markup):  # entity-escaped HTML, possibly escaped twice
        markup = unescape_fully(markup)
    if "<" not in markup:
        return clean_text(markup)
    soup = BeautifulSoup(markup, "lxml")
    parts: list[str] = []
    _walk(soup, parts)
    # In HTML only tags break lines; the blank lines between blocks carry nothing.
    return re.sub(r"\n{2,}", "\n", clean_text("".join(parts)))


def _walk(node: Tag, parts: list[str]) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, PreformattedString):  # comments, doctypes, CDATA, processing instructions
                parts.append(_inline(str(child)))
            continue
        if not isinstance(child, Tag) or child.name in SKIP_TAGS:
            continue
        block = child.name in BLOCK_TAGS
        if block:
            parts.append("\n")
        if child.name == "li":
            parent = child.parent
            if parent is not None and parent.name == "ol":
                items = [c for c in parent.children if isinstance(c, Tag) and c.name == "li"]
                parts.append(f"{next(i for i, c in enumerate(items) if c is child) + 1}. ")
            else:
                parts.append("- ")
        _walk(child, parts)
        if block:
            parts.append("\n")


def _inline(text: str) -> str:
    """HTML text with its source line breaks turned into spaces, as a browser renders it."""
    return re.sub(r"\s*\n\s*", " ", text)


def clean_text(text: str) -> str:
    """Collapse spaces within lines and blank-line runs; strip each line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    lines = [re.sub(r"[ \t\f\v]+", " ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


# Gender markers: two or three single letters among h, f, m, w, d, x, n joined by slashes ("H/F", "F/H/N", "x/f/m").
TITLE_NOISE = re.compile(r"\s*[\(\[]?\s*\b[hfmwdxn](?:\s*/\s*[hfmwdxn]){1,2}\b\s*[\)\]]?", re.IGNORECASE)


def clean_title(title: str | None) -> str:
    """A title without gender markers such as "H/F", "F/H/N" or "(m/w/d)"."""
    if not title:
        return ""
    title = TITLE_NOISE.sub(" ", unescape_fully(title))
    title = re.sub(r"\s*([-–—|])(?:\s*[-–—|])+\s*", r" \1 ", title)  # "Data Engineer - H/F - CDI"
    title = re.sub(r"\s+", " ", title).strip(" -–—|,")
    return title
