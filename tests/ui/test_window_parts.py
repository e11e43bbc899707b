"""The window's smaller parts: settings, import summaries, sizes, documents, the help text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from claimweave.app import parse_size, resolve_documents
from claimweave.core.errors import ClaimWeaveError
from claimweave.exchange.importing import FileImportResult
from claimweave.ui.dialogs.help import SHORTCUTS, versions
from claimweave.ui.find_bar import find_all
from claimweave.ui.main_window import default_documents
from claimweave.ui.settings import FONT_MAX, MAX_RECENT, Settings
from claimweave.ui.transfer import export_formats, import_summary

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))


def test_settings_round_trip(settings, tmp_path):
    assert settings.font_size is None  # the system's size until the user picks one
    settings.font_size = 99
    assert settings.font_size == FONT_MAX
    settings.theme = "purple"
    assert settings.theme == "system"  # an unknown theme falls back to the desktop's
    settings.theme = "dark"
    assert settings.theme == "dark"
    settings.annotator = "  maren "
    assert settings.annotator == "maren"
    for i in range(MAX_RECENT + 2):
        settings.add_recent(tmp_path / f"p{i}.claimweave")
    recent = settings.recent_projects
    assert len(recent) == MAX_RECENT and recent[0].name == f"p{MAX_RECENT + 1}.claimweave"
    settings.add_recent(tmp_path / "p5.claimweave")
    assert settings.recent_projects[0].name == "p5.claimweave"
    assert len(settings.recent_projects) == MAX_RECENT
    assert settings.last_project is None  # none of them exists
    (tmp_path / "p3.claimweave").write_text("")
    assert settings.last_project == (tmp_path / "p3.claimweave").resolve()


def test_import_summary_names_failures_and_duplicates():
    ok = FileImportResult(Path("a.txt"), document=None, duplicate=False)
    dup = FileImportResult(Path("b.txt"), document=None, duplicate=True)
    bad = FileImportResult(Path("c.pdf"), error="c.pdf: the PDF is damaged")
    text, failed = import_summary([ok, dup, bad], 4)
    assert failed
    assert text.startswith("Imported 1 of 4 files.")
    assert "Already in the project: b.txt" in text
    assert "Cancelled; 1 file not imported." in text
    assert "• c.pdf: the PDF is damaged" in text
    assert import_summary([ok], 1) == ("Imported 1 of 1 file.", False)


def test_parse_size():
    assert parse_size("1400x900").width() == 1400
    assert parse_size(None) is None
    for bad in ("big", "10x10", "1400x"):
        with pytest.raises(ClaimWeaveError):
            parse_size(bad)


def test_resolve_and_default_documents(session, reports):
    ids = list(reports.values())
    assert resolve_documents(session, ["nordic wire", ids[0][:8]]) == [ids[2], ids[0]]
    with pytest.raises(ClaimWeaveError):
        resolve_documents(session, ["no such document"])
    assert default_documents(session, 1400) == ids[:2]
    assert default_documents(session, 1800) == ids[:3]
    session.project.set_setting("gui.panes", f"{ids[2]},{ids[1]}")
    assert default_documents(session, 1800) == [ids[2], ids[1]]


def test_find_all_counts_code_points():
    text = "🙂 sea wall, Sea Wall and SEA WALL"
    assert find_all(text, "sea wall") == [(2, 10), (12, 20), (25, 33)]
    assert text[2:10] == "sea wall"
    assert find_all(text, "") == []
    assert find_all("a.b", ".") == [(1, 2)]


def test_every_shortcut_is_documented():
    doc = (DOCS / "shortcuts.md").read_text(encoding="utf-8")
    for _section, keys, _what in SHORTCUTS:
        for key in keys.replace(" / ", "/").split("/"):
            key = key.strip()
            assert key in doc, f"{key!r} is missing from docs/shortcuts.md"


def test_about_versions_and_export_formats():
    info = versions()
    assert info["ClaimWeave"] and info["Qt"].startswith("6.")
    assert "jsonl" in export_formats()


def test_preferences_dialog_saves(qtbot, settings):
    from claimweave.ui.dialogs.preferences import PreferencesDialog

    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.annotator.setText("maren")
    dialog.font_size.setValue(14)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    assert dialog.analyse.isChecked()  # spaCy reads the articles by default
    dialog.analyse.setChecked(False)
    dialog.save()
    assert (settings.annotator, settings.font_size, settings.theme) == ("maren", 14, "dark")
    assert settings.analyse_on_open is False
