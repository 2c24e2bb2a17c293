//! The vault's SQL schema and its append-only migrations, keyed on `PRAGMA user_version`.
//!
//! `MIGRATIONS[i]` takes a vault from `user_version = i` to `i + 1`. Entries are never edited or
//! reordered once released: a format change is a new entry. Before a vault is used its schema is
//! compared with the digest of what these migrations produce, so a file whose tables were altered
//! by hand, or that carries extra objects such as triggers, is refused as corrupt.

use rusqlite::Connection;
use sha2::{Digest, Sha256};

use super::Error;

/// `PRAGMA application_id` of a sealbox vault: "SBX1".
pub const APPLICATION_ID: i32 = 0x5342_5831;

/// The append-only list of migrations.
const MIGRATIONS: &[&str] = &[
    // 1: the initial format.
    "CREATE TABLE vault (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        vault_id BLOB NOT NULL CHECK (length(vault_id) = 16),
        created_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE slots (
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        kdf_m_kib INTEGER,
        kdf_t INTEGER,
        kdf_p INTEGER,
        salt BLOB NOT NULL,
        digest BLOB NOT NULL,
        key_check BLOB NOT NULL,
        nonce BLOB NOT NULL,
        wrapped_key BLOB NOT NULL,
        created_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE data_keys (
        id INTEGER PRIMARY KEY,
        nonce BLOB NOT NULL,
        wrapped_key BLOB NOT NULL,
        created_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        description TEXT,
        rotate_every INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE versions (
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        key_id INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        nonce BLOB NOT NULL,
        ciphertext BLOB NOT NULL,
        PRIMARY KEY (name, version)
    ) STRICT;
    CREATE INDEX versions_by_key ON versions (key_id);",
    // 2: a generation counter and a transaction token in the vault row, both set by every write
    // transaction. Writing the row journals page 2, which holds the vault id, at the start of
    // every transaction, so a journal can be tied to its vault (see `journal`); authenticated
    // vault state builds on the generation.
    // The UPDATE rewrites the row with every column, as later writes do.
    "ALTER TABLE vault ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
     ALTER TABLE vault ADD COLUMN txn_token BLOB;
     UPDATE vault SET generation = 0;",
    // 3: authenticated state. The vault row gets the wrapped state key and the summary of all
    // heads with its MAC; each slot its binding; each secret its random id, its version range
    // (no longer derived from the rows) and its head tag. The columns are filled by
    // `upgrade::to_v3` in the same transaction, which needs the vault key.
    "ALTER TABLE vault ADD COLUMN state_nonce BLOB;
     ALTER TABLE vault ADD COLUMN state_key BLOB;
     ALTER TABLE vault ADD COLUMN secret_count INTEGER;
     ALTER TABLE vault ADD COLUMN heads_sum BLOB;
     ALTER TABLE vault ADD COLUMN state_mac BLOB;
     ALTER TABLE slots ADD COLUMN binding BLOB;
     ALTER TABLE secrets ADD COLUMN secret_id BLOB;
     ALTER TABLE secrets ADD COLUMN version INTEGER;
     ALTER TABLE secrets ADD COLUMN kept_from INTEGER;
     ALTER TABLE secrets ADD COLUMN head_mac BLOB;",
    // 4: history and retention. Each head lists exactly which versions it keeps (retention
    // and `delete --version` leave gaps) and may carry its own retention limit; the vault row
    // carries the default limit. Filled, and every head re-tagged in the new layout, by
    // `upgrade::to_v4` in the same transaction, which needs the state key.
    "ALTER TABLE secrets ADD COLUMN kept BLOB;
     ALTER TABLE secrets ADD COLUMN keep INTEGER;
     ALTER TABLE vault ADD COLUMN default_keep INTEGER;",
    // 5: the audit log. The vault row gets the wrapped audit key and the chain head (sequence
    // number, line offset and hash of the last record) as of the last write, both covered by
    // the vault MAC. Filled by `Vault::write_unlocked` in the same transaction.
    "ALTER TABLE vault ADD COLUMN audit_nonce BLOB;
     ALTER TABLE vault ADD COLUMN audit_key BLOB;
     ALTER TABLE vault ADD COLUMN audit_seq INTEGER;
     ALTER TABLE vault ADD COLUMN audit_offset INTEGER;
     ALTER TABLE vault ADD COLUMN audit_hash BLOB;",
    // 6: scopes (see `crypto::scope`). Each scope row holds its definition (names and prefixes,
    // newline-separated and sorted), its random key wrapped under the vault key with the
    // definition bound in, and the state and audit keys wrapped under it; `scope_keys` wraps
    // each version key a scope holds; `exposed` flags secrets a removed credential could read
    // until they are set anew. A slot may open a scope instead of the vault: it then has an
    // expiry, a write permission, its link key (under the vault key) and the scope key (under
    // the link key). Each version says how it is sealed: 0 directly under its data key
    // (formats 1 to 5), 1 under a version key derived from it, 2 under a random version key
    // that only scopes hold.
    "CREATE TABLE scopes (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        names TEXT NOT NULL,
        prefixes TEXT NOT NULL,
        key_nonce BLOB NOT NULL,
        wrapped_key BLOB NOT NULL,
        state_nonce BLOB NOT NULL,
        state_key BLOB NOT NULL,
        audit_nonce BLOB NOT NULL,
        audit_key BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE scope_keys (
        scope_id INTEGER NOT NULL,
        secret_id BLOB NOT NULL,
        version INTEGER NOT NULL,
        nonce BLOB NOT NULL,
        wrapped_key BLOB NOT NULL,
        PRIMARY KEY (scope_id, secret_id, version)
    ) STRICT;
    CREATE INDEX scope_keys_by_secret ON scope_keys (secret_id, version);
    CREATE TABLE exposed (
        secret_id BLOB NOT NULL,
        version INTEGER NOT NULL,
        reason TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (secret_id, reason)
    ) STRICT;
    ALTER TABLE slots ADD COLUMN scope_id INTEGER;
    ALTER TABLE slots ADD COLUMN expires_at INTEGER;
    ALTER TABLE slots ADD COLUMN allow_write INTEGER;
    ALTER TABLE slots ADD COLUMN link_nonce BLOB;
    ALTER TABLE slots ADD COLUMN link_key BLOB;
    ALTER TABLE slots ADD COLUMN grant_nonce BLOB;
    ALTER TABLE slots ADD COLUMN grant_key BLOB;
    ALTER TABLE versions ADD COLUMN sealing INTEGER NOT NULL DEFAULT 0;",
    // 6 -> 7: member slots, whose credential is sealed to a public key: the recipient it was
    // sealed to (`age1…`) and the age envelope holding the slot secret.
    "ALTER TABLE slots ADD COLUMN recipient TEXT;
    ALTER TABLE slots ADD COLUMN envelope BLOB;",
];

/// The first format whose write transactions raise `vault.generation`.
pub const GENERATION_SINCE: i64 = 2;

/// The first format with authenticated state (see `session`); reaching it needs the keys.
pub const AUTHENTICATED_SINCE: i64 = 3;

/// The first format whose heads list their kept versions and retention limit.
pub const KEPT_SETS_SINCE: i64 = 4;

/// The first format with an audit key and a chain head in the vault row.
pub const AUDITED_SINCE: i64 = 5;

/// The first format with scopes, scoped slots and version keys.
pub const SCOPED_SINCE: i64 = 6;

/// The first format with member slots (a recipient and an envelope per slot).
pub const MEMBERS_SINCE: i64 = 7;

/// The first format of a team vault: one is created at the current format, never upgraded
/// from a file's older one (`vault copy` reads a file at the current format).
pub const TEAM_SINCE: i64 = 7;

/// A team vault's schema at format 7: the file's tables at that format with PostgreSQL's
/// types (`bigint`, `bytea`, text compared byte by byte as SQLite does, so every ordering a
/// digest or a listing depends on is the same on both), the format in `meta`, and the audit
/// log as an INSERT-only table. Later formats append their own migrations here.
pub const TEAM_SCHEMA: &str = r#"
CREATE TABLE meta (key text COLLATE "C" PRIMARY KEY, value bigint NOT NULL);
CREATE TABLE vault (
    id bigint PRIMARY KEY CHECK (id = 1),
    vault_id bytea NOT NULL CHECK (length(vault_id) = 16),
    created_at bigint NOT NULL,
    generation bigint NOT NULL DEFAULT 0,
    txn_token bytea,
    state_nonce bytea, state_key bytea, secret_count bigint, heads_sum bytea, state_mac bytea,
    default_keep bigint,
    audit_nonce bytea, audit_key bytea, audit_seq bigint, audit_offset bigint, audit_hash bytea
);
CREATE TABLE slots (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    label text COLLATE "C" NOT NULL UNIQUE,
    kind text COLLATE "C" NOT NULL,
    kdf_m_kib bigint, kdf_t bigint, kdf_p bigint,
    salt bytea NOT NULL, digest bytea NOT NULL, key_check bytea NOT NULL,
    nonce bytea NOT NULL, wrapped_key bytea NOT NULL,
    created_at bigint NOT NULL,
    binding bytea,
    scope_id bigint, expires_at bigint, allow_write bigint,
    link_nonce bytea, link_key bytea, grant_nonce bytea, grant_key bytea,
    recipient text COLLATE "C", envelope bytea
);
CREATE TABLE data_keys (
    id bigint PRIMARY KEY,
    nonce bytea NOT NULL,
    wrapped_key bytea NOT NULL,
    created_at bigint NOT NULL
);
CREATE TABLE secrets (
    name text COLLATE "C" PRIMARY KEY,
    description text COLLATE "C",
    rotate_every bigint,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    secret_id bytea, version bigint, kept_from bigint, head_mac bytea, kept bytea, keep bigint
);
CREATE TABLE versions (
    name text COLLATE "C" NOT NULL,
    version bigint NOT NULL,
    key_id bigint NOT NULL,
    created_at bigint NOT NULL,
    nonce bytea NOT NULL,
    ciphertext bytea NOT NULL,
    sealing bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (name, version)
);
CREATE INDEX versions_by_key ON versions (key_id);
CREATE TABLE scopes (
    id bigint PRIMARY KEY,
    name text COLLATE "C" NOT NULL UNIQUE,
    names text COLLATE "C" NOT NULL,
    prefixes text COLLATE "C" NOT NULL,
    key_nonce bytea NOT NULL, wrapped_key bytea NOT NULL,
    state_nonce bytea NOT NULL, state_key bytea NOT NULL,
    audit_nonce bytea NOT NULL, audit_key bytea NOT NULL,
    created_at bigint NOT NULL, updated_at bigint NOT NULL
);
CREATE TABLE scope_keys (
    scope_id bigint NOT NULL,
    secret_id bytea NOT NULL,
    version bigint NOT NULL,
    nonce bytea NOT NULL,
    wrapped_key bytea NOT NULL,
    PRIMARY KEY (scope_id, secret_id, version)
);
CREATE INDEX scope_keys_by_secret ON scope_keys (secret_id, version);
CREATE TABLE exposed (
    secret_id bytea NOT NULL,
    version bigint NOT NULL,
    reason text COLLATE "C" NOT NULL,
    at bigint NOT NULL,
    PRIMARY KEY (secret_id, reason)
);
CREATE TABLE audit_log (
    at_offset bigint PRIMARY KEY,
    line bytea NOT NULL
);
ALTER TABLE audit_log ALTER COLUMN line SET STORAGE EXTERNAL;
"#;

/// How many versions a secret keeps by default, as Vault KV's `max_versions`.
pub const DEFAULT_KEEP: i64 = 10;

/// The most versions one secret may be set to keep: a head lists them all.
pub const MAX_KEEP: i64 = 1000;

/// SHA-256 of the schema after each migration (`SCHEMA_DIGESTS[i]` is for `user_version = i + 1`).
/// The unit test `schema_digests_match_the_migrations` prints the right value when one is added.
const SCHEMA_DIGESTS: &[&str] = &[
    "c5eb2124859d31fee8f14eb8f60ec22e15f3a1116a4c2785042e289777b8a90e",
    "d2942d2e9e64b6e744015d33d7e5f3059dd19f625bb3ba62eddbf63f6931e61c",
    "057cf02e933e234db829a6acf71e46ebe37db89f450c7014411b48a13a0c5f57",
    "4dce864ef41f0bb5014d5bc132a07f9def0d01cd6932ad9663c73940e2c06bb1",
    "b716b62a621578422345bcec0c68814e2edef07abe416fc6baaf724b58a6b07f",
    "e1e5f541619dd05b009a169d825d6d3d358a6b028978c7c5dfaa294a1115f12e",
    "0286a40bc19db4a8c3e617e5d21c4b8b2b2db87909bdedd80b9fe8cee67e3eee",
];

/// The format version this binary writes.
pub fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Applies every migration after `from`; the caller holds a write transaction.
pub fn migrate(conn: &Connection, from: i64) -> Result<(), Error> {
    migrate_to(conn, from, current_version())
}

fn migrate_to(conn: &Connection, from: i64, to: i64) -> Result<(), Error> {
    let steps = MIGRATIONS.iter().enumerate().take(to as usize);
    for (index, sql) in steps.skip(from as usize) {
        conn.execute_batch(sql)?;
        conn.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    Ok(())
}

/// Checks that the schema is exactly what `version` migrations produce: the inner error says
/// how it differs. Failing to read the schema (a lock, an I/O error) is the outer error, so it
/// is reported as what it is rather than as a different schema.
pub fn check(conn: &Connection, version: i64) -> Result<Result<(), String>, Error> {
    let Some(expected) = usize::try_from(version - 1)
        .ok()
        .and_then(|i| SCHEMA_DIGESTS.get(i))
    else {
        return Ok(Err(format!("unknown format version {version}")));
    };
    if digest(conn)? == *expected {
        Ok(Ok(()))
    } else {
        Ok(Err("its schema differs from a sealbox vault's".into()))
    }
}

/// Hex SHA-256 over every schema object's type, name, table and SQL text.
fn digest(conn: &Connection) -> rusqlite::Result<String> {
    let mut stmt = conn.prepare_cached(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema ORDER BY type, name",
    )?;
    let mut rows = stmt.query([])?;
    let mut hasher = Sha256::new();
    while let Some(row) = rows.next()? {
        for i in 0..4 {
            let text: String = row.get(i)?;
            hasher.update((text.len() as u64).to_be_bytes());
            hasher.update(text.as_bytes());
        }
    }
    Ok(crate::crypto::hex(&hasher.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_digests_match_the_migrations() {
        let conn = Connection::open_in_memory().unwrap();
        for version in 1..=current_version() {
            migrate_to(&conn, version - 1, version).unwrap();
            let actual = digest(&conn).unwrap();
            assert_eq!(
                SCHEMA_DIGESTS.get(version as usize - 1).copied(),
                Some(actual.as_str()),
                "set SCHEMA_DIGESTS[{}] to \"{actual}\"",
                version - 1
            );
            assert!(check(&conn, version).unwrap().is_ok());
        }
    }

    #[test]
    fn an_extra_object_fails_the_check() {
        let conn = Connection::open_in_memory().unwrap();
        migrate(&conn, 0).unwrap();
        conn.execute_batch("CREATE TABLE extra (x)").unwrap();
        assert!(check(&conn, current_version()).unwrap().is_err());
    }
}
