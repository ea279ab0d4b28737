"""Storage at scale: bounded duplicate lookups, evidence kept as offsets, sentence bounds on real text, m014."""

import json

import sqlite_utils

from jobfit.crawler.dedup import _bands, minhash
from jobfit.crawler.pipelines import normalize_posting
from jobfit.crawler.store import PostingStore
from jobfit.db import open_db
from jobfit.db.dedup import CANDIDATES_PER_BUCKET, similar_candidates
from jobfit.db.migrations import MIGRATIONS
from jobfit.db.queries import postings_with_skills, save_extractions

TEXT = ("Vous concevez et entraînez des modèles de langage pour nos clients industriels. Vous travaillez avec les "
        "équipes produit pour mettre en production des modèles fiables, mesurés et documentés, et vous contribuez à "
        "notre plateforme d'évaluation. Python, PyTorch, Kubernetes, Spark. Bac+5, trois ans d'expérience en "
        "apprentissage automatique et un anglais courant sont attendus pour ce poste basé à Paris.")


def posting(source, external_id, **fields):
    return normalize_posting({"source": source, "external_id": external_id, "title": f"Job {external_id}",
                              "company": "Acme", "description": TEXT, **fields})


def store_all(db, postings):
    store = PostingStore(db, batch_size=50)
    for p in postings:
        store.add(p)
    store.flush()


def test_lookup_skips_same_source_and_other_employers_and_caps_a_template_bucket(fresh_db):
    # One board's template on 120 jobs, the same text at 30 other employers, and at Acme on another source.
    store_all(fresh_db, [posting("ashby", f"t{n}") for n in range(120)]
              + [posting("lever", f"o{n}", company=f"Other {n}") for n in range(30)])
    bands = _bands(minhash(TEXT))
    found = similar_candidates(fresh_db, bands, "greenhouse", "acme", other_than="greenhouse:x")
    assert 0 < len(found) <= CANDIDATES_PER_BUCKET * len(bands)
    assert {pid.split(":")[0] for pid, _, _ in found} == {"ashby"}  # no other employer was read
    assert similar_candidates(fresh_db, bands, "ashby", "acme", other_than="ashby:x") == []  # nor its own source
    store_all(fresh_db, [posting("greenhouse", "x", title="Senior ML Engineer")])
    assert fresh_db["postings"].get("greenhouse:x")["canonical_id"].startswith("ashby:")
    assert fresh_db.execute("select count(*) from canonical_postings").fetchone()[0] == 150


def test_evidence_is_stored_as_offsets_and_rebuilt_when_read(fresh_db):
    store_all(fresh_db, [posting("lever", "a")])
    row = fresh_db["postings"].get("lever:a")
    sentence = "Python, PyTorch, Kubernetes, Spark."
    start = TEXT.index("PyTorch")
    hits = [{"skill_id": "pytorch", "section": "required", "text": "PyTorch", "start": start, "end": start + 7,
             "negated": 0, "sentence": sentence},
            {"skill_id": "python", "section": "title", "text": "Python", "start": 0, "end": 6, "negated": 0,
             "sentence": "Python developer"}]
    save_extractions(fresh_db, [(row, "fr", row["content_hash"], hits)], "v1")
    stored = {r["skill_id"]: r for r in fresh_db.query("select * from posting_skills")}
    assert stored["pytorch"]["sentence"] is None
    assert TEXT[stored["pytorch"]["sentence_start"]:stored["pytorch"]["sentence_end"]] == sentence
    assert stored["python"]["sentence"] == "Python developer"  # a title is not in the description
    [(_, read)] = postings_with_skills(fresh_db, "p", "1", "1")
    assert {h["skill_id"]: h["sentence"] for h in read} == {"pytorch": sentence, "python": "Python developer"}


def test_evidence_sentences_end_at_list_items_and_glued_sentences(small_extractor):
    text = ("Rattaché(e) au service, vous assurez la fiabilité des équipements (Électricité, Automatisme).Vous "
            "jouez un rôle clé.Vos missions :- Maintenir les modèles - Déployer avec Docker et Kubernetes "
            "- Écrire du Python • Suivre les mesures")
    sentences = {h.skill_id: h.sentence for h in small_extractor.extract(text, "fr")}
    assert sentences["docker"] == "- Déployer avec Docker et Kubernetes"
    assert sentences["python"] == "- Écrire du Python"


def test_a_sentence_without_punctuation_is_cut_to_a_window_around_the_hit(small_extractor):
    text = " ".join(["mot"] * 400 + ["PyTorch"] + ["mot"] * 400)
    [hit] = small_extractor.extract(text, "fr")
    assert "PyTorch" in hit.sentence and len(hit.sentence) <= 300
    assert not hit.sentence.startswith("ot") and hit.sentence.split()[0] == "mot"


def test_m014_upgrades_text_buckets_and_json_signatures(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    old["_migrations"].create({"name": str, "applied_at": str}, pk="name")
    for fn in MIGRATIONS[:MIGRATIONS.index(next(m for m in MIGRATIONS if m.__name__.startswith("m014")))]:
        fn(old)
        old["_migrations"].insert({"name": fn.__name__, "applied_at": "2026-01-01"})
    signature = minhash(TEXT)
    old["postings"].insert({"id": "lever:a", "source": "lever", "external_id": "a", "title": "ML",
                            "company": "ACME SAS", "description": TEXT, "canonical_id": "lever:a",
                            "first_seen": "2026-01-01", "last_seen": "2026-01-01"})
    old["posting_minhash"].insert({"posting_id": "lever:a", "signature": json.dumps(signature)})
    old["posting_minhash_bands"].insert_all(
        [{"band": b, "bucket": (bucket % (1 << 64)).to_bytes(8).hex(), "posting_id": "lever:a"}
         for b, bucket in _bands(signature)])
    old.close()
    db = open_db(path)
    assert "description" not in db["canonical_postings"].columns_dict
    assert db.execute("select typeof(bucket), company, source from posting_minhash_bands").fetchone() == (
        "integer", "acme", "lever")
    [(pid, read, group)] = similar_candidates(db, _bands(signature), "welcometothejungle", "acme", "x")
    assert (pid, read, group) == ("lever:a", signature, "lever:a")
    db.close()


def test_m017b_keeps_the_shared_counts_of_text_paragraph_rows_in_integer_keys(tmp_path):
    from jobfit.db.paragraphs import shared_counts, store_paragraphs

    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    old["_migrations"].create({"name": str, "applied_at": str}, pk="name")
    for fn in MIGRATIONS[:MIGRATIONS.index(next(m for m in MIGRATIONS if m.__name__.startswith("m017b")))]:
        fn(old)
        old["_migrations"].insert({"name": fn.__name__, "applied_at": "2026-01-01"})
    blurb, own, other = "0a1b2c3d4e5f6a7b", "1111111111111111", "2222222222222222"
    old["posting_paragraphs"].insert_all(
        [{"company": "ashby:nabla", "hash": h, "posting_id": pid, "title": title}
         for pid, title, hashes in (("a:1", "backend engineer", (blurb, own)), ("a:2", "ml engineer", (blurb,)),
                                    ("a:3", "ml engineer", (blurb, other)))
         for h in hashes], pk=("company", "hash", "posting_id"))
    old.conn.commit()
    old.close()
    db = open_db(path)
    assert db.execute("select typeof(hash), typeof(company) from posting_paragraphs").fetchone() == (
        "integer", "integer")
    # The backend posting shares its blurb with two postings of another title; the ML ones with one.
    assert shared_counts(db, "ashby:nabla", "a:1", "backend engineer", [blurb, own]) == {blurb: 2}
    assert shared_counts(db, "ashby:nabla", "a:2", "ml engineer", [blurb]) == {blurb: 1}
    # Replacing a posting's paragraphs removes its old rows and no other posting's.
    store_paragraphs(db, "ashby:nabla", "a:3", "ml engineer", [other])
    assert shared_counts(db, "ashby:nabla", "a:1", "backend engineer", [blurb, other]) == {blurb: 1, other: 1}
    assert db.execute("select count(*) from posting_paragraphs").fetchone()[0] == 4
    assert shared_counts(db, "ashby:other", "x:1", "backend engineer", [blurb]) == {}
    db.close()
