"""More than one machine: run a Scrapyd node, dispatch the sources to the nodes, collect their feeds centrally.

The nodes crawl (jobfit installed, `jobfit node` writes their scrapyd.conf and starts Scrapyd); this machine
keeps the one SQLite database, and stores what the nodes crawled with the crawl's own normalise → dedup → store
code (jobfit.crawler.nodes).
"""

from __future__ import annotations

import os
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from jobfit.crawler.nodes import DEFAULT_PROJECT, Node

NODES_ENV = "JOBFIT_SCRAPYD_NODES"
NODE_SETTINGS = "jobfit.crawler.settings.node"


class NodesError(ValueError):
    """No node to dispatch to, or a config that cannot be read; the message says where to list them."""


@dataclass(frozen=True)
class NodesConfig:
    """The Scrapyd nodes and the project name jobfit schedules on them."""

    nodes: tuple[Node, ...]
    project: str = DEFAULT_PROJECT

    @classmethod
    def resolve(cls, urls: tuple[str, ...] = (), config_path: Path | None = None) -> NodesConfig:
        """`--node` URLs, else $JOBFIT_SCRAPYD_NODES (comma-separated), else `nodes` in the config file's [scrapyd].

        Each may also name a `[deploy:NAME]` target of the closest scrapy.cfg, whose url is used.
        """
        from jobfit.notify import default_config_path

        path = config_path or default_config_path()
        table = {}
        if path.is_file():
            try:
                table = tomllib.loads(path.read_text(encoding="utf-8")).get("scrapyd", {})
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise NodesError(f"{path}: {exc}") from None
        listed = list(urls) or [u for u in os.environ.get(NODES_ENV, "").split(",") if u.strip()]
        if not listed:
            listed = table.get("nodes", [])
            if not isinstance(listed, list) or not all(isinstance(u, str) for u in listed):
                raise NodesError(f"{path}: scrapyd.nodes must be a list of URLs")
        if not listed:
            raise NodesError(f"no Scrapyd node: give --node URL, set ${NODES_ENV}, or list them as "
                             f"`nodes = [\"http://HOST:6800\"]` under [scrapyd] in {path}")
        try:
            nodes = tuple(dict.fromkeys(Node.parse(deploy_target(u)) for u in listed))
        except ValueError as exc:
            raise NodesError(str(exc)) from None
        return cls(nodes, str(table.get("project") or DEFAULT_PROJECT))


def deploy_target(name_or_url: str) -> str:
    """A node URL, or the url of the `[deploy:NAME]` target of the closest scrapy.cfg (as scrapyd-client reads it)."""
    if "://" in name_or_url:
        return name_or_url
    from scrapy.utils.conf import get_config

    config = get_config()
    section = f"deploy:{name_or_url}"
    if not config.has_option(section, "url"):
        targets = [s.split(":", 1)[1] for s in config.sections() if s.startswith("deploy:")]
        raise NodesError(f"{name_or_url!r} is neither a node URL nor a [deploy:NAME] target of scrapy.cfg "
                         f"(targets: {', '.join(targets) or 'none'})")
    return config.get(section, "url")


def local_settings() -> dict:
    """The settings `--local` changes (jobfit.crawler.settings.local against the polite defaults)."""
    import jobfit.crawler.settings as polite
    import jobfit.crawler.settings.local as local

    return {k: getattr(local, k) for k in dir(local)
            if k.isupper() and getattr(local, k) != getattr(polite, k, None)}


def _run(spider_cls, log_level: str, **kwargs):
    """Run one API spider to its end in this process; returns the spider."""
    from scrapy.crawler import CrawlerProcess

    from jobfit.crawler.nodes import API_SETTINGS

    process = CrawlerProcess({**API_SETTINGS, "LOG_LEVEL": log_level, "USER_AGENT": _user_agent()})
    crawler = process.create_crawler(spider_cls)
    process.crawl(crawler, **kwargs)
    process.start()
    return crawler.spider


def _user_agent() -> str:
    from jobfit.crawler.settings import USER_AGENT

    return USER_AGENT


def dispatch(db_path: Path, config: NodesConfig, jobs: list[tuple[str, str, dict]], settings: dict | None = None,
             log_level: str = "WARNING"):
    """Schedule (source name, spider, args) jobs on the least-loaded nodes; returns (scheduled, nodes down)."""
    from jobfit.crawler.nodes import DispatchSpider
    from jobfit.db import open_db

    open_db(db_path).close()  # checked (its folder exists) and migrated before any node is asked
    spider = _run(DispatchSpider, log_level, nodes=list(config.nodes), jobs=jobs, db_path=str(db_path),
                  project=config.project, settings={k: v for k, v in (settings or {}).items()})
    return spider.results, spider.down


def collect(db_path: Path, log_level: str = "WARNING"):
    """Store the feeds of every finished job not collected yet; returns (per-job results, nodes down)."""
    from jobfit.crawler.nodes import CollectSpider
    from jobfit.db import open_db
    from jobfit.db.history import mark_interrupted
    from jobfit.db.node_jobs import jobs_to_collect

    db = open_db(db_path)
    try:
        mark_interrupted(db)  # a collect killed midway left its crawl run "running"
        if not jobs_to_collect(db):
            return [], {}
    finally:
        db.close()
    spider = _run(CollectSpider, log_level, db_path=str(db_path))
    return spider.results, spider.down


def node_conf(folder: Path, bind: str = "127.0.0.1", port: int = 6800, max_proc: int = 0,
              poll_interval: float = 5.0) -> str:
    """The scrapyd.conf of a jobfit node kept in `folder`: jobfit's spiders, feeds served at /items/."""
    folder = folder.resolve()
    return f"""# A jobfit Scrapyd node (written by `jobfit node`): jobfit is installed here, so Scrapyd runs its spiders
# through the [settings] project of scrapy.cfg beside this file (no egg to deploy).
# Feeds and logs are served at /items/ and /logs/.
[scrapyd]
bind_address = {bind}
http_port = {port}
max_proc = {max_proc}
poll_interval = {poll_interval}
items_dir = {folder / "items"}
logs_dir = {folder / "logs"}
dbs_dir = {folder / "dbs"}
eggs_dir = {folder / "eggs"}
# Scrapyd deletes a spider's oldest feeds beyond this many files (each job leaves a feed and a summary): keep
# enough for every job between two `jobfit collect`s.
jobs_to_keep = 2000
finished_to_keep = 1000
jobstorage = scrapyd.jobstorage.SqliteJobStorage
"""


def node_scrapy_cfg() -> str:
    """The scrapy.cfg beside a node's scrapyd.conf: Scrapyd and its `scrapy list`/`crawl` runs both read it."""
    return f"""# The jobfit project of this Scrapyd node: jobfit's spiders, node settings (written by `jobfit node`).
[settings]
{DEFAULT_PROJECT} = {NODE_SETTINGS}
"""


def run_node(folder: Path, **conf) -> None:
    """Write `folder`/scrapyd.conf and scrapy.cfg and become Scrapyd, started in `folder` (this Python, with jobfit)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "scrapyd.conf").write_text(node_conf(folder, **conf), encoding="utf-8")
    (folder / "scrapy.cfg").write_text(node_scrapy_cfg(), encoding="utf-8")
    os.chdir(folder)
    os.execv(sys.executable, [sys.executable, "-m", "scrapyd"])
