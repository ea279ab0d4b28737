"""Welcome to the Jungle: a company's jobs page, then each job page's JobPosting JSON-LD."""

from __future__ import annotations

import re

from jobfit.crawler.jsonld import job_postings, posting_fields
from jobfit.crawler.spiders.base import JobSpider

COMPANY_URL = "https://www.welcometothejungle.com/fr/companies/{company}/jobs"
JOB_IN_URL = re.compile(r"/companies/([^/?#]+)/jobs/([^/?#]+)")


class WelcomeToTheJungleSpider(JobSpider):
    """`-a board=COMPANY_SLUG` (e.g. mistral-ai) or `-a url=` a company jobs page or job pages (commas)."""

    name = "welcometothejungle"
    lists_whole_board = True

    def __init__(self, board: str | None = None, url: str | None = None, **kwargs):
        self.boards = [b.strip() for b in (board or "").split(",") if b.strip()]
        super().__init__(url or ",".join(COMPANY_URL.format(company=b) for b in self.boards), **kwargs)

    def parse(self, response):
        """A company jobs page (follow each job link) or a job page (read it)."""
        if JOB_IN_URL.search(response.url):
            yield from self.parse_job(response)
            return
        seen = set()
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href)
            if (match := JOB_IN_URL.search(url)) and match.group(0) not in seen:
                seen.add(match.group(0))
                yield response.follow(url, callback=self.parse_job, errback=self.on_error)

    def parse_job(self, response):
        """One job page: its JobPosting JSON-LD."""
        match = JOB_IN_URL.search(response.url)
        company, slug = match.groups() if match else ("jobs", response.url.rstrip("/").rsplit("/", 1)[-1])
        for posting in job_postings(response.text):
            fields = posting_fields(posting, response.url)
            yield self.item(external_id=f"{company}:{slug.removesuffix('.html')}", board=company, **fields)
            return
        self.logger.error("welcometothejungle: no JobPosting JSON-LD on %s", response.url)
        self.count_error(response.url, "no JobPosting JSON-LD")
