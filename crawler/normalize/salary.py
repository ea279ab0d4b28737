"""Salary strings ("45–55 k€ brut/an", "600 €/jour", "$140k") into min, max, currency and period."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobfit.db.fold import fold
from jobfit.db.vocabulary import PER_YEAR, PERIODS


@dataclass(frozen=True)
class Salary:
    min: float | None
    max: float | None
    currency: str | None
    period: str | None

    def annual(self) -> tuple[float | None, float | None]:
        """(min, max) per year, using PER_YEAR for the period."""
        factor = PER_YEAR.get(self.period or "year", 1)
        return (self.min * factor if self.min is not None else None,
                self.max * factor if self.max is not None else None)


_CURRENCIES = [("€", "EUR"), ("eur", "EUR"), ("$", "USD"), ("usd", "USD"), ("£", "GBP"), ("gbp", "GBP"),
               ("chf", "CHF")]
_PERIOD_WORDS = [
    (r"(/|par |per |a |an? )\s*(h\b|heure|hour|hr)|horaire|hourly", "hour"),
    (r"(/|par |per |a )\s*(j\b|jour|day)|tjm|daily|journalier|day rate", "day"),
    (r"(/|par |per )\s*(semaine|week|wk)|weekly|hebdomadaire", "week"),
    (r"(/|par |per |a )\s*(mois|month|mo\b)|mensuel|monthly", "month"),
    (r"(/|par |per |a )\s*(an\b|annee|year|yr)|annuel|annual|yearly|p\.?a\.?\b|per annum", "year"),
]
_NUMBER = re.compile(r"(\d{1,3}(?:[ \u202f\u00a0.,]\d{3})+|\d+)(?:[.,](\d{1,2}))?\s*(k|K)?(?![\d])")


def _to_number(integer: str, decimals: str | None, k: str | None) -> float:
    value = float(re.sub(r"[ \u202f\u00a0.,]", "", integer) + ("." + decimals if decimals else ""))
    return value * 1000 if k else value


def parse_salary(text: str | None) -> Salary | None:
    """Parse a displayed salary; None when it states no amount ("Selon profil", "A négocier")."""
    if not text:
        return None
    if not re.search(r"\d", text):  # folding may write digits a symbol implies ("㍙" is "1時"): no amount given
        return None
    # "sur 12 mois", "13e mois", "35 h" count months and hours, not money.
    folded = re.sub(r"\b(sur \d+([.,]\d+)? mois|\d+ ?(e|eme) mois|\d+ ?h(eures)?\b(?! ?[-/a]))", " ",
                    fold(text, compat=True))
    numbers = []
    for m in _NUMBER.finditer(folded.replace("–", "-").replace("—", "-")):
        integer, decimals, k = m.group(1), m.group(2), m.group(3)
        # "45-55 k€": the k after the second number applies to the first as well.
        numbers.append([_to_number(integer, decimals, k), bool(k)])
    if not numbers:
        return None
    if len(numbers) >= 2 and numbers[1][1] and not numbers[0][1] and numbers[0][0] < 1000:
        numbers[0][0] *= 1000
    values = [n for n, _ in numbers[:2] if n > 0]
    if not values:
        return None
    currency = next((code for sym, code in _CURRENCIES if sym in folded), None)
    period = next((p for pattern, p in _PERIOD_WORDS if re.search(pattern, folded)), None)
    if period is None:
        low = min(values)
        period = "year" if low >= 10_000 else "month" if low >= 800 else "day" if low >= 100 else "hour"
    low, high = min(values), max(values)
    if len(values) == 1 and re.search(r"\b(a partir de|des|from|starting|minimum|min\.?|au moins)\b", folded):
        high = None
    elif len(values) == 1 and re.search(r"\b(jusqu'?a|up to|maximum|max\.?)\b", folded):
        low = None
    return Salary(min=low, max=high, currency=currency, period=period)


def annual_range(low: float | None, high: float | None, period: str | None) -> tuple[float | None, float | None]:
    """(min, max) per year for amounts paid per `period` (unknown period: taken as yearly)."""
    return Salary(low, high, None, period if period in PERIODS else "year").annual()


_SALARY_WORDS = ("salaire", "remuneration", "salary", "compensation", "pay range", "package", "tjm", "taux journalier")
_SALARY_LINE = re.compile(rf"\b({'|'.join(_SALARY_WORDS)})\b")
_MONEY = re.compile(r"(€|\$|£|\beur\b|\beuros?\b|\busd\b|\bgbp\b|\d\s*k\b)")


def salary_from_text(text: str | None) -> Salary | None:
    """The salary a description states on a line that names it ("Salaire : 50 - 60 k€ brut annuel"), if any.

    Only lines with a salary word and a currency or "k" count, so head counts and years are not read as pay.
    """
    if not text:
        return None
    # Folding keeps lines apart, so a line's salary words are among those of the whole folded text: most
    # descriptions name none, and lines are tested for the few the text names.
    whole = fold(text, compat=True)
    if not (words := [word for word in _SALARY_WORDS if word in whole]):
        return None
    for line in text.splitlines():
        folded = fold(line, compat=True)
        # A substring test first: most lines name no salary word, and `in` is far cheaper than the regex.
        if (any(word in folded for word in words) and _SALARY_LINE.search(folded)
                and _MONEY.search(folded) and (salary := parse_salary(line))):
            return salary
    return None
