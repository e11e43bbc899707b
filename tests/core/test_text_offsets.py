"""Normalisation and offsets: the coordinate system every claim lives in."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimweave.core.errors import AmbiguousError, InvalidOperationError
from claimweave.core.offsets import OffsetMap, anchor, check_span, find_quote
from claimweave.core.text import normalise_text, text_sha256

NASTY = [
    "a😀b",  # astral emoji
    "👩‍👩‍👧 family",  # ZWJ sequence
    "e\u0301te\u0301",  # combining marks (NFC composes them)
    "روسیه و ایران متحد نیستند.",  # Persian, right to left
    "שלום עולם",  # Hebrew
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𐐷",  # astral letters
    "中文文本",  # CJK
    "line1\r\nline2\rline3\u2028line4\u2029",  # every newline convention
    "\ttab\tseparated",
]

texts = st.lists(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(["\r\n", "\r", "\n", "😀", "\u0301", "\u200d", "ی", "\u2028", "\ufeff"]),
    ),
    max_size=120,
).map("".join)


@given(texts)
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


@given(texts)
def test_normalised_text_has_one_newline_convention_and_is_nfc(text: str) -> None:
    out = normalise_text(text)
    assert "\r" not in out and "\u2028" not in out and "\u2029" not in out
    assert unicodedata.is_normalized("NFC", out)


def test_normalise_keeps_what_researchers_quote() -> None:
    # Curly quotes, tabs, trailing spaces and a missing final newline are kept exactly.
    text = "\u201cAllies\u201d,\tthey said.  "
    assert normalise_text(text) == text
    assert normalise_text("\ufeffHello") == "Hello"


def test_hash_is_of_the_utf8_text() -> None:
    assert text_sha256("a") == "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"


@given(texts)
def test_offset_map_agrees_with_utf16(text: str) -> None:
    m = OffsetMap(text)
    assert m.length_utf16 == len(text.encode("utf-16-le")) // 2
    for cp in range(len(text) + 1):
        u16 = m.to_utf16(cp)
        assert u16 == len(text[:cp].encode("utf-16-le")) // 2
        assert m.to_codepoint(u16) == cp


@given(texts)
def test_utf16_positions_inside_a_pair_round_down(text: str) -> None:
    m = OffsetMap(text)
    for cp, ch in enumerate(text):
        if ord(ch) > 0xFFFF:
            assert m.to_codepoint(m.to_utf16(cp) + 1) == cp


@pytest.mark.parametrize("text", NASTY)
def test_find_quote_returns_code_points(text: str) -> None:
    text = normalise_text(text)
    for i in range(len(text) - 2):
        quote = text[i : i + 3]
        if text.count(quote) == 1:
            start, end = find_quote(text, quote)
            assert (start, end) == (i, i + 3)
            assert text[start:end] == quote


def test_find_quote_refuses_missing_and_ambiguous() -> None:
    with pytest.raises(InvalidOperationError, match="not found"):
        find_quote("abc", "x")
    with pytest.raises(AmbiguousError, match="occurs 2 times"):
        find_quote("ab ab", "ab")
    assert find_quote("ab ab", "ab", occurrence=2) == (3, 5)
    with pytest.raises(InvalidOperationError, match="occurrence 3"):
        find_quote("ab ab", "ab", occurrence=3)
    with pytest.raises(InvalidOperationError, match="empty"):
        find_quote("ab", "")


@pytest.mark.parametrize(("start", "end"), [(0, 0), (3, 2), (-1, 2), (0, 11), (10, 11)])
def test_bad_spans_are_refused(start: int, end: int) -> None:
    with pytest.raises(InvalidOperationError):
        check_span(10, start, end)


def test_anchor_keeps_32_code_points_of_context() -> None:
    text = "😀" * 40 + "CLAIM" + "é" * 40
    a = anchor(text, 40, 45)
    assert a.quote == "CLAIM"
    assert a.prefix == "😀" * 32 and a.suffix == "é" * 32
