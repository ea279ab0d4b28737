"""The versions stamped on extractions and matches, without importing spaCy: a run with nothing to do stays light."""

from __future__ import annotations

from jobfit.matcher.skills import SkillTable

# Bump when extraction output changes for the same text and table: stored postings are then extracted again.
CODE_VERSION = "5"
# Bump when scoring (matcher/score.py, matcher/filters.py) gives another score for the same hits and profile:
# every stored match is then scored again on the next `jobfit match` or `jobfit run`.
SCORING_VERSION = "5"


def extractor_version(table: SkillTable) -> str:
    """The extraction code's version and the skill table's, e.g. "2+2026.11.3"."""
    return f"{CODE_VERSION}+{table.version}"
