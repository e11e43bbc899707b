"""Dataset formats: exporters (and, for some formats, importers) of a project's annotations.

Every exporter has the signature ``export(project, path, selection) -> ExportSummary`` and is
registered in :data:`EXPORTERS` under its format name, which the command line and the
desktop program both read, so a format added here appears everywhere.
"""

from __future__ import annotations

from .base import EXPORTERS, ExportSelection, ExportSummary, export

__all__ = ["EXPORTERS", "ExportSelection", "ExportSummary", "export"]
