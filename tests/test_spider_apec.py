"""Apec: the real partner XML export (../shared/data/fixtures/apec) and the assumed website search (tests/data/apec)."""

import json

import pytest
from scrapy.http import XmlResponse
from scrapy.utils.test import get_crawler

from jobfit.crawler.spiders.apec import ApecFeedSpider, ApecSpider
from tests.conftest import shared_file
from tests.fixture_sources import DATA, normalized, response_from

FEED_URL = "https://partners.example/apec/export.xml"


@pytest.fixture(scope="module")
def feed_items():
    spider = ApecFeedSpider.from_crawler(get_crawler(ApecFeedSpider), url=FEED_URL)
    response = response_from(shared_file("fixtures/apec/import-apec.test.input.xml"), FEED_URL, cls=XmlResponse)
    return normalized(spider._parse(response))


def test_feed_yields_every_offer_with_its_reference(feed_items):
    assert [i["external_id"] for i in feed_items] == ["177777865W", "177810729W", "177812004W", "177860843W",
                                                      "177861351W"]
    assert all(i["source"] == "apec" and i["country"] == "FR" for i in feed_items)
    assert feed_items[0]["url"] == "https://www.apec.fr/candidat/recherche-emploi.html/emploi/detail-offre/177777865W"


def test_feed_maps_french_contract_salary_experience_and_place(feed_items):
    first, second, third, fourth, fifth = feed_items
    assert {i["contract"] for i in feed_items} == {"apprenticeship"}
    assert first["title"] == "Ingénieur d'études en génie électrique" and first.get("salary_min") is None
    assert (second["salary_min"], second["salary_max"], second["salary_currency"]) == (21000, None, "EUR")
    assert (third["salary_min"], third["salary_max"], third["salary_period"]) == (18000, 22000, "year")
    assert third["city"] == "Paris"  # "PARIS 01"
    assert (first["experience_years"], fourth["experience_years"], fifth["experience_years"]) == (0, 1, 2)
    assert first["posted_at"] == "2025-12-11T09:41:41+00:00"  # Paris time to UTC
    assert "- Coordination de projet" in first["description"]


def test_search_posts_keywords_and_maps_results():
    spider = ApecSpider.from_crawler(get_crawler(ApecSpider), motsCles="intelligence artificielle")
    request = spider.first_request(spider.start_urls[0])
    assert request.method == "POST"
    assert json.loads(request.body)["motsCles"] == "intelligence artificielle"
    first, second = normalized(spider.parse(response_from(DATA / "apec/search.json", request.url)))
    assert first["external_id"] == "178000001W" and first["title"] == "Devenez Chef de projet IA - Profil indus"
    assert (first["salary_min"], first["salary_max"], first["city"]) == (45000, 55000, "Lyon")
    assert (first["contract"], first["experience_years"], first["education"]) == ("full_time", 3, "bac+5")
    assert second["remote"] == "hybrid" and second.get("salary_min") is None
