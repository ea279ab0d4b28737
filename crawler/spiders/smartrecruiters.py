"""SmartRecruiters companies, through the public Posting API (api.smartrecruiters.com/v1/companies/ID/postings)."""

from __future__ import annotations

import re

import scrapy

from jobfit.crawler.spiders.base import BoardSpider, sibling_url

PAGE_SIZE = 100


class SmartRecruitersSpider(BoardSpider):
    """`-a board=COMPANY_ID` or `-a url=` a postings API URL; `-a company=NAME`; `-a max_pages=N` (default 20)."""

    name = "smartrecruiters"
    api_url = "https://api.smartrecruiters.com/v1/companies/{board}/postings?limit=100&offset=0"
    board_in_url = re.compile(r"/companies/([^/?#]+)")

    def __init__(self, max_pages: str | int = 20, **kwargs):
        super().__init__(**kwargs)
        self.max_pages = int(max_pages)

    def parse(self, response, offset: int = 0, list_url: str | None = None):
        """One page of postings: a detail request per posting (for its job ad), then the next page."""
        list_url = list_url or response.url
        board = self.board_of(list_url)
        data = self.read_json(response) or {}
        postings = data.get("content") or []
        for posting in postings:
            if (listed := self.guarded(response.url, self.posting, posting, board)) is not None:
                yield self.detail_request(sibling_url(list_url, str(posting["id"])), self.parse_posting, listed,
                                          board=board, summary=posting)
        following = offset + len(postings)
        if postings and following < (data.get("totalFound") or 0):
            if following // PAGE_SIZE >= self.max_pages:
                self.truncated = True
                return
            yield scrapy.Request(_with_offset(list_url, following), callback=self.parse, errback=self.on_error,
                                 cb_kwargs={"offset": following, "list_url": list_url})

    def parse_posting(self, response, board: str, summary: dict):
        """One posting's detail, with its job ad sections."""
        yield from self.with_detail(response, lambda job: self.posting({**summary, **job}, board))

    def posting(self, job: dict, board: str):
        """The posting item for one SmartRecruiters posting object (list entry merged with its detail)."""
        place = job.get("location") or {}
        sections = ((job.get("jobAd") or {}).get("sections") or {})
        html = "".join(f"<h3>{s.get('title', '')}</h3>{s.get('text', '')}" for key in (
            "companyDescription", "jobDescription", "qualifications", "additionalInformation")
            if (s := sections.get(key)) and s.get("text"))
        remote = "remote" if place.get("remote") else "hybrid" if place.get("hybrid") else None
        return self.item(
            external_id=f"{board}:{job['id']}",
            board=board,
            title=job.get("name"),
            company=self.company or (job.get("company") or {}).get("name") or board,
            location=place.get("fullLocation") or ", ".join(filter(None, [place.get("city"), place.get("country")])),
            city=place.get("city"),
            postal_code=place.get("postalCode"),
            country=(place.get("country") or "").upper() or None,
            remote=remote,
            contract=(job.get("typeOfEmployment") or {}).get("label"),
            seniority=(job.get("experienceLevel") or {}).get("label"),
            description_html=html,
            posted_at=job.get("releasedDate"),
            url=job.get("postingUrl") or public_url(job),
            apply_url=job.get("applyUrl"),
            raw={"department": (job.get("department") or {}).get("label"),
                 "function": (job.get("function") or {}).get("label"), "refNumber": job.get("refNumber")},
        )


def public_url(job: dict) -> str | None:
    """A posting's public page, from its company identifier and id, for list entries that do not give it."""
    company = (job.get("company") or {}).get("identifier")
    return f"https://jobs.smartrecruiters.com/{company}/{job['id']}" if company and job.get("id") else None


def _with_offset(url: str, offset: int) -> str:
    if "offset=" in url:
        return re.sub(r"offset=\d+", f"offset={offset}", url)
    return f"{url}{'&' if '?' in url else '?'}offset={offset}"
