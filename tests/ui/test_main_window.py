"""The main window over a real project file: panels, in-place edits, undo, locking, import."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from claimweave.app import Opener
from claimweave.ui.panels.claim_filter import UNLINKED
from claimweave.ui.panels.table_model import RECORD_ROLE


def rows(panel) -> list:
    return [panel.proxy.index(r, 0).data(RECORD_ROLE) for r in range(panel.proxy.rowCount())]


def column(panel, title: str) -> int:
    return [c.title for c in panel.model.columns].index(title)


# ---------------------------------------------------------------------- opening
def test_opens_project_with_panels_and_panes(window, reports):
    assert window.session is not None and not window.session.read_only
    assert "Test" in window.windowTitle()
    assert window.panels["claims"].proxy.rowCount() == 13
    assert window.panels["links"].proxy.rowCount() == 8
    assert window.panels["documents"].proxy.rowCount() == 3
    shown = window.comparison.container.documents()
    assert shown == list(reports.values())[:2]
    assert not window.read_only_badge.isVisible()


def test_welcome_screen_without_project(new_window, settings, tmp_path):
    from claimweave.ui.welcome import WelcomeScreen

    settings.add_recent(tmp_path / "gone.claimweave")
    w = new_window()
    assert isinstance(w.centralWidget(), WelcomeScreen)
    assert w.centralWidget().recent.count() == 1
    assert not w.import_action.isEnabled()
    assert not w.undo_action.isEnabled()


def test_recent_projects_remembered(window, settings, project):
    assert settings.recent_projects[0] == project.path.resolve()
    assert settings.last_project == project.path.resolve()


def test_unreadable_project_is_a_message(new_window, notices, tmp_path):
    bad = tmp_path / "notes.claimweave"
    bad.write_text("not a database")
    w = new_window()
    assert not w.open_project(bad)
    assert notices and notices[0][0] == "Cannot open project"
    assert w.session is None


# ---------------------------------------------------------------------- claims table
def test_claims_filters(window, reports):
    panel = window.panels["claims"]
    project = window.session.project
    gazette = reports["Harbour Gazette"]

    panel.set_filter(document_id=gazette)
    assert {r.claim.document_id for r in rows(panel)} == {gazette}
    assert len(rows(panel)) == 5

    panel.set_filter(tag_id=project.resolve_tag("Number"))
    assert len(rows(panel)) == 5
    assert all("Number" in r.claim.tags for r in rows(panel))

    panel.set_filter(relation="agrees")
    assert sorted(r.claim.quote for r in rows(panel)) == sorted([
        "closed the harbour for two days", "kept the Varnholm harbour closed for two days",
        "The harbour was closed for two days"])

    panel.set_filter(relation=UNLINKED)
    assert [r.claim.quote for r in rows(panel)] == []

    project.add_claim(reports["Nordic Wire"], quote="A storm hit", annotator="bo")
    panel.set_filter(annotator="ana")
    assert len(rows(panel)) == 13
    panel.set_filter(annotator="bo")
    assert [r.claim.quote for r in rows(panel)] == ["A storm hit"]
    panel.set_filter(relation=UNLINKED)
    assert [r.claim.quote for r in rows(panel)] == ["A storm hit"]

    panel.set_filter(text="SEA wall")
    assert len(rows(panel)) == 3

    panel.set_filter(document_id=gazette, text="sea wall")
    assert [r.claim.quote for r in rows(panel)] == ["The council blamed the broken sea wall"]


def test_claims_filter_combos_and_nested_tags(window, qtbot):
    panel = window.panels["claims"]
    project = window.session.project
    project.add_tag("Quantity")
    project.update_tag("Number", parent="Quantity")  # the panel reloads on the change
    box = panel.tag_box
    box.setCurrentIndex(box.findData(project.resolve_tag("Quantity")))
    assert len(rows(panel)) == 5  # claims tagged with the nested "Number"
    with qtbot.waitSignal(panel.typing.settled):  # applied once typing pauses
        panel.text_box.setText("boats")
    assert len(rows(panel)) == 3
    panel.set_filter()
    assert len(rows(panel)) == 13


def test_choosing_a_claim_row_activates_it(window, qtbot):
    panel = window.panels["claims"]
    target = rows(panel)[6]
    activated: list[list[str]] = []
    window.session.claimsActivated.connect(activated.append)
    panel.view.setCurrentIndex(panel.proxy.index(6, 1))
    assert window.session.current_claim == target.claim.id
    assert activated[-1] == [target.claim.id]
    pane = window.comparison.container.pane_for_claim(target.claim.id)
    assert pane is not None and pane.current_claim == target.claim.id


def test_current_claim_from_elsewhere_selects_row_without_echo(window):
    panel = window.panels["claims"]
    claim_id = rows(panel)[3].claim.id
    activated: list[list[str]] = []
    window.session.claimsActivated.connect(activated.append)
    window.session.set_current_claim(claim_id)
    assert panel.view.currentIndex().data(RECORD_ROLE).claim.id == claim_id
    assert activated == []


def test_edit_note_in_place_and_undo(window):
    panel = window.panels["claims"]
    project = window.session.project
    row = rows(panel)[0]
    index = panel.proxy.index(0, column(panel, "Note"))
    assert panel.proxy.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not panel.proxy.flags(panel.proxy.index(0, column(panel, "Quote"))) \
        & Qt.ItemFlag.ItemIsEditable
    assert panel.proxy.setData(index, "checked against the council minutes")
    assert project.claim(row.claim.id).note == "checked against the council minutes"
    assert rows(panel)[0].claim.note == "checked against the council minutes"
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo Edit note"
    window.undo_action.trigger()
    assert project.claim(row.claim.id).note == ""
    assert window.redo_action.text() == "&Redo Edit note"


# ---------------------------------------------------------------------- undo / redo
def test_undo_redo_actions_enabled_and_labelled(window, reports):
    project = window.session.project
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    claim = project.add_claim(reports["Nordic Wire"], quote="A storm hit the port town")
    assert window.undo_action.isEnabled()
    assert window.undo_action.text().startswith("&Undo Add claim A storm hit")
    assert window.panels["claims"].proxy.rowCount() == 14
    window.undo_action.trigger()
    assert window.panels["claims"].proxy.rowCount() == 13
    assert window.redo_action.isEnabled()
    assert window.redo_action.text().startswith("&Redo Add claim")
    assert not window.undo_action.isEnabled()
    window.redo_action.trigger()
    assert project.claim(claim.id).quote == "A storm hit the port town"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert window.redo_action.shortcut().toString() == "Ctrl+Shift+Z"


# ---------------------------------------------------------------------- codebook
def test_codebook_create_rename_recolour_nest_delete(window):
    panel = window.panels["codebook"]
    project = window.session.project
    tag = panel.create_tag(edit=False)
    assert tag is not None and tag.name == "New tag"
    assert "New tag" in [t.name for t in project.tags()]
    assert panel.create_tag(edit=False).name == "New tag 1"

    panel.items[tag.id].setText("Quote")  # renaming in place
    assert project.tag(tag.id).name == "Quote"
    panel.items[tag.id].setText("Fact")  # taken: refused with a message, name restored
    assert project.tag(tag.id).name == "Quote"
    assert panel.items[tag.id].text() == "Quote"

    panel.recolor_tag(tag.id, "#123456")
    assert project.tag(tag.id).color == "#123456"

    fact = project.resolve_tag("Fact")
    panel.move_tag(tag.id, fact)
    assert project.tag(tag.id).parent_id == fact
    assert panel.items[tag.id].parent() is panel.items[fact]
    panel.move_tag(fact, tag.id)  # into its own child: refused
    assert project.tag(fact).parent_id is None

    panel.confirm = lambda _q: False
    panel.delete_tag(tag.id)
    assert tag.id in {t.id for t in project.tags()}
    questions: list[str] = []
    panel.confirm = lambda q: questions.append(q) or True
    panel.delete_tag(tag.id)
    assert tag.id not in {t.id for t in project.tags()}
    assert "Quote" in questions[0]
    window.undo_action.trigger()
    assert project.tag(tag.id).name == "Quote"


def test_codebook_numbers_and_click_toggles_tag(window):
    panel = window.panels["codebook"]
    project = window.session.project
    keys = {project.tag(tid).name: panel.items[tid].index().siblingAtColumn(1).data()
            for tid in panel.items}
    assert keys == {"Fact": "1", "Number": "2", "Cause": "3"}
    assert not panel.items[project.resolve_tag("Cause")].isCheckable()  # no current claim
    claim = project.claims(tag="Fact")[0]
    window.session.set_current_claim(claim.id)
    cause = panel.items[project.resolve_tag("Cause")]
    assert cause.isCheckable() and cause.checkState() == Qt.CheckState.Unchecked
    cause.setCheckState(Qt.CheckState.Checked)  # what a click on the box does
    assert "Cause" in project.claim(claim.id).tags
    assert panel.items[project.resolve_tag("Cause")].checkState() == Qt.CheckState.Checked
    panel.items[project.resolve_tag("Fact")].setCheckState(Qt.CheckState.Unchecked)
    assert project.claim(claim.id).tags == ("Cause",)


# ---------------------------------------------------------------------- links table
def test_links_row_activates_both_claims_and_deletes(window):
    panel = window.panels["links"]
    project = window.session.project
    activated: list[list[str]] = []
    window.session.claimsActivated.connect(activated.append)
    row = rows(panel)[1]
    panel.view.clicked.emit(panel.proxy.index(1, 0))
    assert activated[-1] == [row.link.source, row.link.target]
    assert row.link.relation == "contradicts"
    assert panel.proxy.index(1, column(panel, "Relation")).data() == "contradicts"
    panel.view.setCurrentIndex(panel.proxy.index(1, 0))
    panel.delete_current()
    assert len(project.links()) == 7
    assert window.undo_action.text() == "&Undo Delete link (contradicts)"


def test_link_note_edit(window):
    panel = window.panels["links"]
    index = panel.proxy.index(0, column(panel, "Note"))
    assert panel.proxy.setData(index, "same figure")
    assert window.session.project.links()[0].note == "same figure"


# ---------------------------------------------------------------------- documents
def test_document_metadata_edit_in_place(window, reports):
    panel = window.panels["documents"]
    project = window.session.project
    doc_id = reports["Coastal Times"]
    row = panel.model.row_of(doc_id)
    messages: list[str] = []
    panel.message.connect(messages.append)

    def set_field(title: str, value: str) -> bool:
        index = panel.proxy.mapFromSource(panel.model.index(row, column(panel, title)))
        return panel.proxy.setData(index, value)

    assert set_field("Author", "Maren Holt")
    assert set_field("Published", "2026-03-04")
    assert set_field("URL", "https://example.org/storm")
    doc = project.document(doc_id)
    assert (doc.author, doc.published, doc.url) == ("Maren Holt", "2026-03-04",
                                                    "https://example.org/storm")
    assert not set_field("Published", "March 4")  # refused with a message
    assert messages and "YYYY-MM-DD" in messages[-1]
    assert not set_field("Title", "   ")
    assert project.document(doc_id).title == "Coastal Times"
    window.undo_action.trigger()
    assert project.document(doc_id).url is None
    assert not panel.proxy.flags(panel.proxy.index(0, column(panel, "Claims"))) \
        & Qt.ItemFlag.ItemIsEditable


def test_show_document_from_list_puts_it_in_a_pane(window, reports):
    panel = window.panels["documents"]
    panel.select_document(reports["Nordic Wire"])
    panel._choose_current()
    assert reports["Nordic Wire"] in window.comparison.container.documents()


# ---------------------------------------------------------------------- read-only
def test_second_window_on_same_project_is_read_only(window, new_window, project, notices):
    second = new_window()
    assert second.open_project(project.path)
    try:
        assert second.session.read_only
        assert notices[-1][0] == "Opened read-only"
        second.show()
        assert second.read_only_badge.isVisible()
        assert "read-only" in second.windowTitle()
        assert not second.import_action.isEnabled()
        claims = second.panels["claims"]
        note = claims.proxy.index(0, column(claims, "Note"))
        assert not claims.proxy.flags(note) & Qt.ItemFlag.ItemIsEditable
        assert not second.panels["codebook"].items[
            project.resolve_tag("Fact")].isEditable()
        assert not window.session.read_only
    finally:
        second.close_project()


def test_lock_released_when_project_closed(window, qtbot, project, settings, notices):
    window.close_project()
    other = Opener(lambda *_a: notices.append(("", "")))
    session = other.open(project.path, None)
    try:
        assert session is not None and not session.read_only
    finally:
        session.close()


# ---------------------------------------------------------------------- import / export
def test_import_from_menu_with_one_bad_file(window, tmp_path, monkeypatch):
    good = tmp_path / "ferry.txt"
    good.write_text("Ferry service resumes\n\nThe ferry to Varnholm runs again from Friday.")
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\nthis is not really a PDF")
    from claimweave.ui.window import files

    monkeypatch.setattr(files.QFileDialog, "getOpenFileNames",
                        lambda *_a, **_k: ([str(good), str(bad)], ""))
    summaries: list[str] = []
    monkeypatch.setattr(window, "inform",
                        lambda title, text, warning=False: summaries.append(text))
    window.import_action.trigger()
    titles = [d.title for d in window.session.project.documents()]
    assert "Ferry service resumes" in titles  # the file's own title line
    assert len(titles) == 4
    assert summaries and "Imported 1 of 2" in summaries[0] and "broken.pdf" in summaries[0]
    assert window.panels["documents"].proxy.rowCount() == 4
    assert window.undo_action.text().startswith("&Undo Import")


def test_drop_files_imports_them(window, tmp_path, monkeypatch):
    note = tmp_path / "update.md"
    note.write_text("# Harbour reopens\n\nThe harbour reopened on Thursday morning.")
    monkeypatch.setattr(window, "inform", lambda *_a, **_k: None)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(note))])
    event = QDropEvent(QPointF(300, 300), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert "Harbour reopens" in [d.title for d in window.session.project.documents()]


def test_export_jsonl(window, tmp_path):
    out = tmp_path / "claims.jsonl"
    window.export_to("jsonl", out)
    assert out.is_file() and out.stat().st_size > 0
    assert "Exported" in window.statusBar().currentMessage()


# ---------------------------------------------------------------------- finding
def test_find_in_project_activates_claim(window):
    window.find_project_action.trigger()
    panel = window.panels["search"]
    assert window.docks["search"].isVisible()
    hits = panel.run("sea wall")
    assert any(h.kind == "claim" for h in hits)
    claim_row = next(i for i in range(panel.results.count())
                     if panel.results.item(i).text().startswith("Claim"))
    panel.choose(panel.results.item(claim_row))
    assert window.session.current_claim is not None


def test_find_in_project_reveals_document_text(window, reports):
    panel = window.panels["search"]
    panel.run("crowns")
    doc_row = next(i for i in range(panel.results.count())
                   if panel.results.item(i).text().startswith("Document"))
    panel.choose(panel.results.item(doc_row))
    assert any(p.document_id for p in window.comparison.container.panes())


def test_find_in_document_selects_match(window, reports):
    container = window.comparison.container
    pane = container.panes()[0]
    pane.view.setFocus()
    container._set_active(pane)
    window.find_action.trigger()
    bar = window.comparison.find_bar
    assert bar.isVisible()
    bar.field.setText("SEA WALL")
    text = pane.view.text
    start = text.lower().index("sea wall")
    assert pane.view.selection_span() == (start, start + len("sea wall"))
    assert bar.step(1) == (start, start + 8)  # only one match: wraps to itself
    bar.field.setText("no such words")
    assert bar.count.text() == "no matches"


# ---------------------------------------------------------------------- view & settings
def test_font_size_and_panes(window, settings):
    window.bigger_action.trigger()
    assert settings.font_size is not None
    before = settings.font_size
    window.smaller_action.trigger()
    assert settings.font_size == before - 1
    container = window.comparison.container
    window.add_pane_action.trigger()
    assert len(container.panes()) == 3
    window.remove_pane_action.trigger()
    assert len(container.panes()) == 2


def test_annotator_from_settings_used_for_new_claims(window, settings, reports):
    settings.annotator = "maren"
    pane = window.comparison.container.panes()[0]
    text = pane.view.text
    start = text.index("Nobody")
    pane.view.select_span(start, start + len("Nobody"))
    claim = pane.create_claim_from_selection()
    assert claim is not None and claim.annotator == "maren"


def test_status_bar_shows_container_messages(window):
    window.comparison.container.message.emit("Linked as agrees")
    assert window.statusBar().currentMessage() == "Linked as agrees"


def test_close_saves_layout(window, settings):
    window.close()
    geometry, state = settings.window_state()
    assert geometry is not None and state is not None
    assert window.session is None


def test_closing_the_welcome_screen_keeps_the_panels_layout(new_window, settings, project,
                                                            reports, notices, tmp_path):
    """A run that showed only the welcome screen (a project that could not be opened)
    and was closed must not make the next project open with every panel hidden."""
    first = new_window()
    assert first.open_project(project.path)
    first.show()
    first.close()  # a project shown: its panels' layout is saved
    welcome = new_window()
    assert not welcome.open_project(tmp_path / "gone.claimweave")
    welcome.show()
    welcome.close()  # only the welcome screen was shown
    again = new_window()
    assert again.open_project(project.path)
    again.restore_layout()  # as the program does at start, after opening the project
    again.show()
    try:
        assert again.docks["claims"].isVisible() and again.docks["codebook"].isVisible()
    finally:
        again.close_project()
