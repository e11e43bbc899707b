"""Shared fixtures of the NLP tests: a blank pipeline (fast) and the real model (marked)."""

from __future__ import annotations

import pytest

from claimweave.nlp.pipeline import LoadedPipeline, blank_pipeline, load_pipeline


@pytest.fixture(scope="session")
def blank() -> LoadedPipeline:
    return blank_pipeline()


@pytest.fixture(scope="session")
def model() -> LoadedPipeline:
    """The English model; skips when only the blank pipeline is available."""
    loaded = load_pipeline()
    if loaded.info.blank:
        pytest.skip("no English spaCy model installed")
    return loaded


ARTICLE_A = (
    "Officials said the alliance will increase military cooperation in 2015.\n"
    "Prices rose by 5 percent last year, according to the ministry.\n"
    "Is this the end of the story?\n"
    "Short line.\n"
)
ARTICLE_B = (
    "The alliance will not increase military cooperation, officials said.\n"
    "Prices rose by 9 percent last year, according to the ministry.\n"
    "Farmers planted wheat in the northern valleys this spring season.\n"
)
ARTICLE_C = (
    "Military cooperation within the alliance is expected to increase, officials said.\n"
    "The weather was mild and sunny for most of the quiet week.\n"
)
