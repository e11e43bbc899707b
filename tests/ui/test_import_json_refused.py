"""A JSON file given to document import (the window's Import Articles or a drop, and
``claimweave import``) is refused with one line that points to import-annotations: read as
an article it became a document titled '"documents": ['. Nothing is added."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from claimweave.core.store import Project

EXPORT = json.dumps({"documents": [{"id": "d1", "title": "Ferry", "text": "The ferry left."}]},
                    indent=2)


@pytest.mark.parametrize("name", ["export.json", "claims.jsonl"])
def test_the_window_refuses_a_json_file_as_an_article(new_window, tmp_path, monkeypatch,
                                                      name) -> None:
    from test_window_import import drop_files

    path = tmp_path / "empty.claimweave"
    Project.create(path, title="Empty").close()
    window = new_window()
    assert window.open_project(path)
    window.show()
    shown: list[str] = []
    monkeypatch.setattr(window, "inform", lambda _t, text, warning=False: shown.append(text))
    (tmp_path / name).write_text(EXPORT, encoding="utf-8")
    drop_files(window, [tmp_path / name])
    assert window.session.project.documents() == []
    told = " ".join(shown) + window.statusBar().currentMessage()
    assert "Imported 0 of 1 file" in told and name in told
    assert "import-annotations" in told and "Import Annotations" in told
    window.close_project()


def test_the_command_line_refuses_it_with_one_error_line(tmp_path) -> None:
    project, export = tmp_path / "p.claimweave", tmp_path / "export.json"
    export.write_text(EXPORT, encoding="utf-8")
    cli = [sys.executable, "-m", "claimweave"]
    subprocess.run([*cli, "new", str(project)], check=True, capture_output=True)
    done = subprocess.run([*cli, "import", str(project), str(export)],
                          capture_output=True, text=True)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and str(export) in lines[0]
    assert "import-annotations" in lines[0] and "Traceback" not in done.stderr
    with Project.open(project) as p:
        assert p.documents() == []
