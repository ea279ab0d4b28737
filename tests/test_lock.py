"""The run lock: one `jobfit run` at a time, released when its holder dies, even by SIGKILL."""

import os
import signal
import subprocess
import sys
import time

import pytest

from jobfit.lock import LockHeld, RunLock
from jobfit.scheduled import EXIT_LOCKED
from tests.jobfit_run import jobfit_run, write_sources

HOLD = ("import sys, time; from jobfit.lock import RunLock; RunLock(sys.argv[1]).acquire(); "
        "print('held', flush=True); time.sleep(60)")


def test_second_lock_on_the_same_database_is_refused(tmp_path):
    with RunLock(tmp_path / "jobs.db"):
        with pytest.raises(LockHeld, match=f"pid {os.getpid()}"):
            RunLock(tmp_path / "jobs.db").acquire()
    RunLock(tmp_path / "jobs.db").acquire().release()


def test_lock_of_a_killed_holder_is_free_again(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path / "jobs.db")], stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(LockHeld):
        RunLock(tmp_path / "jobs.db").acquire()
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    RunLock(tmp_path / "jobs.db").acquire().release()


def test_run_while_another_holds_the_lock_exits_at_once_with_one_line(tmp_path):
    sources = write_sources(tmp_path / "sources.toml", {"x": ("jsonld", {"url": "http://127.0.0.1:9/sitemap.xml"})})
    with RunLock(tmp_path / "jobs.db"):
        started = time.monotonic()
        result = jobfit_run(tmp_path / "jobs.db", sources, timeout=60)
        took = time.monotonic() - started
    assert result.returncode == EXIT_LOCKED
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("jobfit run: skipped, another jobfit run (pid ") and "jobs.db.lock" in line
    assert not (tmp_path / "jobs.db").exists(), "a refused run must not touch the database"
    assert took < 30
