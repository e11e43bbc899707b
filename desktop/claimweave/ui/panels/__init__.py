"""Side panels of the main window: documents, claims, codebook, links, find in project."""

from .claims import ClaimsPanel
from .codebook import CodebookPanel
from .documents import DocumentsPanel
from .links import LinksPanel
from .search import SearchPanel

__all__ = ["ClaimsPanel", "CodebookPanel", "DocumentsPanel", "LinksPanel", "SearchPanel"]
