"""An annotation file with nothing in it (empty, whitespace only, a byte order mark and
blanks, "[]" or "{}", a brat folder without texts) is a mistake, not an import of nothing:
every importer refuses it with one error naming the file, and the project is unchanged,
for the window (read_annotations) and the command line alike, as document import refuses
an empty file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from claimweave.core.errors import ImportRefusedError
from claimweave.core.store import Project
from claimweave.exchange.datasets.importers import IMPORTERS, import_annotations

FILE_FORMATS = sorted(f for f in IMPORTERS if f != "brat")
BLANK = {"empty": (b"", "the file is empty"),
         "blank": (b"  \n\n\t \r\n", "holds only whitespace"),
         "bom": (b"\xef\xbb\xbf \n", "holds only whitespace")}


def _cli(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "claimweave", *map(str, args)],
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("fmt", FILE_FORMATS)
@pytest.mark.parametrize("kind", sorted(BLANK))
def test_every_importer_refuses_a_file_with_nothing_in_it(project: Project, tmp_path: Path,
                                                         fmt: str, kind: str) -> None:
    data, said = BLANK[kind]
    path = tmp_path / f"{kind}.{fmt}"
    path.write_bytes(data)
    with pytest.raises(ImportRefusedError, match=said) as info:
        import_annotations(project, path, fmt)
    assert str(info.value).startswith(f"{path}: ")
    assert project.documents() == [] and project.tags() == []


@pytest.mark.parametrize(("fmt", "text"), [("labelstudio", "[]\n"), ("webanno", "{}\n"),
                                           ("jsonl", "\n\n\n")])
def test_a_file_of_no_records_is_refused(project: Project, tmp_path: Path, fmt: str,
                                         text: str) -> None:
    path = tmp_path / f"nothing.{fmt}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportRefusedError, match=r"holds (no documents|only whitespace)"):
        import_annotations(project, path, fmt)
    assert project.documents() == []


def test_a_brat_folder_without_texts_is_refused(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "annotation.conf").write_text("[entities]\nClaim\n", encoding="utf-8")
    with pytest.raises(ImportRefusedError, match="holds no documents, codes or annotations"):
        import_annotations(project, folder, "brat")
    assert project.documents() == []


@pytest.mark.parametrize("data", [b"", b" \n\n"])
def test_the_command_line_refuses_an_empty_jsonl_file(tmp_path: Path, data: bytes) -> None:
    project, empty = tmp_path / "p.claimweave", tmp_path / "empty.jsonl"
    assert _cli("new", project).returncode == 0
    empty.write_bytes(data)
    before = project.read_bytes()
    done = _cli("import-annotations", project, empty, "--format", "jsonl")
    assert done.returncode == 1 and done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {empty}: "), done.stderr
    assert project.read_bytes() == before
