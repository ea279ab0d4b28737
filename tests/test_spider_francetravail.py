"""The France Travail spider: skipped without credentials, token then paged search (tests/data/francetravail)."""

import asyncio

import pytest
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from jobfit.crawler.spiders.francetravail import FranceTravailSpider
from tests.fixture_sources import DATA, normalized, response_from

SEARCH = "https://api.francetravail.io/partenaire/offresdemploi/v2/offres/search"


@pytest.fixture
def spider(monkeypatch):
    monkeypatch.setenv("FRANCE_TRAVAIL_CLIENT_ID", "id")
    monkeypatch.setenv("FRANCE_TRAVAIL_CLIENT_SECRET", "secret")
    return FranceTravailSpider.from_crawler(get_crawler(FranceTravailSpider), motsCles="data", label="ft-data")


def requests_of(spider):
    async def collect():
        return [r async for r in spider.start()]
    return asyncio.run(collect())


def test_without_credentials_the_source_is_skipped(monkeypatch):
    monkeypatch.delenv("FRANCE_TRAVAIL_CLIENT_ID", raising=False)
    monkeypatch.delenv("FRANCE_TRAVAIL_CLIENT_SECRET", raising=False)
    spider = FranceTravailSpider.from_crawler(get_crawler(FranceTravailSpider), motsCles="data")
    assert "FRANCE_TRAVAIL_CLIENT_ID" in spider.skip_reason
    assert requests_of(spider) == []


def test_token_request_posts_client_credentials(spider):
    [request] = requests_of(spider)
    assert request.method == "POST" and b"grant_type=client_credentials" in request.body
    assert b"client_id=id" in request.body and b"scope=api_offresdemploiv2" in request.body


def test_token_then_search_with_bearer_and_range(spider):
    token = response_from(DATA / "francetravail/token.json", "https://entreprise.francetravail.fr/token")
    [search] = list(spider.parse_token(token))
    assert search.headers["Authorization"] == b"Bearer synthetic-token"
    assert "motsCles=data" in search.url and "range=0-149" in search.url


def test_content_range_drives_paging(spider):
    spider.headers = {}
    body = (DATA / "francetravail/search.json").read_bytes()
    page = TextResponse(url=SEARCH + "?range=0-149", body=body, encoding="utf-8", status=206,
                        headers={"Content-Range": "offres 0-149/420"})
    out = list(spider.parse(page, search_url=SEARCH))
    assert "range=150-299" in out[-1].url
    last = TextResponse(url=SEARCH, body=body, encoding="utf-8", headers={"Content-Range": "offres 300-419/420"})
    assert all(not hasattr(r, "callback") for r in spider.parse(last, search_url=SEARCH))


def test_offers_keep_their_skills_rome_code_and_french_salary(spider):
    items = normalized(spider.parse(response_from(DATA / "francetravail/search.json", SEARCH)))
    first, interim, apprentice = items
    assert first["source_skills"] == ["Concevoir un modèle d'apprentissage automatique", "Programmer en Python"]
    assert first["rome_code"] == "M1805" and first["board"] == "ft-data"
    assert (first["salary_min"], first["salary_max"], first["salary_period"]) == (45000, 55000, "year")
    assert (first["city"], first["postal_code"], first["contract"]) == ("Lyon", "69003", "full_time")
    assert (first["experience_years"], first["education"], first["remote"]) == (3, "bac+5", "hybrid")
    assert (interim["contract"], interim["experience_years"], interim["salary_annual_min"]) == ("temporary", 0, 33600)
    assert apprentice["contract"] == "apprenticeship"
