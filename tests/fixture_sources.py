"""The crawl jobs that point every spider at its fixture (file:// URLs or a local server's base URL)."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).parent
DATA = TESTS / "data"
SHARED_FIXTURES = TESTS.parents[1] / "shared" / "data" / "fixtures"


def fixture_jobs(base: str | None = None, shared: bool = True) -> list[tuple[str, dict]]:
    """(spider, arguments) for every source; `base` (http://127.0.0.1:PORT) serves tests/data, else file://."""
    def url(relative: str) -> str:
        return f"{base}/{relative}" if base else (DATA / relative).as_uri()

    jobs = [
        ("lever", {"board": "acme-ai", "company": "Acme AI", "url": url("lever/acme-ai.json")}),
        ("workable", {"board": "huggingface", "url": url("workable/huggingface.json")}),
        ("smartrecruiters", {"board": "AcmeRetail",
                             "url": url("smartrecruiters/v1/companies/AcmeRetail/postings.json")}),
        ("recruitee", {"board": "acmevision", "url": url("recruitee/acmevision.json")}),
        ("workday", {"url": url("workday/wday/cxs/criteo/Criteo/jobs.json"), "company": "Criteo"}),
        ("francetravail", {"url": url("francetravail/search.json"), "token_url": url("francetravail/token.json"),
                           "client_id": "synthetic", "client_secret": "synthetic",
                           "motsCles": "intelligence artificielle"}),
        ("apec", {"url": url("apec/search.json"), "detail_url": url("apec/offre/{id}.json"),
                  "motsCles": "intelligence artificielle"}),
        ("hellowork", {"url": url("hellowork/fr-fr/emploi/recherche.html"), "k": "machine learning"}),
        ("welcometothejungle", {"url": url("welcometothejungle/fr/companies/acme-ai/jobs.html")}),
    ]
    if shared and SHARED_FIXTURES.is_dir():
        real = SHARED_FIXTURES
        jobs += [
            ("greenhouse", {"board": "vaulttec", "company": "Vault-Tec",
                            "url": (real / "greenhouse/list_jobs_content_true.json").as_uri()}),
            ("ashby", {"board": "alan", "company": "Alan", "url": (real / "ashby/alan.json").as_uri()}),
            ("ashby", {"board": "dust", "company": "Dust", "url": (real / "ashby/dust.json").as_uri()}),
            ("apec_feed", {"url": (real / "apec/import-apec.test.input.xml").as_uri()}),
            ("hellowork_feed", {"url": (real / "hellowork/import-hello-work.test.input.xml").as_uri()}),
            ("jsonld", {"url": ",".join((real / "jsonld" / name).as_uri() for name in (
                "jsonld_meta_software_engineer.html", "jsonld_neura_robotics_manager.html"))}),
        ]
    return jobs


REAL_CAPTURES = {  # fixtures/real file: (spider, postings it describes)
    "greenhouse/careerkit_amplitude.json": ("greenhouse", 2), "greenhouse/cpjm_stripe_list.json": ("greenhouse", 6),
    "lever/careerkit_idealist.json": ("lever", 2), "lever/cpjm_leverdemo.json": ("lever", 6),
    "workable/careerkit_zaelab.json": ("workable", 1), "workable/cpjm_huggingface.json": ("workable", 3),
    "smartrecruiters/careerkit_knightgayles_list.json": ("smartrecruiters", 1),
    "recruitee/careerkit_recruitee.json": ("recruitee", 2), "workday/careerkit_salesforce_list.json": ("workday", 2),
    "ashby/careerkit_ashby.json": ("ashby", 2), "ashby/cpjm_ramp.json": ("ashby", 6),
}


def real_capture_jobs() -> list[tuple[str, dict]]:
    """A crawl job per real capture in ../shared/data/fixtures/real, from file:// (details are not there)."""
    return [(spider, {"url": (SHARED_FIXTURES / "real" / name).as_uri()})
            for name, (spider, _) in REAL_CAPTURES.items()]


def sources_toml(jobs: list[tuple[str, dict]]) -> str:
    """A sources file running `jobs`, one entry per job, named SPIDER-N."""
    lines = []
    for n, (spider, args) in enumerate(jobs, start=1):
        table = ", ".join(f"{k} = {_toml_string(v)}" for k, v in args.items())
        lines.append(f'[[source]]\nname = "{spider}-{n}"\nspider = "{spider}"\nargs = {{ {table} }}\n')
    return "\n".join(lines)


def _toml_string(value) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def crawl(db_path: Path, jobs: list[tuple[str, dict]], tmp_path: Path, drop_env: tuple[str, ...] = ()):
    """Run `jobfit crawl --local` on `jobs` in a fresh process (Twisted's reactor runs once per process)."""
    import os
    import subprocess
    import sys

    sources = tmp_path / f"sources-{len(list(tmp_path.glob('sources-*.toml')))}.toml"
    sources.write_text(sources_toml(jobs), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "jobfit", "crawl", "--local", "--sources", str(sources), "--db", str(db_path)],
        capture_output=True, text=True, timeout=300, cwd=TESTS.parent,
        env={k: v for k, v in os.environ.items() if k not in drop_env},
    )


def response_from(path: Path, url: str, cls=None, **kwargs):
    """A Scrapy response for a saved file, as if fetched from `url` (HtmlResponse, XmlResponse… via `cls`)."""
    from scrapy.http import TextResponse

    return (cls or TextResponse)(url=url, body=path.read_bytes(), encoding="utf-8", **kwargs)


def normalized(items) -> list[dict]:
    """Items through NormalizePipeline, as dicts (requests are left out)."""
    from jobfit.crawler.items import PostingItem
    from jobfit.crawler.pipelines import normalize_posting

    return [dict(normalize_posting(dict(i))) for i in items if isinstance(i, PostingItem)]


def failed(request, status: int | None = 404):
    """The Failure Scrapy hands a request's errback: an HTTP `status` answer, or a timeout when status is None."""
    from scrapy.http import Response
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.internet.error import TimeoutError as ConnectTimeout
    from twisted.python.failure import Failure

    error = ConnectTimeout() if status is None else HttpError(Response(request.url, status=status, request=request))
    failure = Failure(error)
    failure.request = request
    return failure


def errback_items(spider, request, status: int | None = 404) -> list:
    """What a detail request's errback yields when the request fails with `status` (None: a timeout)."""
    return list(request.errback(failed(request, status)) or [])
