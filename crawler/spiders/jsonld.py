"""Any career site whose posting pages carry schema.org JobPosting JSON-LD, from its sitemap or page URLs."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import scrapy
from scrapy.spiders import SitemapSpider

from jobfit.crawler.jsonld import job_postings, posting_fields
from jobfit.crawler.spiders.base import JobSpider

SITEMAP_URL = re.compile(r"(sitemap[^/]*\.xml(\.gz)?|/robots\.txt)$", re.IGNORECASE)


class JsonLdSpider(JobSpider, SitemapSpider):
    """`-a url=` takes a sitemap (or robots.txt) URL, or posting page URLs separated by commas.

    `-a follow=REGEX` keeps only sitemap entries matching REGEX; `-a page=1` reads each URL as one posting page.
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

    def parse(self, response):
        """Yield one posting per JobPosting block on the page."""
        found = 0
        for posting in job_postings(response.text):
            fields = posting_fields(posting, response.url)
            found += 1
            board = urlsplit(response.url).netloc or "files" if self.lists_whole_board else None
            yield self.item(external_id=external_id(fields.get("url") or response.url), board=board, **fields)
        if not found:
            self.crawler.stats.inc_value("jobfit/pages_without_jobposting")
            self.logger.info("no JobPosting JSON-LD on %s", response.url)


def external_id(url: str) -> str:
    """A posting's id on a generic site: its URL without scheme, query or fragment."""
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path}".rstrip("/") or url
