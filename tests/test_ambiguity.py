"""Ambiguous short names (R, Go, Spark, Chef, SAS…) on the full skill table: each rule in French and English."""

import pytest

from jobfit.matcher.extract import Extractor


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def found(extractor, text, lang):
    return {h.skill_id for h in extractor.extract(text, lang)}


# (skill id, French text naming it, English text naming it)
NAMED = [
    ("r", "Pratique de R ou de Python pour les analyses.", "Experience with R and Python for statistics."),
    ("c", "Excellente maîtrise du langage C sur microcontrôleur.", "Strong C and Linux kernel skills."),
    ("go", "Vous développez nos microservices en Go et Kubernetes.", "You write backend services in Go 1.22."),
    ("julia", "Calcul scientifique en Julia, Python ou MATLAB.", "Scientific computing in Julia or Python."),
    ("rust", "Vous codez en Rust et en C++.", "Systems programming in Rust, C++ and Linux."),
    ("scala", "Traitements Spark écrits en Scala.", "Data pipelines written in Scala and Java."),
    ("apache_spark", "Connaissance de Spark et de Hadoop.", "Hands-on experience with Spark, Kafka and Airflow."),
    ("unity", "Développement de jeux avec Unity et C#.", "Build mobile games with Unity and C#."),
    ("less_css", "Intégration HTML, CSS, LESS et JavaScript.", "Front-end stack: HTML, CSS, LESS, JavaScript."),
    ("sas", "Maîtrise de SAS et de SQL pour les études actuarielles.", "Proficiency in SAS and SQL."),
    ("excel", "Très bonne maîtrise d'Excel et de Power BI.", "Advanced knowledge of Excel and SQL."),
    ("swift", "Développement iOS en Swift et SwiftUI.", "Native iOS development in Swift and Objective-C."),
    ("ruby", "Notre backend est écrit en Ruby et PostgreSQL.", "Our backend is written in Ruby and PostgreSQL."),
    ("dart", "Applications mobiles en Dart avec Flutter.", "Mobile apps in Dart and Flutter."),
    ("elixir", "Vous codez en Elixir et Erlang.", "Experience with Elixir and PostgreSQL."),
    ("chef", "Gestion de configuration avec Chef, Puppet ou Ansible.", "Configuration management: Chef or Ansible."),
    ("puppet", "Automatisation avec Puppet et Terraform.", "Infrastructure automation with Puppet and Terraform."),
    ("tableau", "Tableaux de bord sous Tableau ou Power BI.", "Dashboards in Tableau or Power BI."),
]

# (skill id, French text where the word is not the skill, English text where it is not)
ORDINARY = [
    ("r", "Vous rejoignez notre service R&D à Lyon.", "You join our R&D team. Contact R. Smith."),
    ("c", "Permis C exigé pour la conduite des poids lourds.", "You report to the C-level executives."),
    ("go", "Go ! Rejoignez-nous pour une belle aventure.", "Go beyond your limits with our team."),
    ("julia", "Votre contact : Julia Martin, responsable RH.", "Please contact Julia Roberts in HR."),
    ("rust", "Traitement de la Rust sur les pièces métalliques.", "Rust prevention on steel parts."),
    ("scala", "Soirée à La Scala de Milan offerte.", "A night at La Scala for the team."),
    ("apache_spark", "Spark ta curiosité avec nous.", "Spark joy in your daily work."),
    ("unity", "Unity et diversité sont nos valeurs.", "Unity and diversity are at our core."),
    ("less_css", "PAS MOINS, PAS PLUS : LESS IS MORE.", "DO MORE WITH LESS EFFORT."),
    ("sas", "Exotec SAS au capital de 10 000 euros.", "Acme SAS is a French company."),
    ("excel", "Rejoignez Excel Conseil, cabinet de recrutement.", "Excel at communicating with clients."),
    ("swift", "Swift réponse attendue.", "Swift response to customer requests."),
    ("ruby", "Ruby Durand vous accueillera.", "Ruby Jones will welcome you on day one."),
    ("dart", "Dart board et baby-foot au bureau.", "Dart board and ping-pong in the office."),
    ("elixir", "Elixir de jouvence offert.", "Elixir of youth: free fruit every day."),
    ("chef", "Chef de projet informatique H/F", "We are looking for a Chef de partie for our restaurant."),
    ("puppet", "Puppet show pour les enfants.", "Puppet show for the children of employees."),
    ("tableau", "Tableau de bord mensuel des ventes.", "Tableau de bord, as our French team says."),
]


@pytest.mark.parametrize("skill_id, fr, en", NAMED, ids=[row[0] for row in NAMED])
def test_ambiguous_name_is_found_in_technical_context(extractor, skill_id, fr, en):
    assert skill_id in found(extractor, fr, "fr")
    assert skill_id in found(extractor, en, "en")


@pytest.mark.parametrize("skill_id, fr, en", ORDINARY, ids=[row[0] for row in ORDINARY])
def test_ordinary_word_is_not_the_skill(extractor, skill_id, fr, en):
    assert skill_id not in found(extractor, fr, "fr")
    assert skill_id not in found(extractor, en, "en")


@pytest.mark.parametrize("text, lang", [
    ("Le plan de formation est prévu.", "fr"), ("Plan de charge et planning de l'équipe.", "fr"),
    ("A clear career plan and training plan.", "en"), ("Plan your week with your manager.", "en"),
])
def test_plan_is_never_a_skill(extractor, text, lang):
    assert found(extractor, text, lang) == set()


@pytest.mark.parametrize("text, lang", [("Vous codez en r et en go.", "fr"), ("we go to the r shop", "en")])
def test_exact_forms_need_their_case(extractor, text, lang):
    assert not found(extractor, text, lang) & {"r", "go"}


@pytest.mark.parametrize("text, lang, skill_id", [
    ("Backend en golang.", "fr", "go"), ("Backend in golang.", "en", "go"),
    ("Pipelines Apache Spark.", "fr", "apache_spark"), ("Apache Spark pipelines.", "en", "apache_spark"),
])
def test_unambiguous_aliases_need_no_context(extractor, text, lang, skill_id):
    assert skill_id in found(extractor, text, lang)


@pytest.mark.parametrize("text, lang, whole", [
    ("Développement en C#, C++ et .NET, front en Node.js, modèles scikit-learn.", "fr",
     ["C#", "C++", ".NET", "Node.js", "scikit-learn"]),
    ("You know C#, C++ and .NET, Node.js and scikit-learn.", "en", ["C#", "C++", ".NET", "Node.js", "scikit-learn"]),
])
def test_longest_match_keeps_symbols_whole(extractor, text, lang, whole):
    assert [h.text for h in extractor.extract(text, lang)] == whole


@pytest.mark.parametrize("text, lang", [
    ("Profil\n- Python et Docker\nUn plus : Spark\n- Go", "fr"),
    ("Requirements\n- Python and Docker\nNice to have: Spark\n- Go", "en"),
])
def test_list_cues_and_lone_list_items_vouch_for_a_name(extractor, text, lang):
    assert {"apache_spark", "go"} <= found(extractor, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("Brigade\n- Chef\n- Second de cuisine\n- Commis", "fr"), ("Kitchen team\n- Chef\n- Sous-chef\n- Porter", "en"),
])
def test_a_lone_word_needs_a_technical_posting(extractor, text, lang):
    assert "chef" not in found(extractor, text, lang)


@pytest.mark.parametrize("text, lang, asked, nationality", [
    ("Anglais courant exigé. Vous connaissez le marché français.", "fr", "english", "french"),
    ("Fluent English required. You know the French healthcare system.", "en", "english", "french"),
])
def test_a_language_is_not_a_nationality(extractor, text, lang, asked, nationality):
    reading = next(extractor.read_many([(text, lang)]))
    result = {entry["language"] for entry in reading.languages}
    assert asked in result and nationality not in result
    assert not {asked, nationality} & {h.skill_id for h in reading.hits}  # spoken languages are no skills


@pytest.mark.parametrize("text, lang", [
    ("Rejoignez-nous lors de notre journée de recrutement.", "fr"), ("Join our recruitment day in Paris.", "en"),
])
def test_recruitment_events_are_not_the_skill(extractor, text, lang):
    assert "recruitment" not in found(extractor, text, lang)
