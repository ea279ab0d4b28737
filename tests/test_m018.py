"""m018 (issue 13, compact storage): a database of the schema before it upgrades without losing a row."""

import sqlite_utils

from jobfit.crawler.dedup import _bands, minhash
from jobfit.db import open_db
from jobfit.db.dedup import pack_signature, save_signature, similar_candidates
from jobfit.db.migrations import MIGRATIONS

TEXT = ("Vous concevez et entraînez des modèles de langage pour nos clients industriels. Vous travaillez avec les "
        "équipes produit pour mettre en production des modèles fiables, mesurés et documentés, et vous contribuez à "
        "notre plateforme d'évaluation. Python, PyTorch, Kubernetes, Spark. Bac+5, trois ans d'expérience en "
        "apprentissage automatique et un anglais courant sont attendus pour ce poste basé à Paris.")
OTHER = ("Une tout autre offre : vous tenez la comptabilité de nos clients en cabinet, préparez les bilans et les "
         "liasses fiscales, suivez la paie et les déclarations sociales, et conseillez les dirigeants de petites "
         "entreprises sur leur gestion. Diplôme d'expertise comptable en cours, deux ans d'expérience, poste à Lyon.")


def database_before(path, name: str) -> sqlite_utils.Database:
    """A database with every migration before the one called `name` applied."""
    old = sqlite_utils.Database(path)
    old["_migrations"].create({"name": str, "applied_at": str}, pk="name")
    for fn in MIGRATIONS[:MIGRATIONS.index(next(m for m in MIGRATIONS if m.__name__ == name))]:
        fn(old)
        old["_migrations"].insert({"name": fn.__name__, "applied_at": "2026-01-01"})
    return old


def test_m018a_keeps_every_signature_and_bucket_under_integer_keys(tmp_path):
    path = tmp_path / "old.db"
    old = database_before(path, "m018a_compact_minhash")
    signature = minhash(TEXT)
    for n, (source, company) in enumerate((("lever", "acme"), ("ashby", "acme"), ("greenhouse", "other"))):
        pid = f"{source}:{n}"
        old["postings"].insert({"id": pid, "source": source, "external_id": str(n), "title": "ML",
                                "company": company, "description": TEXT, "canonical_id": pid,
                                "first_seen": f"2026-01-0{n + 1}", "last_seen": "2026-01-01"})
        old["posting_minhash"].insert({"posting_id": pid, "signature": pack_signature(signature)})
        old.conn.executemany("insert into posting_minhash_bands (band, bucket, company, source, posting_id) "
                             "values (?, ?, ?, ?, ?)", [(b, k, company, source, pid) for b, k in _bands(signature)])
    old.conn.commit()
    old.close()

    db = open_db(path)
    assert db.execute("select count(*) from posting_minhash_bands").fetchone()[0] == 3 * len(_bands(signature))
    assert "posting_id" not in db["posting_minhash_bands"].columns_dict
    found = similar_candidates(db, _bands(signature), "welcometothejungle", "acme", "x")
    assert [(pid, read) for pid, read, _ in found] == [("ashby:1", signature), ("lever:0", signature)]
    assert similar_candidates(db, _bands(signature), "lever", "acme", "x")[0][0] == "ashby:1"  # not its own source
    # Replacing one posting's signature removes exactly its old buckets.
    other = minhash(OTHER)
    save_signature(db, "ashby:1", other, _bands(other), "ashby", "acme")
    assert [pid for pid, _, _ in similar_candidates(db, _bands(signature), "welcometothejungle", "acme", "x")] == [
        "lever:0"]
    assert [pid for pid, _, _ in similar_candidates(db, _bands(other), "lever", "acme", "x")] == ["ashby:1"]
    save_signature(db, "ashby:1", None)
    assert db.execute("select count(*) from posting_minhash_bands").fetchone()[0] == 2 * len(_bands(signature))
    db.close()


def test_m018b_keeps_every_skill_hit_without_rowid_or_extra_indexes(tmp_path):
    from jobfit.db.queries import postings_with_skills

    path = tmp_path / "old.db"
    old = database_before(path, "m018b_compact_posting_skills")
    old["postings"].insert({"id": "lever:a", "source": "lever", "external_id": "a", "title": "Python developer",
                            "description": TEXT, "content_hash": "h", "first_seen": "2026-01-01",
                            "last_seen": "2026-01-01"})
    old["extractions"].insert({"posting_id": "lever:a", "content_hash": "h", "extractor_version": "v",
                               "language": "fr", "extracted_at": "2026-01-01"})
    at = TEXT.index("Python")
    hits = [{"posting_id": "lever:a", "skill_id": "python", "section": "title", "text": "Python", "start": 0,
             "end": 6, "negated": 0, "sentence": "Python developer", "heading": None, "shared": 0,
             "sentence_start": None, "sentence_end": None},
            {"posting_id": "lever:a", "skill_id": "python", "section": "required", "text": "Python", "start": at,
             "end": at + 6, "negated": 0, "sentence": None, "heading": "Profil", "shared": 2,
             "sentence_start": at - 2, "sentence_end": at + 30},
            {"posting_id": "lever:a", "skill_id": "pytorch", "section": "required", "text": "PyTorch",
             "start": at + 8, "end": at + 15, "negated": 1, "sentence": None, "heading": "Profil", "shared": 0,
             "sentence_start": at - 2, "sentence_end": at + 30}]
    old["posting_skills"].insert_all(hits)
    old.conn.commit()
    old.close()

    db = open_db(path)
    assert db.execute("select sql from sqlite_schema where name = 'posting_skills'").fetchone()[0].endswith(
        "without rowid")
    assert [r[0] for r in db.execute("select name from sqlite_schema where type = 'index' "
                                     "and tbl_name = 'posting_skills' and sql is not null")] == []
    assert list(db.query("select * from posting_skills order by start")) == hits
    [(_, read)] = postings_with_skills(db, "p", "1", "1")
    assert [(h["skill_id"], h["sentence"]) for h in read] == [
        ("python", "Python developer"), ("python", TEXT[at - 2:at + 30]), ("pytorch", TEXT[at - 2:at + 30])]
    db.close()


def test_m018c_drops_only_the_external_id_index(tmp_path):
    path = tmp_path / "old.db"
    database_before(path, "m018c_drop_external_id_index").close()
    db = open_db(path)
    indexes = {i.name for i in db["postings"].indexes}
    assert "idx_postings_source_external_id" not in indexes
    assert {"idx_postings_url", "idx_postings_apply_url", "idx_postings_id_content_hash"} <= indexes
    db.close()
