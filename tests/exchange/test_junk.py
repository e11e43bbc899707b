"""Junk that looks like an article is imported with a warning that says what it looks like."""

from __future__ import annotations

import json
import subprocess
import sys

from claimweave.exchange.sources.reader import read_source

from .pdfmaker import make_pdf

TEMPLATE = """<!doctype html><html><head><title>{{ page.title }}</title></head><body>
<article><h1>{{ article.headline }}</h1><p class="byline">By {{ article.author }}</p>
<p>{% for paragraph in article.body %}{{ paragraph }}{% endfor %}</p>
<p>Published {{ article.date | date: "%B %d" }} in {{ section.name }}. Read more of our
coverage of the economy, the markets and the people behind them in {{ site.name }}.</p>
</article></body></html>"""

ARTICLE = ("Ministers said on Tuesday that prices rose by five percent in the last quarter, "
           "while critics argued that wages fell over the same period. ") * 4


def test_template_page_is_named(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(TEMPLATE, encoding="utf-8")
    (warning,) = [w for w in read_source(path).warnings if "template" in w]
    assert "placeholders" in warning and "{{ article.headline }}" in warning


def test_scanned_pdf_with_a_few_characters_is_named(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf(["1", "2", "3"]))
    assert any("OCR" in w and "characters of text" in w for w in read_source(path).warnings)


def test_real_articles_get_no_such_warning(tmp_path):
    pdf = tmp_path / "real.pdf"
    pdf.write_bytes(make_pdf([ARTICLE[:100], ARTICLE[100:200], ARTICLE[200:]]))
    txt = tmp_path / "code.txt"
    txt.write_text(ARTICLE + " A shell variable is written ${HOME}.", encoding="utf-8")
    for path in (pdf, txt):
        assert not [w for w in read_source(path).warnings if "OCR" in w or "template" in w]


def test_cli_imports_them_with_the_warning(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(TEMPLATE, encoding="utf-8")
    project = tmp_path / "p.claimweave"
    cli = [sys.executable, "-m", "claimweave"]
    subprocess.run([*cli, "new", str(project)], check=True, capture_output=True)
    done = subprocess.run([*cli, "import", str(project), str(page), "--json"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    (result,) = json.loads(done.stdout)
    assert result["status"] == "imported"
    assert any("template" in w for w in result["warnings"])
