"""Scrapy's filesystem HTTP cache, made safe against a process killed while writing an entry."""

from __future__ import annotations

import logging
import os
import pickle
import shutil
from pathlib import Path

from scrapy.extensions.httpcache import FilesystemCacheStorage

logger = logging.getLogger(__name__)


class CrashSafeCacheStorage(FilesystemCacheStorage):
    """Each entry is written in a side folder and renamed into place whole; an unreadable entry is a cache miss."""

    _writing: Path | None = None

    def _get_request_path(self, spider, request) -> str:
        return str(self._writing) if self._writing else super()._get_request_path(spider, request)

    def store_response(self, spider, request, response) -> None:
        final = Path(super()._get_request_path(spider, request))
        side = final.with_name(f"{final.name}.new-{os.getpid()}")
        shutil.rmtree(side, ignore_errors=True)
        self._writing = side
        try:
            super().store_response(spider, request, response)
        finally:
            self._writing = None
        old = final.with_name(f"{final.name}.old-{os.getpid()}")
        if final.exists():
            final.rename(old)
        side.rename(final)
        shutil.rmtree(old, ignore_errors=True)

    def retrieve_response(self, spider, request):
        try:
            return super().retrieve_response(spider, request)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, KeyError) as exc:
            logger.warning("unreadable HTTP cache entry for %s, fetching again: %s", request.url, exc)
            shutil.rmtree(super()._get_request_path(spider, request), ignore_errors=True)
            return None
