"""A crawl run's outcome (ok, failed or skipped) and its one-line reason, from what the crawl left behind."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class RunVerdict:
    """The outcome of one crawl run: status ok | partial | failed | skipped, its own error count, and why.

    partial: the run finished and stored what its lists gave, but some job details could not be read.
    """

    status: str
    errors: int = 0
    error_text: str | None = None

    @classmethod
    def judge(cls, reason: str, stats: Mapping, counts: Mapping[str, int], lost: int = 0,
              skip_reason: str | None = None, logged_errors: int = 0,
              first_logged_error: str | None = None) -> RunVerdict:
        """Judge a run from Scrapy's finish reason and stats, the store's counts and unstored (`lost`) postings.

        `skip_reason` is the spider's (a source that cannot run here); `logged_errors` and `first_logged_error`
        come from the ERROR log lines about this spider.
        """
        errors = max(logged_errors, run_errors(stats))
        if skip_reason:
            return cls("skipped", errors, skip_reason)
        pages = stats.get("response_received_count", 0)
        ignored = stats.get("httperror/response_ignored_count", 0)
        stored = counts.get("new", 0) + counts.get("updated", 0) + counts.get("unchanged", 0)
        # A source fails when its spider broke, when postings could not be stored, or when it brought nothing
        # back and something went wrong on the way (HTTP errors, timeouts); one bad page among many is not a failure.
        if (reason != "finished" or stats.get("spider_exceptions/count", 0) > 0 or lost > 0
                or (not stored and (pages == 0 or errors > 0 or ignored > 0))):
            return cls("failed", errors, failure_text(reason, stats, errors, first_logged_error))
        if details := stats.get("jobfit/details_failed", 0):
            return cls("partial", errors, partial_text(details, stats))
        return cls("ok", errors)


def failure_text(reason: str, stats: Mapping, errors: int, first_error: str | None = None) -> str:
    """Why a run failed, in one line: the finish reason, the errors and the first failing URL when known."""
    text = (f"finish_reason={reason}, errors={errors}, pages={stats.get('response_received_count', 0)}, "
            f"http_errors={stats.get('httperror/response_ignored_count', 0)}")
    if url := stats.get("jobfit/first_error_url"):
        text += f", first error at {url}"
        if kind := stats.get("jobfit/first_error"):
            text += f": {kind}"
    elif first_error:
        text += f", first error: {first_error}"
    return text


def partial_text(details: int, stats: Mapping) -> str:
    """Why a run is partial, in one line: how many details failed, and their URLs (the first 20)."""
    urls = list(stats.get("jobfit/details_failed_urls") or [])
    more = f" and {details - len(urls)} more" if details > len(urls) else ""
    return (f"{details} job detail request{'s' if details > 1 else ''} failed (stored from the list): "
            f"{', '.join(urls)}{more}")


def run_errors(stats: Mapping) -> int:
    """This crawler's own errors: failed requests and unreadable pages its spider counted, and callback exceptions.

    Scrapy's log_count/ERROR counts every crawler of the process, so one failing source would taint the others.
    """
    exceptions = sum(v for k, v in stats.items() if k.startswith("spider_exceptions/") and isinstance(v, int))
    return stats.get("jobfit/errors", 0) + exceptions
