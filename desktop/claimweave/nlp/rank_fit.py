"""The arithmetic of the learned re-ranker (:mod:`.learning`): a listwise model fitted
within each linked claim's candidate list, and the choice of how far it may move from the
default ranking, made by cross-validation over the user's own links.

Why listwise: the user's link says "of the candidates this claim was shown, this one",
not "this pair is a link with probability p". A softmax over the candidates of one query
(the partner against the claims ranked near it) learns only what tells a partner from its
rivals; a pointwise model also spends its few links on the base rate and on the differences
between queries, which no ranking needs. Why cross-validated: a fixed pull to zero is too
cautious in one project and too bold in another; the user's own links, each held out in
turn, say how far corrections fitted on the others carry to it, and an infinite pull (the
default ranking) is one of the choices.

numpy only; a group is a slice of rows whose first row is the positive.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Pulls to zero tried, weakest last; "None" (corrections of zero: the default ranking) is
# always a candidate and wins ties, so learning moves only as far as its evidence carries.
PULLS = (64.0, 16.0, 4.0, 1.0)
MAX_FOLDS = 8  # folds of the cross-validation (one link each while links are this few)
# The first feature is the default score: its weight is how sharply the links prefer the
# default's best (a temperature: alone it changes no ranking), pulled only lightly, so the
# corrections are not spent on flattening or sharpening the score (measured: with one pull
# for all, the word and character weights went strongly negative, R@3 fell by a third).
TEMPERATURE_PULL = 0.1
MARGIN = 0.02  # mean reciprocal rank a pull must gain on held-out links over the default
MIN_WINS = 2  # held-out groups ranked better, minus those ranked worse


@dataclass(frozen=True, slots=True)
class Groups:
    """Training data: rows *x* (standardised), their fixed *offset* (the default score's
    share), the row where each group starts (the positive), and each group's fold."""

    x: Any
    offset: Any
    starts: Any
    folds: Any

    def take(self, keep: Any) -> Groups:
        """The groups where *keep* (one bool per group) is true."""
        import numpy as np

        ends = np.append(self.starts[1:], len(self.x))
        rows = np.concatenate([np.arange(s, e) for s, e, k in
                               zip(self.starts, ends, keep, strict=True) if k])
        sizes = (ends - self.starts)[keep]
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        return Groups(self.x[rows], self.offset[rows], starts, self.folds[keep])


def _softmax(g: Groups, w: Any) -> tuple[Any, Any]:
    """Per-row probability within its group, and the groups' log-likelihood terms."""
    import numpy as np

    z = g.offset + g.x @ w
    top = np.maximum.reduceat(z, g.starts)
    sizes = np.diff(np.append(g.starts, len(z)))
    e = np.exp(z - np.repeat(top, sizes))
    total = np.add.reduceat(e, g.starts)
    p = e / np.repeat(total, sizes)
    return p, z[g.starts] - top - np.log(total)


def fit_listwise(g: Groups, pull: float, steps: int = 25, center: Any = None) -> Any:
    """Weights maximising the groups' softmax log-likelihood minus pull/2 * |w|^2
    (Newton's method; the offset is fixed, no bias: it cancels within a group)."""
    import numpy as np

    d = g.x.shape[1]
    w = np.zeros(d) if center is None else np.asarray(center, dtype=np.float64).copy()
    c = w.copy()
    if len(g.starts) == 0 or not math.isfinite(pull):
        return w
    pulls = np.full(d, pull)
    pulls[0] = TEMPERATURE_PULL
    def loss(w: Any) -> float:
        return float(-_softmax(g, w)[1].sum() + 0.5 * (pulls * (w - c) ** 2).sum())

    current = loss(w)
    for _ in range(steps):
        p, _ = _softmax(g, w)
        mean = np.add.reduceat(g.x * p[:, None], g.starts)
        grad = mean.sum(axis=0) - g.x[g.starts].sum(axis=0) + pulls * (w - c)
        hess = (g.x * p[:, None]).T @ g.x - mean.T @ mean + np.diag(pulls)
        step = np.linalg.solve(hess + 1e-9 * np.eye(d), grad)
        # Newton's step, halved until the loss falls: a softmax over near-separable
        # groups with correlated features makes a full step overshoot.
        for _ in range(20):
            trial = loss(w - step)
            if trial <= current + 1e-12:
                break
            step = step / 2
        else:
            break
        w, current = w - step, trial
        if float(np.abs(step).max()) < 1e-6:
            break
    return w


Refeature = Callable[[Any], "Groups"]  # fold -> the groups as that fold's training sees them


Split = tuple[Any, "Groups", "Groups"]  # a fold's mask over the groups, its training, its own


def splits(g: Groups, refeature: Refeature | None = None) -> list[Split]:
    """Per fold: which groups are its own, the groups to fit on, and its own groups.
    *refeature* gives the groups with what depends on the links (the associations)
    learned without the fold's own links: else a held-out link would vouch for itself."""
    import numpy as np

    out = []
    for f in np.unique(g.folds):
        test = g.folds == f
        gf = refeature(f) if refeature else g
        out.append((test, gf.take(~test), gf.take(test)))
    return out


def held_out(g: Groups, pull: float, folds: list[Split], center: Any = None) -> Any:
    """Per group, the reciprocal rank of its positive under a fit on the other folds."""
    import numpy as np

    out = np.zeros(len(g.starts))
    for test, train, own in folds:
        out[test] = reciprocal_ranks(own, fit_listwise(train, pull, steps=12, center=center))
    return out


def reciprocal_ranks(g: Groups, w: Any) -> Any:
    """Per group, 1 / the rank of its positive under the weights *w* (ties count
    against it): what the user sees, where a likelihood would also reward calibration."""
    import numpy as np

    z = g.offset + g.x @ w
    sizes = np.diff(np.append(g.starts, len(z)))
    above = np.add.reduceat((z >= np.repeat(z[g.starts], sizes)).astype(np.float64),
                            g.starts)
    return 1.0 / above


def choose_pull(g: Groups, refeature: Refeature | None = None,
                center: Any = None) -> float | None:
    """The pull whose corrections carry best to held-out links; None (the default ranking)
    unless one ranks the held-out partners better on average by :data:`MARGIN` and in
    :data:`MIN_WINS` more groups than it ranks them worse, or with too few folds to tell."""
    import numpy as np

    if len(np.unique(g.folds)) < 3:
        return None
    folds = splits(g, refeature)
    default = held_out(g, math.inf, folds, center)
    best, best_gain = None, MARGIN
    for pull in PULLS:
        rr = held_out(g, pull, folds, center)
        gain = float((rr - default).mean())
        wins = int((rr > default + 1e-9).sum()) - int((rr < default - 1e-9).sum())
        if gain >= best_gain and wins >= MIN_WINS:
            best, best_gain = pull, gain
    return best
