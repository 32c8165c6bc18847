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
    /// A command to run was found but cannot be run (as `env`).
    pub const CANNOT_RUN: i32 = 126;
    /// A command to run was not found (as `env`).
    pub const COMMAND_NOT_FOUND: i32 = 127;
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
    /// A command to run (`kubiya run`, `emulator -- CMD`) exists but cannot be run. Exit 126.
    #[error("{0}")]
    CannotRun(Msg),
    /// A command to run was not found. Exit 127.
    #[error("{0}")]
    CommandNotFound(Msg),
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
    /// Whether that answer's body was the API's own error object (JSON with a message or a
    /// code), not an HTML page, plain text or nothing: what tells the API's "not found" from
    /// a proxy's or a missing route's (see `transport::is_api_not_found`).
    pub api_body: bool,
    /// The answer shows that the base URL is not the API's (a list route's 404, an HTML
    /// page, a record of the wrong shape): the hint belongs to the base URL.
    pub not_the_api: bool,
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

/// The message every kind carries, by reference or mutably as `$e` is.
macro_rules! the_msg {
    ($e:expr) => {
        match $e {
            Error::Usage(m)
            | Error::NotFound(m)
            | Error::Auth(m)
            | Error::Conflict(m)
            | Error::Network(m)
            | Error::Other(m)
            | Error::CannotRun(m)
            | Error::CommandNotFound(m)
            | Error::BrokenPipe(m) => m,
        }
    };
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
            Error::CannotRun(_) => exit::CANNOT_RUN,
            Error::CommandNotFound(_) => exit::COMMAND_NOT_FOUND,
        }
    }

    pub fn msg(&self) -> &Msg {
        the_msg!(self)
    }

    fn msg_mut(&mut self) -> &mut Msg {
        the_msg!(self)
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

    /// Mark the answer's body as the API's own error object.
    pub fn with_api_body(mut self) -> Self {
        self.msg_mut().api_body = true;
        self
    }

    /// Mark an answer that shows the base URL is not the API's.
    pub fn as_not_the_api(mut self) -> Self {
        self.msg_mut().not_the_api = true;
        self
    }

    /// Whether the answer showed the base URL is not the API's.
    pub fn is_not_the_api(&self) -> bool {
        self.msg().not_the_api
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

    /// The error of one step as the error of the operation it is part of: a message that
    /// starts with `step` starts with `operation` instead (any other is left as it is).
    pub fn as_part_of(mut self, step: &str, operation: &str) -> Self {
        let m = self.msg_mut();
        if let Some(rest) = m.text.strip_prefix(step) {
            m.text = format!("{operation}{rest}");
        }
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
            Error::CannotRun(_) => "cannot_run",
            Error::CommandNotFound(_) => "command_not_found",
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
            api_body: false,
            not_the_api: false,
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
ctor!(cannot_run, CannotRun);
ctor!(command_not_found, CommandNotFound);

/// The reader of our output went away (`secretctl list | head`): a quiet exit.
pub fn broken_pipe() -> Error {
    Error::BrokenPipe(Msg::new("broken pipe"))
}

/// `program` (already quoted or sanitised for a message) could not be started, as `env`
/// says it: 127 when it does not exist, else 126.
pub fn cannot_start(program: &str, e: &std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::NotFound {
        command_not_found(format!("cannot run {program}: no such command"))
            .with_hint("check the name, or give its path")
    } else {
        cannot_run(format!("cannot run {program}: {}", io_reason(e)))
    }
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
    fn codes_match_the_contract() {
        assert_eq!(other("x").code(), 1);
        assert_eq!(usage("x").code(), 2);
        assert_eq!(not_found("x").code(), 3);
        assert_eq!(auth("x").code(), 4);
        assert_eq!(conflict("x").code(), 5);
        assert_eq!(network("x").code(), 6);
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
