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
        """Every job of the account once (details=true puts the descriptions in the one response), with its name.

        The widget lists a job open in several places once per place, under one shortcode: their places are merged
        into the first listing's `places`.
        """
        jobs: dict[str, dict] = {}
        for n, job in enumerate(data.get("jobs", [])):
            key = job.get("shortcode") or job.get("code") or f"#{n}"
            places = job_places(job)
            if key in jobs:
                jobs[key]["places"] += [p for p in places if p not in jobs[key]["places"]]
            else:
                jobs[key] = {**job, "account_name": data.get("name"), "places": places}
        return list(jobs.values())

    def posting(self, job: dict, board: str):
        """The posting item for one Workable job object (its places merged by jobs_in)."""
        account_name = job.get("account_name")
        places = job["places"] if "places" in job else job_places(job)
        visible = [p for p in places if not p.get("hidden")] or places
        first = visible[0] if visible else {}
        locations = list(dict.fromkeys(filter(None, (place_text(p) for p in visible))))
        return self.item(
            external_id=f"{board}:{job.get('shortcode') or job.get('code')}",
            board=board,
            title=job.get("title"),
            company=self.company or account_name or board,
            location=locations[0] if locations else None,
            locations=locations or None,
            city=first.get("city") or None,
            country=first.get("countryCode") or first.get("country") or None,
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


def job_places(job: dict) -> list[dict]:
    """A job object's places: its `locations`, else its own city, state and country."""
    if job.get("locations"):
        return [dict(p) for p in job["locations"]]
    place = {"city": job.get("city"), "region": job.get("state"), "country": job.get("country")}
    return [place] if any(place.values()) else []


def place_text(place: dict) -> str:
    """A place as people read it: "Paris, Île-de-France, France"."""
    return ", ".join(filter(None, [place.get("city"), place.get("region"), place.get("country")]))
