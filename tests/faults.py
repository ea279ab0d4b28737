"""The faults the fault suite serves (synthetic pages written for jobfit's tests), one route each."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

from tests.faultserver import FaultServer, Reply, gzip_bomb, job_posting, json_reply, page, sitemap

FRENCH = "Ingénieur données — Prime : 3 000 € ; télétravail à Nîmes"


def retry_after_then(first: Reply, then: Reply, times: int = 1):
    """A route answering `first` `times` times, then `then`."""
    return lambda hit: first if hit <= times else then


def http_date_after(seconds: float) -> str:
    return format_datetime(datetime.now(timezone.utc) + timedelta(seconds=seconds), usegmt=True)


def fault_routes(base_url: str) -> dict:
    """Path -> route for every page fault; the sitemap lists them all."""
    routes = {
        "/robots.txt": Reply(body=b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"}),
        "/jobs/ok.html": page(job_posting("ok", title="Ingénieur ML témoin")),
        "/jobs/malformed-json.html": page('{"@context": "https://schema.org", "@type": "JobPosting", "title": "Cut'),
        "/jobs/malformed-html.html": page(job_posting("malformed-html", title="Data Engineer HTML cassé"),
                                          extra_html="<div><p>unclosed <b>bold <table><tr><td></div></html></html>"),
        "/jobs/cp1252-no-charset.html": page(job_posting("cp1252", title="Ingénieur données cp1252",
                                                         description=f"<p>{FRENCH}</p>"),
                                             charset=None, encoding="cp1252"),
        "/jobs/latin1-wrong-charset.html": page(job_posting("latin1", title="Développeur à Nîmes latin-1",
                                                            description="<p>Équipe données à Nîmes, très motivée</p>"),
                                                charset="utf-8", encoding="latin-1"),
        "/jobs/empty.html": Reply(body=b"", headers={"Content-Type": "text/html; charset=utf-8"}),
        "/jobs/huge.html": Reply(size=25 * 1024 * 1024, headers={"Content-Type": "text/html"}),
        "/jobs/bomb.html": gzip_bomb(64 * 1024 * 1024),
        "/jobs/slow.html": page(job_posting("slow", title="Trop lent"), delay=4),
        "/jobs/429.html": retry_after_then(Reply(429, headers={"Retry-After": "1"}),
                                           page(job_posting("429", title="Après un 429"))),
        "/jobs/503-date.html": lambda hit: (Reply(503, headers={"Retry-After": http_date_after(2)}) if hit == 1
                                            else page(job_posting("503", title="Après un 503"))),
        "/jobs/429-forever.html": Reply(429, headers={"Retry-After": "3600"}),
        "/jobs/500-always.html": Reply(500, b"boom"),
        "/jobs/loop-a.html": Reply(302, headers={"Location": "/jobs/loop-b.html"}),
        "/jobs/loop-b.html": Reply(302, headers={"Location": "/jobs/loop-a.html"}),
        # An endless chain of new URLs, which the duplicate filter cannot cut: REDIRECT_MAX_TIMES must.
        "/jobs/chain.html": lambda hit: Reply(302, headers={"Location": f"/jobs/chain.html?n={hit}"}),
        "/private/secret.html": page(job_posting("secret", title="Interdit par robots.txt")),
        "/jobs/no-title.html": page(job_posting("no-title", title=None)),
        "/jobs/no-company.html": page(job_posting("no-company", title="Sans entreprise", company=None)),
        "/jobs/no-description.html": page(job_posting("no-description", title="Sans description",
                                                      description=None)),
        "/jobs/absurd.html": page(job_posting(
            "absurd", title="Salaire absurde", datePosted="2026-13-45", validThrough="0001-01-01",
            baseSalary={"@type": "MonetaryAmount", "currency": "EUR",
                        "value": {"@type": "QuantitativeValue", "minValue": -5, "maxValue": 1e15,
                                  "unitText": "YEAR"}})),
        "/jobs/script.html": page(job_posting(
            "script", title='<script>alert("t")</script>Data [bold red]Engineer[/] <img src=x onerror=alert(1)>',
            company="[link=http://evil.example]Acme[/link]",
            description='<p>Python</p><script>alert("d")</script><img src=x onerror="alert(2)">')),
        "/jobs/formula.html": page(job_posting("formula", title='=HYPERLINK("http://evil.example","Data Engineer")')),
    }
    listed = [p for p in routes if p != "/robots.txt"]
    routes["/sitemap.xml"] = sitemap(base_url, listed)
    routes["/v1/boards/truncated/jobs"] = Reply(body=b'{"jobs": [{"id": 1, "title": "Cut', headers={
        "Content-Type": "application/json"})
    routes["/v1/boards/empty/jobs"] = Reply(body=b"", headers={"Content-Type": "application/json"})
    routes["/v1/boards/odd/jobs"] = json_reply({"jobs": [
        {"id": 1, "content": "x", "title": None},
        {"id": 2, "title": "Board job sans contenu", "content": ""},
        {"id": 3, "title": "Board job normal", "content": "&lt;p&gt;Python&lt;/p&gt;", "location": {"name": "Lyon"}},
    ]})
    return routes


def fault_server() -> FaultServer:
    server = FaultServer(max_requests=2000)
    server.routes.update(fault_routes(server.base_url))
    return server
