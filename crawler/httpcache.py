"""Scrapy's filesystem HTTP cache, made safe against a process killed while writing an entry."""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import time
import zlib
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
        except (OSError, EOFError, zlib.error, pickle.UnpicklingError, ValueError, KeyError) as exc:
            logger.warning("unreadable HTTP cache entry for %s, fetching again: %s", request.url, exc)
            shutil.rmtree(super()._get_request_path(spider, request), ignore_errors=True)
            return None


def prune_cache(cache_dir: Path, max_age_days: float = 30) -> int:
    """Delete cache entries stored more than `max_age_days` ago, and side folders a killed process left."""
    cutoff = time.time() - max_age_days * 86400
    removed = 0
    # Layout: cache_dir/SPIDER/ab/abcdef... (Scrapy's FilesystemCacheStorage).
    for entry in Path(cache_dir).glob("*/*/*"):
        meta = entry / "pickled_meta"
        leftover = ".new-" in entry.name or ".old-" in entry.name
        try:
            stale = leftover or not meta.exists() or meta.stat().st_mtime < cutoff
        except OSError:
            continue
        if stale and (not leftover or entry.stat().st_mtime < time.time() - 3600):  # a live writer's side folder
            shutil.rmtree(entry, ignore_errors=True)
            removed += 1
    return removed
