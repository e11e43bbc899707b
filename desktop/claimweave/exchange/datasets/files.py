"""Writing export files safely: a half-written export never replaces a good one.

The one atomic writer of the program lives in :mod:`claimweave.core.targets`; exporters
keep importing it from here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from ...core.targets import atomic_write as atomic_writer

__all__ = ["atomic_writer", "write_records"]


def write_records(path: Path, records: Iterable[object], step: Callable[[], object], *,
                  array: bool = False) -> None:
    """Write *records* as JSON, one a line, streamed into an atomic file: JSON Lines, or
    with *array* one JSON list whose items stand one a line (Label Studio's tasks). The
    formats that write a record per document share it; *step* is called after each."""
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    with atomic_writer(path) as fh:
        if array:
            fh.write("[\n")
        for i, record in enumerate(records):
            if array:
                fh.write((",\n" if i else "") + dumps(record))
            else:
                fh.write(dumps(record) + "\n")
            step()
        if array:
            fh.write("\n]\n")
