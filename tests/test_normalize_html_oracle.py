"""HTML to text against a real oracle: Ashby ships each description as HTML and as plain text."""

import json
import re

import pytest

from jobfit.crawler.normalize.text import html_to_text
from tests.conftest import shared_file


def words(text: str) -> list[str]:
    """The words of a text, links left out (Ashby's plain text spells out every link target)."""
    return re.findall(r"\w+", re.sub(r"\(?https?://\S+", " ", text).lower())


@pytest.mark.parametrize("board", ["alan", "dust"])
def test_html_to_text_keeps_the_words_of_ashby_plain_text(board):
    jobs = json.loads(shared_file(f"fixtures/ashby/{board}.json").read_text(encoding="utf-8"))["jobs"]
    for job in jobs:
        ours, theirs = words(html_to_text(job["descriptionHtml"])), words(job["descriptionPlain"])
        assert ours == theirs, job["title"]


def test_html_to_text_keeps_headings_and_lists_on_their_own_lines():
    text = html_to_text("<h2>Profil</h2><p>Vous avez :</p><ul><li>Python</li><li>SQL</li></ul><p>Fin</p>")
    assert text.splitlines() == ["Profil", "Vous avez :", "- Python", "- SQL", "Fin"]


def test_ordered_lists_keep_their_numbers():
    assert html_to_text("<ol><li>Postuler</li><li>Entretien</li></ol>").splitlines() == ["1. Postuler", "2. Entretien"]
