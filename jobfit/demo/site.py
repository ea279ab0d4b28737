"""Render the demo corpus (corpus.toml) as static files: JSON-LD posting pages, a sitemap, Greenhouse boards."""

from __future__ import annotations

import html
import json
import re
import tomllib
import unicodedata
from datetime import date, timedelta
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus.toml"
SCHEMA_EMPLOYMENT = {"FULL_TIME", "PART_TIME", "CONTRACTOR", "INTERN", "TEMPORARY"}


def load_corpus(path: Path = CORPUS) -> list[dict]:
    """The demo postings."""
    return tomllib.loads(path.read_text(encoding="utf-8"))["posting"]


def slug(text: str) -> str:
    """ASCII, lowercase, dash-separated."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def markup_to_html(text: str) -> str:
    """The corpus markup ("## heading", "- item", blank-line paragraphs) as HTML."""
    out, items, paragraph = [], [], []

    def flush():
        if paragraph:
            out.append(f"<p>{html.escape(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            out.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for line in text.strip().splitlines():
        line = line.strip()
        if line.startswith("## "):
            flush()
            out.append(f"<h3>{html.escape(line[3:])}</h3>")
        elif line.startswith("- "):
            if paragraph:
                flush()
            items.append(line[2:])
        elif not line:
            flush()
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return "\n".join(out)


def job_posting(p: dict, base_url: str, today: date) -> dict:
    """The schema.org JobPosting object of a demo posting."""
    posted = today - timedelta(days=int(p.get("days_ago", 0)))
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": p["title"],
        "description": markup_to_html(p["description"]),
        "identifier": {"@type": "PropertyValue", "name": p["company"], "value": p["key"]},
        "datePosted": posted.isoformat(),
        "validThrough": (posted + timedelta(days=60)).isoformat(),
        "employmentType": p["employment_type"] if p["employment_type"] in SCHEMA_EMPLOYMENT else "OTHER",
        "hiringOrganization": {"@type": "Organization", "name": p["company"]},
        "jobLocation": {"@type": "Place", "address": {
            "@type": "PostalAddress", "addressLocality": p["city"], "postalCode": p.get("postal_code") or None,
            "addressCountry": p["country"]}},
        "inLanguage": p["lang"],
        "url": f"{base_url}/jobs/{p['key']}.html",
    }
    if p.get("remote") == "remote":
        data["jobLocationType"] = "TELECOMMUTE"
    if "salary_min" in p:
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": p["salary_currency"], "value": {
            "@type": "QuantitativeValue", "minValue": p["salary_min"], "maxValue": p["salary_max"],
            "unitText": p["salary_unit"]}}
    return data


def posting_page(p: dict, base_url: str, today: date) -> str:
    """A posting's HTML page, with its JSON-LD in the head and the same text in the body."""
    ld = json.dumps(job_posting(p, base_url, today), ensure_ascii=False, indent=1).replace("</", "<\\/")
    facts = " · ".join(html.escape(x) for x in (p["company"], p["city"], p["contract"], p.get("salary", "")) if x)
    return (
        f"<!DOCTYPE html>\n<html lang=\"{p['lang']}\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(p['title'])} – {html.escape(p['company'])}</title>\n"
        f"<script type=\"application/ld+json\">\n{ld}\n</script></head>\n"
        f"<body><h1>{html.escape(p['title'])}</h1><p class=\"facts\">{facts}</p>\n"
        f"<article>{markup_to_html(p['description'])}</article></body></html>\n"
    )


def greenhouse_job(p: dict, number: int, base_url: str, board: str, today: date) -> dict:
    """A demo posting as the Greenhouse Job Board API lists it with content=true (content entity-escaped)."""
    posted = today - timedelta(days=int(p.get("days_ago", 0)))
    content = markup_to_html(p["description"])
    if p.get("salary"):
        content += f"\n<p>{html.escape(p['salary'])}</p>"
    return {
        "id": number,
        "internal_job_id": number + 1000,
        "title": p["title"],
        "updated_at": f"{posted.isoformat()}T09:00:00+01:00",
        "first_published": f"{posted.isoformat()}T09:00:00+01:00",
        "requisition_id": p["key"],
        "location": {"name": f"{p['city']}, {p['country']}"},
        "absolute_url": f"{base_url}/boards/{board}/jobs/{number}",
        "language": p["lang"],
        "metadata": [{"id": 1, "name": "Employment Type", "value": p["contract"], "value_type": "single_select"},
                     {"id": 2, "name": "Workplace Type", "value": p["remote"], "value_type": "single_select"}],
        "content": html.escape(content),
        "departments": [{"id": 1, "name": p.get("category", ""), "parent_id": None, "child_ids": []}],
        "offices": [{"id": 1, "name": p["city"], "location": f"{p['city']}, {p['country']}",
                     "parent_id": None, "child_ids": []}],
    }


def build_site(root: Path, base_url: str, today: date | None = None, corpus: list[dict] | None = None) -> dict:
    """Write the demo site under `root`; returns the crawl entry points: sitemap URL and Greenhouse boards."""
    today = today or date.today()
    corpus = corpus if corpus is not None else load_corpus()
    (root / "jobs").mkdir(parents=True, exist_ok=True)
    site = [p for p in corpus if p["board"] == "site"]
    for p in site:
        (root / "jobs" / f"{p['key']}.html").write_text(posting_page(p, base_url, today), encoding="utf-8")
    urls = "".join(f"<url><loc>{base_url}/jobs/{p['key']}.html</loc></url>\n" for p in site)
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n', encoding="utf-8")
    (root / "robots.txt").write_text(
        f"User-agent: *\nDisallow: /private/\nSitemap: {base_url}/sitemap.xml\n", encoding="utf-8")
    boards: dict[str, dict] = {}
    for number, p in enumerate((p for p in corpus if p["board"] == "greenhouse"), start=4000001):
        board = slug(p["company"])
        entry = boards.setdefault(board, {"company": p["company"], "jobs": []})
        entry["jobs"].append(greenhouse_job(p, number, base_url, board, today))
    for board, entry in boards.items():
        folder = root / "v1" / "boards" / board
        folder.mkdir(parents=True, exist_ok=True)
        payload = {"jobs": entry["jobs"], "meta": {"total": len(entry["jobs"])}}
        (folder / "jobs.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return {
        "sitemap": f"{base_url}/sitemap.xml",
        "boards": {b: {"url": f"{base_url}/v1/boards/{b}/jobs?content=true", "company": e["company"]}
                   for b, e in boards.items()},
    }
