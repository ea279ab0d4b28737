"""Recruitee career sites, through the public offers API (COMPANY.recruitee.com/api/offers/)."""

from __future__ import annotations

import re

from jobfit.crawler.spiders.base import BoardSpider


class RecruiteeSpider(BoardSpider):
    """`-a board=COMPANY` (the subdomain) or `-a url=` an offers API URL; `-a company=NAME`."""

    name = "recruitee"
    api_url = "https://{board}.recruitee.com/api/offers/"
    board_in_url = re.compile(r"//([^./]+)\.recruitee\.com/")

    def jobs_in(self, data) -> list[dict]:
        """Every published offer of the company."""
        return data.get("offers", [])

    def posting(self, offer: dict, board: str):
        """The posting item for one Recruitee offer object."""
        salary = offer.get("salary") or {}
        remote = "remote" if offer.get("remote") else "hybrid" if offer.get("hybrid") else \
            "onsite" if offer.get("on_site") else None
        return self.item(
            external_id=f"{board}:{offer['id']}",
            board=board,
            title=offer.get("title"),
            company=self.company or offer.get("company_name") or board,
            location=offer.get("location"),
            locations=[", ".join(filter(None, [p.get("city"), p.get("state"), p.get("country")]))
                       for p in offer.get("locations") or [] if isinstance(p, dict)] or None,
            city=offer.get("city"),
            postal_code=offer.get("postal_code"),
            country=offer.get("country_code") or offer.get("country"),
            remote=remote,
            contract=offer.get("employment_type_code"),
            description_html=(offer.get("description") or "") + (offer.get("requirements") or ""),
            posted_at=offer.get("published_at") and offer["published_at"].replace(" UTC", "+00:00"),
            url=offer.get("careers_url"),
            apply_url=offer.get("careers_apply_url"),
            salary_min=_number(salary.get("min")),
            salary_max=_number(salary.get("max")),
            salary_currency=salary.get("currency"),
            salary_period=salary.get("period"),
            experience_years={"entry_level": 0, "student_college": 0}.get(offer.get("experience_code")),
            seniority={"entry_level": "junior", "mid_level": "mid", "experienced": "senior",
                       "manager": "lead", "executive": "head", "student_college": "intern"}.get(
                offer.get("experience_code")),
            education=offer.get("education_code", "").replace("_", " ") or None,
            raw={"department": offer.get("department"), "tags": offer.get("tags"),
                 "experience_code": offer.get("experience_code"), "education_code": offer.get("education_code")},
        )


def _number(value) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
