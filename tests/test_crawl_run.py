"""A crawl's outcome: the crawl_runs row and its id in the stats, RunVerdict's rules, BoardCloser's rule."""

import json
import subprocess
import sys
from types import SimpleNamespace

import pytest

from jobfit.crawler.board_closer import BoardCloser
from jobfit.crawler.pipelines import normalize_posting
from jobfit.crawler.store import PostingStore
from jobfit.crawler.verdict import RunVerdict
from tests.fixture_sources import DATA, TESTS
from tests.local_server import FixtureServer

STORED = {"new": 2, "updated": 0, "unchanged": 1}
NOTHING = {"new": 0, "updated": 0, "unchanged": 0}
PAGES = {"response_received_count": 3}

# Runs two crawlers in one CrawlerProcess, as jobfit's flow does, then prints what their stats say.
CRAWL = """
import json, sys
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from jobfit.db import open_db
from jobfit.db.crawl_runs import crawl_runs_by_id

db_path, base = sys.argv[1], sys.argv[2]
settings = Settings()
settings.setmodule("jobfit.crawler.settings.local", priority="project")
settings.set("JOBFIT_DB", db_path, priority="cmdline")
settings.set("JOBFIT_RUN_ID", 7, priority="cmdline")
settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
process = CrawlerProcess(settings)
crawlers = []
for name, kwargs in [("lever", {"board": "acme-ai", "url": base + "/lever/acme-ai.json"}),
                     ("workable", {"board": "huggingface", "url": base + "/workable/huggingface.json"})]:
    crawler = process.create_crawler(name)
    crawlers.append(crawler)
    process.crawl(crawler, **kwargs)
process.start()
ids = [crawler.stats.get_value("jobfit/crawl_run_id") for crawler in crawlers]
print(json.dumps({"ids": ids, "runs": crawl_runs_by_id(open_db(db_path), ids)}))
"""


def test_each_crawler_names_its_crawl_run_in_its_stats_after_the_crawl(tmp_path):
    db = tmp_path / "jobfit.db"
    with FixtureServer(DATA) as server:
        result = subprocess.run([sys.executable, "-c", CRAWL, str(db), server.base_url], capture_output=True,
                                text=True, timeout=120, cwd=TESTS.parent)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    [lever, workable] = out["runs"]
    assert out["ids"] == [lever["id"], workable["id"]] and lever["id"] != workable["id"]
    assert (lever["source"], lever["status"], lever["new"]) == ("lever", "ok", 3)
    assert (workable["source"], workable["status"], workable["new"]) == ("workable", "ok", 2)
    assert lever["run_id"] == 7 and lever["pid"] and json.loads(lever["stats"])["jobfit/crawl_run_id"] == lever["id"]


def test_a_complete_run_that_stored_postings_is_ok():
    assert RunVerdict.judge("finished", PAGES, STORED) == RunVerdict("ok", 0, None)


def test_an_empty_board_read_without_error_is_ok():
    assert RunVerdict.judge("finished", PAGES, NOTHING).status == "ok"


def test_one_bad_page_among_stored_postings_is_ok_but_counted():
    verdict = RunVerdict.judge("finished", {**PAGES, "jobfit/errors": 1}, STORED)
    assert (verdict.status, verdict.errors, verdict.error_text) == ("ok", 1, None)


def test_failed_details_make_a_run_partial_naming_their_urls():
    urls = [f"https://boards-api.greenhouse.io/v1/boards/acme/jobs/{n}" for n in range(20)]
    stats = {**PAGES, "jobfit/errors": 23, "jobfit/details_failed": 23, "jobfit/details_failed_urls": urls}
    verdict = RunVerdict.judge("finished", stats, STORED)
    assert (verdict.status, verdict.errors) == ("partial", 23)
    assert verdict.error_text.startswith("23 job detail requests failed (stored from the list): ")
    assert urls[0] in verdict.error_text and verdict.error_text.endswith(" and 3 more")
    # never ok, and nothing is closed after it
    assert not BoardCloser.listing_complete(WHOLE_BOARD, verdict)


def test_a_skipped_source_is_skipped_with_its_reason_whatever_else_happened():
    verdict = RunVerdict.judge("shutdown", {}, NOTHING, lost=3, skip_reason="no credentials")
    assert (verdict.status, verdict.error_text) == ("skipped", "no credentials")


def test_a_run_that_did_not_finish_fails_with_its_reason():
    verdict = RunVerdict.judge("shutdown", PAGES, STORED)
    assert verdict.status == "failed"
    assert verdict.error_text == "finish_reason=shutdown, errors=0, pages=3, http_errors=0"


def test_a_callback_exception_fails_the_run_even_with_postings_stored():
    verdict = RunVerdict.judge("finished", {**PAGES, "spider_exceptions/count": 1}, STORED)
    assert verdict.status == "failed" and verdict.errors >= 1


def test_postings_that_could_not_be_stored_fail_the_run():
    assert RunVerdict.judge("finished", PAGES, STORED, lost=5).status == "failed"


def test_nothing_fetched_fails_the_run():
    verdict = RunVerdict.judge("finished", {}, NOTHING)
    assert verdict.status == "failed" and "pages=0" in verdict.error_text


def test_nothing_stored_after_an_error_fails_with_the_first_failing_url():
    stats = {**PAGES, "jobfit/errors": 2, "jobfit/first_error_url": "http://x.example/a.json",
             "jobfit/first_error": "HTTP 404"}
    verdict = RunVerdict.judge("finished", stats, NOTHING)
    assert (verdict.status, verdict.errors) == ("failed", 2)
    assert verdict.error_text.endswith("errors=2, pages=3, http_errors=0, first error at http://x.example/a.json: "
                                       "HTTP 404")


def test_nothing_stored_after_ignored_http_errors_fails():
    verdict = RunVerdict.judge("finished", {**PAGES, "httperror/response_ignored_count": 1}, NOTHING)
    assert verdict.status == "failed" and "http_errors=1" in verdict.error_text


def test_logged_errors_count_when_the_spider_counted_fewer_and_the_first_one_is_quoted():
    verdict = RunVerdict.judge("finished", PAGES, NOTHING, logged_errors=2, first_logged_error="could not store")
    assert (verdict.status, verdict.errors) == ("failed", 2)
    assert verdict.error_text.endswith(", first error: could not store")


def posting(board, n):
    return normalize_posting({"source": "lever", "external_id": f"{board}:{n}", "title": f"Job {n}",
                              "company": board.title(), "board": board})


@pytest.fixture
def listed_again(fresh_db):
    """Boards acme (3 postings) and other (1) stored; a second crawl of acme sees 2 of its 3."""
    first = PostingStore(fresh_db)
    for p in [posting("acme", n) for n in range(3)] + [posting("other", 0)]:
        first.add(p)
    first.flush()
    again = PostingStore(fresh_db)
    for p in [posting("acme", 0), posting("acme", 2)]:
        again.add(p)
    again.flush()
    return again.seen


def open_ids(db):
    return {r["id"] for r in db.query("select id from postings where closed_at is null")}


WHOLE_BOARD = SimpleNamespace(lists_whole_board=True, truncated=False)


def test_board_closer_closes_what_a_complete_listing_no_longer_shows_and_leaves_other_boards(fresh_db, listed_again):
    assert BoardCloser(fresh_db).close(listed_again, WHOLE_BOARD, RunVerdict("ok")) == 1
    assert open_ids(fresh_db) == {"lever:acme:0", "lever:acme:2", "lever:other:0"}


@pytest.mark.parametrize("spider, verdict", [
    (WHOLE_BOARD, RunVerdict("failed", 0, "finish_reason=shutdown")),
    (WHOLE_BOARD, RunVerdict("skipped", 0, "no credentials")),
    (WHOLE_BOARD, RunVerdict("ok", errors=1)),  # a page failed: the listing may be incomplete
    (SimpleNamespace(lists_whole_board=True, truncated=True), RunVerdict("ok")),  # cut short by a page cap
    (SimpleNamespace(lists_whole_board=False, truncated=False), RunVerdict("ok")),  # a search, not a board
], ids=["failed", "skipped", "errors", "truncated", "not-whole-board"])
def test_board_closer_closes_nothing_unless_the_listing_is_complete_and_error_free(fresh_db, listed_again, spider,
                                                                                   verdict):
    assert BoardCloser(fresh_db).close(listed_again, spider, verdict) == 0
    assert len(open_ids(fresh_db)) == 4
