"""The plain-Python reader of cached analyses reads what srsly wrote, exactly, and refuses
what it does not know."""

from __future__ import annotations

import zlib

import pytest
import srsly

from claimweave.nlp import cache
from claimweave.nlp.analysis import analyse_texts
from claimweave.nlp.msgpack_read import unpackb

from .conftest import ARTICLE_A, ARTICLE_B

VALUES = [None, True, False, 0, 1, 127, 128, 255, 256, 65535, 65536, 2**32, 2**63 - 1, -1, -32,
          -33, -128, -129, -32768, -32769, -2**31 - 1, -2**63, 0.5, -1e300, float("inf"), "",
          "a" * 31, "b" * 32, "é" * 200, "x" * 70000, b"", b"\x00" * 300, b"y" * 70000,
          [], list(range(20)), {"k": [1, {"n": None}], "": b"z"}, {str(i): i for i in range(20)}]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_reads_what_srsly_writes(value: object) -> None:
    assert unpackb(srsly.msgpack_dumps(value)) == value


def test_an_analysis_reads_the_same_both_ways(blank) -> None:  # type: ignore[no-untyped-def]
    for _, analysis in analyse_texts(blank, [ARTICLE_A, ARTICLE_B * 40]):
        data = cache.dumps(analysis)
        assert cache.loads(data, few=True) == cache.loads(data) == analysis


@pytest.mark.parametrize("data", [b"", b"\x92\x01", b"\x01\x02", b"\xc7\x01\x05x", b"\xa5abc",
                                  b"\xc4\x09short", b"\xa2\xff\xfe"])
def test_damaged_or_unknown_data_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError):
        unpackb(data)
    with pytest.raises((ValueError, zlib.error)):
        cache.loads(zlib.compress(data), few=True)
