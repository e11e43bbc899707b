"""The agreement coefficients against published worked examples and the krippendorff package."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest

from claimweave.classroom.statistics import (
    binary_alpha,
    binary_kappa,
    cohen_kappa_table,
    nominal_alpha,
)

NA = None
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers
# (A-D) x 12 units, values 1-5, missing data marked NA. Published: alpha nominal = 0.743.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3],
    [NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA],
]


def test_cohen_kappa_textbook_example() -> None:
    # Two readers decide on 50 grant proposals: both yes 20, A yes / B no 5, A no / B yes 10,
    # both no 15. p_o = 0.70, p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.50, kappa = 0.40
    # (the worked example of the Wikipedia article "Cohen's kappa").
    assert cohen_kappa_table([[20, 5], [10, 15]]) == pytest.approx(0.40)


def test_binary_kappa_builds_the_same_table() -> None:
    a = np.array([1] * 20 + [1] * 5 + [0] * 10 + [0] * 15, dtype=bool)
    b = np.array([1] * 20 + [0] * 5 + [1] * 10 + [0] * 15, dtype=bool)
    assert binary_kappa(a, b) == pytest.approx(0.40)
    assert binary_kappa(a, a) == pytest.approx(1.0)
    assert binary_kappa(a, ~a) == pytest.approx(-1.0)


def test_kappa_undefined_without_variation() -> None:
    ones = np.ones(10, dtype=bool)
    assert binary_kappa(ones, ones) is None
    assert cohen_kappa_table([[0, 0], [0, 0]]) is None


def test_krippendorff_2011_nominal_example() -> None:
    data = np.array([[np.nan if v is None else v for v in row] for row in KRIPPENDORFF_2011])
    assert krippendorff.alpha(reliability_data=data, level_of_measurement="nominal") == \
        pytest.approx(0.743, abs=5e-4)
    units = [{coder: row[u] for coder, row in zip("ABCD", KRIPPENDORFF_2011, strict=True)
              if row[u] is not None} for u in range(12)]
    assert nominal_alpha(units) == pytest.approx(0.743, abs=5e-4)


def test_nominal_alpha_takes_any_hashable_values() -> None:
    units = [{c: f"tag{row[u]}" for c, row in zip("ABCD", KRIPPENDORFF_2011, strict=True)
              if row[u] is not None} for u in range(12)]
    assert nominal_alpha(units) == pytest.approx(0.743, abs=5e-4)
    assert nominal_alpha([{"a": "x", "b": "x"}]) is None  # one value only: undefined
    assert nominal_alpha([]) is None


def test_binary_alpha_equals_the_package_on_the_full_matrix() -> None:
    rng = np.random.default_rng(7)
    truth = rng.random(400) < 0.3
    coders = np.array([truth ^ (rng.random(400) < p) for p in (0.05, 0.1, 0.2, 0.3)])
    expected = krippendorff.alpha(reliability_data=coders.astype(float),
                                  level_of_measurement="nominal")
    assert binary_alpha(coders.sum(axis=0), len(coders)) == pytest.approx(expected)
    assert binary_alpha(np.array([0, 3, 3, 0]), 3) == pytest.approx(1.0)
    assert binary_alpha(np.array([0, 0]), 3) is None
    assert binary_alpha(np.array([1, 0]), 1) is None
