"""Closing the postings a board no longer lists, once a crawl has read that board in full."""

from __future__ import annotations

from collections.abc import Mapping

import sqlite_utils

from jobfit.crawler.verdict import RunVerdict
from jobfit.db.postings import close_unseen


class BoardCloser:
    """Mark closed the open postings of each board a crawl listed that the crawl did not see."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    @staticmethod
    def listing_complete(spider, verdict: RunVerdict) -> bool:
        """True after an error-free run of a spider that lists whole boards, its listing not cut short."""
        return (verdict.status == "ok" and not verdict.errors and getattr(spider, "lists_whole_board", False)
                and not getattr(spider, "truncated", False))

    def close(self, seen: Mapping[tuple[str, str], set[str]], spider, verdict: RunVerdict) -> int:
        """Close what the boards in `seen` ((source, board) -> posting ids) no longer list; returns how many.

        Only a listing read without any error is complete enough to close what it no longer shows.
        """
        if not seen or not self.listing_complete(spider, verdict):
            return 0
        return close_unseen(self.db, seen)
