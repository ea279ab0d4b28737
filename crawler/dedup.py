"""Group postings of one job across sources: same URL, then company + title + city, then near-identical text."""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from itertools import accumulate

import numpy as np
import sqlite_utils

from jobfit.db.dedup import (
    company_key,
    group_of_dedup_key,
    postings_at_url,
    save_signature,
    set_dedup_key,
    set_group,
    similar_candidates,
    ungrouped,
)
from jobfit.db.fold import fold

NUM_PERM = 64
BANDS = 8  # 8 bands of 8 rows: pairs above ~0.77 Jaccard usually share a band
ROWS = NUM_PERM // BANDS
SIMILARITY = 0.8  # estimated Jaccard of word 5-shingles above which two texts are one job
MIN_WORDS = 40  # shorter texts are too generic to call duplicates
_PRIME = (1 << 31) - 1  # a Mersenne prime: a·x + b with 31-bit a, b and 32-bit x stays within uint64
_SEEDS = [int.from_bytes(hashlib.blake2b(f"perm{i}".encode(), digest_size=8).digest()) for i in range(NUM_PERM)]
_A = np.array([(seed >> 32) % (_PRIME - 1) + 1 for seed in _SEEDS], dtype=np.uint64)
_B = np.array([(seed & 0xFFFFFFFF) % _PRIME for seed in _SEEDS], dtype=np.uint64)
_WORD = re.compile(r"\w+")


def dedup_key(posting: dict) -> str | None:
    """company | title | city, folded and stripped of punctuation; None without company and title."""
    company, title = posting.get("company"), posting.get("title")
    if not company or not title:
        return None
    parts = [fold(title, compat=True), fold(posting.get("city") or "", compat=True)]
    return "|".join([company_key(company)] + [" ".join(re.findall(r"[a-z0-9]+", part)) for part in parts])


def minhash(text: str | None) -> list[int] | None:
    """A MinHash signature of the text's word 5-shingles; None for texts under MIN_WORDS words."""
    words = _WORD.findall(fold(text or "", compat=True))
    if len(words) < MIN_WORDS:
        return None
    # Each shingle is its five words joined by spaces, UTF-8: slices of the whole text joined once, hashed as the
    # bytes they are (the same CRC-32 values as joining each shingle, so stored signatures stay comparable).
    joined = " ".join(words)
    data = joined.encode()
    ends = list(accumulate(len(w) + 1 for w in words) if len(data) == len(joined)
                else accumulate(len(w.encode()) + 1 for w in words))
    crc32 = zlib.crc32
    shingles = {crc32(data[start:end - 1]) for start, end in zip([0, *ends[:-5]], ends[4:])}
    # One row per permutation, one column per shingle; numpy comes with spaCy, which jobfit already needs.
    hashes = _A[:, None] * np.fromiter(shingles, dtype=np.uint64, count=len(shingles))
    hashes += _B[:, None]
    np.remainder(hashes, _PRIME, out=hashes)
    return hashes.min(axis=1).tolist()


def similarity(one: list[int], other: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return sum(x == y for x, y in zip(one, other)) / NUM_PERM


def _bands(signature: list[int]) -> list[tuple[int, int]]:
    """(band, bucket) for each band: the bucket is the band's 8-byte hash as a signed SQLite integer."""
    return [(b, int.from_bytes(hashlib.blake2b(json.dumps(signature[b * ROWS:(b + 1) * ROWS]).encode(),
                                               digest_size=8).digest(), signed=True))
            for b in range(BANDS)]


def assign_groups(db: sqlite_utils.Database, postings: list[dict], changed: set[str] | None = None) -> int:
    """Give each stored posting without a group its canonical_id; returns how many joined an existing group.

    `changed` names the postings whose text is new or edited (None: all): only theirs is hashed again.
    """
    merged = 0
    alone = ungrouped(db, [p["id"] for p in postings])
    for posting in postings:
        key = dedup_key(posting)
        signature, bands = None, []
        if changed is None or posting["id"] in changed:
            signature = minhash(posting.get("description"))
            bands = _bands(signature) if signature else []
            save_signature(db, posting["id"], signature, bands, posting["source"],
                           company_key(posting.get("company")))
        if posting["id"] not in alone:  # not stored, or already grouped: a group, once formed, is kept
            set_dedup_key(db, posting["id"], key)
            continue
        canonical = _same_url(db, posting) or _same_key(db, posting["id"], key) or _similar_text(
            db, posting, signature, bands)
        merged += canonical is not None
        set_group(db, posting["id"], canonical or posting["id"], key)
    return merged


def _same_url(db, posting: dict) -> str | None:
    """The group of a posting on another source at the same URL or apply URL.

    A URL that several postings of one source share (a generic "apply here" page) says nothing: it is ignored.
    """
    urls = [u for u in {posting.get("url"), posting.get("apply_url")} if u]
    for url in sorted(urls):
        rows = postings_at_url(db, url, other_than=posting["id"])
        sources = [r[1] for r in rows] + [posting["source"]]
        if len(sources) != len(set(sources)):
            continue
        if group := next((r[2] for r in rows if r[2]), None):
            return group
    return None


def _same_key(db, posting_id: str, key: str | None) -> str | None:
    return group_of_dedup_key(db, key, other_than=posting_id) if key else None


def _similar_text(db, posting: dict, signature: list[int] | None, bands: list[tuple[int, int]]) -> str | None:
    """A group whose text is near-identical, on another source and from the same employer.

    One board's own postings often share a template text (same company blurb, different jobs): those stay apart.
    """
    if not signature:
        return None
    best, best_score = None, SIMILARITY
    for _, other, group in similar_candidates(db, bands, posting["source"],
                                              company_key(posting.get("company")), other_than=posting["id"]):
        if (score := similarity(signature, other)) >= best_score:
            best, best_score = group, score
    return best
