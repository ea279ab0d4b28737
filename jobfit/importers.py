"""`jobfit import`: postings from JobSpy CSV/JSON output or jobfit's own JSON Lines, stored as the crawler stores them.

Rows go through the crawler's own normalise, validate and store code (crawler.pipelines, crawler.store).
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jobfit.crawler.items import PostingItem
from jobfit.crawler.pipelines import missing_field, normalize_posting
from jobfit.crawler.store import PostingStore
from jobfit.db import open_db
from jobfit.db.crawl_runs import finish_crawl_run, start_crawl_run
from jobfit.progress import Progress

ITEM_FIELDS = set(PostingItem.fields)
JOBSPY_INTERVALS = {"yearly": "year", "monthly": "month", "weekly": "week", "daily": "day", "hourly": "hour"}


class ImportFileError(ValueError):
    """A file that cannot be read at all (unknown format, not JSON); the message names the file."""


@dataclass
class ImportResult:
    """What an import stored and which rows it skipped (each as "FILE:LINE: reason")."""

    counts: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was read in a way worth saying (cp1252 lines)

    @property
    def stored(self) -> int:
        return sum(self.counts.get(k, 0) for k in ("new", "updated", "unchanged"))


CSV_CELL_LIMIT = 20 * 1024 * 1024  # as the crawler's cap on a page: a long description is no reason to lose a row
TEXT_FIELDS = ("source", "external_id", "title", "company", "location", "city", "postal_code", "country", "remote",
               "contract", "salary_currency", "salary_period", "salary_text", "posted_at", "valid_through", "url",
               "apply_url", "language", "description_html", "description", "seniority", "education", "rome_code",
               "board")
NUMBER_FIELDS = ("salary_min", "salary_max", "salary_annual_min", "salary_annual_max")


def decoded_lines(path: Path, legacy: list[int]) -> Iterator[str]:
    """The file's lines as text: UTF-8, or cp1252 (Excel's CSV) for a line that is not; their numbers go in `legacy`."""
    with path.open("rb") as handle:
        for n, raw in enumerate(handle, start=1):
            if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                legacy.append(n)
                yield raw.decode("cp1252", errors="replace")


def read_rows(path: Path, legacy: list[int] | None = None) -> Iterator[tuple[int, dict | None, str | None]]:
    """(line or item number, row, error) for each record of a .csv, .json or .jsonl file.

    Lines that are not UTF-8 are read as cp1252 and their numbers appended to `legacy`.
    """
    legacy = [] if legacy is None else legacy
    suffix = path.suffix.lower()
    if suffix == ".csv":
        csv.field_size_limit(max(csv.field_size_limit(), CSV_CELL_LIMIT))
        reader = csv.DictReader(decoded_lines(path, legacy))
        while True:
            last = reader.line_num
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:  # one unreadable row (a cell over the limit, a stray NUL): skip it alone
                yield last + 1, None, f"unreadable CSV row ({exc})"
                continue
            yield reader.line_num, row, None
    elif suffix in (".jsonl", ".ndjson"):
        for n, line in enumerate(decoded_lines(path, legacy), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, None, f"not JSON ({exc.msg})"
                continue
            yield (n, row, None) if isinstance(row, dict) else (n, None, "not a JSON object")
    elif suffix == ".json":
        try:
            data = json.loads("".join(decoded_lines(path, legacy)))
        except json.JSONDecodeError as exc:
            raise ImportFileError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
        if isinstance(data, dict) and all(isinstance(v, dict) for v in data.values()):
            # pandas' default DataFrame.to_json layout: {column: {row index: value}}
            index = list(next(iter(data.values()), {}))
            data = [{column: values.get(i) for column, values in data.items()} for i in index]
        if not isinstance(data, list):
            raise ImportFileError(f"{path}: expected a list of postings")
        for n, row in enumerate(data, start=1):
            yield (n, row, None) if isinstance(row, dict) else (n, None, "not a JSON object")
    else:
        raise ImportFileError(f"{path}: unknown format {suffix or '(none)'}; use .csv, .json or .jsonl")


def _blank(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str) and value.strip().lower() in ("", "nan", "none", "null"):
        return None
    return value


def _number(value) -> float | None:
    value = _blank(value)
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"not a number: {value!r}") from None


def jobspy_posting(row: dict) -> dict:
    """A posting from one JobSpy row (site, job_url, title, company, location, min_amount…)."""
    row = {k: _blank(v) for k, v in row.items()}
    if not row.get("job_url"):
        raise ValueError("no job_url")
    remote = str(row.get("is_remote") or "").lower()
    return {
        "source": str(row.get("site") or "jobspy").lower(),
        "external_id": str(row.get("id") or row["job_url"]),
        "title": row.get("title"),
        "company": row.get("company"),
        "location": row.get("location"),
        "posted_at": row.get("date_posted"),
        "contract": row.get("job_type"),
        "remote": "remote" if remote in ("true", "1", "yes") else None,
        "salary_min": _number(row.get("min_amount")),
        "salary_max": _number(row.get("max_amount")),
        "salary_currency": row.get("currency"),
        "salary_period": JOBSPY_INTERVALS.get(str(row.get("interval") or "").lower(), row.get("interval")),
        "seniority": row.get("job_level"),
        "url": row["job_url"],
        "apply_url": row.get("job_url_direct"),
        "description": row.get("description"),
        "raw": {k: row.get(k) for k in ("company_url", "company_industry", "job_function", "listing_type",
                                        "salary_source", "emails") if row.get(k) is not None},
    }


def jobfit_posting(row: dict) -> dict:
    """A posting from one line of jobfit's own JSON Lines (PostingItem fields; unknown keys refused)."""
    unknown = set(row) - ITEM_FIELDS - {"id", "content_hash", "first_seen", "last_seen", "closed_at"}
    if unknown:
        raise ValueError(f"unknown fields {', '.join(sorted(unknown))}")
    return {k: v for k, v in row.items() if k in ITEM_FIELDS}


def to_posting(row: dict) -> dict:
    """The posting a row describes, whichever of the two formats it is in, its fields of the right types."""
    if "job_url" in row or "site" in row:
        return checked_types(jobspy_posting(row))
    if "source" in row and "external_id" in row:
        return checked_types(jobfit_posting(row))
    raise ValueError("neither a JobSpy row (job_url, site…) nor a jobfit posting (source, external_id…)")


def checked_types(posting: dict) -> dict:
    """Text fields as text (a number such as an id is written out), amounts as numbers; anything else is an error."""
    for key in TEXT_FIELDS:
        value = posting.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            posting[key] = str(value)
        elif value is not None and not isinstance(value, str) and not (key == "remote" and isinstance(value, bool)):
            raise ValueError(f"{key} must be text, not {type(value).__name__}")
    for key in NUMBER_FIELDS:
        if key in posting:
            try:
                posting[key] = _number(posting[key])
            except ValueError as exc:
                raise ValueError(f"{key}: {exc}") from None
    return posting


def import_file(path: str | Path, db_path: Path, batch_size: int = 200,
                progress: Progress | None = None) -> ImportResult:
    """Store every good row of `path` in the database; bad rows are skipped and reported with their line."""
    progress = progress or Progress()
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    result = ImportResult()
    db = open_db(db_path)
    run_id = start_crawl_run(db, f"import:{path.name}")
    store = PostingStore(db, batch_size)
    legacy: list[int] = []
    try:
        with progress.step(f"importing {path.name}") as step:
            for line, row, error in read_rows(path, legacy):
                if error is None:
                    try:
                        posting = normalize_posting(to_posting(row))
                        if missing := missing_field(posting):
                            error = f"no {missing}"
                        else:
                            store.add(posting)
                    except Exception as exc:  # noqa: BLE001 — one bad row is reported and skipped, never the file
                        error = str(exc) or type(exc).__name__
                if error:
                    result.errors.append(f"{path}:{line}: {error}")
                step.advance()
            store.flush()
        if legacy:
            result.notes.append(f"{path}: {len(legacy)} lines not UTF-8 (first: line {legacy[0]}), read as cp1252")
    finally:
        result.counts = dict(store.counts)
        finish_crawl_run(db, run_id, status="ok" if result.stored or not result.errors else "failed",
                         items=result.stored, new=store.counts["new"], updated=store.counts["updated"],
                         dropped=len(result.errors), errors=len(result.errors),
                         error_text="; ".join(result.errors[:5]) or None)
        db.close()
    return result
