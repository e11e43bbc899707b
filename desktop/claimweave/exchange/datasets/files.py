"""Writing export files safely: a half-written export never replaces a good one.

The one atomic writer of the program lives in :mod:`claimweave.core.targets`; exporters
keep importing it from here.
"""

from __future__ import annotations

from ...core.targets import atomic_write as atomic_writer

__all__ = ["atomic_writer"]
