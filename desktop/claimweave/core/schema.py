"""The project file's schema, as an ordered list of migrations.

``PRAGMA user_version`` holds the number of migrations applied; ``PRAGMA application_id``
marks the file as ClaimWeave's. A file whose user_version is higher than
``SCHEMA_VERSION`` was written by a newer program and is refused, never altered.
docs/file-format.md describes these tables for people who open the file with sqlite3.
"""

from __future__ import annotations

APPLICATION_ID = 0x436C5776  # "ClWv"

_V1 = """
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE annotators (
    name       TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    author      TEXT,
    outlet      TEXT,
    published   TEXT,
    url         TEXT,
    language    TEXT,
    source_file TEXT,
    text        TEXT NOT NULL,
    text_sha256 TEXT NOT NULL UNIQUE,
    char_count  INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    position    INTEGER NOT NULL
) STRICT;

CREATE TABLE tags (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL COLLATE NOCASE UNIQUE,
    color       TEXT NOT NULL,
    parent_id   TEXT REFERENCES tags(id) ON DELETE RESTRICT,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX tags_parent ON tags(parent_id);

CREATE TABLE relation_types (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL COLLATE NOCASE UNIQUE,
    color      TEXT NOT NULL,
    polarity   INTEGER NOT NULL CHECK (polarity IN (-1, 0, 1)),
    symmetric  INTEGER NOT NULL CHECK (symmetric IN (0, 1)),
    position   INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE claims (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE RESTRICT,
    start       INTEGER NOT NULL CHECK (start >= 0),
    "end"       INTEGER NOT NULL CHECK ("end" > start),
    quote       TEXT NOT NULL,
    prefix      TEXT NOT NULL,
    suffix      TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    annotator   TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX claims_document ON claims(document_id, start);
CREATE INDEX claims_annotator ON claims(annotator);

CREATE TABLE claim_tags (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE RESTRICT,
    tag_id   TEXT NOT NULL REFERENCES tags(id) ON DELETE RESTRICT,
    PRIMARY KEY (claim_id, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX claim_tags_tag ON claim_tags(tag_id);

CREATE TABLE links (
    id               TEXT PRIMARY KEY,
    source_claim_id  TEXT NOT NULL REFERENCES claims(id) ON DELETE RESTRICT,
    target_claim_id  TEXT NOT NULL REFERENCES claims(id) ON DELETE RESTRICT,
    relation_type_id TEXT NOT NULL REFERENCES relation_types(id) ON DELETE RESTRICT,
    note             TEXT NOT NULL DEFAULT '',
    annotator        TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (source_claim_id <> target_claim_id),
    UNIQUE (source_claim_id, target_claim_id, relation_type_id)
) STRICT;
CREATE INDEX links_target ON links(target_claim_id);
CREATE INDEX links_relation ON links(relation_type_id);

CREATE TABLE nlp_cache (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text_sha256 TEXT NOT NULL,
    model       TEXT NOT NULL,
    version     TEXT NOT NULL,
    data        BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (document_id, model, version)
) STRICT;

-- Full-text search over document titles and texts, claim quotes and notes. The indexes are
-- external-content FTS5 tables keyed by the rowid of the row they index. The program writes
-- them in the same transaction as that row: with trusted_schema=OFF SQLite does not let a
-- trigger write to a virtual table.
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content = 'documents', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE claims_fts USING fts5(
    quote, note, content = 'claims', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
"""

# v2: link suggestions the user dismissed for a claim, so they are not offered again.
# target_kind 'claim': target_ref is the other claim's id; 'sentence': "document_id:start:end"
# in code points. Written through the store's undoable writer like any other user choice.
_V2 = """
CREATE TABLE dismissed_suggestions (
    claim_id    TEXT NOT NULL REFERENCES claims(id) ON DELETE RESTRICT,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('claim', 'sentence')),
    target_ref  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (claim_id, target_kind, target_ref)
) STRICT, WITHOUT ROWID;
"""

# v3: names the user gave claim groups (propositions, see claimweave.analysis.groups). A
# name is stored on one member claim, the group's key (its smallest claim id). No foreign
# key on purpose: the name must come back when a deleted claim is restored by undo, and a
# name whose claim is gone is simply never read.
_V3 = """
CREATE TABLE group_names (
    claim_id   TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
"""

# Full-text tables declared the way datasette and sqlite-utils recognise them: both look for
# content="TABLE" (or content=[TABLE]) in the table's SQL; content = 'TABLE' is the same to
# SQLite but invisible to them. The indexes are rebuilt from their tables.
_V_FTS_DETECTABLE = """
DROP TABLE documents_fts;
DROP TABLE claims_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content="documents", content_rowid="rowid",
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE claims_fts USING fts5(
    quote, note, content="claims", content_rowid="rowid",
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
"""
# Classroom exercises: the teacher's questions (prompts) and the students' answers, the
# rubric's criteria and the teacher's assessment of each student on each criterion. A
# prompt is asked of every document ('document') or of every proposition ('proposition');
# an answer's subject is the document id, or the id of one claim of the proposition. No
# foreign key from an answer's subject: an answer must come back when undo restores its
# claim, and one whose claim is gone is simply not shown.
_V_CLASSROOM = """
CREATE TABLE prompts (
    id         TEXT PRIMARY KEY,
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('document', 'proposition')),
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE answers (
    prompt_id  TEXT NOT NULL REFERENCES prompts(id) ON DELETE RESTRICT,
    subject    TEXT NOT NULL,
    annotator  TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (prompt_id, subject, annotator)
) STRICT, WITHOUT ROWID;

CREATE TABLE rubric_criteria (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL COLLATE NOCASE UNIQUE,
    levels     TEXT NOT NULL,
    position   INTEGER NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE assessments (
    student      TEXT NOT NULL,
    criterion_id TEXT NOT NULL REFERENCES rubric_criteria(id) ON DELETE RESTRICT,
    level        TEXT NOT NULL,
    comment      TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (student, criterion_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX assessments_criterion ON assessments(criterion_id);
"""

# Source criticism: who asserts each claim (claimants, one list per project with aliases),
# the source card of each document (kind, reliability 1-5 with its reason, a memo, free
# name = value attributes), a document marked as derived from (a copy of) another, and the
# texts a document had before `update-text` replaced them. A claim without a claimant is the
# document author's own.
_V_SOURCE_CRITICISM = """
CREATE TABLE claimants (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL COLLATE NOCASE UNIQUE,
    aliases    TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

ALTER TABLE claims ADD COLUMN claimant_id TEXT REFERENCES claimants(id) ON DELETE RESTRICT;
CREATE INDEX claims_claimant ON claims(claimant_id);

ALTER TABLE documents ADD COLUMN kind TEXT CHECK (kind IN ('news', 'opinion', 'analysis',
    'official', 'academic', 'other'));
ALTER TABLE documents ADD COLUMN reliability INTEGER CHECK (reliability BETWEEN 1 AND 5);
ALTER TABLE documents ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN derived_from TEXT REFERENCES documents(id) ON DELETE RESTRICT;
CREATE INDEX documents_derived ON documents(derived_from);

CREATE TABLE document_attributes (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE RESTRICT,
    name        TEXT NOT NULL COLLATE NOCASE,
    value       TEXT NOT NULL,
    PRIMARY KEY (document_id, name)
) STRICT, WITHOUT ROWID;
CREATE INDEX document_attributes_name ON document_attributes(name, value);

CREATE TABLE document_history (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE RESTRICT,
    text        TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    replaced_at TEXT NOT NULL
) STRICT;
CREATE INDEX document_history_document ON document_history(document_id);

-- Claims a new version of their document's text no longer holds with confidence: kept here
-- (the claim row with its tags and links, as JSON) until the user places or drops them.
CREATE TABLE unplaced_claims (
    claim_id    TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE RESTRICT,
    data        TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX unplaced_claims_document ON unplaced_claims(document_id);
"""

# Covering indexes for reads at 1,000+ documents. A document's metadata sits after its text
# in the row, so reading it (its order, its length, the documents list) read through the
# text's overflow pages; documents_meta holds every column but the text. documents_order
# gives the next position and the order; claims_order walks the claims table's order
# (document, start, end, creation) instead of sorting 100,000 rows.
_V_SCALE_INDEXES = """
CREATE INDEX documents_meta ON documents(id, position, title, author, outlet, published, url,
    language, source_file, text_sha256, char_count, imported_at, updated_at, kind, reliability,
    reason, note, derived_from);
CREATE INDEX documents_order ON documents(position, id);
CREATE INDEX claims_order ON claims(document_id, start, "end", created_at, id);
"""

# Data derived from the project as a whole (the built suggestion index), kept so commands
# and the window need not rebuild it: one row per key (what it was built from), valid while
# the project's content signature is *signature*. No undo: it is rebuilt when missing.
_V_DERIVED_CACHE = """
CREATE TABLE derived_cache (
    key        TEXT PRIMARY KEY,
    signature  TEXT NOT NULL,
    data       BLOB NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
"""

# The built suggestion index as tables (nlp/index_store.py, core/suggest_index_repo.py), so a
# query reads only what it needs: the vocabulary's rows for its own terms, the posting lists
# of those terms (term -> passage rows, weights; int32 and float32 arrays), the passages
# it shows. One suggest_indexes row per index (what it was built from, the content
# signature it is valid at, its small data as JSON); the other tables hang off it and go
# with it. Derived data: no undo, safe to delete (it is rebuilt).
_V_SUGGEST_POSTINGS = """
CREATE TABLE suggest_indexes (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    signature  TEXT NOT NULL,
    meta       TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE TABLE suggest_arrays (
    index_id INTEGER NOT NULL REFERENCES suggest_indexes(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    data     BLOB NOT NULL,
    PRIMARY KEY (index_id, name)
) STRICT;
CREATE TABLE suggest_terms (
    index_id INTEGER NOT NULL REFERENCES suggest_indexes(id) ON DELETE CASCADE,
    term     TEXT NOT NULL,
    id       INTEGER NOT NULL,
    df       INTEGER NOT NULL,
    PRIMARY KEY (index_id, term)
) STRICT, WITHOUT ROWID;
CREATE TABLE suggest_postings (
    index_id INTEGER NOT NULL REFERENCES suggest_indexes(id) ON DELETE CASCADE,
    scope    TEXT NOT NULL,
    space    TEXT NOT NULL,
    term_id  INTEGER NOT NULL,
    rows     BLOB NOT NULL,
    weights  BLOB NOT NULL,
    PRIMARY KEY (index_id, scope, space, term_id)
) STRICT;
CREATE TABLE suggest_passages (
    index_id INTEGER NOT NULL REFERENCES suggest_indexes(id) ON DELETE CASCADE,
    scope    TEXT NOT NULL,
    row      INTEGER NOT NULL,
    ref      TEXT NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    likeness REAL NOT NULL,
    features BLOB NOT NULL,
    PRIMARY KEY (index_id, scope, row)
) STRICT;
CREATE UNIQUE INDEX suggest_passages_ref ON suggest_passages(index_id, scope, ref);
-- The content signature such an index is valid at reads the newest claim edit: an index,
-- not a scan of every claim (30 ms at 100,000 claims, per command).
CREATE INDEX claims_updated ON claims(updated_at);
"""

# An exact fingerprint for data derived from the claims and documents (the stored suggestion
# index): one counter that every insert, update and delete of a claim or a document moves,
# kept by SQLite itself, so edits by undo and redo, by merges and imports, and by other
# tools writing the file while ClaimWeave is closed all move it; it never goes back. It
# replaces a guess from row counts and the newest timestamps, which two edits in the same
# millisecond, or an undo restoring an older timestamp, left unchanged. The triggers write
# an ordinary table only, which trusted_schema=OFF allows (their cost: docs/performance.md;
# bulk inserts write many rows per statement because of it). The index on the claims'
# updated_at served the old guess only, and every claim edit had to write it.
_CONTENT_EVENTS = [(t, e) for t in ("claims", "documents") for e in ("insert", "update", "delete")]
CONTENT_TRIGGERS = tuple(f"{t}_moved_{e}" for t, e in _CONTENT_EVENTS)
"""The triggers that keep ``content_version`` (a file lacking one of them is no longer
tracked exactly: see :meth:`~.nlp_cache_repo.NlpCacheRepo.content_signature`)."""
_V_CONTENT_VERSION = """
DROP INDEX claims_updated;
CREATE TABLE content_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    counter INTEGER NOT NULL
) STRICT;
INSERT INTO content_version (id, counter) VALUES (1, 0);
""" + "".join(f"CREATE TRIGGER {t}_moved_{e} AFTER {e.upper()} ON {t}\n"
              "BEGIN UPDATE content_version SET counter = counter + 1; END;\n"
              for t, e in _CONTENT_EVENTS)

DERIVED_TABLES = frozenset({"nlp_cache", "derived_cache", "suggest_indexes", "suggest_arrays",
                            "suggest_terms", "suggest_postings", "suggest_passages"})
"""Tables of data derived from the rest (analyses, the suggestion index): rebuilt when
missing, so the check at every open leaves them out (at 100,000 claims they are two
thirds of the file); ``claimweave check`` still reads them."""

# Each entry upgrades user_version n to n + 1. Append only; never edit a released step.
MIGRATIONS: list[str] = [_V1, _V2, _V3, _V_FTS_DETECTABLE, _V_SOURCE_CRITICISM,
                         _V_CLASSROOM, _V_SCALE_INDEXES, _V_DERIVED_CACHE,
                         _V_SUGGEST_POSTINGS, _V_CONTENT_VERSION]
SCHEMA_VERSION = len(MIGRATIONS)

DEFAULT_RELATIONS: list[tuple[str, str, int, bool]] = [
    # name, colour, polarity, symmetric
    ("agrees", "#2e9d4f", 1, True),
    ("contradicts", "#d1382f", -1, True),
    ("same_claim", "#2f6fd1", 1, True),
    ("elaborates", "#c98a12", 0, False),
    ("related", "#8a8f98", 0, True),
]

# Qualitative palette for new tags, readable as a highlight behind black text.
TAG_PALETTE = [
    "#f4c542", "#7fc97f", "#80b1d3", "#fb8072", "#bc80bd",
    "#fdb462", "#8dd3c7", "#fccde5", "#b3de69", "#bebada",
]
