"""Storing postings: duplicate groups across sources, the canonical_postings table, closing gone postings."""

import json

from jobfit.crawler.dedup import dedup_key, minhash, similarity
from jobfit.crawler.pipelines import normalize_posting
from jobfit.crawler.store import PostingStore

TEXT = ("Vous concevez et entraînez des modèles de langage pour nos clients industriels. Vous travaillez avec les "
        "équipes produit pour mettre en production des modèles fiables, mesurés et documentés, et vous contribuez à "
        "notre plateforme d'évaluation. Python, PyTorch, Kubernetes, Spark. Bac+5, trois ans d'expérience en "
        "apprentissage automatique et un anglais courant sont attendus pour ce poste basé à Paris.")


def posting(source, external_id, **fields):
    return normalize_posting({"source": source, "external_id": external_id, "title": "ML Engineer",
                              "company": "Acme", **fields})


def store_all(db, *postings):
    store = PostingStore(db)
    for p in postings:
        store.add(p)
    store.flush()
    return store


def groups(db):
    return {r["id"]: r for r in db.query("select * from canonical_postings")}


def test_same_apply_url_on_two_sources_is_one_group(fresh_db):
    store_all(fresh_db, posting("lever", "acme:1", apply_url="https://acme.example/apply/1", city="Paris"),
              posting("jsonld", "acme.example/jobs/1", title="Machine Learning Engineer",
                      apply_url="https://acme.example/apply/1"))
    [group] = groups(fresh_db).values()
    assert group["n_postings"] == 2 and set(group["sources"].split(",")) == {"lever", "jsonld"}


def test_company_title_city_match_despite_case_and_gender_marks(fresh_db):
    store_all(fresh_db, posting("francetravail", "1", company="ACME SAS", title="Data Scientist H/F", city="LYON 03"),
              posting("hellowork", "2", company="Acme", title="Data scientist (F/H)", city="Lyon"))
    assert len(groups(fresh_db)) == 1


def test_near_identical_text_from_another_source_joins_the_group(fresh_db):
    store_all(fresh_db, posting("lever", "a", title="Senior ML Engineer", description=TEXT),
              posting("welcometothejungle", "b", title="ML Engineer, LLM", description=TEXT + " Postulez vite."))
    assert len(groups(fresh_db)) == 1


def test_one_boards_template_text_does_not_merge_its_own_jobs(fresh_db):
    store_all(fresh_db, posting("ashby", "a", title="Account Executive FR", description=TEXT),
              posting("ashby", "b", title="Account Executive NL", description=TEXT))
    assert len(groups(fresh_db)) == 2


def test_other_employers_text_is_not_a_duplicate(fresh_db):
    store_all(fresh_db, posting("lever", "a", description=TEXT),
              posting("workday", "b", company="Criteo", description=TEXT))
    assert len(groups(fresh_db)) == 2


def test_merge_keeps_every_field_and_source(fresh_db):
    store_all(fresh_db, posting("lever", "a", city="Paris", url="https://x.example/1"),
              posting("francetravail", "b", city="Paris", salary_text="45 - 55 k€", rome_code="M1805",
                      source_skills=["Programmer en Python"]))
    [group] = groups(fresh_db).values()
    assert (group["salary_min"], group["rome_code"], group["url"]) == (45000, "M1805", "https://x.example/1")
    assert json.loads(group["source_skills"]) == ["Programmer en Python"]
    assert sorted(json.loads(group["posting_ids"])) == ["francetravail:b", "lever:a"]


def test_unseen_postings_of_a_board_are_closed_and_reopened_when_seen_again(fresh_db):
    first = [posting("lever", f"acme:{n}", board="acme", title=f"Job {n}") for n in range(3)]
    store_all(fresh_db, *first, posting("lever", "other:1", board="other", title="Elsewhere"))
    second = store_all(fresh_db, first[0], first[2])
    assert second.close_unseen() == 1
    closed = {r["id"]: r["closed_at"] for r in fresh_db.query("select id, closed_at from postings")}
    assert closed["lever:acme:1"] and not closed["lever:acme:0"] and not closed["lever:other:1"]
    assert fresh_db["postings"].count == 4  # closed, never deleted
    store_all(fresh_db, first[1])
    assert fresh_db["postings"].get("lever:acme:1")["closed_at"] is None


def test_group_is_closed_only_when_every_member_is(fresh_db):
    store_all(fresh_db, posting("lever", "a", city="Paris", board="acme"), posting("hellowork", "b", city="Paris"))
    store = PostingStore(fresh_db)
    store.seen[("lever", "acme")] = set()
    store.close_unseen()
    [group] = groups(fresh_db).values()
    assert group["closed_at"] is None


def test_dedup_key_and_minhash_basics():
    assert dedup_key({"company": "Acme SAS", "title": "ML  Engineer!", "city": "Paris"}) == "acme|ml engineer|paris"
    assert dedup_key({"title": "x"}) is None
    assert minhash("trop court") is None
    assert similarity(minhash(TEXT), minhash(TEXT)) == 1.0
    assert similarity(minhash(TEXT), minhash(" ".join(reversed(TEXT.split())))) < 0.5


def test_a_generic_apply_page_shared_on_one_source_groups_nothing(fresh_db):
    generic = "https://acme.example/careers"
    store_all(fresh_db, posting("indeed", "1", title="Data Analyst", apply_url=generic),
              posting("indeed", "2", title="Data Engineer", apply_url=generic),
              posting("linkedin", "3", title="ML Researcher", apply_url=generic))
    assert len(groups(fresh_db)) == 3


def test_an_edited_text_is_hashed_again(fresh_db):
    store_all(fresh_db, posting("lever", "a", description=TEXT))
    before = fresh_db.execute("select signature from posting_minhash").fetchone()[0]
    store_all(fresh_db, posting("lever", "a", description=TEXT + " Nouveau paragraphe ajouté au texte."))
    after = fresh_db.execute("select signature from posting_minhash").fetchone()[0]
    assert before != after and fresh_db["posting_minhash_bands"].count == 8
