"""Boilerplate across a company's postings: paragraphs that recur in its other postings are its blurb, benefits
or shared stack, not this job's ask.

A paragraph is a line of the description (html_to_text puts each block and list item on its own line) of at least
MIN_WORDS words, normalised (folded, bullets and spaces collapsed) and hashed. `shared` counts, for one paragraph,
the company's other postings with another title that hold it (postings of the same title, level words and posting
place aside, are the same job posted twice, not boilerplate). A hit in a shared paragraph carries that count;
outside this posting's requirement and responsibility sections it is not asked. A stack block (a heading such as
"Our tech stack", "Tools we use", "Notre stack" and the lines after it, to the end of its section) whose paragraphs
are mostly shared is the company's stack, not this job's ask, whatever section holds it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator

from jobfit.db.fold import fold
from jobfit.matcher.sections import MARKDOWN, heading_style

MIN_WORDS = 4
# Sections whose shared paragraphs still count as this posting's ask (it put them under its own requirements).
OWN_ASK = frozenset({"required", "nice_to_have", "responsibilities"})
_BULLET = re.compile(r"^[\W\d_]*")
# A heading line (folded, bullets and emoji dropped) that opens a company-wide stack block.
STACK_HEADING = re.compile(
    r"(?:(?:our|the|notre|la|nos|les) )?(?:(?:tech|technical|technology|engineering) )?(?:stack|tools|toolbox|outils)"
    r"(?: (?:technique|technologique|we use|we love|and technologies|& technologies|we work with|"
    r"que nous utilisons|utilises|du moment))?|(?:our |nos )?technologies(?: (?:we use|utilisees))?|"
    r"(?:our |notre )?environnement technique|what we use|what we build with|built with|nos technos")
_STACK_HINT = re.compile(r"stack|tools|outils|technolog|techno|environnement technique|we use|built with")
MIN_SHARED_SHARE = 0.5  # of a stack block's lines (after its heading) that must be shared paragraphs
MAX_STACK_WORDS = 15
_SPACE = re.compile(r"\s+")


def normalise(line: str) -> str:
    """A paragraph as compared across postings: folded, leading bullets and numbers dropped, single spaces."""
    return _SPACE.sub(" ", _BULLET.sub("", fold(line))).strip()


def paragraphs(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, hash) of each paragraph of `text` worth comparing, in order."""
    offset = 0
    for line in text.splitlines(keepends=True):
        norm = normalise(line)
        if len(norm.split()) >= MIN_WORDS:
            yield offset, offset + len(line.rstrip("\n")), hashlib.sha1(norm.encode()).hexdigest()[:16]
        offset += len(line)


def paragraph_hashes(text: str) -> list[str]:
    """The distinct paragraph hashes of `text`."""
    return sorted({h for _, _, h in paragraphs(text)})


class SharedCounts:
    """Counts of shared paragraphs over a set of postings held in memory: company → hash → {title: postings}.

    The database keeps the same facts for incremental runs (jobfit.db.paragraphs); this in-memory form serves
    benchmarks and `jobfit extract` batches.
    """

    def __init__(self):
        self.index: dict[str, dict[str, dict[str, set[str]]]] = {}

    def add(self, company: str, posting_id: str, title: str, text: str) -> None:
        by_hash = self.index.setdefault(company, {})
        for h in paragraph_hashes(text):
            by_hash.setdefault(h, {}).setdefault(normal_title(title), set()).add(posting_id)

    def counts(self, company: str, posting_id: str, title: str, text: str) -> dict[str, int]:
        """hash → number of the company's other postings, of another title, holding that paragraph (when > 0)."""
        by_hash, own = self.index.get(company, {}), normal_title(title)
        out = {}
        for h in paragraph_hashes(text):
            n = sum(len(ids - {posting_id}) for t, ids in by_hash.get(h, {}).items() if t != own)
            if n:
                out[h] = n
        return out


# Title words that make variants of one job, not another job: its level, and where it is posted.
_LEVEL = re.compile(r"\b(?:junior|jr|senior|sr|staff|principal|lead|intern(?:ship)?|stagiaire|stage|alternan(?:t|ce)|"
                    r"confirmee?|experimentee?|mid(?:-level)?|entry[- ]level|i{1,3}|iv|[1-4])\b\.?")
_PLACE = re.compile(r"\s*(?:\([^)]*\)|,[^,]*$|[-–|/]\s*(?:americas|emea|apac|latam|europe|uk|us|usa|remote|hybrid|"
                    r"france|paris|london|berlin|germany|new york|nyc|sf|san francisco|canada|india)\b.*$)")


def normal_title(title: str) -> str:
    """A title as compared across a company's postings: folded, without level words and posting place, so that
    "Senior Software Engineer - Product, UK" and "Staff Software Engineer - Product" are the same job."""
    folded = fold(title or "")
    for _ in range(2):  # "Engineer (Remote), UK": both suffixes
        folded = _PLACE.sub("", folded)
    return _SPACE.sub(" ", _LEVEL.sub(" ", folded)).strip(" -–|,")


def shared_spans(text: str, counts: dict[str, int] | None) -> list[tuple[int, int, int]]:
    """(start, end, N) of the paragraphs of `text` that `counts` says are shared with N other postings."""
    if not counts:
        return []
    return [(s, e, counts[h]) for s, e, h in paragraphs(text) if counts.get(h)]


def shared_stacks(text: str, section_ends: list[int], shared: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """(start, end, N) of each stack block of `text` whose lines are mostly paragraphs among `shared` (N: the most
    postings sharing one of them). A block runs from its heading line over the short lines that list the stack,
    to the next question or markdown heading, prose line (more than MAX_STACK_WORDS words) or section end."""
    if not shared or not _STACK_HINT.search(fold(text)):
        return []
    blocks, offset, start, limit = [], 0, None, 0
    for line in text.splitlines(keepends=True):
        stripped, norm = line.strip(), normalise(line).rstrip(" :?!.")
        if start is not None and stripped and (offset >= limit or len(stripped.split()) > MAX_STACK_WORDS or
                                               stripped.endswith("?") or heading_style(stripped) == MARKDOWN):
            blocks.append((start, offset))
            start = None
        if start is None and norm and len(norm.split()) <= 6 and STACK_HEADING.fullmatch(norm):
            start = offset
            limit = next((e for e in section_ends if e > offset + len(line)), len(text))
        offset += len(line)
    if start is not None:
        blocks.append((start, offset))
    out = []
    for b_start, b_end in blocks:
        body = text.find("\n", b_start, b_end) + 1 or b_end  # the lines after the heading line
        inside = sum(1 for line in text[body:b_end].splitlines() if normalise(line))
        counts = [n for s, _, n in shared if body <= s < b_end]
        if counts and len(counts) >= MIN_SHARED_SHARE * inside:
            out.append((b_start, b_end, max(counts)))
    return out


def build_counts(postings: Iterable[dict]) -> SharedCounts:
    """SharedCounts over dicts with company, key (or id), title and text."""
    shared = SharedCounts()
    for p in postings:
        shared.add(p["company"], p.get("key") or p["id"], p.get("title") or "", p["text"])
    return shared
