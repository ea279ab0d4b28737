"""Apec: its partner XML export (`apec_feed`) and its website's offer search (`apec`)."""

from __future__ import annotations

import json
import re

import scrapy

from jobfit.crawler.spiders.base import FeedSpider, JobSpider

SEARCH_URL = "https://www.apec.fr/cms/webservices/rechercheOffre"
OFFER_URL = "https://www.apec.fr/candidat/recherche-emploi.html/emploi/detail-offre/{id}"
PAGE_SIZE = 20


class ApecFeedSpider(FeedSpider):
    """`-a url=` an Apec partner export (<Export_offres> of <Offre_emploi>), over http(s) or file://."""

    name = "apec_feed"
    source = "apec"
    itertag = "Offre_emploi"

    def node_posting(self, response, node):
        """One <Offre_emploi>."""
        def text(path: str) -> str | None:
            return self.node_text(node, path)

        reference = text("Reference_apec")
        return self.item(
            external_id=reference,
            board=self.label or "feed",
            title=text("Intitule"),
            company=text("Nom_entreprise"),
            location=text("Lieu/Libelle_lieu"),
            country="FR",
            contract=text("Contrat/Type_contrat"),
            salary_text=text("Salaire_affiche"),
            description_html=text("Texte_offre") or "",
            posted_at=text("Date_parution"),
            url=OFFER_URL.format(id=reference) if reference else text("URL"),
            experience_years=text("Niveau_experience"),
            raw={"statut": text("Statut"), "fonction": text("Fonction/Libelle_fonction"),
                 "secteur": text("Secteur_activite/Libelle_secteur"), "cog_lieu": text("Lieu/COG_lieu"),
                 "deplacement": text("Zone_deplacement"), "postes": text("Nombre_postes"),
                 "duree_contrat": text("Contrat/Duree_contrat")},
        )


class ApecSpider(JobSpider):
    """`-a motsCles="intelligence artificielle"` searches apec.fr (POST, paged); `-a max_pages=N` (default 10).

    The request and response shapes are assumptions (see tests/data/apec/README.md): no real capture exists offline.
    """

    name = "apec"
    lists_whole_board = True

    def __init__(self, motsCles: str = "", url: str | None = None, max_pages: str | int = 10, **kwargs):
        super().__init__(url or SEARCH_URL, **kwargs)
        self.keywords = motsCles
        self.max_pages = int(max_pages)
        self.board = self.label or motsCles or "search"

    def first_request(self, url: str) -> scrapy.Request:
        return self.page_request(url, 0)

    def page_request(self, url: str, start: int) -> scrapy.Request:
        """The POST for the results start … start+19."""
        body = {"motsCles": self.keywords, "pagination": {"range": PAGE_SIZE, "startIndex": start},
                "sorts": [{"type": "DATE", "direction": "DESCENDING"}], "activeFiltre": True, "typeClient": "CADRE",
                "lieux": [], "typesContrat": [], "niveauxExperience": []}
        return scrapy.Request(url, method="POST", body=json.dumps(body), dont_filter=True,
                              headers={"Content-Type": "application/json"}, callback=self.parse,
                              errback=self.on_error, cb_kwargs={"start": start, "search_url": url})

    def parse(self, response, start: int = 0, search_url: str | None = None):
        """One page of results, then the next while totalCount says there are more."""
        data = self.read_json(response) or {}
        results = data.get("resultats") or []
        for offer in results:
            if (item := self.guarded(response.url, self.posting, offer)) is not None:
                yield item
        following = start + PAGE_SIZE
        if results and following < (data.get("totalCount") or 0) and search_url:
            if following // PAGE_SIZE >= self.max_pages:
                self.truncated = True
                return
            yield self.page_request(search_url, following)

    def posting(self, offer: dict):
        """The posting item for one search result."""
        number = offer.get("numeroOffre")
        return self.item(
            external_id=number,
            board=self.board,
            title=offer.get("intitule"),
            company=offer.get("nomCommercial"),
            location=re.sub(r"\s*-\s*(\d{2,3}|2[AB])$", "", offer.get("lieuTexte") or "") or None,
            country="FR",
            contract=offer.get("typeContratLibelle"),
            salary_text=offer.get("salaireTexte"),
            description_html=offer.get("texteOffre") or "",
            posted_at=offer.get("datePublication"),
            url=OFFER_URL.format(id=number),
            experience_years=offer.get("experienceLibelle"),
            raw={"statut": offer.get("statutLibelle"), "lieuTexte": offer.get("lieuTexte")},
        )
