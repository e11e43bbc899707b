"""The claims table's model: a lazy table (lazy_model.py) over the store's claim order.

Filters and sorting are a :class:`~claimweave.core.listing_repo.ClaimQuery` the store
answers in SQL (:meth:`~claimweave.core.listing_repo.ListingRepo.claim_order`); rows are
built a page at a time, and an edit places the claims it touched by bisection.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ...core.listing_repo import ClaimQuery
from .claim_filter import ClaimRow
from .lazy_model import KEEP, PAGE, LazyTableModel
from .table_model import Column

__all__ = ["KEEP", "PAGE", "ClaimTableModel", "RowMaker"]

RowMaker = Callable[[set[str]], Mapping[str, ClaimRow | None]]


class ClaimTableModel(LazyTableModel[ClaimRow]):
    """Claim rows by position, built on demand by *make_rows* (ids -> rows)."""

    def __init__(self, columns: Sequence[Column[ClaimRow]], project: Any, make_rows: RowMaker,
                 parent: Any = None) -> None:
        super().__init__(columns, lambda r: r.claim.id, ClaimQuery(), project.claim_order,
                         project.claim_sort_keys, make_rows, parent)
        self.project = project
