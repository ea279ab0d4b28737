"""Run Scrapy spiders in this process and summarise what each stored."""

from __future__ import annotations

from pathlib import Path

from jobfit.db import open_db
from jobfit.db.database import user_data_dir


class CrawlError(Exception):
    """A crawl that could not start: unknown spider, bad arguments."""


def http_cache_dir() -> Path:
    """Where the crawler keeps its HTTP cache: httpcache/ in jobfit's data directory."""
    return user_data_dir() / "httpcache"


def settings_module(local: bool = False) -> str:
    """The Scrapy settings module: polite by default, without delays for servers on this machine (`--local`)."""
    return "jobfit.crawler.settings.local" if local else "jobfit.crawler.settings"


def run_spiders(jobs: list[tuple[str, dict]], db_path: Path, settings_module: str = "jobfit.crawler.settings",
                log_level: str = "WARNING", overrides: dict | None = None) -> list[dict]:
    """Crawl each (spider name, spider arguments) into `db_path`; returns the crawl_runs rows of this run.

    `overrides` are Scrapy settings (as `scrapy crawl -s`); the HTTP cache lives in jobfit's data directory.
    """
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule(settings_module, priority="project")
    settings.set("JOBFIT_DB", str(db_path), priority="cmdline")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    settings.set("HTTPCACHE_DIR", str(http_cache_dir()), priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    process = CrawlerProcess(settings)
    known = set(process.spider_loader.list())
    for name, _ in jobs:
        if name not in known:
            raise CrawlError(f"unknown spider {name!r}; known: {', '.join(sorted(known))}")
    db = open_db(db_path)
    last_id = db.execute("select coalesce(max(id), 0) from crawl_runs").fetchone()[0]
    db.close()
    failures: list[str] = []
    for name, kwargs in jobs:
        deferred = process.crawl(name, **kwargs)
        deferred.addErrback(lambda failure, name=name: failures.append(f"{name}: {failure.getErrorMessage()}"))
    process.start()
    db = open_db(db_path)
    runs = list(db.query("select * from crawl_runs where id > ? order by id", [last_id]))
    db.close()
    for failure in failures:
        runs.append({"source": failure.split(":", 1)[0], "status": "failed", "error_text": failure, "items": 0,
                     "new": 0, "updated": 0, "pages": 0, "errors": 1})
    return runs
