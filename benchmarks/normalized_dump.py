"""Normalised fields, dedup key, content hash and MinHash signature of every corpus posting, as JSON Lines: two dumps
(before and after a change to the readers, folds or MinHash) must be identical line for line.

Also html_to_text of each Ashby descriptionHtml and of each posting as the scale crawl's JSON-LD page body.
    python benchmarks/normalized_dump.py OUT.jsonl   # then: cmp before.jsonl after.jsonl
"""
import json
import sys
from datetime import datetime, timezone
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402

from jobfit.crawler.dedup import _bands, dedup_key, minhash  # noqa: E402
from jobfit.crawler.normalize.text import html_to_text  # noqa: E402
from jobfit.crawler.pipelines import normalize_posting  # noqa: E402
from jobfit.crawler.store import content_hash  # noqa: E402
from jobfit.importers import to_posting  # noqa: E402

NOW = datetime(2026, 12, 1, tzinfo=timezone.utc)


def main(out: str) -> None:
    base = scale.base_postings()
    html = {}
    for path in sorted((scale.CORPUS / "ashby").glob("*.json")):
        for job in json.loads(path.read_text(encoding="utf-8")).get("jobs", []):
            html[f"{path.stem}:{job['id']}"] = job.get("descriptionHtml") or ""
    with open(out, "w", encoding="utf-8") as handle:
        for n, row in enumerate(base):
            posting = normalize_posting(to_posting(json.loads(json.dumps(row))), now=NOW)
            signature = minhash(posting.get("description"))
            body = "".join(f"<p>{escape(p)}</p>" for p in (row.get("description") or "").split("\n\n") if p.strip())
            page = normalize_posting({"source": "jsonld", "external_id": f"p{n}", "title": row["title"],
                                      "description_html": body, "company": row.get("company")}, now=NOW)
            record = {"n": n, "posting": posting, "dedup_key": dedup_key(posting),
                      "content_hash": content_hash(posting), "minhash": signature,
                      "bands": _bands(signature) if signature else None,
                      "page": {k: page.get(k) for k in ("description", "remote", "experience_years", "seniority",
                                                        "education", "salary_min", "salary_max")},
                      "ashby_html_text": html_to_text(html[row["external_id"]])
                      if row["source"] == "ashby" else None}
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True, default=str) + "\n")
    print(f"{len(base)} postings dumped to {out}")


if __name__ == "__main__":
    main(sys.argv[1])
