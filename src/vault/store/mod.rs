//! The storage interface the row modules are written against: parameterised SQL on one open
//! transaction, with values of four kinds (integer, text, blob, null), and one implementation
//! per backend (`sqlite` for the vault file, `postgres` for a team vault).
//!
//! Invariants: the SQL the row modules write is the common dialect of SQLite and PostgreSQL
//! (`?N` parameters, `ON CONFLICT`, `RETURNING`, no `INSERT OR`), and every column they read is
//! one of the four kinds; a cell of another kind, or a value out of range, can only come from an
//! edited database and is [`Error::Damaged`], never a panic. A backend only moves values: it
//! never interprets them, so everything the vault authenticates is checked above it, the same
//! way for both.

pub(super) mod postgres;
pub(super) mod sqlite;

use std::ops::ControlFlow;

use super::{Error, Result};

/// One value as a backend hands it over or takes it.
#[derive(Clone, Copy)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Text(&'a str),
    Blob(&'a [u8]),
}

impl Value<'_> {
    fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Int(_) => "an integer",
            Value::Text(_) => "text",
            Value::Blob(_) => "a blob",
        }
    }
}

/// A value read out of a row and kept, for copying rows as they are.
pub enum Owned {
    Null,
    Int(i64),
    Text(String),
    Blob(Vec<u8>),
}

impl Owned {
    pub fn of(value: Value<'_>) -> Self {
        match value {
            Value::Null => Owned::Null,
            Value::Int(v) => Owned::Int(v),
            Value::Text(v) => Owned::Text(v.to_owned()),
            Value::Blob(v) => Owned::Blob(v.to_vec()),
        }
    }
}

impl Param for Owned {
    fn value(&self) -> Value<'_> {
        match self {
            Owned::Null => Value::Null,
            Owned::Int(v) => Value::Int(*v),
            Owned::Text(v) => Value::Text(v),
            Owned::Blob(v) => Value::Blob(v),
        }
    }
}

/// A statement parameter.
pub trait Param {
    fn value(&self) -> Value<'_>;
}

impl Param for i64 {
    fn value(&self) -> Value<'_> {
        Value::Int(*self)
    }
}

impl Param for u32 {
    fn value(&self) -> Value<'_> {
        Value::Int(i64::from(*self))
    }
}

impl Param for bool {
    fn value(&self) -> Value<'_> {
        Value::Int(i64::from(*self))
    }
}

impl Param for str {
    fn value(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl Param for String {
    fn value(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl Param for [u8] {
    fn value(&self) -> Value<'_> {
        Value::Blob(self)
    }
}

impl Param for Vec<u8> {
    fn value(&self) -> Value<'_> {
        Value::Blob(self)
    }
}

impl<const N: usize> Param for [u8; N] {
    fn value(&self) -> Value<'_> {
        Value::Blob(self)
    }
}

impl<T: Param> Param for Option<T> {
    fn value(&self) -> Value<'_> {
        self.as_ref().map_or(Value::Null, Param::value)
    }
}

impl<T: Param + ?Sized> Param for &T {
    fn value(&self) -> Value<'_> {
        (**self).value()
    }
}

/// The parameters of one statement: `params![a, b]` for `?1 = a, ?2 = b`.
macro_rules! params {
    () => {
        &[] as &[&dyn $crate::vault::store::Param]
    };
    ($($param:expr),+ $(,)?) => {
        &[$(&$param as &dyn $crate::vault::store::Param),+] as &[&dyn $crate::vault::store::Param]
    };
}
pub(crate) use params;

/// A value read out of a row.
pub trait FromValue: Sized {
    const KIND: &'static str;
    fn from_value(value: Value<'_>) -> Option<Self>;
}

impl FromValue for i64 {
    const KIND: &'static str = "an integer";
    fn from_value(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Int(v) => Some(v),
            _ => None,
        }
    }
}

impl FromValue for u32 {
    const KIND: &'static str = "an integer from 0 to 4294967295";
    fn from_value(value: Value<'_>) -> Option<Self> {
        i64::from_value(value).and_then(|v| u32::try_from(v).ok())
    }
}

impl FromValue for bool {
    const KIND: &'static str = "0 or 1";
    fn from_value(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Int(0) => Some(false),
            Value::Int(1) => Some(true),
            _ => None,
        }
    }
}

impl FromValue for String {
    const KIND: &'static str = "text";
    fn from_value(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Text(v) => Some(v.to_owned()),
            _ => None,
        }
    }
}

impl FromValue for Vec<u8> {
    const KIND: &'static str = "a blob";
    fn from_value(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Blob(v) => Some(v.to_vec()),
            _ => None,
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    const KIND: &'static str = T::KIND;
    fn from_value(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Null => Some(None),
            value => T::from_value(value).map(Some),
        }
    }
}

/// One row of a result, as a backend holds it.
pub trait Row {
    /// The value of column `index`; an index beyond the row is a bug, reported as damage.
    fn value(&self, index: usize) -> Result<Value<'_>>;
}

impl dyn Row + '_ {
    /// Column `index` as a `T`; a cell of another kind is [`Error::Damaged`].
    pub fn get<T: FromValue>(&self, index: usize) -> Result<T> {
        let value = self.value(index)?;
        T::from_value(value).ok_or_else(|| {
            Error::Damaged(format!(
                "column {index} of a row holds {}, where {} belongs",
                value.kind(),
                T::KIND
            ))
        })
    }
}

/// A connection inside a transaction the vault layer opened: the one storage interface.
pub trait Db {
    /// Runs one statement; how many rows it changed.
    fn execute(&self, sql: &str, params: &[&dyn Param]) -> Result<usize>;

    /// Runs one query and calls `each` with its rows, in order, one at a time, until it
    /// returns [`ControlFlow::Break`].
    fn query(
        &self,
        sql: &str,
        params: &[&dyn Param],
        each: &mut dyn FnMut(&dyn Row) -> Result<ControlFlow<()>>,
    ) -> Result<()>;
}

impl dyn Db + '_ {
    /// The first row of a query, if it has one.
    pub fn query_opt<T>(
        &self,
        sql: &str,
        params: &[&dyn Param],
        f: impl FnOnce(&dyn Row) -> Result<T>,
    ) -> Result<Option<T>> {
        let mut f = Some(f);
        let mut found = None;
        self.query(sql, params, &mut |row| {
            if let Some(f) = f.take() {
                found = Some(f(row)?);
            }
            Ok(ControlFlow::Break(()))
        })?;
        Ok(found)
    }

    /// The first row of a query that always has one (an aggregate, or the vault row): a
    /// missing row is damage.
    pub fn query_one<T>(
        &self,
        sql: &str,
        params: &[&dyn Param],
        f: impl FnOnce(&dyn Row) -> Result<T>,
    ) -> Result<T> {
        self.query_opt(sql, params, f)?
            .ok_or_else(|| Error::Damaged("a row the vault needs is missing".into()))
    }

    /// Calls `f` with every row of a query, streaming.
    pub fn query_each(
        &self,
        sql: &str,
        params: &[&dyn Param],
        mut f: impl FnMut(&dyn Row) -> Result<()>,
    ) -> Result<()> {
        self.query(sql, params, &mut |row| {
            f(row)?;
            Ok(ControlFlow::Continue(()))
        })
    }

    /// Every row of a query, mapped.
    pub fn query_all<T>(
        &self,
        sql: &str,
        params: &[&dyn Param],
        mut f: impl FnMut(&dyn Row) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut all = Vec::new();
        self.query(sql, params, &mut |row| {
            all.push(f(row)?);
            Ok(ControlFlow::Continue(()))
        })?;
        Ok(all)
    }
}
