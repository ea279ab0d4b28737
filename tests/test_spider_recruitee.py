"""The Recruitee spider on a synthetic offers-API response (tests/data/recruitee)."""

from scrapy.utils.test import get_crawler

from jobfit.crawler.spiders.recruitee import RecruiteeSpider
from tests.fixture_sources import DATA, normalized, response_from

URL = "https://acmevision.recruitee.com/api/offers/"


def test_offers_map_flags_salary_and_requirements():
    spider = RecruiteeSpider.from_crawler(get_crawler(RecruiteeSpider), board="acmevision")
    engineer, intern = normalized(spider.parse(response_from(DATA / "recruitee/acmevision.json", URL)))
    assert engineer["external_id"] == "acmevision:1800001" and engineer["board"] == "acmevision"
    assert engineer["title"] == "Computer Vision Engineer"
    assert (engineer["remote"], engineer["contract"], engineer["seniority"]) == ("hybrid", "full_time", "senior")
    assert (engineer["salary_annual_min"], engineer["salary_annual_max"]) == (55000, 65000)
    assert (engineer["postal_code"], engineer["education"]) == ("75010", "bac+5")
    assert engineer["posted_at"] == "2025-11-05T09:30:00+00:00"
    assert (intern["remote"], intern["contract"], intern["seniority"]) == ("onsite", "internship", "intern")
    assert intern.get("salary_min") is None
