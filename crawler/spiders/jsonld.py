"""Any career site whose posting pages carry schema.org JobPosting JSON-LD, from its sitemap or page URLs."""

from __future__ import annotations

import re
from functools import cached_property
from urllib.parse import urlsplit

import scrapy
from scrapy.spiders import SitemapSpider

from jobfit.crawler.items import UnchangedPage
from jobfit.crawler.jsonld import job_postings, posting_fields
from jobfit.crawler.spiders.base import JobSpider
from jobfit.db.postings import posting_id

SITEMAP_URL = re.compile(r"(sitemap[^/]*\.xml(\.gz)?|/robots\.txt)$", re.IGNORECASE)


class JsonLdSpider(JobSpider, SitemapSpider):
    """`-a url=` takes a sitemap (or robots.txt) URL, or posting page URLs separated by commas.

    `-a follow=REGEX` keeps only sitemap entries matching REGEX; `-a page=1` reads each URL as one posting page.
    A page whose sitemap lastmod is the one the last complete crawl read it at is not fetched again.
    """

    name = "jsonld"

    def __init__(self, url: str | None = None, follow: str | None = None, page: str | None = None, **kwargs):
        super().__init__(url, **kwargs)
        self.page_only = page not in (None, "", "0")  # -a page=1 (jobfit add): the URL is one page, never a sitemap
        self.sitemap_rules = [(follow or "", "parse")]
        self._cbs = [(re.compile(follow or ""), self.parse)]

    def first_request(self, url: str) -> scrapy.Request:
        if not self.page_only and SITEMAP_URL.search(urlsplit(url).path or ""):
            # A sitemap lists the whole site: postings gone from it can be closed. Single pages (jobfit add) can't.
            self.lists_whole_board = True
            return scrapy.Request(url, callback=self._parse_sitemap, errback=self.on_error)
        return scrapy.Request(url, callback=self.parse, errback=self.on_error)

    def _board(self, url: str) -> str | None:
        return urlsplit(url).netloc or "files" if self.lists_whole_board else None

    @cached_property
    def unchanged_pages(self):
        from jobfit.crawler.unchanged import UnchangedPages

        return UnchangedPages(self.crawler, self.name)

    def sitemap_filter(self, entries):
        """The entries to fetch: a page dated as when last read is set aside (see _parse_sitemap)."""
        for entry in entries:
            if getattr(entries, "type", None) == "urlset" and (
                    ids := self.unchanged_pages.unchanged(entry["loc"], entry.get("lastmod"))):
                self._kept.append((entry["loc"], ids))
                continue
            yield entry

    def _parse_sitemap(self, response):
        """Scrapy's sitemap reading, plus the pages left unread, whose postings are kept as seen."""
        self._kept: list[tuple[str, list[str]]] = []
        requests = list(super()._parse_sitemap(response))
        for url, ids in self._kept:
            yield UnchangedPage(source=self.source, board=self._board(url), url=url, posting_ids=ids)
        yield from requests

    def parse(self, response):
        """Yield one posting per JobPosting block on the page."""
        found, ids = 0, []
        for posting in job_postings(response.text):
            fields = posting_fields(posting, response.url)
            found += 1
            item = self.item(external_id=external_id(fields.get("url") or response.url),
                             board=self._board(response.url), **fields)
            ids.append(posting_id(item["source"], str(item["external_id"])))
            yield item
        if self.lists_whole_board:
            self.unchanged_pages.page_read(response.meta.get("redirect_urls", [response.url])[0], ids)
        if not found:
            self.crawler.stats.inc_value("jobfit/pages_without_jobposting")
            self.logger.info("no JobPosting JSON-LD on %s", response.url)


def external_id(url: str) -> str:
    """A posting's id on a generic site: its URL without scheme, query or fragment."""
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path}".rstrip("/") or url
