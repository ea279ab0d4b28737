"""Progress of the long steps (crawl, import, extract, score): a rich bar on a terminal, else one line a minute."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager


class Progress:
    """Where the flow tells how far a step is; this base class says nothing (library calls, tests)."""

    @contextmanager
    def step(self, label: str, total: int | None = None):
        step = _Step(self, label, total)
        yield step
        self.finish(step)

    def update(self, step: _Step) -> None:
        """Called after each advance of `step`."""

    def finish(self, step: _Step) -> None:
        """Called when `step` ends."""


class _Step:
    def __init__(self, progress: Progress, label: str, total: int | None):
        self.progress, self.label, self.total, self.done = progress, label, total, 0
        self.started = time.monotonic()

    def advance(self, n: int = 1) -> None:
        self.done += n
        self.progress.update(self)

    def line(self) -> str:
        """"extracting skills: 400/1200 (35.2/s, 11 s)"."""
        elapsed = time.monotonic() - self.started
        of = f"/{self.total}" if self.total is not None else ""
        return f"{self.label}: {self.done}{of} ({self.done / elapsed if elapsed else 0:.1f}/s, {elapsed:.0f} s)"


class LineProgress(Progress):
    """One line at most every `every` seconds to `stream`: for logs and cron, where bars would be noise."""

    def __init__(self, stream=None, every: float = 60.0):
        self.stream, self.every = stream, every
        self._last: dict[int, float] = {}

    def update(self, step: _Step) -> None:
        now = time.monotonic()
        if now - self._last.setdefault(id(step), step.started) >= self.every:
            self._last[id(step)] = now
            self._print(step)

    def finish(self, step: _Step) -> None:
        # A step that printed progress says where it ended; a short one stays silent.
        if self._last.pop(id(step), step.started) != step.started:
            self._print(step, " done")

    def _print(self, step: _Step, suffix: str = "") -> None:
        print(step.line() + suffix, file=self.stream or sys.stderr, flush=True)


class BarProgress(Progress):
    """A rich progress bar per step, on stderr, cleared when the step ends."""

    @contextmanager
    def step(self, label: str, total: int | None = None):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bars

        with Bars(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as bars:
            self._bars, self._task = bars, bars.add_task(label, total=total)
            yield _Step(self, label, total)

    def update(self, step: _Step) -> None:
        self._bars.update(self._task, completed=step.done)


def for_terminal(stream=None) -> Progress:
    """Bars when `stream` (stderr by default) is a terminal, else a line a minute to it."""
    stream = stream or sys.stderr
    return BarProgress() if stream.isatty() else LineProgress(stream)
