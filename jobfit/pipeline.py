"""The stages after crawling: extract skills from stored postings, then score them against profiles."""

from __future__ import annotations

import sqlite_utils

from jobfit.db.queries import postings_to_extract, postings_with_skills, save_extractions, save_matches
from jobfit.matcher.profile import Profile
from jobfit.matcher.score import score_posting
from jobfit.matcher.skills import SkillTable
from jobfit.matcher.version import extractor_version

BATCH = 200


def extract_pending(db: sqlite_utils.Database, extractor) -> int:
    """Extract skills from every posting that is new, changed, or extracted by an older extractor."""
    pending = list(postings_to_extract(db, extractor.version))
    done = 0
    for i in range(0, len(pending), BATCH):
        batch = pending[i:i + BATCH]
        texts = [(p["description"] or "", p["language"] if p["language"] in ("fr", "en") else None) for p in batch]
        titles = [(p["title"] or "", None) for p in batch]
        results = []
        for posting, (lang, hits), (_, title_hits) in zip(batch, extractor.extract_many(texts),
                                                           extractor.extract_many(titles)):
            rows = [{**h.as_dict(), "section": "title", "sentence": posting["title"]} for h in title_hits]
            rows += [h.as_dict() for h in hits]
            for row in rows:
                row.pop("name", None)
                row["negated"] = int(row["negated"])
            results.append((posting, lang, posting["content_hash"], rows))
        done += save_extractions(db, results, extractor.version)
    return done


def extract_pending_lazily(db: sqlite_utils.Database, table: SkillTable) -> int:
    """extract_pending, building the (slow to build) Extractor only when some posting needs it."""
    if next(postings_to_extract(db, extractor_version(table)), None) is None:
        return 0
    from jobfit.matcher.extract import Extractor

    return extract_pending(db, Extractor(table))


def score_pending(db: sqlite_utils.Database, profile: Profile, table: SkillTable, rescore: bool = False) -> int:
    """Score every extracted posting whose match for `profile` is missing or stale."""
    rows = postings_with_skills(db, None if rescore else profile.id, profile.version)
    batch, total = [], 0
    for posting, hits in rows:
        result = score_posting(profile, table, hits, posting)
        batch.append({"posting_id": posting["id"], "profile": profile.id, "content_hash": posting["content_hash"],
                      "profile_version": profile.version, **result})
        if len(batch) >= BATCH:
            total += save_matches(db, batch)
            batch = []
    return total + save_matches(db, batch)
