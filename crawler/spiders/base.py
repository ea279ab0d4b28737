"""Base class every jobfit spider shares: its source name and the start URL override."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import scrapy

from crawler.items import PostingItem


class JobSpider(scrapy.Spider):
    """A spider for one source. `-a url=URL` (http, https or file://) replaces its start URLs.

    `-a label=NAME` names the crawl run after a sources-file entry.
    """

    source: str = ""

    def __init__(self, url: str | None = None, label: str | None = None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = self.source or self.name
        # The sources-file entry this crawl runs for; it names the crawl run ("greenhouse:dataiku").
        self.label = label
        if url:
            self.start_urls = [u.strip() for u in url.split(",") if u.strip()]
        if not getattr(self, "start_urls", None):
            raise ValueError(f"spider {self.name!r} needs a start URL: pass -a url=URL")

    async def start(self) -> AsyncIterator[Any]:
        for url in self.start_urls:
            yield self.first_request(url)

    def first_request(self, url: str) -> scrapy.Request:
        """The request for one start URL."""
        return scrapy.Request(url, callback=self.parse)

    def item(self, **fields) -> PostingItem:
        """A posting item of this spider's source."""
        return PostingItem(source=self.source, **{k: v for k, v in fields.items() if v is not None})
