"""Tests for attrition.extract.sentences (regex sentence splitter with offsets)."""

from pathlib import Path

import pytest

from attrition.extract.sentences import sentences_at, split_sentences

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "articles"


def _texts(text):
    return [s.text for s in split_sentences(text)]


def test_offsets_and_paragraphs():
    text = "First one here. Second one.\n\nNew paragraph starts."
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["First one here.", "Second one.", "New paragraph starts."]
    assert [s.paragraph for s in sents] == [0, 0, 1]
    for s in sents:
        assert text[s.start : s.end] == s.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials confirmed it on Wednesday.That is not true, she said.",
         ["Officials confirmed it on Wednesday.", "That is not true, she said."]),
        ("The blast came in 2016.Three people died.", ["The blast came in 2016.", "Three people died."]),
        ("Was it planned?Nobody knows.", ["Was it planned?", "Nobody knows."]),
        ('He shouted "stop!"The crowd ran.', ['He shouted "stop!"', "The crowd ran."]),
    ],
)
def test_glued_sentences_are_split(text, expected):
    assert _texts(text) == expected
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text


@pytest.mark.parametrize(
    "text",
    [
        "The U.S.Army base was hit at 9 a.m.Friday by rockets.",
        "He was ranked No.1 and ran it in 3.5 seconds.",
        "The story ran on cnn.com and on Salon.com first.",
        "Read it at www.Example.com today.",
        "The analyst J.M.Berger wrote about it.",
        "Maj.Gen. Smith and Mr.Jones spoke to Dr.Brown.",
    ],
)
def test_no_split_inside_abbreviations_numbers_and_domains(text):
    assert _texts(text) == [text]


def test_spaced_abbreviations_do_not_split():
    text = "Maj. Gen. Smith met Sen. Jones in the U.S. capital on Nov. 13 with J.M. Berger."
    assert _texts(text) == [text]


@pytest.mark.parametrize("name", ["seed-000.txt", "seed-003.txt"])
def test_sentences_at_cuts_a_paragraph_as_the_whole_split_does(name):
    text = SEEDS.joinpath(name).read_text() + "\n\nThe U.S. Army said so at 9 a.m.Friday.That was it.\n\n  Lead space."
    whole = split_sentences(text)
    for offset in range(0, len(text), 7):
        held = [s.text for s in whole if s.start <= offset < s.end]
        if held:   # a character of a sentence: its own sentence, however its paragraph is cut
            assert sentences_at(text, [offset]) == held
    offsets = [whole[1].start, whole[1].end - 1, whole[-1].start]
    assert sentences_at(text, offsets) == [whole[1].text, whole[-1].text]


def test_sentences_at_leaves_a_space_before_the_first_sentence_to_the_whole_split():
    text = "One sentence here.\n\n   Another one."
    assert sentences_at(text, [text.index("Another") - 1]) is None
    assert sentences_at(text, [text.index("here")]) == ["One sentence here."]
