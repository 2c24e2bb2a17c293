//! The storage interface on a PostgreSQL connection: the team vault.
//!
//! The server holds the same rows as a vault file (names, metadata, wrapped keys and
//! ciphertext) and never a key: everything is sealed and authenticated on the client, above
//! this module, exactly as for a file. This module connects (TLS as libpq's `sslmode` says),
//! translates the common dialect's `?N` parameters into PostgreSQL's `$N`, moves values, and
//! classifies the server's errors: a lock or a serialisation conflict past the busy timeout is
//! [`Error::Busy`], a lost connection [`Error::Disconnected`] (the server rolls back a
//! transaction it did not commit, so nothing half-done is kept).
//!
//! Invariants: the URL's password is never shown (see [`Target`]'s `Display`); every statement
//! is prepared once per connection; a row's cells are read by their column type, and a type
//! the schema does not use is damage.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::time::Duration;

use postgres::error::SqlState;
use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use postgres::{Client, Statement};

use super::{Db, Param, Row, Value};
use crate::vault::{Error, Result};

/// Whether a `--vault` value names a team vault rather than a file.
/// Anything that starts like one (in any case, with any number of slashes) is taken for one,
/// so a mistyped URL is refused rather than made into a file of that name.
pub fn is_url(location: &str) -> bool {
    let lower = location.get(..11).unwrap_or(location).to_ascii_lowercase();
    lower.starts_with("postgresql:") || lower.starts_with("postgres:")
}

/// libpq's `sslmode` levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SslMode {
    Disable,
    Allow,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

/// A team vault's connection URL, parsed: what rust-postgres reads, and the TLS settings it
/// does not (libpq's `verify-ca`, `verify-full` and `sslrootcert`).
pub struct Target {
    /// The URL rust-postgres parses (sslmode mapped onto its three levels, sslrootcert taken out).
    url: String,
    /// The URL as shown: no password.
    shown: String,
    ssl: SslMode,
    root_cert: Option<PathBuf>,
    has_password: bool,
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

impl Target {
    /// Parses a `postgresql://` URL. What is shown (and keys the location records) is rebuilt
    /// from what rust-postgres parsed, never cut out of the text given, so no spelling of a
    /// password (in the authority, percent-encoded, as a query parameter) can be shown, and
    /// two spellings of one place are one location.
    pub fn parse(url: &str) -> Result<Self> {
        let invalid = |why: String| Error::BadLocation(format!("the team vault URL {why}"));
        if !url.starts_with("postgresql://") && !url.starts_with("postgres://") {
            return Err(invalid(
                "must start with postgresql:// (in lower case, with two slashes)".into(),
            ));
        }
        // rust-postgres takes the user and password up to the first `@` anywhere in the URL,
        // libpq up to the host part's end: refuse what the two would read differently, or a
        // password would be taken for a host or a user name, and shown.
        let rest = &url[url.find("://").map_or(0, |i| i + 3)..];
        let host_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let ats = rest[..host_end].matches('@').count();
        if ats > 1 || (ats == 0 && rest.contains('@')) {
            return Err(invalid(
                "has an @ that is not the one before its host: write @, / and ? in a user name or password as %40, %2F and %3F".into(),
            ));
        }
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let mut kept = Vec::new();
        let mut ssl = None;
        let mut root_cert = None;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match percent_decoded(key).as_str() {
                "sslmode" => {
                    ssl = Some(match percent_decoded(value).as_str() {
                        "disable" => SslMode::Disable,
                        "allow" => SslMode::Allow,
                        "prefer" => SslMode::Prefer,
                        "require" => SslMode::Require,
                        "verify-ca" => SslMode::VerifyCa,
                        "verify-full" => SslMode::VerifyFull,
                        _ => {
                            return Err(invalid(
                                "has an sslmode other than disable, allow, prefer, require, verify-ca or verify-full".into(),
                            ));
                        }
                    });
                }
                "sslrootcert" => root_cert = Some(PathBuf::from(percent_decoded(value))),
                _ => kept.push(pair),
            }
        }
        let mode = ssl.unwrap_or(SslMode::Prefer);
        let level = match mode {
            SslMode::Disable => "sslmode=disable",
            SslMode::Allow | SslMode::Prefer => "sslmode=prefer",
            _ => "sslmode=require",
        };
        kept.push(level);
        let url = format!("{base}?{}", kept.join("&"));
        // rust-postgres's own messages name an option, never its value.
        // Not rust-postgres's message: an unknown option's name is cut where it finds an `=`,
        // so it can hold a value.
        let config: postgres::Config = url.parse().map_err(|_| {
            invalid("is malformed: an option it names is unknown, or a value is invalid".into())
        })?;
        let mut shown = String::from("postgresql://");
        if let Some(user) = config.get_user() {
            shown.push_str(&percent_encoded(user));
            if config.get_password().is_some() {
                shown.push_str(":***");
            }
            shown.push('@');
        }
        let ports = config.get_ports();
        let hosts: Vec<String> = config
            .get_hosts()
            .iter()
            .enumerate()
            .map(|(i, host)| {
                let name = match host {
                    postgres::config::Host::Tcp(name) => percent_encoded(name),
                    postgres::config::Host::Unix(path) => {
                        percent_encoded(&path.display().to_string())
                    }
                };
                match ports.get(i).or(ports.first()) {
                    Some(port) if *port != 5432 => format!("{name}:{port}"),
                    _ => name,
                }
            })
            .collect();
        shown.push_str(&hosts.join(","));
        shown.push('/');
        if let Some(db) = config.get_dbname() {
            shown.push_str(&percent_encoded(db));
        }
        let mut params = Vec::new();
        if let Some(options) = config.get_options() {
            params.push(format!("options={}", percent_encoded(options)));
        }
        if let Some(mode) = ssl {
            params.push(format!("sslmode={}", mode.as_str()));
        }
        if let Some(root) = &root_cert {
            params.push(format!(
                "sslrootcert={}",
                percent_encoded(&root.display().to_string())
            ));
        }
        if !params.is_empty() {
            shown.push('?');
            shown.push_str(&params.join("&"));
        }
        Ok(Self {
            url,
            shown,
            ssl: mode,
            root_cert,
            has_password: config.get_password().is_some(),
        })
    }

    /// Whether the URL carries a password (so that it is kept from child processes).
    pub fn has_password(&self) -> bool {
        self.has_password
    }

    /// The location records' key: the URL as shown (the password is not part of where the
    /// vault is).
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// Connects, with `lock_timeout` at the busy timeout so a row lock held past it is busy.
    pub fn connect(&self, busy_timeout: Duration) -> Result<PgConn> {
        let mut config: postgres::Config = self.url.parse().map_err(|err: postgres::Error| {
            Error::Unsupported(format!("the team vault URL {}: {err}", self.shown))
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("sealbox");
        }
        let client = match self.ssl {
            SslMode::Disable => config.connect(postgres::NoTls),
            _ => config.connect(self.tls()?),
        }
        .map_err(|err| self.connect_error(err))?;
        let conn = PgConn {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
            in_transaction: std::cell::Cell::new(false),
        };
        // Whole milliseconds, at least one: 0 would mean "wait for ever". Every statement is
        // planned for its parameters and the table as it is now: a generic plan made while a
        // table was small (an import into a new vault) would scan it whole for every row.
        let millis = busy_timeout.as_millis().clamp(1, i32::MAX as u128);
        conn.batch(&format!(
            "SET lock_timeout = {millis}; SET idle_in_transaction_session_timeout = 0;
             SET client_min_messages = warning; SET plan_cache_mode = force_custom_plan"
        ))?;
        Ok(conn)
    }

    fn tls(&self) -> Result<postgres_native_tls::MakeTlsConnector> {
        let mut builder = native_tls::TlsConnector::builder();
        let verify = matches!(self.ssl, SslMode::VerifyCa | SslMode::VerifyFull);
        // libpq's own default root certificate, when present.
        let root = self.root_cert.clone().or_else(|| {
            let home = std::env::var_os("HOME")?;
            let path = PathBuf::from(home).join(".postgresql/root.crt");
            path.exists().then_some(path)
        });
        if let Some(path) = &root {
            let pem = std::fs::read(path).map_err(|source| Error::Io {
                context: format!("cannot read the root certificate {}", path.display()),
                source,
            })?;
            let cert = native_tls::Certificate::from_pem(&pem).map_err(|err| {
                Error::Unsupported(format!(
                    "the root certificate {} is not PEM: {err}",
                    path.display()
                ))
            })?;
            builder.add_root_certificate(cert);
        }
        // As libpq: require checks the chain only when a root certificate is given; allow and
        // prefer never do; verify-ca checks the chain, verify-full the host name too.
        let check_chain = verify || (self.ssl == SslMode::Require && root.is_some());
        builder.danger_accept_invalid_certs(!check_chain);
        builder.danger_accept_invalid_hostnames(self.ssl != SslMode::VerifyFull);
        let connector = builder
            .build()
            .map_err(|err| Error::Unsupported(format!("cannot set up TLS: {err}")))?;
        Ok(postgres_native_tls::MakeTlsConnector::new(connector))
    }

    fn connect_error(&self, err: postgres::Error) -> Error {
        match err.as_db_error() {
            Some(db) if *db.code() == SqlState::INVALID_CATALOG_NAME => {
                Error::Missing(PathBuf::from(&self.shown))
            }
            Some(db) => Error::Server(format!(
                "{} refused the connection: {}",
                self.shown,
                db.message()
            )),
            None => Error::Unreachable {
                target: self.shown.clone(),
                why: err.to_string(),
            },
        }
    }
}

impl SslMode {
    fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Allow => "allow",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }
}

/// `text` with every byte but unreserved ones percent-encoded, as a URL part.
fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One connection to a team vault.
pub struct PgConn {
    client: RefCell<Client>,
    statements: RefCell<HashMap<String, Statement>>,
    in_transaction: std::cell::Cell<bool>,
}

impl PgConn {
    /// Whether the vault layer has a transaction open on this connection.
    pub fn in_transaction(&self) -> bool {
        self.in_transaction.get()
    }

    pub fn set_in_transaction(&self, open: bool) {
        self.in_transaction.set(open);
    }

    /// Runs statements without parameters (transaction control, schema).
    pub fn batch(&self, sql: &str) -> Result<()> {
        Ok(self.client.borrow_mut().batch_execute(sql)?)
    }

    fn prepare(&self, sql: &str) -> Result<Statement> {
        if let Some(stmt) = self.statements.borrow().get(sql) {
            return Ok(stmt.clone());
        }
        let stmt = self.client.borrow_mut().prepare(&dollar_parameters(sql))?;
        self.statements
            .borrow_mut()
            .insert(sql.to_owned(), stmt.clone());
        Ok(stmt)
    }
}

impl Db for PgConn {
    fn execute(&self, sql: &str, params: &[&dyn Param]) -> Result<usize> {
        let stmt = self.prepare(sql)?;
        let bound: Vec<Bound> = params.iter().map(|p| Bound(p.value())).collect();
        let refs: Vec<&(dyn ToSql + Sync)> = bound.iter().map(|b| b as _).collect();
        let changed = self.client.borrow_mut().execute(&stmt, &refs)?;
        Ok(changed as usize)
    }

    fn query(
        &self,
        sql: &str,
        params: &[&dyn Param],
        each: &mut dyn FnMut(&dyn Row) -> Result<ControlFlow<()>>,
    ) -> Result<()> {
        let stmt = self.prepare(sql)?;
        let bound: Vec<Bound> = params.iter().map(|p| Bound(p.value())).collect();
        let refs: Vec<&(dyn ToSql + Sync)> = bound.iter().map(|b| b as _).collect();
        // Read whole, so that `each` may run statements of its own on this connection (the
        // protocol has one query in flight at a time).
        let rows = self.client.borrow_mut().query(&stmt, &refs)?;
        for row in &rows {
            if each(row)?.is_break() {
                break;
            }
        }
        Ok(())
    }
}

impl Row for postgres::Row {
    fn value(&self, index: usize) -> Result<Value<'_>> {
        let column = self
            .columns()
            .get(index)
            .ok_or_else(|| Error::Damaged(format!("a row has no column {index}")))?;
        let ty = column.type_().clone();
        let value = match ty {
            Type::INT8 => self.try_get::<_, Option<i64>>(index)?.map(Value::Int),
            Type::INT4 => (self.try_get::<_, Option<i32>>(index)?).map(|v| Value::Int(v.into())),
            Type::INT2 => (self.try_get::<_, Option<i16>>(index)?).map(|v| Value::Int(v.into())),
            Type::BOOL => (self.try_get::<_, Option<bool>>(index)?).map(|v| Value::Int(v.into())),
            Type::TEXT | Type::VARCHAR | Type::NAME | Type::BPCHAR | Type::UNKNOWN => {
                self.try_get::<_, Option<&str>>(index)?.map(Value::Text)
            }
            Type::BYTEA => self.try_get::<_, Option<&[u8]>>(index)?.map(Value::Blob),
            other => {
                return Err(Error::Damaged(format!(
                    "column {index} has the type {other}, which no sealbox table has"
                )));
            }
        };
        Ok(value.unwrap_or(Value::Null))
    }
}

/// A parameter as rust-postgres sends it: by the type the server inferred for it.
struct Bound<'a>(Value<'a>);

impl fmt::Debug for Bound<'_> {
    // Never the value: a parameter can be a name or ciphertext, and errors can print it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.kind())
    }
}

impl ToSql for Bound<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(v) => match *ty {
                Type::INT8 => v.to_sql(ty, out),
                Type::INT4 => i32::try_from(v)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(v)?.to_sql(ty, out),
                _ => Err(format!("an integer cannot be a parameter of type {ty}").into()),
            },
            Value::Text(v) => v.to_sql(ty, out),
            Value::Blob(v) => v.to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// `?N` parameters as `$N`, outside quoted text.
fn dollar_parameters(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quote = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '?') if chars.peek().is_some_and(char::is_ascii_digit) => {
                out.push('$');
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

impl From<postgres::Error> for Error {
    fn from(err: postgres::Error) -> Self {
        if err.is_closed() {
            return Error::Disconnected(err.to_string());
        }
        let Some(db) = err.as_db_error() else {
            use std::error::Error as _;
            let io = err
                .source()
                .is_some_and(|source| source.downcast_ref::<std::io::Error>().is_some());
            return if io {
                Error::Disconnected(err.to_string())
            } else if err.to_string().starts_with("error deserializing") {
                // A value the server sent that does not convert: an edited table.
                Error::Damaged(err.to_string())
            } else {
                Error::Server(err.to_string())
            };
        };
        match *db.code() {
            SqlState::LOCK_NOT_AVAILABLE
            | SqlState::T_R_SERIALIZATION_FAILURE
            | SqlState::T_R_DEADLOCK_DETECTED
            | SqlState::QUERY_CANCELED => Error::Busy,
            SqlState::ADMIN_SHUTDOWN | SqlState::CRASH_SHUTDOWN | SqlState::CANNOT_CONNECT_NOW => {
                Error::Disconnected(db.message().to_owned())
            }
            SqlState::DISK_FULL => Error::Storage(super::super::Fault::Full),
            SqlState::UNDEFINED_TABLE | SqlState::UNDEFINED_COLUMN => Error::Damaged(format!(
                "the database lacks part of the schema: {}",
                db.message()
            )),
            _ => Error::Server(db.message().to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_renumbered_outside_quotes_only() {
        assert_eq!(
            dollar_parameters("SELECT '?1', \"?2\" FROM t WHERE a = ?1 AND b = ?12"),
            "SELECT '?1', \"?2\" FROM t WHERE a = $1 AND b = $12"
        );
    }

    #[test]
    fn the_shown_url_has_no_password() {
        let target = Target::parse(
            "postgresql://alice:hunter2@db.example/vault?password=hunter3&sslmode=verify-full",
        )
        .unwrap();
        assert_eq!(
            target.to_string(),
            "postgresql://alice:***@db.example/vault?sslmode=verify-full"
        );
        assert!(target.has_password());
        assert_eq!(target.ssl, SslMode::VerifyFull);
        assert!(target.url.ends_with("sslmode=require"));
    }

    #[test]
    fn spellings_of_one_place_are_shown_alike() {
        let shown = |url: &str| Target::parse(url).unwrap().shown().to_owned();
        let one = shown("postgresql://alice@db.example:5432/vault?sslmode=prefer");
        assert_eq!(
            one,
            shown("postgres://alice@db.example/vault?sslmode=prefer")
        );
        assert_eq!(
            shown("postgresql:///vault?host=/run/pg&user=alice"),
            "postgresql://alice@%2Frun%2Fpg/vault"
        );
    }

    #[test]
    fn an_unknown_sslmode_is_refused_without_echoing_the_url() {
        let err = Target::parse("postgresql://a:secret@h/db?sslmode=sometimes")
            .err()
            .unwrap();
        assert!(!err.to_string().contains("secret"));
    }
}
