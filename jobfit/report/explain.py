"""One posting's whole explanation as plain text: sub-scores, matched skills with evidence, gaps, penalties."""

from __future__ import annotations

from jobfit.report import salary_text
from jobfit.report.inert import terminal_safe


def explanation_text(match: dict, profile_name: str) -> str:
    """The explanation of `match` (a decoded match row) for a person to read."""
    x, sub = match["explanation"], match["subscores"]
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
        lines.append(f"  + {m['name']}{kin}, {m['section']}, credit {m.get('credit', 1):g}")
        if m.get("evidence"):
            lines.append(f"      “{' '.join(str(m['evidence']).split())}”")
    for label, key in (("Missing, required", "missing_required"), ("Missing, nice to have", "missing_other"),
                       ("Asked by the posting, not in the profile", "extra")):
        values = x.get(key) or []
        lines.append(f"\n{label} ({len(values)}): {', '.join(values) if values else '—'}")
    penalties = x.get("penalties") or []
    lines.append(f"\nPenalties ({len(penalties)}):" + ("" if penalties else " —"))
    lines += [f"  × {p['factor']:g}  {p['reason']}" for p in penalties]
    return terminal_safe("\n".join(line for line in lines if line is not None) + "\n")
