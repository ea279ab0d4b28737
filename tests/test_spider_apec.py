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
    requests = list(spider.parse(response_from(DATA / "apec/search.json", request.url)))
    assert [r.url for r in requests] == [DETAIL.format(n) for n in ("178000001W", "178000002W")]
    # what the search says is stored if a detail fails: the teaser, and the contract from its numeric code
    first, second = normalized(r.meta["jobfit_fallback"] for r in requests)
    assert first["external_id"] == "178000001W" and first["title"] == "Devenez Chef de projet IA - Profil indus"
    assert (first["salary_min"], first["salary_max"], first["city"]) == (45000, 55000, "Lyon")
    assert (first["contract"], first["experience_years"], first["education"]) == ("full_time", 3, "bac+5")
    assert second["remote"] == "hybrid" and second.get("salary_min") is None
    assert second["contract"] == "fixed_term"  # typeContrat 101887, no label


DETAIL = "https://www.apec.fr/cms/webservices/offre/public?numeroOffre={}"


def test_each_offer_is_read_whole_from_its_own_json():
    spider = ApecSpider.from_crawler(get_crawler(ApecSpider), motsCles="data")
    requests = list(spider.parse(response_from(DATA / "apec/search.json", "https://www.apec.fr/x")))
    items = []
    for request in requests:
        number = request.url.rsplit("=", 1)[1]
        detail = response_from(DATA / f"apec/offre/{number}.json", request.url).replace(request=request)
        items += normalized(request.callback(detail, **request.cb_kwargs))
    first, second = items
    teaser = requests[0].meta["jobfit_fallback"]["description_html"]
    assert len(first["description"]) > len(teaser) and "PyTorch, Docker et Kubernetes" in first["description"]
    assert first["company"] == "Acme Industrie" and first["apply_url"].endswith("/apply/178000001W")
    assert not first.get("detail_missing") and first["contract"] == "full_time"  # typeContrat 101888
    assert second["locations"] == ["Paris 08", "Nantes"] and second["city"] == "Paris"


@pytest.mark.parametrize("code, contract", [(101888, "full_time"), ("101887", "fixed_term"), (101889, "temporary"),
                                            (597137, "apprenticeship"), (597140, "apprenticeship"),
                                            (597141, "full_time"), (999999, None)])
def test_apec_contract_codes_map_through_the_table(code, contract):
    from jobfit.crawler.spiders.apec import CONTRACT_CODES, apec_code
    from jobfit.db.vocabulary import normalize_contract

    assert normalize_contract(apec_code(CONTRACT_CODES, code)) == contract
