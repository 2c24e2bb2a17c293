//! Files generated from the command-line definition: shell completion scripts and man pages.
//!
//! The committed copies under `completions/` and `man/` must equal what [`all`] returns; the
//! `assets` integration test checks this and rewrites them when asked. Generation is a library
//! function rather than a hidden subcommand because clap_complete lists hidden subcommands in
//! its scripts. Output depends only on the clap definition and the package version, never on
//! the date or the machine, so regenerating is reproducible.

use clap::CommandFactory;
use clap_complete::{Generator, Shell};

use crate::cli::{Cli, ENVIRONMENT_HELP, EXIT_STATUS_HELP};

/// The shells `completions/` holds a script for.
pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::Elvish,
    Shell::PowerShell,
];

/// The completion script for `shell`.
pub fn completion(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "sealbox", &mut out);
    out
}

/// Every generated file, as a path relative to the repository root and its contents.
pub fn all() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = SHELLS
        .iter()
        .map(|&shell| {
            (
                format!("completions/{}", shell.file_name("sealbox")),
                completion(shell),
            )
        })
        .collect();
    let mut cli = Cli::command();
    cli.build();
    let cli = hide_help_subcommands(cli);
    man_pages(&cli, &[], &mut files);
    files
}

/// clap's implicit `help` subcommand has no page of its own (`sealbox help CMD` shows what
/// `sealbox-CMD(1)` says), so the man pages do not list it: every page they name exists.
fn hide_help_subcommands(cmd: clap::Command) -> clap::Command {
    cmd.mut_subcommands(|sub| {
        if sub.get_name() == "help" {
            sub.hide(true)
        } else {
            hide_help_subcommands(sub)
        }
    })
}

/// The page of `cmd` and, recursively, of each visible subcommand (`sealbox-slot-list(1)` for
/// `sealbox slot list`), each pointing at its parents' pages and its subcommands' pages.
fn man_pages(cmd: &clap::Command, parents: &[String], files: &mut Vec<(String, Vec<u8>)>) {
    let name = match parents.last() {
        Some(parent) => format!("{parent}-{}", cmd.get_name()),
        None => cmd.get_name().to_owned(),
    };
    let subs: Vec<&clap::Command> = cmd.get_subcommands().filter(|s| !s.is_hide_set()).collect();
    let mut see_also = parents.to_vec();
    see_also.extend(subs.iter().map(|sub| format!("{name}-{}", sub.get_name())));
    files.push((format!("man/{name}.1"), man_page(cmd, &name, &see_also)));
    let mut lineage = parents.to_vec();
    lineage.push(name);
    for sub in subs {
        man_pages(sub, &lineage, files);
    }
}

/// The date in the pages' title lines. Fixed, so regenerating does not depend on the day; move
/// it forward when the pages change in substance.
const MAN_DATE: &str = "2026-11-23";

type Render = fn(&clap_mangen::Man, &mut dyn std::io::Write) -> std::io::Result<()>;

fn man_page(cmd: &clap::Command, name: &str, see_also: &[String]) -> Vec<u8> {
    let man = clap_mangen::Man::new(cmd.clone())
        .title(name.to_uppercase())
        .section("1")
        .date(MAN_DATE)
        .source(format!("sealbox {}", env!("CARGO_PKG_VERSION")))
        .manual("sealbox manual");
    let mut out = Vec::new();
    let sections: [Render; 4] = [
        clap_mangen::Man::render_title,
        clap_mangen::Man::render_name_section,
        clap_mangen::Man::render_synopsis_section,
        clap_mangen::Man::render_description_section,
    ];
    for render in sections {
        render(&man, &mut out).expect("rendering to memory cannot fail");
    }
    if cmd.get_arguments().any(|arg| !arg.is_hide_set()) {
        man.render_options_section(&mut out)
            .expect("rendering to memory cannot fail");
    }
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut out)
            .expect("rendering to memory cannot fail");
    }
    definition_list(&mut out, "EXIT STATUS", EXIT_STATUS_HELP);
    if name == "sealbox-run" {
        out.extend_from_slice(
            b".PP\nrun exits with the status of CMD, which it becomes; 126 when CMD cannot be \
              executed and 127 when it is not found.\n",
        );
    }
    definition_list(&mut out, "ENVIRONMENT", ENVIRONMENT_HELP);
    out.extend_from_slice(b".SH \"SEE ALSO\"\n");
    let refs: Vec<String> = see_also
        .iter()
        .map(|page| format!(".BR {} (1)", roff_text(page)))
        .collect();
    for (i, line) in refs.iter().enumerate() {
        out.extend_from_slice(line.as_bytes());
        out.extend_from_slice(if i + 1 < refs.len() { b" ,\n" } else { b"\n" });
    }
    // clap_mangen separates a list of possible values with `.br`, an empty line and `.br`,
    // which mandoc reports as misplaced paragraph macros; one `.sp` renders the same.
    String::from_utf8(out)
        .expect("man pages are UTF-8")
        .replace("\n.br\n\n.br\n", "\n.sp\n")
        .into_bytes()
}

/// A section listing `TERM  text` lines of a help table (its first line is a heading).
fn definition_list(out: &mut Vec<u8>, section: &str, table: &str) {
    out.extend_from_slice(format!(".SH \"{section}\"\n").as_bytes());
    for line in table.lines().skip(1) {
        let (term, text) = line
            .trim_start()
            .split_once("  ")
            .expect("help tables have two columns");
        out.extend_from_slice(
            format!(
                ".TP\n\\fB{}\\fR\n{}\n",
                roff_text(term),
                roff_text(text.trim())
            )
            .as_bytes(),
        );
    }
}

/// Escapes text for roff: backslashes and hyphens, and a leading control character.
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}
