"""Precision of claim candidates (nlp/candidates.py) against claims marked by hand.

Gold: the 37 claims of the demo project (four reports of a dam-gate failure), marked by
hand. A candidate (a sentence) is right when a hand-marked claim lies in it; recall is the
share of claims whose sentence is a candidate. Reported for every score threshold, so the
threshold the window uses can be chosen from the figures. Run with ``make bench``; it
prints the table and asserts only that the run is complete.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from claimweave.core.store import Project
from claimweave.nlp.analysis import analyse_text
from claimweave.nlp.candidates import claim_candidates
from claimweave.nlp.pipeline import load_pipeline

DEMO = Path(__file__).resolve().parents[2] / "project_files" / "demo.claimweave"
THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6)


def test_candidate_precision_on_hand_marked_claims(tmp_path, capsys) -> None:
    copy = tmp_path / "demo.claimweave"
    shutil.copyfile(DEMO, copy)
    project = Project.open(copy, read_only=True)
    try:
        pipeline = load_pipeline()
        rows = []
        for doc in project.documents():
            text = project.text(doc.id)
            claims = [(c.start, c.end) for c in project.claims(document_id=doc.id)]
            for cand in claim_candidates(analyse_text(pipeline, text), text):
                hit = any(s < cand.end and e > cand.start for s, e in claims)
                rows.append((cand.score, hit, cand.start, cand.end, doc.id))
            rows.append((None, None, 0, 0, doc.id))  # keeps documents without candidates
        gold = [(c.start, c.end, c.document_id) for c in project.claims()]
    finally:
        project.close()
    sentences = sum(1 for r in rows if r[0] is not None)
    lines = [f"claim candidates on the demo ({len(gold)} hand-marked claims, "
             f"{sentences} rated sentences, model {pipeline.info.name})"]
    for t in THRESHOLDS:
        shown = [r for r in rows if r[0] is not None and r[0] >= t]
        right = sum(1 for r in shown if r[1])
        found = sum(1 for s, e, d in gold
                    if any(r[4] == d and r[2] < e and r[3] > s for r in shown))
        precision = right / len(shown) if shown else float("nan")
        lines.append(f"  score >= {t:.1f}: {len(shown):3} candidates, precision "
                     f"{precision:.2f}, recall {found / len(gold):.2f}")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert sentences > 0
