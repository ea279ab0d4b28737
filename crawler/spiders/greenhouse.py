"""Greenhouse job boards, through the public Job Board API (boards-api.greenhouse.io)."""

from __future__ import annotations

import re

from jobfit.crawler.spiders.base import BoardSpider

API = "https://boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true"
BOARD_IN_URL = re.compile(r"/boards/([^/?#]+)")


class GreenhouseSpider(BoardSpider):
    """`-a board=TOKEN` (e.g. dataiku) or `-a url=` a board's jobs endpoint; `-a company=NAME` names the employer."""

    name = "greenhouse"
    api_url = API
    board_in_url = BOARD_IN_URL

    def parse(self, response):
        """A board's job list: items straight from it when it carries content, else one detail request per job."""
        board = self.board_of(response.url)
        data = self.read_json(response)
        for job in (data or {}).get("jobs", []):
            if "content" in job:
                if (item := self.guarded(response.url, self.posting, job, board)) is not None:
                    yield item
            elif (listed := self.guarded(response.url, self.posting, job, board)) is not None:
                # Stored from the list if its detail fails (404, timeout), filled in when a detail comes.
                yield self.detail_request(detail_url(response.url, job["id"]), self.parse_job, listed, board=board)

    def parse_job(self, response, board: str):
        """One job's detail, which also has pay ranges."""
        yield from self.with_detail(response, self.posting, board)

    def posting(self, job: dict, board: str):
        """The posting item for one Greenhouse job object."""
        offices = [o.get("location") or o.get("name") for o in job.get("offices") or [] if not o.get("child_ids")]
        location = (job.get("location") or {}).get("name") or ", ".join(filter(None, offices)) or None
        pay = (job.get("pay_input_ranges") or [None])[0] or {}
        metadata = {m.get("name"): m.get("value") for m in job.get("metadata") or [] if isinstance(m, dict)}
        return self.item(
            external_id=f"{board}:{job['id']}",
            board=board,
            title=job.get("title"),
            company=self.company or job.get("company_name") or board,
            location=location,
            description_html=job.get("content") or "",
            posted_at=job.get("first_published") or job.get("updated_at"),
            url=job.get("absolute_url"),
            apply_url=job.get("absolute_url"),
            language=job.get("language"),
            contract=metadata.get("Employment Type") or metadata.get("Employment type"),
            remote=metadata.get("Remote") or metadata.get("Workplace Type"),
            salary_min=pay.get("min_cents") / 100 if pay.get("min_cents") is not None else None,
            salary_max=pay.get("max_cents") / 100 if pay.get("max_cents") is not None else None,
            salary_currency=pay.get("currency_type"),
            salary_period="year" if pay else None,
            salary_text=pay.get("title") if pay else None,
            raw={"departments": [d.get("name") for d in job.get("departments") or []],
                 "offices": offices, "requisition_id": job.get("requisition_id")},
        )


def board_token(url: str) -> str:
    """The board token in a Greenhouse API URL ("vaulttec"); "board" for a URL that has none, like a file."""
    match = BOARD_IN_URL.search(url)
    return match.group(1) if match else "board"


def detail_url(list_url: str, job_id) -> str:
    """The detail endpoint of one job, next to the list endpoint it was listed in."""
    base = list_url.split("?", 1)[0].rstrip("/")
    return f"{base}/{job_id}?pay_transparency=true"
