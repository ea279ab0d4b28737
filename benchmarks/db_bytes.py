"""Where a jobfit database's bytes go: each table and index in bytes per posting (SQLite's dbstat), largest first.

    python benchmarks/db_bytes.py DB [--input JSONL] [--top 25]

With --input, each figure is also shown as a share of the input JSON Lines' bytes per posting (issue 13's "the
database after match at most 2x the input"). Reads the database read-only; run it after `benchmarks/scale.py --keep
DIR` on DIR/jobfit-N.db. Needs an SQLite built with the dbstat table (Debian's and python.org's are).
"""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path


def table_bytes(db: Path) -> tuple[int, list[tuple[str, str, int, int]]]:
    """(postings stored, [(name, owning table, bytes, unused bytes)]) of every table and index, largest first."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        n = conn.execute("select count(*) from postings").fetchone()[0]
        owners = dict(conn.execute("select name, tbl_name from sqlite_schema where name is not null"))
        rows = conn.execute("select name, sum(pgsize), sum(unused) from dbstat group by name "
                            "order by sum(pgsize) desc").fetchall()
    finally:
        conn.close()
    return n, [(name, owners.get(name, name), size, unused) for name, size, unused in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--input", type=Path, help="The JSON Lines the database was imported from.")
    parser.add_argument("--top", type=int, default=25, help="How many tables and indexes to list.")
    args = parser.parse_args()
    n, rows = table_bytes(args.db)
    per_input = args.input.stat().st_size / n if args.input and n else None
    total = sum(size for _, _, size, _ in rows)
    print(f"{args.db}: {n:,} postings, {total / 1e6:,.1f} MB in pages, {total / max(n, 1):,.0f} B/posting"
          + (f", {total / max(n, 1) / per_input:.2f}x the input's {per_input:,.0f} B/posting" if per_input else ""))
    by_table: dict[str, int] = {}
    for _, owner, size, _ in rows:
        by_table[owner] = by_table.get(owner, 0) + size
    print(f"\n{'table (with its indexes)':<34}{'B/posting':>10}{'share':>8}")
    for owner, size in sorted(by_table.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"{owner:<34}{size / max(n, 1):>10,.0f}{size / total:>8.1%}")
    print(f"\n{'table or index':<76}{'B/posting':>10}{'unused':>8}")
    for name, owner, size, unused in rows[:args.top]:
        label = name if name == owner else f"{owner} · {name}"
        print(f"{label:<76}{size / max(n, 1):>10,.0f}{unused / max(size, 1):>8.0%}")


if __name__ == "__main__":
    main()
