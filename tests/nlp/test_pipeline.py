"""Loading the pipeline: the order of models, the blank fallback and its notice, laziness."""

from __future__ import annotations

import importlib.abc
import subprocess
import sys
import threading

import pytest

from claimweave.nlp import pipeline
from claimweave.nlp.pipeline import (
    BLANK_NOTICE,
    KNOWN_MODELS,
    PipelineLoader,
    candidate_names,
    load_pipeline,
)


class _BlockModels(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):  # type: ignore[no-untyped-def]
        if name.split(".")[0] in KNOWN_MODELS:
            raise ImportError(f"{name} is blocked by the test")
        return None


@pytest.fixture
def no_models(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the known English models unimportable, as on a machine without them."""
    for name in list(sys.modules):
        if name.split(".")[0] in KNOWN_MODELS:
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [_BlockModels(), *sys.meta_path])
    monkeypatch.delenv(pipeline.ENV_MODEL, raising=False)


def test_missing_model_degrades_to_blank_with_notice(no_models: None) -> None:
    loaded = load_pipeline("claimweave_no_such_model")
    assert loaded.info.blank
    assert loaded.info.notice == BLANK_NOTICE
    assert loaded.info.tried == ("claimweave_no_such_model", *KNOWN_MODELS)
    assert not loaded.info.has_entities
    doc = loaded.nlp("One sentence here. Another one there.")
    assert len(list(doc.sents)) == 2


def test_progress_reports_each_step(no_models: None) -> None:
    steps: list[str] = []
    load_pipeline("claimweave_no_such_model", progress=steps.append)
    assert steps[0] == "importing spaCy"
    assert "loading claimweave_no_such_model" in steps
    assert steps[-1].startswith("no English model found")


def test_order_of_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pipeline.ENV_MODEL, "from_env")
    assert candidate_names() == ["from_env", *KNOWN_MODELS]
    assert candidate_names("explicit") == ["explicit", *KNOWN_MODELS]
    monkeypatch.delenv(pipeline.ENV_MODEL)
    assert candidate_names("en_core_web_sm") == list(KNOWN_MODELS)


def test_blank_on_request_is_fast_and_flagged() -> None:
    loaded = load_pipeline("blank")
    assert loaded.info.blank and loaded.info.notice == BLANK_NOTICE


def test_loader_loads_once_across_threads() -> None:
    loader = PipelineLoader("blank")
    results = []
    threads = [threading.Thread(target=lambda: results.append(loader.load()))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert loader.ready and len({id(r) for r in results}) == 1
    assert loader.info is not None and loader.info.blank


def test_importing_claimweave_does_not_import_spacy() -> None:
    code = ("import sys, claimweave, claimweave.cli, claimweave.nlp, claimweave.nlp.pipeline, "
            "claimweave.nlp.analysis, claimweave.nlp.cache, claimweave.nlp.candidates, "
            "claimweave.nlp.suggest, claimweave.nlp.stance; "
            "claimweave.cli.build_parser(); "
            "assert 'spacy' not in sys.modules, 'spacy imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.model
def test_real_model_has_entities(model) -> None:  # type: ignore[no-untyped-def]
    assert model.info.name in KNOWN_MODELS
    assert model.info.has_entities and model.info.notice is None
    assert "+spacy" in model.info.version
