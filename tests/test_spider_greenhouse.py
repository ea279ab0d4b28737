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


REAL_LIST = "https://boards-api.greenhouse.io/v1/boards/stripe/jobs"


def real_response(name, url):
    return TextResponse(url=url, body=shared_file(f"fixtures/real/greenhouse/{name}").read_bytes(), encoding="utf-8")


def test_a_real_list_without_content_carries_each_job_into_its_detail_request():
    spider = GreenhouseSpider.from_crawler(get_crawler(GreenhouseSpider), board="stripe")
    requests = list(spider.parse(real_response("cpjm_stripe_list.json", REAL_LIST)))
    assert len(requests) == 6 and all(r.callback == spider.parse_job for r in requests)
    listed = [r.meta["jobfit_fallback"] for r in requests]
    # what the list says is kept for each job: title, place, date, URL, and the company from company_name
    assert all(i["title"] and i["url"].startswith("https://") and i["posted_at"] for i in listed)
    assert {i["company"] for i in listed} == {"Stripe"} and all(i["external_id"].startswith("stripe:") for i in listed)
    assert all(i.get("location") for i in listed)


@pytest.mark.parametrize("status", [404, None])  # None: a timeout
def test_a_failed_detail_stores_the_job_its_list_describes(status):
    from tests.fixture_sources import errback_items, normalized

    spider = GreenhouseSpider.from_crawler(get_crawler(GreenhouseSpider), board="stripe")
    first, *others = list(spider.parse(real_response("cpjm_stripe_list.json", REAL_LIST)))
    [item] = normalized(errback_items(spider, first, status))
    assert item["detail_missing"] and item["title"] == first.meta["jobfit_fallback"]["title"]
    stats = spider.crawler.stats
    assert stats.get_value("jobfit/details_failed") == 1
    assert stats.get_value("jobfit/details_failed_urls") == [first.url]


def test_an_unreadable_detail_also_falls_back_to_the_list():
    spider = GreenhouseSpider.from_crawler(get_crawler(GreenhouseSpider), board="stripe")
    first = next(iter(spider.parse(real_response("cpjm_stripe_list.json", REAL_LIST))))
    broken = TextResponse(url=first.url, body=b'{"id": 1, "tit', encoding="utf-8", request=first)
    [item] = list(spider.parse_job(broken, board="stripe"))
    assert item["detail_missing"] and item["external_id"] == first.meta["jobfit_fallback"]["external_id"]
    assert spider.crawler.stats.get_value("jobfit/details_failed") == 1


def test_a_real_board_with_content_names_its_company():
    from tests.fixture_sources import normalized

    spider = GreenhouseSpider.from_crawler(get_crawler(GreenhouseSpider), board="amplitude")
    items = normalized(spider.parse(real_response("careerkit_amplitude.json", REAL_LIST.replace("stripe",
                                                                                                  "amplitude"))))
    assert len(items) == 2 and {i["company"] for i in items} == {"Amplitude"}
    assert all(len(i["description"]) > 500 and not i.get("detail_missing") for i in items)
