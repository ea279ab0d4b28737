"""Settings for a Scrapyd node (scrapyd.conf `[settings] jobfit = jobfit.crawler.settings.node`).

A node keeps no database: its spiders run as in a local crawl, with the same politeness, but their items go
unchanged to the job's JSON Lines feed (Scrapyd's items_dir sets FEEDS), and NodeRunSummary writes the run's
verdict beside it. `jobfit collect` normalises, checks and stores the items centrally, as a local crawl does.
"""

from jobfit.crawler.settings import *  # noqa: F401,F403
from jobfit.crawler.settings import DOWNLOADER_MIDDLEWARES as _MIDDLEWARES

ITEM_PIPELINES = {}
EXTENSIONS = {"jobfit.crawler.node_summary.NodeRunSummary": 1000}
# Unchanged listings are known from the central database's digests, which a node does not have.
DOWNLOADER_MIDDLEWARES = {k: v for k, v in _MIDDLEWARES.items() if not k.endswith("UnchangedListingMiddleware")}
JOBFIT_DB = None
FEED_EXPORT_ENCODING = "utf-8"
