"""Workday career sites, through their CXS search endpoint (POST …/wday/cxs/TENANT/SITE/jobs, paged)."""

from __future__ import annotations

import json
import re

import scrapy

from jobfit.crawler.normalize.location import location_code
from jobfit.crawler.spiders.base import BoardSpider

PAGE_SIZE = 20
SITE_IN_URL = re.compile(r"/wday/cxs/([^/]+)/([^/?#]+)")
REQ_ID_IN_PATH = re.compile(r"_([A-Za-z0-9-]+)$")
COUNTED_PLACES = re.compile(r"^\d+ (Locations?|Standorte|sites|lieux)$", re.IGNORECASE)  # "3 Locations"


class WorkdaySpider(BoardSpider):
    """`-a tenant=T -a site=S [-a host=wd3]` (e.g. criteo, Criteo, wd3) or `-a url=` a CXS jobs URL.

    `-a search=TEXT` filters; `-a company=NAME`; `-a max_pages=N` (default 50).
    """

    name = "workday"
    board_in_url = re.compile(r"/wday/cxs/([^/]+/[^/?#]+)")

    def __init__(self, tenant: str | None = None, site: str | None = None, host: str = "wd3",
                 search: str = "", max_pages: str | int = 50, url: str | None = None, **kwargs):
        if tenant and site and not url:
            url = f"https://{tenant}.{host}.myworkdayjobs.com/wday/cxs/{tenant}/{site}/jobs"
        board = f"{tenant}/{site}" if tenant and site else kwargs.pop("board", None)
        super().__init__(board=board, url=url, **kwargs)
        self.search = search
        self.max_pages = int(max_pages)
        self.tenant = tenant

    def first_request(self, url: str) -> scrapy.Request:
        return self.page_request(url, 0)

    def page_request(self, list_url: str, offset: int) -> scrapy.Request:
        """The POST for one page of search results."""
        body = {"appliedFacets": {}, "limit": PAGE_SIZE, "offset": offset, "searchText": self.search}
        return scrapy.Request(list_url, method="POST", body=json.dumps(body), callback=self.parse,
                              errback=self.on_error, headers={"Content-Type": "application/json",
                                                              "Accept": "application/json"},
                              cb_kwargs={"offset": offset, "list_url": list_url}, dont_filter=True)

    def parse(self, response, offset: int = 0, list_url: str | None = None, total: int | None = None):
        """One page of results: a detail request per job, then the next page while the total says there is one."""
        list_url = list_url or response.url
        board = self.board_of(list_url)
        data = self.read_json(response) or {}
        postings = data.get("jobPostings") or []
        total = total if total is not None else data.get("total") or 0  # later pages may report 0
        for job in postings:
            if not job.get("externalPath"):
                continue
            listed = self.guarded(list_url, self.posting, {}, board, {**job, "list_url": list_url})
            yield self.detail_request(detail_url(list_url, job["externalPath"]), self.parse_job, listed,
                                      board=board, summary=job)
        following = offset + PAGE_SIZE
        if postings and following < total:
            if following // PAGE_SIZE >= self.max_pages:
                self.truncated = True
                return
            request = self.page_request(list_url, following)
            request.cb_kwargs["total"] = total
            yield request

    def parse_job(self, response, board: str, summary: dict):
        """One job's detail: description, location, time type, requisition id."""
        yield from self.with_detail(response, self.posting, board, summary)

    def posting(self, data: dict, board: str, summary: dict):
        """The posting item for one CXS job detail with its search-result summary (or the summary alone)."""
        info = data.get("jobPostingInfo") or {}
        country = (info.get("country") or {}).get("descriptor")
        listed = summary.get("locationsText")
        places = [info.get("location") or (listed if listed and not COUNTED_PLACES.match(listed) else None)]
        places += list(info.get("additionalLocations") or [])
        places = [p for p in places if p]
        coded = location_code(places[0]) if places else {}
        return self.item(
            external_id=f"{board}:{info.get('jobReqId') or job_key(summary['externalPath'])}",
            board=board,
            title=info.get("title") or summary.get("title"),
            company=self.company or (data.get("hiringOrganization") or {}).get("name") or self.tenant or board,
            location=places[0] if places else None,
            locations=places or None,
            city=coded.get("city"),
            country=country or coded.get("country"),
            remote=info.get("remoteType"),
            contract=info.get("timeType"),
            description_html=info.get("jobDescription") or "",
            posted_at=info.get("startDate") or info.get("postedOn") or summary.get("postedOn"),
            url=info.get("externalUrl") or public_url(summary.get("list_url"), summary["externalPath"]),
            apply_url=info.get("externalUrl"),
            raw={"jobReqId": info.get("jobReqId"), "bulletFields": summary.get("bulletFields"),
                 "postedOn": info.get("postedOn") or summary.get("postedOn")},
        )


def public_url(list_url: str | None, external_path: str) -> str | None:
    """A job's public page from its CXS list URL (https://T.wd3.myworkdayjobs.com/wday/cxs/T/SITE/jobs)."""
    match = re.match(r"(https?://[^/]+)/wday/cxs/[^/]+/([^/?#]+)", list_url or "")
    return f"{match.group(1)}/{match.group(2)}/{external_path.strip('/')}" if match else None


def job_key(external_path: str) -> str:
    """A job's id in its externalPath ("/job/Paris/ML-Engineer_R0012345" -> R0012345), the path when it has none."""
    match = REQ_ID_IN_PATH.search(external_path.rstrip("/"))
    return match.group(1) if match else external_path


def detail_url(list_url: str, external_path: str) -> str:
    """The CXS detail URL of a job: the site URL plus its externalPath (.json kept for file:// fixtures)."""
    base = list_url.split("?", 1)[0]
    suffix = ".json" if base.endswith(".json") else ""
    site = base[:-len("/jobs" + suffix)] if base.endswith("/jobs" + suffix) else base.rsplit("/", 1)[0]
    return f"{site}/{external_path.strip('/')}{suffix}"
