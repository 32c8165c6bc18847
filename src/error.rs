//! Error kinds, their exit codes and how they are shown. The one place where the contract's
//! exit-code table lives.

use std::fmt;

/// The contract's exit codes by name; [`Error::code`] maps each error kind to one, and a bulk
/// run's totals map to [`FAILURE`](exit::FAILURE) or [`NETWORK`](exit::NETWORK).
pub mod exit {
    pub const SUCCESS: i32 = 0;
    /// A failure not listed below, including an import or sync with failed items.
    pub const FAILURE: i32 = 1;
    /// Usage or input error; nothing was sent.
    pub const USAGE: i32 = 2;
    pub const NOT_FOUND: i32 = 3;
    /// 401/403, no credentials, unsafe config file.
    pub const AUTH: i32 = 4;
    /// 409, name already exists, ambiguous name.
    pub const CONFLICT: i32 = 5;
    /// Network, timeout, rate limit or server error after retries.
    pub const NETWORK: i32 = 6;
}

/// A failure the user sees: one line of message, an optional hint line, and an exit code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Usage or input error; nothing was sent. Exit 2.
    #[error("{0}")]
    Usage(Msg),
    /// The secret (or profile item) does not exist. Exit 3.
    #[error("{0}")]
    NotFound(Msg),
    /// 401/403, no credentials, unsafe config file. Exit 4.
    #[error("{0}")]
    Auth(Msg),
    /// 409, name already exists, ambiguous name. Exit 5.
    #[error("{0}")]
    Conflict(Msg),
    /// Network, timeout, rate limit or server error after retries. Exit 6.
    #[error("{0}")]
    Network(Msg),
    /// Anything else. Exit 1.
    #[error("{0}")]
    Other(Msg),
    /// The reader of our output went away (`secretctl list | head`): a quiet end, exit 0.
    #[error("{0}")]
    BrokenPipe(Msg),
}

/// Message text plus an optional hint printed on its own line.
#[derive(Debug, Clone)]
pub struct Msg {
    pub text: String,
    pub hint: Option<String>,
    /// Problems at lines of an input (import): `(line, message)`, listed in the JSON object.
    pub problems: Vec<(usize, String)>,
    /// What the failed request may have done on the server.
    pub effect: Effect,
    /// The HTTP status of the answer this error is, if it is one.
    pub status: Option<u16>,
    /// The server's own message in that answer (scrubbed of secrets), apart from the text
    /// secretctl wrapped around it, which names the secret: what an adapter may read to tell
    /// one 4xx from another.
    pub server_message: Option<String>,
}

/// What a failed write may have done on the server: bulk runs report by it (an unsure item
/// is checked against the server before it is reported; an unsent one is `not attempted`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Effect {
    /// The answer says what happened (nothing, for an error status).
    #[default]
    Known,
    /// The request was sent and the answer does not say whether the server acted (a 5xx, a
    /// connection dropped or a timeout after sending).
    Unsure,
    /// Nothing was sent (interrupted, or the run gave up on the rate limit, before it).
    NotSent,
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Error {
    /// The exit code of the contract.
    pub fn code(&self) -> i32 {
        match self {
            Error::Other(_) => exit::FAILURE,
            Error::BrokenPipe(_) => exit::SUCCESS,
            Error::Usage(_) => exit::USAGE,
            Error::NotFound(_) => exit::NOT_FOUND,
            Error::Auth(_) => exit::AUTH,
            Error::Conflict(_) => exit::CONFLICT,
            Error::Network(_) => exit::NETWORK,
        }
    }

    pub fn msg(&self) -> &Msg {
        match self {
            Error::Usage(m)
            | Error::NotFound(m)
            | Error::Auth(m)
            | Error::Conflict(m)
            | Error::Network(m)
            | Error::Other(m)
            | Error::BrokenPipe(m) => m,
        }
    }

    fn msg_mut(&mut self) -> &mut Msg {
        match self {
            Error::Usage(m)
            | Error::NotFound(m)
            | Error::Auth(m)
            | Error::Conflict(m)
            | Error::Network(m)
            | Error::Other(m)
            | Error::BrokenPipe(m) => m,
        }
    }

    /// Replace or add the hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.msg_mut().hint = Some(hint.into());
        self
    }

    /// Whether this is the quiet end of a reader that went away.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::BrokenPipe(_))
    }

    /// Mark what the failed request may have done.
    pub fn with_effect(mut self, effect: Effect) -> Self {
        self.msg_mut().effect = effect;
        self
    }

    /// Mark the HTTP status this error is the answer of.
    pub fn with_status(mut self, status: u16) -> Self {
        self.msg_mut().status = Some(status);
        self
    }

    /// The server's own message, for errors that are an answer.
    pub fn with_server_message(mut self, message: impl Into<String>) -> Self {
        self.msg_mut().server_message = Some(message.into());
        self
    }

    /// The server's own message in the answer this error is, if it had one.
    pub fn server_message(&self) -> Option<&str> {
        self.msg().server_message.as_deref()
    }

    /// The HTTP status of the answer, for errors that are one.
    pub fn status(&self) -> Option<u16> {
        self.msg().status
    }

    pub fn effect(&self) -> Effect {
        self.msg().effect
    }

    /// The problems at lines of an input that this error sums up.
    pub fn with_problems(mut self, problems: Vec<(usize, String)>) -> Self {
        self.msg_mut().problems = problems;
        self
    }

    /// Prefix the message with what was being done, e.g. `cannot create 'NAME'`.
    pub fn context(mut self, what: impl fmt::Display) -> Self {
        let m = self.msg_mut();
        m.text = format!("{what}: {}", m.text);
        self
    }

    /// A short machine-readable name of the kind.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Error::Other(_) => "failure",
            Error::BrokenPipe(_) => "broken_pipe",
            Error::Usage(_) => "usage",
            Error::NotFound(_) => "not_found",
            Error::Auth(_) => "auth",
            Error::Conflict(_) => "conflict",
            Error::Network(_) => "network",
        }
    }
}

impl Msg {
    fn new(text: impl Into<String>) -> Msg {
        Msg {
            text: text.into(),
            hint: None,
            problems: Vec::new(),
            effect: Effect::Known,
            status: None,
            server_message: None,
        }
    }
}

macro_rules! ctor {
    ($fn:ident, $variant:ident) => {
        pub fn $fn(text: impl Into<String>) -> Error {
            Error::$variant(Msg::new(text))
        }
    };
}
ctor!(usage, Usage);
ctor!(not_found, NotFound);
ctor!(auth, Auth);
ctor!(conflict, Conflict);
ctor!(network, Network);
ctor!(other, Other);

/// The reader of our output went away (`secretctl list | head`): a quiet exit.
pub fn broken_pipe() -> Error {
    Error::BrokenPipe(Msg::new("broken pipe"))
}

/// A failed write to stdout: a vanished reader is a quiet exit, anything else a failure.
pub fn output(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        broken_pipe()
    } else {
        other(format!("cannot write output: {e}"))
    }
}

/// Why a file could not be read, in plain words.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "it is a directory".to_string(),
        _ => e.to_string(),
    }
}

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

/// Shortest run of a secret's characters that counts as an echo of it. A server message may
/// quote a value truncated (`input_value='sk-proj-ABCDEFGHIJ…'`), in another case, base64- or
/// URL-encoded: any run this long of any of those forms is cut out.
pub const ECHO_RUN: usize = 8;

/// A server's message with every echo of `secrets` cut out: no run of [`ECHO_RUN`] or more
/// bytes of a secret — as sent, with its whitespace run together, JSON-escaped, or in
/// standard or URL-safe base64 at any alignment — appears in it, compared ASCII
/// case-insensitively, directly or after percent-decoding the message. `None` when that
/// cannot be promised: a secret (or one of its forms) shorter than the run appears whole, and
/// cutting out so few characters could mangle ordinary words or miss the echo; the caller
/// then withholds the message.
pub fn scrub(message: &str, secrets: &[&str]) -> Option<String> {
    use std::collections::HashMap;
    let msg = message.as_bytes();
    // Views of the message: as it is, and percent-decoded (`%2D` → `-`, `+` → space), each
    // byte with the range of message bytes it came from.
    let mut views: Vec<Vec<(u8, usize, usize)>> = vec![
        msg.iter()
            .enumerate()
            .map(|(i, &b)| (b, i, i + 1))
            .collect(),
    ];
    if msg.iter().any(|&b| b == b'%' || b == b'+') {
        let mut v = Vec::with_capacity(msg.len());
        let mut i = 0;
        while i < msg.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            match msg[i] {
                b'%' if i + 2 < msg.len() => match (hex(msg[i + 1]), hex(msg[i + 2])) {
                    (Some(h), Some(l)) => {
                        v.push(((h * 16 + l) as u8, i, i + 3));
                        i += 3;
                        continue;
                    }
                    _ => v.push((b'%', i, i + 1)),
                },
                b'+' => v.push((b' ', i, i + 1)),
                b => v.push((b, i, i + 1)),
            }
            i += 1;
        }
        views.push(v);
    }
    let lower: Vec<Vec<u8>> = views
        .iter()
        .map(|v| v.iter().map(|(b, _, _)| b.to_ascii_lowercase()).collect())
        .collect();
    // Every run of ECHO_RUN bytes of every view, and where it starts.
    let mut grams: HashMap<&[u8], Vec<(usize, usize)>> = HashMap::new();
    for (vi, l) in lower.iter().enumerate() {
        for (p, w) in l.windows(ECHO_RUN).enumerate() {
            grams.entry(w).or_default().push((vi, p));
        }
    }
    let mut mask = vec![false; msg.len()];
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        for form in echo_forms(secret) {
            let form = form.to_ascii_lowercase();
            if form.len() < ECHO_RUN {
                if lower
                    .iter()
                    .any(|l| l.windows(form.len()).any(|w| w == form.as_slice()))
                {
                    return None;
                }
                continue;
            }
            for w in form.windows(ECHO_RUN) {
                if let Some(at) = grams.get(w) {
                    for &(vi, p) in at {
                        for &(_, from, to) in &views[vi][p..p + ECHO_RUN] {
                            mask[from..to].iter_mut().for_each(|m| *m = true);
                        }
                    }
                }
            }
        }
    }
    let mut out = String::with_capacity(message.len());
    let mut in_cut = false;
    for (i, c) in message.char_indices() {
        if mask[i..i + c.len_utf8()].iter().any(|&m| m) {
            if !in_cut {
                out.push_str("<redacted>");
                in_cut = true;
            }
        } else {
            out.push(c);
            in_cut = false;
        }
    }
    Some(out)
}

/// The forms in which a server could echo a secret.
fn echo_forms(secret: &str) -> Vec<Vec<u8>> {
    use base64::Engine;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    let mut forms = vec![
        secret.as_bytes().to_vec(),
        secret
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .into_bytes(),
    ];
    if let Ok(j) = serde_json::to_string(secret) {
        forms.push(j.trim_matches('"').as_bytes().to_vec());
    }
    // base64 of the value from each of the first three bytes: every alignment of a part of it.
    let b = secret.as_bytes();
    forms.push(STANDARD.encode(b).into_bytes());
    forms.push(URL_SAFE_NO_PAD.encode(b).into_bytes());
    // The other alignments only matter as runs: shorter ones are no form of the whole value.
    for skip in 1..3.min(b.len()) {
        for e in [
            STANDARD.encode(&b[skip..]),
            URL_SAFE_NO_PAD.encode(&b[skip..]),
        ] {
            if e.len() >= ECHO_RUN {
                forms.push(e.into_bytes());
            }
        }
    }
    forms.retain(|f| !f.is_empty());
    forms.sort();
    forms.dedup();
    forms
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Exit code for any error that reached `main`: ours carry theirs; anything else is 1,
/// except a broken pipe, which is a quiet success (`secretctl list | head`).
pub fn exit_code(err: &anyhow::Error) -> i32 {
    if is_broken_pipe(err) {
        return exit::SUCCESS;
    }
    err.downcast_ref::<Error>()
        .map_or(exit::FAILURE, Error::code)
}

pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    if err
        .downcast_ref::<Error>()
        .is_some_and(Error::is_broken_pipe)
    {
        return true;
    }
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The `error: …` line and the hint, as printed on stderr.
pub fn render(err: &anyhow::Error) -> (String, Option<String>) {
    match err.downcast_ref::<Error>() {
        Some(e) => (e.msg().text.clone(), e.msg().hint.clone()),
        None => {
            // Plain anyhow chains: "outer: inner: root" on one line.
            let text = err
                .chain()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join(": ");
            (text, None)
        }
    }
}

/// The JSON error object printed on stderr with `-o json`.
pub fn render_json(err: &anyhow::Error) -> serde_json::Value {
    let (message, hint) = render(err);
    let mut obj = serde_json::json!({
        "code": exit_code(err),
        "kind": err.downcast_ref::<Error>().map_or("failure", Error::kind_name),
        "message": message,
    });
    if let Some(h) = hint {
        obj["hint"] = serde_json::Value::String(h);
    }
    if let Some(e) = err.downcast_ref::<Error>()
        && !e.msg().problems.is_empty()
    {
        obj["problems"] = e
            .msg()
            .problems
            .iter()
            .map(|(line, message)| serde_json::json!({ "line": line, "message": message }))
            .collect();
    }
    serde_json::json!({ "error": obj })
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
    fn codes_match_the_contract() {
        assert_eq!(other("x").code(), 1);
        assert_eq!(usage("x").code(), 2);
        assert_eq!(not_found("x").code(), 3);
        assert_eq!(auth("x").code(), 4);
        assert_eq!(conflict("x").code(), 5);
        assert_eq!(network("x").code(), 6);
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

    #[test]
    fn scrub_cuts_out_partial_and_encoded_echoes() {
        let v = "sk-proj-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz-0123456789ABCDEFGHIJKLMNOPQRSTUVW";
        let cut = |m: &str| scrub(m, &[v]).expect("scrubbed, not withheld");
        // pydantic's truncated echo: the run before the ellipsis goes.
        assert_eq!(
            cut(
                "String should have at most 100 characters [type=string_too_long, input_value='sk-proj-ABCDEFGHIJ...', input_type=str]"
            ),
            "String should have at most 100 characters [type=string_too_long, input_value='<redacted>...', input_type=str]"
        );
        // Upper-cased, base64 (whole and from another alignment), URL-encoded, JSON-escaped.
        assert_eq!(
            cut(&format!("bad {}!", v.to_uppercase())),
            "bad <redacted>!"
        );
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD.encode(v);
        assert_eq!(cut(&format!("got {b64} here")), "got <redacted> here");
        let b64_tail = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&v[31..61]);
        assert_eq!(cut(&format!("got {b64_tail}")), "got <redacted>");
        let url: String =
            percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC)
                .to_string();
        assert_eq!(cut(&format!("value={url}&x=1")), "value=<redacted>&x=1");
        let q = "line one\nwith \"quotes\" and more";
        let json = serde_json::to_string(q).unwrap();
        assert_eq!(
            scrub(&format!("echo {json}"), &[q]).unwrap(),
            "echo \"<redacted>\""
        );
        // 7 characters of the value are not a run: ordinary text stays.
        assert_eq!(cut("sk-proj is not allowed"), "sk-proj is not allowed");
        // A short value that appears is withheld, not cut out.
        assert_eq!(scrub("bad value abc1 here", &["ABC1"]), None);
        assert_eq!(
            scrub("Field required", &["ABC1"]).as_deref(),
            Some("Field required")
        );
        // Several secrets (the value and the token) at once.
        assert_eq!(
            scrub(
                "a=hunter2hunter2 b=tok_12345678",
                &["hunter2hunter2", "tok_12345678"]
            )
            .unwrap(),
            "a=<redacted> b=<redacted>"
        );
        let multi = scrub("x ünïcödé-välüé-lông y", &["ünïcödé-välüé-lông"]).unwrap();
        assert_eq!(multi, "x <redacted> y");
    }

    #[test]
    fn broken_pipe_is_quiet_success() {
        let e = anyhow::Error::new(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert_eq!(exit_code(&e), 0);
    }

    #[test]
    fn json_rendering_has_code_and_message() {
        let e = anyhow::Error::new(conflict("name taken").with_hint("use update"));
        let v = render_json(&e);
        assert_eq!(v["error"]["code"], 5);
        assert_eq!(v["error"]["message"], "name taken");
        assert_eq!(v["error"]["hint"], "use update");
    }
}
