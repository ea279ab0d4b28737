"""The generic JSON-LD spider: sitemap entries become page requests, pages become postings."""

import pytest
from scrapy.http import HtmlResponse, XmlResponse
from scrapy.utils.test import get_crawler

from jobfit.crawler.spiders.jsonld import JsonLdSpider, external_id
from tests.conftest import TESTS

SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://jobs.example.org/jobs/1.html</loc></url>
<url><loc>https://jobs.example.org/about.html</loc></url>
</urlset>"""


def make_spider(**kwargs):
    return JsonLdSpider.from_crawler(get_crawler(JsonLdSpider), **kwargs)


def test_sitemap_url_is_read_as_a_sitemap():
    spider = make_spider(url="https://jobs.example.org/sitemap.xml")
    request = spider.first_request(spider.start_urls[0])
    assert request.callback == spider._parse_sitemap


def test_sitemap_entries_are_filtered_by_follow():
    spider = make_spider(url="https://jobs.example.org/sitemap.xml", follow="/jobs/")
    response = XmlResponse(url="https://jobs.example.org/sitemap.xml", body=SITEMAP)
    urls = [r.url for r in spider._parse_sitemap(response)]
    assert urls == ["https://jobs.example.org/jobs/1.html"]


def test_page_urls_are_requested_directly():
    spider = make_spider(url="https://a.example/jobs/1,https://a.example/jobs/2")
    assert [spider.first_request(u).callback for u in spider.start_urls] == [spider.parse, spider.parse]


def test_page_yields_one_item_per_job_posting():
    body = (TESTS / "data/site/posting_fr.html").read_bytes()
    spider = make_spider(url="https://jobs.example.org/sitemap.xml")
    [item] = list(spider.parse(HtmlResponse(url="https://jobs.example.org/jobs/ds-42?utm=x", body=body)))
    assert item["source"] == "jsonld"
    assert item["external_id"] == "jobs.example.org/jobs/ds-42"
    assert item["title"] == "Data Scientist NLP H/F"


def test_page_without_posting_is_counted_not_failed():
    body = (TESTS / "data/site/no_posting.html").read_bytes()
    spider = make_spider(url="https://jobs.example.org/about.html")
    assert list(spider.parse(HtmlResponse(url="https://jobs.example.org/about.html", body=body))) == []
    assert spider.crawler.stats.get_value("jobfit/pages_without_jobposting") == 1


@pytest.mark.parametrize("url, expected", [
    ("https://a.example/jobs/1?utm_source=x#apply", "a.example/jobs/1"),
    ("http://127.0.0.1:8000/jobs/2/", "127.0.0.1:8000/jobs/2"),
])
def test_external_id_ignores_scheme_query_and_fragment(url, expected):
    assert external_id(url) == expected
