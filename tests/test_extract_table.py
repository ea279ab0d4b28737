"""The bundled table on real phrasings: mined skills, degree subjects, umbrella skills, generic words."""

import pytest

from jobfit.matcher.extract import Extractor
from jobfit.matcher.sections import split_sections
from jobfit.matcher.skills import SkillTable


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def asked(extractor, text, lang):
    return {h.skill_id for h in extractor.extract(text, lang) if not h.negated}


def test_the_table_has_at_least_1200_skills():
    assert len(SkillTable.load().skills) >= 1200


@pytest.mark.parametrize("skill_id, text, lang", [
    ("technical_documentation", "- Rédaction de documentation technique et de guides.", "fr"),
    ("technical_documentation", "- Write technical documentation for our users.", "en"),
    ("performance_optimization", "Vous menez l'optimisation des performances de l'application.", "fr"),
    ("performance_optimization", "You own performance tuning of our services.", "en"),
    ("vlm", "Experience training VLMs on video data.", "en"),
    ("multimodal_models", "Vous travaillez sur des modèles multimodaux.", "fr"),
    ("image_generation", "Tu développes des modèles de génération d'images.", "fr"),
    ("message_queues", "Experience with message queues and event-driven services.", "en"),
    ("aws_sqs", "Our stack: Amazon SQS and Lambda.", "en"),
    ("jvm", "Strong knowledge of the JVM and garbage collection.", "en"),
    ("torchscript", "Export models with TorchScript.", "en"),
    ("core_ml", "Ship on-device models with Core ML.", "en"),
    ("reward_modeling", "Research on reward models for RLHF.", "en"),
    ("fullstack_development", "Expérience en développement full stack.", "fr"),
    ("model_training", "Vous saurez entraîner des modèles de vision.", "fr"),
    ("model_deployment", "Déployer des modèles en production sur Kubernetes.", "fr"),
    ("model_deployment", "You will productionize models with our platform team.", "en"),
    ("code_review", "Participer à la relecture de code de l'équipe.", "fr"),
    ("clean_code", "You care about code quality and readable code.", "en"),
])
def test_mined_skills_are_found_in_both_languages(extractor, skill_id, text, lang):
    assert skill_id in asked(extractor, text, lang)


@pytest.mark.parametrize("text, lang, field", [
    ("Diplômé(e) d'un Bac+5 en mathématiques ou statistiques.", "fr", "mathematics"),
    ("Formation en informatique, en génie logiciel ou en statistiques.", "fr", "software_development"),
    ("BS or MS in Statistics, Mathematics or a related field.", "en", "statistics"),
    ("A degree in a quantitative field such as Mathematics or Data Science.", "en", "mathematics"),
])
def test_a_degree_subject_is_not_a_skill_asked(extractor, text, lang, field):
    assert field not in asked(extractor, text, lang)


@pytest.mark.parametrize("text, lang, field", [
    ("Solides connaissances en statistiques et en Python.", "fr", "statistics"),
    ("Strong statistics and experimental design skills.", "en", "statistics"),
])
def test_a_field_asked_as_a_skill_is_still_found(extractor, text, lang, field):
    assert field in asked(extractor, text, lang)


@pytest.mark.parametrize("text, lang, umbrella, specific", [
    ("Cloud : AWS, GCP ou Azure.", "fr", "cloud_computing", "aws"),
    ("Cloud & Infra: AWS, Kubernetes, Redis.", "en", "cloud_computing", "aws"),
    ("Bases de données : PostgreSQL, MongoDB.", "fr", "dbms", "postgresql"),
    ("Compétences en IA : machine learning et NLP.", "fr", "artificial_intelligence", "nlp"),
])
def test_an_umbrella_beside_a_specific_skill_of_its_family_is_left_out(extractor, text, lang, umbrella, specific):
    found = asked(extractor, text, lang)
    assert specific in found and umbrella not in found


@pytest.mark.parametrize("text, lang, umbrella", [
    ("Une bonne culture du cloud est attendue.", "fr", "cloud_computing"),
    ("Experience with cloud infrastructure at scale.", "en", "cloud_computing"),
])
def test_an_umbrella_alone_is_still_asked(extractor, text, lang, umbrella):
    assert umbrella in asked(extractor, text, lang)


@pytest.mark.parametrize("text, lang, skill_id", [
    ("Join us in building the AI-native workspace for finance.", "en", "artificial_intelligence"),
    ("You will work with our AI tools every day.", "en", "artificial_intelligence"),
    ("Compétences en déploiement de modèles IA.", "fr", "artificial_intelligence"),
    ("Pipeline Management: keep CRM records up to date.", "en", "data_pipelines"),
    ("Bring structure to the sales process: keep clean pipelines.", "en", "data_pipelines"),
    ("Favoriser l'expérimentation via des tests à faible risque.", "fr", "software_testing"),
    ("Work closely with ML engineers and designers.", "en", "machine_learning"),
])
def test_generic_words_are_not_skills_without_technical_context(extractor, text, lang, skill_id):
    assert skill_id not in asked(extractor, text, lang)


@pytest.mark.parametrize("text, lang, skill_id", [
    ("Solide expérience en IA et en Python.", "fr", "artificial_intelligence"),
    ("Build and run pipelines in Airflow and dbt.", "en", "data_pipelines"),
    ("Tests unitaires et tests d'intégration avec pytest : tests, revues, CI.", "fr", "software_testing"),
    ("Experience in ML and Python.", "en", "machine_learning"),
])
def test_the_same_words_in_technical_context_are_skills(extractor, text, lang, skill_id):
    assert skill_id in asked(extractor, text, lang)


@pytest.mark.parametrize("text, label", [
    ("What We Do\nOn the HD Maps team, we build pipelines with Spark.\n", "responsibilities"),
    ("L'entreprise\nAu sein de l'équipe Data, tu construis des pipelines Spark.\n", "responsibilities"),
    ("What We Do\nWe are the leading location platform for businesses.\n", "company"),
    ("Qui sommes-nous ?\nNous sommes une PME lyonnaise de 40 personnes.\n", "company"),
])
def test_a_company_heading_over_the_jobs_team_reads_as_its_work(text, label):
    assert split_sections(text)[-1].label == label


@pytest.mark.parametrize("line", ["Conditions d'accès complémentaires au poste :", "Conditions d'accès"])
def test_access_conditions_are_requirements_not_benefits(line):
    text = f"{line}\n- Maîtriser VMware et Proxmox ;\n"
    assert split_sections(text)[-1].label == "required"
