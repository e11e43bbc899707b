"""What a screen reader hears: the name Qt's accessibility layer gives each control.

A control is named by its accessibleName, else by what Qt derives: a button's text, the
label whose buddy it is (QFormLayout sets that), a tool button's action. Tests and the
screenshot tour walk every window with :func:`unnamed_controls`; a control it lists is read
out as "edit" or "table" with nothing to tell which.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

CONTROLS = (QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox,
            QComboBox, QLineEdit, QPlainTextEdit, QTextEdit)


def accessible_name(widget: QWidget) -> str:
    """The name Qt's accessibility layer reports for *widget* ("" when it has none)."""
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name).strip() if iface is not None else ""


def _part_of_another(widget: QWidget) -> bool:
    """Qt's own parts of a control, exposed as part of it: scroll bars, headers, a table's
    corner button, a line edit's clear button, a combo box's popup list, the menu bar's
    overflow button, a spin box's line edit."""
    if isinstance(widget, QScrollBar | QHeaderView) or widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            return True
        if isinstance(parent, QLineEdit) and isinstance(widget, QAbstractButton):
            return True
        parent = parent.parentWidget()
    return False


def unnamed_controls(root: QWidget) -> list[QWidget]:
    """Every control under *root* (itself included, shown or not) without a name."""
    widgets = [root, *root.findChildren(QWidget)]
    return [w for w in widgets if isinstance(w, CONTROLS) and not _part_of_another(w)
            and not accessible_name(w)]


def name_form_fields(form: QFormLayout) -> None:
    """Name each field of *form* after its row's label where Qt does not: a field inside a
    row layout (a path and its Browse button) has no buddy, and a multi-line text box does
    not take its buddy's text."""
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is None or field is None or not isinstance(label.widget(), QLabel):
            continue
        text = label.widget().text().replace("&", "").strip().rstrip(":")  # type: ignore[union-attr]
        widget = field.widget()
        layout = field.layout()
        if widget is None and layout is not None:
            items = [layout.itemAt(i) for i in range(layout.count())]
            widget = next((i.widget() for i in items
                           if i is not None and isinstance(i.widget(), CONTROLS)), None)
        if text and isinstance(widget, CONTROLS) and not widget.accessibleName():
            widget.setAccessibleName(text)


def describe(widget: QWidget) -> str:
    """A line that lets a developer find *widget*: its class, object name and parents."""
    names: list[str] = []
    node: QWidget | None = widget
    while node is not None and len(names) < 4:
        names.append(f"{type(node).__name__}({node.objectName()})" if node.objectName()
                     else type(node).__name__)
        node = node.parentWidget()
    tip = f" tip={widget.toolTip()[:40]!r}" if widget.toolTip() else ""
    return " < ".join(names) + tip
