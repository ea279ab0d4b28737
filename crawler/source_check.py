"""`jobfit sources --check`: one real request per source, through Scrapy, saying whether it answers as expected.

Each source's spider sends its first listing request (robots.txt obeyed, after a token request where the source
needs one); `ListingCheck`, a spider middleware, reads what the spider makes of that one answer (postings, detail
requests, errors) and lets nothing further through: no other page is fetched, nothing is stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import scrapy

from jobfit.crawler.items import PostingItem

# Where each JSON API spider finds its postings; a JSON answer without it is not the shape the spider reads.
LIST_KEYS = {"greenhouse": "jobs", "ashby": "jobs", "workable": "jobs", "smartrecruiters": "content",
             "recruitee": "offers", "workday": "jobPostings", "francetravail": "resultats", "apec": "resultats",
             "lever": None}  # None: the answer is the list itself
SETUP_CALLBACKS = ("parse_token",)  # steps before the listing (France Travail's OAuth token)


@dataclass(frozen=True)
class CheckResult:
    """What one source's first listing answer says: ok | empty | unexpected | failed | skipped, and why."""

    name: str
    spider: str
    status: str
    postings: int = 0
    more_pages: bool = False
    detail: str = ""

    def line(self) -> str:
        """One line for the user."""
        head = f"{self.name} ({self.spider}): "
        if self.status == "ok":
            more = " on its first page (more pages follow)" if self.more_pages else ""
            return head + f"ok, answers as the spider expects, {self.postings} postings listed{more}" + (
                f" — {self.detail}" if self.detail else "")
        return head + {"empty": "answers as expected but lists no posting",
                       "unexpected": "answers, but not in the shape the spider reads",
                       "failed": "no usable answer", "skipped": "skipped"}[self.status] + (
            f" — {self.detail}" if self.detail else "")


def shape_problem(spider_name: str, response) -> str | None:
    """Why a listing answer is not the shape `spider_name` reads; None when it is (or cannot be told)."""
    if spider_name not in LIST_KEYS:
        return None
    try:
        data = json.loads(response.body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return f"not JSON at {response.url} ({response.headers.get('Content-Type', b'?').decode('latin-1')})"
    key = LIST_KEYS[spider_name]
    if key is None:
        return None if isinstance(data, list) else f"a JSON {type(data).__name__}, not a list, at {response.url}"
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        keys = ", ".join(list(data)[:6]) if isinstance(data, dict) else type(data).__name__
        return f'no "{key}" list in the JSON at {response.url} (it has: {keys})'
    return None


class ListingCheck:
    """Spider middleware for checks: counts what the spider makes of its first listing answer, passes nothing on.

    It sits next to the spider (after HttpErrorMiddleware), so it sees only answers the spider reads.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.listing_url: str | None = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_spider_input(self, response, spider=None):
        if self.listing_url is None and not _is_setup(response):
            self.listing_url = response.url
            stats = self.crawler.stats
            stats.set_value("jobfit/check/url", response.url)
            if problem := shape_problem(self.crawler.spider.name, response):
                stats.set_value("jobfit/check/shape", problem)

    async def process_spider_output_async(self, response, result, spider=None):
        async for out in result:
            for passed in self._filter(response, out):
                yield passed

    def process_spider_output(self, response, result, spider=None):
        for out in result:
            yield from self._filter(response, out)

    def _filter(self, response, out):
        if _is_setup(response) and self.listing_url is None:
            yield out  # the token step: its output is the listing request
            return
        if response.url != self.listing_url:
            return
        stats = self.crawler.stats
        if isinstance(out, PostingItem):
            stats.inc_value("jobfit/check/postings")
        elif isinstance(out, scrapy.Request):
            if out.meta.get("jobfit_fallback") is not None or out.callback not in (None, self.crawler.spider.parse):
                stats.inc_value("jobfit/check/postings")  # a posting whose detail would be fetched next
            else:
                stats.set_value("jobfit/check/more_pages", True)


def _is_setup(response) -> bool:
    callback = getattr(getattr(response, "request", None), "callback", None)
    return getattr(callback, "__name__", "") in SETUP_CALLBACKS


def check_result(name: str, spider_name: str, stats: dict, skip_reason: str | None = None) -> CheckResult:
    """The verdict of one check crawl from its stats."""
    if skip_reason:
        return CheckResult(name, spider_name, "skipped", detail=skip_reason)
    postings = stats.get("jobfit/check/postings", 0)
    more = bool(stats.get("jobfit/check/more_pages"))
    if not stats.get("jobfit/check/url"):
        error = stats.get("jobfit/first_error") or "no answer"
        where = stats.get("jobfit/first_error_url")
        hint = " (is the board token right?)" if "404" in error else ""
        return CheckResult(name, spider_name, "failed", detail=f"{error}{' at ' + where if where else ''}{hint}")
    if shape := stats.get("jobfit/check/shape"):
        return CheckResult(name, spider_name, "unexpected", detail=shape)
    if stats.get("jobfit/errors") and not postings:
        return CheckResult(name, spider_name, "unexpected",
                           detail=f"{stats.get('jobfit/first_error')} at {stats.get('jobfit/first_error_url')}")
    if not postings:
        return CheckResult(name, spider_name, "empty", detail=f"at {stats['jobfit/check/url']}")
    malformed = stats.get("jobfit/errors", 0)
    return CheckResult(name, spider_name, "ok", postings, more,
                       detail=f"{malformed} malformed job(s) skipped" if malformed else "")


def check_sources(sources, settings_module: str = "jobfit.crawler.settings") -> list[CheckResult]:
    """Check each source (jobfit.crawler.sources.Source) with one listing request; in this process, once."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule(settings_module, priority="project")
    settings.set("ITEM_PIPELINES", {}, priority="cmdline")
    settings.set("EXTENSIONS", {"jobfit.crawler.crawl_run.CrawlRunRecorder": None}, priority="cmdline")
    settings.set("SPIDER_MIDDLEWARES", {"jobfit.crawler.source_check.ListingCheck": 950}, priority="cmdline")
    settings.set("HTTPCACHE_ENABLED", False, priority="cmdline")  # a check asks the site, not yesterday's answer
    settings.set("RETRY_TIMES", 1, priority="cmdline")
    settings.set("LOG_LEVEL", "CRITICAL", priority="cmdline")
    process = CrawlerProcess(settings, install_root_handler=False)
    known = set(process.spider_loader.list())
    runs, results = [], {}
    for source in sources:
        if source.spider not in known:
            results[source.name] = CheckResult(source.name, source.spider, "failed", detail="unknown spider")
            continue
        crawler = process.create_crawler(source.spider)
        runs.append((source, crawler))
        deferred = process.crawl(crawler, **{**source.args, "label": source.name})
        deferred.addErrback(lambda failure, name=source.name, spider=source.spider: results.setdefault(
            name, CheckResult(name, spider, "failed", detail=failure.getErrorMessage())))
    if runs:
        process.start()
    for source, crawler in runs:
        if source.name not in results:
            results[source.name] = check_result(source.name, source.spider, crawler.stats.get_stats(),
                                                getattr(crawler.spider, "skip_reason", None))
    return [results[s.name] for s in sources if s.name in results]
