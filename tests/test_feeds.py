"""`jobfit report --format atom`: a valid Atom feed (read back by feedparser), stable ids, escaped text; and the
profile's [filters] exclude_companies leaving blacklisted companies out of reports and feeds."""

import json

import feedparser
import pytest
from click.testing import CliRunner

from jobfit.cli import cli
from jobfit.db import open_db
from jobfit.db.postings import upsert_postings
from jobfit.db.queries import ReportFilters, latest_matches, names_any, report_matches, save_matches
from jobfit.report import report_rows
from jobfit.report.atom import entry_id, render_atom
from tests.test_report import XSS_TITLE, match, posting


@pytest.fixture
def feed_db(db_path):
    db = open_db(db_path)
    upsert_postings(db, [
        posting(1, title="ML Engineer", company="Nébuleuse"),
        posting(2, title="Data Scientist", company="ACME SAS"),
        posting(3, title=XSS_TITLE + "\x0b", company="Acmeville"),
        posting(4, title="Ingénieure IA", company="Acmé Conseil"),
    ])
    save_matches(db, [match(1, 90), match(2, 80), match(3, 70), match(4, 60)])
    db.close()
    return db_path


def run(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_atom_report_is_a_valid_feed_of_the_matches(feed_db):
    feed = feedparser.parse(run("report", "--db", str(feed_db), "--format", "atom"))
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10" and feed.feed.title == "jobfit — Expert en IA"
    assert [e.title for e in feed.entries][:2] == ["ML Engineer — Nébuleuse (90)", "Data Scientist — ACME SAS (80)"]
    first = feed.entries[0]
    assert first.link == "https://jobs.example/1" and first.id == "urn:jobfit:expert_ia:t:1"
    assert "Score 90/100" in first.summary and "Matched: Python" in first.summary
    assert "Missing: Statistics, Git" in first.summary
    assert first.updated_parsed is not None


def test_atom_entries_keep_their_ids_and_escape_posting_text(feed_db):
    db = open_db(feed_db)
    rows = report_rows(report_matches(db, "expert_ia"))
    once, twice = render_atom(rows, "Expert en IA", "expert_ia"), render_atom(rows, "Expert en IA", "expert_ia")
    assert once == twice  # nothing changed: the same feed, updated times included
    assert "<script>" not in once and "&lt;script&gt;" in once and "\x0b" not in once
    entry = next(e for e in feedparser.parse(once).entries if e.id == entry_id("expert_ia", "t:3"))
    assert entry.title.startswith(XSS_TITLE)  # shown as text, not markup


def test_names_any_matches_whole_words_whatever_the_case_and_accents():
    names = json.dumps(["Acme"])
    assert names_any("ACME SAS", names) and names_any("Acmé Conseil", names)
    assert not names_any("Acmeville", names) and not names_any(None, names)


def test_exclude_companies_leaves_them_out_of_report_and_feed(feed_db, tmp_path):
    profile = tmp_path / "ia.toml"
    profile.write_text('id = "expert_ia"\n[[skills]]\nid = "python"\n[filters]\nexclude_companies = ["acme"]\n',
                       encoding="utf-8")
    rows = json.loads(run("report", "--db", str(feed_db), "--profile", str(profile), "--format", "json"))
    assert [r["company"] for r in rows] == ["Nébuleuse", "Acmeville"]
    feed = feedparser.parse(run("report", "--db", str(feed_db), "--profile", str(profile), "--format", "atom"))
    assert [e.id for e in feed.entries] == ["urn:jobfit:expert_ia:t:1", "urn:jobfit:expert_ia:t:3"]
    db = open_db(feed_db)
    kept = {m["id"] for m in latest_matches(db, "expert_ia", 10, ReportFilters(exclude_companies=("Nébuleuse",)))}
    assert kept == {"t:2", "t:3", "t:4"}


def test_a_profile_with_a_bad_blacklist_is_a_clear_error(tmp_path):
    from jobfit.matcher.profile import ProfileError, load_profile

    path = tmp_path / "p.toml"
    path.write_text('[[skills]]\nid = "python"\n[filters]\nexclude_companies = "Acme"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="exclude_companies must be a list of strings"):
        load_profile(path)


def test_an_empty_report_of_a_blacklisting_profile_says_what_to_run_not_these_filters(tmp_path):
    from click.testing import CliRunner

    from jobfit.cli import cli
    from jobfit.db import open_db

    profile = tmp_path / "p.toml"
    profile.write_text('id = "p"\n[[skills]]\nid = "python"\n[filters]\nexclude_companies = ["acme"]\n',
                       encoding="utf-8")
    db_path = tmp_path / "jobs.db"
    open_db(db_path).close()
    plain = CliRunner().invoke(cli, ["report", "--profile", str(profile), "--db", str(db_path)])
    assert plain.exit_code == 0 and "run `jobfit crawl`" in plain.output and "these filters" not in plain.output
    narrowed = CliRunner().invoke(cli, ["report", "--profile", str(profile), "--db", str(db_path), "--min-score", "50"])
    assert "that pass these filters" in narrowed.output
