"""Posted dates: ISO and French formats, epoch milliseconds, and relative phrasing ("il y a 3 jours", "2 days ago")."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from jobfit.db.fold import fold

PARIS = ZoneInfo("Europe/Paris")

_UNITS = {
    "minute": 1 / 1440, "min": 1 / 1440, "heure": 1 / 24, "hour": 1 / 24, "h": 1 / 24,
    "jour": 1, "day": 1, "j": 1, "semaine": 7, "week": 7, "mois": 30, "month": 30, "an": 365, "annee": 365,
    "year": 365,
}
_RELATIVE = re.compile(
    r"(?:il y a|depuis|posted|publiee?|mise? en ligne)?\s*(\d+|une?|a|an)\+?\s*"
    r"(minutes?|min|heures?|hours?|h|jours?|days?|j|semaines?|weeks?|mois|months?|ans?|annees?|years?)\b"
)
_DAY_WORDS = [(r"\b(aujourd'?hui|today|just posted|a l'instant|just now)\b", 0), (r"\b(avant-hier)\b", 2),
              (r"\b(hier|yesterday)\b", 1)]
_FRENCH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def parse_date(value, now: datetime | None = None, local_tz=PARIS) -> str | None:
    """An ISO 8601 UTC timestamp (or a date for day-level values) from a source's date; None when unreadable.

    `now` anchors relative dates ("hier", "3 days ago"); naive timestamps are read in `local_tz`.
    """
    if value is None or value == "":
        return None
    now = now or datetime.now(timezone.utc)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 10**11 else value  # Lever and others give epoch milliseconds
        return _iso(datetime.fromtimestamp(seconds, timezone.utc))
    text = str(value).strip()
    if re.fullmatch(r"\d{10,13}", text):
        return parse_date(int(text), now, local_tz)
    if m := _FRENCH_DATE.match(text):
        day, month, year, hour, minute, second = m.groups()
        stamp = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
        return _iso(stamp.replace(tzinfo=local_tz)) if hour else stamp.date().isoformat()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return _relative(fold(text, compat=True), now)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return parsed.date().isoformat()
    return _iso(parsed if parsed.tzinfo else parsed.replace(tzinfo=local_tz))


def _relative(text: str, now: datetime) -> str | None:
    for pattern, days in _DAY_WORDS:
        if re.search(pattern, text):
            return (now - timedelta(days=days)).date().isoformat()
    m = _RELATIVE.search(text)
    if not m:
        return None
    amount = 1 if m.group(1) in ("un", "une", "a", "an") else int(m.group(1))
    unit = m.group(2)
    unit = unit if unit in _UNITS else unit.rstrip("s")
    days = amount * _UNITS.get(unit, 1)
    return (now - timedelta(days=days)).date().isoformat()


def _iso(stamp: datetime) -> str:
    return stamp.astimezone(timezone.utc).replace(microsecond=0).isoformat()


def as_date(value: str | None) -> date | None:
    """The calendar day of a value parse_date returned."""
    return date.fromisoformat(value[:10]) if value else None
