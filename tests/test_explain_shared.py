"""`jobfit report --explain` says which skills and paragraphs a posting shares with its company's other postings:
"shared with N other postings of COMPANY", the company as stored, every posting text inert."""

import json

import pytest
from click.testing import CliRunner

from jobfit.cli import cli
from jobfit.db.postings import upsert_postings
from jobfit.flow import Flow

COMPANY = "Nabla\x1b]0;owned\x07"  # a company name with a terminal escape: shown inert
BLURB = {
    "en": "We build AI assistants on Kubernetes and Terraform for hospitals across Europe.\n",
    "fr": "Nous construisons des assistants IA sur Kubernetes et Terraform pour les hôpitaux d'Europe.\n",
}
PERKS = {"en": "Lunch vouchers, a gym membership and two remote days each week.\n",
         "fr": "Tickets restaurant, salle de sport et deux jours de télétravail par semaine.\n"}
STACK = {"en": "Requirements\n- Strong experience with PyTorch in production every day.\n",
         "fr": "Profil recherché\n- Solide expérience de PyTorch en production au quotidien.\n"}
JOBS = {
    "en": ("Data Scientist", "Frontend Engineer", "Account Executive"),
    "fr": ("Data Scientist", "Développeur Front", "Commercial"),
}
PROFILE = """id = "explainer"
name = "Explainer"
[[skills]]
id = "pytorch"
tier = "required"
[[skills]]
id = "kubernetes"
tier = "important"
"""


def posting(n, title, description, lang):
    return {"id": f"ashby:{n}", "source": "ashby", "board": "nabla", "company": COMPANY, "external_id": str(n),
            "title": title, "description": description, "content_hash": f"h{n}", "language": lang}


@pytest.fixture
def explained(db_path, tmp_path):
    """(text, JSON) of `report --explain` for the first of three postings of one company, in `lang`."""
    def run(lang):
        profile = tmp_path / "explainer.toml"
        profile.write_text(PROFILE, encoding="utf-8")
        with Flow(db_path) as flow:
            upsert_postings(flow.db, [posting(n, title, BLURB[lang] + STACK[lang] + PERKS[lang], lang)
                                      for n, title in enumerate(JOBS[lang], start=1)])
            flow.match([flow.load_profiles([profile])[0]])
        args = ["report", "--db", str(db_path), "--profile", str(profile), "--explain", "ashby:1"]
        text = CliRunner().invoke(cli, args, catch_exceptions=False).output
        data = json.loads(CliRunner().invoke(cli, [*args, "--format", "json"], catch_exceptions=False).output)
        return text, data
    return run


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_explain_says_what_is_shared_with_the_companys_other_postings(explained, lang):
    text, data = explained(lang)
    company = "Nabla␛]0;owned␇"  # as stored, made inert
    assert "\x1b" not in text and "\x07" not in text
    # The blurb's skills ("AI assistants" names no skill since table 2026.12.2): the company's text, not asked.
    assert f"  ~ Kubernetes, Terraform: shared with 2 other postings of {company}, read as " \
           "the company's text, not asked" in text
    # A shared block under this posting's own requirements is still asked: the matched skill says it is shared.
    assert f"  + PyTorch for PyTorch, required, credit 1, shared with 2 other postings of {company}" in text
    assert "under this posting's own requirements, so asked" in text
    # The perks paragraph names no skill, but is shared boilerplate too.
    assert f"a paragraph without skills, shared with 2 other postings of {company}" in text
    read = {tuple(p["skill_ids"]): p["read_as"] for p in data["shared_paragraphs"]}
    assert read == {("kubernetes", "terraform"): "company", ("pytorch",): "asked", (): None}
    assert {p["shared"] for p in data["shared_paragraphs"]} == {2}


def test_explain_of_a_posting_sharing_nothing_has_no_shared_part(db_path, tmp_path):
    profile = tmp_path / "explainer.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    with Flow(db_path) as flow:
        upsert_postings(flow.db, [posting(1, "Data Scientist", BLURB["en"] + STACK["en"], "en")])
        flow.match([flow.load_profiles([profile])[0]])
    text = CliRunner().invoke(cli, ["report", "--db", str(db_path), "--profile", str(profile), "--explain",
                                    "ashby:1"], catch_exceptions=False).output
    assert "PyTorch for PyTorch, required" in text and "shared with" not in text


def test_explain_says_when_a_shared_paragraph_was_read_before_it_was_shared(db_path, tmp_path):
    from jobfit.db.paragraphs import store_paragraphs
    from jobfit.matcher.boilerplate import paragraph_hashes

    profile = tmp_path / "explainer.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    with Flow(db_path) as flow:
        upsert_postings(flow.db, [posting(1, "Data Scientist", BLURB["en"] + STACK["en"], "en")])
        flow.match([flow.load_profiles([profile])[0]])
        # Another posting's paragraphs stored, the first not re-read yet (its re-reading is the next match's).
        store_paragraphs(flow.db, "ashby:nabla", "ashby:9", "sales", paragraph_hashes(BLURB["en"]))
    text = CliRunner().invoke(cli, ["report", "--db", str(db_path), "--profile", str(profile), "--explain",
                                    "ashby:1"], catch_exceptions=False).output
    assert "Kubernetes, Terraform: shared with 1 other posting of Nabla␛]0;owned␇, read as this posting's own " \
           "text, extracted before the others shared it: the next `jobfit match` re-reads it" in text


def test_a_matched_skill_is_marked_shared_only_when_its_evidence_is(db_path, tmp_path):
    profile = tmp_path / "explainer.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    own = "Requirements\n- Strong experience with PyTorch in production every day.\n"
    others = "Requirements\n- You will train PyTorch models for our hospital partners.\n"
    with Flow(db_path) as flow:  # the first names PyTorch in its own words; the other two share another line
        upsert_postings(flow.db, [posting(1, "Data Scientist", BLURB["en"] + own + others.split("\n", 1)[1], "en"),
                                  posting(2, "ML Engineer", BLURB["en"] + others, "en"),
                                  posting(3, "Researcher", BLURB["en"] + others, "en")])
        flow.match([flow.load_profiles([profile])[0]])
    text = CliRunner().invoke(cli, ["report", "--db", str(db_path), "--profile", str(profile), "--explain",
                                    "ashby:1"], catch_exceptions=False).output
    matched = next(line for line in text.splitlines() if line.startswith("  + PyTorch"))
    assert "shared with" not in matched, text
    assert "  ~ PyTorch: shared with 2 other postings" in text  # the shared line is still listed
