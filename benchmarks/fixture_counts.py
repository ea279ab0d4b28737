"""Crawl every source's fixture into one SQLite file and print, per source, the postings stored and fields filled.

Run: .venv/bin/python benchmarks/fixture_counts.py [--db PATH] [--ashby-corpus [--save FILE] [--before FILE]]
Real captures are read from ../shared/data/fixtures (skipped when absent); the rest are the synthetic fixtures in
tests/data. The baseline column is the m001 schema's fields only, measured in the same run, to show what the
new spiders and normalisers add.

`--ashby-corpus` crawls instead the 426 real Ashby boards of ../shared/data/corpus/ashby from file:// (one crawl
run) and prints the share of postings with each field filled; `--save` writes those shares as JSON, `--before`
prints a saved run's shares beside them (benchmarks/data/ashby_fields_before.json: the spider before issue 11).
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

ASHBY_CORPUS = ROOT.parents[0] / "shared" / "data" / "corpus" / "ashby"

FIELDS = ("title company location city postal_code country remote contract salary_min salary_max salary_currency "
          "salary_period salary_annual_min salary_annual_max seniority experience_years education source_skills "
          "rome_code posted_at url apply_url description").split()
M001_FIELDS = FIELDS[:12] + ["posted_at", "url", "apply_url", "description"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="SQLite file to crawl into (default: a temporary file)")
    parser.add_argument("--ashby-corpus", action="store_true", help="crawl the 426 real Ashby boards instead")
    parser.add_argument("--save", help="with --ashby-corpus: write the shares filled to this JSON file")
    parser.add_argument("--before", help="with --ashby-corpus: a --save file to print beside this run")
    args = parser.parse_args()
    db_path = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="jobfit-fixtures-")) / "fixtures.db"
    if args.ashby_corpus:
        ashby_corpus(db_path, args.save, args.before)
        return

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


def ashby_corpus(db_path: Path, save: str | None, before: str | None) -> None:
    """Crawl every board of the Ashby corpus from file:// and print the share of postings with each field filled."""
    import json

    from jobfit.db import open_db
    from jobfit.flow import Flow, settings_module

    boards = sorted(ASHBY_CORPUS.glob("*.json"))
    if not boards:
        sys.exit(f"no Ashby corpus at {ASHBY_CORPUS}")
    listed = sum(sum(1 for j in json.loads(b.read_text(encoding="utf-8")).get("jobs", [])
                     if j.get("isListed") is not False) for b in boards)
    started = time.perf_counter()
    with Flow(db_path, settings_module(local=True), "ERROR") as flow:
        runs = flow.crawl([("ashby", {"url": ",".join(b.as_uri() for b in boards), "label": "corpus"})])
    elapsed = time.perf_counter() - started
    db = open_db(db_path)
    fields = FIELDS + [c for c in ("locations",) if c in db["postings"].columns_dict]
    total = db.execute("select count(*) from postings where source = 'ashby'").fetchone()[0]
    shares = {"postings": total, "listed": listed}
    for f in fields:
        n = db.execute(f"select count(*) from postings where source = 'ashby' and {f} is not null and {f} != '' "
                       f"and {f} != '[]'").fetchone()[0]
        shares[f] = round(n / total, 4) if total else 0.0
    remote = dict(db.execute("select coalesce(remote, '-'), count(*) from postings where source = 'ashby' "
                             "group by 1").fetchall())
    shares["remote_values"] = remote
    # A country column holding "United States" is filled but not usable by the report's --country filter.
    shares["country_iso"] = round(db.execute(
        "select count(*) from postings where source = 'ashby' and length(country) = 2 and country = upper(country)"
    ).fetchone()[0] / total, 4) if total else 0.0
    shares["companies"] = db.execute("select count(distinct company) from postings where source = 'ashby'"
                                     ).fetchone()[0]
    old = json.loads(Path(before).read_text(encoding="utf-8")) if before else {}
    run = runs[0] if runs else {}
    print(f"{len(boards)} Ashby boards, {listed} listed jobs; crawl run {run.get('status')}, "
          f"{run.get('pages')} pages, {total} postings stored in {elapsed:.1f} s")
    print(f"\n{'field':<20}{'filled now':>11}" + (f"{'before':>9}{'change':>9}" if old else ""))
    for f in fields + ["country_iso"]:
        line = f"{f:<20}{shares[f]:>10.1%} "
        if old:
            was = old.get(f)
            line += f"{was:>8.1%} {shares[f] - was:>+8.1%}" if was is not None else f"{'-':>8} {'':>8}"
        print(line)
    print(f"\nremote values: {remote}" + (f"; before: {old.get('remote_values')}" if old else ""))
    print(f"distinct companies: {shares['companies']}" + (f"; before: {old.get('companies')}" if old else ""))
    if save:
        Path(save).write_text(json.dumps(shares, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
