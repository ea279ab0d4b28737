"""`jobfit notify`: a mail digest to a local SMTP server, a JSON webhook and a ntfy topic on a local HTTP server;
each match sent once, a failed send reported and sent the next time, settings from a config file."""

import json
from email.header import decode_header, make_header

import pytest
from click.testing import CliRunner

from jobfit.cli import cli
from jobfit.db import open_db
from jobfit.db.postings import upsert_postings
from jobfit.db.queries import save_matches
from jobfit.report import REPORT_FIELDS
from tests.notify_servers import HookServer, SMTPServer, free_port
from tests.test_report import XSS_TITLE, match, posting


@pytest.fixture
def notify_db(db_path):
    db = open_db(db_path)
    upsert_postings(db, [posting(1, title="ML Engineer", company="Nébuleuse"), posting(2, title=XSS_TITLE),
                         posting(3, title="Data Analyst", company="Blacklisted Corp"), posting(4, title="Chef")])
    save_matches(db, [match(1, 90), match(2, 75), match(3, 72), match(4, 20)])
    db.close()
    return db_path


@pytest.fixture
def profile(tmp_path):
    path = tmp_path / "expert_ia.toml"
    path.write_text('id = "expert_ia"\nname = "Expert en IA"\n[[skills]]\nid = "python"\n'
                    '[filters]\nexclude_companies = ["Blacklisted"]\n', encoding="utf-8")
    return path


@pytest.fixture
def hooks():
    with HookServer() as server:
        yield server


def notify(db, profile, *args, code=0):
    result = CliRunner().invoke(cli, ["notify", "--db", str(db), "--profile", str(profile), *args],
                                catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


def test_mail_digest_has_text_and_html_and_goes_once(notify_db, profile):
    with SMTPServer() as smtp:
        out = notify(notify_db, profile, "--min-score", "70", "--smtp", smtp.address, "--to", "me@example.org")
        assert f"email:{smtp.address} to me@example.org: expert_ia: 2 sent" in out
        [message] = smtp.messages
        assert message["To"] == "me@example.org" and message["Subject"] == "jobfit: 2 new matches for Expert en IA"
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert "ML Engineer — Nébuleuse" in text and "Matched: Python" in text and "https://jobs.example/1" in text
        assert '<a href="https://jobs.example/1">' in html
        assert "<script>" not in html and "&lt;script&gt;" in html  # posting text is inert
        assert "Blacklisted" not in text and "Chef" not in text  # blacklisted company; below the threshold
        again = notify(notify_db, profile, "--min-score", "70", "--smtp", smtp.address, "--to", "me@example.org")
        assert "0 sent" in again and len(smtp.messages) == 1


def test_webhook_posts_the_report_json_fields_per_match(notify_db, profile, hooks):
    notify(notify_db, profile, "--min-score", "70", "--webhook", hooks.base_url + "/hook")
    [(path, headers, body)] = hooks.received
    payload = json.loads(body)
    assert path == "/hook" and headers["Content-Type"].startswith("application/json")
    assert payload["profile"] == "expert_ia" and [m["id"] for m in payload["matches"]] == ["t:1", "t:2"]
    assert list(payload["matches"][0]) == list(REPORT_FIELDS)


def test_a_failed_send_is_reported_and_sent_next_time(notify_db, profile, hooks):
    hooks.statuses = [500]
    out = notify(notify_db, profile, "--min-score", "70", "--webhook", hooks.base_url, code=3)
    assert "2 failed (HTTPError: HTTP Error 500" in out and "sent again next time" in out
    assert hooks.received == []
    out = notify(notify_db, profile, "--min-score", "70", "--webhook", hooks.base_url)
    assert "2 sent" in out and len(hooks.received) == 1
    db = open_db(notify_db)
    rows = {r["posting_id"]: r for r in db["notifications"].rows}
    assert rows["t:1"]["status"] == "sent" and rows["t:1"]["attempts"] == 2 and rows["t:1"]["error"] is None


def test_an_unreachable_smtp_server_is_a_failure_kept_for_next_time(notify_db, profile):
    port = free_port()  # nothing listens there
    out = notify(notify_db, profile, "--min-score", "70", "--smtp", f"127.0.0.1:{port}", "--to", "a@b.c", code=3)
    assert "2 failed (ConnectionRefusedError" in out
    with SMTPServer() as smtp:
        smtp.controller.stop()
        smtp.port = port
        smtp.controller = type(smtp.controller)(smtp, hostname="127.0.0.1", port=port)
        smtp.controller.start()
        assert "2 sent" in notify(notify_db, profile, "--min-score", "70", "--smtp", f"127.0.0.1:{port}",
                                  "--to", "a@b.c")
        assert len(smtp.messages) == 1


def test_ntfy_gets_one_message_per_match_with_title_and_link(notify_db, profile, hooks):
    notify(notify_db, profile, "--min-score", "70", "--ntfy", hooks.base_url + "/my-jobs")
    assert [r[0] for r in hooks.received] == ["/my-jobs", "/my-jobs"]
    _, headers, body = hooks.received[0]
    assert str(make_header(decode_header(headers["Title"]))) == "ML Engineer — Nébuleuse (90)"
    assert headers["Click"] == "https://jobs.example/1" and body.decode().startswith("Score 90/100")


def test_settings_from_the_config_file_and_options_winning(notify_db, profile, hooks, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(f'[notify]\nmin_score = 80\nwebhook = "{hooks.base_url}/from-config"\n', encoding="utf-8")
    notify(notify_db, profile, "--config", str(config))
    assert [m["id"] for m in json.loads(hooks.received[0][2])["matches"]] == ["t:1"]
    notify(notify_db, profile, "--config", str(config), "--min-score", "70")
    assert [m["id"] for m in json.loads(hooks.received[1][2])["matches"]] == ["t:2"]  # t:1 went already


@pytest.mark.parametrize("args, message", [
    ((), "no channel"),
    (("--smtp", "localhost:25"), "--smtp needs --to"),
    (("--smtp", "localhost", "--to", "a@b.c"), "expected HOST:PORT"),
    (("--webhook", "ftp://x"), "not an http(s) URL"),
])
def test_bad_settings_are_one_clear_line(notify_db, profile, args, message):
    result = CliRunner().invoke(cli, ["notify", "--db", str(notify_db), "--profile", str(profile), *args])
    assert result.exit_code == 1 and message in result.output


def test_a_config_file_with_an_unknown_key_names_it(notify_db, profile, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[notify]\nwebhok = "http://127.0.0.1:1/"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["notify", "--db", str(notify_db), "--config", str(config)])
    assert result.exit_code == 1 and f"{config}: unknown key notify.webhok" in result.output
