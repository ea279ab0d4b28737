"""Ashby job boards, through the public posting API (api.ashbyhq.com/posting-api/job-board/ORG)."""

from __future__ import annotations

import re
from urllib.parse import unquote

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
        # The board is the organisation's slug in the job's own URL (jobs.ashbyhq.com/ORG/ID), not a file name.
        board = board_in_job_url(job.get("jobUrl")) or board
        address = ((job.get("address") or {}).get("postalAddress") or {})
        places = [job.get("location")] + [s.get("location") for s in job.get("secondaryLocations") or []]
        places = list(dict.fromkeys(p for p in places if p))
        salary = next((c for c in (job.get("compensation") or {}).get("summaryComponents") or []
                       if c.get("compensationType") == "Salary"), {})
        compensation = job.get("compensation") or {}
        return self.item(
            external_id=f"{board}:{job['id']}",
            board=board,
            title=job.get("title"),
            company=self.company or board,
            location=places[0] if places else None,
            locations=places or None,
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


JOB_URL = re.compile(r"^https?://jobs\.ashbyhq\.com/([^/?#]+)/")


def board_in_job_url(url: str | None) -> str | None:
    """The organisation slug of an Ashby job URL ("https://jobs.ashbyhq.com/ramp/…" -> "ramp")."""
    match = JOB_URL.match(url or "")
    return unquote(match.group(1)) if match else None


def ashby_remote(job: dict) -> str | None:
    """workplaceType when present; else isRemote, corrected by the text: a "remote" job whose text says hybrid
    ("Hybrid work environment, 2 remote days a week", "2 jours de télétravail") is hybrid, and so is an on-site one.
    """
    if job.get("workplaceType"):
        return job["workplaceType"]
    if job.get("isRemote") is None:
        return None  # unknown: NormalizePipeline falls back to what the description says
    if remote_from_text(job.get("descriptionPlain") or job.get("descriptionHtml")) == "hybrid":
        return "hybrid"
    return "remote" if job["isRemote"] else "onsite"
