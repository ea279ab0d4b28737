"""MinHash signatures keep their values (stored signatures of older postings are compared with new ones): each is
the per-permutation minimum of (a·x + b) mod p over the CRC-32 of every five words joined by spaces."""

import re
import zlib

import pytest

from jobfit.crawler.dedup import _A, _B, _PRIME, MIN_WORDS, minhash
from jobfit.db.fold import fold


def reference(text: str) -> list[int]:
    words = re.findall(r"\w+", fold(text, compat=True))
    shingles = {zlib.crc32(" ".join(words[i:i + 5]).encode()) for i in range(len(words) - 4)}
    return [min((int(a) * x + int(b)) % _PRIME for x in shingles) for a, b in zip(_A, _B)]


@pytest.mark.parametrize("text", [
    " ".join(f"word{i % 17} data{i % 5}" for i in range(60)),
    "Nous recherchons un·e ingénieur·e données expérimenté·e à Paris, télétravail partiel. " * 8,
    "Разработчик машинного обучения, Ελληνικά κείμενα, 日本語 の テキスト, ﬁnance ２０２６ ẞtraße. " * 6,
])
def test_signature_is_the_minimum_over_joined_word_shingles(text):
    assert len(re.findall(r"\w+", text)) >= MIN_WORDS
    assert minhash(text) == reference(text)


def test_short_texts_have_no_signature():
    assert minhash("only a few words here") is None
