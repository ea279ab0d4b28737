"""Report rows as an Atom feed (feedgen writes and escapes the XML): one entry per posting, with a stable id."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from urllib.parse import quote

# Characters XML 1.0 cannot carry at all (posting text is inert, and must not break the feed either).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FEED_LIMIT = 50  # entries a `jobfit run --feed` file keeps


def xml_text(value) -> str:
    """`value` as text XML can hold."""
    return _NOT_XML.sub("", str(value or ""))


def when(row: dict) -> datetime:
    """The entry's updated time: when jobfit first stored the posting, else its publication date, else now."""
    for key in ("first_seen", "posted_at"):
        text = row.get(key)
        if not text:
            continue
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def entry_id(profile_id: str, posting_id: str) -> str:
    """The stable id of a posting's entry in a profile's feed."""
    return f"urn:jobfit:{quote(profile_id, safe='')}:{quote(posting_id, safe=':')}"


def summary(row: dict) -> str:
    """Score, place, matched and missing skills, one line each."""
    matched = ", ".join(m["name"] + (" (related)" if m.get("related") else "") for m in row.get("matched", []))
    missing = ", ".join([*row.get("missing_required", []), *row.get("missing_other", [])])
    facts = ", ".join(x for x in (row.get("location"), row.get("remote"), row.get("contract"), row.get("salary"))
                      if x)
    lines = [f"Score {row['score']:g}/100" + (f" — {facts}" if facts else ""),
             f"Matched: {matched or 'none'}", f"Missing: {missing or 'none'}"]
    return "\n".join(lines)


def render_atom(rows: list[dict], title: str, profile_id: str) -> str:
    """The rows as an Atom 1.0 document."""
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    feed.id(f"urn:jobfit:{quote(profile_id, safe='')}")
    feed.title(xml_text(f"jobfit — {title}"))
    feed.author({"name": "jobfit"})
    feed.generator("jobfit")
    feed.subtitle(xml_text(f"Job postings matching the profile {title}, scored by jobfit"))
    times = [when(row) for row in rows]
    feed.updated(max(times) if times else datetime.now(timezone.utc).replace(microsecond=0))
    for row, moment in zip(rows, times):
        entry = feed.add_entry(order="append")
        entry.id(entry_id(profile_id, row["id"]))
        heading = row["title"] + (f" — {row['company']}" if row.get("company") else "")
        entry.title(xml_text(f"{heading} ({row['score']:g})"))
        if row.get("url"):
            entry.link(href=xml_text(row["url"]), rel="alternate")
        entry.updated(moment)
        entry.summary(xml_text(summary(row)))
    return feed.atom_str(pretty=True).decode("utf-8")
