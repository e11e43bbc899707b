"""The report's links table shows each quote once between quotation marks, never ””."""

from __future__ import annotations

from claimweave.cli import main


def test_a_quote_ending_in_a_closing_mark_is_not_doubled(project, tmp_path) -> None:
    a = project.add_document("Tehran calls it an “alliance” today.", title="A").document.id
    b = project.add_document("Moscow denies any alliance.", title="B").document.id
    ca = project.add_claim(a, quote="Tehran calls it an “alliance”")
    cb = project.add_claim(b, quote="Moscow denies any alliance")
    project.link_claims(ca.id, cb.id, "same_claim")
    path = project.path
    project.close()
    out = tmp_path / "report.html"
    assert main(["report", str(path), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "””" not in html and "alliance”’" in html  # single marks round a quoted quote
    assert "“Moscow denies any alliance”" in html
    assert ">same claim<" in html and ">same_claim<" not in html
