"""Crawl every source's fixture into one SQLite file and print, per source, the postings stored and fields filled.

Run: .venv/bin/python benchmarks/fixture_counts.py [--db PATH]
Real captures are read from ../shared/data/fixtures (skipped when absent); the rest are the synthetic fixtures in
tests/data. The baseline column is the m001 schema's fields only, measured in the same run, to show what the
new spiders and normalisers add.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fixture_sources import fixture_jobs  # noqa: E402

FIELDS = ("title company location city postal_code country remote contract salary_min salary_max salary_currency "
          "salary_period salary_annual_min salary_annual_max seniority experience_years education source_skills "
          "rome_code posted_at url apply_url description").split()
M001_FIELDS = FIELDS[:12] + ["posted_at", "url", "apply_url", "description"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="SQLite file to crawl into (default: a temporary file)")
    args = parser.parse_args()
    db_path = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="jobfit-fixtures-")) / "fixtures.db"

    from jobfit.db import open_db
    from jobfit.flow import Flow, settings_module

    jobs = [(spider, {**args, "label": spider}) for spider, args in fixture_jobs()]
    started = time.perf_counter()
    with Flow(db_path, settings_module(local=True), "ERROR") as flow:
        runs = flow.crawl(jobs)
    elapsed = time.perf_counter() - started
    db = open_db(db_path)
    print(f"{'crawl run (source:spider)':<38}{'status':<8}{'pages':>6}{'stored':>7}")
    for run in runs:
        print(f"{run['source']:<38}{run['status']:<8}{run.get('pages') or 0:>6}{run.get('items') or 0:>7}")
    print(f"\n{'source':<18}{'stored':>7}  filled fields (of {len(FIELDS)})")
    for (source,) in db.execute("select distinct source from postings order by source").fetchall():
        n = db.execute("select count(*) from postings where source = ?", [source]).fetchone()[0]
        filled = [f for f in FIELDS if db.execute(
            f"select count(*) from postings where source = ? and {f} is not null and {f} != '' and {f} != '[]'",
            [source]).fetchone()[0]]
        print(f"{source:<18}{n:>7}  {len(filled):>2}: {' '.join(filled)}")
    key = ("city remote contract salary_annual_min seniority experience_years education posted_at apply_url "
           "source_skills rome_code").split()
    print(f"\npostings with each field, per source\n{'source':<18}{'n':>4} " + " ".join(f[:9].rjust(9) for f in key))
    for (source,) in db.execute("select distinct source from postings order by source").fetchall():
        counts = [db.execute(f"select count(*) from postings where source = ? and {f} is not null and {f} != '' "
                             f"and {f} != '[]'", [source]).fetchone()[0] for f in ["1"] + key]
        print(f"{source:<18}{counts[0]:>4} " + " ".join(str(c).rjust(9) for c in counts[1:]))
    total = db.execute("select count(*) from postings").fetchone()[0]
    groups = db.execute("select count(*) from canonical_postings").fetchone()[0]
    multi = db.execute("select count(*) from canonical_postings where n_postings > 1").fetchone()[0]
    cells = sum(db.execute(f"select count(*) from postings where {f} is not null and {f} != '' and {f} != '[]'")
                .fetchone()[0] for f in FIELDS)
    base = sum(db.execute(f"select count(*) from postings where {f} is not null and {f} != ''").fetchone()[0]
               for f in M001_FIELDS)
    print(f"\n{total} postings from {len(jobs)} crawl jobs in {elapsed:.1f} s; {groups} canonical postings "
          f"({multi} groups of duplicates across sources)")
    print(f"filled cells: {cells} over {len(FIELDS)} fields; m001-schema baseline {base}; ratio {cells / base:.2f}")


if __name__ == "__main__":
    main()
