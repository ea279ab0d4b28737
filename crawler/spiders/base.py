"""Base classes every jobfit spider shares: the start URL override, errors logged with their URL, JSON boards."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import scrapy
from scrapy.spiders import XMLFeedSpider

from jobfit.crawler.items import PostingItem


def run_source(spider: scrapy.Spider) -> str:
    """The name of a spider's crawl run: its source, and its sources-file label if any ("greenhouse:dataiku")."""
    source = getattr(spider, "source", None) or spider.name
    label = getattr(spider, "label", None)
    return f"{source}:{label}" if label else source


MAX_NAMED_FAILURES = 20  # failed detail URLs kept in a run's stats, for `jobfit status`


class JobSpider(scrapy.Spider):
    """A spider for one source. `-a url=URL` (http, https or file://) replaces its start URLs.

    `-a label=NAME` names the crawl run after a sources-file entry; `-a delay=SECONDS` sets this source's own
    rate limit (its DOWNLOAD_DELAY, which AutoThrottle also keeps as a minimum).
    """

    source: str = ""
    # True when one run lists a board in full, so that postings missing from it can be marked closed.
    lists_whole_board = False

    def __init__(self, url: str | None = None, label: str | None = None, delay: str | None = None,
                 *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.delay = float(delay) if delay not in (None, "") else None
        self.source = self.source or self.name
        # The sources-file entry this crawl runs for; it names the crawl run ("greenhouse:dataiku").
        self.label = label
        self.truncated = False  # set when a listing was cut short (page cap): nothing is closed then
        self.skip_reason: str | None = None  # set when the source cannot run here (no credentials)
        if url:
            self.start_urls = [u.strip() for u in url.split(",") if u.strip()]
        if not getattr(self, "start_urls", None):
            raise ValueError(f"spider {self.name!r} needs a start URL: pass -a url=URL")

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.delay is not None and not crawler.settings.frozen:
            crawler.settings.set("DOWNLOAD_DELAY", spider.delay, priority="spider")
        return spider

    async def start(self) -> AsyncIterator[Any]:
        for url in self.start_urls:
            yield self.first_request(url)

    def first_request(self, url: str) -> scrapy.Request:
        """The request for one start URL."""
        return scrapy.Request(url, callback=self.parse, errback=self.on_error)

    def on_error(self, failure):
        """Log a failed request with its URL, and keep the first failure for the run's summary."""
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        response = getattr(failure.value, "response", None)
        message = f"HTTP {response.status}" if response is not None else failure.getErrorMessage()
        self.logger.error("%s: request failed for %s: %s", self.name, url, message)
        self.count_error(url, message)

    def count_error(self, url: str, message: str) -> None:
        """Count an error of this crawl (the run fails), keeping the first one's URL and message for the summary."""
        stats = self.crawler.stats
        stats.inc_value("jobfit/errors")
        if not stats.get_value("jobfit/first_error_url"):
            stats.set_value("jobfit/first_error_url", url)
            stats.set_value("jobfit/first_error", message[:200])

    def detail_request(self, url: str, callback, fallback: PostingItem | None, **cb_kwargs) -> scrapy.Request:
        """A request for one job's detail; `fallback` is the posting its list entry describes, stored if it fails."""
        return scrapy.Request(url, callback=callback, errback=self.on_detail_error, cb_kwargs=cb_kwargs,
                              meta={"jobfit_fallback": fallback})

    def on_detail_error(self, failure):
        """A detail request failed (HTTP error, timeout): count it and store the job from its list entry."""
        request = failure.request
        response = getattr(failure.value, "response", None)
        message = f"HTTP {response.status}" if response is not None else failure.getErrorMessage()
        self.logger.error("%s: detail request failed for %s: %s", self.name, request.url, message)
        yield from self.detail_failed(request.url, message, request.meta.get("jobfit_fallback"))

    def detail_failed(self, url: str, message: str, fallback: PostingItem | None, counted: bool = False):
        """Count a detail that could not be read (the run ends partial) and yield the list's posting instead.

        `counted`: the error itself was already counted (unreadable JSON, malformed job).
        """
        if not counted:
            self.count_error(url, message)
        stats = self.crawler.stats
        stats.inc_value("jobfit/details_failed")
        failed = stats.get_value("jobfit/details_failed_urls") or []
        if len(failed) < MAX_NAMED_FAILURES:
            stats.set_value("jobfit/details_failed_urls", [*failed, url])
        if fallback is not None:
            fallback["detail_missing"] = True
            yield fallback

    def with_detail(self, response, build, *args):
        """The posting built from a detail response; the list's posting (counted as a failed detail) when unreadable."""
        fallback = response.request.meta.get("jobfit_fallback") if response.request is not None else None
        data = self.read_json(response)
        item = self.guarded(response.url, build, data, *args) if data is not None else None
        if item is not None:
            yield item
            return
        yield from self.detail_failed(response.url, "unreadable detail", fallback, counted=True)

    def read_json(self, response):
        """The JSON body of a response (whatever its content type); None, logged with the URL, when unreadable."""
        try:
            return json.loads(response.body)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            self.logger.error("%s: unreadable JSON at %s: %s", self.name, response.url, exc)
            self.count_error(response.url, f"unreadable JSON: {exc}")
            return None

    def guarded(self, url: str, build, *args):
        """build(*args), or None when the job object is malformed: logged with the URL, counted, the rest goes on."""
        try:
            return build(*args)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            self.logger.error("%s: malformed job at %s: %r", self.name, url, exc)
            self.count_error(url, f"malformed job: {exc!r}")
            return None

    def item(self, **fields) -> PostingItem:
        """A posting item of this spider's source."""
        return PostingItem(source=self.source, **{k: v for k, v in fields.items() if v is not None})


class FeedSpider(JobSpider, XMLFeedSpider):
    """A partner XML feed: `-a url=` the feed; subclasses set `itertag` and map one node in `node_posting`."""

    lists_whole_board = True  # a feed export lists every offer the partner receives

    def first_request(self, url: str) -> scrapy.Request:
        return scrapy.Request(url, callback=self._parse, errback=self.on_error)

    def parse_node(self, response, node):
        """One node's posting; a malformed node is logged and skipped, the feed goes on."""
        return self.guarded(response.url, self.node_posting, response, node)

    def node_posting(self, response, node):
        """The posting item for one feed node."""
        raise NotImplementedError

    @staticmethod
    def node_text(node, path: str) -> str | None:
        """The stripped text (CDATA included) at `path` under a feed node; None when empty."""
        return (node.xpath(f"{path}/text()").get() or "").strip() or None


class BoardSpider(JobSpider):
    """A company board read through its public JSON API: `-a board=TOKEN[,TOKEN…]` or `-a url=` an API URL.

    `-a company=NAME` names the employer when the API does not. Subclasses set `api_url` (with {board}) and
    `board_in_url` (a regex whose group 1 is the token), and map one job object in `posting`.
    """

    api_url = ""
    board_in_url = re.compile(r"$^")
    lists_whole_board = True

    def __init__(self, board: str | None = None, company: str | None = None, url: str | None = None, **kwargs):
        self.boards = [b.strip() for b in (board or "").split(",") if b.strip()]
        if self.boards and not url:
            url = ",".join(self.api_url.format(board=b) for b in self.boards)
        super().__init__(url, **kwargs)
        self.company = company

    def parse(self, response):
        """Every job of a board whose API lists them all in one response."""
        board = self.board_of(response.url)
        data = self.read_json(response)
        for job in self.jobs_in(data) if data is not None else []:
            if (item := self.guarded(response.url, self.posting, job, board)) is not None:
                yield item

    def jobs_in(self, data) -> list[dict]:
        """The job objects in one API response."""
        raise NotImplementedError

    def posting(self, job: dict, board: str):
        """The posting item for one job object of `board`."""
        raise NotImplementedError

    def board_of(self, url: str) -> str:
        """The board token of an API URL; the -a board value, else the file name, for other URLs."""
        if match := self.board_in_url.search(url):
            return match.group(1)
        if len(self.boards) == 1:
            return self.boards[0]
        return PurePosixPath(unquote(urlsplit(url).path)).stem or "board"


def sibling_url(list_url: str, *parts: str) -> str:
    """The URL of a detail next to a list endpoint (list/ID); keeps a fixture's .json suffix for file:// tests."""
    base = list_url.split("?", 1)[0].rstrip("/")
    suffix = ""
    if base.endswith(".json"):
        base, suffix = base[:-5], ".json"
    return "/".join([base, *(p.strip("/") for p in parts)]) + suffix
