"""`jobfit sources --check` against local servers on 127.0.0.1: one request per source, one line each."""

import pytest

from tests.faultserver import FaultServer, Reply, greenhouse_board, greenhouse_job, json_reply
from tests.jobfit_run import jobfit, write_sources


@pytest.fixture
def server():
    with FaultServer() as srv:
        yield srv


def test_check_says_per_source_whether_it_answers_as_expected(server, tmp_path, monkeypatch):
    monkeypatch.delenv("FRANCE_TRAVAIL_CLIENT_ID", raising=False)
    server.routes["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /private/\n",
                                         headers={"Content-Type": "text/plain"})
    server.routes["/v1/boards/good/jobs"] = greenhouse_board([greenhouse_job(n) for n in range(3)])
    server.routes["/v1/boards/empty/jobs"] = greenhouse_board([])
    server.routes["/v1/boards/listed/jobs"] = greenhouse_board(  # no content: a detail request per job
        [{k: v for k, v in greenhouse_job(n).items() if k != "content"} for n in range(4)])
    server.routes["/posting-api/job-board/moved"] = Reply(body=b"<html><body>We moved!</body></html>",
                                                          headers={"Content-Type": "text/html"})
    server.routes["/v1/boards/renamed/jobs"] = json_reply({"postings": [], "meta": {}})
    server.routes["/private/v1/boards/hidden/jobs"] = greenhouse_board([greenhouse_job(1)])
    base = server.base_url
    sources = write_sources(tmp_path / "sources.toml", {
        "good": ("greenhouse", {"url": f"{base}/v1/boards/good/jobs"}),
        "empty": ("greenhouse", {"url": f"{base}/v1/boards/empty/jobs"}),
        "listed": ("greenhouse", {"url": f"{base}/v1/boards/listed/jobs"}),
        "typo": ("greenhouse", {"url": f"{base}/v1/boards/typo/jobs"}),  # 404
        "moved": ("ashby", {"url": f"{base}/posting-api/job-board/moved"}),
        "renamed": ("greenhouse", {"url": f"{base}/v1/boards/renamed/jobs"}),
        "hidden": ("greenhouse", {"url": f"{base}/private/v1/boards/hidden/jobs"}),
        "ft": ("francetravail", {"url": f"{base}/ft/search", "motsCles": "data"}),
    })
    with (tmp_path / "sources.toml").open("a") as f:
        f.write(f'[[source]]\nname = "off"\nspider = "greenhouse"\nargs = {{ url = "{base}/v1/boards/off/jobs" }}\n'
                "enabled = false\n")
    result = jobfit("sources", "--check", "--local", "--sources", str(sources), timeout=300)
    lines = {line.split(" ", 1)[0]: line for line in result.stdout.splitlines()[1:]}
    assert result.returncode == 2, result.stderr
    assert set(lines) == {"good", "empty", "listed", "typo", "moved", "renamed", "hidden", "ft"}  # enabled ones only
    assert "ok, answers as the spider expects, 3 postings listed" in lines["good"]
    assert "lists no posting" in lines["empty"]
    assert "4 postings listed" in lines["listed"]
    assert "no usable answer" in lines["typo"] and "HTTP 404" in lines["typo"] and "board token" in lines["typo"]
    assert "not in the shape the spider reads" in lines["moved"] and "not JSON" in lines["moved"]
    assert 'no "jobs" list' in lines["renamed"] and "postings, meta" in lines["renamed"]
    assert "robots.txt" in lines["hidden"]
    assert "skipped" in lines["ft"] and "FRANCE_TRAVAIL_CLIENT_ID" in lines["ft"]
    # one listing request per source, never its details or next pages; the forbidden one never asked
    assert server.hits["/v1/boards/good/jobs"] == 1 and not any("/jobs/" in p for p in server.hits)
    assert "/private/v1/boards/hidden/jobs" not in server.hits and "/v1/boards/off/jobs" not in server.hits
