"""Analyses: code-point spans, sentences split at line breaks, chunking, progress, cancel."""

from __future__ import annotations

import threading

import pytest

from claimweave.nlp import analysis as an
from claimweave.nlp.analysis import Cancelled, analyse_text, analyse_texts, chunks

ASTRAL = "The 😀 emoji costs one code point. 𝔘𝔫𝔦 letters follow here.\nمرحبا بالعالم. Next line"


def test_sentences_are_code_point_spans_split_at_line_breaks(blank) -> None:  # type: ignore[no-untyped-def]
    a = analyse_text(blank, ASTRAL)
    got = [ASTRAL[s:e] for s, e in a.sentences]
    assert got == ["The 😀 emoji costs one code point.", "𝔘𝔫𝔦 letters follow here.",
                   "مرحبا بالعالم.", "Next line"]
    for i in range(len(a.tok_start)):
        assert ASTRAL[a.tok_start[i]:a.tok_end[i]].strip() or a.tok_flags[i] & an.SPACE


def test_headline_and_paragraph_are_separate_sentences(blank) -> None:  # type: ignore[no-untyped-def]
    text = "A headline without a stop\n\n  The body starts here. It goes on."
    a = analyse_text(blank, text)
    assert [text[s:e] for s, e in a.sentences] == [
        "A headline without a stop", "The body starts here.", "It goes on."]


def test_chunks_cut_at_line_breaks_and_cover_everything() -> None:
    text = ("word " * 30 + "\n") * 50
    pieces = list(chunks(text, limit=1000))
    assert len(pieces) > 1
    assert "".join(p for _, p in pieces) == text
    for off, piece in pieces:
        assert text[off:off + len(piece)] == piece and len(piece) <= 1000
        assert piece.endswith("\n")


def test_long_text_is_analysed_in_chunks_with_correct_offsets(blank, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(an, "CHUNK_CHARS", 200)
    line = "Officials said prices rose by five percent.\n"
    text = line * 40
    a = analyse_text(blank, text)
    assert len(a.sentences) == 40
    assert all(text[s:e] == line.strip() for s, e in a.sentences)
    assert text[a.tok_start[-2]:a.tok_end[-2]] == "."


def test_progress_and_order(blank) -> None:  # type: ignore[no-untyped-def]
    seen = []
    texts = ["One short text.", "", "Another short text here."]
    out = list(analyse_texts(blank, texts, progress=seen.append))
    assert sorted(i for i, _ in out) == [0, 1, 2]
    assert seen[-1].chars_done == seen[-1].chars_total == len(texts[0]) + len(texts[2])
    empty = dict(out)[1]
    assert empty.sentences == [] and empty.text_length == 0


def test_cancel_stops_early(blank) -> None:  # type: ignore[no-untyped-def]
    stop = threading.Event()
    texts = ["Sentence number one."] * 50
    done = []
    with pytest.raises(Cancelled):
        for i, _ in analyse_texts(blank, texts, batch_size=1, cancel=stop):
            done.append(i)
            if len(done) == 3:
                stop.set()
    assert len(done) == 3


def test_lookups(blank) -> None:  # type: ignore[no-untyped-def]
    text = "First one is here. Second one is there. Third."
    a = analyse_text(blank, text)
    assert a.sentence_index(0) == 0
    assert a.sentence_index(20) == 1
    assert a.sentences_in(5, 25) == [0, 1]
    r = a.token_range(20, 28)
    assert [text[a.tok_start[i]:a.tok_end[i]] for i in r] == ["Second", "one"]


@pytest.mark.model
def test_model_gives_lemmas_entities_and_phrases(model) -> None:  # type: ignore[no-untyped-def]
    text = "Russia sold advanced air defense systems to Iran in 2016."
    a = analyse_text(model, text)
    lemmas = {a.lemma(i) for i in range(len(a.tok_start))}
    assert {"sell", "russia", "system"} <= lemmas
    assert ("Russia", "GPE") in {(e.text, e.label) for e in a.entities}
    assert "advanced air defense system" in {p.key for p in a.phrases}
    assert a.tags and "VBD" in a.tags
