"""Qt-free comparison of sources: claim groups (propositions), the proposition x source
matrix, source x source agreement, tag and entity frequencies, the claim network's layout.

Everything here reads one :class:`~claimweave.analysis.snapshot.Snapshot` of a project and
returns plain data, so the Qt views, the HTML report and the command line share one answer.
"""
