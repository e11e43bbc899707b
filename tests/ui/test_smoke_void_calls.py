"""design.md §5: some PySide6 builds lose a reference to None on every Qt call that returns
nothing and abort after a few thousand. Make 20,000 such calls on the widgets we use.

The calls run in a child interpreter so that an abort fails this test instead of killing
the whole test session.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

CALLS = 20_000

SCRIPT = textwrap.dedent(f"""
    import sys
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QTableView
    app = QApplication([])
    label, edit, table, obj = QLabel(), QPlainTextEdit(), QTableView(), QObject()
    calls = [lambda i: label.setText(str(i)), lambda i: edit.setReadOnly(bool(i & 1)),
             lambda i: table.setColumnWidth(0, 50 + i % 7), lambda i: obj.setObjectName("o"),
             lambda i: label.update(), lambda i: edit.setEnabled(True)]
    for i in range({CALLS}):
        calls[i % len(calls)](i)
    print("ok", {CALLS})
""")


def test_twenty_thousand_void_qt_calls_do_not_crash() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == f"ok {CALLS}"
    assert "none_dealloc" not in result.stderr
