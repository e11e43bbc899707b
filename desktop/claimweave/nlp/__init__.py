"""spaCy assistance: pipeline loading, sentences, entities, claim candidates, link suggestions.

Nothing here imports spaCy at import time: :mod:`claimweave.nlp.pipeline` loads it on
first use, off the UI thread. Analyses are plain data (:class:`~.analysis.Analysis`) that the
desktop can hold and read without spaCy. Modules, one job each:

- ``pipeline``   pick and load a model (with a notice when only a blank pipeline is left);
- ``analysis``   run nlp.pipe over documents and turn each Doc into an :class:`Analysis`;
- ``cache``      keep analyses in the project's nlp_cache table, parse only what is missing;
- ``candidates`` sentences likely to state a claim, and snapping a selection to sentences;
- ``features``   content lemmas, entities, key phrases and cues of a span (shared below);
- ``stance``     the agrees / contradicts / unclear hint from explicit cues;
- ``entities``   entities of claims: filter by name, label tags;
- ``suggest``    ranked link suggestions for a claim (claims and unclaimed sentences).
"""
