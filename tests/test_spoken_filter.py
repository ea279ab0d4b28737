"""A profile's `spoken_languages` filter: postings that ask a language the user does not speak, or at a level above
theirs, are penalised; it is not the `languages` filter (the language a posting is written in)."""

import json
import re

import pytest
from click.testing import CliRunner

from jobfit.cli import cli
from jobfit.db.postings import upsert_postings
from jobfit.db.queries import match_for
from jobfit.flow import Flow, with_explanations
from jobfit.matcher.filters import FACTORS, SPOKEN_BELOW, penalties
from jobfit.matcher.profile import ProfileError, load_profile

POSTINGS = {
    # a French posting asking fluent English, an English one asking fluent French, and CEFR levels in each language
    "fr_anglais": ("Data Scientist", "fr", "Profil recherché\n- Python et SQL au quotidien.\n- Anglais courant.\n"),
    "en_french": ("Data Scientist", "en", "Requirements\n- Python and SQL every day.\n- Fluent French.\n"),
    "fr_c1": ("Data Engineer", "fr", "Profil recherché\n- Python et SQL au quotidien.\n- Anglais niveau C1.\n"),
    "en_b2": ("Data Engineer", "en", "Requirements\n- Python and SQL every day.\n- French B2 or above.\n"),
    "none": ("ML Engineer", "en", "Requirements\n- Python and SQL every day.\n"),
}


def profile_file(tmp_path, filters: str, name="speaker"):
    path = tmp_path / f"{name}.toml"
    path.write_text(f'id = "{name}"\nname = "Speaker"\n[[skills]]\nid = "python"\ntier = "required"\n'
                    f"[filters]\n{filters}\n", encoding="utf-8")
    return path


def spoken_penalties(db_path, tmp_path, filters: str) -> dict[str, list[dict]]:
    """posting key → its spoken_languages penalties, after `match` with a profile of these filters."""
    with Flow(db_path) as flow:
        upsert_postings(flow.db, [{"id": f"t:{key}", "source": "t", "external_id": key, "title": title,
                                   "description": text, "language": lang, "content_hash": key}
                                  for key, (title, lang, text) in POSTINGS.items()])
        profile = load_profile(profile_file(tmp_path, filters))
        flow.match([profile], rescore=True)
        ids = [r[0] for r in flow.db.execute("select posting_id from matches where profile = 'speaker'")]
        # Explanations as a report reads them: stored, or rebuilt when the score was too low to store one.
        rows = with_explanations(flow.db, [match_for(flow.db, pid, "speaker") for pid in ids], profile)
    return {r["id"].removeprefix("t:"): [p for p in r["explanation"]["penalties"] if p["filter"] == "spoken_languages"]
            for r in rows}


def test_a_posting_asking_a_language_the_user_does_not_speak_is_penalised(db_path, tmp_path):
    found = spoken_penalties(db_path, tmp_path, 'spoken_languages = ["fr"]')
    [english] = found["fr_anglais"]  # "Anglais courant", in a French posting
    assert english["factor"] == FACTORS["spoken_languages"]
    assert english["reason"] == "asks fluent English, not among the languages you speak (fr)"
    assert found["fr_c1"][0]["factor"] == FACTORS["spoken_languages"]
    assert found["en_french"] == [] and found["en_b2"] == [] and found["none"] == []


def test_a_level_above_the_users_is_penalised_less_and_a_level_at_or_below_is_not(db_path, tmp_path):
    found = spoken_penalties(db_path, tmp_path, 'spoken_languages = ["fr:C1", "en:B2"]')
    [fluent] = found["fr_anglais"]  # fluent English reads as C1, above B2
    assert fluent["factor"] == SPOKEN_BELOW and fluent["reason"] == "asks fluent English, above your B2"
    [c1] = found["fr_c1"]
    assert c1["factor"] == SPOKEN_BELOW and c1["reason"] == "asks English C1, above your B2"
    assert found["en_french"] == [] and found["en_b2"] == []  # French fluent (C1) and B2: at or below C1
    assert spoken_penalties(db_path, tmp_path, 'spoken_languages = ["français", "anglais:C1"]')["fr_c1"] == []


def test_the_highest_level_a_profile_gives_a_language_counts():
    asked = {"spoken_languages": [{"language": "english", "level": "c1"}]}
    assert penalties({"spoken_languages": ["en:B2", "English:C2"]}, asked) == []
    assert penalties({"spoken_languages": ["en:B2", "anglais"]}, asked) == []  # no level: any level
    assert penalties({"spoken_languages": ["en:B2", "en:B1"]}, asked)[0]["factor"] == SPOKEN_BELOW


def test_the_posting_language_filter_is_another_filter(db_path, tmp_path):
    found = spoken_penalties(db_path, tmp_path, 'languages = ["en"]\nspoken_languages = ["en", "fr"]')
    assert all(p == [] for p in found.values())  # written in French is `languages`, never `spoken_languages`
    assert penalties({"languages": ["en"]}, {"language": "fr", "spoken_languages": '[{"language": "french"}]'}) \
        == [{"filter": "languages", "reason": "written in fr, not one of en", "factor": FACTORS["languages"]}]


def test_a_posting_asking_no_language_or_a_profile_without_the_filter_is_no_mismatch():
    asked = [{"language": "german", "level": None}]
    assert penalties({}, {"spoken_languages": asked}) == []
    assert penalties({"spoken_languages": ["en"]}, {"spoken_languages": []}) == []
    [german] = penalties({"spoken_languages": ["en"]}, {"spoken_languages": asked})
    assert german["reason"] == "asks German, not among the languages you speak (en)"


def test_the_json_report_ends_with_the_postings_spoken_languages(db_path, tmp_path):
    spoken_penalties(db_path, tmp_path, 'spoken_languages = ["fr"]')
    result = CliRunner().invoke(cli, ["report", "--db", str(db_path), "--profile", str(tmp_path / "speaker.toml"),
                                      "--format", "json"], catch_exceptions=False)
    rows = {row["id"]: row for row in json.loads(result.output)}
    assert list(rows["t:fr_anglais"])[-1] == "spoken_languages"
    assert rows["t:fr_anglais"]["spoken_languages"] == [{"language": "english", "level": "fluent"}]
    assert rows["t:en_b2"]["spoken_languages"] == [{"language": "french", "level": "b2"}]
    assert rows["t:none"]["spoken_languages"] == []


@pytest.mark.parametrize("filters, message", [
    ('languages = ["fr", "en:B2"]', "did you mean spoken_languages = [\"fr\", \"en:B2\"]?"),
    ('languages = ["anglais"]', "the languages you speak"),
    ('spoken_language = ["en"]', "did you mean 'spoken_languages'?"),
    ('langues = ["fr"]', "did you mean 'spoken_languages'?"),
    ('posting_language = ["fr"]', "did you mean 'languages'?"),
    ('spoken_languages = ["englsh"]', "unknown spoken language 'englsh'"),
    ('spoken_languages = ["englsh"]', "did you mean 'english'?"),
    ('spoken_languages = ["en:C3"]', "unknown level 'c3'"),
    ('spoken_languages = "en"', "filters.spoken_languages must be a list of strings"),
])
def test_profile_errors_tell_the_two_language_filters_apart(tmp_path, filters, message):
    with pytest.raises(ProfileError) as error:
        load_profile(profile_file(tmp_path, filters))
    assert message in str(error.value) and "line 7" in str(error.value)


@pytest.mark.parametrize("top, message", [
    ('spoken_languages = ["fr"]', "unknown key 'spoken_languages' (known: id, name, description, titles, skills, "
                                  "filters); it is a filter: put it under [filters]"),
    ('langues = ["fr"]', "did you mean [filters] spoken_languages?"),
])
def test_a_language_filter_written_above_filters_says_where_it_goes(tmp_path, top, message):
    path = tmp_path / "top.toml"
    path.write_text(f'id = "top"\n{top}\n[[skills]]\nid = "python"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match=re.escape(message)):
        load_profile(path)


def test_spoken_languages_accept_codes_names_and_levels(tmp_path):
    profile = load_profile(profile_file(tmp_path, 'spoken_languages = ["fr", "English:b2", "Anglais:C1"]\n'
                                                  'languages = ["fr", "en"]'))
    assert profile.filters["spoken_languages"] == ["fr", "English:b2", "Anglais:C1"]


@pytest.mark.parametrize("cv, spoken", [("cv_fr.md", ["fr:native", "en:c1"]), ("cv_en.txt", ["en:native", "fr:b2"])])
def test_a_profile_made_from_a_cv_speaks_its_languages_at_their_levels(tmp_path, cv, spoken):
    from jobfit.cv import profile_from_cv
    from jobfit.matcher.extract import Extractor
    from tests.conftest import TESTS

    made = profile_from_cv(TESTS / "data" / "cv" / cv, Extractor())
    assert made.spoken == spoken
    path = tmp_path / "me.toml"
    path.write_text(made.toml(), encoding="utf-8")
    profile = load_profile(path)
    assert profile.filters["spoken_languages"] == spoken and profile.filters["languages"] == made.languages
    french_c1 = penalties(profile.filters, {"spoken_languages": [{"language": "french", "level": "c1"}]})
    assert [p["factor"] for p in french_c1] == ([] if cv == "cv_fr.md" else [SPOKEN_BELOW])  # native, or B2
