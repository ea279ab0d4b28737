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


def page(start, end, total, url=SEARCH):
    body = (DATA / "francetravail/search.json").read_bytes()
    return TextResponse(url=url, body=body, encoding="utf-8", status=206,
                        headers={"Content-Range": f"offres {start}-{end}/{total}"})


def test_ranges_stop_at_the_documented_limits(spider):
    # at most 150 per request, the first index at most 1000 and the last at most 1149: 1,150 offers per search
    spider.headers, spider.params["departement"] = {}, "75"
    following = [r for r in spider.parse(page(900, 999, 1500), search_url=SEARCH) if hasattr(r, "callback")]
    assert [r.url.split("range=")[1] for r in following] == ["1000-1149"]
    assert not [r for r in spider.parse(page(1000, 1149, 1500), search_url=SEARCH) if hasattr(r, "callback")]
    assert spider.truncated


def test_a_search_larger_than_the_api_serves_is_split_by_department(spider):
    spider.headers = {}
    following = [r for r in spider.parse(page(0, 149, 4200), search_url=SEARCH) if hasattr(r, "callback")]
    departments = [r.cb_kwargs["place"]["departement"] for r in following]
    assert len(departments) == 101 and {"75", "2A", "974"} <= set(departments) and "20" not in departments
    assert all("range=0-149" in r.url and "motsCles=data" in r.url for r in following)
    # a department's own pages go on with its place, and it is never split again
    paris = [r for r in spider.parse(page(0, 149, 1300), search_url=SEARCH, place={"departement": "75"})
             if hasattr(r, "callback")]
    assert len(paris) == 1 and "departement=75" in paris[0].url and "range=150-299" in paris[0].url


def test_offer_fields_read_are_the_documented_ones():
    # the "Offres d'emploi v2" offer fields this spider reads (francetravail.io API reference)
    documented = {"id", "intitule", "description", "dateCreation", "dateActualisation", "lieuTravail", "romeCode",
                  "romeLibelle", "appellationlibelle", "entreprise", "typeContrat", "typeContratLibelle",
                  "natureContrat", "experienceExige", "experienceLibelle", "formations", "competences", "salaire",
                  "dureeTravailLibelle", "alternance", "contact", "origineOffre", "qualificationLibelle",
                  "secteurActiviteLibelle"}
    import inspect
    import re

    source = inspect.getsource(FranceTravailSpider.posting)
    read = set(re.findall(r'offer(?:\["|\.get\(")(\w+)', source))
    assert read and read <= documented


def test_a_429_answer_is_retried_after_its_retry_after(tmp_path):
    # France Travail answers 429 Too Many Requests past its rate limit: the crawl waits Retry-After, then reads
    import sqlite3

    from tests.faultserver import FaultServer, Reply
    from tests.fixture_sources import crawl

    body = (DATA / "francetravail/search.json").read_bytes()
    answers = [Reply(429, headers={"Retry-After": "1"}),
               Reply(206, body, {"Content-Type": "application/json", "Content-Range": "offres 0-2/3"})]
    with FaultServer({"/v2/offres/search": lambda n: answers[min(n, 2) - 1]}) as server:
        result = crawl(tmp_path / "ft.db", [("francetravail", {
            "url": server.base_url + "/v2/offres/search", "token_url": (DATA / "francetravail/token.json").as_uri(),
            "client_id": "synthetic", "client_secret": "synthetic", "motsCles": "data"})], tmp_path)
        times = server.times("/v2/offres/search")
    assert result.returncode == 0, result.stderr
    assert len(times) == 2 and times[1] - times[0] >= 0.9
    with sqlite3.connect(tmp_path / "ft.db") as conn:
        assert conn.execute("select count(*) from postings where source = 'francetravail'").fetchone()[0] == 3
