"""Posted dates: ISO, French formats, epoch ms, and relative phrasing with `now` passed in (property tests)."""

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobfit.crawler.normalize.dates import parse_date

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=timezone.utc)


def days_ago(n: int) -> str:
    return (NOW - timedelta(days=n)).date().isoformat()


@given(st.integers(min_value=2, max_value=60), st.sampled_from(
    ["publiée il y a {n} jours", "Il y a {n} jours", "{n} days ago", "Posted {n} Days Ago", "Posted {n}+ Days Ago",
     "mise en ligne il y a {n} jours"]))
def test_relative_days(n, template):
    assert parse_date(template.format(n=n), NOW) == days_ago(n)


@given(st.integers(min_value=1, max_value=8), st.sampled_from(["il y a {n} semaines", "{n} weeks ago"]))
def test_relative_weeks(n, template):
    assert parse_date(template.format(n=n), NOW) == days_ago(7 * n)


@pytest.mark.parametrize("text, n", [("hier", 1), ("Yesterday", 1), ("aujourd'hui", 0), ("Posted Today", 0),
                                     ("avant-hier", 2), ("il y a 5 heures", 0), ("publiée il y a un mois", 30)])
def test_relative_words(text, n):
    assert parse_date(text, NOW) == days_ago(n)


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2035, 1, 1)))
def test_iso_timestamps_round_trip_to_utc(stamp):
    aware = stamp.replace(microsecond=0, tzinfo=timezone.utc)
    assert parse_date(aware.isoformat(), NOW) == aware.isoformat()
    assert parse_date(int(aware.timestamp() * 1000), NOW) == aware.isoformat()


@given(st.dates(min_value=datetime(2000, 1, 1).date(), max_value=datetime(2035, 1, 1).date()))
def test_french_day_month_year(day):
    assert parse_date(day.strftime("%d/%m/%Y"), NOW) == day.isoformat()


def test_naive_local_times_are_paris_time():
    assert parse_date("2024-01-30 23:21:39", NOW) == "2024-01-30T22:21:39+00:00"  # winter: UTC+1
    assert parse_date("2024-07-01 12:00:00", NOW) == "2024-07-01T10:00:00+00:00"  # summer: UTC+2


@given(st.text(alphabet=st.characters(blacklist_categories=["Nd"]), max_size=30))
def test_unreadable_text_is_none_or_a_past_date(text):
    value = parse_date(text, NOW)
    assert value is None or value <= NOW.date().isoformat()
