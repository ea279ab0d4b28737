"""Rules read off real postings (issue 15): shared stack blocks, umbrellas with examples, hyphenated tails, feed
entities, senses, trait phrasings, role nouns, and the table forms the real gold missed."""

import pytest

from jobfit.db.postings import upsert_postings
from jobfit.flow import Flow
from jobfit.matcher.extract import Extractor, matching_text


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def asked(extractor, text, lang):
    return {h.skill_id for h in extractor.extract(text, lang) if not h.negated and h.section not in
            ("company", "benefits")}


def posting(n, title, description, lang):
    return {"id": f"ashby:{n}", "source": "ashby", "board": "acme", "external_id": str(n), "title": title,
            "description": description, "content_hash": f"h{n}", "language": lang}


def hits_of(flow, posting_id):
    rows = flow.db.query("select skill_id, section, shared from posting_skills where posting_id = ? and "
                         "section != 'title'", [posting_id])
    return {r["skill_id"]: r for r in rows}


STACK = {
    "en": "Our Tech Stack\nProgramming languages: Python, TypeScript, Rust.\nInfrastructure: Pulumi, Kubernetes, AWS.\n"
          "Databases: Postgres with Prisma ORM.\n",
    "fr": "Notre stack technique\nLangages utilisés : Python, TypeScript, Rust.\nInfrastructure : Pulumi, Kubernetes, "
          "AWS.\nBases de données : Postgres avec Prisma.\n",
}
OWN = {
    "en": ("Requirements\n- You have built Salesforce integrations for sales teams.\n",
           "Requirements\n- You have built React applications with TypeScript.\n"),
    "fr": ("Profil recherché\n- Vous avez construit des intégrations Salesforce.\n",
           "Profil recherché\n- Vous avez développé des interfaces React en TypeScript.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_shared_stack_block_is_the_companys_even_under_a_requirements_heading(db_path, lang):
    with Flow(db_path) as flow:
        upsert_postings(flow.db, [posting(1, "Sales Engineer", OWN[lang][0] + STACK[lang], lang),
                                  posting(2, "Frontend Engineer", OWN[lang][1] + STACK[lang], lang)])
        flow.extract()
        hits = hits_of(flow, "ashby:2")
        assert hits["pulumi"]["section"] == "company" and hits["pulumi"]["shared"] == 1
        assert hits["rust"]["section"] == "company"
        assert hits["react"]["section"] == "required"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_stack_block_with_one_shared_line_of_several_stays_asked(db_path, lang):
    own_stack = {"en": "Tech stack:\nInfrastructure: Pulumi, Kubernetes, AWS.\nTerraform\nAnsible\nGrafana\n",
                 "fr": "La stack technique :\nInfrastructure : Pulumi, Kubernetes, AWS.\nTerraform\nAnsible\nGrafana\n"}
    other = {"en": "Tech stack:\nInfrastructure: Pulumi, Kubernetes, AWS.\n", "fr": "La stack technique :\n"
             "Infrastructure : Pulumi, Kubernetes, AWS.\n"}
    with Flow(db_path) as flow:
        upsert_postings(flow.db, [posting(1, "Sales Engineer", OWN[lang][0] + other[lang], lang),
                                  posting(2, "Platform Engineer", OWN[lang][1] + own_stack[lang], lang)])
        flow.extract()
        hits = hits_of(flow, "ashby:2")
        assert hits["pulumi"]["section"] == "required" and hits["pulumi"]["shared"] == 1
        assert hits["ansible"]["section"] == "required"


@pytest.mark.parametrize("text, lang, kept", [
    ("Familiarity with cloud platforms (AWS, GCP, Azure).", "en", True),
    ("Expérience des plateformes cloud (AWS, GCP ou Azure).", "fr", True),
    ("Cloud: AWS, Kubernetes, Terraform", "en", False),
    ("Compétences : Fournisseur cloud (AWS, GCP ou Azure)", "fr", False),
])
def test_an_umbrella_followed_by_its_examples_in_brackets_is_asked(extractor, text, lang, kept):
    found = asked(extractor, text, lang)
    assert "aws" in found and ("cloud_computing" in found) == kept


@pytest.mark.parametrize("text, lang, skill_id", [
    ("Build cutting-edge AI agents for clinics.", "en", "edge_ai"),
    ("Vous maîtrisez les bases non-SQL.", "fr", "sql"),
])
def test_the_tail_of_a_hyphenated_word_is_no_skill(extractor, text, lang, skill_id):
    assert skill_id not in asked(extractor, text, lang)


@pytest.mark.parametrize("text, lang, skill_id, surface", [
    ("Infrastructure as Code (Terraform, Ansible).b.&nbsp;&nbsp;Construire des clusters", "fr", "ansible", "Ansible"),
    ("Outils : icinga, Grafana).c.&nbsp;Gérer", "fr", "grafana", "Grafana"),
    ("Orchestration with Python&amp;Airflow in production", "en", "airflow", "Airflow"),
])
def test_entities_and_glued_brackets_do_not_hide_a_skill(extractor, text, lang, skill_id, surface):
    hits = [h for h in extractor.extract(text, lang) if h.skill_id == skill_id]
    assert hits and hits[0].text == surface  # offsets are those of the original text


def test_matching_text_keeps_the_length():
    text = "A &amp; B &nbsp; (C, D).e. &#39;x&#39;"
    assert len(matching_text(text)) == len(text) and "&amp;" not in matching_text(text)


@pytest.mark.parametrize("text, lang, sense", [
    ("Deep knowledge of data modeling, warehousing, and designing schemas.", "en", "data_warehousing"),
    ("Experience in warehousing and the shipping of goods to stores.", "en", "warehouse_operations"),
])
def test_warehousing_reads_as_a_data_warehouse_in_a_data_sentence(extractor, text, lang, sense):
    assert sense in asked(extractor, text, lang)


@pytest.mark.parametrize("skill_id, text, lang", [
    ("aws_glue", "Familiarity with AWS data services (S3, Glue, EMR, Kinesis).", "en"),
    ("aws_emr", "Familiarity with AWS data services (S3, Glue, EMR, Kinesis).", "en"),
    ("aws_glue", "La stack : AWS (Redshift, Glue), Snowflake", "fr"),
    ("dbt", "Une expérience sur Talend, Snowflake ou DBT serait un atout.", "fr"),
    ("networking", "Knowledge of networking and Linux internals.", "en"),
    ("networking", "Maîtriser les technologies réseau (TCP/IP, DNS).", "fr"),
    ("fine_tuning", "Architect, develop and finetune LLM-based agents.", "en"),
    ("agile", "A l'aise dans une organisation agile et un contexte anglophone.", "fr"),
    ("model_evaluation", "You will evaluate models before each release.", "en"),
    ("model_evaluation", "Vous saurez évaluer les modèles en production.", "fr"),
    ("database_design", "Experience designing schemas for analytics.", "en"),
    ("database_design", "Tenir à jour les schémas de bases de données.", "fr"),
    ("software_architecture", "Participate in architectural discussions and code reviews.", "en"),
    ("key_account_management", "Vous prenez en charge la gestion de grands comptes.", "fr"),
    ("customer_service", "Expérience en service client exigée.", "fr"),
])
def test_forms_the_real_gold_missed_are_found(extractor, skill_id, text, lang):
    assert skill_id in asked(extractor, text, lang)


@pytest.mark.parametrize("skill_id, text, lang", [
    ("aws_emr", "Integrations with EMR systems (Epic, Cerner) and Python services.", "en"),
    ("networking", "Join our networking events with Python and Go meetups.", "en"),
    ("customer_service", "Avoir le sens du service client ;", "fr"),
    ("customer_service", "A customer service mindset and SQL skills.", "en"),
    ("key_account_management", "Nous sommes au service de grands comptes industriels.", "fr"),
])
def test_ordinary_words_and_traits_are_no_skill(extractor, skill_id, text, lang):
    assert skill_id not in asked(extractor, text, lang)


@pytest.mark.parametrize("text, lang, skill_id", [
    ("This role reports to our DevOps Manager.", "en", "devops"),
    ("We are looking for a frontend-developer to join us.", "en", "frontend_development"),
    ("As Java Performance Engineer you will own latency.", "en", "java"),
    ("- Consultant Knowledge Manager IA (H/F)", "fr", "artificial_intelligence"),
    ("Nous recherchons un(e) ingénieur Data BI expérimenté.", "fr", "business_intelligence"),
])
def test_a_skill_qualifying_a_role_noun_is_not_asked(extractor, text, lang, skill_id):
    assert skill_id not in asked(extractor, text + "\nPython", lang)
