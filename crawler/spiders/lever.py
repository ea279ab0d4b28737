"""Lever job boards, through the public postings API (api.lever.co/v0/postings/SITE, or the EU host)."""

from __future__ import annotations

import html
import re

from jobfit.crawler.spiders.base import BoardSpider


class LeverSpider(BoardSpider):
    """`-a board=SITE` (`-a eu=1` for api.eu.lever.co) or `-a url=` a postings API URL; `-a company=NAME`."""

    name = "lever"
    api_url = "https://api.lever.co/v0/postings/{board}?mode=json"
    board_in_url = re.compile(r"/v0/postings/([^/?#]+)")

    def __init__(self, board: str | None = None, eu: str | None = None, **kwargs):
        if eu and eu not in ("0", "false"):
            self.api_url = self.api_url.replace("api.lever.co", "api.eu.lever.co")
        super().__init__(board, **kwargs)

    def jobs_in(self, data) -> list[dict]:
        """Every posting of the site (the API returns them all in one JSON list)."""
        return data if isinstance(data, list) else []

    def posting(self, job: dict, board: str):
        """The posting item for one Lever posting object."""
        categories = job.get("categories") or {}
        salary = job.get("salaryRange") or {}
        places = [categories.get("location"), *(categories.get("allLocations") or [])]
        places = list(dict.fromkeys(filter(None, places)))
        return self.item(
            external_id=f"{board}:{job['id']}",
            board=board,
            title=job.get("text"),
            company=self.company or board,
            location=places[0] if places else None,
            locations=places or None,
            country=job.get("country"),
            remote=job.get("workplaceType") if job.get("workplaceType") != "unspecified" else None,
            contract=categories.get("commitment"),
            description_html=lever_html(job),
            posted_at=job.get("createdAt"),
            url=job.get("hostedUrl"),
            apply_url=job.get("applyUrl"),
            salary_min=salary.get("min"),
            salary_max=salary.get("max"),
            salary_currency=salary.get("currency"),
            salary_period=salary.get("interval"),
            salary_text=job.get("salaryDescriptionPlain"),
            raw={"team": categories.get("team"), "department": categories.get("department"),
                 "level": categories.get("level")},
        )


def lever_html(job: dict) -> str:
    """A posting's whole text as HTML: opening and body, the headed lists, then the closing `additional`.

    Each part falls back to its plain-text twin (descriptionPlain, additionalPlain…) when the HTML one is missing.
    `description` already holds the opening: it is used only when there is no separate descriptionBody.
    """
    def part(name: str) -> str:
        if job.get(name):
            return job[name]
        plain = job.get(f"{name}Plain")
        return "".join(f"<p>{html.escape(p)}</p>" for p in str(plain).split("\n\n") if p.strip()) if plain else ""

    body = part("descriptionBody")
    head = [part("opening"), body] if body else [part("description") or part("opening")]
    sections = "".join(f"<h3>{html.escape(s.get('text') or '')}</h3><ul>{s.get('content') or ''}</ul>"
                       for s in job.get("lists") or [] if isinstance(s, dict) and s.get("content"))
    return "".join(filter(None, [*head, sections, part("additional")]))
