//! The storage interface on a vault file's SQLite connection.
//!
//! Statements are prepared once per connection (rusqlite's statement cache); values are read
//! in place, without copying a row. An SQLite error is classified by `Error::from`, so a lock
//! held past the busy timeout is busy wherever it happens.

use std::ops::ControlFlow;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ToSql};

use super::{Db, Param, Row, Value};
use crate::vault::{Error, Result};

impl Db for Connection {
    fn execute(&self, sql: &str, params: &[&dyn Param]) -> Result<usize> {
        let mut stmt = self.prepare_cached(sql)?;
        Ok(stmt.execute(rusqlite::params_from_iter(params.iter().map(Bound)))?)
    }

    fn query(
        &self,
        sql: &str,
        params: &[&dyn Param],
        each: &mut dyn FnMut(&dyn Row) -> Result<ControlFlow<()>>,
    ) -> Result<()> {
        let mut stmt = self.prepare_cached(sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter().map(Bound)))?;
        while let Some(row) = rows.next()? {
            if each(row)?.is_break() {
                break;
            }
        }
        Ok(())
    }
}

impl Row for rusqlite::Row<'_> {
    fn value(&self, index: usize) -> Result<Value<'_>> {
        Ok(match self.get_ref(index)? {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(v) => Value::Int(v),
            ValueRef::Text(v) => Value::Text(
                std::str::from_utf8(v)
                    .map_err(|_| Error::Damaged(format!("column {index} is not UTF-8 text")))?,
            ),
            ValueRef::Blob(v) => Value::Blob(v),
            // STRICT tables hold no REAL; only an edited file has one.
            ValueRef::Real(_) => {
                return Err(Error::Damaged(format!(
                    "column {index} holds a floating-point number"
                )));
            }
        })
    }
}

/// A parameter as rusqlite binds it.
struct Bound<'p>(&'p &'p dyn Param);

impl ToSql for Bound<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self.0.value() {
            Value::Null => ValueRef::Null,
            Value::Int(v) => ValueRef::Integer(v),
            Value::Text(v) => ValueRef::Text(v.as_bytes()),
            Value::Blob(v) => ValueRef::Blob(v),
        }))
    }
}
