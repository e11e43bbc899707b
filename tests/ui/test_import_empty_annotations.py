"""The window's Import Annotations refuses an empty annotation file as the command line
does: one message naming the file and why, and the project as it was (it reported
"0 documents added" as if all went well)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("name", "data"), [("empty.jsonl", b""), ("blank.json", b" \n\n"),
                                            ("tasks.json", b"[]")])
def test_import_annotations_refuses_a_file_with_nothing_in_it(window, tmp_path, monkeypatch,
                                                              name, data) -> None:
    said: list[tuple[str, str, bool]] = []
    monkeypatch.setattr(window, "inform", lambda title, text, warning=False: said.append(
        (title, text, warning)))
    project = window.session.project
    before = (len(project.documents()), len(project.claims()), project.undo_label)
    path = tmp_path / name
    path.write_bytes(data)
    assert window.datasets.import_annotations(path) is None
    ((title, text, warning),) = said
    assert title == "Import annotations failed" and warning
    assert text.startswith(f"{path}: ") and "The project was not changed." in text
    assert (len(project.documents()), len(project.claims()), project.undo_label) == before
