"""The project: one SQLite file, written only through :class:`Project`'s verbs.

Reads go through it too: no module outside core/ runs SQL (tests/core/
test_no_sql_outside_core.py). A worker thread wraps its own connection in a ``Project``
(nlp/assist.py), and the integrity check (core/integrity.py) reads the file through a
read-only connection of its own.

``Project`` is the one facade the rest of the program uses. It is composed of one mixin per
kind of stored data, each in its own module (the way Anki splits its storage):

- ``project.py``: lifecycle, transactions, undo and change events, settings;
- ``documents_repo.py``, ``claims_repo.py``, ``codebook_repo.py``, ``links_repo.py``;
- ``review_repo.py``: dismissed suggestions and proposition names;
- ``search_repo.py``: full-text search and figures; ``nlp_cache_repo.py``: derived analyses;
  ``suggest_index_repo.py``: the stored suggestion index (``suggest_index_stage.py``: one
  written a part at a time);
- ``sources_repo.py``: claimants and source cards; ``retext_repo.py``: text updates;
- ``classroom_repo.py``: exercise prompts and answers, rubric criteria and assessments.
- ``listing_repo.py``: ordered, filtered, sorted reads for tables of a whole project.

Several verbs can be grouped into one undo step with :meth:`Project.batch`.
"""

from __future__ import annotations

from .bad_text import tolerate_bad_text
from .changelog import KEYS
from .claims_repo import FEW_CLAIMS as FEW_CLAIMS
from .classroom_repo import ClassroomRepo
from .links_repo import LinksRepo
from .listing_repo import ListingRepo
from .nlp_cache_repo import NlpCacheRepo
from .project import DOCUMENTS_LOCKED as DOCUMENTS_LOCKED
from .project import UNDO_LIMIT as UNDO_LIMIT
from .project import Listener as Listener
from .retext_repo import RetextRepo
from .review_repo import SUGGESTION_KINDS as SUGGESTION_KINDS
from .review_repo import ReviewRepo
from .search_repo import SearchRepo
from .sources_repo import SourcesRepo
from .suggest_index_repo import SuggestIndexRepo
from .suggest_index_stage import SuggestIndexStageRepo
from .validation import DOC_META as DOC_META
from .validation import check_date as check_date

# Keys of the v2 and v3 tables for the undo writer (kept here so changelog.py stays as released).
KEYS.setdefault("dismissed_suggestions", ("claim_id", "target_kind", "target_ref"))
KEYS.setdefault("group_names", ("claim_id",))


@tolerate_bad_text  # text another tool stored as invalid UTF-8 reads as U+FFFD
class Project(ReviewRepo, NlpCacheRepo, SuggestIndexRepo, SuggestIndexStageRepo, SearchRepo,
              SourcesRepo, RetextRepo, LinksRepo, ClassroomRepo,
              ListingRepo):  # RetextRepo derives from LinksRepo
    """An open project file. Use :meth:`create` or :meth:`open`; close it when done."""

    replaced_text: bool = False  # text not valid UTF-8 was read as U+FFFD (bad_text.py)
