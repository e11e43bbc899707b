"""A fresh install works: run by `make test-install` with the python of an empty virtual
environment into which only the built wheel was installed (dependencies from pyproject.toml,
versions from the lock). Imports one article of each format through the installed
`claimweave` command and exports the result, failing on any traceback.

Not a pytest module: it must run outside the source tree, against the installed program.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "exchange"))

from pdfmaker import make_pdf  # noqa: E402  (the tests' hand-made PDFs, no dependency)

BIN = Path(sys.executable).parent
CLAIMWEAVE = str(BIN / "claimweave")
BODY = ("Ministers said on Tuesday that prices rose by five percent in the last quarter, "
        "while critics of the government argued that wages fell over the same period. ") * 6


def _run(*args: str) -> str:
    done = subprocess.run([CLAIMWEAVE, *args], capture_output=True, text=True)
    if done.returncode != 0 or "Traceback" in done.stderr:
        sys.exit(f"installed claimweave {' '.join(args)} failed ({done.returncode}):\n"
                 f"{done.stdout}\n{done.stderr}")
    return done.stdout


def _articles(folder: Path) -> list[Path]:
    import docx  # python-docx: installed as a dependency of the wheel
    from pypdf import PdfReader, PdfWriter

    files = {
        "article.txt": BODY.encode(),
        "article.md": f"# Prices and wages\n\n{BODY}\n".encode(),
        "article.html": (f"<!doctype html><html><head><title>Prices and wages</title></head>"
                         f"<body><nav>Home | News</nav><article><h1>Prices and wages</h1>"
                         f"<p>{BODY}</p><p>{BODY}</p></article></body></html>").encode(),
        "article.pdf": make_pdf([BODY[:90], BODY[90:180]], title="Prices (PDF)"),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    document = docx.Document()
    document.add_heading("Prices and wages (Word)", 1)
    document.add_paragraph(BODY)
    document.save(folder / "article.docx")
    (folder / "plain-for-aes.pdf").write_bytes(make_pdf([BODY[180:270]], title="AES"))
    writer = PdfWriter(clone_from=PdfReader(folder / "plain-for-aes.pdf"))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    with open(folder / "aes.pdf", "wb") as fh:  # AES needs cryptography installed
        writer.write(fh)
    (folder / "plain-for-aes.pdf").unlink()
    return sorted(folder.iterdir())


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        articles = _articles(folder)
        project = folder / "check.claimweave"
        _run("new", str(project))
        for article in articles:
            _run("import", str(project), str(article))
        docs = json.loads(_run("docs", str(project), "--json"))
        if len(docs) != len(articles):
            sys.exit(f"expected {len(articles)} documents, got {len(docs)}: {docs}")
        for fmt, out in (("qdpx", "out.qdpx"), ("xlsx", "out.xlsx"), ("graphml", "g.graphml")):
            _run("export", str(project), "--format", fmt, "-o", str(folder / out))
        print(f"installed claimweave imported {len(articles)} articles "
              f"({', '.join(a.suffix for a in articles)}) and exported them")
    _meaning_model()


def _meaning_model() -> None:
    """The link suggestions' meaning model comes with the declared dependencies (its files
    ship in a wheel) and loads without the network."""
    from claimweave.nlp.meaning import load, notice

    model = load()
    if model is None:
        sys.exit(f"installed claimweave: {notice()}")
    print(f"installed claimweave loaded the meaning model ({model.dim} dimensions)")


if __name__ == "__main__":
    main()
