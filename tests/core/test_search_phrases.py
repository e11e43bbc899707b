"""Project search: FTS5 queries as written (phrases, NOT, prefixes), punctuation as words,
and every occurrence with the spans to highlight."""

from __future__ import annotations

from claimweave.core.search_terms import context_of, match_queries, patterns, spans

TEXT = ("The sea wall held. A sea, a wall and another wall.\n"
        "The harbour master said the harbours were shut; the sea wall failed later.")


def test_a_phrase_query_finds_only_the_phrase(project) -> None:
    doc = project.add_document(TEXT, title="Wall").document.id
    project.add_document("A wall by the sea.", title="Apart")
    hits = project.find_in_project('"sea wall"')
    assert {h.document_id for h in hits} == {doc}
    assert [TEXT[h.start:h.end] for h in hits] == ["sea wall", "sea wall"]
    first = hits[0]
    assert first.context[slice(*first.marks[0])] == "sea wall"
    assert {h.document_id for h in project.search('"sea wall"')} == {doc}  # the CLI too
    assert len({h.document_id for h in project.search("sea wall")}) == 2


def test_prefix_not_and_punctuation(project) -> None:
    project.add_document(TEXT, title="Wall")
    hits = project.find_in_project("harb*")
    assert [TEXT[h.start:h.end] for h in hits] == ["harbour", "harbours"]
    assert project.find_in_project("wall NOT harbour") == []
    assert project.find_in_project('U.S. ) "') == []  # not FTS5: its words, no error
    assert match_queries("U.S.") == ["U.S.", '"U" "S"']
    assert match_queries("!!!") == []


def test_spans_merge_and_context_is_one_line() -> None:
    found = patterns('"sea wall" OR wall')
    places = spans(TEXT, found, 10)
    assert [TEXT[s:e] for s, e in places] == ["sea wall", "wall", "wall", "sea wall"]
    context, marks = context_of(TEXT, *places[-1], places)
    assert "\n" not in context and context.startswith("…")
    assert all(context[s:e] in ("sea wall", "wall") for s, e in marks)


def test_an_unclosed_quote_searches_its_words(project, tmp_path) -> None:
    """'"sea wall' (a quote not closed) made SQLite fail with "unterminated string": the
    CLI printed a traceback and the window's Find in project a crash report."""
    import subprocess
    import sys

    doc = project.add_document(TEXT, title="Wall").document.id
    assert {h.document_id for h in project.find_in_project('"sea wall')} == {doc}
    assert {h.document_id for h in project.search('"harbour')} == {doc}
    project.close()
    done = subprocess.run([sys.executable, "-m", "claimweave", "search", str(project.path),
                           '"sea wall'], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "[sea] [wall]" in done.stdout or "[sea wall]" in done.stdout, done.stdout
