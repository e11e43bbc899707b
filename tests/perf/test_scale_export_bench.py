"""Every export's time and peak memory at the target scale (make bench).

1,000 documents / 100,000 claims / 2,000 links (and 5,000 / 500,000 / 10,000 with
``CLAIMWEAVE_BENCH_5K=1``), the cached projects of tests/perf/scale.py. Each export runs in a
fresh process, so its peak RSS (VmHWM) is its own; wall and CPU time cover the export call
only (imports and the open are before the clock starts). Printed beside two baselines of the
same run: the floor (ClaimWeave imported, the project opened) and plain sqlite3 dumping the
same documents, claims and links to CSV files. Targets: <= 3 s and < 250 MB at 1k,
<= 15 s and < 1 GB at 5k. No assertions on the figures, only on what each export wrote.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimweave.exchange.datasets import EXPORTERS

from .scale import SCALES, cached, scales
from .test_export_bench import CODEBOOK_ONLY, OUTPUTS

TARGETS = {"1k": (3.0, 250), "5k": (15.0, 1000)}

_MEASURE = """
import json, time
def _peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
"""
EXPORT = _MEASURE + """
from pathlib import Path
from claimweave.core.store import Project
from claimweave.exchange.datasets import export
import claimweave.exchange.datasets.{module}  # the format's own imports, before the clock
p = Project.open({path!r}, read_only=True)
w, c = time.perf_counter(), time.process_time()
summary = export(p, {fmt!r}, Path({out!r}))
print(json.dumps({{"wall": time.perf_counter() - w, "cpu": time.process_time() - c,
                   "peak": _peak(), "claims": summary.claims}}))
p.close()
"""
FLOOR = _MEASURE + """
from claimweave.core.store import Project
from claimweave.exchange.datasets import export
p = Project.open({path!r}, read_only=True)
print(json.dumps({{"wall": 0.0, "cpu": 0.0, "peak": _peak(), "claims": 0}}))
p.close()
"""
PLAIN = _MEASURE + """
import csv, sqlite3
con = sqlite3.connect({path!r})
w, c = time.perf_counter(), time.process_time()
claims = 0
for name, sql in [
        ("documents", "SELECT id, title, author, outlet, published, url, char_count, text "
                      "FROM documents ORDER BY position"),
        ("claims", 'SELECT id, document_id, start, "end", quote, prefix, suffix, note, '
                   "annotator, created_at FROM claims ORDER BY document_id, start"),
        ("links", "SELECT * FROM links")]:
    with open({out!r} + name + ".csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        for row in con.execute(sql):
            writer.writerow(row)
            claims += name == "claims"
print(json.dumps({{"wall": time.perf_counter() - w, "cpu": time.process_time() - c,
                   "peak": _peak(), "claims": claims}}))
"""


def _run(script: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


@pytest.mark.timeout(7200)
@pytest.mark.parametrize("scale", scales("1k", "5k"))
def test_every_export_time_and_peak(scale: str, tmp_path: Path) -> None:
    path = str(cached(scale))
    claims = SCALES[scale].documents * SCALES[scale].claims_per_doc
    seconds, megabytes = TARGETS[scale]
    only = os.environ.get("CLAIMWEAVE_BENCH_FORMATS")
    formats = sorted(only.split(",") if only else EXPORTERS)
    print(f"\n{SCALES[scale].label}; load average {_load()}")
    floor = _run(FLOOR.format(path=path))
    plain = _run(PLAIN.format(path=path, out=str(tmp_path / "plain-")))
    assert plain["claims"] == claims
    print(f"  {'floor (import + open)':24} {'':>17} {floor['peak']:6.0f} MB")
    print(f"  {'plain sqlite3 -> csv':24} {plain['wall']:6.2f} s {plain['cpu']:6.2f} s CPU "
          f"{plain['peak']:6.0f} MB")
    rows = {}
    for fmt in formats:
        module = EXPORTERS[fmt].split(":")[0].rsplit(".", 1)[1]
        got = _run(EXPORT.format(module=module, path=path, fmt=fmt,
                                 out=str(tmp_path / OUTPUTS[fmt])))
        if fmt not in CODEBOOK_ONLY:
            assert got["claims"] == claims
        rows[fmt] = got
        over = [f"OVER {seconds:g} s" for _ in [0] if got["wall"] > seconds] + \
               [f"OVER {megabytes} MB" for _ in [0] if got["peak"] >= megabytes]
        print(f"  {fmt:24} {got['wall']:6.2f} s {got['cpu']:6.2f} s CPU {got['peak']:6.0f} MB"
              f"  {got['wall'] / plain['wall']:5.1f}x plain  {' '.join(over) or 'ok'}"
              f"  (load {_load()})")
    print(json.dumps({"scale": scale, "plain": plain, "floor": floor, "exports": rows}))
