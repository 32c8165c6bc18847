//! Where in a text a problem is, for error messages that must not quote the text: the line
//! of a byte offset, and a TOML parse error as its line and a message without the quoted
//! input (in a config file that input may be a token).

/// The 1-based line of a byte offset (lines end at `\n` only), clamped to the text.
pub fn line_at(text: &[u8], offset: usize) -> usize {
    LineIndex::new(text).line(offset)
}

/// Where each line of a text starts, so that many offsets map to lines in logarithmic time
/// (an import of 100,000 items asks 100,000 times; counting from the start each time was
/// quadratic).
pub struct LineIndex {
    /// Byte offsets of every `\n`, in order.
    newlines: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &[u8]) -> LineIndex {
        LineIndex {
            newlines: text
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i)
                .collect(),
            len: text.len(),
        }
    }

    /// The 1-based line of a byte offset, clamped to the text.
    pub fn line(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        // The number of newlines strictly before `offset`.
        self.newlines.partition_point(|&n| n < offset) + 1
    }
}

/// A TOML parse error as (line, first line of the message), without quoting the text:
/// the offending line may hold a token.
pub fn toml_position(text: &str, e: &toml::de::Error) -> (Option<usize>, String) {
    let line = e.span().map(|s| line_at(text.as_bytes(), s.start));
    let msg = e.message().lines().next().unwrap_or("invalid TOML");
    (line, without_quoted_string(msg))
}

/// serde quotes a string of the wrong type or value (`invalid type: string "…", expected a
/// map`): in a config file that string may be a token put under the wrong key.
/// Numbers and booleans are quoted too (``invalid type: integer `12345678` ``): a numeric
/// token is a token all the same, so a `` `…` `` part is dropped as well.
fn without_quoted_string(msg: &str) -> String {
    let msg = match msg.find("string \"") {
        None => msg.to_string(),
        Some(start) => {
            let rest = &msg[start..];
            let end = rest.rfind("\", expected").map_or(rest.len(), |i| i + 1);
            format!("{}a string{}", &msg[..start], &rest[end..])
        }
    };
    // serde's `Unexpected` forms; a `…` elsewhere is a key name (`unknown field `tokne``).
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg.as_str();
    while let Some(open) = ["integer `", "floating point `", "boolean `", "character `"]
        .iter()
        .filter_map(|w| rest.find(w).map(|i| (i, w.len())))
        .min()
    {
        let (at, len) = open;
        let Some(close) = rest[at + len..].find('`') else {
            break;
        };
        out.push_str(&rest[..at + len - 2]);
        rest = &rest[at + len + close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_lf_only_and_clamps() {
        let text = b"a\nbb\r\n\rc\n";
        let idx = LineIndex::new(text);
        let naive = |o: usize| {
            text[..o.min(text.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1
        };
        for o in 0..text.len() + 3 {
            assert_eq!(idx.line(o), naive(o), "offset {o}");
        }
        assert_eq!(LineIndex::new(b"").line(5), 1);
    }

    #[test]
    fn toml_type_errors_do_not_quote_the_string() {
        assert_eq!(
            without_quoted_string(r#"invalid type: string "tok_live_123", expected a map"#),
            "invalid type: a string, expected a map"
        );
        assert_eq!(
            without_quoted_string(r#"invalid value: string "a\", expected b", expected x"#),
            "invalid value: a string, expected x"
        );
        // A numeric token is not quoted either (this used to keep `5`).
        assert_eq!(
            without_quoted_string("invalid type: integer `12345678`, expected a string"),
            "invalid type: integer, expected a string"
        );
        assert_eq!(
            without_quoted_string("invalid type: floating point `1.5`, expected a string"),
            "invalid type: floating point, expected a string"
        );
        assert_eq!(
            without_quoted_string("unknown field `tokne`, expected `token`"),
            "unknown field `tokne`, expected `token`"
        );
    }
}
