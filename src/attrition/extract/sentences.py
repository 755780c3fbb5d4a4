"""Split article text into sentences with character offsets and paragraph numbers.

A regex splitter that knows news abbreviations ("Maj. Gen.", "U.S.", "Nov. 13", "J.M. Berger"):
cheap enough to run on every article, which a parser is not.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    [
     "mr", "mrs", "ms", "dr", "prof", "gen", "maj", "lt", "col", "capt", "sgt", "cpl", "adm", "gov", "sen",
     "rep", "rev", "st", "jr", "sr", "no", "vs", "etc", "inc", "co", "corp", "ltd", "jan", "feb", "mar", "apr",
     "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "u.s", "u.k", "u.n", "e.g", "i.e",
     "a.m", "p.m", "approx", "dept", "est",
    ]
)
# A full stop and a space before a capital, or a sentence glued to the next one ("on Wednesday.That is"): two
# letters or digits before the stop and a capitalised word after it, so "U.S.", "J.M.", "a.m.", "No.1", "3.5"
# and "cnn.com" do not split.
_BOUNDARY = re.compile(r"""[.!?]+["'”’)\]]*(?:\s+(?=["“‘'(\[]?[A-Z0-9])|(?=["“‘]?[A-Z][a-z]))""")
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int          # position in the article, from 0
    paragraph: int
    start: int          # character offsets in the article text
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for paragraph, (p_start, p_end) in enumerate(_paragraph_spans(text)):
        _split_paragraph(text, p_start, p_end, paragraph, sentences)
    return sentences


def sentences_at(text: str, offsets: list[int]) -> list[str] | None:
    """The texts of the sentences `split_sentences` would give the characters at `offsets`, found by splitting only
    their paragraphs (no sentence crosses one): most articles need no more to be set aside. None when an offset
    comes before its paragraph's first sentence, which only the whole split places."""
    spans = _paragraph_spans(text)
    paragraph_starts = [start for start, _ in spans]
    split: dict[int, tuple[list[Sentence], list[int]]] = {}   # a paragraph's sentences and their starts
    held: dict[int, str] = {}
    for offset in offsets:
        paragraph = bisect_right(paragraph_starts, offset) - 1
        if paragraph not in split:
            pieces: list[Sentence] = []
            _split_paragraph(text, *spans[paragraph], paragraph, pieces)
            split[paragraph] = pieces, [piece.start for piece in pieces]
        pieces, starts = split[paragraph]
        k = bisect_right(starts, offset) - 1
        if k < 0:
            return None
        held[pieces[k].start] = pieces[k].text
    return list(held.values())


def _split_paragraph(text: str, p_start: int, p_end: int, paragraph: int, sentences: list[Sentence]) -> None:
    start = p_start
    chunk = text[p_start:p_end]
    for m in _BOUNDARY.finditer(chunk):
        if _is_abbreviation(chunk, m.start()):
            continue
        if not chunk[m.end() - 1].isspace() and (
            m.start() < 2 or not chunk[m.start() - 2 : m.start()].isalnum()
            or _glued_domain(chunk, m.start(), m.end())
        ):
            continue  # glued: needs two letters or digits before the stop ("U.S.Army" is not a split)
        end = p_start + m.end()
        _append(sentences, text, start, end, paragraph)
        start = end
    _append(sentences, text, start, p_end, paragraph)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _PARAGRAPH.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _append(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    raw = text[start:end]
    stripped = raw.strip()
    if not stripped:
        return
    lead = len(raw) - len(raw.lstrip())
    start += lead
    end = start + len(stripped)
    sentences.append(Sentence(len(sentences), paragraph, start, end, stripped))


def _is_abbreviation(chunk: str, dot: int) -> bool:
    """True when the full stop at `dot` ends an abbreviation or an initial, not a sentence."""
    if chunk[dot] != ".":
        return False
    word_start = dot
    while word_start > 0 and (chunk[word_start - 1].isalpha() or chunk[word_start - 1] == "."):
        word_start -= 1
    word = chunk[word_start:dot].lower()
    if not word:
        return False
    if word in _ABBREVIATIONS or word.rstrip(".") in _ABBREVIATIONS or word.rsplit(".", 1)[-1] in _ABBREVIATIONS:
        return True
    # "J." or "J.M." initials; "U.S." style letter-dot runs
    return len(word.replace(".", "")) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


_DOMAIN_AFTER = re.compile(r"(?:Com|Net|Org)\b|[A-Za-z0-9-]+\.(?:com|org|net|gov|edu|mil|int|co|uk|io|info|news|tv)\b")


def _glued_domain(chunk: str, dot: int, end: int) -> bool:
    """ "www.Example.com", "Politico.Com": a web address, not two sentences glued together."""
    return chunk[max(0, dot - 3):dot].lower() == "www" or bool(_DOMAIN_AFTER.match(chunk, end))
