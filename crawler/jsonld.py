"""Find schema.org JobPosting objects in a page's JSON-LD and map them to posting fields."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator

from parsel import Selector

logger = logging.getLogger(__name__)

REMOTE_LOCATION = re.compile(r"\b(remote|t[ée]l[ée]travail|anywhere)\b", re.IGNORECASE)


def job_postings(html: str) -> Iterator[dict]:
    """Every JobPosting object in the page's JSON-LD scripts (inside @graph and lists too)."""
    for script in Selector(text=html).xpath('//script[@type="application/ld+json"]/text()').getall():
        try:
            data = json.loads(script, strict=False)
        except json.JSONDecodeError as exc:
            logger.warning("unreadable JSON-LD block: %s", exc)
            continue
        yield from _find_postings(data)


def _find_postings(data) -> Iterator[dict]:
    if isinstance(data, list):
        for entry in data:
            yield from _find_postings(entry)
    elif isinstance(data, dict):
        types = data.get("@type")
        types = types if isinstance(types, list) else [types]
        if "JobPosting" in types:
            yield data
        elif "@graph" in data:
            yield from _find_postings(data["@graph"])


def _text(value) -> str | None:
    """A plain string from a schema.org value that may be a string, a Thing with a name, or a list."""
    if value is None:
        return None
    if isinstance(value, list):
        return _text(value[0]) if value else None
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("value") or value.get("@id"))
    return str(value).strip() or None


def _places(posting: dict) -> list[dict]:
    places = posting.get("jobLocation") or []
    return [p for p in (places if isinstance(places, list) else [places]) if isinstance(p, dict)]


def location_fields(posting: dict) -> dict:
    """location (all places, display names first), city, postal code, country, and remote when the places say so."""
    names, first = [], None
    for place in _places(posting):
        address = place.get("address") if isinstance(place.get("address"), dict) else {}
        locality = _text(address.get("addressLocality"))
        # Some sites repeat one locality for every place but name each place correctly: prefer the name.
        name = _text(place.get("name")) or ", ".join(
            filter(None, [locality, _text(address.get("addressRegion")), _text(address.get("addressCountry"))])
        )
        if name and name not in names:
            names.append(name)
        if first is None:
            first = {"city": locality, "postal_code": _text(address.get("postalCode")),
                     "country": _text(address.get("addressCountry"))}
    fields = {"location": " | ".join(names) or None, **(first or {})}
    location_type = _text(posting.get("jobLocationType")) or ""
    if location_type.upper() == "TELECOMMUTE" or (names and all(REMOTE_LOCATION.search(n) for n in names)):
        fields["remote"] = "remote"
    elif names and any(REMOTE_LOCATION.search(n) for n in names):
        fields["remote"] = "hybrid"
    return fields


def salary_fields(posting: dict) -> dict:
    """salary_min/max/currency/period from baseSalary (a MonetaryAmount with a QuantitativeValue)."""
    salary = posting.get("baseSalary") or posting.get("estimatedSalary")
    if isinstance(salary, list):
        salary = salary[0] if salary else None
    if not isinstance(salary, dict):
        return {"salary_text": _text(salary)} if salary else {}
    value = salary.get("value")
    fields = {"salary_currency": _text(salary.get("currency"))}
    if isinstance(value, dict):
        low, high = value.get("minValue"), value.get("maxValue")
        if low is None and high is None:
            low = high = value.get("value")
        fields.update(salary_min=_number(low), salary_max=_number(high),
                      salary_period=(_text(value.get("unitText")) or "").lower() or None)
    elif value is not None:
        fields.update(salary_min=_number(value), salary_max=_number(value))
    if fields.get("salary_period") is None:
        fields["salary_period"] = (_text(salary.get("unitText")) or "").lower() or None
    return fields


def _number(value) -> float | None:
    try:
        return float(str(value).replace(",", ".").replace(" ", "")) if value not in (None, "") else None
    except ValueError:
        return None


def posting_fields(posting: dict, page_url: str) -> dict:
    """Posting item fields from one JobPosting object found on `page_url`."""
    description = posting.get("description") or ""
    description = description.replace("\\n", "\n")  # some sites double-escape newlines
    employment = posting.get("employmentType")
    if isinstance(employment, list):
        employment = " ".join(map(str, employment))
    identifier = posting.get("identifier")
    identifier = _text(identifier.get("value") or identifier.get("name")) if isinstance(identifier, dict) else _text(
        identifier)
    fields = {
        "title": _text(posting.get("title")),
        "company": _text(posting.get("hiringOrganization")),
        "description_html": description,
        "contract": employment,
        "posted_at": _text(posting.get("datePosted")),
        "valid_through": _text(posting.get("validThrough")),
        "url": _text(posting.get("url")) or page_url,
        "language": _text(posting.get("inLanguage")),
        "raw": {"identifier": identifier, "employmentType": employment,
                "jobLocationType": _text(posting.get("jobLocationType"))},
    }
    fields.update(location_fields(posting))
    fields.update(salary_fields(posting))
    return fields
