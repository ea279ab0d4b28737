"""The Greenhouse spider on the documented examples of the Job Board API (../shared/data/fixtures/greenhouse)."""

import pytest
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from jobfit.crawler.pipelines import NormalizePipeline
from jobfit.crawler.spiders.greenhouse import GreenhouseSpider
from tests.conftest import shared_file

LIST_URL = "https://boards-api.greenhouse.io/v1/boards/vaulttec/jobs"


def response(name, url):
    return TextResponse(url=url, body=shared_file(f"fixtures/greenhouse/{name}").read_bytes(), encoding="utf-8")


@pytest.fixture
def spider():
    return GreenhouseSpider.from_crawler(get_crawler(GreenhouseSpider), board="vaulttec", company="Vault-Tec")


def test_list_with_content_yields_items(spider):
    [item] = list(spider.parse(response("list_jobs_content_true.json", LIST_URL + "?content=true")))
    item = NormalizePipeline().process_item(item)
    assert item["external_id"] == "vaulttec:127817"
    assert item["title"] == "Vault Designer"
    assert item["company"] == "Vault-Tec"
    assert item["location"] == "NYC"
    # the documented content is double-escaped HTML: it must come out as text, without tags or entities
    assert item["description"].startswith("This is the job description.")
    assert "<p>" not in item["description"] and "&lt;" not in item["description"]
    assert item["url"] == "https://boards.greenhouse.io/vaulttec/jobs/127817"


def test_list_without_content_requests_each_detail(spider):
    [request] = list(spider.parse(response("list_jobs.json", LIST_URL)))
    assert request.url == LIST_URL + "/127817?pay_transparency=true"
    assert request.callback == spider.parse_job


def test_detail_maps_pay_ranges_from_cents(spider):
    [item] = list(spider.parse_job(response("retrieve_job.json", LIST_URL + "/127817"), board="vaulttec"))
    assert (item["salary_min"], item["salary_max"], item["salary_currency"]) == (50000, 75000, "USD")
    assert item["external_id"] == "vaulttec:44444"


def test_board_argument_builds_the_api_url():
    spider = GreenhouseSpider(board="dataiku")
    assert spider.start_urls == ["https://boards-api.greenhouse.io/v1/boards/dataiku/jobs?content=true"]


def test_spider_without_board_or_url_says_what_it_needs():
    with pytest.raises(ValueError, match="needs a start URL"):
        GreenhouseSpider()
