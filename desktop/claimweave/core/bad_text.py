"""Text another program stored that is not valid UTF-8: shown with U+FFFD, never a crash.

sqlite3 decodes text strictly on its fast path and raises ``OperationalError: Could not
decode to UTF-8`` for such a row. A tolerant text factory on every connection would cost
every read (listing 100,000 claims: 0.25 s more), so the project switches its connection
to :data:`~claimweave.core.database.DECODE_TEXT` only when a public method first meets bad
text, runs that method again (a verb that failed rolled back whole), and from then on
reports ``replaced_text``. ``claimweave check`` names the rows.
"""

from __future__ import annotations

import functools
import inspect
import logging
import sqlite3
from collections.abc import Callable
from types import FunctionType
from typing import Any, TypeVar

from .database import DECODE_TEXT

T = TypeVar("T", bound=type)
_log = logging.getLogger(__name__)


def is_bad_text(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "decode to UTF-8" in str(exc)


def _retrying(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return func(self, *args, **kwargs)
        except sqlite3.OperationalError as exc:
            if not is_bad_text(exc) or self.con.text_factory is DECODE_TEXT:
                raise
            self.con.text_factory = DECODE_TEXT
            self.replaced_text = True
            _log.warning("%s holds text that is not valid UTF-8; it is shown with U+FFFD "
                         "('claimweave check' lists it)", self.path.name)
            return func(self, *args, **kwargs)

    return call


def tolerate_bad_text(cls: T) -> T:
    """Wrap every public method and property of *cls* (a Project) as described above."""
    for name in dir(cls):
        if name.startswith("_"):
            continue
        attr = inspect.getattr_static(cls, name)
        if isinstance(attr, FunctionType):
            setattr(cls, name, _retrying(attr))
        elif isinstance(attr, property) and attr.fget is not None:
            setattr(cls, name, property(_retrying(attr.fget), attr.fset, attr.fdel, attr.__doc__))
    return cls
