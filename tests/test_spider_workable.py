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
