"""Scrapy settings for jobfit's crawler, polite by default (scrapy.cfg points here).

`crawler.settings.local` turns the delays off, for local servers and tests.
"""

import os
from importlib.metadata import PackageNotFoundError, version

try:
    _VERSION = version("jobfit")
except PackageNotFoundError:  # running from a source tree that is not installed
    _VERSION = "0"

BOT_NAME = "jobfit"
SPIDER_MODULES = ["jobfit.crawler.spiders"]
NEWSPIDER_MODULE = "jobfit.crawler.spiders"

# Identify ourselves; JOBFIT_CONTACT lets an operator add an address or URL site owners can reach.
USER_AGENT = f"jobfit/{_VERSION} (job-offer aggregator; +{os.environ.get('JOBFIT_CONTACT', 'https://pypi.org/project/jobfit/')})"
ROBOTSTXT_OBEY = True

# Politeness: few parallel requests per site, a delay, and AutoThrottle adapting to the server's latency.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# Retries wait: the server's Retry-After (up to RETRY_AFTER_MAX seconds, beyond which the request is given up),
# else an exponential backoff from RETRY_BACKOFF_BASE seconds, capped at RETRY_BACKOFF_MAX.
RETRY_BACKOFF_BASE = 2.0
RETRY_BACKOFF_MAX = 60.0
RETRY_AFTER_MAX = 600.0
# A page from the web never leads to a local file or an internal address (jobfit.crawler.middlewares).
SPIDER_MIDDLEWARES = {"jobfit.crawler.middlewares.OriginMiddleware": 50}
DOWNLOADER_MIDDLEWARES = {
    "jobfit.crawler.middlewares.LocalAddressGuard": 50,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "jobfit.crawler.middlewares.BackoffRetryMiddleware": 550,
    # After decompression (590) has run on the response.
    "jobfit.crawler.middlewares.CharsetFallbackMiddleware": 580,
    # Last to see the response (after the HTTP cache turned a 304 into the stored body): an unchanged board
    # listing costs that one request, nothing is parsed or upserted. JOBFIT_SKIP_UNCHANGED=False reads it anyway.
    "jobfit.crawler.unchanged.UnchangedListingMiddleware": 100,
}
# A slow server costs a page, not the run; a body (also once decompressed: gzip bombs) over the cap is dropped.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
REDIRECT_MAX_TIMES = 10

# Conditional requests: responses with validators (ETag, Last-Modified) are cached and, as every request asks for
# max-age=0, always revalidated (304 Not Modified saves the body). jobfit sets HTTPCACHE_DIR under its data dir.
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "scrapy.extensions.httpcache.RFC2616Policy"
HTTPCACHE_STORAGE = "jobfit.crawler.httpcache.CrashSafeCacheStorage"
HTTPCACHE_GZIP = True
HTTPCACHE_IGNORE_HTTP_CODES = RETRY_HTTP_CODES
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.9,*/*;q=0.8",
    "Accept-Language": "fr,en;q=0.8",
    "Cache-Control": "max-age=0",
}

ITEM_PIPELINES = {
    "jobfit.crawler.pipelines.NormalizePipeline": 100,
    "jobfit.crawler.pipelines.ValidatePipeline": 200,
    "jobfit.crawler.plausibility.PlausibilityPipeline": 300,
    "jobfit.crawler.pipelines.StorePipeline": 800,
}
# The crawl_runs row of each crawl: after Scrapy's own extensions (0), so that CoreStats has put the finish reason
# in the stats it records. It reads what StorePipeline stored, and closes what a complete listing no longer shows.
EXTENSIONS = {
    "jobfit.crawler.crawl_run.CrawlRunRecorder": 1000,
}

# Where StorePipeline and CrawlRunRecorder write; None means db.default_db_path().
JOBFIT_DB = os.environ.get("JOBFIT_DB")
JOBFIT_STORE_BATCH = 100
JOBFIT_STORE_INTERVAL = 5.0  # seconds: a slow crawl still commits what it has

LOG_LEVEL = os.environ.get("JOBFIT_LOG_LEVEL", "INFO")
FEED_EXPORT_ENCODING = "utf-8"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
