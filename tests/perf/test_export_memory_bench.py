"""Peak memory of every export at 1,000 documents / 100,000 claims (make bench).

Each export runs in a fresh process so its peak RSS is its own; printed beside two
baselines measured in the same run: the floor (Python with ClaimWeave imported and the
project opened) and plain sqlite3 + json streaming the same rows to a file. Targets
(issue: "exports stream"): < 250 MB at this size. No assertions on the figures.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimweave.exchange.datasets import EXPORTERS

from .test_export_bench import OUTPUTS, big_project  # noqa: F401  (the session fixture)

TARGET_MB = 250

# VmHWM belongs to the process's own address space (ru_maxrss would keep the peak of the
# pytest process it was forked from across exec).
_PEAK = """
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        print(int(line.split()[1]) // 1024)
"""
FLOOR = """
from claimweave.core.store import Project
from claimweave.exchange.datasets import export
p = Project.open({path!r}, read_only=True)
""" + _PEAK
EXPORT = """
from claimweave.core.store import Project
from claimweave.exchange.datasets import export
p = Project.open({path!r}, read_only=True)
export(p, {fmt!r}, __import__("pathlib").Path({out!r}))
""" + _PEAK
PLAIN = """
import json, sqlite3
con = sqlite3.connect({path!r})
with open({out!r}, "w", encoding="utf-8") as fh:
    for row in con.execute('SELECT id, document_id, start, "end", quote, note FROM claims'):
        fh.write(json.dumps(row, ensure_ascii=False) + "\\n")
    for doc_id, text in con.execute("SELECT id, text FROM documents"):
        fh.write(json.dumps([doc_id, text], ensure_ascii=False) + "\\n")
""" + _PEAK


def _peak_mb(script: str) -> int:
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[-1])


@pytest.mark.timeout(3600)  # builds 100,000 claims, then one process per format
def test_export_peak_memory(big_project: Path, tmp_path: Path) -> None:  # noqa: F811
    floor = _peak_mb(FLOOR.format(path=str(big_project)))
    plain = _peak_mb(PLAIN.format(path=str(big_project), out=str(tmp_path / "plain.jsonl")))
    print(f"\nfloor (import + open): {floor} MB; plain sqlite3 + json streaming: {plain} MB")
    figures = {}
    for fmt in sorted(EXPORTERS):
        out = tmp_path / OUTPUTS[fmt]
        figures[fmt] = _peak_mb(EXPORT.format(path=str(big_project), fmt=fmt, out=str(out)))
        print(f"{fmt:12} {figures[fmt]:5d} MB peak  +{figures[fmt] - floor:4d} MB over the floor"
              f"  {'ok' if figures[fmt] < TARGET_MB else f'OVER {TARGET_MB} MB'}")
    print(json.dumps({"floor_mb": floor, "plain_mb": plain, "peak_mb": figures}))
