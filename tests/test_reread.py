"""An older posting is re-read when a later posting of its company shares its paragraphs: extracted alone, it read
its company's blurb as its own ask; once another posting repeats the blurb, the next `jobfit match` re-reads it
(only it), and the blurb's skills are no longer asked."""

import pytest
from click.testing import CliRunner

from jobfit.cli import cli
from jobfit.db import open_db
from jobfit.db.postings import upsert_postings
from jobfit.db.queries import count_to_extract, match_for
from jobfit.flow import Flow, with_explanations
from jobfit.matcher.profile import load_profile
from jobfit.matcher.version import extractor_version

# A blurb without a heading: read alone, it is the posting's own text ("other"), asked.
BLURB = {
    "en": "We build AI assistants on Kubernetes and Terraform for hospitals across Europe.\n",
    "fr": "Nous construisons des assistants IA sur Kubernetes et Terraform pour les hôpitaux d'Europe.\n",
}
JOB = {
    "en": ("Requirements\n- Strong experience with Salesforce every day.\n",
           "Requirements\n- Strong experience with React and TypeScript every day.\n"),
    "fr": ("Profil recherché\n- Solide expérience de Salesforce au quotidien.\n",
           "Profil recherché\n- Solide expérience de React et TypeScript au quotidien.\n"),
}
PROFILE = """id = "blurbs"
name = "Blurbs"
[[skills]]
id = "kubernetes"
tier = "required"
[[skills]]
id = "salesforce"
tier = "required"
"""


def posting(n, title, description, lang, board="acme"):
    return {"id": f"ashby:{n}", "source": "ashby", "board": board, "company": "Acme", "external_id": str(n),
            "title": title, "description": description, "content_hash": f"h{n}", "language": lang}


def asked(db_path, posting_id, profile_path):
    """The skills the stored match of `posting_id` counts as asked: matched for the profile, or extra (its
    explanation as a report reads it: stored, or rebuilt when its score was too low to store it)."""
    db = open_db(db_path)
    try:
        [row] = with_explanations(db, [match_for(db, posting_id, "blurbs")], load_profile(profile_path))
    finally:
        db.close()
    explanation = row["explanation"]
    return {m["skill"] for m in explanation["matched"]} | set(explanation["extra"])


def match(db_path, profile):
    result = CliRunner().invoke(cli, ["match", "--db", str(db_path), "--profile", str(profile)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output


def revisions(flow):
    return dict(flow.db.execute("select posting_id, revision from extractions").fetchall())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_posting_extracted_alone_is_reread_when_a_later_one_shares_its_blurb(db_path, tmp_path, lang):
    profile = tmp_path / "blurbs.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    db = open_db(db_path)
    upsert_postings(db, [posting(1, "Account Executive", BLURB[lang] + JOB[lang][0], lang)])
    db.close()
    match(db_path, profile)
    assert "kubernetes" in asked(db_path, "ashby:1", profile)  # alone, the blurb reads as the posting's own text

    db = open_db(db_path)
    upsert_postings(db, [posting(2, "Frontend Engineer", BLURB[lang] + JOB[lang][1], lang)])
    db.close()
    match(db_path, profile)
    assert "kubernetes" not in asked(db_path, "ashby:1", profile)  # now the company's blurb: not this job's ask
    assert "salesforce" in asked(db_path, "ashby:1", profile)  # its own requirements are still asked
    assert "kubernetes" not in asked(db_path, "ashby:2", profile)


def test_only_the_postings_sharing_a_paragraph_are_reread_and_it_settles(db_path):
    with Flow(db_path) as flow:
        upsert_postings(flow.db, [
            posting(1, "Account Executive", BLURB["en"] + JOB["en"][0], "en"),
            posting(2, "Office Manager", "Requirements\n- Run our office in Paris with Excel every day.\n", "en"),
            posting(3, "Account Executive", BLURB["en"] + JOB["en"][0], "en", board="other"),
        ])
        assert flow.extract() == 3
        upsert_postings(flow.db, [posting(4, "Frontend Engineer", BLURB["en"] + JOB["en"][1], "en")])
        assert flow.extract() == 2  # the new posting, and the one of its company that holds the blurb
        assert revisions(flow) == {"ashby:1": 2, "ashby:2": 1, "ashby:3": 1, "ashby:4": 1}
        assert count_to_extract(flow.db, extractor_version(flow.table)) == 0
        assert flow.extract() == 0  # re-read, it sees the blurb shared and marks nothing more: no ping-pong
        sections = dict(flow.db.execute("select skill_id, section from posting_skills where posting_id = 'ashby:1'"
                                        " and skill_id = 'kubernetes'").fetchall())
        assert sections == {"kubernetes": "company"}


def test_postings_of_one_batch_see_each_others_paragraphs(db_path):
    with Flow(db_path) as flow:
        upsert_postings(flow.db, [posting(1, "Account Executive", BLURB["fr"] + JOB["fr"][0], "fr"),
                                  posting(2, "Frontend Engineer", BLURB["fr"] + JOB["fr"][1], "fr")])
        assert flow.extract() == 2  # the first of the batch needs no second reading
        shared = dict(flow.db.execute("select posting_id, shared from posting_skills where skill_id = 'kubernetes'"
                                      " and section = 'company'").fetchall())
        assert shared == {"ashby:1": 1, "ashby:2": 1}
