"""Workable job boards, through the public widget API (apply.workable.com/api/v1/widget/accounts/ACCOUNT)."""

from __future__ import annotations

import re

from jobfit.crawler.spiders.base import BoardSpider


class WorkableSpider(BoardSpider):
    """`-a board=ACCOUNT` (e.g. huggingface) or `-a url=` a widget API URL; `-a company=NAME`."""

    name = "workable"
    api_url = "https://apply.workable.com/api/v1/widget/accounts/{board}?details=true"
    board_in_url = re.compile(r"/accounts/([^/?#]+)")

    def jobs_in(self, data) -> list[dict]:
        """Every job of the account (details=true puts the descriptions in the one response), with its name."""
        return [{**job, "account_name": data.get("name")} for job in data.get("jobs", [])]

    def posting(self, job: dict, board: str):
        """The posting item for one Workable job object."""
        account_name = job.get("account_name")
        places = [p for p in job.get("locations") or [] if not p.get("hidden")]
        first = places[0] if places else {"city": job.get("city"), "countryCode": job.get("country")}
        location = " | ".join(", ".join(filter(None, [p.get("city"), p.get("region"), p.get("country")]))
                              for p in places) or ", ".join(filter(None, [job.get("city"), job.get("state"),
                                                                           job.get("country")]))
        return self.item(
            external_id=f"{board}:{job.get('shortcode') or job.get('code')}",
            board=board,
            title=job.get("title"),
            company=self.company or account_name or board,
            location=location or None,
            city=first.get("city"),
            country=first.get("countryCode") or first.get("country"),
            remote="remote" if job.get("telecommuting") else job.get("workplace"),
            contract=job.get("employment_type"),
            description_html=job.get("description") or "",
            posted_at=job.get("published_on") or job.get("created_at"),
            url=job.get("url") or job.get("shortlink"),
            apply_url=job.get("application_url"),
            experience_years=job.get("experience"),
            education=job.get("education"),
            raw={"department": job.get("department"), "function": job.get("function"),
                 "industry": job.get("industry"), "experience": job.get("experience")},
        )
