"""HelloWork (formerly RegionJob): its partner XML feed (`hellowork_feed`) and its website search (`hellowork`)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

from jobfit.crawler.jsonld import job_postings, posting_fields
from jobfit.crawler.spiders.base import FeedSpider, JobSpider

SEARCH_URL = "https://www.hellowork.com/fr-fr/emploi/recherche.html"
OFFER_IN_URL = re.compile(r"/emplois/(\d+)\.html")


def offer_id(url: str | None) -> str | None:
    """The offer number in a HelloWork offer URL, also inside a tracking redirect's `from` parameter."""
    if not url:
        return None
    if match := OFFER_IN_URL.search(url):
        return match.group(1)
    target = parse_qs(urlsplit(url).query).get("from", [""])[0]
    match = OFFER_IN_URL.search(target)
    return match.group(1) if match else None


def offer_url(number: str) -> str:
    """The public page of an offer."""
    return f"https://www.hellowork.com/fr-fr/emplois/{number}.html"


class HelloWorkFeedSpider(FeedSpider):
    """`-a url=` a HelloWork partner feed (<root> of <job>), over http(s) or file://."""

    name = "hellowork_feed"
    source = "hellowork"
    itertag = "job"

    def node_posting(self, response, node):
        """One <job>: description, profile and benefits kept as separate sections of the text."""
        def text(tag: str) -> str | None:
            return self.node_text(node, tag)

        number = offer_id(text("url"))
        sections = [("", text("description")), ("Profil recherché", text("profile")), ("Avantages", text("benefits")),
                    ("L'entreprise", text("company_description"))]
        description = "\n\n".join(f"{head}\n{body}" if head else body for head, body in sections if body)
        return self.item(
            external_id=number or text("job_id"),
            board=self.label or "feed",
            title=text("title"),
            company=text("company_title"),
            location=", ".join(filter(None, [text("city"), text("postal_code")])) or None,
            city=text("city"),
            postal_code=text("postal_code"),
            country=text("country"),
            contract=" ".join(filter(None, [text("contract"), text("job_time") if text("contract") in (None, "CDI")
                                            and text("job_time") == "Part time" else None])),
            remote=text("remote"),
            salary_text=text("salary"),
            description=description,
            posted_at=text("publication_date"),
            url=offer_url(number) if number else text("url"),
            apply_url=text("url"),
            experience_years=text("experience"),
            education=text("education"),
            raw={"job_id": text("job_id"), "guid": text("guid"), "region": text("region"),
                 "department": text("department"), "geoloc": text("geoloc"), "qualification": text("qualification"),
                 "function": text("function"), "sector": text("sector"), "siret": text("siret"),
                 "updated_date": text("updated_date")},
        )


class HelloWorkSpider(JobSpider):
    """`-a k="data scientist" [-a l=Paris]` searches hellowork.com; offers are read from their JSON-LD.

    `-a max_pages=N` (default 5). The result-page markup is an assumption (see tests/data/hellowork/README.md).
    """

    name = "hellowork"
    lists_whole_board = True

    def __init__(self, k: str = "", l: str = "", url: str | None = None, max_pages: str | int = 5,  # noqa: E741
                 **kwargs):
        query = urlencode({key: v for key, v in (("k", k), ("l", l)) if v})
        super().__init__(url or f"{SEARCH_URL}?{query}", **kwargs)
        self.max_pages = int(max_pages)
        self.board = self.label or k or "search"

    def parse(self, response, page: int = 1):
        """A result page: every offer link, then the next page."""
        seen = set()
        for link in response.css("a[href]"):
            href = link.attrib["href"]
            if (number := offer_id(href)) and number not in seen:
                seen.add(number)
                # The result's own title is stored if the offer page fails; the page gives the whole posting.
                title = " ".join(" ".join(link.css("::text").getall()).split()) or None
                listed = self.item(external_id=number, board=self.board, title=title, url=offer_url(number))
                yield self.detail_request(response.urljoin(href), self.parse_offer, listed if title else None,
                                          number=number)
        following = response.css('a[rel="next"]::attr(href)').get()
        if following and seen:
            if page >= self.max_pages:
                self.truncated = True
                return
            yield response.follow(following, callback=self.parse, errback=self.on_error, cb_kwargs={"page": page + 1})

    def parse_offer(self, response, number: str):
        """An offer page's JobPosting JSON-LD."""
        for posting in job_postings(response.text):
            fields = posting_fields(posting, response.url)
            fields["url"] = offer_url(number)
            yield self.item(external_id=number, board=self.board, **fields)
            return
        self.logger.error("hellowork: no JobPosting JSON-LD on %s", response.url)
        fallback = response.request.meta.get("jobfit_fallback") if response.request is not None else None
        yield from self.detail_failed(response.url, "no JobPosting JSON-LD", fallback)
