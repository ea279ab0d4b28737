"""Count one spider's error log lines: Scrapy's log_count/ERROR counts every crawler's lines in each crawler."""

from __future__ import annotations

import logging


class SpiderErrorCounter(logging.Handler):
    """Counts the ERROR log records about one spider and keeps the first message."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.spider = None
        self.count = 0
        self.first: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(record, "spider", None) is self.spider:
            self.count += 1
            if self.first is None:
                self.first = record.getMessage().splitlines()[0][:300]
