"""The project's links as the panes need them: by claim, in a stable drawing order.

One index serves every gutter, the edge markers and linked scrolling; the container keeps
it up to date link by link. At 10,000 links, rebuilding a claim -> links map after each new
link (and sorting the whole list) cost 3 ms of work and, through the garbage collector that
so many new containers wake, up to 20 ms a link; an edit now touches only its own links.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ...core.model import Link


class LinkIndex:
    """Links by id and by claim, in the project's order: by creation time, ties in the
    order the store holds them (a link stored later, e.g. one an undo brings back, comes
    after those it ties with; a link edited keeps its place)."""

    def __init__(self, links: Iterable[Link] = ()) -> None:
        self._by_id: dict[str, Link] = {}
        self._by_claim: dict[str, dict[str, Link]] = {}
        self._order: dict[str, int] = {}
        self._next = 0
        self.version = 0  # grows with every change (a cache key for what is drawn from it)
        self.reset(links)

    def reset(self, links: Iterable[Link]) -> None:
        """Every link again, in this order."""
        self._by_id.clear()
        self._by_claim.clear()
        self._order.clear()
        self._next = 0
        for link in links:
            self._add(link)
        self.version += 1

    def update(self, touched: Iterable[str], fresh: Iterable[Link]) -> None:
        """The links *touched* by a change: those in *fresh* are current, the rest gone."""
        current = {k.id: k for k in fresh}
        for link_id in touched:
            old = self._by_id.get(link_id)
            if old is not None:
                self._unlink(old)
            new = current.get(link_id)
            if new is not None:
                self._add(new, self._order.get(link_id))
            else:
                self._order.pop(link_id, None)
        self.version += 1

    def _add(self, link: Link, place: int | None = None) -> None:
        self._by_id[link.id] = link
        if place is None:
            place, self._next = self._next, self._next + 1
        self._order[link.id] = place
        for claim_id in (link.source, link.target):
            self._by_claim.setdefault(claim_id, {})[link.id] = link

    def _unlink(self, link: Link) -> None:
        del self._by_id[link.id]
        for claim_id in (link.source, link.target):
            links = self._by_claim.get(claim_id)
            if links is not None:
                links.pop(link.id, None)
                if not links:
                    del self._by_claim[claim_id]

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Link]:
        """Every link, in order (a walk of the whole project: for small uses only)."""
        return iter(self.sorted(self._by_id.values()))

    def get(self, link_id: str) -> Link | None:
        return self._by_id.get(link_id)

    def sorted(self, links: Iterable[Link]) -> list[Link]:
        order = self._order
        return sorted(links, key=lambda k: (k.created_at, order[k.id]))

    def of_claim(self, claim_id: str) -> list[Link]:
        """The links touching a claim, in order."""
        return self.sorted(self._by_claim.get(claim_id, {}).values())

    def of_claims(self, claim_ids: Iterable[str]) -> list[Link]:
        """The links touching any of these claims, each once, in order."""
        found: dict[str, Link] = {}
        by_claim = self._by_claim
        for claim_id in claim_ids:
            links = by_claim.get(claim_id)
            if links:
                found.update(links)
        return self.sorted(found.values())
