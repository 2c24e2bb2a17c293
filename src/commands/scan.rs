//! `sealbox scan PATH... [--staged]`: report where stored values (in any printed form) appear
//! in files, never the values: `path:line:column NAME encoding` per match, exit 10 if any.
//!
//! Directories are walked with ripgrep's `ignore` rules (`.gitignore`, `.ignore`, git's
//! excludes), hidden files included (a `.env` is the first place to look) and `.git` left out.
//! Binary files are scanned like any other. `--staged` scans what `git commit` would commit:
//! the index's content of each added, copied, modified or renamed file, for a pre-commit hook.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::Serialize;

use super::Context;
use super::redact::Targets;
use crate::error::{CommandError, Exit};
use crate::matcher::Hit;
use crate::output::sanitize;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files and directories to scan [default: .]; with --staged, limits the staged files to
    /// these paths
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Scan the git index (what the next commit would hold) instead of the work tree
    #[arg(long)]
    pub staged: bool,
    #[command(flatten)]
    pub targets: Targets,
}

/// One match in `scan --json`; the field names are a stable interface.
#[derive(Serialize)]
struct Finding {
    path: String,
    line: u64,
    column: u64,
    name: String,
    encoding: &'static str,
}

pub fn run(ctx: &Context, mut args: Args) -> anyhow::Result<Exit> {
    if args.paths.is_empty() {
        args.paths.push(PathBuf::from("."));
    }
    let Some(matcher) = args.targets.matcher(ctx)? else {
        ctx.out.info("no stored value to look for");
        return report(ctx, Vec::new(), 0);
    };
    let mut findings = Vec::new();
    let mut files = 0;
    let mut on_file = |path: &str, input: &mut dyn std::io::Read| -> anyhow::Result<()> {
        files += 1;
        // A file can be named after a value (a cache keyed by a token): its name is shown
        // redacted, like anything else sealbox prints about a match.
        let path = matcher.redact_text(path);
        crate::matcher::scan(&matcher, input, |hit: Hit| {
            findings.push(Finding {
                path: path.clone(),
                line: hit.line,
                column: hit.column,
                name: hit.name.to_owned(),
                encoding: hit.encoding,
            });
            Ok(())
        })
        .map_err(|err| anyhow::anyhow!("cannot read {path}: {err}"))?;
        Ok(())
    };
    let mut unreadable = Vec::new();
    if args.staged {
        scan_index(&args.paths, &mut on_file)?;
    } else {
        for root in &args.paths {
            scan_tree(root, &mut on_file, &mut unreadable)?;
        }
    }
    for why in unreadable.iter().take(10) {
        ctx.out.warn(matcher.redact_text(why));
    }
    drop(matcher);
    if !unreadable.is_empty() && findings.is_empty() {
        // A hook must not pass what it could not read.
        report(ctx, findings, files)?;
        return Err(CommandError::new(
            Exit::Failure,
            format!(
                "{} file{} could not be read, so they may hold a stored value",
                unreadable.len(),
                crate::output::plural(unreadable.len())
            ),
        )
        .hint("fix their permissions, or leave them out of the paths scanned")
        .into());
    }
    report(ctx, findings, files)
}

/// Walks `root` (a file or a directory) with the `ignore` rules; what cannot be read is noted
/// in `unreadable` and the walk goes on. Symbolic links are not followed, and anything that is
/// not a regular file (a FIFO, a device) is left alone.
fn scan_tree(
    root: &Path,
    on_file: &mut dyn FnMut(&str, &mut dyn std::io::Read) -> anyhow::Result<()>,
    unreadable: &mut Vec<String>,
) -> anyhow::Result<()> {
    if std::fs::symlink_metadata(root).is_err() {
        return Err(
            CommandError::not_found(format!("no file or directory {}", root.display())).into(),
        );
    }
    // A root named on the command line that is not a directory is read as it is, whatever
    // it is: `scan <(cmd)` and `scan /dev/stdin` read a pipe.
    if !std::fs::metadata(root).is_ok_and(|m| m.is_dir()) {
        let shown = root.display().to_string();
        let scanned = std::fs::File::open(root)
            .map_err(|err| anyhow::anyhow!("cannot read {shown}: {err}"))
            .and_then(|mut file| on_file(&shown, &mut file));
        if let Err(err) = scanned {
            unreadable.push(format!("{err:#}"));
        }
        return Ok(());
    }
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .filter_entry(|entry| entry.file_name() != ".git")
        .build();
    let mut seen = std::collections::HashSet::new();
    let mut scan_file = |path: &Path, unreadable: &mut Vec<String>| {
        let shown = path.display().to_string();
        let scanned = std::fs::File::open(path)
            .map_err(|err| anyhow::anyhow!("cannot read {shown}: {err}"))
            .and_then(|mut file| on_file(&shown, &mut file));
        if let Err(err) = scanned {
            unreadable.push(format!("{err:#}"));
        }
    };
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                unreadable.push(format!("cannot read: {err}"));
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        scan_file(entry.path(), unreadable);
        seen.insert(entry.path().to_path_buf());
    }
    // A file git tracks is in the repository whatever .gitignore says (`git add -f .env`):
    // those the walk left out are scanned too. Outside a work tree git lists nothing.
    let tracked = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["ls-files", "-z", "--cached", "--"])
        .stderr(Stdio::null())
        .output();
    if let Some(out) = tracked.ok().filter(|out| out.status.success()) {
        for name in out.stdout.split(|&b| b == 0).filter(|n| !n.is_empty()) {
            use std::os::unix::ffi::OsStrExt;
            let path = root.join(std::ffi::OsStr::from_bytes(name));
            let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
            if regular && !seen.contains(&path) {
                scan_file(&path, unreadable);
            }
        }
    }
    Ok(())
}

/// Scans the index's content of every staged file (added, copied, modified, renamed).
fn scan_index(
    paths: &[PathBuf],
    on_file: &mut dyn FnMut(&str, &mut dyn std::io::Read) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let git = |args: &[&str]| {
        let mut command = Command::new("git");
        command.args(args);
        command
    };
    // Raw records give each staged blob's object id, so the content read is the index's
    // whatever the file is called (a name such as `0:x` would be a stage spec to `git show`),
    // and its mode, so submodules (gitlinks, which have no content here) are left out. T
    // (a symlink that became a file, or back) counts as changed.
    let mut list = git(&[
        "diff",
        "--cached",
        "--raw",
        "--no-abbrev",
        "-z",
        "--diff-filter=ACMRT",
        "--",
    ]);
    list.args(paths);
    let out = list
        .output()
        .map_err(|err| anyhow::anyhow!("cannot run git: {err}"))?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr);
        let first = said.lines().next().unwrap_or("").trim();
        return Err(CommandError::usage(format!(
            "--staged needs a git repository: git said: {first}"
        ))
        .into());
    }
    let mut fields = out.stdout.split(|&b| b == 0).filter(|f| !f.is_empty());
    while let Some(header) = fields.next() {
        let header = String::from_utf8_lossy(header);
        let parts: Vec<&str> = header.trim_start_matches(':').split(' ').collect();
        let [_, mode, _, object, status] = parts[..] else {
            return Err(anyhow::anyhow!(
                "git printed a record sealbox cannot read: {header}"
            ));
        };
        // A rename or copy names the old path first; the new one holds the content.
        if status.starts_with('R') || status.starts_with('C') {
            fields.next();
        }
        let Some(name) = fields.next() else {
            return Err(anyhow::anyhow!(
                "git printed a record without a path: {header}"
            ));
        };
        if mode == "160000" {
            continue;
        }
        let name = String::from_utf8_lossy(name).into_owned();
        let mut show = git(&["cat-file", "blob", object])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|err| anyhow::anyhow!("cannot run git: {err}"))?;
        let mut blob = show.stdout.take().expect("piped");
        on_file(&name, &mut blob)?;
        drop(blob);
        if !show.wait()?.success() {
            return Err(anyhow::anyhow!("git cannot read the staged {name}"));
        }
    }
    Ok(())
}

/// Prints the findings (never a value) and says how it went; exit 10 when there are any.
fn report(ctx: &Context, findings: Vec<Finding>, files: usize) -> anyhow::Result<Exit> {
    if ctx.out.json {
        ctx.out.print_json(&findings)?;
    } else {
        let mut out = std::io::stdout().lock();
        for f in &findings {
            writeln!(
                out,
                "{}:{}:{} {} {}",
                sanitize(&f.path),
                f.line,
                f.column,
                f.name,
                f.encoding
            )?;
        }
        out.flush()?;
    }
    if findings.is_empty() {
        ctx.out.info(format_args!(
            "no stored value found in {files} file{}",
            crate::output::plural(files)
        ));
        return Ok(Exit::Success);
    }
    let mut in_files: Vec<&str> = findings.iter().map(|f| f.path.as_str()).collect();
    in_files.dedup();
    ctx.out.info(format_args!(
        "found {} stored value{} in {} file{}; remove them, and rotate any that were committed or shared",
        findings.len(),
        crate::output::plural(findings.len()),
        in_files.len(),
        crate::output::plural(in_files.len())
    ));
    Ok(Exit::Findings)
}
