"""Numbered, idempotent schema migrations, applied in order when a database is opened.

Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import sqlite_utils

MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = []


def migration(fn: Callable[[sqlite_utils.Database], None]):
    """Register `fn` as the next migration."""
    MIGRATIONS.append(fn)
    return fn


def migrate(db: sqlite_utils.Database) -> None:
    """Apply every migration not yet recorded in `_migrations`, each in its own transaction."""
    db["_migrations"].create({"name": str, "applied_at": str}, pk="name", if_not_exists=True)
    done = {row["name"] for row in db["_migrations"].rows}
    for fn in MIGRATIONS:
        if fn.__name__ in done:
            continue
        with db.conn:
            fn(db)
            db["_migrations"].insert(
                {"name": fn.__name__, "applied_at": db.execute("select datetime('now')").fetchone()[0]}
            )


@migration
def m001_initial(db: sqlite_utils.Database) -> None:
    db["postings"].create(
        {
            "id": str,  # "{source}:{external_id}"
            "source": str,
            "external_id": str,
            "title": str,
            "company": str,
            "location": str,
            "city": str,
            "postal_code": str,
            "country": str,
            "remote": str,  # onsite | hybrid | remote
            "contract": str,  # full_time | part_time | fixed_term | internship | apprenticeship | freelance | temporary
            "salary_min": float,
            "salary_max": float,
            "salary_currency": str,
            "salary_period": str,  # year | month | day | hour
            "salary_text": str,
            "posted_at": str,
            "valid_through": str,
            "url": str,
            "apply_url": str,
            "language": str,
            "description": str,
            "content_hash": str,
            "first_seen": str,
            "last_seen": str,
            "closed_at": str,
            "raw": str,  # JSON: source fields kept for re-normalisation
        },
        pk="id",
        not_null={"source", "external_id", "title", "first_seen", "last_seen"},
    )
    db["postings"].create_index(["source", "external_id"], unique=True)
    db["postings"].create_index(["last_seen"])

    db["extractions"].create(
        {"posting_id": str, "content_hash": str, "extractor_version": str, "language": str, "extracted_at": str},
        pk="posting_id",
        foreign_keys=[("posting_id", "postings", "id")],
    )
    db["posting_skills"].create(
        {
            "posting_id": str,
            "skill_id": str,
            "section": str,  # required | nice_to_have | responsibilities | company | benefits | other | title
            "text": str,
            "start": int,
            "end": int,
            "negated": int,
            "sentence": str,
        },
        foreign_keys=[("posting_id", "postings", "id")],
    )
    db["posting_skills"].create_index(["posting_id"])
    db["posting_skills"].create_index(["skill_id"])

    db["matches"].create(
        {
            "posting_id": str,
            "profile": str,
            "score": float,
            "subscores": str,  # JSON
            "explanation": str,  # JSON
            "content_hash": str,
            "profile_version": str,
            "computed_at": str,
        },
        pk=("posting_id", "profile"),
        foreign_keys=[("posting_id", "postings", "id")],
    )
    db["matches"].create_index(["profile", "score"])

    db["crawl_runs"].create(
        {
            "id": int,
            "source": str,
            "started_at": str,
            "finished_at": str,
            "status": str,  # running | ok | failed
            "pages": int,
            "items": int,
            "new": int,
            "updated": int,
            "dropped": int,
            "errors": int,
            "error_text": str,
            "stats": str,  # JSON: Scrapy's stats for the run
        },
        pk="id",
    )
    db["crawl_runs"].create_index(["source", "started_at"])


@migration
def m002_posting_details(db: sqlite_utils.Database) -> None:
    """Annual salary, candidate requirements, the source's own skills, the board a posting was listed on."""
    for column, kind in [("salary_annual_min", float), ("salary_annual_max", float), ("seniority", str),
                         ("experience_years", int), ("education", str), ("source_skills", str), ("rome_code", str),
                         ("board", str)]:
        db["postings"].add_column(column, kind)
    db["postings"].create_index(["source", "board"])


@migration
def m003_posting_groups(db: sqlite_utils.Database) -> None:
    """Cross-source duplicates: canonical_id groups postings of one job; MinHash bands find near-identical texts."""
    db["postings"].add_column("canonical_id", str)
    db["postings"].add_column("dedup_key", str)  # company | normalised title | city
    db["postings"].create_index(["canonical_id"])
    db["postings"].create_index(["dedup_key"])
    db["postings"].create_index(["url"])
    db["postings"].create_index(["apply_url"])
    db["posting_minhash"].create({"posting_id": str, "signature": str}, pk="posting_id")
    db["posting_minhash_bands"].create({"band": int, "bucket": str, "posting_id": str})
    db["posting_minhash_bands"].create_index(["band", "bucket"])
    db["posting_minhash_bands"].create_index(["posting_id"])


def _canonical_postings(db: sqlite_utils.Database, merged: list[str]) -> None:
    """(Re)create canonical_postings over `merged` fields, with the triggers that keep it current: a posting written,
    joining a group or closed refreshes the row of its group (and drops its own old row)."""
    members = "from postings m where m.canonical_id = p.canonical_id"
    select = (
        f"select p.id as id, p.source as source, {', '.join('p.' + f for f in merged)}, "
        f"coalesce((select group_concat(distinct m.source) {members}), p.source) as sources, "
        f"coalesce((select json_group_array(m.id) {members}), json_array(p.id)) as posting_ids, "
        f"coalesce((select nullif(count(*), 0) {members}), 1) as n_postings, "
        f"coalesce((select min(m.first_seen) {members}), p.first_seen) as first_seen, "
        f"coalesce((select max(m.last_seen) {members}), p.last_seen) as last_seen, "
        f"case when p.canonical_id is not null and exists (select 1 {members} and m.closed_at is null) then null "
        f"else p.closed_at end as closed_at "
        f"from postings p where (p.canonical_id = p.id or p.canonical_id is null)"
    )
    members = "from postings m where m.canonical_id = canonical_postings.id"
    fill = ("update canonical_postings set " + ", ".join(
        f"{f} = coalesce({f}, (select m.{f} {members} and m.{f} is not null order by m.first_seen limit 1))"
        for f in merged) + " where n_postings > 1")
    for trigger in ("canonical_postings_on_insert", "canonical_postings_on_update"):
        db.execute(f"drop trigger if exists {trigger}")
    db.execute("drop table if exists canonical_postings")
    db.execute(f"create table canonical_postings as {select} and 0")
    db.execute("create unique index idx_canonical_postings_id on canonical_postings (id)")
    for column in ("closed_at", "posted_at", "company"):
        db.execute(f"create index idx_canonical_postings_{column} on canonical_postings ({column})")
    db.execute(f"insert into canonical_postings {select}")
    db.execute(fill)
    groups = "coalesce(new.canonical_id, new.id), new.id"
    db.execute(f"""create trigger canonical_postings_on_insert after insert on postings begin
                   delete from canonical_postings where id in ({groups});
                   insert into canonical_postings {select} and p.id in ({groups});
                   {fill} and id in ({groups}); end""")
    groups += ", coalesce(old.canonical_id, old.id), old.id"
    watched = ", ".join(merged + ["source", "canonical_id", "closed_at", "first_seen", "last_seen"])
    db.execute(f"""create trigger canonical_postings_on_update after update of {watched} on postings begin
                   delete from canonical_postings where id in ({groups});
                   insert into canonical_postings {select} and p.id in ({groups});
                   {fill} and id in ({groups}); end""")


@migration
def m004_canonical_postings(db: sqlite_utils.Database) -> None:
    """canonical_postings: one row per group of duplicate postings, each field from the first member that has it.

    A table kept current by triggers on postings (whatever writes them), not a view: reports filter and sort it
    like postings, at the same speed. A posting alone in its group costs one plain copy; only real groups pay for
    the field-by-field merge.
    """
    merged = ("title company location city postal_code country remote contract salary_min salary_max "
              "salary_currency salary_period salary_text salary_annual_min salary_annual_max seniority "
              "experience_years education source_skills rome_code posted_at valid_through url apply_url language "
              "description").split()
    _canonical_postings(db, merged)


@migration
def m007_report_history(db: sqlite_utils.Database) -> None:
    """Which postings each profile's reports have shown, so `jobfit report --new` shows only the others."""
    db["report_history"].create(
        {"profile": str, "posting_id": str, "first_reported_at": str, "last_reported_at": str},
        pk=("profile", "posting_id"),
    )


@migration
def m008_report_indexes(db: sqlite_utils.Database) -> None:
    """Indexes for the report's filters and the market view (matches by profile is already indexed by score)."""
    db["postings"].create_index(["posted_at"])
    db["posting_skills"].create_index(["posting_id", "skill_id"])


@migration
def m005_run_history(db: sqlite_utils.Database) -> None:
    # pid tells a crawl run left "running" by a killed process from one still alive; closed is filled by the
    # lifecycle step that closes postings a source no longer lists; run_id ties crawl runs to one `jobfit run`.
    db["crawl_runs"].add_column("pid", int)
    db["crawl_runs"].add_column("closed", int)
    db["crawl_runs"].add_column("run_id", int)
    db["runs"].create(
        {"id": int, "started_at": str, "finished_at": str, "pid": int, "exit_code": int, "summary": str,
         "log_path": str},
        pk="id",
    )


@migration
def m009_versioned_scores(db: sqlite_utils.Database) -> None:
    """A match records the extraction it was computed from and the scoring code's version, so either going stale
    rescoring the posting: every save of an extraction bumps its revision."""
    db["extractions"].add_column("revision", int, not_null_default=1)
    db["matches"].add_column("extraction_revision", int)
    db["matches"].add_column("scoring_version", str)


@migration
def m010_skipped_postings(db: sqlite_utils.Database) -> None:
    """Postings a stage could not process (extract, score): id, stage, reason, so one bad posting never blocks the
    others and `jobfit status` can list it; a later success removes its row."""
    db["skipped_postings"].create(
        {"posting_id": str, "stage": str, "reason": str, "content_hash": str, "skipped_at": str},
        pk=("posting_id", "stage"),
    )


@migration
def m011_notifications(db: sqlite_utils.Database) -> None:
    """What `jobfit notify` sent, or failed to send, on each channel: a match is sent once, a failure retried."""
    db["notifications"].create(
        {"channel": str, "profile": str, "posting_id": str, "status": str, "attempts": int, "first_tried_at": str,
         "last_tried_at": str, "sent_at": str, "error": str},
        pk=("channel", "profile", "posting_id"),
    )


@migration
def m012_posting_locations(db: sqlite_utils.Database) -> None:
    """locations: every place a posting is open in (JSON list of display strings), the first being `location`."""
    db["postings"].add_column("locations", str)


@migration
def m013_shared_paragraphs(db: sqlite_utils.Database) -> None:
    """Paragraph hashes per company's posting, for boilerplate across a company's postings; each skill hit's
    section heading and shared count; the spoken languages an extraction found (JSON)."""
    db["posting_paragraphs"].create({"company": str, "hash": str, "posting_id": str, "title": str},
                                    pk=("company", "hash", "posting_id"))
    db["posting_paragraphs"].create_index(["posting_id"])
    db["posting_skills"].add_column("heading", str)
    db["posting_skills"].add_column("shared", int)
    db["extractions"].add_column("spoken_languages", str)


@migration
def m014_compact_dedup(db: sqlite_utils.Database) -> None:
    """Linear duplicate search and compact storage.

    MinHash buckets are filed under their posting's source and company key (one indexed lookup skips same-source
    postings and other employers) with 8-byte integer buckets; signatures are packed bytes; canonical_postings
    drops its copy of every description (read it from postings by id); skill hits may keep their evidence
    sentence as offsets into the description; posting_skills loses an index its (posting_id, skill_id) one covers.
    """
    from jobfit.db.dedup import company_key, pack_signature

    # Rebuilt rather than altered: m003 declared bucket a text column, which would store integers as text.
    companies = dict(db.execute("select id, company from postings").fetchall())
    sources = dict(db.execute("select id, source from postings").fetchall())
    rows = db.execute("select band, bucket, posting_id from posting_minhash_bands").fetchall()
    db.execute("drop table posting_minhash_bands")
    db["posting_minhash_bands"].create({"band": int, "bucket": int, "company": str, "source": str,
                                        "posting_id": str})
    db.conn.executemany(
        "insert into posting_minhash_bands (band, bucket, company, source, posting_id) values (?, ?, ?, ?, ?)",
        [(band, int.from_bytes(bytes.fromhex(bucket), signed=True), company_key(companies.get(pid)),
          sources.get(pid, ""), pid) for band, bucket, pid in rows])
    db["posting_minhash_bands"].create_index(["band", "bucket", "company", "source"])
    db["posting_minhash_bands"].create_index(["posting_id"])
    db.conn.executemany("update posting_minhash set signature = ? where posting_id = ?", [
        (pack_signature(json.loads(signature)), pid)
        for pid, signature in db.execute("select posting_id, signature from posting_minhash").fetchall()
        if isinstance(signature, str)])
    merged = ("title company location city postal_code country remote contract salary_min salary_max "
              "salary_currency salary_period salary_text salary_annual_min salary_annual_max seniority "
              "experience_years education source_skills rome_code posted_at valid_through url apply_url "
              "language locations").split()
    _canonical_postings(db, merged)
    db["posting_skills"].add_column("sentence_start", int)
    db["posting_skills"].add_column("sentence_end", int)
    db.execute("drop index if exists idx_posting_skills_posting_id")


@migration
def m014b_listing_digests(db: sqlite_utils.Database) -> None:
    """The body hash of each board listing as the last complete crawl read it: an unchanged one is not parsed."""
    db["listing_digests"].create({"key": str, "spider": str, "url": str, "digest": str, "seen_at": str}, pk="key")


@migration
def m014c_content_hash_index(db: sqlite_utils.Database) -> None:
    """(id, content_hash): finding what is left to extract reads this index, not every description."""
    db["postings"].create_index(["id", "content_hash"])


@migration
def m015_node_jobs(db: sqlite_utils.Database) -> None:
    """The crawl jobs `jobfit dispatch` scheduled on Scrapyd nodes, and which of them `jobfit collect` has stored."""
    db["node_jobs"].create({"node": str, "job": str, "project": str, "spider": str, "source": str, "args": str,
                            "dispatched_at": str, "collected_at": str, "crawl_run_id": int, "items": int,
                            "errors": int, "error_text": str}, pk=("node", "job"))
    db["node_jobs"].create_index(["collected_at"])


@migration
def m016_reread_shared(db: sqlite_utils.Database) -> None:
    """Re-reading older postings a later one shares paragraphs with: each stored paragraph keeps how many other
    postings of the company held it when its posting was extracted (0, or null before this migration: read as the
    posting's own text), and an extraction is `stale` when a later posting of the company shares a paragraph it
    read as its own; the next extraction re-reads it."""
    db["posting_paragraphs"].add_column("shared", int)
    db["extractions"].add_column("stale", int, not_null_default=0)


@migration
def m017_change_counters(db: sqlite_utils.Database) -> None:
    """Counters, kept by triggers, of what `match` has to look at, and the counter each `match` step last finished
    at: a `match` with nothing to do reads a few rows instead of scanning every posting once per profile.

    `extract` counts new postings, changed posting texts, removed extractions and extractions made stale (m016);
    `score` counts new extractions and removed matches. A later migration that rebuilds one of those tables must
    create its triggers again.
    """
    db.execute("create table change_counters (name text primary key, value integer not null)")
    db.execute("insert into change_counters (name, value) values ('extract', 0), ('score', 0)")
    db.execute("create table watermarks (step text primary key, counter integer not null, version text not null)")
    bump = "begin update change_counters set value = value + 1 where name = '{}'; end"
    changed = "when old.content_hash is not new.content_hash"
    for name, event, table, condition, counter in (
            ("postings_counted_insert", "insert", "postings", "", "extract"),
            ("postings_counted_update", "update of content_hash", "postings", changed, "extract"),
            ("extractions_counted_delete", "delete", "extractions", "", "extract"),
            ("extractions_counted_stale", "update of stale", "extractions", "when new.stale and not old.stale",
             "extract"),
            ("extractions_counted_insert", "insert", "extractions", "", "score"),
            ("extractions_counted_update", "update of revision", "extractions",
             "when old.revision is not new.revision", "score"),
            ("matches_counted_delete", "delete", "matches", "", "score")):
        db.execute(f"create trigger {name} after {event} on {table} {condition} {bump.format(counter)}")


@migration
def m017b_compact_paragraphs(db: sqlite_utils.Database) -> None:
    """Paragraph hashes as 48-bit integers in a table that is its own index (about a seventh of the bytes), and
    each posting's paragraph set packed in `paragraph_postings`."""
    from jobfit.db.paragraphs import _pack, hash_key, text_key

    rows = db.execute("select company, hash, posting_id, title, shared from posting_paragraphs "
                      "order by posting_id").fetchall()
    db.execute("drop table posting_paragraphs")
    db.execute("create table paragraph_postings (key integer primary key, posting_id text not null unique, "
               "company integer not null, title integer not null, hashes blob not null)")
    db.execute("create table posting_paragraphs (company integer not null, hash integer not null, "
               "title integer not null, posting integer not null, shared integer, "
               "primary key (company, hash, title, posting)) without rowid")
    sets: dict[str, tuple[str, str, dict[int, int | None]]] = {}
    for company, h, posting_id, title, shared in rows:
        sets.setdefault(posting_id, (company, title, {}))[2][hash_key(h)] = shared
    for posting_id, (company, title, keys) in sets.items():
        key = db.execute("insert into paragraph_postings (posting_id, company, title, hashes) values (?, ?, ?, ?)",
                         [posting_id, text_key(company), text_key(title), _pack(sorted(keys))]).lastrowid
        db.conn.executemany("insert or ignore into posting_paragraphs values (?, ?, ?, ?, ?)",
                            [(text_key(company), h, text_key(title), key, shared) for h, shared in keys.items()])


@migration
def m017c_page_lastmods(db: sqlite_utils.Database) -> None:
    """Each sitemap page's lastmod and the postings it held, as the last complete crawl read them: a page its
    sitemap still dates the same is not fetched again."""
    db["page_lastmods"].create({"url": str, "spider": str, "lastmod": str, "posting_ids": str, "seen_at": str},
                               pk="url")
    db["page_lastmods"].create_index(["spider"])


@migration
def m018a_compact_minhash(db: sqlite_utils.Database) -> None:
    """MinHash buckets in a table that is its own index (WITHOUT ROWID), naming each posting by an integer key of
    posting_minhash (which lists the posting's buckets, to replace them): about a fifth of the bytes."""
    from jobfit.db.dedup import pack_buckets

    signatures = db.execute("select posting_id, signature from posting_minhash order by posting_id").fetchall()
    bands: dict[str, list[tuple[int, int, str, str]]] = {}
    for band, bucket, company, source, posting_id in db.execute(
            "select band, bucket, company, source, posting_id from posting_minhash_bands order by band"):
        bands.setdefault(posting_id, []).append((band, bucket, company, source))
    db.execute("drop table posting_minhash_bands")
    db.execute("drop table posting_minhash")
    db.execute("create table posting_minhash (key integer primary key, posting_id text not null unique, "
               "signature blob, buckets blob)")
    db.execute("create table posting_minhash_bands (band integer not null, bucket integer not null, "
               "company text not null, source text not null, posting integer not null, "
               "primary key (band, bucket, company, source, posting)) without rowid")
    for posting_id, signature in signatures:
        rows = bands.get(posting_id, [])
        key = db.execute("insert into posting_minhash (posting_id, signature, buckets) values (?, ?, ?)",
                         [posting_id, signature, pack_buckets((b, k) for b, k, _, _ in rows)]).lastrowid
        db.conn.executemany("insert or ignore into posting_minhash_bands values (?, ?, ?, ?, ?)",
                            [(b, k, company or "", source or "", key) for b, k, company, source in rows])


@migration
def m018b_compact_posting_skills(db: sqlite_utils.Database) -> None:
    """posting_skills as its own index (WITHOUT ROWID, keyed by posting, offsets, skill and section): no rowid and
    no copy of each posting id in a (posting_id, skill_id) index; the skill_id index goes (no query of jobfit's
    reads hits by skill alone, and a whole-table scan answers one). A hand-made row without offsets gets 0."""
    columns = ("posting_id, skill_id, section, text, start, [end], negated, sentence, heading, shared, "
               "sentence_start, sentence_end")
    db.execute("alter table posting_skills rename to posting_skills_m017")
    db.execute("""create table posting_skills (posting_id text not null references postings(id),
                  skill_id text not null, section text not null, text text,
                  start integer not null on conflict replace default 0,
                  [end] integer not null on conflict replace default 0, negated integer, sentence text,
                  heading text, shared integer, sentence_start integer, sentence_end integer,
                  primary key (posting_id, start, [end], skill_id, section)) without rowid""")
    db.execute(f"insert or ignore into posting_skills ({columns}) select posting_id, skill_id, coalesce(section, ''), "
               f"text, coalesce(start, 0), coalesce([end], 0), negated, sentence, heading, shared, sentence_start, "
               f"sentence_end from posting_skills_m017 where posting_id is not null and skill_id is not null "
               f"order by rowid")
    db.execute("drop table posting_skills_m017")


@migration
def m018c_drop_external_id_index(db: sqlite_utils.Database) -> None:
    """postings loses its (source, external_id) index: the id is made of both, and no query reads it.

    (matches stays a rowid table: keyed WITHOUT ROWID, three profiles written one after the other left its pages
    half empty and its score index carrying every posting id: 2,499 B a posting at 10k against 2,272.)"""
    db.execute("drop index if exists idx_postings_source_external_id")
