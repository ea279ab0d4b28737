"""`jobfit serve`: the database in Datasette, read-only, with every table and column explained, canned queries
(db/browse.py), facets on where and how postings hire, and posting URLs shown as links (Datasette links any
http(s) value)."""

from __future__ import annotations

from pathlib import Path

from jobfit.db.browse import CANNED_QUERIES

POSTING_COLUMNS = {
    "id": "jobfit's id of the posting: source:external id",
    "source": "The spider or import it came from (greenhouse, ashby, francetravail, jobspy…)",
    "external_id": "The posting's id at its source",
    "title": "Job title as published",
    "company": "Hiring company",
    "location": "Place as published (the first, when it is open in several)",
    "locations": "Every place it is open in (JSON list), the first being location",
    "city": "City, normalised",
    "postal_code": "Postal code, when known",
    "country": "Country code (FR, GB…)",
    "remote": "Remote policy: onsite, hybrid or remote",
    "contract": "Contract: full_time, part_time, fixed_term, internship, apprenticeship, freelance, temporary",
    "salary_min": "Bottom of the salary range, in salary_currency per salary_period",
    "salary_max": "Top of the salary range, in salary_currency per salary_period",
    "salary_currency": "Currency of the salary (EUR, GBP, USD…)",
    "salary_period": "What the salary is paid per: year, month, day or hour",
    "salary_text": "Salary as published",
    "salary_annual_min": "Bottom of the salary range per year",
    "salary_annual_max": "Top of the salary range per year",
    "seniority": "Level: intern, junior, mid, senior, lead, principal or head",
    "experience_years": "Years of experience asked, when stated",
    "education": "Education level asked, when stated",
    "source_skills": "Skills the source itself lists (JSON), e.g. France Travail's",
    "rome_code": "France Travail's ROME job code",
    "posted_at": "Publication date",
    "valid_through": "Date the posting expires, when given",
    "url": "The posting's page",
    "apply_url": "Where to apply, when it differs from url",
    "language": "Language of the description: fr or en",
    "description": "The posting's text (inert: shown as text, never run)",
    "content_hash": "Hash of the posting's content: a change means extract and score it again",
    "first_seen": "When jobfit first stored it (UTC)",
    "last_seen": "When a crawl last saw it (UTC)",
    "closed_at": "When a complete crawl of its board no longer listed it (kept, never deleted)",
    "raw": "Source fields kept for re-normalisation (JSON)",
    "board": "The company board or search it was crawled from",
    "canonical_id": "The id of its duplicate group's first posting (same job on several sources)",
    "dedup_key": "Key used to find duplicates",
    "sources": "Every source the job was seen on",
    "posting_ids": "Every posting id of the duplicate group",
    "n_postings": "How many postings the group has",
}

TABLES = {
    "postings": ("Every job posting stored, one row per source's posting.", {}),
    "canonical_postings": ("One row per job: duplicate postings on several sources merged.", {}),
    "extractions": ("Which postings had their skills extracted, from what content and by which extractor version.", {
        "posting_id": "The posting", "content_hash": "Content the extraction was made from",
        "extractor_version": "Extractor code and skill table version", "language": "Language it was read as",
        "extracted_at": "When (UTC)", "revision": "Bumped at every new extraction: scores from older ones are stale",
        "spoken_languages": "Spoken languages the posting asks (JSON list of {language, level}), apart from skills",
        "stale": "1 when a later posting of the company shares a paragraph this extraction read as the posting's "
                 "own: the next extraction re-reads it"}),
    "page_lastmods": ("Each sitemap page a complete crawl read: its lastmod and postings; a page its sitemap still "
                      "dates the same is not fetched again.", {
        "url": "The page (its sitemap loc)", "spider": "The spider that read it", "lastmod": "Its sitemap lastmod",
        "posting_ids": "The postings it held (JSON list)", "seen_at": "When (UTC)"}),
    "change_counters": ("How many changes `jobfit match` must look at: new or changed postings (extract), new "
                        "extractions and removed matches (score); kept by triggers.", {
        "name": "extract or score", "value": "Changes counted so far"}),
    "watermarks": ("The change counter at which each `match` step last finished a whole pass: while it still "
                   "reads so, the step has nothing to do.", {
        "step": "extract, or score:PROFILE", "counter": "The counter it finished at",
        "version": "The extractor, or profile and scoring, versions it ran with"}),
    "posting_paragraphs": ("Paragraph keys of each posting by company: text several postings of a company share "
                           "is its blurb, benefits or shared stack (48-bit integer keys).", {
        "company": "Key of the company (source and board, else name)", "hash": "Key of the folded paragraph",
        "title": "Key of the posting's folded title: the same job in several places is no boilerplate",
        "posting": "The posting (paragraph_postings.key)",
        "shared": "How many other postings of the company held it when the posting was extracted (0 or empty: read "
                  "as the posting's own text)"}),
    "paragraph_postings": ("Each posting's set of paragraph keys, packed: what replacing its paragraphs removes.", {
        "key": "The posting's key in posting_paragraphs", "posting_id": "The posting",
        "company": "Key of its company", "title": "Key of its folded title",
        "hashes": "Its paragraph keys, 6 bytes each"}),
    "posting_skills": ("The skills found in each posting, with where and how they were said (the table is its own "
                       "index, by posting and offsets).", {
        "posting_id": "The posting", "skill_id": "The skill (jobfit's skill table id)",
        "section": "Where in the posting: title, required, responsibilities, nice_to_have, company, benefits, other",
        "text": "The words that named the skill", "start": "Offset of the mention in the description",
        "end": "End offset of the mention", "negated": "1 when the posting says it is not needed",
        "sentence": "The sentence it is in, when not stored as offsets (see sentence_start)",
        "sentence_start": "Offset of the evidence sentence in the description", "sentence_end": "Its end offset",
        "heading": "The heading of its section, in the posting's own words",
        "shared": "How many other postings of the company hold its paragraph (0: this posting's own text)"}),
    "matches": ("Each posting's score against each profile, with its explanation.", {
        "posting_id": "The posting", "profile": "The profile id (expert_ia, data_engineer…)",
        "score": "0 to 100: how well the posting fits the profile",
        "subscores": "The score's parts (JSON): coverage of the profile and of the posting, title fit, filters",
        "explanation": "Matched and missing skills with evidence, filter penalties (JSON); empty for a score "
                       "under 20, which `jobfit report` rebuilds from posting_skills when it shows one",
        "content_hash": "Posting content scored", "profile_version": "Hash of the profile file scored against",
        "computed_at": "When (UTC)", "extraction_revision": "The extraction the score was computed from",
        "scoring_version": "Version of the scoring code"}),
    "crawl_runs": ("One row per crawl of a source: how it went.", {
        "id": "Crawl run number", "source": "spider:board crawled", "started_at": "Start (UTC)",
        "finished_at": "End (UTC)", "status": "running, ok or failed", "pages": "Pages fetched",
        "items": "Postings read", "new": "New postings", "updated": "Changed postings", "dropped": "Items dropped",
        "errors": "Errors", "error_text": "What failed", "stats": "Scrapy's stats (JSON)",
        "pid": "Process that ran it", "closed": "Postings closed because the board no longer lists them",
        "run_id": "The `jobfit run` it belongs to"}),
    "runs": ("One row per `jobfit run` (the scheduled run).", {
        "id": "Run number", "started_at": "Start (UTC)", "finished_at": "End (UTC)", "pid": "Process",
        "exit_code": "0 ok, 3 some sources failed, 1 error", "summary": "Its one-line summary",
        "log_path": "Its log file"}),
    "report_history": ("Which postings each profile's reports showed (for `jobfit report --new`).", {
        "profile": "The profile", "posting_id": "The posting", "first_reported_at": "First shown (UTC)",
        "last_reported_at": "Last shown (UTC)"}),
    "notifications": ("What `jobfit notify` sent, or failed to send, on each channel.", {
        "channel": "How and where: email:HOST:PORT to ADDR, webhook:URL or ntfy:URL", "profile": "The profile",
        "posting_id": "The posting", "status": "sent, or failed (tried again next time)",
        "attempts": "How many tries", "first_tried_at": "First try (UTC)", "last_tried_at": "Last try (UTC)",
        "sent_at": "When it went through (UTC)", "error": "Why the last try failed"}),
    "listing_digests": ("The body hash of each board listing as the last complete crawl read it: an unchanged "
                        "listing is not parsed again.", {
        "key": "Spider and listing URL", "spider": "The spider", "url": "The listing URL",
        "digest": "Hash of its body", "seen_at": "When the crawl that stored it ended (UTC)"}),
    "skipped_postings": ("Postings a stage (extraction, scoring) could not process, and why; a later success removes "
                         "the row.", {
        "posting_id": "The posting", "stage": "extract, or score:PROFILE", "reason": "What failed",
        "content_hash": "The posting's content hash when it failed", "skipped_at": "When (UTC)"}),
    "posting_minhash": ("MinHash signatures of posting texts, to find duplicates across sources.", {
        "key": "The posting's key in posting_minhash_bands", "posting_id": "The posting",
        "signature": "Its MinHash signature (4 bytes a value)",
        "buckets": "Its (band, bucket) pairs, 9 bytes each: the rows of posting_minhash_bands it has"}),
    "posting_minhash_bands": ("Locality-sensitive hashing bands of the signatures: postings sharing one are compared "
                              "(the table is its own index).",
                              {"band": "Band number", "bucket": "Hash of the band",
                               "posting": "The posting (posting_minhash.key)",
                               "company": "The posting's company key: only the same employer's postings are compared",
                               "source": "The posting's source: postings of the same source are not compared"}),
    "node_jobs": ("Crawl jobs `jobfit dispatch` scheduled on Scrapyd nodes, and whether `jobfit collect` has stored "
                  "their feeds.", {
        "node": "The Scrapyd node's URL", "job": "The job id on that node", "project": "The Scrapyd project",
        "spider": "The spider it runs", "source": "The sources-file entry it crawls", "args": "Spider arguments (JSON)",
        "dispatched_at": "When the node accepted it (UTC)",
        "collected_at": "When its feed was stored (UTC); empty: still to collect",
        "crawl_run_id": "The crawl_runs row its collection wrote", "items": "Postings stored from its feed",
        "errors": "Feed lines that could not be stored", "error_text": "What failed, naming node, job and line"}),
    "_migrations": ("Schema migrations applied to this database.", {
        "name": "Migration", "applied_at": "When (UTC)"}),
}
FACETS = ["source", "contract", "remote", "city"]


def metadata(database: str, profile: str = "expert_ia") -> dict:
    """Datasette metadata for the database named `database`: descriptions, facets, canned queries."""
    tables = {}
    for name, (description, columns) in TABLES.items():
        entry = {"description": description, "columns": columns or POSTING_COLUMNS}
        if name in ("postings", "canonical_postings"):
            entry = {**entry, "facets": FACETS, "sort_desc": "first_seen", "label_column": "title"}
        tables[name] = entry
    queries = {}
    for name, query in CANNED_QUERIES.items():
        queries[name] = {**query, "params": ["profile"]} if ":profile" in query["sql"] else dict(query)
    links = ", ".join(f'<a href="/{database}/{name}{"?profile=" + profile if ":profile" in q["sql"] else ""}">'
                      f'{q["title"].lower()}</a>' for name, q in CANNED_QUERIES.items())
    return {
        "title": "jobfit",
        "description_html": f"Job postings crawled and scored by jobfit, read-only. Start with: {links}.",
        "databases": {database: {"tables": tables, "queries": queries}},
    }


def datasette(path: Path, profile: str = "expert_ia"):
    """A Datasette instance over the database at `path`, read-only."""
    from datasette.app import Datasette

    # Datasette reads a mutable database through read-only connections; it writes nothing without a plugin
    # that asks it to, and jobfit installs none.
    return Datasette([str(path)], metadata=metadata(Path(path).stem, profile),
                     settings={"truncate_cells_html": 300, "default_page_size": 50, "allow_download": False})


def run_server(path: Path, host: str = "127.0.0.1", port: int = 8001, profile: str = "expert_ia") -> None:
    """Serve the database until interrupted."""
    import asyncio

    import uvicorn

    ds = datasette(path, profile)
    asyncio.run(ds.invoke_startup())
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
