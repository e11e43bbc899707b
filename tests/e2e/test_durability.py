"""Nothing reported saved is ever lost: the real store is killed (SIGKILL) mid-edit, again
and again, and every time the project must open, pass ``check`` and hold every edit that
had been reported saved (and at most the one edit that committed but was not yet reported).

This file is also the driver: ``python test_durability.py PROJECT SEED ROUND`` opens the
project like the desktop program does (locked for writing), makes a long seeded sequence of
edits through the store's verbs (claims, tags, links, notes, deletes, undo and redo) and
prints ``saved <n> <fingerprint>`` after each one commits. The test replays the same
sequence in-process on a shadow copy, so it knows the state after every edit, including
the one the killed process may have committed without reporting.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimweave.core.errors import ClaimWeaveError
from claimweave.core.store import Project

ROUNDS = int(os.environ.get("CLAIMWEAVE_DURABILITY_ROUNDS", "12"))
MASTER_SEED = 20250301
MAX_EDITS = 400  # a round that is never killed stops here (it always is killed)

ARTICLES = {
    "Reservoir": "The reservoir was 40% full in May. Officials said the level was safe. "
                 "Engineers disagreed: the spillway gate had failed twice since 2019. 🌊\n"
                 "Farmers upstream reported no rain for six weeks.",
    "Courier": "Officials insisted the dam was inspected in 2023. The inspection report, seen "
               "by the Courier, called the gate 'unreliable'. Residents were not warned.\n"
               "مقاومت سد کافی نیست، به گفته‌ی مهندسان.",
    "Wire": "A dam gate failed on Wednesday night. Around 2,000 people left their homes. "
            "The authority blamed a power cut; two engineers blamed maintenance.",
}
RELATIONS = ("agrees", "contradicts", "same_claim", "elaborates", "related")


# --------------------------------------------------------------------- state and edits
def fingerprint(project: Project) -> str:
    """The project's content, independent of ids and clocks (which differ between runs)."""
    docs = {d.id: d.title for d in project.documents()}
    tags = project.tags()
    tag_name = {t.id: t.name for t in tags}
    claims = project.claims()
    key = {c.id: (docs[c.document_id], c.start, c.end, c.note) for c in claims}
    state = {
        "documents": sorted(docs.values()),
        "tags": sorted((t.name, t.color, tag_name.get(t.parent_id or "", "")) for t in tags),
        "claims": sorted((*key[c.id], c.quote, sorted(c.tags)) for c in claims),
        "links": sorted((key[x.source], key[x.target], x.relation, x.note)
                        for x in project.links()),
    }
    blob = json.dumps(state, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


class Editor:
    """A seeded sequence of edits. Every choice depends only on the seed and the project's
    content (never on ids), so the driver process and the in-process replay agree."""

    def __init__(self, project: Project, seed: int, round_no: int) -> None:
        self.p = project
        self.rng = random.Random(seed)
        self.round = round_no
        self.n = 0  # committed edits so far (attempts that changed nothing are not counted)
        self.attempt = 0

    def claims(self) -> list[Any]:
        docs = {d.id: d.position for d in self.p.documents()}
        return sorted(self.p.claims(), key=lambda c: (docs[c.document_id], c.start, c.end,
                                                     c.note))

    def pick(self, items: list[Any]) -> Any:
        return items[self.rng.randrange(len(items))] if items else None

    def step(self) -> bool:
        """Try one edit; True when it committed a change."""
        self.attempt += 1
        tag_here = f"r{self.round}a{self.attempt}"
        before = fingerprint(self.p)
        kind = self.rng.choices(
            ["claim", "tag", "tag_claim", "untag", "link", "note", "delete_claim",
             "delete_link", "delete_tag", "undo", "redo"],
            weights=[30, 6, 12, 4, 14, 8, 6, 4, 2, 8, 6])[0]
        claims = self.claims()
        tags = sorted(self.p.tags(), key=lambda t: t.name)
        try:
            if kind == "claim":
                doc = self.pick(sorted(self.p.documents(), key=lambda d: d.position))
                start = self.rng.randrange(doc.chars - 1)
                end = min(doc.chars, start + 1 + self.rng.randrange(40))
                names = [t.name for t in tags if self.rng.random() < 0.2]
                self.p.add_claim(doc.id, start, end, note=tag_here, tags=names)
            elif kind == "tag":
                parent = self.pick(tags) if tags and self.rng.random() < 0.4 else None
                self.p.add_tag(f"T-{tag_here}", parent=parent.id if parent else None)
            elif kind in ("tag_claim", "untag") and claims and tags:
                claim, tag = self.pick(claims), self.pick(tags)
                if kind == "tag_claim":
                    self.p.tag_claim(claim.id, tag.id)
                elif claim.tag_ids:
                    self.p.untag_claim(claim.id, claim.tag_ids[0])
            elif kind == "link" and len(claims) >= 2:
                a, b = self.pick(claims), self.pick(claims)
                self.p.link_claims(a.id, b.id, self.pick(list(RELATIONS)), note=tag_here)
            elif kind == "note" and claims:
                self.p.update_claim(self.pick(claims).id, note=f"{tag_here} edited")
            elif kind == "delete_claim" and claims:
                self.p.delete_claim(self.pick(claims).id)
            elif kind == "delete_link":
                links = sorted(self.p.links(), key=lambda x: (x.relation, x.note))
                if links:
                    self.p.delete_link(self.pick(links).id)
            elif kind == "delete_tag" and tags:
                self.p.delete_tag(self.pick(tags).id)
            elif kind == "undo" and self.p.can_undo:
                self.p.undo()
            elif kind == "redo" and self.p.can_redo:
                self.p.redo()
        except ClaimWeaveError:
            return False  # refused (already linked, self-link ...): nothing was written
        if fingerprint(self.p) == before:
            return False
        self.n += 1
        return True


def drive(path: Path, seed: int, round_no: int) -> None:
    """The subprocess: open like the desktop does, edit, report each commit on stdout."""
    project = Project.open(path, lock=True)
    editor = Editor(project, seed, round_no)
    print(f"ready 0 {fingerprint(project)}", flush=True)
    while editor.n < MAX_EDITS:
        if editor.step():
            print(f"saved {editor.n} {fingerprint(project)}", flush=True)
    project.close()
    print("done", flush=True)


# --------------------------------------------------------------------- the test
def make_project(path: Path) -> None:
    with Project.create(path, title="Durability") as p:
        ids = [p.add_document(text, title=title).document.id for title, text in ARTICLES.items()]
        p.add_tag("Cause")
        p.add_tag("Number")
        a = p.add_claim(ids[0], quote="the spillway gate had failed twice")
        b = p.add_claim(ids[1], quote="called the gate 'unreliable'")
        p.link_claims(a.id, b.id, "agrees")


def run_round(path: Path, seed: int, round_no: int, kill_after: float
              ) -> tuple[list[tuple[int, str]], str | None, float]:
    """Start the driver, SIGKILL it *kill_after* seconds after it is ready (or, when
    negative, that long after launch); returns (reported saves, ready fingerprint, time)."""
    lines: list[str] = []
    ready = threading.Event()
    proc = subprocess.Popen(
        [sys.executable, __file__, str(path), str(seed), str(round_no)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.strip())
            if line.startswith("ready"):
                ready.set()

    reader = threading.Thread(target=read)
    reader.start()
    t0 = time.monotonic()
    if kill_after >= 0:
        assert ready.wait(30), "the driver never became ready"
    time.sleep(abs(kill_after))
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    reader.join(30)
    elapsed = time.monotonic() - t0
    assert proc.stderr is not None and proc.stdout is not None
    err = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    assert "done" not in lines, "the driver finished before it was killed; kill it sooner"
    assert "Traceback" not in err, err
    saves = [(int(n), fp) for kind, n, fp in (ln.split() for ln in lines) if kind == "saved"]
    ready_fp = next((ln.split()[2] for ln in lines if ln.startswith("ready")), None)
    return saves, ready_fp, elapsed


@pytest.fixture
def projects(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    real, shadow = tmp_path / "real.claimweave", tmp_path / "shadow.claimweave"
    make_project(real)
    make_project(shadow)
    yield real, shadow


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_at_random_moments_loses_nothing_reported(projects: tuple[Path, Path]) -> None:
    from claimweave.core.integrity import check

    real, shadow = projects
    rng = random.Random(MASTER_SEED)
    with Project.open(shadow, read_only=True) as p:
        expected = fingerprint(p)
    totals = {"rounds": 0, "reported": 0, "unreported_commits": 0, "killed_before_ready": 0}
    started = time.monotonic()
    for round_no in range(ROUNDS):
        seed = rng.randrange(2**32)
        # Mostly mid-stream; one round in four during start-up (opening, WAL recovery).
        kill_after = -rng.uniform(0.0, 0.4) if round_no % 4 == 3 else rng.uniform(0.02, 1.0)
        saves, ready_fp, _ = run_round(real, seed, round_no, kill_after)
        if ready_fp is not None:
            assert ready_fp == expected, f"round {round_no}: the driver started from another state"
        else:
            totals["killed_before_ready"] += 1

        # The project opens, passes the integrity check, and holds the reported edits.
        report = check(real)
        assert report.ok, [p.message for p in report.problems]
        with Project.open(real, read_only=True) as p:
            actual = fingerprint(p)

        # Replay the same seeded edits on the shadow copy, as a fresh process would.
        with Project.open(shadow) as p:
            editor = Editor(p, seed, round_no)
            for n, reported_fp in saves:
                while not editor.step():
                    pass
                assert editor.n == n
                assert fingerprint(p) == reported_fp, f"round {round_no}: replay diverged at {n}"
            last = fingerprint(p)
            if actual != last:
                while not editor.step():  # the edit that committed but was never reported
                    pass
                assert actual == fingerprint(p), (
                    f"round {round_no}: after {len(saves)} reported saves the project holds "
                    "neither that state nor the next one")
                totals["unreported_commits"] += 1
        expected = actual
        totals["rounds"] += 1
        totals["reported"] += len(saves)
    elapsed = time.monotonic() - started

    # Finally the project opens for writing (the dead processes' locks are gone) and the
    # real command line finds nothing wrong.
    with Project.open(real, lock=True) as p:
        assert fingerprint(p) == expected
    result = subprocess.run([sys.executable, "-m", "claimweave", "check", str(real)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    print(f"\ndurability: {totals}, {elapsed:.1f} s")
    assert totals["reported"] > 20 * ROUNDS // 2, "too few edits were made to mean anything"


if __name__ == "__main__":
    drive(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
