//! Files generated from the command-line definition: shell completion scripts and man pages.
//!
//! The committed copies under `completions/` and `man/` must equal what [`all`] returns; the
//! `assets` integration test checks this and rewrites them when asked. Generation is a library
//! function rather than a hidden subcommand because clap_complete lists hidden subcommands in
//! its scripts. Output depends only on the clap definition and the package version, never on
//! the date or the machine, so regenerating is reproducible.
//!
//! clap_complete's scripts are static and cannot know the secrets in a vault, so the bash, zsh
//! and fish scripts are extended here to complete secret names: the NAME arguments (a
//! positional `name` or `names` of a subcommand) and the comma-separated `--only` and
//! `--require` lists complete from `sealbox list --names-only`, which needs no credential (names
//! are in clear) and honours a `--vault` on the line being completed. Which arguments take
//! names is read from the clap definition, so a new subcommand with a NAME argument completes
//! names too. (clap_complete's dynamic completion would do this, but it is unstable and needs
//! crates outside the lock file.)

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
    let mut cmd = Cli::command();
    if shell == Shell::Zsh {
        cmd = mark_name_args(cmd);
    }
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "sealbox", &mut out);
    let script = String::from_utf8(out).expect("completion scripts are UTF-8");
    match shell {
        Shell::Bash => bash_names(script),
        Shell::Zsh => zsh_names(script),
        Shell::Fish => fish_names(script),
        _ => script,
    }
    .into_bytes()
}

/// How an argument's values complete from the stored secret names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Names {
    /// A positional NAME argument (one name, or several for `names`).
    Positional,
    /// A comma-separated list option: `--only`, `--require`.
    List,
}

/// Whether `arg` takes secret names: by field name, so that every subcommand's NAME argument
/// (and every `--only` list) is found without a list to keep up to date.
fn takes_names(arg: &clap::Arg) -> Option<Names> {
    match (arg.get_id().as_str(), arg.is_positional()) {
        ("name" | "names" | "old", true) => Some(Names::Positional),
        ("only" | "require", false) => Some(Names::List),
        _ => None,
    }
}

/// The command definition with propagated global options, as the scripts see it.
fn built() -> clap::Command {
    let mut cmd = Cli::command();
    cmd.build();
    cmd
}

/// A subcommand's name followed by its visible aliases.
fn names_of(sub: &clap::Command) -> Vec<String> {
    sub.get_name_and_visible_aliases()
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// Placeholder possible values that mark name arguments in the zsh script for [`zsh_names`].
const ZSH_ONE: &str = "__sealbox_secret_name__";
const ZSH_LIST: &str = "__sealbox_secret_name_list__";

/// `cmd` with every name argument given a single placeholder possible value, so that zsh's
/// generator writes a recognisable action (`(__sealbox_secret_name__)`) for [`zsh_names`] to
/// replace with a function: zsh's `_arguments` then decides, as for any other argument, when
/// a name is due.
fn mark_name_args(mut cmd: clap::Command) -> clap::Command {
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .collect();
    // mut_subcommand moves the subcommand to the end, so every one is visited in order to keep
    // the script's order (and so its diff) as clap_complete writes it.
    for name in subcommands {
        cmd = cmd.mut_subcommand(name, |mut sub| {
            let marks: Vec<(String, Names)> = sub
                .get_arguments()
                .filter_map(|arg| takes_names(arg).map(|kind| (arg.get_id().to_string(), kind)))
                .collect();
            for (arg, kind) in marks {
                let mark = match kind {
                    Names::Positional => ZSH_ONE,
                    Names::List => ZSH_LIST,
                };
                sub = sub.mut_arg(arg, |arg| arg.value_parser([mark]));
            }
            sub
        });
    }
    cmd
}

fn replace_exactly(script: String, from: &str, to: &str, times: usize) -> String {
    assert_eq!(
        script.matches(from).count(),
        times,
        "clap_complete's output changed: expected {from:?} {times} times"
    );
    script.replace(from, to)
}

/// bash: clap's `_sealbox` runs first; `_sealbox_with_names` then replaces its answer where the
/// word being completed is a secret name. bash gives no parsed context, so the words are walked
/// here with tables generated from the clap definition (which options take a value, where each
/// subcommand's NAME argument is, which options take name lists).
fn bash_names(script: String) -> String {
    let cmd = built();
    let mut takes_value = Vec::new();
    let mut positions = Vec::new();
    let mut lists = Vec::new();
    let value_options = |sub: &str, cmd: &clap::Command, out: &mut Vec<String>| {
        for arg in cmd.get_arguments().filter(|a| !a.is_positional()) {
            let takes = arg
                .get_num_args()
                .is_some_and(|n| n.takes_values() && n.min_values() > 0);
            if !takes {
                continue;
            }
            let shorts = arg.get_short().map(|c| format!("-{c}"));
            let longs = arg.get_long().map(|l| format!("--{l}"));
            for option in shorts.into_iter().chain(longs) {
                out.push(format!("\"{sub} {option}\""));
            }
        }
    };
    value_options("", &cmd, &mut takes_value);
    for sub in cmd.get_subcommands() {
        for name in names_of(sub) {
            value_options(&name, sub, &mut takes_value);
            for arg in sub.get_arguments() {
                match takes_names(arg) {
                    Some(Names::Positional) => {
                        let index = sub
                            .get_positionals()
                            .position(|p| p.get_id() == arg.get_id())
                            .expect("a positional argument");
                        let many = arg.get_num_args().is_some_and(|n| n.max_values() > 1);
                        let test = if many { ">=" } else { "==" };
                        positions.push(format!("{name}) (($2 {test} {index})); return ;;"));
                    }
                    Some(Names::List) => {
                        let long = arg.get_long().expect("a list option has a long name");
                        lists.push(format!("\"{name} --{long}\""));
                    }
                    None => {}
                }
            }
        }
    }
    let glue = BASH_NAMES
        .replace("@TAKES_VALUE@", &takes_value.join("|"))
        .replace("@POSITIONS@", &positions.join("\n        "))
        .replace("@LISTS@", &lists.join("|"));
    let script = replace_exactly(
        script,
        "complete -F _sealbox ",
        "complete -F _sealbox_with_names ",
        2,
    );
    let register = script
        .find("\nif [[ \"${BASH_VERSINFO[0]}\" -eq 4")
        .expect("clap_complete registers the function at the end");
    format!("{}\n{glue}{}", &script[..register], &script[register..])
}

const BASH_NAMES: &str = r#"# Secret names (added by sealbox to clap_complete's script): NAME arguments and the --only
# and --require lists complete from 'sealbox list --names-only', which needs no credential.
_sealbox_takes_value() {
    case "$1 $2" in
        @TAKES_VALUE@) return 0 ;;
    esac
    return 1
}

_sealbox_name_at() {
    case "$1" in
        @POSITIONS@
    esac
    return 1
}

_sealbox_name_list() {
    case "$1 $2" in
        @LISTS@) return 0 ;;
    esac
    return 1
}

# Prints the stored names starting with $1, from the vault a --vault on the line names.
_sealbox_secret_names() {
    local vault=() i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${COMP_WORDS[i]}" in
            --vault)
                if [[ "${COMP_WORDS[i+1]}" == "=" ]]; then
                    vault=(--vault "${COMP_WORDS[i+2]}")
                else
                    vault=(--vault "${COMP_WORDS[i+1]}")
                fi
                ;;
            --vault=*) vault=("${COMP_WORDS[i]}") ;;
        esac
    done
    command sealbox "${vault[@]}" list --names-only --prefix "$1" 2>/dev/null
}

# Sets COMPREPLY to the names starting with the last item of the list $1, each after the
# items before it.
_sealbox_complete_names() {
    local head="" name
    [[ "$1" == *,* ]] && head="${1%,*},"
    COMPREPLY=()
    while IFS= read -r name; do
        COMPREPLY+=("$head$name")
    done < <(_sealbox_secret_names "${1##*,}")
    # No file names where a secret name goes.
    compopt +o default +o bashdefault 2>/dev/null
    return 0
}

_sealbox_with_names() {
    _sealbox "$@"
    local cur="${COMP_WORDS[COMP_CWORD]}" sub="" opt="" word i expect="" position=0 only_args=""
    # bash splits '--only=A' into '--only', '=', 'A'.
    [[ "$cur" == "=" ]] && cur=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${COMP_WORDS[i]}"
        if [[ -n "$expect" ]]; then
            [[ "$word" == "=" ]] || expect=""
            continue
        fi
        if [[ -n "$only_args" || "$word" != -* ]]; then
            if [[ "$word" == "=" ]]; then
                expect=1
            elif [[ -z "$sub" ]]; then
                sub="$word"
            else
                position=$((position + 1))
            fi
            continue
        fi
        case "$word" in
            --) only_args=1 ;;
            --*=*) ;;
            *)
                opt="$word"
                _sealbox_takes_value "$sub" "$word" && expect=1
                ;;
        esac
    done
    [[ -z "$sub" ]] && return 0
    if [[ -n "$expect" ]]; then
        _sealbox_name_list "$sub" "$opt" && _sealbox_complete_names "$cur"
        return 0
    fi
    if [[ -z "$only_args" && "$cur" == --*=* ]]; then
        # A word bash did not split at '=' (COMP_WORDBREAKS without it).
        opt="${cur%%=*}"
        if _sealbox_name_list "$sub" "$opt"; then
            _sealbox_complete_names "${cur#*=}"
            COMPREPLY=("${COMPREPLY[@]/#/$opt=}")
        fi
        return 0
    fi
    [[ -z "$only_args" && "$cur" == -* ]] && return 0
    _sealbox_name_at "$sub" "$position" && _sealbox_complete_names "$cur"
    return 0
}
"#;

/// zsh: [`mark_name_args`] left placeholder actions on the name arguments; they become calls
/// to two functions defined before the script registers itself.
fn zsh_names(script: String) -> String {
    let one = format!("({ZSH_ONE})");
    let list = format!("({ZSH_LIST})");
    let ones = script.matches(&one).count();
    let lists = script.matches(&list).count();
    assert!(ones > 0 && lists > 0, "clap_complete's zsh output changed");
    let script = replace_exactly(script, &one, "_sealbox_secret_names", ones);
    let script = replace_exactly(script, &list, "_sealbox_secret_name_list", lists);
    let register = script
        .find("\nif [ \"$funcstack[1]\" = \"_sealbox\" ]; then")
        .expect("clap_complete registers the function at the end");
    format!(
        "{}\n{ZSH_NAMES}{}",
        &script[..register],
        &script[register..]
    )
}

const ZSH_NAMES: &str = r#"# Secret names (added by sealbox to clap_complete's script): NAME arguments and the --only
# and --require lists complete from 'sealbox list --names-only', which needs no credential.
(( $+functions[_sealbox_secret_names] )) ||
_sealbox_secret_names() {
    local -a names vault line expl
    local i
    # The whole command line, for a --vault given before or after the subcommand.
    line=(${(z)BUFFER})
    for ((i = 1; i <= $#line; i++)); do
        case "${line[i]}" in
            --vault) vault=(--vault "${(Q)line[i+1]}") ;;
            --vault=*) vault=(--vault "${(Q)${line[i]#--vault=}}") ;;
        esac
    done
    names=(${(f)"$(command sealbox $vault list --names-only 2>/dev/null)"})
    _wanted secret-names expl 'secret name' compadd "$@" -a names
}
(( $+functions[_sealbox_secret_name_list] )) ||
_sealbox_secret_name_list() {
    _sequence -s , _sealbox_secret_names
}
"#;

/// fish: the `--only`/`--require` options get a function for their values, and the
/// subcommands with a NAME argument complete names instead of files.
fn fish_names(script: String) -> String {
    let cmd = built();
    let mut positional = Vec::new();
    let mut script = script;
    for sub in cmd.get_subcommands() {
        for arg in sub.get_arguments() {
            match takes_names(arg) {
                Some(Names::Positional) => positional.extend(names_of(sub)),
                Some(Names::List) => {
                    let long = arg.get_long().expect("a list option has a long name");
                    for name in names_of(sub) {
                        let line = format!(
                            "complete -c sealbox -n \"__fish_sealbox_using_subcommand {name}\" -l {long} "
                        );
                        let start = script
                            .find(&line)
                            .expect("clap_complete's fish output changed");
                        let end = start + script[start..].find('\n').expect("a whole line");
                        let fixed = format!(
                            "{} -f -a \"(__sealbox_secret_name_list)\"",
                            &script[start..end]
                        );
                        script.replace_range(start..end, &fixed);
                    }
                }
                None => {}
            }
        }
    }
    format!(
        "{script}\n{FISH_NAMES}complete -c sealbox -n \"__fish_sealbox_using_subcommand {}\" -f -a \"(__sealbox_secret_names)\"\n",
        positional.join(" ")
    )
}

const FISH_NAMES: &str = r#"# Secret names (added by sealbox to clap_complete's script): NAME arguments and the --only
# and --require lists complete from 'sealbox list --names-only', which needs no credential.
function __sealbox_secret_names
    set -l tokens (commandline -opc)
    set -l vault
    for i in (seq (count $tokens))
        switch $tokens[$i]
            case --vault
                set -l next (math $i + 1)
                set -q tokens[$next]; and set vault --vault $tokens[$next]
            case '--vault=*'
                set vault $tokens[$i]
        end
    end
    command sealbox $vault list --names-only 2>/dev/null
end

function __sealbox_secret_name_list
    set -l token (string replace -r -- '^--[a-z-]+=' '' (commandline -ct))
    # Everything up to the last comma; an empty string, not an empty list, without one.
    set -l head (string replace -r -- '[^,]*$' '' $token)
    for name in (__sealbox_secret_names)
        echo $head$name
    end
end

"#;

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
