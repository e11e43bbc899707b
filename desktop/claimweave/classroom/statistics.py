"""Agreement coefficients: Cohen's kappa and Krippendorff's alpha (nominal).

Alpha comes from the ``krippendorff`` package; this module only shapes the data for it and
turns its "undefined" (NaN: no variation at all, so no expected disagreement) into None.
Kappa is computed here from the contingency table, as in Cohen (1960).
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import krippendorff
import numpy as np


def cohen_kappa_table(table: Sequence[Sequence[float]]) -> float | None:
    """Cohen's kappa from a square table (rows: rater A's category, columns: rater B's).

    kappa = (p_o - p_e) / (1 - p_e); None when p_e = 1 (both raters used one category).
    """
    t = np.asarray(table, dtype=float)
    n = t.sum()
    if n == 0:
        return None
    p_o = np.trace(t) / n
    p_e = float((t.sum(axis=1) * t.sum(axis=0)).sum()) / (n * n)
    if p_e >= 1.0:
        return None
    return float((p_o - p_e) / (1.0 - p_e))


def binary_kappa(a: np.ndarray, b: np.ndarray) -> float | None:
    """Cohen's kappa of two equally long yes/no sequences (e.g. claim / no claim per code point)."""
    a, b = np.asarray(a, dtype=bool), np.asarray(b, dtype=bool)
    both = int(np.count_nonzero(a & b))
    only_a = int(np.count_nonzero(a & ~b))
    only_b = int(np.count_nonzero(~a & b))
    neither = a.size - both - only_a - only_b
    return cohen_kappa_table([[both, only_a], [only_b, neither]])


def _alpha(**data: Any) -> float | None:
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            value = krippendorff.alpha(level_of_measurement="nominal", **data)
        except ValueError:  # fewer than two values in the whole data: undefined
            return None
    return None if np.isnan(value) else float(value)


def nominal_alpha(units: Iterable[Mapping[str, Hashable]]) -> float | None:
    """Krippendorff's alpha (nominal) of *units*, each a mapping coder -> value.

    A coder absent from a unit is missing data; units with fewer than two values do not
    count, as in Krippendorff's definition.
    """
    rows = [dict(u) for u in units]
    coders = sorted({c for u in rows for c in u})
    codes: dict[Hashable, int] = {}
    data = np.full((len(coders), len(rows)), np.nan)
    index = {c: i for i, c in enumerate(coders)}
    for j, unit in enumerate(rows):
        for coder, value in unit.items():
            data[index[coder], j] = codes.setdefault(value, len(codes))
    if len(codes) < 2 or not rows:
        return None
    return _alpha(reliability_data=data, value_domain=list(range(len(codes))))


def binary_alpha(ones: np.ndarray, coders: int) -> float | None:
    """Nominal alpha over units that every one of *coders* coded yes/no; ``ones[u]`` is how
    many said yes for unit u. Used per code point, where a matrix of coders x units would be
    needlessly large."""
    ones = np.asarray(ones, dtype=np.int64)
    if coders < 2 or ones.size == 0:
        return None
    counts = np.column_stack([coders - ones, ones])
    return _alpha(value_counts=counts, value_domain=[0, 1])
