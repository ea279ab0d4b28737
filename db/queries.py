"""Reads and writes of the matcher and the reports: extractions, matches, report queries.

The crawler's own tables have their modules: db.postings, db.dedup, db.crawl_runs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

import sqlite_utils

from jobfit.db.clock import utcnow
from jobfit.db.vocabulary import per_year_sql


def postings_to_extract(db: sqlite_utils.Database, extractor_version: str, after: str = "",
                        limit: int = -1) -> list[dict]:
    """Up to `limit` postings after id `after` never extracted, changed since, or extracted by another version."""
    return list(db.query(
        """
        select p.id, p.title, p.description, p.language, p.content_hash
        from postings p left join extractions e on e.posting_id = p.id
        where p.id > :after and (e.posting_id is null or e.content_hash is not p.content_hash
           or e.extractor_version != :version)
        order by p.id limit :limit
        """,
        {"version": extractor_version, "after": after, "limit": limit},
    ))


def save_extractions(db: sqlite_utils.Database, results: Iterable[tuple[dict, str, str, list[dict]]],
                     extractor_version: str) -> int:
    """Replace the skills of each (posting, language, content_hash, hits) in one transaction; bumps its revision."""
    now = utcnow()
    n = 0
    with db.conn:
        for posting, language, content_hash, hits in results:
            db.execute("delete from posting_skills where posting_id = ?", [posting["id"]])
            description = posting.get("description") or ""
            db["posting_skills"].insert_all(({"posting_id": posting["id"], **_compact(hit, description)}
                                             for hit in hits))
            db.execute(
                """insert into extractions (posting_id, content_hash, language, extractor_version, extracted_at,
                                            revision)
                   values (?, ?, ?, ?, ?, 1)
                   on conflict(posting_id) do update set content_hash = excluded.content_hash,
                     language = excluded.language, extractor_version = excluded.extractor_version,
                     extracted_at = excluded.extracted_at, revision = extractions.revision + 1""",
                [posting["id"], content_hash, language, extractor_version, now])
            n += 1
    return n


def _compact(hit: dict, description: str) -> dict:
    """A hit as stored: an evidence sentence found in the description is kept as its offsets, not a copy."""
    sentence = hit.get("sentence")
    if sentence and hit.get("section") != "title":
        at = description.find(sentence, max(0, hit["start"] - len(sentence)), hit["end"] + len(sentence))
        if at != -1:
            return {**hit, "sentence": None, "sentence_start": at, "sentence_end": at + len(sentence)}
    return {**hit, "sentence_start": None, "sentence_end": None}


def _with_sentence(hit: dict, description: str | None) -> dict:
    """A stored hit with its evidence sentence rebuilt from the description's offsets."""
    if hit.get("sentence") is None and hit.get("sentence_start") is not None:
        hit["sentence"] = (description or "")[hit["sentence_start"]:hit["sentence_end"]]
    return hit


def postings_with_skills(db: sqlite_utils.Database, profile: str, profile_version: str, scoring_version: str,
                         stale_only: bool = True, after: str = "", limit: int = 500) -> list[tuple[dict, list[dict]]]:
    """Up to `limit` extracted postings after id `after`, each with its skill hits and `extraction_revision`.

    With `stale_only`, only those whose match for `profile` is missing or stale: computed from other content,
    an older extraction, another version of the profile file or of the scoring code.
    """
    where = ""
    if stale_only:
        where = """and not exists (select 1 from matches m where m.posting_id = p.id and m.profile = :profile
                   and m.content_hash is p.content_hash and m.profile_version = :version
                   and m.extraction_revision = e.revision and m.scoring_version = :scoring)"""
    postings = list(db.query(
        f"""select p.*, e.revision as extraction_revision from postings p join extractions e on e.posting_id = p.id
            where p.id > :after {where} order by p.id limit :limit""",
        {"profile": profile, "version": profile_version, "scoring": scoring_version, "after": after,
         "limit": limit}))
    # Hits are read for the whole chunk at once, not with one query per posting.
    ids = [p["id"] for p in postings]
    descriptions = {p["id"]: p["description"] for p in postings}
    hits: dict[str, list[dict]] = {i: [] for i in ids}
    if ids:
        for hit in db.query(f"select * from posting_skills where posting_id in ({','.join('?' * len(ids))}) "
                            "order by posting_id, start", ids):
            hits[hit["posting_id"]].append(_with_sentence(hit, descriptions[hit["posting_id"]]))
    return [(posting, hits[posting["id"]]) for posting in postings]


def save_matches(db: sqlite_utils.Database, matches: Iterable[dict]) -> int:
    """Upsert scored matches in one transaction."""
    now = utcnow()
    rows = [
        {**m, "subscores": json.dumps(m["subscores"]), "explanation": json.dumps(m["explanation"], ensure_ascii=False),
         "computed_at": now}
        for m in matches
    ]
    with db.conn:
        db["matches"].upsert_all(rows, pk=("posting_id", "profile"))
    return len(rows)


# The postings reports read: one change (to the crawler's de-duplicated view, e.g. "canonical_postings") makes
# every report show one row per job instead of one per source.
REPORT_POSTINGS = "postings"
PER_YEAR_SQL = per_year_sql("p.salary_period")
ANNUAL_SALARY_SQL = f"coalesce(p.salary_max, p.salary_min) * {PER_YEAR_SQL}"


@dataclass(frozen=True)
class ReportFilters:
    """What a report leaves out; each becomes a WHERE clause with bound parameters."""

    min_score: float = 0.0
    since: str | None = None  # ISO date: published (or first seen) on or after
    remote: tuple[str, ...] = ()
    location: str | None = None  # part of the location, city or country, any case
    contract: tuple[str, ...] = ()
    min_salary: float | None = None  # per year; postings without a salary are kept
    new_only: bool = False  # not shown by an earlier report for the profile
    first_seen_since: str | None = None  # ISO timestamp: stored for the first time at or after

    def where(self) -> tuple[list[str], dict]:
        """SQL conditions on `m` (matches) and `p` (postings), and their parameters."""
        clauses = ["m.profile = :profile", "m.score >= :min_score", "p.closed_at is null"]
        params: dict = {"min_score": self.min_score}
        if self.since:
            clauses.append("coalesce(p.posted_at, p.first_seen) >= :since")
            params["since"] = self.since
        for name, values in (("remote", self.remote), ("contract", self.contract)):
            if values:
                keys = [f"{name}{i}" for i in range(len(values))]
                clauses.append(f"p.{name} in ({', '.join(':' + k for k in keys)})")
                params.update(zip(keys, values))
        if self.location:
            clauses.append("(p.location like :location escape '\\' or p.city like :location escape '\\' "
                           "or p.country like :location escape '\\')")
            params["location"] = "%" + re.sub(r"([\\%_])", r"\\\1", self.location) + "%"
        if self.min_salary is not None:
            clauses.append(f"({ANNUAL_SALARY_SQL} is null or {ANNUAL_SALARY_SQL} >= :min_salary)")
            params["min_salary"] = self.min_salary
        if self.first_seen_since:
            clauses.append("p.first_seen >= :first_seen_since")
            params["first_seen_since"] = self.first_seen_since
        if self.new_only:
            clauses.append("not exists (select 1 from report_history h where h.profile = m.profile "
                           "and h.posting_id = m.posting_id)")
        return clauses, params


REPORT_COLUMNS = """p.id, p.title, p.company, p.location, p.remote, p.contract, p.salary_min, p.salary_max,
       p.salary_currency, p.salary_period, p.posted_at, p.url, p.source, p.language,
       m.score, m.subscores, m.explanation"""


def _decoded(row: dict) -> dict:
    row["subscores"] = json.loads(row["subscores"] or "{}")
    row["explanation"] = json.loads(row["explanation"] or "{}")
    return row


def report_matches(db: sqlite_utils.Database, profile: str, limit: int = 20,
                   filters: ReportFilters | None = None) -> list[dict]:
    """The best-scored open postings for a profile that pass `filters`, explanations decoded."""
    clauses, params = (filters or ReportFilters()).where()
    rows = db.query(
        f"""select {REPORT_COLUMNS}
        from matches m join {REPORT_POSTINGS} p on p.id = m.posting_id
        where {' and '.join(clauses)}
        order by m.score desc, p.posted_at desc, p.id
        limit :limit""",
        {**params, "profile": profile, "limit": limit},
    )
    return [_decoded(row) for row in rows]


def match_for(db: sqlite_utils.Database, posting_id: str, profile: str) -> dict | None:
    """One posting's match for a profile, explanation decoded; None when it was never scored."""
    rows = list(db.query(f"""select {REPORT_COLUMNS} from matches m join postings p on p.id = m.posting_id
                             where m.posting_id = :id and m.profile = :profile""",
                         {"id": posting_id, "profile": profile}))
    return _decoded(rows[0]) if rows else None


def record_reported(db: sqlite_utils.Database, profile: str, posting_ids: Iterable[str],
                    now: str | None = None) -> None:
    """Remember that a report for `profile` showed these postings (for `--new`)."""
    now = now or utcnow()
    with db.conn:
        db.conn.executemany(
            "insert into report_history (profile, posting_id, first_reported_at, last_reported_at) "
            "values (?, ?, ?, ?) on conflict(profile, posting_id) "
            "do update set last_reported_at = excluded.last_reported_at",
            [(profile, pid, now, now) for pid in posting_ids])


def best_posting_skills(db: sqlite_utils.Database, profile: str, top: int, not_asked: Iterable[str]) -> list[dict]:
    """How many of the profile's `top` best-scored open postings ask for each skill: [{skill_id, postings}]."""
    excluded = list(not_asked)
    marks = ", ".join("?" * len(excluded)) or "''"
    return list(db.query(
        f"""with best as (select m.posting_id from matches m join {REPORT_POSTINGS} p on p.id = m.posting_id
                          where m.profile = ? and p.closed_at is null and m.score > 0
                          order by m.score desc limit ?)
            select s.skill_id, count(distinct s.posting_id) as postings
            from posting_skills s join best b on b.posting_id = s.posting_id
            where not s.negated and s.section not in ({marks})
            group by s.skill_id order by postings desc, s.skill_id""",
        [profile, top, *excluded]))


def best_posting_facts(db: sqlite_utils.Database, profile: str, top: int) -> list[dict]:
    """Source, contract, remote policy and yearly salary of the profile's `top` best-scored open postings."""
    return list(db.query(
        f"""select p.source, p.contract, p.remote, p.salary_currency, {ANNUAL_SALARY_SQL} as salary_year,
                   p.salary_min * {PER_YEAR_SQL} as salary_year_min
            from matches m join {REPORT_POSTINGS} p on p.id = m.posting_id
            where m.profile = ? and p.closed_at is null and m.score > 0
            order by m.score desc limit ?""",
        [profile, top]))
