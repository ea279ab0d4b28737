"""Scrapyd nodes through their JSON API, fetched with Scrapy: schedule jobfit's sources, collect their feeds.

`DispatchSpider` asks each node's daemonstatus.json, then posts each source to schedule.json on the least-loaded
node that answered. `CollectSpider` asks each node with jobs to collect for listjobs.json, and fetches the JSON
Lines feed of every finished one (/items/PROJECT/SPIDER/JOB.jl, with the JOB.summary.json NodeRunSummary wrote
beside it). Each feed goes through the crawl's own pipelines (normalise, validate, plausibility) and PostingStore
(store, duplicate groups), and the job is marked collected only once its postings are committed.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlencode, urlsplit, urlunsplit

import scrapy
from scrapy.exceptions import DropItem
from w3lib.http import basic_auth_header

from jobfit.crawler.pipelines import NormalizePipeline, ValidatePipeline
from jobfit.crawler.plausibility import PlausibilityPipeline
from jobfit.crawler.store import PostingStore
from jobfit.db import open_db
from jobfit.db.crawl_runs import finish_crawl_run, start_crawl_run
from jobfit.db.node_jobs import jobs_to_collect, mark_collected, record_dispatched

DEFAULT_PROJECT = "jobfit"
MAX_NAMED_ERRORS = 20  # bad feed lines named in a crawl run's error text

# The node API is our own machines: no robots.txt, no delays, none of jobfit's crawl pipelines or extensions.
API_SETTINGS = {
    "ROBOTSTXT_OBEY": False,
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
    "DOWNLOAD_TIMEOUT": 30,
    "DOWNLOAD_MAXSIZE": 0,  # a feed holds a whole board: no cap
    "DOWNLOAD_WARNSIZE": 0,
    "RETRY_TIMES": 2,
    "HTTPCACHE_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
    "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
}


@dataclass(frozen=True)
class Node:
    """A Scrapyd node: its base URL (credentials, if any, kept apart for an Authorization header)."""

    url: str
    auth: str | None = None

    @classmethod
    def parse(cls, text: str) -> Node:
        parts = urlsplit(text.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"{text!r} is not a Scrapyd node URL (http://HOST:PORT)")
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        auth = basic_auth_header(parts.username, parts.password or "").decode() if parts.username else None
        return cls(urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", "")), auth)

    def request(self, path: str, **kwargs) -> scrapy.Request:
        headers = {"Authorization": self.auth} if self.auth else {}
        if "formdata" in kwargs:  # a POST that changes the node: never sent twice (a retry could schedule twice)
            return scrapy.FormRequest(self.url + path, headers=headers, dont_filter=True, meta={"dont_retry": True},
                                      **kwargs)
        return scrapy.Request(self.url + path, headers=headers, dont_filter=True, **kwargs)


def job_id(source: str) -> str:
    """A Scrapyd job id naming its source: SOURCE-YYYYmmddHHMMSS-RANDOM (it becomes the feed's file name)."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "_", source)[:40] or "job"
    return f"{safe}-{datetime.now(timezone.utc):%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}"


def failure_text(failure) -> str:
    response = getattr(failure.value, "response", None)
    return f"HTTP {response.status}" if response is not None else failure.getErrorMessage()


def api_answer(response) -> dict:
    """A Scrapyd JSON answer; ValueError with the node's message when it is not {"status": "ok", ...}."""
    try:
        data = json.loads(response.body)
    except ValueError:
        raise ValueError(f"not JSON from {response.url}") from None
    if not isinstance(data, dict) or data.get("status") != "ok":
        message = data.get("message") if isinstance(data, dict) else data
        raise ValueError(f"{response.url} answered {str(message).strip()[:300]!r}")
    return data


@dataclass
class Scheduled:
    """One source as dispatch left it: the node and job id, or the error."""

    source: str
    spider: str
    node: str | None = None
    job: str | None = None
    error: str | None = None


class DispatchSpider(scrapy.Spider):
    """Schedule (source name, spider, args) jobs on the least-loaded nodes; records accepted jobs in node_jobs."""

    name = "jobfit_dispatch"
    custom_settings = API_SETTINGS

    def __init__(self, nodes: list[Node], jobs: list[tuple[str, str, dict]], db_path: str,
                 project: str = DEFAULT_PROJECT, settings: dict | None = None, **kwargs):
        super().__init__(**kwargs)
        self.nodes, self.jobs, self.project = nodes, jobs, project
        self.db_path = db_path
        self.node_settings = settings or {}
        self.load: dict[str, int] = {}  # node URL -> pending + running jobs (+ the ones this dispatch added)
        self.down: dict[str, str] = {}  # node URL -> why it did not answer
        self.answered = 0
        self.results: list[Scheduled] = []

    async def start(self):
        for node in self.nodes:
            yield node.request("/daemonstatus.json", callback=self.status, errback=self.unreachable,
                               cb_kwargs={"node": node})

    def status(self, response, node: Node):
        try:
            data = api_answer(response)
            self.load[node.url] = int(data.get("pending", 0)) + int(data.get("running", 0))
        except ValueError as exc:
            self.down[node.url] = str(exc)
        yield from self._answered()

    def unreachable(self, failure):
        self.down[failure.request.cb_kwargs["node"].url] = failure_text(failure)
        yield from self._answered()

    def _answered(self):
        self.answered += 1
        if self.answered < len(self.nodes):
            return
        alive = [n for n in self.nodes if n.url in self.load]
        if not alive:
            self.results = [Scheduled(name, spider, error="no node answered") for name, spider, _ in self.jobs]
            return
        for name, spider, args in self.jobs:
            node = min(alive, key=lambda n: self.load[n.url])  # least loaded; ties go in the configured order
            self.load[node.url] += 1
            job = job_id(name)
            form = {**args, "label": name, "project": self.project, "spider": spider, "jobid": job}
            query = urlencode([("setting", f"{k}={v}") for k, v in self.node_settings.items()])
            yield node.request("/schedule.json" + (f"?{query}" if query else ""), formdata=form,
                               callback=self.scheduled, errback=self.not_scheduled,
                               cb_kwargs={"node": node, "name": name, "spider": spider, "args": args, "job": job})

    def scheduled(self, response, node: Node, name: str, spider: str, args: dict, job: str):
        try:
            answer = api_answer(response)
        except ValueError as exc:
            self.results.append(Scheduled(name, spider, node.url, error=str(exc)))
            return
        db = open_db(self.db_path)
        try:
            record_dispatched(db, node.url, answer.get("jobid", job), self.project, spider, name, args)
        finally:
            db.close()
        self.results.append(Scheduled(name, spider, node.url, answer.get("jobid", job)))

    def not_scheduled(self, failure):
        kw = failure.request.cb_kwargs
        self.results.append(Scheduled(kw["name"], kw["spider"], kw["node"].url, error=failure_text(failure)))


@dataclass
class Collected:
    """One job's feed as collect left it."""

    node: str
    job: str
    source: str
    state: str  # collected, waiting (pending or running on its node), failed (kept for the next collect)
    counts: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    closed: int = 0
    crawl_run_id: int | None = None


class CollectSpider(scrapy.Spider):
    """Fetch and store the feeds of every dispatched job not collected yet, node by node."""

    name = "jobfit_collect"
    custom_settings = API_SETTINGS

    def __init__(self, db_path: str, **kwargs):
        super().__init__(**kwargs)
        self.db_path = db_path
        self.down: dict[str, str] = {}  # node URL -> why it did not answer (its jobs stay to collect)
        self.results: list[Collected] = []
        self.db = None

    def _db(self):
        if self.db is None:
            self.db = open_db(self.db_path)
        return self.db

    def closed(self, reason):
        if self.db is not None:
            self.db.close()

    async def start(self):
        by_node: dict[str, list[dict]] = {}
        for job in jobs_to_collect(self._db()):
            by_node.setdefault(job["node"], []).append(job)
        for url, jobs in by_node.items():
            node = Node.parse(url)
            yield node.request(f"/listjobs.json?project={jobs[0]['project']}", callback=self.listed,
                               errback=self.unreachable, cb_kwargs={"node": node, "jobs": jobs})

    def unreachable(self, failure):
        kw = failure.request.cb_kwargs
        self.down[kw["node"].url] = f"{failure_text(failure)}; {len(kw['jobs'])} jobs stay to collect"

    def listed(self, response, node: Node, jobs: list[dict]):
        try:
            answer = api_answer(response)
        except ValueError as exc:
            self.down[node.url] = f"{exc}; {len(jobs)} jobs stay to collect"
            return
        busy = {j.get("id") for key in ("pending", "running") for j in answer.get(key) or []}
        for job in jobs:
            if job["job"] in busy:
                self.results.append(Collected(node.url, job["job"], job["source"], "waiting"))
                continue
            # Finished, or unknown to a node restarted since: its feed, if any, is in items_dir either way.
            base = f"/items/{job['project']}/{job['spider']}/{job['job']}"
            yield node.request(base + ".summary.json", callback=self.summarised, errback=self.no_summary,
                               cb_kwargs={"node": node, "job": job, "base": base})

    def summarised(self, response, node: Node, job: dict, base: str):
        try:
            summary = json.loads(response.body)
        except ValueError:
            summary = None
        yield from self.fetch_feed(node, job, base, summary if isinstance(summary, dict) else None)

    def no_summary(self, failure):
        yield from self.fetch_feed(**failure.request.cb_kwargs, summary=None)

    def fetch_feed(self, node: Node, job: dict, base: str, summary: dict | None):
        yield node.request(base + ".jl", callback=self.feed, errback=self.feed_missing,
                           cb_kwargs={"node": node, "job": job, "summary": summary})

    def feed_missing(self, failure):
        kw = failure.request.cb_kwargs
        job = kw["job"]
        self.results.append(Collected(kw["node"].url, job["job"], job["source"], "failed",
                                      errors=[f"{failure.request.url}: no feed ({failure_text(failure)})"]))

    def feed(self, response, node: Node, job: dict, summary: dict | None):
        self.results.append(ingest_feed(self._db(), response.body.splitlines(), node.url, job, summary,
                                        self.crawler.stats))


def ingest_feed(db, lines: Iterable[bytes], node: str, job: dict, summary: dict | None, stats) -> Collected:
    """Store one job's feed lines as a local crawl stores its items, record its crawl run, mark it collected.

    A line that is not a JSON object or cannot be stored is skipped and named (node, job, line); postings are
    committed in batches, and the job is marked collected only after the last batch, so a collect killed midway
    reads the whole feed again next time (its postings are stored once: they upsert by id).
    """
    where = f"{node} job {job['job']}"
    name = (summary or {}).get("source") or job["source"]
    run_id = start_crawl_run(db, name, pid=os.getpid())
    pipelines = [NormalizePipeline(), ValidatePipeline(stats), PlausibilityPipeline(stats)]
    store = PostingStore(db, batch_size=200)
    errors, dropped, read = [], 0, 0
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        read += 1
        try:
            item = json.loads(raw)
            if not isinstance(item, dict):
                raise ValueError("not a JSON object")
        except (ValueError, UnicodeDecodeError) as exc:
            errors.append(f"{where} line {n}: not a JSON object ({str(exc)[:100]})")
            continue
        try:
            for pipeline in pipelines:
                item = pipeline.process_item(item)
            store.add(dict(item))
        except DropItem:
            dropped += 1
        except Exception as exc:  # noqa: BLE001 — one bad posting is named and skipped, never the feed
            errors.append(f"{where} line {n}: {type(exc).__name__}: {str(exc)[:200]}")
    store.flush()
    counts = dict(store.counts)
    stored = counts["new"] + counts["updated"] + counts["unchanged"]
    node_status = (summary or {}).get("status")
    closed = 0
    # Close what the boards no longer list only after a complete, error-free listing, as a local crawl does.
    if summary and summary.get("complete") and node_status == "ok" and not errors:
        closed = store.close_unseen()
    if summary is None:
        status, error_text = ("ok" if stored else "failed"), "no run summary on the node"
    else:
        status, error_text = node_status or "ok", summary.get("error_text")
    if errors:
        status = "failed" if not stored else ("partial" if status == "ok" else status)
        error_text = "; ".join(filter(None, [error_text, *errors[:MAX_NAMED_ERRORS]]))
    node_stats = (summary or {}).get("stats") or {}
    finish_crawl_run(db, run_id, status=status, pages=(summary or {}).get("pages", 0), items=stored,
                     new=counts["new"], updated=counts["updated"], closed=closed, dropped=dropped,
                     errors=len(errors) + int((summary or {}).get("errors") or 0), error_text=error_text,
                     stats={**node_stats, "jobfit/node": node, "jobfit/node_job": job["job"],
                            "jobfit/feed_lines": read})
    mark_collected(db, node, job["job"], run_id, stored, len(errors), "; ".join(errors[:MAX_NAMED_ERRORS]) or None)
    return Collected(node, job["job"], name, "collected", counts, errors, closed, run_id)
