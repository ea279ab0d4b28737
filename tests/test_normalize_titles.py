"""Titles lose their gender markers ("H/F", "F/H/N", "(x/f/m)") and nothing else (property tests)."""

from hypothesis import given
from hypothesis import strategies as st

from jobfit.crawler.normalize.text import clean_title

MARKERS = ["H/F", "F/H", "(H/F)", "F/H/N", "(F/H/X)", "(m/w/d)", "(x/f/m)", "h / f", "[H/F]", "- H/F"]
words = st.lists(st.sampled_from(["Data", "Scientist", "Ingénieur", "IA", "ML", "Engineer", "Chef", "de", "projet",
                                  "Senior", "NLP", "UX/UI", "B2B/B2C", "R&D", "(e)"]), min_size=1, max_size=6)


@given(words, st.sampled_from(MARKERS), st.sampled_from(["", " - CDI", " - Paris"]))
def test_gender_markers_are_removed_wherever_they_are(title_words, marker, tail):
    title = " ".join(title_words)
    assert clean_title(f"{title} {marker}{tail}") == clean_title(f"{title}{tail}")
    assert clean_title(f"{marker} {title}") == clean_title(title)


@given(words)
def test_titles_without_markers_keep_their_words(title_words):
    title = " ".join(title_words)
    assert clean_title(title) == title
