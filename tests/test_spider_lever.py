"""The Lever spider on a synthetic postings-API response (tests/data/lever, from the API's field table)."""

import pytest
from scrapy.utils.test import get_crawler

from jobfit.crawler.spiders.lever import LeverSpider
from tests.fixture_sources import DATA, normalized, response_from

URL = "https://api.lever.co/v0/postings/acme-ai?mode=json"


@pytest.fixture(scope="module")
def items():
    spider = LeverSpider.from_crawler(get_crawler(LeverSpider), board="acme-ai", company="Acme AI")
    return {i["external_id"].rsplit("-", 1)[-1]: i
            for i in normalized(spider.parse(response_from(DATA / "lever/acme-ai.json", URL)))}


def test_each_posting_maps_title_contract_remote_and_salary(items):
    senior = items["3b1f0a6d0001"]
    assert senior["title"] == "Senior Machine Learning Engineer"
    assert (senior["contract"], senior["remote"], senior["seniority"]) == ("full_time", "hybrid", "senior")
    assert (senior["salary_min"], senior["salary_max"], senior["salary_period"]) == (70000, 90000, "year")
    assert senior["posted_at"] == "2025-10-28T08:26:40+00:00"
    assert senior["board"] == "acme-ai" and senior["company"] == "Acme AI"


def test_lists_become_headed_bullets(items):
    text = items["3b1f0a6d0001"]["description"]
    assert "Requirements\n- Python\n- PyTorch" in text


def test_intern_monthly_pay_and_day_rate_are_annualised(items):
    intern = items["3b1f0a6d0002"]
    assert (intern["contract"], intern["salary_period"], intern["salary_annual_min"]) == ("internship", "month", 16800)
    assert intern["title"] == "Stage - Data Scientist NLP"
    freelance = items["3b1f0a6d0003"]
    assert (freelance["contract"], freelance["remote"]) == ("freelance", "remote")
    assert (freelance["salary_min"], freelance["salary_period"]) == (650, "day")


def test_eu_flag_uses_the_eu_host():
    assert LeverSpider(board="x", eu="1").start_urls == ["https://api.eu.lever.co/v0/postings/x?mode=json"]


def test_delay_argument_sets_the_sources_own_download_delay():
    from scrapy.crawler import Crawler

    crawler = Crawler(LeverSpider)  # settings not yet frozen, as when a crawl creates its spider
    LeverSpider.from_crawler(crawler, board="x", delay="2.5")
    assert crawler.settings.getfloat("DOWNLOAD_DELAY") == 2.5


def real(name, site):
    import json

    from tests.conftest import shared_file

    return json.loads(shared_file(f"fixtures/real/lever/{name}").read_text(encoding="utf-8")), site


def lever_items(jobs, site):
    import json

    from scrapy.http import TextResponse

    spider = LeverSpider.from_crawler(get_crawler(LeverSpider), board=site)
    body = json.dumps(jobs).encode()
    return normalized(spider.parse(TextResponse(url=f"https://api.lever.co/v0/postings/{site}?mode=json", body=body,
                                                encoding="utf-8")))


def test_real_postings_read_opening_body_lists_and_additional_once():
    jobs, site = real("cpjm_leverdemo.json", "leverdemo")
    items = lever_items(jobs, site)
    assert len(items) == 6
    writer = items[0]
    assert "Qualifications\n- be smart" in writer["description"]
    assert writer["description"].count("Welcome to the Demo Job Listing") == 1  # the opening, not twice
    assert "you will never find a job better" in writer["description"]  # `additional`
    assert writer["locations"] == ["Arlington, TX"] and writer["remote"] == "hybrid"


def test_postings_with_only_plain_text_get_their_whole_description():
    jobs, site = real("careerkit_idealist.json", "idealistconsulting")
    html_fields = ("opening", "description", "descriptionBody", "additional")
    plain = [{k: v for k, v in job.items() if k not in html_fields} for job in jobs]
    full, only_plain = lever_items(jobs, site), lever_items(plain, site)
    for a, b in zip(full, only_plain):
        assert len(b["description"]) > 0.8 * len(a["description"])
    assert jobs[0]["additionalPlain"][:40] in only_plain[0]["description"]
    # the lists alone still give text
    lists_only = [{k: v for k, v in job.items() if k not in html_fields and not k.endswith("Plain")} for job in jobs]
    first = lever_items(lists_only, site)[0]
    assert first["description"].startswith(jobs[0]["lists"][0]["text"])
