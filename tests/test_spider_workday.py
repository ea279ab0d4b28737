"""The Workday spider: CXS search by POST with paging, then one detail per job (tests/data/workday, synthetic)."""

import json

import scrapy
from scrapy.utils.test import get_crawler

from jobfit.crawler.spiders.workday import WorkdaySpider, detail_url
from tests.fixture_sources import DATA, normalized, response_from

SITE = "https://criteo.wd3.myworkdayjobs.com/wday/cxs/criteo/Criteo"
FOLDER = DATA / "workday/wday/cxs/criteo/Criteo"


def spider(**kwargs):
    return WorkdaySpider.from_crawler(get_crawler(WorkdaySpider), tenant="criteo", site="Criteo", **kwargs)


def test_first_request_is_a_post_with_paging_body():
    s = spider(search="machine learning")
    request = s.first_request(s.start_urls[0])
    assert request.method == "POST" and request.url == SITE + "/jobs"
    assert json.loads(request.body) == {"appliedFacets": {}, "limit": 20, "offset": 0, "searchText": "machine learning"}


def test_search_page_requests_details_then_the_next_page():
    s = spider()
    response = response_from(FOLDER / "jobs.json", SITE + "/jobs")
    response = response.replace(body=response.body.replace(b'"total": 2', b'"total": 45'))
    out = list(s.parse(response, offset=0, list_url=SITE + "/jobs"))
    details = [r for r in out if r.callback == s.parse_job]
    pages = [r for r in out if r.callback == s.parse]
    assert details[0].url == SITE + "/job/Paris/Senior-Machine-Learning-Engineer_R0012345"
    assert [json.loads(p.body)["offset"] for p in pages] == [20]
    assert pages[0].cb_kwargs["total"] == 45


def test_page_cap_marks_the_listing_truncated():
    s = spider(max_pages=1)
    response = response_from(FOLDER / "jobs.json", SITE + "/jobs")
    response = response.replace(body=response.body.replace(b'"total": 2', b'"total": 45'))
    out = list(s.parse(response, offset=0, list_url=SITE + "/jobs"))
    assert not [r for r in out if isinstance(r, scrapy.Request) and r.callback == s.parse]
    assert s.truncated


def test_detail_maps_to_a_posting():
    s = spider()
    path = "/job/Paris/Senior-Machine-Learning-Engineer_R0012345"
    response = response_from(FOLDER / f"{path[1:]}.json", SITE + path)
    [item] = normalized(s.parse_job(response, board="criteo/Criteo", summary={"externalPath": path}))
    assert item["external_id"] == "criteo/Criteo:R0012345" and item["company"] == "Criteo"
    assert (item["contract"], item["remote"], item["country"], item["city"]) == ("full_time", "hybrid", "FR", "Paris")
    assert item["posted_at"] == "2025-11-20" and item["seniority"] == "senior"


def test_detail_url_keeps_a_fixture_suffix():
    assert detail_url(SITE + "/jobs", "/job/A_1") == SITE + "/job/A_1"
    assert detail_url("file:///x/Criteo/jobs.json", "/job/A_1") == "file:///x/Criteo/job/A_1.json"


def test_a_real_list_keeps_each_job_when_its_detail_fails():
    from tests.conftest import shared_file
    from tests.fixture_sources import errback_items

    site = "https://salesforce.wd12.myworkdayjobs.com/wday/cxs/salesforce/External_Career_Site"
    s = WorkdaySpider.from_crawler(get_crawler(WorkdaySpider), tenant="salesforce", site="External_Career_Site",
                                   company="Salesforce")
    requests = list(s.parse(response_from(shared_file("fixtures/real/workday/careerkit_salesforce_list.json"),
                                          site + "/jobs"), offset=0, list_url=site + "/jobs"))
    assert len(requests) == 2
    [item] = normalized(errback_items(s, requests[0], None))  # a timeout
    # the id is the requisition in the externalPath, the one the detail's jobReqId gives: filled in later
    assert item["external_id"] == "salesforce/External_Career_Site:JR354232" and item["detail_missing"]
    assert item["title"].startswith("Solution Architect") and item.get("location") is None  # "3 Locations"
    assert item["posted_at"]  # "Posted Yesterday"


def test_a_location_code_becomes_city_and_country():
    s = spider()
    path = "/job/Reston/Data-Scientist_JR1"
    detail = {"jobPostingInfo": {"title": "Data Scientist", "jobReqId": "JR1", "location": "USA.VA.Reston",
                                 "additionalLocations": ["Bangalore, India"], "jobDescription": "<p>ML</p>"}}
    [item] = normalized([s.posting(detail, "criteo/Criteo", {"externalPath": path})])
    assert (item["city"], item["country"]) == ("Reston", "US")
    assert item["locations"] == ["USA.VA.Reston", "Bangalore, India"]


def test_a_listed_job_gets_its_public_url_from_the_cxs_host():
    from jobfit.crawler.spiders.workday import public_url

    assert public_url(SITE + "/jobs", "/job/Paris/ML_R1") == "https://criteo.wd3.myworkdayjobs.com/Criteo/job/Paris/ML_R1"
    assert public_url("file:///x/jobs.json", "/job/A_1") is None
