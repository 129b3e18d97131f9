"""The archive's database schema, as versioned migrations for each backend.

Each backend applies, in order, the migrations its database has not seen yet,
and records the version reached in ``archive_meta``. A migration is never
edited once released: a change is a new migration at the end of the list.

The tables are meant to be read by people and by other tools (Datasette,
sqlite-utils, DuckDB, psql):

``cables``
    one row per cable (its current version): id, reference id, date, origin,
    country, classification, subject, signers, the telegram text (``header``,
    ``body``) and the parsed record (``record``: compressed JSON, see
    :func:`cablegram.archive.records.unpack_record`).
``versions``
    every version of every cable ever ingested, with where and when it came
    from. ``digest`` (here and in ``cables``) is the first 128 bits of the
    SHA-256 of the telegram text, in hex: equal digests, same text. The
    current version's text lives in ``cables``; a superseded one's text and
    record move here.
``tags``, ``caveats``, ``addressees``, ``cable_references``, ``signers``, ``classifiers``
    the lists of the record, one row per item, for filtering and counting.
``cable_list`` (view)
    the columns a person scans first.
``citations`` (view)
    every citation of a cable as an edge: citing id -> cited id, from REF items
    (``kind`` ``cable``) and inline mentions in the text (``kind`` ``mention``).
"""

from __future__ import annotations

SQLITE: list[str] = [
    # 1: the initial schema
    """
    CREATE TABLE archive_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE cables (
        id INTEGER PRIMARY KEY,
        reference_id TEXT NOT NULL UNIQUE,
        created TEXT,
        year INTEGER,
        month TEXT,
        origin_token TEXT,
        origin TEXT,
        country TEXT,
        classification TEXT,
        class_rank INTEGER,
        noforn INTEGER NOT NULL DEFAULT 0,
        precedence TEXT,
        subject TEXT NOT NULL DEFAULT '',
        sender TEXT,
        signers TEXT,
        classified_by TEXT,
        header TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        rendering TEXT,
        digest TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        record BLOB NOT NULL
    );
    CREATE INDEX cables_created ON cables (created);
    CREATE INDEX cables_origin ON cables (origin_token);
    CREATE INDEX cables_country ON cables (country);
    CREATE INDEX cables_class ON cables (class_rank);
    CREATE TABLE versions (
        cable_id INTEGER NOT NULL REFERENCES cables (id),
        version INTEGER NOT NULL,
        digest TEXT NOT NULL,
        source TEXT,
        ingested_at TEXT NOT NULL,
        rendering TEXT,
        header TEXT,
        body TEXT,
        record BLOB,
        PRIMARY KEY (cable_id, version)
    );
    CREATE TABLE tags (
        cable_id INTEGER NOT NULL REFERENCES cables (id),
        position INTEGER NOT NULL,
        tag TEXT NOT NULL,
        PRIMARY KEY (cable_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX tags_tag ON tags (tag);
    CREATE TABLE caveats (
        cable_id INTEGER NOT NULL REFERENCES cables (id),
        caveat TEXT NOT NULL,
        PRIMARY KEY (cable_id, caveat)
    ) WITHOUT ROWID;
    CREATE INDEX caveats_caveat ON caveats (caveat);
    CREATE TABLE addressees (
        cable_id INTEGER NOT NULL REFERENCES cables (id),
        role TEXT NOT NULL,
        position INTEGER NOT NULL,
        route TEXT,
        name TEXT NOT NULL,
        post TEXT,
        precedence TEXT,
        PRIMARY KEY (cable_id, role, position)
    ) WITHOUT ROWID;
    CREATE INDEX addressees_post ON addressees (post) WHERE post IS NOT NULL;
    CREATE INDEX addressees_name ON addressees (name) WHERE post IS NULL;
    CREATE TABLE cable_references (
        cable_id INTEGER NOT NULL REFERENCES cables (id),
        position INTEGER NOT NULL,
        bullet TEXT,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        target TEXT,
        PRIMARY KEY (cable_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX references_target ON cable_references (target) WHERE target IS NOT NULL;
    CREATE TABLE signers (
        cable_id INTEGER NOT NULL REFERENCES cables (id),
        signer TEXT NOT NULL,
        PRIMARY KEY (cable_id, signer)
    ) WITHOUT ROWID;
    CREATE INDEX signers_signer ON signers (signer);
    CREATE TABLE classifiers (
        cable_id INTEGER NOT NULL REFERENCES cables (id),
        position INTEGER NOT NULL,
        name TEXT,
        title TEXT,
        PRIMARY KEY (cable_id, position)
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE cables_fts USING fts5 (
        subject, body,
        content = 'cables', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE VIEW cable_list AS
        SELECT reference_id, created, origin, country, classification, subject, signers
        FROM cables;
    CREATE VIEW citations AS
        SELECT c.reference_id AS citing, r.target AS cited, r.kind, r.bullet, r.text
        FROM cable_references r JOIN cables c ON c.id = r.cable_id
        WHERE r.kind IN ('cable', 'mention') AND r.target IS NOT NULL;
    """,
]

POSTGRES: list[str] = [
    # 1: the initial schema
    """
    CREATE TABLE archive_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE cables (
        id BIGSERIAL PRIMARY KEY,
        reference_id TEXT NOT NULL UNIQUE,
        created TEXT,
        year INTEGER,
        month TEXT,
        origin_token TEXT,
        origin TEXT,
        country TEXT,
        classification TEXT,
        class_rank INTEGER,
        noforn INTEGER NOT NULL DEFAULT 0,
        precedence TEXT,
        subject TEXT NOT NULL DEFAULT '',
        sender TEXT,
        signers TEXT,
        classified_by TEXT,
        header TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        rendering TEXT,
        digest TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        record BYTEA NOT NULL,
        search tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', subject), 'A') ||
            setweight(to_tsvector('simple', left(body, 1000000)), 'B')
        ) STORED
    );
    CREATE INDEX cables_created ON cables (created);
    CREATE INDEX cables_origin ON cables (origin_token);
    CREATE INDEX cables_country ON cables (country);
    CREATE INDEX cables_class ON cables (class_rank);
    CREATE INDEX cables_search ON cables USING GIN (search);
    CREATE TABLE versions (
        cable_id BIGINT NOT NULL REFERENCES cables (id),
        version INTEGER NOT NULL,
        digest TEXT NOT NULL,
        source TEXT,
        ingested_at TEXT NOT NULL,
        rendering TEXT,
        header TEXT,
        body TEXT,
        record BYTEA,
        PRIMARY KEY (cable_id, version)
    );
    CREATE TABLE tags (
        cable_id BIGINT NOT NULL REFERENCES cables (id),
        position INTEGER NOT NULL,
        tag TEXT NOT NULL
    );
    CREATE INDEX tags_tag ON tags (tag, cable_id);
    CREATE INDEX tags_cable ON tags (cable_id);
    CREATE TABLE caveats (
        cable_id BIGINT NOT NULL REFERENCES cables (id),
        caveat TEXT NOT NULL
    );
    CREATE INDEX caveats_caveat ON caveats (caveat, cable_id);
    CREATE INDEX caveats_cable ON caveats (cable_id);
    CREATE TABLE addressees (
        cable_id BIGINT NOT NULL REFERENCES cables (id),
        role TEXT NOT NULL,
        position INTEGER NOT NULL,
        route TEXT,
        name TEXT NOT NULL,
        post TEXT,
        precedence TEXT
    );
    CREATE INDEX addressees_cable ON addressees (cable_id);
    CREATE INDEX addressees_post ON addressees (post, cable_id);
    CREATE TABLE cable_references (
        cable_id BIGINT NOT NULL REFERENCES cables (id),
        position INTEGER NOT NULL,
        bullet TEXT,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        target TEXT
    );
    CREATE INDEX references_cable ON cable_references (cable_id);
    CREATE INDEX references_target ON cable_references (target, cable_id);
    CREATE TABLE signers (
        cable_id BIGINT NOT NULL REFERENCES cables (id),
        signer TEXT NOT NULL
    );
    CREATE INDEX signers_signer ON signers (signer, cable_id);
    CREATE INDEX signers_cable ON signers (cable_id);
    CREATE TABLE classifiers (
        cable_id BIGINT NOT NULL REFERENCES cables (id),
        position INTEGER NOT NULL,
        name TEXT,
        title TEXT
    );
    CREATE INDEX classifiers_cable ON classifiers (cable_id);
    CREATE INDEX classifiers_name ON classifiers (lower(name), cable_id);
    CREATE VIEW cable_list AS
        SELECT reference_id, created, origin, country, classification, subject, signers
        FROM cables;
    CREATE VIEW citations AS
        SELECT c.reference_id AS citing, r.target AS cited, r.kind, r.bullet, r.text
        FROM cable_references r JOIN cables c ON c.id = r.cable_id
        WHERE r.kind IN ('cable', 'mention') AND r.target IS NOT NULL;
    """,
]

CHILD_TABLES = ("tags", "caveats", "addressees", "cable_references", "signers", "classifiers")
