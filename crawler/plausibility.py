"""An item pipeline that blanks the fields of a posting that cannot be true (absurd salaries, impossible dates).

The posting is still stored with everything else; each blanked field is logged with its reason and counted.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta, timezone

from itemadapter import ItemAdapter

from jobfit.crawler.items import UnchangedPage
from jobfit.crawler.pipelines import StatsPipeline

logger = logging.getLogger(__name__)

# The highest plausible pay per period, in any currency jobfit meets (EUR, USD, GBP, CHF); above is a typo or junk.
MAX_PAY = {"year": 5_000_000, "month": 500_000, "week": 100_000, "day": 50_000, "hour": 5_000}
EARLIEST_YEAR = 1990
DATE_FIELDS = ("posted_at", "valid_through")


def parse_date(value) -> date | None:
    """The date of an ISO 8601 date or datetime string; None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def implausible_salary(posting) -> str | None:
    """Why the salary range cannot be true, or None."""
    low, high = posting.get("salary_min"), posting.get("salary_max")
    ceiling = MAX_PAY.get(posting.get("salary_period") or "year", MAX_PAY["year"])
    for value in (low, high):
        if value is not None and not 0 < value <= ceiling:
            return f"salary {value:g} outside (0, {ceiling:g}] per {posting.get('salary_period') or 'year'}"
    if low is not None and high is not None and low > high:
        return f"salary minimum {low:g} above maximum {high:g}"
    return None


def implausible_date(field: str, value, today: date) -> str | None:
    """Why a date field cannot be true, or None."""
    parsed = parse_date(value)
    if parsed is None:
        return f"{field} {value!r} is not an ISO date"
    latest = today + timedelta(days=31) if field == "posted_at" else today.replace(year=today.year + 5)
    if not date(EARLIEST_YEAR, 1, 1) <= parsed <= latest:
        return f"{field} {value} outside {EARLIEST_YEAR}-01-01..{latest}"
    return None


class PlausibilityPipeline(StatsPipeline):
    """Blank salaries and dates that cannot be true, with a logged reason and a stat per field."""

    def process_item(self, item, spider=None):
        if isinstance(item, UnchangedPage):
            return item
        posting = ItemAdapter(item)
        today = datetime.now(timezone.utc).date()
        if reason := implausible_salary(posting):
            posting["salary_min"] = posting["salary_max"] = None
            self._note(posting, "salary", reason)
        for field in DATE_FIELDS:
            if posting.get(field) and (reason := implausible_date(field, posting[field], today)):
                posting[field] = None
                self._note(posting, field, reason)
        return item

    def _note(self, posting, field: str, reason: str) -> None:
        self.stats.inc_value(f"jobfit/implausible/{field}")
        logger.warning("blanked %s of %s: %s", field, posting.get("url") or posting.get("external_id"), reason)
