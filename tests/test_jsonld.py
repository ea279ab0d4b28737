import pytest

from jobfit.crawler.jsonld import job_postings, posting_fields
from tests.conftest import TESTS, shared_file


def test_finds_job_posting_inside_graph_and_maps_fields():
    html = (TESTS / "data/site/posting_fr.html").read_text(encoding="utf-8")
    [posting] = list(job_postings(html))
    fields = posting_fields(posting, "https://example.org/jobs/ds-42")
    assert fields["title"] == "Data Scientist NLP H/F"
    assert fields["company"] == "Exemple SAS"
    assert (fields["city"], fields["postal_code"], fields["country"]) == ("Lyon", "69002", "FR")
    assert (fields["salary_min"], fields["salary_max"], fields["salary_currency"], fields["salary_period"]) == (
        48000, 56000, "EUR", "year")
    assert fields["contract"] == "FULL_TIME"
    assert fields["url"] == "https://example.org/jobs/ds-42"
    assert fields["raw"]["identifier"] == "DS-42"


def test_page_without_posting_or_with_broken_json_yields_nothing():
    html = (TESTS / "data/site/no_posting.html").read_text(encoding="utf-8")
    assert list(job_postings(html)) == []


def test_meta_page_prefers_place_names_and_detects_remote_places():
    html = shared_file("fixtures/jsonld/jsonld_meta_software_engineer.html").read_text(encoding="utf-8")
    [posting] = list(job_postings(html))
    fields = posting_fields(posting, "https://www.metacareers.com/jobs/1")
    assert "Bellevue, WA" in fields["location"]
    assert "New York, NY" in fields["location"]
    assert fields["remote"] == "hybrid"  # some places are "Remote, US", others are offices
    assert fields["company"]


def test_neura_page_description_newlines_are_unescaped():
    html = shared_file("fixtures/jsonld/jsonld_neura_robotics_manager.html").read_text(encoding="utf-8")
    [posting] = list(job_postings(html))
    fields = posting_fields(posting, "https://neura-robotics.com/job")
    assert "\\n" not in fields["description_html"]
    assert fields["title"].startswith("Manager Ecosystem Integration")


@pytest.mark.parametrize("value, expected", [
    ({"@type": "MonetaryAmount", "currency": "EUR", "value": {"value": 600, "unitText": "DAY"}}, (600, 600, "day")),
    ({"currency": "USD", "value": 140000}, (140000, 140000, None)),
])
def test_base_salary_shapes(value, expected):
    from jobfit.crawler.jsonld import salary_fields

    fields = salary_fields({"baseSalary": value})
    assert (fields["salary_min"], fields["salary_max"], fields["salary_period"]) == expected
