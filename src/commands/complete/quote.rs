//! The word being completed, as the shell typed it, and each candidate as the shell must be
//! given it back.
//!
//! bash inserts what a completion function puts in `COMPREPLY` exactly as it is: a name with
//! a space, `$`, a quote or a backslash must arrive already quoted for where the cursor is.
//! Readline replaces the text after the quote that is open at the cursor (`"My O` → `My O`),
//! or the whole word when none is (`My\ O`), and closes an open quote after a single match.
//! So: the typed word is read as the shell reads it (the prefix the names are matched
//! against), and each candidate is written for that context — backslashes where no quote is
//! open (as `printf %q` does), `\"`-style escapes inside `"…"`, `'\''` inside `'…'`.
//! zsh and fish quote what they insert themselves; they only need the typed word read.

/// The quote open at the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quote {
    None,
    Double,
    Single,
}

/// A typed word, read as the shell reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed {
    /// The value typed so far: what the candidates must start with.
    pub value: String,
    /// The quote open at the end.
    pub quote: Quote,
    /// The value of the part before that quote opened, which readline does not replace
    /// (`ab"c` keeps `ab`); empty when no quote is open.
    pub kept: String,
    /// The raw text after the open quote (the whole word when none is): what readline
    /// replaces, and what bash gives the completion function as `$2`.
    pub replaced: String,
}

/// Read a raw bash (or zsh) word: `\x` outside quotes, `'…'` literal, `"…"` where a backslash
/// escapes only `$`, `` ` ``, `"`, `\` and a newline. An unfinished quote stays open.
pub fn read_bash(raw: &str) -> Typed {
    let mut value = String::new();
    let mut quote = Quote::None;
    let mut kept = String::new();
    let mut open_at = 0;
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Quote::None, '\\') => {
                if let Some((_, next)) = chars.next()
                    && next != '\n'
                {
                    value.push(next);
                }
            }
            (Quote::None, '\'') => {
                quote = Quote::Single;
                kept = value.clone();
                open_at = i + 1;
            }
            (Quote::None, '"') => {
                quote = Quote::Double;
                kept = value.clone();
                open_at = i + 1;
            }
            (Quote::Single, '\'') | (Quote::Double, '"') => quote = Quote::None,
            (Quote::Double, '\\') => match chars.peek() {
                Some(&(_, next @ ('$' | '`' | '"' | '\\'))) => {
                    value.push(next);
                    chars.next();
                }
                Some(&(_, '\n')) => {
                    chars.next();
                }
                _ => value.push('\\'),
            },
            (_, c) => value.push(c),
        }
    }
    if quote == Quote::None {
        kept.clear();
        open_at = 0;
    }
    Typed {
        value,
        quote,
        kept,
        replaced: raw[open_at..].to_string(),
    }
}

/// Read a raw fish token: `\x` outside quotes, `'…'` where only `\'` and `\\` are escapes,
/// `"…"` where `\"`, `\\`, `\$` and a newline are.
pub fn read_fish(raw: &str) -> String {
    let mut value = String::new();
    let mut quote = Quote::None;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Quote::None, '\\') => {
                if let Some(next) = chars.next() {
                    value.push(next);
                }
            }
            (Quote::None, '\'') => quote = Quote::Single,
            (Quote::None, '"') => quote = Quote::Double,
            (Quote::Single, '\'') | (Quote::Double, '"') => quote = Quote::None,
            (Quote::Single, '\\') => match chars.peek() {
                Some(&next @ ('\'' | '\\')) => {
                    value.push(next);
                    chars.next();
                }
                _ => value.push('\\'),
            },
            (Quote::Double, '\\') => match chars.peek() {
                Some(&next @ ('"' | '\\' | '$')) => {
                    value.push(next);
                    chars.next();
                }
                Some(&'\n') => {
                    chars.next();
                }
                _ => value.push('\\'),
            },
            (_, c) => value.push(c),
        }
    }
    value
}

/// The word bash completes, from the raw word on the line (`COMP_WORDS[COMP_CWORD]`, which
/// runs to the end of the word) and `$2` (which runs to the cursor, after an open quote): the
/// longest start of the raw word that `$2` is the replaced part of. Without the raw word (a
/// script from before it was passed) `$2` is read as a word on its own.
pub fn bash_word(raw: Option<&str>, current: &str) -> Typed {
    if let Some(raw) = raw {
        let cuts = raw
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(raw.len()))
            .rev();
        for cut in cuts {
            let typed = read_bash(&raw[..cut]);
            if typed.replaced == current {
                return typed;
            }
        }
    }
    read_bash(current)
}

/// `s` as bash's `printf %q` writes printable text: a backslash before each character the
/// shell would read otherwise, and before a leading `~` or `#`.
pub fn bash_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.chars().enumerate() {
        let special = matches!(
            c,
            ' ' | '!'
                | '"'
                | '$'
                | '&'
                | '\''
                | '('
                | ')'
                | '*'
                | ','
                | ';'
                | '<'
                | '>'
                | '?'
                | '['
                | '\\'
                | ']'
                | '^'
                | '`'
                | '{'
                | '|'
                | '}'
        ) || (i == 0 && matches!(c, '~' | '#'));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `s` as the text inside the open quote: inside `"…"` a backslash before `"`, `\`, `$` and
/// `` ` ``, and a `!` (history expansion) in single quotes of its own (`"'!'"`); inside `'…'`
/// each `'` as `'\''`.
pub fn bash_in_quote(s: &str, quote: Quote) -> String {
    if quote == Quote::None {
        return bash_escape(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match (quote, c) {
            (Quote::Double, '"' | '\\' | '$' | '`') => {
                out.push('\\');
                out.push(c);
            }
            (Quote::Double, '!') => out.push_str("\"'!'\""),
            (Quote::Single, '\'') => out.push_str("'\\''"),
            _ => out.push(c),
        }
    }
    out
}

/// What bash must be given for `candidate` so that the word on the line, once the shell reads
/// it, is `candidate`: `None` when the candidate does not continue the part readline keeps.
pub fn for_bash(candidate: &str, typed: &Typed) -> Option<String> {
    let rest = candidate.strip_prefix(typed.kept.as_str())?;
    Some(bash_in_quote(rest, typed.quote))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What bash reads a line of words as (`printf '%s\n' WORDS`), for checking the quoting.
    fn bash_reads(word: &str) -> String {
        let out = std::process::Command::new("bash")
            .arg("--norc")
            .arg("-c")
            .arg(format!("printf '%s' {word}"))
            .output()
            .expect("bash runs");
        String::from_utf8(out.stdout).expect("UTF-8")
    }

    const NAMES: [&str; 9] = [
        "My OpenAI Key",
        "dollar$x",
        "quote\"d",
        "it's",
        "back\\slash",
        "~home#hash",
        "bang!x",
        "star*[a]",
        "tick`cmd`;x&y|z",
    ];

    #[test]
    fn a_word_is_read_as_bash_reads_it() {
        let t = read_bash("My\\ O");
        assert_eq!((t.value.as_str(), t.quote), ("My O", Quote::None));
        assert_eq!(t.replaced, "My\\ O");
        let t = read_bash("\"My O");
        assert_eq!((t.value.as_str(), t.quote), ("My O", Quote::Double));
        assert_eq!((t.kept.as_str(), t.replaced.as_str()), ("", "My O"));
        let t = read_bash("ab\"c\\\"d");
        assert_eq!(t.value, "abc\"d");
        assert_eq!((t.kept.as_str(), t.replaced.as_str()), ("ab", "c\\\"d"));
        let t = read_bash("'it'\\''s");
        assert_eq!((t.value.as_str(), t.quote), ("it's", Quote::Single));
        assert_eq!((t.kept.as_str(), t.replaced.as_str()), ("it'", "s"));
        let t = read_bash("'a\\b'c");
        assert_eq!((t.value.as_str(), t.quote), ("a\\bc", Quote::None));
    }

    #[test]
    fn the_word_is_cut_where_bash_says_the_cursor_is() {
        // Cursor after `"My` in `"My Key"`: bash's $2 is `My`.
        let t = bash_word(Some("\"My Key\""), "My");
        assert_eq!((t.value.as_str(), t.quote), ("My", Quote::Double));
        let t = bash_word(None, "My\\ K");
        assert_eq!(t.value, "My K");
    }

    #[test]
    fn every_candidate_is_read_back_by_bash_as_itself() {
        for name in NAMES {
            let bare = for_bash(name, &read_bash("")).unwrap();
            assert_eq!(bash_reads(&bare), name, "{bare}");
            for quote in ["\"", "'"] {
                let typed = read_bash(quote);
                let inside = for_bash(name, &typed).unwrap();
                // readline closes the quote after a single match.
                let word = format!("{quote}{inside}{quote}");
                assert_eq!(bash_reads(&word), name, "{word}");
            }
        }
        // A quote opened within the word: only what follows it is replaced.
        let typed = read_bash("it\"");
        let inside = for_bash("it's", &typed).unwrap();
        assert_eq!(bash_reads(&format!("it\"{inside}\"")), "it's");
        assert_eq!(for_bash("other", &typed), None);
    }

    #[test]
    fn printf_q_is_what_bash_escapes() {
        for name in NAMES {
            let ours = bash_escape(name);
            let out = std::process::Command::new("bash")
                .arg("--norc")
                .arg("-c")
                .arg("printf %q \"$1\"")
                .arg("bash")
                .arg(name)
                .output()
                .unwrap();
            assert_eq!(ours, String::from_utf8(out.stdout).unwrap(), "{name}");
        }
    }

    #[test]
    fn a_fish_token_is_read_as_fish_reads_it() {
        assert_eq!(read_fish("My\\ O"), "My O");
        assert_eq!(read_fish("'it\\'s"), "it's");
        assert_eq!(read_fish("\"a\\$b"), "a$b");
        assert_eq!(read_fish("'a\\b"), "a\\b");
    }
}
