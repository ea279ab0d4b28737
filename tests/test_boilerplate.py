"""Boilerplate across a company's postings: shared paragraphs are not the job's ask, unless under its requirements."""

import pytest

from jobfit.db.paragraphs import shared_counts, spoken_languages_of, store_paragraphs
from jobfit.db.postings import upsert_postings
from jobfit.flow import Flow
from jobfit.matcher.boilerplate import build_counts, normalise, paragraph_hashes

BLURB = {
    "en": "About Acme\nWe build AI assistants with LLMs on Kubernetes and Terraform for every team.\n",
    "fr": "Qui sommes-nous ?\nNous construisons des assistants IA sur Kubernetes et Terraform pour nos clients.\n",
}
STACK = {  # a shared stack block, but under this posting's own requirements heading
    "en": "Requirements\n- Strong experience with Kubernetes and Terraform in production.\n",
    "fr": "Profil recherché\n- Solide expérience de Kubernetes et Terraform en production.\n",
}
JOB = {
    "en": ("The role\n- Build our sales playbook with Salesforce every week.\n",
           "The role\n- Build our React front-end with TypeScript every week.\n"),
    "fr": ("Vos missions\n- Construire le discours commercial avec Salesforce chaque semaine.\n",
           "Vos missions\n- Développer notre front React avec TypeScript chaque semaine.\n"),
}


def posting(n, title, description, lang, board="acme"):
    return {"id": f"ashby:{n}", "source": "ashby", "board": board, "external_id": str(n), "title": title,
            "description": description, "content_hash": f"h{n}", "language": lang}


def hits_of(flow, posting_id):
    return list(flow.db.query("select skill_id, section, shared, heading from posting_skills where posting_id = ?"
                              " and section != 'title'", [posting_id]))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_paragraph_shared_with_the_companys_other_postings_is_not_asked(db_path, lang):
    with Flow(db_path) as flow:
        upsert_postings(flow.db, [posting(1, "Account Executive", BLURB[lang] + JOB[lang][0], lang)])
        flow.extract()
        upsert_postings(flow.db, [posting(2, "Frontend Engineer", BLURB[lang] + JOB[lang][1], lang)])
        flow.extract()  # incremental: the new posting is checked against what is stored
        hits = {h["skill_id"]: h for h in hits_of(flow, "ashby:2")}
        assert hits["kubernetes"]["shared"] == 1 and hits["kubernetes"]["section"] == "company"
        assert hits["react"]["shared"] == 0 and hits["react"]["section"] == "responsibilities"
        assert hits["react"]["heading"] == JOB[lang][1].splitlines()[0]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_shared_paragraph_under_this_postings_requirements_is_still_asked(db_path, lang):
    with Flow(db_path) as flow:
        upsert_postings(flow.db, [posting(1, "Platform Engineer", STACK[lang] + JOB[lang][0], lang),
                                  posting(2, "SRE", STACK[lang] + JOB[lang][1], lang)])
        flow.extract()
        hits = {h["skill_id"]: h for h in hits_of(flow, "ashby:2")}
        assert hits["kubernetes"]["section"] == "required" and hits["kubernetes"]["shared"] == 1


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_shared_paragraph_under_this_postings_responsibilities_is_still_asked(db_path, lang):
    # One job template posted under two titles: the work it lists is each job's, not the company's blurb.
    with Flow(db_path) as flow:
        upsert_postings(flow.db, [posting(1, "Frontend Engineer", BLURB[lang] + JOB[lang][1], lang),
                                  posting(2, "Web Engineer", BLURB[lang] + JOB[lang][1], lang)])
        flow.extract()
        hits = {h["skill_id"]: h for h in hits_of(flow, "ashby:2")}
        assert hits["react"]["section"] == "responsibilities" and hits["react"]["shared"] == 1
        assert hits["kubernetes"]["section"] == "company"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_same_job_posted_twice_or_another_company_is_no_boilerplate(db_path, lang):
    with Flow(db_path) as flow:
        upsert_postings(flow.db, [posting(1, "Frontend Engineer", BLURB[lang] + JOB[lang][1], lang),
                                  posting(2, "Frontend Engineer", BLURB[lang] + JOB[lang][1], lang),
                                  posting(3, "Account Executive", BLURB[lang] + JOB[lang][0], lang, board="other")])
        flow.extract()
        for posting_id in ("ashby:2", "ashby:3"):
            hits = {h["skill_id"]: h for h in hits_of(flow, posting_id)}
            assert hits["kubernetes"]["shared"] == 0


def test_spoken_languages_are_stored_with_the_extraction(db_path):
    with Flow(db_path) as flow:
        upsert_postings(flow.db, [posting(1, "Data Engineer", "Profil\n- Python\n- Anglais courant", "fr")])
        flow.extract()
        assert spoken_languages_of(flow.db, "ashby:1") == [{"language": "english", "level": "fluent"}]
        assert {h["skill_id"] for h in hits_of(flow, "ashby:1")} == {"python"}


def test_paragraphs_are_normalised_and_short_lines_left_out():
    assert normalise("- We  build AI Assistants!") == normalise("• we build ai assistants!")
    assert paragraph_hashes("- Python\n- SQL\n") == []  # list items of a word or two recur everywhere


def test_shared_counts_in_memory_and_in_the_database_agree(fresh_db):
    text = BLURB["en"] + JOB["en"][0]
    rows = [{"id": "a", "company": "c", "title": "Sales", "text": text},
            {"id": "b", "company": "c", "title": "Engineer", "text": text},
            {"id": "c", "company": "c", "title": "Engineer", "text": text}]
    memory = build_counts(rows)
    for row in rows:
        store_paragraphs(fresh_db, row["company"], row["id"], row["title"], paragraph_hashes(row["text"]))
    for row in rows:
        args = (row["company"], row["id"], row["title"])
        stored = shared_counts(fresh_db, *args, paragraph_hashes(row["text"]))
        assert memory.counts(*args, row["text"]) == stored
    assert set(memory.counts("c", "a", "sales", text).values()) == {2}
    assert set(memory.counts("c", "b", "engineer", text).values()) == {1}


@pytest.mark.parametrize("lang, first, second", [
    ("en", "Senior Software Engineer - Product, UK", "Staff Software Engineer - Product"),
    ("fr", "Ingénieur Data Senior (F/H)", "Ingénieur Data Junior - Paris"),
])
def test_level_and_place_variants_of_one_job_share_no_boilerplate(db_path, lang, first, second):
    with Flow(db_path) as flow:
        upsert_postings(flow.db, [posting(1, first, BLURB[lang] + JOB[lang][1], lang),
                                  posting(2, second, BLURB[lang] + JOB[lang][1], lang)])
        flow.extract()
        hits = {h["skill_id"]: h for h in hits_of(flow, "ashby:2")}
        assert hits["kubernetes"]["shared"] == 0 and hits["kubernetes"]["section"] == "company"  # its own blurb
        assert hits["react"]["shared"] == 0
