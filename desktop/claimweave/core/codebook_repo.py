"""The codebook (hierarchical tags) and the relation types links are made of."""

from __future__ import annotations

from types import EllipsisType
from typing import Any

from .clock import now
from .errors import InvalidOperationError
from .model import RelationType, Tag
from .project import ProjectBase
from .schema import TAG_PALETTE
from .validation import (
    check_color,
    clean_name,
)
from .values import css_color


class CodebookRepo(ProjectBase):
    """Tags and relation types."""

    def add_tag(self, name: str, *, color: str | None = None, parent: str | None = None,
                description: str = "", tag_id: str | None = None) -> Tag:
        """Add a tag to the codebook; *tag_id* keeps an id given by an import or merge."""
        name = clean_name(name, "tag")
        if self._find_by_name("tags", name):
            raise InvalidOperationError(f"a tag named {name!r} already exists")
        parent_id = self.resolve_tag(parent) if parent else None
        count = self.con.execute("SELECT count(*) FROM tags").fetchone()[0]
        color = check_color(color) if color else TAG_PALETTE[count % len(TAG_PALETTE)]
        tag_id = self._fresh_id("tags", tag_id)
        stamp = now()
        with self._transaction(f"Add tag {name}"):
            self._writer.insert("tags", {
                "id": tag_id, "name": name, "color": color, "parent_id": parent_id,
                "description": description, "position": count, "created_at": stamp,
                "updated_at": stamp,
            })
        return self.tag(tag_id)

    def update_tag(self, tag: str, *, name: str | None = None, color: str | None = None,
                   parent: str | EllipsisType | None = ..., description: str | None = None
                   ) -> Tag:
        """Rename, recolour, re-parent (``parent=None`` makes it top-level) or describe a tag."""
        current = self.tag(tag)
        values: dict[str, Any] = {}
        if name is not None:
            name = clean_name(name, "tag")
            other = self._find_by_name("tags", name)
            if other and other != current.id:
                raise InvalidOperationError(f"a tag named {name!r} already exists")
            values["name"] = name
        if color is not None:
            values["color"] = check_color(color)
        if parent is not ...:
            parent_id = self.resolve_tag(parent) if parent else None
            if parent_id and parent_id in self.tag_subtree(current.id):
                raise InvalidOperationError("a tag cannot be nested inside itself or its children")
            values["parent_id"] = parent_id
        if description is not None:
            values["description"] = description
        if not values:
            return current
        values["updated_at"] = now()
        with self._transaction(f"Edit tag {current.name}"):
            self._writer.update("tags", (("id", current.id),), values)
        return self.tag(current.id)

    def delete_tag(self, tag: str) -> None:
        """Delete a tag: claims lose it, its children move up to its parent (undoable)."""
        current = self.tag(tag)
        with self._transaction(f"Delete tag {current.name}"):
            for (child,) in self.con.execute(
                    "SELECT id FROM tags WHERE parent_id = ?", (current.id,)).fetchall():
                self._writer.update("tags", (("id", child),), {"parent_id": current.parent_id})
            for (claim_id,) in self.con.execute(
                    "SELECT claim_id FROM claim_tags WHERE tag_id = ?", (current.id,)).fetchall():
                self._writer.delete("claim_tags", (("claim_id", claim_id), ("tag_id", current.id)))
            self._writer.delete("tags", (("id", current.id),))

    def tags(self) -> list[Tag]:
        """The codebook, ordered by position (kept between verbs until tags change)."""
        def read() -> list[Tag]:
            return [_tag(r) for r in self.con.execute(
                "SELECT id, name, color, parent_id, description, position FROM tags "
                "ORDER BY position, name")]

        return list(self._cached("tags", ("tags",), read))

    def tag(self, ref: str) -> Tag:
        tag_id = self.resolve_tag(ref)
        row = self.con.execute(
            "SELECT id, name, color, parent_id, description, position FROM tags WHERE id = ?",
            (tag_id,)).fetchone()
        return _tag(row)

    def resolve_tag(self, ref: str) -> str:
        """A tag id from its name (case-insensitive), full id or unique id prefix."""
        found = self._find_by_name("tags", ref)
        return found or self._resolve("tags", "tag", ref)

    def tag_subtree(self, tag_id: str) -> list[str]:
        """The tag and every tag nested under it, at any depth."""
        rows = self.con.execute(
            "WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT t.id FROM tags t JOIN sub "
            "ON t.parent_id = sub.id) SELECT id FROM sub", (tag_id,)).fetchall()
        return [r[0] for r in rows]

    # ----------------------------------------------------------------- relation types
    def relation_types(self) -> list[RelationType]:
        def read() -> list[RelationType]:
            return [RelationType(r[0], r[1], css_color(r[2]), r[3], bool(r[4]), r[5]) for r in
                    self.con.execute("SELECT id, name, color, polarity, symmetric, position "
                                     "FROM relation_types ORDER BY position")]

        return list(self._cached("relation_types", ("relation_types",), read))

    def relation_type(self, ref: str) -> RelationType:
        rel_id = self._find_by_name("relation_types", ref) or self._resolve(
            "relation_types", "relation", ref)
        return next(r for r in self.relation_types() if r.id == rel_id)

    def add_relation_type(self, name: str, *, color: str = "#8a8f98", polarity: int = 0,
                          symmetric: bool = False, relation_id: str | None = None
                          ) -> RelationType:
        """Add a relation type; *relation_id* keeps an id given by an import or merge."""
        name = clean_name(name, "relation")
        if self._find_by_name("relation_types", name):
            raise InvalidOperationError(f"a relation named {name!r} already exists")
        if polarity not in (-1, 0, 1):
            raise InvalidOperationError("polarity must be -1, 0 or 1")
        rel_id = self._fresh_id("relation_types", relation_id)
        stamp = now()
        position = self.con.execute("SELECT count(*) FROM relation_types").fetchone()[0]
        with self._transaction(f"Add relation {name}"):
            self._writer.insert("relation_types", {
                "id": rel_id, "name": name, "color": check_color(color), "polarity": polarity,
                "symmetric": int(symmetric), "position": position, "created_at": stamp,
                "updated_at": stamp,
            })
        return self.relation_type(rel_id)


def _tag(row: tuple[Any, ...]) -> Tag:
    """A tag as read back: a colour another tool stored that is not #rrggbb is not passed on
    (it would reach HTML, SVG and style sheets); ``claimweave check`` names it."""
    return Tag(row[0], row[1], css_color(row[2]), *row[3:])
