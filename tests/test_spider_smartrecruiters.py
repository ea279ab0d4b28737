"""The SmartRecruiters spider on synthetic list and detail responses (tests/data/smartrecruiters)."""

import scrapy
from scrapy.utils.test import get_crawler

from jobfit.crawler.spiders.smartrecruiters import SmartRecruitersSpider
from tests.fixture_sources import DATA, normalized, response_from

LIST = "https://api.smartrecruiters.com/v1/companies/AcmeRetail/postings?limit=100&offset=0"
FOLDER = DATA / "smartrecruiters/v1/companies/AcmeRetail"


def spider():
    return SmartRecruitersSpider.from_crawler(get_crawler(SmartRecruitersSpider), board="AcmeRetail")


def test_list_requests_each_posting_detail():
    requests = list(spider().parse(response_from(FOLDER / "postings.json", LIST)))
    assert [r.url for r in requests] == [
        "https://api.smartrecruiters.com/v1/companies/AcmeRetail/postings/744000012345678",
        "https://api.smartrecruiters.com/v1/companies/AcmeRetail/postings/744000012345679"]


def test_detail_sections_become_the_description():
    s = spider()
    [request, _] = list(s.parse(response_from(FOLDER / "postings.json", LIST)))
    detail = response_from(FOLDER / "postings/744000012345678.json", request.url)
    [item] = normalized(request.callback(detail, **request.cb_kwargs))
    assert item["external_id"] == "AcmeRetail:744000012345678" and item["company"] == "Acme Retail"
    assert (item["contract"], item["remote"], item["city"], item["country"]) == ("full_time", "hybrid", "Lyon", "FR")
    assert "Description du poste\nAu sein de l'équipe" in item["description"]
    assert item["seniority"] == "senior" and item["title"] == "Data Scientist Confirmé"


def test_more_results_than_listed_requests_the_next_page():
    s = spider()
    response = response_from(FOLDER / "postings.json", LIST)
    response = response.replace(body=response.body.replace(b'"totalFound": 2', b'"totalFound": 150'))
    pages = [r for r in s.parse(response) if isinstance(r, scrapy.Request) and r.callback == s.parse]
    assert [p.url for p in pages] == [LIST.replace("offset=0", "offset=2")]


def test_a_real_list_stores_its_posting_when_the_detail_fails():
    from tests.conftest import shared_file
    from tests.fixture_sources import errback_items

    url = "https://api.smartrecruiters.com/v1/companies/KnightGayles/postings?limit=100&offset=0"
    spider = SmartRecruitersSpider.from_crawler(get_crawler(SmartRecruitersSpider), board="KnightGayles")
    [request] = list(spider.parse(response_from(shared_file("fixtures/real/smartrecruiters/"
                                                            "careerkit_knightgayles_list.json"), url)))
    [item] = normalized(errback_items(spider, request, 404))
    assert item["detail_missing"] and item["title"] and item["company"] == "Knight Gayles"
    assert item["city"] and item["posted_at"] and item["external_id"].startswith("KnightGayles:")
    assert spider.crawler.stats.get_value("jobfit/details_failed") == 1
