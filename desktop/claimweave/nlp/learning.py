"""Link suggestions that learn from the project: every link the user makes and every
suggestion dismissed is evidence about what *this* user links.

Two things are learned, per project, in numpy, in well under 200 ms:

- a **re-ranker**: logistic regression over the suggester's own features of a pair (word,
  character, entity and number similarity, the combined score, polarity and number cues,
  the candidate's claim-likeness, the length ratio, whether both claims name the same
  claimant, and the learned term association below). Positives are the user's links
  between claims of different documents; negatives are dismissed suggestions and, for each
  linked claim, the best-ranked claims the user did *not* link it to. The default score
  enters as a fixed offset (:data:`PRIOR`) and the model learns only corrections to it,
  pulled towards zero (:data:`L2`): with little evidence the ranking stays the default
  one, instead of swinging on a handful of links (measured: a free model fitted on 5
  links ranked far worse than the default). It re-orders the top of the default ranking;
  with fewer than :data:`MIN_LINKS` links the default weights stay in charge alone.
- **term associations**: content lemmas that recur on the two sides of the user's links
  ("ally" on one side, "alliance" on the other; "moscow" / "kremlin"), used to widen the
  query, so a partner that shares no word with the claim can still reach the re-ranker.

Nothing here touches Qt or the database: :func:`decisions_of` reads the project through
its API, :meth:`LearnedRanker.fit` works on the built :class:`SuggestionIndex`, and both
are safe on a worker thread. docs/nlp.md has the figures.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .lexicon import canonical
from .stance import negation_flip, number_cues

if TYPE_CHECKING:
    from ..core.store import Project
    from .suggest import SuggestionIndex
    from .suggestion import Passage

MIN_LINKS = 5  # below this many usable links the default ranking is kept
POOL = 30  # candidates of the default ranking (and of the widened query) re-ranked
NEGATIVES = 30  # best-ranked unlinked claims per query, as negatives (few links) ...
MIN_NEGATIVES = 5  # ... down to this many when there are many queries
EXAMPLES = 900  # about this many pairs per fit: a refit stays near 200 ms at 10,000 claims
MAX_LINKS = 50  # the most recent links a fit learns from
QUERIES = 40  # claims queried per fit: both ends of each link while they fit, else sources
PRIOR = 3.0  # weight of the default score (standardised) that the model corrects
L2 = 4.0  # how hard the corrections are pulled to zero: few links, small corrections
MIN_RECURRENCE = 2  # links a lemma pair must recur in (once is chance: measured, it misled)
ASSOCIATION_WEIGHT = 0.5  # the widened query's share when choosing the pool
FEATURES = ("score", "words", "chars", "entities", "numbers", "negation", "numbers_differ",
            "likeness", "length_ratio", "association", "same_claimant")


@dataclass(frozen=True, slots=True)
class Decisions:
    """What the user decided: claim pairs linked, and claim pairs dismissed; and who
    asserts each claim that names a claimant (claim id -> claimant id)."""

    links: tuple[tuple[str, str], ...]
    dismissed: tuple[tuple[str, str], ...]
    claimants: Mapping[str, str] = field(default_factory=dict)


def decisions_of(project: Project) -> Decisions:
    """The project's links (either direction), dismissed claim suggestions and claimants."""
    links = tuple((link.source, link.target) for link in project.links())
    dismissed = tuple((claim_id, ref) for claim_id, kind, ref
                      in project.all_dismissed_suggestions() if kind == "claim")
    return Decisions(links, dismissed, project.claimant_of_claims())


BASE = 9  # FEATURES[:BASE] depend on the pair alone; the rest on the user's decisions


@dataclass(frozen=True, slots=True)
class _QueryRows:
    """What a fit needs of one query claim that no decision changes: its vectors, the
    default ranking's best rows and their pair features. Kept from fit to fit while the
    index is the same, so a refit after a few more decisions computes only new queries."""

    vectors: dict[str, dict[int, float]]
    rows: list[int]  # the default ranking's best, best first
    kept: list[int]  # rows, then the partners the query had when it was computed
    base: Any  # len(kept) x BASE
    asked: int  # how many best rows were asked for (fewer exist in a small project)


@dataclass(slots=True)
class LearnedRanker:
    """A fitted re-ranker and term associations; immutable once :meth:`fit` returned."""

    weights: Any = None  # numpy array over FEATURES + bias, or None (not enough links)
    mean: Any = None
    scale: Any = None
    associations: dict[str, dict[str, float]] = field(default_factory=dict)
    claimants: Mapping[str, str] = field(default_factory=dict)
    n_links: int = 0
    n_examples: int = 0
    _index: Any = None  # the index the cache below belongs to
    _queries: dict[str, _QueryRows] = field(default_factory=dict)  # of the last fit's queries
    _lent: Mapping[str, _QueryRows] = field(default_factory=dict)  # a previous fit's, while fitting

    @property
    def active(self) -> bool:
        return self.weights is not None

    def reason(self) -> str:
        return f"learned from your {self.n_links} links" if self.active else ""

    # ------------------------------------------------------------------ fitting
    @classmethod
    def fit(cls, index: SuggestionIndex, decisions: Decisions,
            previous: LearnedRanker | None = None) -> LearnedRanker:
        """Fit on the decisions whose claims are in *index* (others are ignored).
        *previous*, a ranker fitted on the same index, lends what it computed per query."""
        self = cls(claimants=decisions.claimants, _index=index)
        if previous is not None and previous._index is index:
            self._lent = previous._queries
        try:
            return self._fit(index, decisions)
        finally:
            self._lent = {}

    def _fit(self, index: SuggestionIndex, decisions: Decisions) -> LearnedRanker:
        import numpy as np

        rows = index.claim_row
        pairs = [(a, b) for a, b in decisions.links if a in rows and b in rows
                 and index.claims[rows[a]].doc != index.claims[rows[b]].doc]
        self.n_links = len(pairs)
        pairs = pairs[-MAX_LINKS:]
        self.associations = _associations(index, pairs)
        if len(pairs) < MIN_LINKS:
            return self
        linked: dict[str, set[str]] = defaultdict(set)
        both_ends = 2 * len(pairs) <= QUERIES
        for a, b in pairs:
            linked[a].add(b)
            if both_ends:
                linked[b].add(a)
        blocks: list[Any] = []
        ys: list[float] = []
        # Few links: many negatives each (measured: 10 instead of 30 cost the development
        # set 0.12 of R@3 at 5 links); many links: fewer, so the cost stays bounded.
        per_query = max(MIN_NEGATIVES, min(NEGATIVES, EXAMPLES // len(linked) - 1))
        for query, partners in linked.items():
            q = index.claims[rows[query]]
            prows = [rows[b] for b in partners]
            cached = self._query_rows(index, q, per_query + len(prows), prows)
            blocks.append(self._matrix(index, "claims", q, self._pair_base(
                index, cached, q, prows), prows))
            ys.extend([1.0] * len(prows))
            take = [k for k, i in enumerate(cached.rows[:per_query + len(prows)])
                    if index.claims[i].claim_id not in partners]
            if take:
                neg_rows = [cached.rows[k] for k in take]
                blocks.append(self._matrix(index, "claims", q, cached.base[take], neg_rows))
                ys.extend([0.0] * len(take))
        for a, b in decisions.dismissed:
            if a in rows and b in rows:
                q = index.claims[rows[a]]
                cached = self._query_rows(index, q, 0, [rows[b]])
                blocks.append(self._matrix(index, "claims", q, self._pair_base(
                    index, cached, q, [rows[b]]), [rows[b]]))
                ys.append(0.0)
        x, y = np.vstack(blocks), np.asarray(ys, dtype=np.float64)
        if y.min() == y.max():
            return self  # one class only: nothing to tell apart
        # A feature constant in the training data (no negation seen yet) keeps scale 1:
        # dividing by a tiny spread would blow up the first candidate that has it.
        spread = x.std(axis=0)
        self.mean, self.scale = x.mean(axis=0), np.where(spread > 1e-3, spread, 1.0)
        z = (x - self.mean) / self.scale
        self.weights = _logistic(z, y, offset=PRIOR * z[:, 0])
        self.n_examples = len(ys)
        return self

    def _query_rows(self, index: SuggestionIndex, q: Passage, need: int = 0,
                    partners: Iterable[int] = ()) -> _QueryRows:
        """The cached rows of query *q*: at least its *need* best rows, with the base
        features of those and of *partners* (computed while the query's cosines with every
        row are at hand); computed again when a fit needs more rows than were kept."""
        assert q.claim_id is not None
        found = self._queries.get(q.claim_id) or self._lent.get(q.claim_id)
        if found is not None:
            self._queries[q.claim_id] = found
        if found is None or found.asked < need:
            vectors = found.vectors if found else index.vectors_of(q)
            dots = index.space_dots("claims", vectors)
            score = index.scores("claims", {}, q.doc, dots)
            best = [i for i in _top(score, need) if score[i] >= 0]  # -1: same doc
            keep = best + [r for r in partners if r not in set(best)]
            found = _QueryRows(vectors, best, keep, base_features(index, "claims", q, {
                s: v[keep] for s, v in dots.items()}, keep), need)
            self._queries[q.claim_id] = found
        return found

    def _pair_base(self, index: SuggestionIndex, cached: _QueryRows, q: Passage,
                   rows: list[int]) -> Any:
        """Base features of (q, row) for *rows*, from the cache or computed pair by pair."""
        import numpy as np

        at = {r: k for k, r in enumerate(cached.kept)}
        out = np.empty((len(rows), BASE))
        for n, r in enumerate(rows):
            if r in at:
                out[n] = cached.base[at[r]]
            else:
                dots = index.pair_dots(cached.vectors, index.claims[r])
                out[n] = base_features(index, "claims", q, {
                    s: np.asarray([v]) for s, v in dots.items()}, [r])[0]
        return out

    # ------------------------------------------------------------------ using
    def features(self, index: SuggestionIndex, scope: str, q: Passage,
                 space_dots: dict[str, Any], row: int) -> list[float]:
        """The feature vector (:data:`FEATURES`) of the pair (query, passage *row*);
        *space_dots*: :meth:`SuggestionIndex.space_dots` of the query, read at *row*."""
        sub = {s: v[[row]] for s, v in space_dots.items()}
        base = base_features(index, scope, q, sub, [row])
        return [float(v) for v in self._matrix(index, scope, q, base, [row])[0]]

    def _matrix(self, index: SuggestionIndex, scope: str, q: Passage, base: Any,
                rows: list[int]) -> Any:
        """*base* (rows x BASE) with the decision-dependent columns appended."""
        import numpy as np

        passages = index.passages(scope)
        weights = self._association_weights(q.features.lemmas)
        extra = np.zeros((len(rows), len(FEATURES) - BASE))
        for n, r in enumerate(rows):
            p = passages[r]
            if weights:
                extra[n, 0] = sum(weights.get(canonical(w), 0.0)
                                  for w in set(p.features.lemmas))
            extra[n, 1] = 1.0 if self._same_claimant(q.claim_id, p.claim_id) else 0.0
        return np.hstack([base, extra])

    def _association_weights(self, lemmas: Iterable[str]) -> dict[str, float]:
        """Lemma of a candidate -> what it adds to the association with *lemmas*."""
        out: dict[str, float] = {}
        for x in {canonical(w) for w in lemmas}:
            for y, w in self.associations.get(x, {}).items():
                out[y] = out.get(y, 0.0) + w
        return out

    def _same_claimant(self, a: str | None, b: str | None) -> bool:
        ka = self.claimants.get(a) if a else None
        return ka is not None and ka == (self.claimants.get(b) if b else None)

    def widened_query(self, index: SuggestionIndex, lemmas: Iterable[str]) -> dict[int, float]:
        """Word-space query of the lemmas the user's links associate with *lemmas*."""
        weights = self._association_weights(lemmas)
        ids = index._ids_of([("l", y) for y in weights])  # a stored index: one read for all
        out: dict[int, float] = {}
        for w, tid in zip(weights.values(), ids, strict=True):
            if tid is not None:
                out[tid] = out.get(tid, 0.0) + w
        norm = math.sqrt(sum(v * v for v in out.values())) or 1.0
        return {t: v / norm for t, v in out.items()}

    def rerank(self, index: SuggestionIndex, scope: str, q: Passage,
               qv: dict[str, dict[int, float]], score: Any,
               space_dots: dict[str, Any]) -> list[int]:
        """Rows of the best candidates, best first: the default ranking's top (and the
        widened query's), re-ordered by the fitted model."""
        import numpy as np

        pick = score.copy()
        widened = self.widened_query(index, q.features.lemmas)
        if widened:
            extra = index.space_dot(scope, "w", widened)
            pick = np.where(score >= 0, score + ASSOCIATION_WEIGHT * extra, score)
        pool = [i for i in _top(pick, POOL) if pick[i] > 1e-6]
        if not pool:
            return []
        base = base_features(index, scope, q, {s: v[pool] for s, v in space_dots.items()},
                             pool)
        x = (self._matrix(index, scope, q, base, pool) - self.mean) / self.scale
        z = PRIOR * x[:, 0] + np.column_stack([x, np.ones(len(pool))]) @ self.weights
        return [pool[i] for i in np.argsort(-z, kind="stable").tolist()]


def base_features(index: SuggestionIndex, scope: str, q: Passage, dots: dict[str, Any],
                  rows: list[int]) -> Any:
    """FEATURES[:BASE] of the pairs (q, row) for *rows*; *dots*: per space, the query's
    cosines with those rows (arrays aligned with *rows*). The default score is computed
    for all rows at once; the polarity and number cues pair by pair."""
    import numpy as np

    passages = index.passages(scope)
    out = np.empty((len(rows), BASE))
    if not rows:
        return out
    out[:, 0] = np.asarray(index._combine(dots)[0], dtype=np.float64)
    for k, s in enumerate(("w", "c", "e", "n"), start=1):
        out[:, k] = dots[s]
    qf = q.features
    la = len(qf.lemmas) or 1
    for n, r in enumerate(rows):
        p = passages[r]
        pf = p.features
        lb = len(pf.lemmas) or 1
        out[n, 5] = 1.0 if negation_flip(qf, pf) else 0.0
        out[n, 6] = 1.0 if number_cues(qf, pf) else 0.0
        out[n, 7] = p.likeness
        out[n, 8] = min(la, lb) / max(la, lb)
    return out


def _top(score: Any, k: int) -> list[int]:
    """Rows of the *k* highest scores, best first (ties: lower row first)."""
    import numpy as np

    k = min(k, len(score))
    if k <= 0:
        return []
    part = np.argpartition(-score, k - 1)[:k] if k < len(score) else np.arange(len(score))
    return sorted(part.tolist(), key=lambda i: (-float(score[i]), i))


def _logistic(x: Any, y: Any, *, offset: Any, l2: float = L2, steps: int = 30) -> Any:
    """L2-regularised logistic regression with a fixed *offset* per example, by Newton's
    method; the weights end with the bias."""
    import numpy as np

    xb = np.column_stack([x, np.ones(len(x))])
    w = np.zeros(xb.shape[1])
    reg = np.full(xb.shape[1], l2)
    reg[-1] = 0.0  # the bias is not shrunk
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(offset + xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + reg * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(reg) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-6:
            break
    return w


def _associations(index: SuggestionIndex, pairs: list[tuple[str, str]]
                  ) -> dict[str, dict[str, float]]:
    """Lemma -> lemmas seen on the other side of at least :data:`MIN_RECURRENCE` of the
    user's links, weighted by how often and by rarity, the three strongest per lemma."""
    counts: Counter[tuple[str, str]] = Counter()
    for a, b in pairs:
        la = {canonical(w) for w in index.claims[index.claim_row[a]].features.lemmas}
        lb = {canonical(w) for w in index.claims[index.claim_row[b]].features.lemmas}
        for x in la - lb:
            for y in lb - la:
                counts[(x, y)] += 1
                counts[(y, x)] += 1
    by_word: dict[str, dict[str, float]] = defaultdict(dict)
    for (x, y), n in counts.items():
        if n >= MIN_RECURRENCE:
            by_word[x][y] = n * index.idf_of(("l", y))
    return {x: dict(sorted(ys.items(), key=lambda t: -t[1])[:3]) for x, ys in by_word.items()}
