//! `sealbox scope add|list|show|edit|remove`: named sets of secrets that scoped credentials
//! (`slot add --scope`) and `run --scope` are limited to.
//!
//! A scope lists names and prefixes; a secret set later under one of its prefixes joins it.
//! Listing and showing need no credential (names are stored in clear) and say what the file
//! says; adding, editing and removing need a full credential, since they wrap or withdraw the
//! keys of the scope's secrets. Taking a secret out of a scope that a slot opens flags it for
//! rotation (`sealbox check`): the slot's holder may have kept it.

use serde::Serialize;

use super::{Context, check_display_name, check_name, comma_list};
use crate::error::CommandError;
use crate::output::{column_width, pad, sanitize};
use crate::time::rfc3339;
use crate::vault::{Definition, Membership, ScopeRow, Tx};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: ScopeCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum ScopeCommand {
    /// Create a scope from names and prefixes (needs a full credential)
    Add(AddArgs),
    /// List the scopes: name, definition, secrets and slots (no credential needed)
    List,
    /// Show one scope: its names, prefixes, the secrets it holds and the slots that open it
    Show(NameArg),
    /// Add or take out names and prefixes (needs a full credential)
    ///
    /// A secret taken out while a slot opens the scope is flagged for rotation: 'sealbox
    /// check' lists it until it is set anew.
    Edit(EditArgs),
    /// Delete a scope that no slot opens any more (needs a full credential)
    Remove(NameArg),
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Name of the scope (1 to 64 printable characters)
    pub name: String,
    /// Secrets in the scope (comma-separated)
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub only: Vec<String>,
    /// Every secret whose name starts with P, including those set later (repeatable)
    #[arg(long, value_name = "P")]
    pub prefix: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// Name of the scope
    pub name: String,
    /// Names to add (comma-separated)
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub add: Vec<String>,
    /// Names to take out (comma-separated)
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub remove: Vec<String>,
    /// A prefix to add (repeatable)
    #[arg(long, value_name = "P")]
    pub add_prefix: Vec<String>,
    /// A prefix to take out (repeatable)
    #[arg(long, value_name = "P")]
    pub remove_prefix: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct NameArg {
    /// Name of the scope
    pub name: String,
}

/// The action `args` is recorded as in the audit log.
pub fn action(args: &Args) -> &'static str {
    match args.command {
        ScopeCommand::Add(_) => "scope add",
        ScopeCommand::List => "scope list",
        ScopeCommand::Show(_) => "scope show",
        ScopeCommand::Edit(_) => "scope edit",
        ScopeCommand::Remove(_) => "scope remove",
    }
}

/// One scope in `scope list --json` and `scope show --json`; the field names are a stable
/// interface.
#[derive(Serialize)]
struct Entry {
    name: String,
    names: Vec<String>,
    prefixes: Vec<String>,
    /// The stored secrets the definition lists.
    secrets: Vec<String>,
    /// The labels of the slots that open the scope.
    slots: Vec<String>,
    created_at: String,
    updated_at: String,
}

/// What `scope add` and `scope edit` print with `--json`.
#[derive(Serialize)]
struct Changed<'a> {
    scope: &'a str,
    added: &'a [String],
    removed: &'a [String],
    secrets: usize,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    match args.command {
        ScopeCommand::Add(args) => add(ctx, args),
        ScopeCommand::List => list(ctx),
        ScopeCommand::Show(args) => show(ctx, &args.name),
        ScopeCommand::Edit(args) => edit(ctx, args),
        ScopeCommand::Remove(args) => remove(ctx, &args.name),
    }
}

/// Names are checked as secret names; a prefix as the start of one (so "" is refused: a scope
/// of everything is a full credential).
fn checked(
    names: &[String],
    prefixes: &[String],
) -> Result<(Vec<String>, Vec<String>), CommandError> {
    let names = comma_list(names);
    for name in &names {
        check_name(name)?;
    }
    for prefix in prefixes {
        if !crate::name::is_valid(prefix) {
            return Err(CommandError::usage(format!(
                "the prefix {:?} cannot start a secret name ({})",
                sanitize(prefix),
                crate::name::RULE
            )));
        }
    }
    Ok((names, prefixes.to_vec()))
}

fn add(ctx: &Context, args: AddArgs) -> anyhow::Result<()> {
    check_display_name("scope name", &args.name)?;
    let (names, prefixes) = checked(&args.only, &args.prefix)?;
    if names.is_empty() && prefixes.is_empty() {
        return Err(
            CommandError::usage("a scope needs at least one name (--only) or --prefix").into(),
        );
    }
    let (vault, mut keys) = ctx.open_unlocked()?;
    let definition = Definition::new(names, prefixes);
    let membership = vault.write_unlocked(&mut keys, |s| s.add_scope(&args.name, definition))?;
    report(ctx, &args.name, &membership, "added scope")
}

fn edit(ctx: &Context, args: EditArgs) -> anyhow::Result<()> {
    let (add, add_prefix) = checked(&args.add, &args.add_prefix)?;
    let (remove, remove_prefix) = checked(&args.remove, &args.remove_prefix)?;
    if add.is_empty() && add_prefix.is_empty() && remove.is_empty() && remove_prefix.is_empty() {
        return Err(CommandError::usage(
            "nothing to change: give --add, --remove, --add-prefix or --remove-prefix",
        )
        .into());
    }
    let (vault, mut keys) = ctx.open_unlocked()?;
    let membership = vault.write_unlocked(&mut keys, |s| {
        let row = s
            .scope(&args.name)?
            .ok_or_else(|| crate::vault::Error::NoSuchScope(args.name.clone()))?;
        let mut names = row.definition.names.clone();
        names.retain(|n| !remove.contains(n));
        names.extend(add.iter().cloned());
        let mut prefixes = row.definition.prefixes.clone();
        prefixes.retain(|p| !remove_prefix.contains(p));
        prefixes.extend(add_prefix.iter().cloned());
        s.edit_scope(&args.name, Definition::new(names, prefixes))
    })?;
    report(ctx, &args.name, &membership, "changed scope")
}

fn report(ctx: &Context, name: &str, membership: &Membership, done: &str) -> anyhow::Result<()> {
    if ctx.out.json {
        ctx.out.print_json(&Changed {
            scope: name,
            added: &membership.added,
            removed: &membership.removed,
            secrets: membership.members,
        })?;
    }
    let list = |names: &[String]| {
        names
            .iter()
            .map(|n| sanitize(n).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut message = format!(
        "{done} {name:?}: it holds {} secret{}",
        membership.members,
        crate::output::plural(membership.members)
    );
    if !membership.added.is_empty() {
        message.push_str(&format!("; shared {}", list(&membership.added)));
    }
    if !membership.removed.is_empty() {
        message.push_str(&format!(
            "; withdrew {} ('sealbox check' lists any a slot of the scope could read, to set anew)",
            list(&membership.removed)
        ));
    }
    ctx.out.info(message);
    Ok(())
}

fn remove(ctx: &Context, name: &str) -> anyhow::Result<()> {
    let (vault, mut keys) = ctx.open_unlocked()?;
    vault.write_unlocked(&mut keys, |s| s.remove_scope(name))?;
    if ctx.out.json {
        ctx.out
            .print_json(&serde_json::json!({ "removed": name }))?;
    }
    ctx.out.info(format_args!("removed scope {name:?}"));
    Ok(())
}

fn entry(tx: &Tx, row: ScopeRow, heads: &[String]) -> anyhow::Result<Entry> {
    Ok(Entry {
        secrets: heads
            .iter()
            .filter(|name| row.definition.matches(name))
            .cloned()
            .collect(),
        slots: tx.scope_slot_labels(row.id)?,
        created_at: rfc3339(row.created_at),
        updated_at: rfc3339(row.updated_at),
        name: row.name,
        names: row.definition.names,
        prefixes: row.definition.prefixes,
    })
}

fn entries(ctx: &Context, only: Option<&str>) -> anyhow::Result<Vec<Entry>> {
    let vault = ctx.open()?;
    vault.read(|tx| -> anyhow::Result<_> {
        let heads: Vec<String> = tx.list("")?.into_iter().map(|m| m.name).collect();
        let rows = match only {
            Some(name) => vec![
                tx.scope(name)?
                    .ok_or_else(|| crate::vault::Error::NoSuchScope(name.into()))?,
            ],
            None => tx.scopes()?,
        };
        rows.into_iter().map(|row| entry(tx, row, &heads)).collect()
    })
}

fn list(ctx: &Context) -> anyhow::Result<()> {
    let entries = entries(ctx, None)?;
    if ctx.out.json {
        return Ok(ctx.out.print_json(&entries)?);
    }
    let names: Vec<_> = entries.iter().map(|e| sanitize(&e.name)).collect();
    let width = column_width("SCOPE", names.iter().map(|n| n.as_ref()));
    let mut text = format!("{}  SECRETS  SLOTS  DEFINITION\n", pad("SCOPE", width));
    for (entry, name) in entries.iter().zip(&names) {
        text.push_str(&format!(
            "{}  {:7}  {:5}  {}\n",
            pad(name, width),
            entry.secrets.len(),
            entry.slots.len(),
            definition_text(&entry.names, &entry.prefixes)
        ));
    }
    crate::output::print_text(&text)?;
    Ok(())
}

fn definition_text(names: &[String], prefixes: &[String]) -> String {
    names
        .iter()
        .map(|n| sanitize(n).into_owned())
        .chain(prefixes.iter().map(|p| format!("{}*", sanitize(p))))
        .collect::<Vec<_>>()
        .join(", ")
}

fn show(ctx: &Context, name: &str) -> anyhow::Result<()> {
    let entry = entries(ctx, Some(name))?.pop().expect("one scope");
    if ctx.out.json {
        return Ok(ctx.out.print_json(&entry)?);
    }
    let join = |items: &[String]| {
        if items.is_empty() {
            "-".to_owned()
        } else {
            items
                .iter()
                .map(|i| sanitize(i).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let text = format!(
        "scope     {}\nnames     {}\nprefixes  {}\nsecrets   {}\nslots     {}\ncreated   {}\nupdated   {}\n",
        sanitize(&entry.name),
        join(&entry.names),
        join(&entry.prefixes),
        join(&entry.secrets),
        join(&entry.slots),
        entry.created_at,
        entry.updated_at
    );
    crate::output::print_text(&text)?;
    Ok(())
}
