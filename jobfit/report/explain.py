"""One posting's whole explanation as plain text: sub-scores, matched skills with evidence, gaps, penalties, and
the text it shares with its company's other postings."""

from __future__ import annotations

from jobfit.report import salary_text
from jobfit.report.inert import terminal_safe

SNIPPET = 100  # characters of a shared paragraph shown


def shared_paragraphs_of(db, posting_id: str, table=None) -> list[dict]:
    """The paragraphs of a posting its company's other postings (of another title) also hold, as stored now:
    [{"text", "shared": N other postings, "skills": [names], "read_as"}], in text order.

    `read_as` is how the stored extraction read it: "company" (boilerplate, not asked), "asked" (under this
    posting's own requirements), "own" (extracted before the others shared it: the next match re-reads it), or
    None for a paragraph without skills.
    """
    from jobfit.db.paragraphs import company_key, posting_for_paragraphs, shared_counts, stored_hits
    from jobfit.matcher.boilerplate import normal_title, paragraphs

    posting = posting_for_paragraphs(db, posting_id)
    if posting is None or not posting["description"]:
        return []
    if table is None:
        from jobfit.matcher.skills import SkillTable

        table = SkillTable.load()
    text = posting["description"]
    spans = list(paragraphs(text))
    counts = shared_counts(db, company_key(posting), posting_id, normal_title(posting["title"]),
                           sorted({h for _, _, h in spans}))
    hits = stored_hits(db, posting_id)
    out = []
    for start, end, h in spans:
        if not counts.get(h):
            continue
        inside = [hit for hit in hits if start <= hit["start"] < end]
        names = list(dict.fromkeys(table[x["skill_id"]].name if x["skill_id"] in table else x["skill_id"]
                                   for x in inside))
        read_as = None
        if inside:
            read_as = ("own" if not any(x["shared"] for x in inside)
                       else "company" if all(x["section"] == "company" for x in inside) else "asked")
        out.append({"text": text[start:end].strip(), "shared": counts[h], "skills": names, "read_as": read_as,
                    "skill_ids": list(dict.fromkeys(x["skill_id"] for x in inside)),
                    "sections": sorted({x["section"] for x in inside})})
    return out


def shared_with(n: int, company: str) -> str:
    """ "shared with 3 other postings of Acme"."""
    return f"shared with {n} other posting{'s' if n != 1 else ''} of {company}"


READ_AS = {"company": "read as the company's text, not asked",
           "asked": "under this posting's own requirements, so asked",
           "own": "read as this posting's own text, extracted before the others shared it: the next `jobfit match` "
                  "re-reads it"}


def _shared_lines(shared: list[dict], company: str) -> list[str]:
    with_skills = [p for p in shared if p["skills"]]
    lines = [f"\nShared with other postings of {company} ({len(shared)} paragraph{'s' if len(shared) != 1 else ''}):"]
    for p in with_skills:
        lines.append(f"  ~ {', '.join(p['skills'])}: {shared_with(p['shared'], company)}, {READ_AS[p['read_as']]}")
        lines.append(f"      “{_snippet(p['text'])}”")
    rest = [p for p in shared if not p["skills"]]
    if len(rest) == 1:
        lines.append(f"  ~ a paragraph without skills, {shared_with(rest[0]['shared'], company)}: "
                     f"“{_snippet(rest[0]['text'])}”")
    elif rest:
        most = shared_with(max(p["shared"] for p in rest), company).replace("shared with", "shared with up to")
        lines.append(f"  ~ {len(rest)} paragraphs without skills, {most}, e.g. “{_snippet(rest[0]['text'])}”")
    return lines


def _holds(paragraph: dict, matched: dict) -> bool:
    """Whether a matched skill's evidence is in this shared paragraph (by its skill, section and evidence text)."""
    if matched["skill"] not in paragraph["skill_ids"] or matched["section"] not in paragraph["sections"]:
        return False
    evidence, text = " ".join(str(matched.get("evidence") or "").split()), " ".join(paragraph["text"].split())
    return not evidence or evidence in text or text in evidence


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[:SNIPPET - 1].rstrip() + "…"


def explanation_text(match: dict, profile_name: str, shared: list[dict] | None = None) -> str:
    """The explanation of `match` (a decoded match row) for a person to read; `shared` (shared_paragraphs_of)
    adds what the posting shares with its company's other postings."""
    x, sub = match["explanation"], match["subscores"]
    company = match["company"] or "its company"
    shared = shared or []
    facts = " · ".join(str(v) for v in (match["company"], match["location"], match["contract"], match["remote"],
                                        salary_text(match), match["posted_at"]) if v)
    lines = [f"{match['title']}  [{match['id']}]", facts, match["url"] or "",
             f"Score {match['score']:g}/100 for {profile_name}"]
    if sub:
        lines.append("  " + ", ".join(f"{k} {v}" for k, v in sub.items()))
    if x.get("why"):
        lines.append(f"Why: {x['why']}")
    if x.get("evidence") == "title only":
        lines.append("Known by its title only: what it asks is unknown")
    if x.get("title_role"):
        lines.append(f"Title names the role: {x['title_role']}")
    lines.append(f"\nMatched ({len(x.get('matched', []))}):")
    for m in x.get("matched", []):
        kin = f" (related to {m['requirement']})" if m.get("related") else f" for {m['requirement']}"
        in_shared = next((p for p in shared if _holds(p, m)), None)
        also = f", {shared_with(in_shared['shared'], company)}" if in_shared else ""
        lines.append(f"  + {m['name']}{kin}, {m['section']}, credit {m.get('credit', 1):g}{also}")
        if m.get("evidence"):
            lines.append(f"      “{' '.join(str(m['evidence']).split())}”")
    for label, key in (("Missing, required", "missing_required"), ("Missing, nice to have", "missing_other"),
                       ("Asked by the posting, not in the profile", "extra")):
        values = x.get(key) or []
        lines.append(f"\n{label} ({len(values)}): {', '.join(values) if values else '—'}")
    penalties = x.get("penalties") or []
    lines.append(f"\nPenalties ({len(penalties)}):" + ("" if penalties else " —"))
    lines += [f"  × {p['factor']:g}  {p['reason']}" for p in penalties]
    if match.get("spoken_languages"):
        asked = ", ".join(f"{s['language'].capitalize()}" + (f" ({s['level']})" if s.get("level") else "")
                          for s in match["spoken_languages"])
        lines.append(f"\nSpoken languages asked: {asked}")
    if shared:
        lines += _shared_lines(shared, company)
    return terminal_safe("\n".join(line for line in lines if line is not None) + "\n")
