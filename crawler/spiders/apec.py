"""Apec: its partner XML export (`apec_feed`) and its website's offer search (`apec`)."""

from __future__ import annotations

import json
import re

import scrapy

from jobfit.crawler.spiders.base import FeedSpider, JobSpider

SEARCH_URL = "https://www.apec.fr/cms/webservices/rechercheOffre"
DETAIL_URL = "https://www.apec.fr/cms/webservices/offre/public?numeroOffre={id}"
OFFER_URL = "https://www.apec.fr/candidat/recherche-emploi.html/emploi/detail-offre/{id}"
PAGE_SIZE = 20

# apec.fr's own ids for its contract types, as its search filter `typesContrat` and its answers' `typeContrat` give
# them without a label; read into jobfit's vocabulary by normalize_contract.
CONTRACT_CODES = {
    101887: "CDD", 101888: "CDI", 101889: "intérim", 101930: "intérim",
    597137: "apprentissage", 597138: "contrat de professionnalisation",
    597139: "apprentissage", 597140: "contrat de professionnalisation", 597141: "CDI",
}


def apec_code(table: dict[int, str], value) -> str | None:
    """The label of one of apec.fr's numeric codes (101888, "101888"); a text value is returned as it is."""
    if value in (None, ""):
        return None
    try:
        return table.get(int(value))
    except (TypeError, ValueError):
        return str(value)


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

    The search gives a teaser of each offer; the offer's own JSON (`-a detail_url=` a template with {id}) gives
    its whole text. A result whose detail fails is stored from the search's fields. No real capture of either
    answer exists offline: the field names follow public clients of the same endpoints.
    """

    name = "apec"
    lists_whole_board = True

    def __init__(self, motsCles: str = "", url: str | None = None, max_pages: str | int = 10,
                 detail_url: str = DETAIL_URL, **kwargs):
        super().__init__(url or SEARCH_URL, **kwargs)
        self.detail_url = detail_url
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
            if (listed := self.guarded(response.url, self.posting, offer)) is not None:
                yield self.detail_request(self.detail_url.format(id=listed["external_id"]), self.parse_offer,
                                          listed, offer=offer)
        following = start + PAGE_SIZE
        if results and following < (data.get("totalCount") or 0) and search_url:
            if following // PAGE_SIZE >= self.max_pages:
                self.truncated = True
                return
            yield self.page_request(search_url, following)

    def parse_offer(self, response, offer: dict):
        """One offer's own JSON: its whole text, places and application address, over the search's fields."""
        yield from self.with_detail(response, lambda detail: self.posting({**offer, **detail}))

    def posting(self, offer: dict):
        """The posting item for one search result, or a result merged with its detail."""
        number = offer.get("numeroOffre")
        if not number:
            raise KeyError("numeroOffre")
        places = [p.get("libelleLieu") for p in offer.get("lieux") or [] if isinstance(p, dict)]
        places = [re.sub(r"\s*-\s*(\d{2,3}|2[AB])$", "", p) for p in [*places, offer.get("lieuTexte")] if p]
        places = list(dict.fromkeys(places))
        text = "".join(offer.get(k) or "" for k in ("texteHtml", "texteHtmlProfil", "texteHtmlEntreprise"))
        return self.item(
            external_id=number,
            board=self.board,
            title=offer.get("intitule"),
            company=offer.get("nomCompteEtablissement") or offer.get("nomCommercial"),
            location=places[0] if places else None,
            locations=places or None,
            country="FR",
            contract=offer.get("typeContratLibelle") or apec_code(CONTRACT_CODES, offer.get("typeContrat")),
            salary_text=offer.get("salaireTexte"),
            description_html=text or offer.get("texteOffre") or "",
            posted_at=offer.get("datePublication"),
            url=OFFER_URL.format(id=number),
            apply_url=offer.get("adresseUrlCandidature"),
            experience_years=offer.get("experienceLibelle"),
            raw={"statut": offer.get("statutLibelle"), "lieuTexte": offer.get("lieuTexte"),
                 "typeContrat": offer.get("typeContrat")},
        )
