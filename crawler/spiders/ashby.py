"""Ashby job boards, through the public posting API (api.ashbyhq.com/posting-api/job-board/ORG)."""

from __future__ import annotations

import re

from jobfit.crawler.spiders.base import BoardSpider
from jobfit.db.vocabulary import remote_from_text


class AshbySpider(BoardSpider):
    """`-a board=ORG` (e.g. mistral) or `-a url=` a job-board API URL; `-a company=NAME` names the employer."""

    name = "ashby"
    api_url = "https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true"
    board_in_url = re.compile(r"/job-board/([^/?#]+)")

    def jobs_in(self, data) -> list[dict]:
        """Every listed job of the board."""
        return [job for job in data.get("jobs", []) if job.get("isListed") is not False]

    def posting(self, job: dict, board: str):
        """The posting item for one Ashby job object."""
        address = ((job.get("address") or {}).get("postalAddress") or {})
        places = [job.get("location")] + [s.get("location") for s in job.get("secondaryLocations") or []]
        salary = next((c for c in (job.get("compensation") or {}).get("summaryComponents") or []
                       if c.get("compensationType") == "Salary"), {})
        compensation = job.get("compensation") or {}
        return self.item(
            external_id=f"{board}:{job['id']}",
            board=board,
            title=job.get("title"),
            company=self.company or board,
            location=" | ".join(p for p in places if p) or None,
            city=address.get("addressLocality"),
            country=address.get("addressCountry") if address.get("addressCountry") != "European Union" else None,
            remote=ashby_remote(job),
            contract=job.get("employmentType"),
            description_html=job.get("descriptionHtml") or "",
            posted_at=job.get("publishedAt"),
            url=job.get("jobUrl"),
            apply_url=job.get("applyUrl"),
            salary_min=salary.get("minValue"),
            salary_max=salary.get("maxValue"),
            salary_currency=salary.get("currencyCode"),
            salary_period=salary.get("interval"),
            salary_text=compensation.get("scrapeableCompensationSalarySummary")
            or compensation.get("compensationTierSummary"),
            raw={"department": job.get("department"), "team": job.get("team"), "isRemote": job.get("isRemote"),
                 "workplaceType": job.get("workplaceType"), "region": address.get("addressRegion")},
        )


def ashby_remote(job: dict) -> str | None:
    """workplaceType when present; else isRemote: true is remote, false is on site unless the text says hybrid."""
    if job.get("workplaceType"):
        return job["workplaceType"]
    if job.get("isRemote") is True:
        return "remote"
    if job.get("isRemote") is False:
        return "hybrid" if remote_from_text(job.get("descriptionPlain")) == "hybrid" else "onsite"
    return None  # unknown: NormalizePipeline falls back to what the description says
