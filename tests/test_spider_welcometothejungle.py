"""Welcome to the Jungle: a company jobs page, then JobPosting JSON-LD job pages (tests/data, synthetic)."""

from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from jobfit.crawler.spiders.welcometothejungle import WelcomeToTheJungleSpider
from tests.fixture_sources import DATA, normalized, response_from

COMPANY = "https://www.welcometothejungle.com/fr/companies/acme-ai/jobs"
FOLDER = DATA / "welcometothejungle/fr/companies/acme-ai"


def spider():
    return WelcomeToTheJungleSpider.from_crawler(get_crawler(WelcomeToTheJungleSpider), board="acme-ai")


def test_board_builds_the_company_url():
    assert spider().start_urls == [COMPANY]


def test_company_page_follows_job_links():
    page = response_from(FOLDER / "jobs.html", COMPANY + ".html", cls=HtmlResponse)
    urls = [r.url for r in spider().parse(page)]
    assert urls == [COMPANY + "/machine-learning-engineer-llm_paris.html",
                    COMPANY + "/stage-research-scientist_paris.html"]


def test_job_page_becomes_a_posting():
    url = COMPANY + "/stage-research-scientist_paris"
    page = response_from(FOLDER / "jobs/stage-research-scientist_paris.html", url, cls=HtmlResponse)
    [item] = normalized(spider().parse(page))
    assert item["external_id"] == "acme-ai:stage-research-scientist_paris" and item["board"] == "acme-ai"
    assert (item["company"], item["contract"], item["seniority"], item["education"]) == (
        "Acme AI", "internship", "intern", "phd")
    assert item["posted_at"] == "2025-11-18T09:00:00+00:00"
