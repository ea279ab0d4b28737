"""France Travail "Offres d'emploi v2" API: an OAuth2 client-credentials token, then paged searches.

Without FRANCE_TRAVAIL_CLIENT_ID and FRANCE_TRAVAIL_CLIENT_SECRET the source is skipped with one line, not failed.
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlencode

import scrapy

from jobfit.crawler.spiders.base import JobSpider

TOKEN_URL = "https://entreprise.francetravail.fr/connexion/oauth2/access_token?realm=%2Fpartenaire"
SEARCH_URL = "https://api.francetravail.io/partenaire/offresdemploi/v2/offres/search"
SCOPE = "api_offresdemploiv2 o2dsoffre"
# "Offres d'emploi v2" pages with `range=FIRST-LAST`: at most 150 offers a request, FIRST at most 1000 and LAST at
# most 1149, so one search reads at most 1,150 offers; a larger one is split into one search per department.
PAGE_SIZE = 150
LAST_START = 1000
LAST_END = 1149
PLACE_PARAMS = ("departement", "region", "commune")
DEPARTMENTS = tuple([f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B", "971", "972", "973", "974", "976"])
CONTENT_RANGE = re.compile(r"(\d+)-(\d+)/(\d+)")
SEARCH_PARAMS = ("motsCles", "departement", "region", "commune", "distance", "typeContrat", "codeROME",
                 "publieeDepuis", "qualification", "experience", "tempsPlein")
OFFER_URL = "https://candidat.francetravail.fr/offres/recherche/detail/{id}"


class FranceTravailSpider(JobSpider):
    """`-a motsCles="data scientist"` and other search parameters (departement, typeContrat, publieeDepuis…).

    `-a url=` replaces the search URL and `-a token_url=` the token endpoint (tests point both at files);
    `-a max_results=N` caps the offers read per search (default and most: 1,150, the API's limit). A search with
    more offers than that and no place is split into one search per department. A 429 answer is retried after
    its Retry-After (BackoffRetryMiddleware); the spider keeps to the documented 3 requests a second.
    """

    name = "francetravail"
    lists_whole_board = True
    # France Travail allows 3 requests a second per application.
    custom_settings = {"DOWNLOAD_DELAY": 0.34, "CONCURRENT_REQUESTS_PER_DOMAIN": 1}

    def __init__(self, url: str | None = None, token_url: str = TOKEN_URL, client_id: str | None = None,
                 client_secret: str | None = None, max_results: str | int = LAST_END + 1, **kwargs):
        self.params = {k: str(kwargs.pop(k)) for k in SEARCH_PARAMS if k in kwargs}
        super().__init__(url or SEARCH_URL, **kwargs)
        self.token_url = token_url
        self.client_id = client_id or os.environ.get("FRANCE_TRAVAIL_CLIENT_ID")
        self.client_secret = client_secret or os.environ.get("FRANCE_TRAVAIL_CLIENT_SECRET")
        self.max_results = min(int(max_results), LAST_END + 1)
        self.board = self.label or self.params.get("motsCles") or "search"
        if not (self.client_id and self.client_secret):
            self.skip_reason = ("no FRANCE_TRAVAIL_CLIENT_ID / FRANCE_TRAVAIL_CLIENT_SECRET in the environment: "
                                "France Travail skipped (register an application at francetravail.io)")

    async def start(self) -> AsyncIterator[Any]:
        if self.skip_reason:
            self.logger.info("%s", self.skip_reason)  # the run summary says it once
            return
        yield scrapy.FormRequest(
            self.token_url, callback=self.parse_token, errback=self.on_error, dont_filter=True,
            formdata={"grant_type": "client_credentials", "client_id": self.client_id,
                      "client_secret": self.client_secret, "scope": SCOPE},
        )

    def parse_token(self, response):
        """The access token, then the first page of each search."""
        token = (self.read_json(response) or {}).get("access_token")
        if not token:
            self.logger.error("francetravail: no access_token in the token response from %s", response.url)
            self.count_error(response.url, "no access_token")
            return
        self.headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        for url in self.start_urls:
            yield self.page_request(url, 0)

    def page_request(self, search_url: str, start: int, place: dict | None = None) -> scrapy.Request:
        """The request for offers start … start+149 of a search (never past the API's last index, 1149)."""
        end = min(start + PAGE_SIZE, self.max_results, LAST_END + 1) - 1
        query = urlencode({**self.params, **(place or {}), "range": f"{start}-{end}"})
        return scrapy.Request(f"{search_url}{'&' if '?' in search_url else '?'}{query}", headers=self.headers,
                              callback=self.parse, errback=self.on_error,
                              cb_kwargs={"search_url": search_url, "place": place})

    def parse(self, response, search_url: str | None = None, place: dict | None = None):
        """One page of offers, then the next range while Content-Range says there are more.

        A first page saying the search has more than 1,150 offers, for a search with no place, is followed by
        the same search in each department instead.
        """
        if response.status == 204:  # no offer matches
            return
        for offer in (self.read_json(response) or {}).get("resultats", []):
            if (item := self.guarded(response.url, self.posting, offer)) is not None:
                yield item
        match = CONTENT_RANGE.search(response.headers.get("Content-Range", b"").decode("latin-1"))
        if not (match and search_url):
            return
        start, end, total = (int(g) for g in match.groups())
        if end + 1 >= total:
            return
        if (start == 0 and total > LAST_END + 1 and place is None
                and not any(k in self.params for k in PLACE_PARAMS)):
            self.logger.info("francetravail: %d offers for one search, more than the API's 1,150: searching each "
                             "department", total)
            for department in DEPARTMENTS:
                yield self.page_request(search_url, 0, {"departement": department})
            return
        if end + 1 >= self.max_results or end + 1 > LAST_START:
            self.truncated = True  # the API serves no more of this search: nothing is closed after it
            return
        yield self.page_request(search_url, end + 1, place)

    def posting(self, offer: dict):
        """The posting item for one offer, keeping its own skill list and ROME code."""
        place = offer.get("lieuTravail") or {}
        salary = offer.get("salaire") or {}
        origin = offer.get("origineOffre") or {}
        contact = offer.get("contact") or {}
        label = place.get("libelle") or ""
        city = label.split(" - ", 1)[1] if " - " in label else None
        contract = "alternance" if offer.get("alternance") else offer.get("typeContratLibelle") or offer.get(
            "typeContrat")
        if offer.get("typeContrat") == "MIS":
            contract = "intérim"
        return self.item(
            external_id=str(offer["id"]),
            board=self.board,
            title=offer.get("intitule"),
            company=(offer.get("entreprise") or {}).get("nom"),
            location=label or None,
            city=city,
            postal_code=place.get("codePostal"),
            country="FR",
            contract=contract,
            description=offer.get("description"),
            posted_at=offer.get("dateCreation"),
            url=OFFER_URL.format(id=offer["id"]),
            apply_url=contact.get("urlPostulation") or origin.get("urlOrigine"),
            salary_text=" ".join(filter(None, [salary.get("libelle"), salary.get("commentaire")])) or None,
            experience_years=offer.get("experienceLibelle") or ("0" if offer.get("experienceExige") == "D" else None),
            education=" ".join(f.get("niveauLibelle") or "" for f in offer.get("formations") or []) or None,
            source_skills=[c["libelle"] for c in offer.get("competences") or [] if c.get("libelle")],
            rome_code=offer.get("romeCode"),
            raw={"romeLibelle": offer.get("romeLibelle"), "appellation": offer.get("appellationlibelle"),
                 "competences": offer.get("competences"), "qualification": offer.get("qualificationLibelle"),
                 "secteur": offer.get("secteurActiviteLibelle"), "duree": offer.get("dureeTravailLibelle"),
                 "natureContrat": offer.get("natureContrat"), "dateActualisation": offer.get("dateActualisation"),
                 "origine": origin.get("origine"), "partenaires": origin.get("partenaires"),
                 "latitude": place.get("latitude"), "longitude": place.get("longitude"),
                 "commune": place.get("commune")},
        )
