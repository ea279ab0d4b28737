"""Issue #12, "nothing a real user does breaks it": each numbered item, repeated as a user or hostile input would."""

from __future__ import annotations

from click.testing import CliRunner

from jobfit.cli import cli
from jobfit.config import find_profile
from jobfit.db.postings import upsert_postings
from jobfit.db.queries import save_extractions
from jobfit.flow import Flow


def posting(n: int, **fields) -> dict:
    return {"id": f"t:{n:04d}", "source": "t", "external_id": str(n), "title": "Machine Learning Engineer",
            "description": "Requirements: Python, PyTorch.", "content_hash": f"h{n}", "language": "en", **fields}


def extracted_store(flow: Flow, n: int) -> None:
    """`n` postings stored with a saved extraction (no spaCy needed to score them)."""
    upsert_postings(flow.db, [posting(i) for i in range(n)])
    hits = [{"skill_id": s, "section": "required", "text": s, "start": 0, "end": 1, "negated": 0,
             "sentence": "Requirements"} for s in ("python", "pytorch")]
    rows = list(flow.db.query("select * from postings"))
    save_extractions(flow.db, [(p, "en", p["content_hash"], hits) for p in rows], "test")


def count(flow: Flow, sql: str, *args) -> int:
    return flow.db.execute(sql, args).fetchone()[0]


# 1. Rescoring a database of more than 500 postings: a new profile, --rescore, a killed match finished later.
def test_item1_rescoring_more_than_500_postings_never_locks_the_table(db_path):
    with Flow(db_path) as flow:
        extracted_store(flow, 620)
        expert, data = flow.load_profiles([find_profile("expert_ia"), find_profile("data_engineer")])
        assert flow.score([expert]) == {"expert_ia": 620}
        assert flow.score([data]) == {"data_engineer": 620}  # match --profile NEW
        assert flow.score([expert], rescore=True) == {"expert_ia": 620}  # match --rescore
        # A match killed mid-scoring left 300 matches; the next one scores the other 320.
        flow.db.execute("delete from matches where profile = 'data_engineer' and posting_id > 't:0299'")
        flow.db.conn.commit()
        assert flow.score([data]) == {"data_engineer": 320}
        assert count(flow, "select count(*) from matches") == 1240
    result = CliRunner().invoke(cli, ["match", "--db", str(db_path), "--rescore", "-p", "pentester"])
    assert result.exit_code == 0, result.output
    assert "pentester: scored 620 postings" in result.output


# 2. One poison posting: a description over spaCy's 1,000,000 characters, a salary "lots".
def test_item2_a_poison_posting_is_skipped_with_its_id_and_the_others_are_scored(db_path):
    from jobfit.db.queries import skipped_postings

    with Flow(db_path) as flow:
        upsert_postings(flow.db, [posting(1), posting(2, description="Python " * 150_000),
                                  posting(3, salary_max="lots", salary_min="lots"), posting(4)])
        outcome = flow.match(flow.load_profiles([find_profile("expert_ia")]))
        assert outcome.extracted == 3
        assert outcome.scored == {"expert_ia": 2}
        skipped = {(s["posting_id"], s["stage"]): s["reason"] for s in outcome.skipped}
        assert set(skipped) == {("t:0002", "extract"), ("t:0003", "score:expert_ia")}
        assert "E088" in skipped["t:0002", "extract"]
        assert "lots" in skipped["t:0003", "score:expert_ia"]
        assert {s["posting_id"] for s in skipped_postings(flow.db)} == {"t:0002", "t:0003"}
        # Mended, the posting is scored and its skip forgotten.
        flow.db.execute("update postings set salary_min = null, salary_max = null, content_hash = 'fixed' "
                        "where id = 't:0003'")
        flow.db.conn.commit()
        again = flow.match(flow.load_profiles([find_profile("expert_ia")]))
        assert again.scored == {"expert_ia": 1}
        assert {s["posting_id"] for s in skipped_postings(flow.db)} == {"t:0002"}
    status = CliRunner().invoke(cli, ["status", "--db", str(db_path)])
    assert "t:0002" in status.output and "E088" in status.output


# 4. Escape sequences in titles: ESC[2J, OSC 0 (window title), OSC 8 (hyperlink), OSC 52 (clipboard), 8-bit CSI.
HOSTILE = ("\x1b[2JClear \x1b]0;pwned\x07Title \x1b]8;;http://evil.example/\x1b\\Link\x1b]8;;\x1b\\ "
           "\x1b]52;c;cm0gLXJmIH4=\x07Clip \x9b31m\rOver \u202eevil")


def test_item4_terminal_safe_makes_every_escape_sequence_inert():
    from jobfit.report.inert import terminal_safe

    safe = terminal_safe(HOSTILE)
    assert not any(c in safe for c in "\x1b\x07\x9b\r\u202e")
    assert "␛[2JClear" in safe and "Title" in safe and "Clip" in safe  # the text stays readable
    assert terminal_safe("ligne 1\n\tligne 2 — é") == "ligne 1\n\tligne 2 — é"


def scored_hostile(db_path):
    with Flow(db_path) as flow:
        extracted_store(flow, 1)
        flow.db.execute("update postings set title = ?, company = ?", [HOSTILE, HOSTILE])
        flow.db.conn.commit()
        flow.score(flow.load_profiles([find_profile("expert_ia")]))


def test_item4_no_escape_sequence_from_a_posting_reaches_any_report_output(db_path):
    scored_hostile(db_path)
    runner = CliRunner()
    for args in (["report"], ["report", "--format", "md"], ["report", "--format", "csv"],
                 ["report", "--format", "json"], ["report", "--format", "html"], ["report", "--explain", "t:0000"]):
        result = runner.invoke(cli, [*args, "--db", str(db_path)])
        assert result.exit_code == 0, (args, result.output)
        assert "Clear" in result.output, args
        assert not any(c in result.output for c in "\x1b\x07\x9b\r\u202e"), args
    import json

    rows = json.loads(runner.invoke(cli, ["report", "--format", "json", "--db", str(db_path)]).output)
    assert rows[0]["title"] == HOSTILE  # JSON keeps the data, escaped


# 3. A skipped source (France Travail without credentials) is no failure for `run` and `status`.
def test_item3_run_with_a_skipped_source_exits_0_and_status_says_skipped(tmp_path, monkeypatch):
    from tests.faultserver import FaultServer
    from tests.jobfit_run import jobfit, jobfit_run, serve_site, write_sources

    monkeypatch.delenv("FRANCE_TRAVAIL_CLIENT_ID", raising=False)
    monkeypatch.delenv("FRANCE_TRAVAIL_CLIENT_SECRET", raising=False)
    with FaultServer() as server:
        serve_site(server, 2)
        sources = write_sources(tmp_path / "sources.toml", {
            "site": ("jsonld", {"url": server.base_url + "/sitemap.xml"}),
            "ft": ("francetravail", {"keywords": "python"}),
        })
        db = tmp_path / "jobs.db"
        result = jobfit_run(db, sources, "--profile", "expert_ia")
    assert result.returncode == 0, result.stderr
    assert "1/2 sources ok (skipped: francetravail:ft)" in result.stderr
    status = jobfit("status", "--db", str(db), "--sources", str(sources))
    assert "francetravail:ft: skipped" in status.stdout and "failing" not in status.stdout


def files_bytes(db_path) -> dict:
    """The database file and its write-ahead log (SQLite's -shm index is made by readers too)."""
    wal = db_path.with_name(db_path.name + "-wal")
    return {"db": db_path.read_bytes(), "wal": wal.read_bytes() if wal.exists() else b""}


# 9. `report` only reads: recording what it showed is asked for (--mark-seen, or --new itself).
def test_item9_report_never_writes_the_database_unless_asked(db_path):
    scored_hostile(db_path)
    runner = CliRunner()
    before = files_bytes(db_path)
    for args in (["report"], ["report", "--format", "json"], ["report", "--format", "md"], ["stats"], ["status"]):
        assert runner.invoke(cli, [*args, "--db", str(db_path)]).exit_code == 0, args
    assert files_bytes(db_path) == before  # not a byte written, not even the WAL
    # Trying formats does not use up --new; --new and --mark-seen record what they showed.
    new = runner.invoke(cli, ["report", "--new", "--format", "json", "--db", str(db_path)])
    assert len(__import__("json").loads(new.output)) == 1
    again = runner.invoke(cli, ["report", "--new", "--format", "json", "--db", str(db_path)])
    assert again.output.strip() == "[]"


def test_item9_report_reads_a_database_it_cannot_write(db_path, monkeypatch):
    import sqlite3

    scored_hostile(db_path)
    real_connect = sqlite3.connect

    def read_only_connect(target, *args, **kwargs):
        # The database file is read-only for this process: only read-only URIs may open it.
        assert str(target).startswith("file:") and "mode=ro" in str(target), target
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only_connect)
    result = CliRunner().invoke(cli, ["report", "--format", "json", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "Clear" in result.output


# 8. Every message about a database names it; the demo says how to read its database next.
def test_item8_messages_name_the_database(tmp_path):
    runner = CliRunner()
    missing = tmp_path / "nothing-here.db"
    result = runner.invoke(cli, ["report", "--db", str(missing)])
    assert result.exit_code == 1 and str(missing) in result.output and "no database" in result.output
    assert not missing.exists()
    empty = tmp_path / "empty.db"
    runner.invoke(cli, ["match", "--db", str(empty), "-p", "expert_ia"])
    result = runner.invoke(cli, ["report", "--db", str(empty)])
    assert result.exit_code == 0 and f"No scored postings for Expert en IA in {empty}" in result.output
    assert "demo.db" in result.output
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 100)
    result = runner.invoke(cli, ["status", "--db", str(broken)])
    assert result.exit_code == 1 and str(broken) in result.output


def test_item8_demo_prints_how_to_read_its_database(monkeypatch):
    import jobfit.demo.walkthrough
    from jobfit.config import Config

    monkeypatch.setattr(jobfit.demo.walkthrough, "run_demo",
                        lambda db_path, top, keep_site: ([], type("P", (), {"name": "Expert en IA"}), []))
    result = CliRunner().invoke(cli, ["demo", "--format", "json"])
    demo_db = Config.resolve(None).db_path.with_name("demo.db")
    assert f"next: jobfit report --db {demo_db}" in result.output


# 12. The smaller ones.
def test_item12_top_must_be_positive(db_path):
    scored_hostile(db_path)
    for command in ("report", "stats"):
        result = CliRunner().invoke(cli, [command, "--top", "-5", "--db", str(db_path)])
        assert result.exit_code == 2 and "-5" in result.output


def test_item12_contract_and_remote_accept_french_words(db_path):
    scored_hostile(db_path)
    with Flow(db_path) as flow:
        flow.db.execute("update postings set contract = 'full_time', remote = 'hybrid'")
        flow.db.conn.commit()
    runner = CliRunner()
    cdi = runner.invoke(cli, ["report", "--contract", "CDI", "--remote", "Télétravail partiel", "--format", "json",
                              "--db", str(db_path)])
    assert cdi.exit_code == 0, cdi.output
    assert len(__import__("json").loads(cdi.output)) == 1
    stage = runner.invoke(cli, ["report", "--contract", "stage", "--format", "json", "--db", str(db_path)])
    assert stage.output.strip() == "[]"
    wrong = runner.invoke(cli, ["report", "--contract", "forever", "--db", str(db_path)])
    assert wrong.exit_code == 2 and "full_time" in wrong.output


def test_item12_db_in_a_missing_folder_is_an_error_not_a_new_database(tmp_path):
    target = tmp_path / "no-such-folder" / "jobs.db"
    for args in (["match", "-p", "expert_ia"], ["report"], ["status"]):
        result = CliRunner().invoke(cli, [*args, "--db", str(target)])
        assert result.exit_code == 1 and str(target.parent) in result.output, args
    assert not target.parent.exists()


def test_item12_stats_html_shows_the_market_without_no_postings_yet(db_path):
    scored_hostile(db_path)
    result = CliRunner().invoke(cli, ["stats", "--format", "html", "--db", str(db_path)])
    assert "Market view for Expert en IA" in result.output and "No scored postings" not in result.output


def test_item12_terminal_table_shows_each_posting_id_for_explain(db_path):
    scored_hostile(db_path)
    result = CliRunner().invoke(cli, ["report", "--db", str(db_path)], terminal_width=200)
    assert "--explain t:0000" in result.output


# 5. `jobfit import` keeps every good row: a cp1252 CSV from Excel, a cell over 128 KB, a non-string description.
def test_item5_import_keeps_the_good_rows_of_a_cp1252_csv_with_a_huge_cell(tmp_path, db_path):
    from jobfit.db import open_db
    from jobfit.importers import import_file

    rows = ["site,job_url,title,company,description",
            "indeed,https://x.example/1,Ingénieur données,Acme,Très bien payé",
            "indeed,https://x.example/2,Data Scientist,Beta,ok",
            'indeed,https://x.example/3,Big Data Engineer,Gamma,"' + "Python, Spark. " * 15_000 + '"',
            "indeed,https://x.example/4,ML Engineer,Delta,fine"]
    path = tmp_path / "excel.csv"
    path.write_bytes("\r\n".join(rows).encode("cp1252"))
    result = import_file(path, db_path)
    assert result.stored == 4 and result.errors == []
    assert result.notes and "cp1252" in result.notes[0] and "line 2" in result.notes[0]
    titles = {r["title"] for r in open_db(db_path).query("select title from postings")}
    assert "Ingénieur données" in titles and "Big Data Engineer" in titles


def test_item5_a_row_of_the_wrong_types_is_skipped_with_file_and_line(tmp_path, db_path):
    import json

    from jobfit.importers import import_file

    path = tmp_path / "mixed.jsonl"
    lines = [{"source": "t", "external_id": "1", "title": "A", "description": {"html": "<p>x</p>"}, "url": "https://x/1"},
             {"source": "t", "external_id": 2, "title": "B", "description": "fine", "url": "https://x/2"},
             {"source": "t", "external_id": "3", "title": "C", "url": "https://x/3", "salary_min": "lots"},
             {"source": "t", "external_id": "4", "title": "D", "description": "fine", "url": "https://x/4"}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = import_file(path, db_path)
    assert result.stored == 2
    assert [e.split(": ", 1)[0] for e in result.errors] == [f"{path}:1", f"{path}:3"]
    assert "description must be text" in result.errors[0] and "lots" in result.errors[1]


# 12. Decomposed accents (NFD) are composed where text comes in.
def test_item12_nfd_text_is_stored_composed(tmp_path, db_path):
    import json
    import unicodedata

    from jobfit.db import open_db
    from jobfit.importers import import_file

    text = unicodedata.normalize("NFD", "Profil recherché : maîtrise de Python et des modèles")
    path = tmp_path / "nfd.jsonl"
    path.write_text(json.dumps({"source": "t", "external_id": "1", "title": unicodedata.normalize("NFD", "Ingénieur"),
                                "description": text, "url": "https://x/1"}) + "\n", encoding="utf-8")
    assert import_file(path, db_path).stored == 1
    [row] = open_db(db_path).query("select title, description from postings")
    assert row["title"] == "Ingénieur" and row["description"] == unicodedata.normalize("NFC", text)


def test_item12_short_french_text_is_french():
    from jobfit.matcher.language import detect_language

    assert detect_language("Profil recherché : Python, PyTorch, statistiques.") == "fr"  # the README's example
    assert detect_language("Compétences : Python") == "fr"
    assert detect_language("Requirements: Python, PyTorch.") == "en"
    assert detect_language("Python, PyTorch") == "en"  # nothing to tell: the default


def test_item12_extract_finds_the_same_in_nfd_text_with_offsets_in_the_given_text():
    import json
    import unicodedata

    nfc = "Profil recherché : maîtrise de Python et modélisation statistique.\nAvantages : Java"
    nfd = unicodedata.normalize("NFD", nfc)
    lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate((nfc, nfd)))
    result = CliRunner().invoke(cli, ["extract"], input=lines)
    composed, decomposed = (json.loads(x) for x in result.output.splitlines())
    assert decomposed["lang"] == composed["lang"] == "fr"
    assert [(s["id"], s["section"]) for s in decomposed["skills"]] == [(s["id"], s["section"])
                                                                     for s in composed["skills"]]
    assert ("statistics", "required") in [(s["id"], s["section"]) for s in decomposed["skills"]]
    for skill in decomposed["skills"]:
        assert nfd[skill["start"]:skill["end"]] == skill["text"]


def test_composed_maps_offsets_back_to_the_decomposed_text():
    import unicodedata

    from jobfit.db.fold import composed

    text = unicodedata.normalize("NFD", "modélisation à Noël")
    nfc, origin = composed(text)
    assert nfc == "modélisation à Noël" and len(origin) == len(nfc) + 1
    start = nfc.index("Noël")
    assert text[origin[start]:origin[start + 4]] == unicodedata.normalize("NFD", "Noël")


# 7. The profile is the TOML it shows: keys after [[skills]], misspelt keys and nan are errors, with the line.
def profile_error(tmp_path, text: str) -> str:
    import pytest

    from jobfit.matcher.profile import ProfileError, load_profile

    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    return str(info.value)


SKILL = '[[skills]]\nid = "python"\ntier = "required"\n'


def test_item7_titles_after_skills_is_an_error_naming_the_line(tmp_path):
    message = profile_error(tmp_path, f'id = "me"\n{SKILL}\ntitles = ["data scientist"]\n')
    assert "line 6" in message and "after [[skills]]" in message and "move it above" in message


def test_item7_misspelt_keys_are_errors_with_a_suggestion(tmp_path):
    assert "did you mean 'titles'" in profile_error(tmp_path, f'tittles = ["ml"]\n{SKILL}')
    assert "did you mean 'weight'" in profile_error(tmp_path, f'{SKILL}wieght = 3\n')
    assert "did you mean 'min_salary'" in profile_error(tmp_path, f'{SKILL}[filters]\nmin_salry = 3\n')


def test_item7_nan_and_inf_are_not_weights(tmp_path):
    for value in ("nan", "inf", "-inf"):
        assert "weight must be a positive number" in profile_error(tmp_path, f"{SKILL}weight = {value}\n")
    assert "positive number" in profile_error(tmp_path, f"{SKILL}[filters]\nmin_salary = nan\n")


def test_item7_exclude_companies_is_a_known_filter(tmp_path):
    from jobfit.matcher.profile import load_profile

    path = tmp_path / "p.toml"
    path.write_text(f'{SKILL}[filters]\nexclude_companies = ["Acme"]\n', encoding="utf-8")
    assert load_profile(path).filters["exclude_companies"] == ["Acme"]


# 10. `jobfit schedule` carries the environment that chooses profiles, sources and contact.
def test_item10_schedule_carries_profiles_sources_and_contact(tmp_path, monkeypatch):
    import subprocess

    (tmp_path / "profiles").mkdir()
    (tmp_path / "sources.toml").write_text("")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JOBFIT_PROFILES", "profiles")
    monkeypatch.setenv("JOBFIT_SOURCES", "sources.toml")
    monkeypatch.setenv("JOBFIT_CONTACT", "Ana 100% <ana@example.org>")
    result = CliRunner().invoke(cli, ["schedule", "--db", str(tmp_path / "jobs.db")])
    assert result.exit_code == 0, result.output
    cron = [line for line in result.output.splitlines() if line and not line.startswith("#")][0]
    # What cron hands to sh (minute hour day month weekday, then the command; \% is a literal %), with the jobfit
    # command replaced by `env`, shows the environment the scheduled run gets.
    command = cron.split(" ", 5)[5].replace("\\%", "%")
    from jobfit.timers import jobfit_command

    shell = command[:command.index(jobfit_command()[0])] + "env"
    env = subprocess.run(["env", "-i", "sh", "-c", shell], capture_output=True, text=True).stdout.splitlines()
    assert f"JOBFIT_PROFILES={tmp_path / 'profiles'}" in env
    assert f"JOBFIT_SOURCES={tmp_path / 'sources.toml'}" in env
    assert "JOBFIT_CONTACT=Ana 100% <ana@example.org>" in env
    assert f'Environment="JOBFIT_PROFILES={tmp_path / "profiles"}"' in result.output
    assert 'Environment="JOBFIT_CONTACT=Ana 100%% <ana@example.org>"' in result.output


# 6. `jobfit add URL` adds one page; a page from the web never leads to a local file or an internal address.
def test_item6_refused_targets():
    from jobfit.crawler.middlewares import refused_target

    web = "https://careers.example.com/sitemap.xml"
    assert "may not lead to a file URL" in refused_target(web, "file:///etc/passwd")
    assert refused_target(web, "http://169.254.169.254/latest/meta-data/")
    assert refused_target(web, "http://127.0.0.1:8080/admin")
    assert refused_target(web, "http://[::1]/")
    assert refused_target(web, "http://10.0.0.7/jobs/1")
    assert refused_target(web, "http://metadata.google.internal/computeMetadata/v1/")
    assert refused_target(web, "http://localhost/jobs/1")
    assert refused_target(web, "https://careers.example.com/jobs/1") is None
    assert refused_target(web, "https://jobs.other.example/1") is None
    # A site on this machine may link to itself; a local sitemap may list local files; start URLs are the user's.
    assert refused_target("http://127.0.0.1:8000/sitemap.xml", "http://127.0.0.1:8000/jobs/1") is None
    assert refused_target("file:///tmp/site/sitemap.xml", "file:///tmp/site/jobs/1.html") is None


def test_item6_the_guard_drops_what_a_web_page_or_its_redirect_leads_to():
    import pytest
    from scrapy import Request
    from scrapy.exceptions import IgnoreRequest

    from jobfit.crawler.middlewares import LocalAddressGuard

    guard = LocalAddressGuard()
    assert guard.process_request(Request("http://169.254.169.254/")) is None  # a start URL the user gave
    with pytest.raises(IgnoreRequest):
        guard.process_request(Request("http://169.254.169.254/", meta={"jobfit_from": "https://a.example/s.xml"}))
    with pytest.raises(IgnoreRequest):
        guard.process_request(Request("http://169.254.169.254/",
                                      meta={"redirect_urls": ["https://a.example/jobs/1"]}))


def test_item6_add_robots_txt_fetches_that_one_page_only(db_path):
    from tests.faultserver import FaultServer, Reply, job_posting, page, sitemap
    from tests.jobfit_run import jobfit

    with FaultServer() as server:
        server.routes["/robots.txt"] = Reply(body=f"User-agent: *\nAllow: /\nSitemap: {server.base_url}/sitemap.xml\n"
                                             .encode(), headers={"Content-Type": "text/plain"})
        server.routes["/sitemap.xml"] = sitemap(server.base_url, ["/jobs/1.html"])
        server.routes["/jobs/1.html"] = page(job_posting(1))
        result = jobfit("add", server.base_url + "/robots.txt", "--local", "--db", str(db_path))
        hits = dict(server.hits)
    assert result.returncode == 2 and "no JobPosting stored" in result.stderr
    assert set(hits) == {"/robots.txt"}, hits


def test_item6_a_web_sitemap_listing_a_local_file_never_reads_it(tmp_path, db_path):
    import sqlite3

    from tests.faultserver import FaultServer, Reply, job_posting, page, sitemap
    from tests.jobfit_run import jobfit

    secret = tmp_path / "secret.html"
    secret.write_bytes(page(job_posting("secret", title="Local file read")).body)
    with FaultServer() as server:
        body = sitemap(server.base_url, ["/jobs/1.html"]).body.replace(
            b"</urlset>", f"<url><loc>{secret.as_uri()}</loc></url></urlset>".encode())
        server.routes["/sitemap.xml"] = Reply(body=body, headers={"Content-Type": "application/xml"})
        server.routes["/jobs/1.html"] = page(job_posting(1))
        result = jobfit("crawl", "jsonld", "--url", server.base_url + "/sitemap.xml", "--local", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db_path) as conn:
        titles = [r[0] for r in conn.execute("select title from postings")]
    assert titles == ["Ingénieur Machine Learning"]


# 11. Long steps say how far they are: a bar on a terminal, a line a minute in logs and under cron.
def test_item11_line_progress_prints_one_line_a_minute(monkeypatch):
    import io

    import jobfit.progress
    from jobfit.progress import LineProgress

    clock = [1000.0]
    monkeypatch.setattr(jobfit.progress.time, "monotonic", lambda: clock[0])
    out = io.StringIO()
    progress = LineProgress(out)
    with progress.step("extracting skills", 300) as step:
        for _ in range(300):
            clock[0] += 1  # a posting a second: five minutes
            step.advance()
    lines = out.getvalue().splitlines()
    assert len(lines) == 6 and lines[0].startswith("extracting skills: 60/300 (1.0/s, 60 s)")
    assert lines[-1] == "extracting skills: 300/300 (1.0/s, 300 s) done"
    quiet = io.StringIO()
    with LineProgress(quiet).step("quick") as step:
        step.advance(5)
    assert quiet.getvalue() == ""


def test_item11_a_terminal_gets_bars_and_a_log_gets_lines(db_path):
    import io

    from jobfit.progress import BarProgress, LineProgress, for_terminal

    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert isinstance(for_terminal(Tty()), BarProgress)
    assert isinstance(for_terminal(io.StringIO()), LineProgress)
    out = io.StringIO()
    with Flow(db_path, progress=LineProgress(out, every=0)) as flow:
        extracted_store(flow, 3)
        flow.score(flow.load_profiles([find_profile("expert_ia")]))
    assert "scoring for expert_ia: 3" in out.getvalue()
    with BarProgress().step("scoring", 3) as step:  # the bar runs through a whole step
        step.advance(3)


def test_item2_the_run_summary_counts_skipped_postings_and_names_the_database(tmp_path):
    from jobfit.scheduled import RunOutcome

    outcome = RunOutcome(tmp_path / "run.log", crawl_runs=[{"source": "a", "status": "ok", "items": 1}],
                         skipped=[{"posting_id": "t:1", "stage": "extract", "reason": "ValueError: E088"}],
                         db_path=tmp_path / "jobs.db")
    summary = outcome.summary()
    assert "1 postings skipped (see jobfit status)" in summary and f"database: {tmp_path / 'jobs.db'}" in summary
    assert outcome.exit_code == 0  # the others were done: no failure


def test_item12_profile_filters_read_french_contract_and_remote_words(tmp_path):
    from jobfit.matcher.profile import load_profile

    path = tmp_path / "p.toml"
    path.write_text(f'{SKILL}[filters]\ncontracts = ["CDI", "freelance"]\nremote = ["Télétravail partiel"]\n',
                    encoding="utf-8")
    filters = load_profile(path).filters
    assert filters["contracts"] == ["full_time", "freelance"] and filters["remote"] == ["hybrid"]
    assert "unknown value 'forever'" in profile_error(tmp_path, f'{SKILL}[filters]\ncontracts = ["forever"]\n')


def test_item12_crawl_into_a_missing_folder_fails_before_crawling(tmp_path):
    from tests.jobfit_run import jobfit

    target = tmp_path / "missing" / "jobs.db"
    result = jobfit("crawl", "greenhouse", "--url", "file:///nonexistent.json", "--db", str(target), timeout=120)
    assert result.returncode == 1 and str(target.parent) in result.stderr and not target.parent.exists()
