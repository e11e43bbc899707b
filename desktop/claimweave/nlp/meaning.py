"""The meaning part of the link score: a static sentence embedding, so that a partner that
shares no word with the claim ("No arrests have been made" / "Nobody has yet been
detained") can still rank.

The model is WordLlama's ``l2_supercat`` (the PyPI package ``wordllama``, MIT licence): one
256-dimensional vector per token of the Llama-2 tokenizer, trained so that the average of a
text's token vectors embeds the text. The package's wheel carries both files (16 MB of
float16 weights, the tokenizer); they are read here directly with ``safetensors`` and
``tokenizers``: the package itself is never imported, because its loader looks for the
tokenizer where the wheel does not put it and then downloads it, and because importing it
configures the root logger.

A text's embedding is the mean of its token vectors, L2-normalised; embeddings are kept per
text (a passage is embedded once per process). Loading takes about half a second: the
desktop does it on the analysis worker, right after spaCy's pipeline (:func:`load` is then
instant on any thread); without the package every score is the lexical one, and
:func:`notice` says so once.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PACKAGE = "wordllama"
WEIGHTS = ("weights", "l2_supercat_256.safetensors")
TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")
CACHED = 50_000  # texts whose embeddings are kept (about 50 MB at 256 float32 each)


class MeaningModel:
    """Token vectors and tokenizer of a static embedding model, read from *root*."""

    def __init__(self, root: Path) -> None:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(root.joinpath(*TOKENIZER)))
        with safe_open(str(root.joinpath(*WEIGHTS)), framework="np") as f:
            self._weights = f.get_tensor("embedding.weight")  # float16, vocabulary x dim
        self.dim = int(self._weights.shape[1])
        self._cache: dict[str, Any] = {}

    def embed(self, texts: Sequence[str]) -> Any:
        """One unit vector (float32) per text, as the rows of an array; a text without a
        token gets zeros. Kept per text: a passage is tokenised once."""
        import numpy as np

        cache = self._cache
        todo = list({t for t in texts if t not in cache})
        if todo:
            if len(cache) + len(todo) > CACHED:
                cache.clear()  # (another thread's texts are embedded again, no harm)
            for text, enc in zip(todo, self._tokenizer.encode_batch(
                    todo, add_special_tokens=False), strict=True):
                v = (self._weights[enc.ids].astype(np.float32).mean(axis=0) if enc.ids
                     else np.zeros(self.dim, np.float32))
                norm = float(np.linalg.norm(v))
                cache[text] = v / norm if norm else v
        out = np.empty((len(texts), self.dim), np.float32)
        for n, t in enumerate(texts):
            v = cache.get(t)
            out[n] = v if v is not None else self.embed([t])[0]
        return out

    def forget(self) -> None:
        """Drop the kept embeddings (the benchmark measures their first computation)."""
        self._cache.clear()


class MeaningLoader:
    """Loads the model once, from any thread; remembers a failure (and says why)."""

    def __init__(self, package: str = PACKAGE) -> None:
        self._package = package
        self._lock = threading.Lock()
        self._done = False
        self.model: MeaningModel | None = None
        self.notice: str | None = None

    def load(self) -> MeaningModel | None:
        with self._lock:
            if not self._done:
                self.model, self.notice = _load(self._package)
                self._done = True
            return self.model


def _load(package: str) -> tuple[MeaningModel | None, str | None]:
    off = "the meaning part of link suggestions is off"
    try:
        spec = importlib.util.find_spec(package)  # finds it without importing it
    except (ImportError, ValueError):
        spec = None
    if spec is None or spec.origin is None:
        return None, f"{off}: the {package} package is not installed"
    try:
        return MeaningModel(Path(spec.origin).parent), None
    except ImportError as exc:
        return None, f"{off}: {exc.name or 'a package it needs'} is not installed"
    except Exception as exc:  # a damaged or different package: say so, rank on the words
        return None, f"{off}: its model files could not be read ({type(exc).__name__})"


LOADER = MeaningLoader()


def load() -> MeaningModel | None:
    """The process's model (loaded on the first call: call it on a worker), or None."""
    return LOADER.load()


def notice() -> str | None:
    """Why the meaning part is off, once :func:`load` found no model; else None."""
    return LOADER.notice
