"""Running the command line on a hostile file in a subprocess, measured: its result, wall
time and peak memory (the process's own getrusage at exit)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from claimweave.core.store import Project

ROOT = Path(__file__).resolve().parents[2]
GIB = 1024 ** 3
# Runs the command line in this process and reports the process's peak memory at exit.
MEASURED = ("import atexit, resource, sys\n"
            "atexit.register(lambda: print('peak-kib', resource.getrusage("
            "resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr))\n"
            "from claimweave.cli import main\n"
            "sys.exit(main(sys.argv[1:]))\n")


def run_cli(*args: str | Path) -> tuple[subprocess.CompletedProcess[str], float, int]:
    """The command line as a subprocess: its result, wall time (s) and peak memory (bytes)."""
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-c", MEASURED, *map(str, args)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    elapsed = time.monotonic() - start
    lines = result.stderr.splitlines()
    peak = next(int(x.split()[1]) for x in lines if x.startswith("peak-kib")) * 1024
    result.stderr = "\n".join(x for x in lines if not x.startswith("peak-kib"))
    return result, elapsed, peak


def import_refused(tmp_path: Path, name: str, data: bytes) -> str:
    """Import *data* as *name* into a fresh project; assert the bounded, clean refusal."""
    project = tmp_path / "p.claimweave"
    Project.create(project).close()
    path = tmp_path / name
    path.write_bytes(data)
    result, elapsed, peak = run_cli("import", project, path)
    assert result.returncode == 1, result.stderr
    errors = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert len(errors) == 1 and str(path) in errors[0], result.stderr
    assert "Traceback" not in result.stderr
    assert elapsed < 30, f"the import answered after {elapsed:.0f} s"
    assert peak < GIB, f"peak memory {peak / 2**20:.0f} MB"
    with Project.open(project, read_only=True) as p:
        assert p.documents() == []
    return errors[0]
