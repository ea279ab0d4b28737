"""The description readers try their regexes only where an anchor word occurs (db.vocabulary.Anchored): the same
matches as the plain regexes, on texts built from the words the rules turn on."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from jobfit.crawler.normalize import requirements
from jobfit.db import vocabulary
from jobfit.db.vocabulary import Anchored

# Pieces of the rules' own phrasings, near misses and separators: random texts of them meet every alternative,
# at word boundaries and inside words.
PIECES = [
    "hybrid", "hybride", " cloud", " search", "teletravail", " partiel", " possible", " 2j", " 2 j", "partial remote",
    "2", "3", "1", "0", "12", "45", " jours", " jour", " days", " day", " de teletravail", " remote", " from home",
    " home", " wfh", " en ", "occasionnel", " a week", " per week", " in the office", " at our hq", " studio",
    "on-site", "on site", "onsite", "in-office", "in office", "sur site", "presentiel", "pas ", "sans ", "de ",
    "no remote", "not remote", "telework not", "full", "fully remote", "100", " %", "% remote", " total",
    "remote", "-first", " friendly", "telecommute", "work from home", "doctorat", "phd", "ph.d", "doctoral",
    "bac", " +", "+", " 5", "5", "4", "master", "msc", "m.sc", "ingenieur", "engineering degree", "grande ecole",
    "dea", "dess", "b5", "maitrise", "m1", "licence", "bachelor", "'s", "bsc", "b.sc", "bts", "dut", "deug",
    "baccalaureat", "high school", "cap", "bep", "min", "minimum", "min.", "au moins", "at least", " ans",
    " an", " years", " yrs", " annees", " d'", " of ", "experience", " exp", " professional", " dans ", " sur ",
    " hands", " plus", " to ", "-", " a ", " ", "  ", "x", "e", "s", "_", ".", ",", "\n", "é", "٣",
]
# One phrase for each alternative of each rule.
PHRASES = [
    "hybrid", "hybride", "hybrid cloud", "teletravail partiel", "teletravail 2j", "teletravail 2 j", "partial remote",
    "2 jours de teletravail", "3 days remote", "2 days from home", "2 remote days", "2 home day", "2 wfh days",
    "2 teletravail days", "2 jours teletravail", "1 jour en teletravail", "occasionnel", "3 days a week in the office",
    "1 day per week at our hq", "2 days each week from studio", "on-site", "on site", "onsite", "in-office",
    "in office", "sur site", "presentiel", "pas de teletravail", "sans teletravail", "no remote", "not remote",
    "telework not", "full remote", "full-remote", "fullremote", "fully remote", "100% remote", "100 % teletravail",
    "teletravail total", "remote-first", "remote friendly", "telecommute", "remote", "work from home", "wfh",
    "doctorat", "phd", "ph.d", "doctorate", "doctoral", "bac+5", "bac + 5", "master", "msc", "m.sc", "ingenieur",
    "engineering degree", "grande ecole", "dea", "dess", "b5", "bac+4", "maitrise", "m1", "bac+3", "licence",
    "bachelor's", "bachelors", "bsc", "b.sc", "bac+2", "bts", "dut", "deug", "bac", "baccalaureat", "high school",
    "cap", "bep", "minimum 3 ans", "au moins 2 years", "at least 5 yrs", "min. 4 ans", "min 3 years",
    "3+ years of experience", "2 a 3 ans d'experience", "5 years in", "10 ans dans", "3-5 years hands",
    "experience exigee de 3 ans", "experience: 2 years", "3 ans",
]
CONTEXTS = ["{}", "x{}", "{}x", "le {}.", "a, {} b", "{} {}", "2{}", "{}\n{}"]
texts = st.lists(st.sampled_from(PIECES + PHRASES), max_size=30).map("".join)


def spans(matches) -> list[tuple[int, int, tuple]]:
    return [(m.start(), m.end(), m.groups()) for m in matches]


def assert_same_matches(text: str) -> None:
    for pattern, _ in vocabulary._REMOTES_IN_TEXT + vocabulary._EDUCATION:
        plain = re.compile(pattern.pattern.pattern)
        found = pattern.search(text)
        assert (found and found.span()) == ((m := plain.search(text)) and m.span()), (pattern.pattern.pattern, text)
    for pattern in requirements._EXPERIENCE:
        if isinstance(pattern, Anchored):
            assert spans(pattern.finditer(text)) == spans(re.compile(pattern.pattern.pattern).finditer(text)), text


def test_every_phrasing_of_the_rules_is_found_as_the_plain_regexes_find_it():
    for phrase in PHRASES:
        for context in CONTEXTS:
            assert_same_matches(context.format(phrase, phrase))


@settings(max_examples=500, deadline=None)
@given(texts)
def test_texts_of_rule_words_give_the_same_matches_as_the_plain_regexes(text):
    assert_same_matches(text)


def test_a_match_sees_the_text_before_its_anchor():
    # "xcap" holds the anchor "cap" but no word "cap": the boundary before it is read in the whole text.
    cap = Anchored(r"\b(cap|bep)\b", [("cap", 0), ("bep", 0)])
    assert cap.search("xcap") is None
    assert cap.search("xcap cap").span() == (5, 8)


def test_education_is_the_lowest_level_named():
    assert vocabulary.education("Master ou Doctorat, BTS accepté") == "bac+2"
    assert vocabulary.education("PhD or MSc in machine learning") == "bac+5"
    assert vocabulary.education("a product role with a strong capacity to learn") is None
