"""What an import says agrees with its numbers: "1 document added, 1 claim added",
"0 links added", through the real command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def _cli(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "claimweave", *map(str, args)],
                          capture_output=True, text=True, timeout=120, check=False)


def test_an_import_of_one_document_and_one_claim_counts_them_in_the_singular(tmp_path: Path
                                                                              ) -> None:
    project, data = tmp_path / "p.claimweave", tmp_path / "one.jsonl"
    text = "The dam held. Officials said so."
    data.write_text(json.dumps({"title": "Dam", "text": text, "claims": [
        {"start": 0, "end": 13, "quote": "The dam held."}]}) + "\n", encoding="utf-8")
    assert _cli("new", project).returncode == 0
    done = _cli("import-annotations", project, data, "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (f"{data.name}: 1 document added, 0 already there; 1 claim "
                                   "added, 0 already there; 0 links added, 0 already there")
