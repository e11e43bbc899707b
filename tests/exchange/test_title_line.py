"""A plain-text article's title is its own headline when it starts with one."""

from __future__ import annotations

import pytest

from claimweave.exchange.sources.text import title_line


@pytest.mark.parametrize(("text", "title"), [
    ("Storm closes Varnholm harbour\n\nThe storm that reached Varnholm on Tuesday.",
     "Storm closes Varnholm harbour"),
    ("Thursday , 28 March 2024\n\nThe Russian-Iranian alliance that wasn’t\n\nAl-monitor – "
     "Russian Foreign Minister Sergey Lavrov on Oct. 28 in Moscow hosted his counterparts.",
     "The Russian-Iranian alliance that wasn’t"),
    ("Iran and Russia: Strategic Alliance or Strategic Cooperation?\n\nThese years, many ask.",
     "Iran and Russia: Strategic Alliance or Strategic Cooperation?"),
    ("In recent years, the global geopolitical landscape has undergone significant "
     "transformations, with old alliances being reconsidered and new partnerships emerging "
     "around the world.", None),
    ("©Kremlin.ru [CC BY 4.0]\nPhoto description: a meeting.\nBy Parsa Albeheshti\n"
     "In last week’s visit of the commander to St. Petersburg, the ministry signed a memo.",
     None),
    ("One line only.", None),
])
def test_title_line(text: str, title: str | None) -> None:
    assert title_line(text) == title


def test_imported_text_file_takes_its_title_line(project, tmp_path) -> None:
    from claimweave.exchange.importing import import_files

    path = tmp_path / "report_7.txt"
    path.write_text("Harbour reopens after the storm\n\nBoats left at dawn.", encoding="utf-8")
    [result] = import_files(project, [path])
    assert result.document.title == "Harbour reopens after the storm"
    assert project.text(result.document.id).startswith("Harbour reopens")  # text unchanged
