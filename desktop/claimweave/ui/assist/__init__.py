"""The spaCy assistance on the desktop: analyses off the UI thread, claim candidates and
entities in the panes, the entity filter, tags by entity label, the Suggestions panel.

:class:`AssistController` is all the main window needs; the Qt-free work is in
:mod:`claimweave.nlp` (see :mod:`claimweave.nlp.assist`).
"""

from .controller import AssistController

__all__ = ["AssistController"]
