"""Link suggestions that learn from the project: every link the user makes and every
suggestion dismissed is evidence about what *this* user links.

Learned per project, in numpy, well under 200 ms:

- a **re-ranker**, listwise (:mod:`.rank_fit`): within each linked claim's candidate list
  (its partner against the best-ranked claims it was not linked to, and the suggestions
  it had dismissed), a softmax over the default score, whose weight is a temperature, and
  what the links reveal beyond it: where the two claims sit in their reports, the learned
  term associations, one claimant on both sides, and whether the candidate is already
  linked to another claim of the query's document. The score's own parts are not
  re-weighted (measured: fitted on 5-10 links, that ranked the development sets worse).
  The fit starts from :data:`CENTER` and moves only as far as cross-validation over the
  user's own links supports; with fewer than :data:`MIN_LINKS` links, the default.
- **term associations** (:mod:`.associations`): lemmas that recur on the two sides of the
  user's links, used to widen the query, so a partner sharing no word can be ranked.

Nothing here touches Qt or the database: :func:`decisions_of` reads the project through
its API, :meth:`LearnedRanker.fit` works on the built :class:`SuggestionIndex`, and both
are safe on a worker thread. docs/nlp.md has the figures.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .associations import Recurrence
from .lexicon import canonical
from .pair_features import BASE, base_features
from .rank_fit import MAX_FOLDS, Groups, choose_pull, fit_listwise
from .suggestion import top_rows

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
ASSOCIATION_WEIGHT = 0.5  # the widened query's share when choosing the pool
# The default score (its weight is a temperature) and what the user's links reveal beyond
# it. The score's own parts (word, character, name and number cosines), the stance cues,
# the length ratio and the claim-likeness are not re-weighted: fitted on 5-10 links they
# made the development sets' ranking worse, whatever the pull (docs/nlp.md).
FEATURES = ("score", "position", "association", "same_claimant", "partnered")


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
    meaning: dict[int, float]  # row -> what the meaning part adds to its default score


@dataclass(slots=True)
class LearnedRanker:
    """A fitted re-ranker and term associations; immutable once :meth:`fit` returned."""

    weights: Any = None  # numpy array over FEATURES + bias, or None (not enough links)
    mean: Any = None
    scale: Any = None
    associations: dict[str, dict[str, float]] = field(default_factory=dict)
    claimants: Mapping[str, str] = field(default_factory=dict)
    partners: Mapping[str, frozenset[str]] = field(default_factory=dict)  # the user's links
    n_links: int = 0
    n_examples: int = 0
    prior: float = PRIOR  # the default score's weight (standardised) the model corrects
    pull: float | None = None  # the pull to zero the user's links chose (None: default)
    _index: Any = None  # the index the cache below belongs to
    _queries: dict[str, _QueryRows] = field(default_factory=dict)  # of the last fit's queries
    _lent: Mapping[str, _QueryRows] = field(default_factory=dict)  # a previous fit's, while fitting
    _pairs: list[tuple[str, str]] = field(default_factory=list)  # the links fitted on

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
        self.partners = _partners(pairs)
        pairs = pairs[-MAX_LINKS:]
        self._pairs = pairs
        recurrence = Recurrence(index, pairs)
        self.associations = recurrence.table()
        if len(pairs) < MIN_LINKS:
            return self
        linked: dict[str, dict[str, int]] = defaultdict(dict)  # query -> partner -> link
        both_ends = 2 * len(pairs) <= QUERIES
        for n, (a, b) in enumerate(pairs):
            linked[a][b] = n
            if both_ends:
                linked[b][a] = n
        dismissed: dict[str, list[int]] = defaultdict(list)
        for a, b in decisions.dismissed:
            if a in rows and b in rows:
                dismissed[a].append(rows[b])
        # Few links: many negatives each (measured: 10 instead of 30 cost the development
        # set 0.12 of R@3 at 5 links); many links: fewer, so the cost stays bounded.
        per_query = max(MIN_NEGATIVES, min(NEGATIVES, EXAMPLES // len(linked) - 1))
        plan: list[tuple[Passage, list[int], int]] = []  # query, rows (partner first), link
        for query, partners in linked.items():
            q = index.claims[rows[query]]
            prows = [rows[b] for b in partners]
            cached = self._query_rows(index, q, per_query + len(prows), prows)
            negatives = [i for i in cached.rows[:per_query + len(prows)]
                         if index.claims[i].claim_id not in partners]
            negatives += [i for i in dismissed.get(query, []) if i not in negatives]
            for b, link in partners.items():
                plan.append((q, [rows[b], *negatives], link))
        x = self._plan_matrix(index, plan, recurrence, frozenset())
        spread = x.std(axis=0)
        # A feature constant in the training data (no negation seen yet) keeps scale 1:
        # dividing by a tiny spread would blow up the first candidate that has it.
        self.mean, self.scale = x.mean(axis=0), np.where(spread > 1e-3, spread, 1.0)
        sizes = [len(r) for _, r, _ in plan]
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        folds = np.asarray([link % MAX_FOLDS for _, _, link in plan])
        groups = self._groups(x, starts, folds)
        memo: dict[int, Groups] = {}

        def refeature(fold: Any) -> Groups:
            """The groups, the fold's own with the associations learned without the
            fold's links (the others keep theirs: computing all of them again per fold
            took three quarters of a refit)."""
            f = int(fold)
            if not recurrence.recurring:
                return groups  # no association at all: nothing to learn without
            if f not in memo:
                links = frozenset(n for n in range(len(pairs)) if n % MAX_FOLDS == f)
                mine = [n for n, (_, _, link) in enumerate(plan) if link % MAX_FOLDS == f]
                rows = np.concatenate([np.arange(starts[n], starts[n] + sizes[n])
                                       for n in mine])
                xf = x.copy()
                xf[rows, FEATURES.index("association")] = self._association_column(
                    index, [plan[n] for n in mine], recurrence, links)
                memo[f] = self._groups(xf, starts, folds)
            return memo[f]

        center = _center()
        self.pull = choose_pull(groups, refeature, center)
        self.weights = center if self.pull is None else fit_listwise(groups, self.pull,
                                                                     center=center)
        self.n_examples = len(x)
        return self

    def _groups(self, x: Any, starts: Any, folds: Any) -> Groups:
        z = (x - self.mean) / self.scale
        return Groups(z, self.prior * z[:, 0], starts, folds)

    def _plan_matrix(self, index: SuggestionIndex, plan: list[tuple[Passage, list[int], int]],
                     recurrence: Recurrence, without: frozenset[int]) -> Any:
        """The features of the planned groups, each group's associations learned without
        its own link (and without the links *without*)."""
        import numpy as np

        blocks = []
        for q, prows, link in plan:
            cached = self._query_rows(index, q, 0, prows)
            blocks.append(self._matrix(index, "claims", q, self._pair_base(
                index, cached, q, prows), prows, recurrence.table(without | {link}),
                frozenset(self._pairs[link])))
        return np.vstack(blocks)

    def _association_column(self, index: SuggestionIndex,
                            plan: list[tuple[Passage, list[int], int]],
                            recurrence: Recurrence, without: frozenset[int]) -> Any:
        import numpy as np

        out: list[float] = []
        for q, prows, link in plan:
            weights = self._association_weights(q.features.lemmas,
                                                recurrence.table(without | {link}))
            out.extend(_association(weights, index.claims[r]) for r in prows)
        return np.asarray(out, dtype=np.float64)

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
            meaning = index.meaning_bonus("claims", q, score)
            score += meaning
            best = [i for i in top_rows(score, need) if score[i] >= 0]  # -1: same doc
            keep = best + [r for r in partners if r not in set(best)]
            found = _QueryRows(vectors, best, keep, base_features(index, "claims", q, {
                s: v[keep] for s, v in dots.items()}, keep, meaning[keep]), need,
                {int(i): float(meaning[i]) for i in meaning.nonzero()[0]})
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
                    s: np.asarray([v]) for s, v in dots.items()}, [r],
                    [cached.meaning.get(r, 0.0)])[0]
        return out

    # ------------------------------------------------------------------ using
    def features(self, index: SuggestionIndex, scope: str, q: Passage,
                 space_dots: dict[str, Any], row: int) -> list[float]:
        """The feature vector (:data:`FEATURES`) of the pair (query, passage *row*);
        *space_dots*: :meth:`SuggestionIndex.space_dots` of the query, read at *row*."""
        meaning = index.meaning_bonus(scope, q, index.scores(scope, {}, q.doc, space_dots))
        sub = {s: v[[row]] for s, v in space_dots.items()}
        base = base_features(index, scope, q, sub, [row], meaning[[row]])
        return [float(v) for v in self._matrix(index, scope, q, base, [row])[0]]

    def _matrix(self, index: SuggestionIndex, scope: str, q: Passage, base: Any,
                rows: list[int], associations: dict[str, dict[str, float]] | None = None,
                own: frozenset[str] = frozenset()) -> Any:
        """*base* (rows x BASE) with the decision-dependent columns appended."""
        import numpy as np

        passages = index.passages(scope)
        weights = self._association_weights(q.features.lemmas, associations)
        extra = np.zeros((len(rows), len(FEATURES) - BASE))
        known = [c for a in (q, *(passages[r] for r in rows))
                 for c in self.partners.get(a.claim_id or "", ())]
        index._will_read("claims", refs=known)  # a stored index: one lookup, not one each
        for n, r in enumerate(rows):
            p = passages[r]
            extra[n, 0] = _association(weights, p)
            extra[n, 1] = 1.0 if self._same_claimant(q.claim_id, p.claim_id) else 0.0
            extra[n, 2] = 1.0 if self._partnered(index, q, p, own) else 0.0
        return np.hstack([base, extra])

    def _partnered(self, index: SuggestionIndex, q: Passage, p: Passage,
                   own: frozenset[str]) -> bool:
        """True when the user already linked *p* to another claim of *q*'s document, or
        *q* to another claim of *p*'s: its counterpart there is known. *own*: the two
        claims of the link a training row stands for, which does not count."""
        for a, b in ((p, q), (q, p)):
            for c in self.partners.get(a.claim_id or "", ()):
                if c == b.claim_id or (a.claim_id in own and c in own):
                    continue
                row = index.claim_row.get(c)
                if row is not None and index.doc_of("claims", row) == b.doc:
                    return True
        return False

    def _association_weights(self, lemmas: Iterable[str],
                             associations: dict[str, dict[str, float]] | None = None
                             ) -> dict[str, float]:
        """Lemma of a candidate -> what it adds to the association with *lemmas*."""
        out: dict[str, float] = {}
        table = self.associations if associations is None else associations
        for x in {canonical(w) for w in lemmas}:
            for y, w in table.get(x, {}).items():
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
               space_dots: dict[str, Any], meaning: Any) -> list[int]:
        """Rows of the best candidates, best first: the default ranking's top (and the
        widened query's), re-ordered by the fitted model. *score*: the default scores,
        of which *meaning* is the meaning part."""
        import numpy as np

        pick = score.copy()
        widened = self.widened_query(index, q.features.lemmas)
        if widened:
            extra = index.space_dot(scope, "w", widened)
            pick = np.where(score >= 0, score + ASSOCIATION_WEIGHT * extra, score)
        pool = [i for i in top_rows(pick, POOL) if pick[i] > 1e-6]
        if not pool:
            return []
        index._will_read(scope, rows=pool)  # a stored index: one read, not one per row
        base = base_features(index, scope, q, {s: v[pool] for s, v in space_dots.items()},
                             pool, meaning[pool])
        x = (self._matrix(index, scope, q, base, pool) - self.mean) / self.scale
        z = self.prior * x[:, 0] + x @ self.weights
        return [pool[i] for i in np.argsort(-z, kind="stable").tolist()]


def _association(weights: dict[str, float], p: Passage) -> float:
    """What the lemmas of *p* add to an association (:meth:`_association_weights`)."""
    return sum(weights.get(canonical(w), 0.0) for w in set(p.features.lemmas)) if weights \
        else 0.0


# What the ranking starts from once there are links: corrections (standardised units) that
# held on the development sets pooled, before this project's links say anything. A claim
# the user already linked to another claim of the query's document has its counterpart
# there (measured alone, pooled over the development sets and eight draws of the links:
# R@3 0.738 -> 0.753 after 5 links, 0.706 -> 0.715 after 10).
CENTER = {"partnered": -1.0}


def _center() -> Any:
    import numpy as np

    w = np.zeros(len(FEATURES))
    for name, value in CENTER.items():
        w[FEATURES.index(name)] = value
    return w


def _partners(pairs: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Claim -> the claims the user linked it to (either direction)."""
    out: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        out[a].add(b)
        out[b].add(a)
    return {k: frozenset(v) for k, v in out.items()}
