"""The meaning part of the link score (nlp/meaning.py): the bundled model, a paraphrase
that shares no word, and the lexical score alone when the model is missing."""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import sys

import pytest

from claimweave.core.store import Project
from claimweave.nlp.cache import ensure_analyses
from claimweave.nlp.learning import LearnedRanker
from claimweave.nlp.meaning import MeaningLoader
from claimweave.nlp.suggest import SuggestionIndex

QUERY = "No arrests have been made so far."
PARAPHRASE = "Nobody has yet been detained over the theft."
UNRELATED = "The cafe on the ground floor sells lemon cake."
SHARED = "Police expect arrests within days, the spokesman said."  # shares "arrests"


def test_the_bundled_model_loads_offline_without_importing_its_package(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def no_network(*_args: object) -> None:
        raise AssertionError("the meaning model tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    handlers = list(logging.getLogger().handlers)
    loader = MeaningLoader()
    model = loader.load()
    assert model is not None and loader.notice is None and model.dim == 256
    assert "wordllama" not in sys.modules  # its import configures the root logger
    assert logging.getLogger().handlers == handlers
    v = model.embed([QUERY, PARAPHRASE, UNRELATED, ""])
    assert v.shape == (4, 256) and abs(float(v[0] @ v[0]) - 1.0) < 1e-5
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.15  # detained ~ arrested
    assert not v[3].any()  # no token: no direction
    assert loader.load() is model  # once per loader


def test_a_missing_model_says_so_once() -> None:
    loader = MeaningLoader("claimweave_no_such_model")
    assert loader.load() is None and loader.load() is None
    assert loader.notice == ("the meaning part of link suggestions is off: the "
                             "claimweave_no_such_model package is not installed")


@pytest.fixture
def theft(project: Project, blank):  # type: ignore[no-untyped-def]
    a = project.add_document(f"{QUERY}\n").document.id
    b = project.add_document(f"{UNRELATED}\n{PARAPHRASE}\n{SHARED}\n").document.id
    q = project.add_claim(a, quote=QUERY).id
    ids = {name: project.add_claim(b, quote=text).id for name, text in
           (("unrelated", UNRELATED), ("paraphrase", PARAPHRASE), ("shared", SHARED))}
    return SuggestionIndex.build(project, ensure_analyses(project, blank).analyses), q, ids


def test_a_paraphrase_sharing_no_word_ranks_by_its_meaning(theft) -> None:  # type: ignore[no-untyped-def]
    index, q, ids = theft
    assert index.meaning is not None
    found = {s.claim_id: s for s in index.suggest(q, top=10)}
    para = found[ids["paraphrase"]]
    assert para.lexical == 0 and para.phrases == 0 and para.entities == 0 and para.meaning > 0
    assert para.score == pytest.approx(para.meaning)
    assert ids["unrelated"] not in found  # its cosine is under the floor
    shared = found[ids["shared"]]
    assert shared.lexical > 0 and shared.score == pytest.approx(
        shared.lexical + shared.phrases + shared.entities + shared.meaning, abs=1e-6)
    # The learned re-ranker's offset is this same default score.
    dots = index.space_dots("claims", index.vectors_of(index.claims[index.claim_row[q]]))
    row = index.claim_row[ids["paraphrase"]]
    assert LearnedRanker().features(index, "claims", index.claims[index.claim_row[q]], dots,
                                    row)[0] == pytest.approx(para.score)


def test_without_the_model_the_score_is_the_lexical_one(theft) -> None:  # type: ignore[no-untyped-def]
    index, q, ids = theft
    index.meaning = MeaningLoader("claimweave_no_such_model").load()  # what a missing one gives
    found = index.suggest(q, top=10)
    assert [s.claim_id for s in found] == [ids["shared"]]  # the paraphrase shares nothing
    assert found[0].meaning == 0 and found[0].score == pytest.approx(
        found[0].lexical + found[0].phrases + found[0].entities, abs=1e-6)


def _theft_file(path):  # type: ignore[no-untyped-def]
    """A project file of the two theft reports: (the query claim, the one sharing a word)."""
    with Project.create(path) as p:
        a = p.add_document(f"{QUERY}\n").document.id
        b = p.add_document(f"{UNRELATED}\n{PARAPHRASE}\n{SHARED}\n").document.id
        q = p.add_claim(a, quote=QUERY).id
        shared = p.add_claim(b, quote=SHARED).id
        p.add_claim(b, quote=PARAPHRASE)
    return q, shared


HIDDEN = """import sys
sys.modules["wordllama"] = None  # as if the package were not installed
from claimweave.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_suggest_without_the_model_says_so_in_one_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The command line, in a process of its own that cannot find the package: the lexical
    ranking, one notice, no traceback."""
    path = tmp_path / "off.claimweave"
    q, shared = _theft_file(path)
    done = subprocess.run([sys.executable, "-c", HIDDEN, "suggest", str(path), "--claim", q,
                           "--model", "blank", "--json"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stderr.splitlines() if "meaning" in line]
    assert said == ["notice: the meaning part of link suggestions is off: the wordllama "
                    "package is not installed"] and "Traceback" not in done.stderr
    assert [s["claim_id"] for s in json.loads(done.stdout)] == [shared]


def test_kept_embeddings_are_the_computed_ones_when_the_store_fills(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from claimweave.nlp import meaning

    model = MeaningLoader().load()
    assert model is not None
    texts = [QUERY, PARAPHRASE, UNRELATED, SHARED]
    want = model.embed(texts)
    monkeypatch.setattr(meaning, "CACHED", 3)
    fresh = MeaningLoader().load()
    assert fresh is not None
    assert (fresh.embed(texts) == want).all()  # more than are kept: computed, not kept
    got = [fresh.embed(texts[:2]), fresh.embed(texts[2:]), fresh.embed(texts[:1])]
    assert (got[0] == want[:2]).all() and (got[1] == want[2:]).all()  # (kept anew)
    assert (got[2] == want[:1]).all()


def _damaged_copy(root, how: str):  # type: ignore[no-untyped-def]
    """A copy of the installed package under *root*/wordllama, damaged *how*."""
    import shutil

    from claimweave.nlp import meaning
    from claimweave.nlp.meaning import TOKENIZER, WEIGHTS

    real, copy = meaning._root("wordllama"), root / "wordllama"
    assert real is not None
    for part in (WEIGHTS, TOKENIZER):
        copy.joinpath(*part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(real.joinpath(*part), copy.joinpath(*part))
    (copy / "__init__.py").write_text("")
    weights, tokenizer = copy.joinpath(*WEIGHTS), copy.joinpath(*TOKENIZER)
    if how == "truncated weights":
        weights.write_bytes(weights.read_bytes()[:100_000])
    elif how == "a header that is no JSON":
        weights.write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json}")
    elif how == "no tokenizer":
        tokenizer.unlink()
    elif how == "weights of a smaller vocabulary":  # readable, but most tokens have no row
        header = json.dumps({"embedding.weight": {"dtype": "F16", "shape": [100, 256],
                                                  "data_offsets": [0, 100 * 256 * 2]}})
        weights.write_bytes(len(header).to_bytes(8, "little") + header.encode()
                            + bytes(100 * 256 * 2))
    return root


@pytest.mark.parametrize(("how", "why"), [
    ("truncated weights", "ValueError: "), ("a header that is no JSON", "JSONDecodeError: "),
    ("no tokenizer", "Exception: "),
    ("weights of a smaller vocabulary", "ValueError: 100 vectors for a vocabulary of 32000)")])
def test_a_damaged_model_is_off_with_one_notice(tmp_path, monkeypatch, how, why) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.syspath_prepend(str(_damaged_copy(tmp_path, how)))
    loader = MeaningLoader()
    assert loader.load() is None
    assert loader.notice is not None and loader.notice.startswith(
        "the meaning part of link suggestions is off: its model files could not be read ("
        + why)
    assert "\n" not in loader.notice


DAMAGED = """import sys
sys.path.insert(0, sys.argv.pop(1))  # a damaged copy of the package, found first
from claimweave.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_suggest_with_a_damaged_model_ranks_on_the_words(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Weights that load but do not fit the tokenizer: one notice, the lexical ranking, no
    traceback (they used to fail every query with an IndexError)."""
    root = _damaged_copy(tmp_path / "site", "weights of a smaller vocabulary")
    path = tmp_path / "damaged.claimweave"
    q, shared = _theft_file(path)
    done = subprocess.run([sys.executable, "-c", DAMAGED, str(root), "suggest", str(path),
                           "--claim", q, "--model", "blank", "--json"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    said = [line for line in done.stderr.splitlines() if "meaning" in line]
    assert len(said) == 1 and said[0].startswith(
        "notice: the meaning part of link suggestions is off: its model files could not be read (")
    assert [s["claim_id"] for s in json.loads(done.stdout)] == [shared]


def test_embedding_no_text_gives_no_row() -> None:
    model = MeaningLoader().load()
    assert model is not None
    assert model.embed([]).shape == (0, model.dim)  # before any text is kept, too


def test_two_threads_embedding_while_the_store_fills_get_their_own_vectors(monkeypatch  # type: ignore[no-untyped-def]
                                                                          ) -> None:
    """The window's thread queries while a worker refits, on one model: with a store so
    small that it starts again every few calls, each gets the vectors of its own texts."""
    import threading

    from claimweave.nlp import meaning

    model = MeaningLoader().load()
    assert model is not None
    texts = [f"{QUERY} {n}" for n in range(6)] + [f"{SHARED} {n}" for n in range(6)]
    want = {t: v for t, v in zip(texts, model.embed(texts), strict=True)}
    monkeypatch.setattr(meaning, "CACHED", 5)
    shared = MeaningLoader().load()
    assert shared is not None
    wrong: list[str] = []

    def work(mine: list[str]) -> None:
        for n in range(150):
            asked = [mine[(n + k) % len(mine)] for k in range(3)]
            got = shared.embed(asked)
            wrong.extend(t for t, v in zip(asked, got, strict=True) if (v != want[t]).any())

    threads = [threading.Thread(target=work, args=(texts[:6],)),
               threading.Thread(target=work, args=(texts[6:],))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wrong == []
