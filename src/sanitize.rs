//! Text from a server or a user, made safe to show on a terminal: one rule for every line
//! secretctl prints. A leaf: it imports nothing of the crate.

use std::borrow::Cow;

/// Escape control characters (tabs and newlines included, so a plain line stays one line
/// with its tab-separated fields; escape sequences from a server never reach a terminal).
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Control characters, and the bidirectional overrides and isolates that can make text on a
/// terminal read differently from what it is (U+202A–U+202E, U+2066–U+2069, U+200E/F).
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// One word of a shell command shown in a hint (a secret's name in `secretctl … get NAME`):
/// as it is when it holds only characters no shell gives a meaning, else in single quotes
/// (`'` written `'\''`), so that the command can be pasted as shown; made safe to show first.
pub fn shell_word(s: &str) -> String {
    let shown = sanitize(s);
    let plain = !shown.is_empty()
        && shown
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-.:/@%+=,".contains(&b));
    if plain {
        shown.into_owned()
    } else {
        format!("'{}'", shown.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn shell_words_paste_as_shown() {
        assert_eq!(super::shell_word("GH_TOKEN"), "GH_TOKEN");
        assert_eq!(super::shell_word("a b"), "'a b'");
        assert_eq!(super::shell_word("$(id)"), "'$(id)'");
        assert_eq!(super::shell_word("it's"), r"'it'\''s'");
        assert_eq!(super::shell_word(""), "''");
        assert!(!super::shell_word("a\u{1b}[2Jb").contains('\u{1b}'));
    }

    use super::*;

    #[test]
    fn bidi_overrides_are_escaped() {
        assert_eq!(sanitize("evil\u{202e}txt.exe"), "evil\\u{202e}txt.exe");
        assert_eq!(sanitize("plain é 日本"), "plain é 日本");
    }
}
