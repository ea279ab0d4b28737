"""Reads and writes of the matcher and the reports: extractions, matches, report queries.

The crawler's own tables have their modules: db.postings, db.dedup, db.crawl_runs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import sqlite_utils

from jobfit.db.clock import utcnow
from jobfit.db.fold import fold
from jobfit.db.vocabulary import per_year_sql


def postings_to_extract(db: sqlite_utils.Database, extractor_version: str, after: str = "",
                        limit: int = -1) -> list[dict]:
    """Up to `limit` postings after id `after` never extracted, changed since, extracted by another version, or
    marked stale (a later posting of the company shares a paragraph the extraction read as the posting's own)."""
    return list(db.query(
        """
        select p.id, p.title, p.description, p.language, p.content_hash
        from postings p left join extractions e on e.posting_id = p.id
        where p.id > :after and (e.posting_id is null or e.content_hash is not p.content_hash
           or e.extractor_version != :version or e.stale = 1)
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
            rows = {}
            for hit in hits:  # keyed by (start, end, skill, section): the same hit twice is stored once
                row = _compact(hit, description)
                rows.setdefault((row.get("start"), row.get("end"), row["skill_id"], row["section"]),
                                [posting["id"], *(row.get(c) for c in HIT_COLUMNS)])
            db.conn.executemany(_INSERT_HIT, rows.values())
            db.execute(
                """insert into extractions (posting_id, content_hash, language, extractor_version, extracted_at,
                                            revision, stale)
                   values (?, ?, ?, ?, ?, 1, 0)
                   on conflict(posting_id) do update set content_hash = excluded.content_hash,
                     language = excluded.language, extractor_version = excluded.extractor_version,
                     extracted_at = excluded.extracted_at, revision = extractions.revision + 1, stale = 0""",
                [posting["id"], content_hash, language, extractor_version, now])
            n += 1
    return n


HIT_COLUMNS = ("skill_id", "section", "text", "start", "end", "negated", "sentence", "heading", "shared",
               "sentence_start", "sentence_end")
_INSERT_HIT = (f"insert into posting_skills (posting_id, {', '.join(f'[{c}]' for c in HIT_COLUMNS)}) "
               f"values ({', '.join('?' * (len(HIT_COLUMNS) + 1))})")


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
        f"""select p.*, e.revision as extraction_revision, e.spoken_languages
            from postings p join extractions e on e.posting_id = p.id
            where p.id > :after {where} order by p.id limit :limit""",
        {"profile": profile, "version": profile_version, "scoring": scoring_version, "after": after,
         "limit": limit}))
    hits = _hits_of(db, postings)
    return [(posting, hits[posting["id"]]) for posting in postings]


def _hits_of(db: sqlite_utils.Database, postings: list[dict]) -> dict[str, list[dict]]:
    """posting id → its skill hits in text order, evidence sentences rebuilt; one query for all the postings."""
    descriptions = {p["id"]: p["description"] for p in postings}
    hits: dict[str, list[dict]] = {i: [] for i in descriptions}
    ids = list(descriptions)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for hit in db.query(f"select * from posting_skills where posting_id in ({','.join('?' * len(chunk))}) "
                            "order by posting_id, start", chunk):
            hits[hit["posting_id"]].append(_with_sentence(hit, descriptions[hit["posting_id"]]))
    return hits


def scoring_inputs(db: sqlite_utils.Database, profile: str,
                   posting_ids: Iterable[str]) -> dict[str, tuple[dict, list[dict], str]]:
    """posting id → (posting, skill hits, computed_at of its match for `profile`): what its score was computed
    from, as `postings_with_skills` reads it, to rebuild an explanation that was not stored."""
    ids = list(dict.fromkeys(posting_ids))
    postings: list[dict] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        postings += db.query(
            f"""select p.*, e.revision as extraction_revision, e.spoken_languages, m.computed_at as _computed_at
                from postings p join extractions e on e.posting_id = p.id
                join matches m on m.posting_id = p.id and m.profile = ?
                where p.id in ({','.join('?' * len(chunk))})""", [profile, *chunk])
    hits = _hits_of(db, postings)
    return {p["id"]: (p, hits[p["id"]], p.pop("_computed_at")) for p in postings}


COMPACT = (",", ":")  # JSON without the spaces json.dumps puts after separators: 5 % of a match row


def save_matches(db: sqlite_utils.Database, matches: Iterable[dict]) -> int:
    """Upsert scored matches in one transaction, computed at their `computed_at` (default: now); sub-scores or
    an explanation of None are stored as null (the reader rebuilds them from the stored hits)."""
    now = utcnow()
    rows = [
        {**m, "subscores": None if m.get("subscores") is None else json.dumps(m["subscores"], separators=COMPACT),
         "explanation": None if m.get("explanation") is None else
         json.dumps(m["explanation"], ensure_ascii=False, separators=COMPACT),
         "computed_at": m.get("computed_at") or now}
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
    exclude_companies: tuple[str, ...] = ()  # the profile's blacklist: a company naming one of these is left out
    not_sent_to: str | None = None  # a `jobfit notify` channel: postings it was already sent are left out

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
        if self.exclude_companies:
            clauses.append("not jobfit_names_any(p.company, :exclude_companies)")
            params["exclude_companies"] = json.dumps(list(self.exclude_companies))
        if self.not_sent_to:
            clauses.append("not exists (select 1 from notifications n where n.channel = :channel "
                           "and n.profile = m.profile and n.posting_id = m.posting_id and n.status = 'sent')")
            params["channel"] = self.not_sent_to
        if self.new_only:
            clauses.append("not exists (select 1 from report_history h where h.profile = m.profile "
                           "and h.posting_id = m.posting_id)")
        return clauses, params


REPORT_COLUMNS = """p.id, p.title, p.company, p.location, p.remote, p.contract, p.salary_min, p.salary_max,
       p.salary_currency, p.salary_period, p.posted_at, p.url, p.source, p.language,
       m.score, m.subscores, m.explanation, p.first_seen,
       (select e.spoken_languages from extractions e where e.posting_id = p.id) as spoken_languages"""


@lru_cache(maxsize=64)
def _names_pattern(names_json: str) -> re.Pattern | None:
    names = [fold(n).strip() for n in json.loads(names_json)]
    alternatives = "|".join(re.escape(n) for n in names if n)
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])") if alternatives else None


def names_any(text: str | None, names_json: str) -> bool:
    """Whether `text` names one of the JSON list `names_json` as whole words, accents and case aside
    ("Acme" names "ACME SAS" and "Acmé", not "Acmeville")."""
    pattern = _names_pattern(names_json)
    return bool(text and pattern and pattern.search(fold(text)))


def _with_functions(db: sqlite_utils.Database) -> sqlite_utils.Database:
    """Register the SQL functions the report filters use on this connection."""
    db.conn.create_function("jobfit_names_any", 2, names_any, deterministic=True)
    return db


def _decoded(row: dict) -> dict:
    # None: not stored (a low score); jobfit.flow.with_explanations rebuilds them.
    row["subscores"] = None if row["subscores"] is None else json.loads(row["subscores"] or "{}")
    row["explanation"] = None if row["explanation"] is None else json.loads(row["explanation"] or "{}")
    row["spoken_languages"] = json.loads(row.get("spoken_languages") or "[]")
    return row


def report_matches(db: sqlite_utils.Database, profile: str, limit: int = 20,
                   filters: ReportFilters | None = None) -> list[dict]:
    """The best-scored open postings for a profile that pass `filters`, explanations decoded (None when not
    stored: see jobfit.flow.with_explanations)."""
    return _matches(db, profile, limit, filters, "m.score desc, p.posted_at desc, p.id")


def latest_matches(db: sqlite_utils.Database, profile: str, limit: int = 50,
                   filters: ReportFilters | None = None) -> list[dict]:
    """The open postings for a profile that pass `filters`, the most recently first stored first (for feeds)."""
    return _matches(db, profile, limit, filters, "p.first_seen desc, m.score desc, p.id")


def _matches(db: sqlite_utils.Database, profile: str, limit: int, filters: ReportFilters | None,
             order: str) -> list[dict]:
    clauses, params = (filters or ReportFilters()).where()
    rows = _with_functions(db).query(
        f"""select {REPORT_COLUMNS}
        from matches m join {REPORT_POSTINGS} p on p.id = m.posting_id
        where {' and '.join(clauses)}
        order by {order}
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


def best_postings_with_hits(db: sqlite_utils.Database, profile: str, top: int) -> list[tuple[dict, list[dict]]]:
    """The profile's `top` best-scored open postings, each with its skill hits (to score them again)."""
    postings = list(db.query(
        f"""select p.*, m.score as stored_score from matches m join {REPORT_POSTINGS} p on p.id = m.posting_id
            where m.profile = ? and p.closed_at is null and m.score > 0
            order by m.score desc, p.id limit ?""", [profile, top]))
    ids = [p["id"] for p in postings]
    hits: dict[str, list[dict]] = {i: [] for i in ids}
    if ids:
        for hit in db.query(f"select * from posting_skills where posting_id in ({','.join('?' * len(ids))}) "
                            "order by posting_id, start", ids):
            hits[hit["posting_id"]].append(hit)
    return [(posting, hits[posting["id"]]) for posting in postings]


def monthly_market(db: sqlite_utils.Database, profile: str) -> tuple[list[dict], list[dict]]:
    """The postings scored above 0 for the profile, open or closed, by month of publication (else of first
    sighting): ([{month, posting_id, currency, salary_year}], [{month, skill_id, postings}])."""
    month = "substr(coalesce(p.posted_at, p.first_seen), 1, 7)"
    scored = f"from matches m join {REPORT_POSTINGS} p on p.id = m.posting_id where m.profile = ? and m.score > 0"
    postings = list(db.query(
        f"select {month} as month, p.id as posting_id, p.salary_currency as currency, "
        f"{ANNUAL_SALARY_SQL} as salary_year {scored} order by month", [profile]))
    skills = list(db.query(
        f"""select {month} as month, s.skill_id, count(distinct s.posting_id) as postings
            {scored.replace('where', 'join posting_skills s on s.posting_id = p.id where')}
              and not s.negated and s.section not in ('company', 'benefits')
            group by month, s.skill_id order by month, postings desc, s.skill_id""", [profile]))
    return postings, skills


def record_skipped(db: sqlite_utils.Database, stage: str, skipped: Iterable[tuple[dict, str]]) -> None:
    """Remember each (posting, reason) that `stage` ("extract", "score:PROFILE") could not process."""
    now = utcnow()
    with db.conn:
        db.conn.executemany(
            "insert into skipped_postings (posting_id, stage, reason, content_hash, skipped_at) values (?, ?, ?, ?, ?) "
            "on conflict(posting_id, stage) do update set reason = excluded.reason, "
            "content_hash = excluded.content_hash, skipped_at = excluded.skipped_at",
            [(p["id"], stage, reason, p.get("content_hash"), now) for p, reason in skipped])


def clear_skipped(db: sqlite_utils.Database, stage: str, posting_ids: Iterable[str]) -> None:
    """Forget the skips of `stage` for postings it has now processed."""
    ids = list(posting_ids)
    with db.conn:
        db.conn.executemany("delete from skipped_postings where stage = ? and posting_id = ?",
                            [(stage, i) for i in ids])


def skipped_postings(db: sqlite_utils.Database, limit: int = 20) -> list[dict]:
    """The postings a stage last skipped, newest first: posting_id, stage, reason, skipped_at."""
    return list(db.query("select posting_id, stage, reason, skipped_at from skipped_postings "
                         "order by skipped_at desc, posting_id limit ?", [limit]))


def count_to_extract(db: sqlite_utils.Database, extractor_version: str) -> int:
    """How many postings `postings_to_extract` would return in all."""
    return db.execute(
        """select count(*) from postings p left join extractions e on e.posting_id = p.id
           where e.posting_id is null or e.content_hash is not p.content_hash or e.extractor_version != ?
              or e.stale = 1""",
        [extractor_version]).fetchone()[0]
