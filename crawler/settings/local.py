"""Settings for crawling servers on this machine (the demo, tests): no delays, no throttling."""

from jobfit.crawler.settings import *  # noqa: F401,F403

DOWNLOAD_DELAY = 0
AUTOTHROTTLE_ENABLED = False
CONCURRENT_REQUESTS_PER_DOMAIN = 8
RETRY_TIMES = 1
DOWNLOAD_TIMEOUT = 10
TELNETCONSOLE_ENABLED = False
RETRY_BACKOFF_BASE = 0.0
# A cache of servers on this machine saves nothing and would keep every demo's pages; tests that exercise the
# cache turn it on with HTTPCACHE_ENABLED=True.
HTTPCACHE_ENABLED = False
