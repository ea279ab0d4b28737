"""`jobfit run --feed FILE.atom --notify`: after each scheduled run, the feed lists the latest matches and the new
ones are sent (once) as the config file's [notify] table says."""

import json

import feedparser
import pytest

from jobfit.scheduled import EXIT_OK
from tests.faultserver import FaultServer
from tests.jobfit_run import jobfit, jobfit_run, serve_site, write_sources
from tests.notify_servers import HookServer


@pytest.fixture
def server():
    with FaultServer() as srv:
        yield srv


def test_run_keeps_the_feed_current_and_notifies_each_match_once(server, tmp_path):
    serve_site(server, 3)
    sources = write_sources(tmp_path / "sources.toml", {"site": ("jsonld", {"url": server.base_url + "/sitemap.xml"})})
    db, feed_path, config = tmp_path / "jobs.db", tmp_path / "jobs.atom", tmp_path / "config.toml"
    with HookServer() as hooks:
        config.write_text(f'[notify]\nmin_score = 1\nwebhook = "{hooks.base_url}/run"\n', encoding="utf-8")
        first = jobfit_run(db, sources, "--profile", "expert_ia", "--feed", str(feed_path), "--notify", str(config))
        assert first.returncode == EXIT_OK, first.stderr
        assert f"feeds {feed_path}" in first.stderr and "3 matches notified" in first.stderr
        feed = feedparser.parse(feed_path.read_text(encoding="utf-8"))
        assert not feed.bozo and {e.title.split(" — ")[0] for e in feed.entries} == {f"Ingénieur ML {n}"
                                                                                      for n in range(3)}
        [(_, _, body)] = hooks.received
        assert {m["title"] for m in json.loads(body)["matches"]} == {f"Ingénieur ML {n}" for n in range(3)}

        serve_site(server, 4)  # one more posting
        second = jobfit_run(db, sources, "--profile", "expert_ia", "--feed", str(feed_path), "--notify", str(config))
        assert second.returncode == EXIT_OK, second.stderr
        assert "1 matches notified" in second.stderr
        assert [m["title"] for m in json.loads(hooks.received[1][2])["matches"]] == ["Ingénieur ML 3"]
        entries = feedparser.parse(feed_path.read_text(encoding="utf-8")).entries
        assert len(entries) == 4 and entries[0].title.startswith("Ingénieur ML 3")  # newest first


def test_run_notify_without_a_usable_config_says_so(tmp_path):
    result = jobfit("run", "--db", str(tmp_path / "x.db"), "--notify", str(tmp_path / "missing.toml"))
    assert result.returncode == 1 and "no config file" in result.stderr
