"""The meaning part of the link score: a static sentence embedding, so that a partner that
shares no word with the claim ("No arrests have been made" / "Nobody has yet been
detained") can still rank.

The model is WordLlama's ``l2_supercat`` (the PyPI package ``wordllama``, MIT licence): one
256-dimensional vector per token of the Llama-2 tokenizer, trained so that the average of a
text's token vectors embeds the text. The package's wheel carries both files (16 MB of
float16 weights, the tokenizer); they are read here directly (the weights mapped from
their safetensors file, the tokenizer with ``tokenizers``): the package itself is never
imported, because its loader looks for the tokenizer where the wheel does not put it and
then downloads it, and because importing it configures the root logger.

A text's embedding is the mean of its token vectors, L2-normalised; embeddings are kept per
text (a passage is embedded once per process). Loading takes about 0.1 s (the tokenizer's
1.8 MB of JSON): the desktop does it on the analysis worker, right after spaCy's pipeline
(:func:`load` is then instant on any thread); without the package every score is the
lexical one, and :func:`notice` says so once.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PACKAGE = "wordllama"
WEIGHTS = ("weights", "l2_supercat_256.safetensors")
TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")
CACHED = 20_000  # texts whose embeddings are kept (20 MB at most, 1 kB each)


class MeaningModel:
    """Token vectors and tokenizer of a static embedding model, read from *root*."""

    def __init__(self, root: Path) -> None:
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(root.joinpath(*TOKENIZER)))
        self._weights = _mapped(root.joinpath(*WEIGHTS), "embedding.weight")
        vocabulary = self._tokenizer.get_vocab_size()
        if self._weights.shape[0] < vocabulary:
            # weights of another model: every query would fail, not this once
            raise ValueError(f"{self._weights.shape[0]} vectors for a vocabulary of "
                             f"{vocabulary}")
        self.dim = int(self._weights.shape[1])
        self._rows: dict[str, int] = {}  # text -> its row of _kept
        self._kept: Any = None
        self._lock = threading.Lock()  # the UI thread's queries beside a worker's refit

    def embed(self, texts: Sequence[str]) -> Any:
        """One unit vector (float32) per text, as the rows of an array; a text without a
        token gets zeros. Kept per text (rows of one preallocated array), so a passage is
        tokenised once."""
        import numpy as np

        if not texts:
            return np.zeros((0, self.dim), np.float32)
        with self._lock:
            todo = list(dict.fromkeys(t for t in texts if t not in self._rows))
            if len(todo) > CACHED:  # more than are kept: computed, not kept
                return self._vectors(list(texts))
            if len(self._rows) + len(todo) > CACHED:
                self._rows.clear()  # start again (those of *texts* are embedded below)
                todo = list(dict.fromkeys(texts))
            if todo:
                if self._kept is None:  # its pages are used as it fills
                    self._kept = np.empty((CACHED, self.dim), np.float32)
                first = len(self._rows)
                self._kept[first:first + len(todo)] = self._vectors(todo)
                self._rows.update((t, first + n) for n, t in enumerate(todo))
            return self._kept[[self._rows[t] for t in texts]]

    def _vectors(self, todo: list[str]) -> Any:
        import numpy as np

        # One by one: encode_batch runs a thread pool (its arenas cost memory, and a process
        # forked after it warns on stderr), for no gain on 30 short texts.
        encodings = [self._tokenizer.encode(t, add_special_tokens=False) for t in todo]
        lengths = np.asarray([len(e.ids) for e in encodings])
        ids = np.concatenate([np.asarray(e.ids, np.int64) for e in encodings] + [
            np.zeros(0, np.int64)])
        vectors = np.zeros((len(todo), self.dim), np.float32)
        some = lengths > 0
        if some.any():
            starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])[some]
            sums = np.add.reduceat(self._weights[ids].astype(np.float32), starts, axis=0)
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            vectors[some] = sums / np.where(norms > 0, norms, 1.0)  # the mean's direction
        return vectors

    def forget(self) -> None:
        """Drop the kept embeddings (the benchmark measures their first computation)."""
        with self._lock:
            self._rows.clear()


def _mapped(path: Path, name: str) -> Any:
    """The float16 tensor *name* of a safetensors file, mapped, not read: a process reads
    only the rows of the tokens it meets (the format: an 8-byte little-endian header length,
    the JSON header with each tensor's dtype, shape and byte range, then the data)."""
    import json

    import numpy as np

    with open(path, "rb") as f:
        size = int.from_bytes(f.read(8), "little")
        entry = json.loads(f.read(size))[name]
    if entry["dtype"] != "F16" or len(entry["shape"]) != 2:
        raise ValueError(f"{name} is {entry['dtype']} of shape {entry['shape']}")
    start, end = entry["data_offsets"]
    rows, dim = entry["shape"]
    if end - start != rows * dim * 2:
        raise ValueError(f"{name} has {end - start} bytes for shape {entry['shape']}")
    return np.memmap(path, np.float16, "r", 8 + size + start, (rows, dim))


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


def _root(package: str) -> Path | None:
    """The folder of the installed package, found without importing it; in the one-folder
    build (packaging/claimweave.spec), the folder its data files were copied to."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None and Path(bundle, package).is_dir():
        return Path(bundle, package)
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    return Path(spec.origin).parent if spec is not None and spec.origin else None


def _load(package: str) -> tuple[MeaningModel | None, str | None]:
    off = "the meaning part of link suggestions is off"
    root = _root(package)
    if root is None:
        return None, f"{off}: the {package} package is not installed"
    try:
        return MeaningModel(root), None
    except ImportError as exc:
        return None, f"{off}: {exc.name or 'a package it needs'} is not installed"
    except Exception as exc:  # a damaged or different package: say so, rank on the words
        why = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
        return None, f"{off}: its model files could not be read ({type(exc).__name__}" + (
            f": {why})" if why else ")")


LOADER = MeaningLoader()


def load() -> MeaningModel | None:
    """The process's model (loaded on the first call: call it on a worker), or None."""
    return LOADER.load()


def notice() -> str | None:
    """Why the meaning part is off, once :func:`load` found no model; else None."""
    return LOADER.notice
