"""HelloWork: the real partner XML feed (../shared/data/fixtures/hellowork) and the assumed website search pages."""

import pytest
from scrapy.http import HtmlResponse, XmlResponse
from scrapy.utils.test import get_crawler

from jobfit.crawler.spiders.hellowork import HelloWorkFeedSpider, HelloWorkSpider, offer_id
from tests.conftest import shared_file
from tests.fixture_sources import DATA, normalized, response_from

SEARCH = "https://www.hellowork.com/fr-fr/emploi/recherche.html?k=ia"


@pytest.fixture(scope="module")
def feed_items():
    url = "https://partners.example/hellowork.xml"
    spider = HelloWorkFeedSpider.from_crawler(get_crawler(HelloWorkFeedSpider), url=url)
    response = response_from(shared_file("fixtures/hellowork/import-hello-work.test.input.xml"), url, cls=XmlResponse)
    return normalized(spider._parse(response))


def test_feed_ids_come_from_the_public_offer_number(feed_items):
    assert len(feed_items) == 5
    assert feed_items[0]["external_id"] == "41990977"
    assert feed_items[0]["url"] == "https://www.hellowork.com/fr-fr/emplois/41990977.html"


def test_feed_maps_remote_contract_experience_and_paris_time(feed_items):
    assert feed_items[0]["remote"] == "onsite" and feed_items[2]["remote"] == "hybrid"
    assert {i["contract"] for i in feed_items} == {"full_time"}
    first = feed_items[0]
    assert (first["city"], first["postal_code"], first["country"]) == ("Vincennes", "94300", "FR")
    assert first["experience_years"] == 7 and first["posted_at"] == "2024-01-30T22:21:39+00:00"
    assert "Profil recherché\n-   Expert du conseil" in first["description"]
    assert feed_items[3]["education"] == "bac+5"


def test_search_page_follows_each_offer_once():
    spider = HelloWorkSpider.from_crawler(get_crawler(HelloWorkSpider), k="ia")
    page = response_from(DATA / "hellowork/fr-fr/emploi/recherche.html", SEARCH, cls=HtmlResponse)
    requests = list(spider.parse(page))
    assert [r.url for r in requests] == ["https://www.hellowork.com/fr-fr/emplois/51000001.html",
                                         "https://www.hellowork.com/fr-fr/emplois/51000002.html"]


def test_offer_page_json_ld_becomes_a_posting():
    spider = HelloWorkSpider.from_crawler(get_crawler(HelloWorkSpider), k="ia")
    url = "https://www.hellowork.com/fr-fr/emplois/51000001.html"
    page = response_from(DATA / "hellowork/fr-fr/emplois/51000001.html", url, cls=HtmlResponse)
    [item] = normalized(spider.parse_offer(page, number="51000001"))
    assert item["external_id"] == "51000001" and item["source"] == "hellowork" and item["board"] == "ia"
    assert (item["company"], item["city"], item["postal_code"]) == ("Acme Robotique", "Lyon", "69003")
    assert (item["salary_annual_min"], item["contract"]) == (48000, "full_time")


def test_offer_id_reads_tracking_redirects():
    tracking = "https://r.example/redirect?from=https%3A%2F%2Fwww.hellowork.com%2Ffr-fr%2Femplois%2F42.html"
    assert offer_id(tracking) == "42"
    assert offer_id("https://example.org/") is None


def test_an_offer_page_that_fails_leaves_the_result_stored_from_the_search_page():
    from tests.fixture_sources import errback_items

    spider = HelloWorkSpider.from_crawler(get_crawler(HelloWorkSpider), k="ia")
    page = response_from(DATA / "hellowork/fr-fr/emploi/recherche.html", SEARCH, cls=HtmlResponse)
    first, second = list(spider.parse(page))
    [item] = normalized(errback_items(spider, first, 404))
    assert (item["external_id"], item["title"]) == ("51000001", "Ingénieur Machine Learning")
    assert item["detail_missing"] and item["url"] == "https://www.hellowork.com/fr-fr/emplois/51000001.html"
    # a page without JSON-LD: the result's fields too, counted as a failed detail
    empty = HtmlResponse(url=second.url, body=b"<html><body>Offre expiree</body></html>", request=second)
    [item] = list(spider.parse_offer(empty, number="51000002"))
    assert item["title"].startswith("Consultant Data IA") and spider.crawler.stats.get_value(
        "jobfit/details_failed") == 2
