"""The Workable spider on a synthetic widget-API response (tests/data/workable)."""

from scrapy.utils.test import get_crawler

from jobfit.crawler.spiders.workable import WorkableSpider
from tests.fixture_sources import DATA, normalized, response_from

URL = "https://apply.workable.com/api/v1/widget/accounts/huggingface?details=true"


def test_jobs_map_to_postings_with_the_account_name():
    spider = WorkableSpider.from_crawler(get_crawler(WorkableSpider), board="huggingface")
    first, second = normalized(spider.parse(response_from(DATA / "workable/huggingface.json", URL)))
    assert first["external_id"] == "huggingface:A1B2C3D4E5" and first["company"] == "Hugging Face"
    assert (first["remote"], first["contract"], first["education"]) == ("remote", "full_time", "bac+5")
    assert first["location"] == "Paris, Île-de-France, France"
    assert first["locations"] == ["Paris, Île-de-France, France", "New York, NY, United States"]
    assert (first["city"], first["country"]) == ("Paris", "FR")
    assert first["experience_years"] == 5  # from the text: "5+ years of experience"
    assert second["education"] == "bac+3" and second["experience_years"] == 2


def test_board_argument_builds_the_widget_url():
    assert WorkableSpider(board="huggingface").start_urls == [URL]


def real(name, account):
    from tests.conftest import shared_file

    spider = WorkableSpider.from_crawler(get_crawler(WorkableSpider), board=account)
    url = f"https://apply.workable.com/api/v1/widget/accounts/{account}"
    return normalized(spider.parse(response_from(shared_file(f"fixtures/real/workable/{name}"), url)))


def test_a_job_listed_once_per_location_is_one_posting_with_every_place():
    [job] = real("careerkit_zaelab.json", "zaelab")  # one shortcode, listed in Spain then in Portugal
    assert job["external_id"] == "zaelab:DD136DD7E7" and job["company"] == "Zaelab"
    assert job["locations"] == ["Spain", "Portugal"] and job["location"] == "Spain" and job["country"] == "ES"
    assert job["remote"] == "remote"


def test_a_real_board_without_details_keeps_hidden_places_when_they_are_all_it_has():
    jobs = real("cpjm_huggingface.json", "huggingface")
    assert len(jobs) == 3 and {j["company"] for j in jobs} == {"Hugging Face"}
    xet = next(j for j in jobs if j["external_id"] == "huggingface:F4C096B22E")
    assert (xet["city"], xet["country"], xet["contract"]) == ("Paris", "FR", "full_time")
