"""File > Export: choose a dataset format, where to write it and which annotations.

The formats come from the exporters' registry, so a format added there appears here; the
dialog only knows how each is written (one file, a folder, or either) to offer a sensible
default name and the right file chooser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from ...core.store import Project
from ...exchange.datasets import EXPORTERS, ExportSelection
from ..accessibility import name_form_fields
from ..widgets import fit_rows, path_row


@dataclass(frozen=True, slots=True)
class FormatInfo:
    suffix: str  # appended to the project's name for the default target
    folder: bool  # written as a folder (the chooser picks a directory)
    about: str


FORMATS: dict[str, FormatInfo] = {
    "jsonl": FormatInfo(".jsonl", False, "One JSON line per document with its claims and "
                        "links (pandas, scripts). Imports back exactly."),
    "pairs": FormatInfo(".pairs.jsonl", False, "One JSON line per link with both claims' "
                        "text, sources and relation (stance / NLI training)."),
    "csv": FormatInfo(".csv.zip", False, "documents.csv, claims.csv and links.csv in a .zip "
                      "(or a folder when the name has no .zip) for spreadsheets."),
    "webanno": FormatInfo(".jsonld", False, "W3C Web Annotation JSON-LD with quote and "
                          "position selectors. Imports back."),
    "brat": FormatInfo("-brat", True, "A brat standoff folder: .txt and .ann per document. "
                       "Imports back."),
    "docbin": FormatInfo(".spacy", False, "A spaCy DocBin: claims in doc.spans['claims'], "
                         "tags as span labels."),
    "qdpx": FormatInfo(".qdpx", False, "A REFI-QDA project for QualCoder, ATLAS.ti, MAXQDA "
                       "or NVivo. Imports back."),
    "qdc": FormatInfo(".qdc", False, "The codebook alone as REFI-QDA .qdc: every tag with "
                      "its colour, description and nesting. Imports back."),
    "labelstudio": FormatInfo(".labelstudio.json", False, "Label Studio tasks: labels and "
                              "relations per document; links across documents in each "
                              "task's meta. Imports back."),
    "doccano": FormatInfo(".doccano.jsonl", False, "doccano JSONL: entities and relations "
                          "(and label lists) per document. Imports back."),
    "graphml": FormatInfo(".graphml", False, "The claim network for Gephi or Cytoscape: "
                          "claims as nodes with document, quote, tags and proposition; links "
                          "as edges with relation and polarity."),
    "gexf": FormatInfo(".gexf", False, "The claim network as GEXF for Gephi: the same nodes "
                       "and edges as graphml."),
    "xlsx": FormatInfo(".xlsx", False, "An Excel workbook with documents, claims and links "
                       "sheets; every cell is text, so no formula runs."),
}
# Options a format takes, as the command line's flags: (option, value when ticked, label).
FORMAT_OPTIONS: dict[str, tuple[str, object, str]] = {
    "qdpx": ("positions", "utf16", "Count positions in UTF-16 units (what NVivo reads)"),
    "csv": ("excel", True, "For Excel on Windows (UTF-8 with a byte-order mark)"),
}


DEFAULT_FORMAT = "jsonl"  # the one every tool reads and that imports back exactly


def format_info(fmt: str) -> FormatInfo:
    return FORMATS.get(fmt, FormatInfo(f".{fmt}", False, ""))


def default_target(project_path: Path, fmt: str) -> Path:
    """Beside the project, named after it: demo.claimweave -> demo.jsonl, demo-brat/."""
    return project_path.with_name(project_path.stem + format_info(fmt).suffix)


@dataclass(frozen=True, slots=True)
class ExportRequest:
    fmt: str
    path: Path
    selection: ExportSelection
    options: dict[str, object] = field(default_factory=dict)


class ExportDialog(QDialog):
    """Format, target and an optional choice of annotators and tags (none ticked: all)."""

    def __init__(self, project: Project, parent: QWidget | None = None, *,
                 last_format: str | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export annotations")
        self.folder = folder  # where the last export went; beside the project when None
        self.project_path = project.path
        self.format = QComboBox()
        for fmt in sorted(EXPORTERS):
            self.format.addItem(fmt, fmt)
        chosen = self.format.findData(last_format) if last_format else -1
        self.format.setCurrentIndex(chosen if chosen >= 0 else
                                    max(0, self.format.findData(DEFAULT_FORMAT)))
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setMinimumWidth(420)
        self.target = QLineEdit()
        self.option = QCheckBox()
        self.option.setAccessibleName("Format option")
        self.annotators = self._checklist(project.annotators())
        self.tags = self._checklist([t.name for t in project.tags()])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Format:", self.format)
        form.addRow("", self.about)
        form.addRow("Write to:", path_row(self.target, self.browse))
        form.addRow("", self.option)
        form.addRow("Annotators:", self.annotators)
        form.addRow("Tags:", self.tags)
        form.addRow(QLabel("Nothing ticked exports everything; a link goes out when both its "
                           "claims do."))
        form.addRow(self.buttons)
        name_form_fields(form)
        self.format.currentIndexChanged.connect(self._format_changed)
        if self.format.count():
            self._format_changed()

    @staticmethod
    def _checklist(names: list[str]) -> QListWidget:
        box = QListWidget()
        for name in names:
            item = QListWidgetItem(name or "(no annotator)")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            box.addItem(item)
        fit_rows(box, 5)
        box.setEnabled(bool(names))
        return box

    @staticmethod
    def _ticked(box: QListWidget) -> tuple[str, ...]:
        return tuple(box.item(i).data(Qt.ItemDataRole.UserRole) for i in range(box.count())
                     if box.item(i).checkState() == Qt.CheckState.Checked)

    @property
    def fmt(self) -> str:
        return str(self.format.currentData())

    def _format_changed(self) -> None:
        self.about.setText(format_info(self.fmt).about)
        self.target.setText(str(self._default_target()))
        option = FORMAT_OPTIONS.get(self.fmt)
        self.option.setVisible(option is not None)
        self.option.setChecked(False)
        self.option.setText(option[2] if option else "")

    def _default_target(self) -> Path:
        target = default_target(self.project_path, self.fmt)
        return self.folder / target.name if self.folder is not None else target

    def browse(self) -> None:
        current = self.target.text() or str(self._default_target())
        if format_info(self.fmt).folder:
            path = QFileDialog.getExistingDirectory(self, f"Export as {self.fmt} into folder",
                                                    str(Path(current).parent))
            if path and any(Path(path).iterdir()):  # keep other files apart: a subfolder
                path = str(Path(path) / self._default_target().name)
        else:
            path, _ = QFileDialog.getSaveFileName(self, f"Export as {self.fmt}", current)
        if path:
            self.target.setText(path)

    def request(self) -> ExportRequest | None:
        """What the user asked for, or None while the target is empty."""
        text = self.target.text().strip()
        if not text:
            return None
        option = FORMAT_OPTIONS.get(self.fmt)
        options = ({option[0]: option[1]} if option and self.option.isChecked() else {})
        return ExportRequest(self.fmt, Path(text).expanduser(),
                             ExportSelection(self._ticked(self.annotators),
                                             self._ticked(self.tags)), options)
