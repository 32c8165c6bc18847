//! `secretctl emulator`: an in-memory stand-in for the ChatBotKit and Kubiya secrets APIs
//! (see shared/api/*.md), with a request log, fault injection and control endpoints under
//! `/_emulator/`, for trying secretctl (or a user's script) without an account and for tests.
//!
//! Built on hyper directly: a "drop" fault makes the service return an error, and hyper then
//! closes the connection without writing any response.

mod agents;
mod chatbotkit;
mod kubiya;
mod ratelimit;
mod skillsets;
mod state;
#[cfg(test)]
mod tests;

use std::convert::Infallible;
use std::ffi::OsString;
use std::io::Write;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use anyhow::Context as _;
use bytes::Bytes;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper::body::{Frame, Incoming, SizeHint};
use hyper::header::{AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{HeaderMap, Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::sync::{mpsc, oneshot};

use crate::provider::kind::ProviderKind;
use state::State;

pub use ratelimit::RateLimitSettings;

/// Request bodies above this are answered 413.
const MAX_BODY: usize = 8 * 1024 * 1024;

/// How `secretctl emulator` (or a test) starts the emulator.
#[derive(Clone, Debug, Default)]
pub struct EmulatorOptions {
    /// 0 = any free port.
    pub port: u16,
    /// The one token both providers accept; empty = a random one.
    pub token: String,
}

/// One API request as received (control endpoints under `/_emulator/` are not logged).
#[derive(Clone, Debug, serde::Serialize)]
pub struct RecordedRequest {
    pub method: String,
    /// Raw path, plus `?` and the raw query if any.
    pub path: String,
    /// Lowercase names, in arrival order.
    pub headers: Vec<(String, String)>,
    /// Serialized as a UTF-8-lossy string.
    #[serde(serialize_with = "serialize_lossy")]
    pub body: Vec<u8>,
    /// Status sent; 0 if the connection was dropped (or no answer yet).
    pub status: u16,
}

fn serialize_lossy<S: serde::Serializer>(body: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&String::from_utf8_lossy(body))
}

impl RecordedRequest {
    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn body_json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// A fault to inject into the next matching API request(s).
#[derive(Clone, Debug, Default, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct Fault {
    /// Match only this method (case-insensitive).
    pub method: Option<String>,
    /// Match only when the raw path (with query) contains this.
    pub path_contains: Option<String>,
    /// How many matching requests it affects (0 means 1); `u32::MAX` = forever. With
    /// `chance`, only the requests it applied to count.
    pub count: u32,
    /// Apply to each matching request with this probability (0.0–1.0); `None` = always.
    /// A request it does not apply to goes on to the next matching fault.
    pub chance: Option<f64>,
    /// Extra delay before answering.
    pub latency_ms: u64,
    /// Answer with this status instead of handling.
    pub status: Option<u16>,
    /// Body for that status (default: the provider's JSON error body for the status).
    pub body: Option<String>,
    /// Default `application/json`.
    pub content_type: Option<String>,
    /// `Retry-After` header value.
    pub retry_after: Option<String>,
    /// Close the connection without any response.
    pub drop: bool,
    /// Apply status/drop after the request was really handled (state changed).
    pub after: bool,
}

/// The shape of Kubiya's `get_value` answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KubiyaValueFormat {
    /// `{"value": "..."}` (v1 default).
    Object,
    /// A JSON string holding base64 of the value (v2 default).
    Base64String,
    /// The raw value as `text/plain`.
    RawText,
}

/// How ChatBotKit abilities name their links to a secret, file, bot and space: the hosted
/// spec of June 2026 says `secretId`…, the open-sourced platform (September 2026 or later)
/// `linkedSecretId`…. Both are accepted on create and update either way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub enum LinkStyle {
    #[default]
    #[serde(rename = "linkedSecretId")]
    Linked,
    #[serde(rename = "secretId")]
    Plain,
}

/// State shared by the server thread and the [`Emulator`] handle.
pub(crate) struct Shared {
    state: Mutex<State>,
    token: String,
    base_url: String,
}

impl Shared {
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A running emulator; the server stops when this is dropped.
pub struct Emulator {
    shared: Arc<Shared>,
    port: u16,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Emulator {
    /// Binds 127.0.0.1:`port` (before returning) and serves on a background thread.
    pub fn start(opts: EmulatorOptions) -> anyhow::Result<Emulator> {
        let std_listener = std::net::TcpListener::bind(("127.0.0.1", opts.port))
            .with_context(|| format!("cannot listen on 127.0.0.1:{}", opts.port))?;
        std_listener.set_nonblocking(true)?;
        let port = std_listener.local_addr()?.port();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start the emulator's runtime")?;
        let listener = {
            let _guard = runtime.enter();
            tokio::net::TcpListener::from_std(std_listener)?
        };
        let token = if opts.token.is_empty() {
            random_token()
        } else {
            opts.token
        };
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            token,
            base_url: format!("http://127.0.0.1:{port}"),
        });
        let (tx, rx) = oneshot::channel();
        let server_shared = shared.clone();
        let thread = std::thread::Builder::new()
            .name("secretctl-emulator".into())
            .spawn(move || {
                runtime.block_on(accept_loop(listener, server_shared, rx));
                // Dropping the runtime cancels every connection task.
                drop(runtime);
            })
            .context("cannot start the emulator's thread")?;
        Ok(Emulator {
            shared,
            port,
            shutdown: Some(tx),
            thread: Some(thread),
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:PORT`
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    pub fn token(&self) -> String {
        self.shared.token.clone()
    }

    /// API requests (not `/_emulator/*`), in arrival order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared
            .lock()
            .requests
            .iter()
            .map(|(_, r)| r.clone())
            .collect()
    }

    pub fn clear_requests(&self) {
        self.shared.lock().requests.clear();
    }

    /// Same JSON as `GET /_emulator/secrets`.
    pub fn secrets(&self) -> Value {
        self.shared.lock().secrets_json()
    }

    /// Queues a fault; the first matching fault applies.
    pub fn inject(&self, fault: Fault) {
        self.shared.lock().faults.push(fault);
    }

    pub fn clear_faults(&self) {
        self.shared.lock().faults.clear();
    }

    /// Delay added to every API request.
    pub fn set_latency(&self, ms: u64) {
        self.shared.lock().latency_ms = ms;
    }

    /// Turns the rate limit on (a full bucket of `burst` tokens, `rps` added a second) or,
    /// with `None`, off. Same as `PUT /_emulator/settings {"rate_limit": …}`.
    pub fn set_rate_limit(&self, settings: Option<RateLimitSettings>) {
        self.shared.lock().rate_limit =
            settings.map(|s| ratelimit::Bucket::new(s, std::time::Instant::now()));
    }

    /// `None` = per-prefix default (v1 object, v2 base64 string).
    pub fn set_kubiya_value_format(&self, f: Option<KubiyaValueFormat>) {
        self.shared.lock().kubiya_format = f;
    }

    /// How ChatBotKit abilities name their links (default `linkedSecretId`). Same as
    /// `PUT /_emulator/settings {"chatbotkit_ability_link": "secretId"}`.
    pub fn set_link_style(&self, style: LinkStyle) {
        self.shared.lock().cbk_link_style = style;
    }

    /// Inserts a ChatBotKit secret directly (fields as in a create body, plus an optional
    /// `"value"`, stored whatever the kind); returns its id. No request is logged.
    pub fn seed_chatbotkit(&self, secret: Value) -> String {
        chatbotkit::seed(&mut self.shared.lock(), &secret)
    }

    /// Inserts (or replaces) a Kubiya secret directly. No request is logged.
    pub fn seed_kubiya(&self, name: &str, value: &str, description: &str) {
        self.shared.lock().kubiya.insert(
            name.to_string(),
            state::KubiyaSecret::new(name, value, description),
        );
    }

    /// Blocks until the server stops (which it does not do on its own).
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// `secretctl emulator`: without a command, print the `export` lines and serve until killed;
/// with one, run it with the provider variables pointing here and return its exit code.
pub fn run(opts: EmulatorOptions, command: &[OsString]) -> anyhow::Result<i32> {
    let emu = Emulator::start(opts)?;
    let base = emu.base_url();
    let token = emu.token();
    let vars = [
        ("CHATBOTKIT_API_URL", base.clone()),
        ("CHATBOTKIT_API_TOKEN", token.clone()),
        ("KUBIYA_BASE_URL", format!("{base}/api/v1")),
        ("KUBIYA_API_KEY", token),
    ];
    if let Some((program, args)) = command.split_first() {
        let mut cmd = std::process::Command::new(program);
        cmd.args(args).envs(vars.iter().map(|(k, v)| (k, v)));
        // `secretctl` inside the command is this very binary, installed or not
        // (`cargo run -- emulator -- sh -c 'secretctl …'` works on a fresh clone).
        if let Some(dir) = std::env::current_exe()
            .ok()
            .and_then(|p| p.parent().map(|d| d.to_path_buf()))
        {
            let path = std::env::var_os("PATH").unwrap_or_default();
            let joined =
                std::env::join_paths(std::iter::once(dir).chain(std::env::split_paths(&path)));
            if let Ok(joined) = joined {
                cmd.env("PATH", joined);
            }
        }
        let status = cmd.status().map_err(|e| {
            crate::error::cannot_start(&crate::sanitize::sanitize(&program.to_string_lossy()), &e)
        })?;
        drop(emu);
        return Ok(exit_code(status));
    }
    {
        let mut out = std::io::stdout().lock();
        for (k, v) in &vars {
            writeln!(out, "export {k}={}", shell_quote(v))?;
        }
        out.flush()?;
    }
    eprintln!("secretctl emulator listening on {base} (Ctrl-C to stop)");
    emu.wait();
    Ok(crate::error::exit::SUCCESS)
}

fn exit_code(status: std::process::ExitStatus) -> i32 {
    if let Some(code) = status.code() {
        return code;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return 128 + sig;
        }
    }
    1
}

/// Single-quotes a value for `export` unless it is plainly safe.
fn shell_quote(s: &str) -> String {
    let safe = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-.:/@%+=,".contains(&b));
    if safe {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// `emu_` + 32 hex characters.
pub fn random_token() -> String {
    const HEX: &[u8] = b"0123456789abcdef";
    let mut t = String::from("emu_");
    t.extend((0..32).map(|_| HEX[fastrand::usize(..16)] as char));
    t
}

// ---------------------------------------------------------------------------------------------
// Server

async fn accept_loop(
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    mut shutdown: oneshot::Receiver<()>,
) {
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let _ = stream.set_nodelay(true);
                    let shared = shared.clone();
                    tokio::spawn(async move {
                        let svc = service_fn(move |req| serve(shared.clone(), req));
                        let _ = http1::Builder::new()
                            .keep_alive(true)
                            .serve_connection(TokioIo::new(stream), svc)
                            .await;
                    });
                }
                // E.g. too many open files: back off a little instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            },
        }
    }
}

/// The service's error: hyper closes the connection without writing a response.
#[derive(Debug)]
struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by an emulator fault")
    }
}

impl std::error::Error for DropConnection {}

/// Response body: a whole buffer, or a stream of chunks fed through a channel.
pub(crate) enum Body {
    Full(Option<Bytes>),
    Stream(mpsc::Receiver<Bytes>),
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            Body::Full(b) => Poll::Ready(b.take().map(|b| Ok(Frame::data(b)))),
            Body::Stream(rx) => rx.poll_recv(cx).map(|o| o.map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Full(Some(b)) => SizeHint::with_exact(b.len() as u64),
            Body::Full(None) => SizeHint::with_exact(0),
            Body::Stream(_) => SizeHint::default(),
        }
    }
}

pub(crate) type Resp = Response<Body>;

pub(crate) fn response(status: u16, content_type: &str, body: impl Into<Bytes>) -> Resp {
    let mut r = Response::new(Body::Full(Some(body.into())));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if let Ok(v) = HeaderValue::from_str(content_type) {
        r.headers_mut().insert(CONTENT_TYPE, v);
    }
    r
}

pub(crate) fn json_response(status: u16, v: &Value) -> Resp {
    response(status, "application/json", v.to_string())
}

pub(crate) fn reason(status: u16) -> &'static str {
    StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error")
}

/// Which API a path belongs to, and the path segments after its version prefix.
enum Route {
    ChatBotKit(Vec<String>),
    Kubiya { v2: bool, rest: Vec<String> },
    Unknown,
}

fn classify(raw_path: &str) -> Route {
    let mut segs: Vec<String> = raw_path
        .trim_start_matches('/')
        .split('/')
        .map(percent_decode)
        .collect();
    while segs.len() > 1 && segs.last().is_some_and(|s| s.is_empty()) {
        segs.pop();
    }
    let s: Vec<&str> = segs.iter().map(String::as_str).collect();
    match s.as_slice() {
        ["v1", ..] => Route::ChatBotKit(segs[1..].to_vec()),
        ["api", "v1", "secrets" | "agents" | "users", ..] => Route::Kubiya {
            v2: false,
            rest: segs[2..].to_vec(),
        },
        ["api", "v1", ..] => Route::ChatBotKit(segs[2..].to_vec()),
        ["api", "v2", ..] => Route::Kubiya {
            v2: true,
            rest: segs[2..].to_vec(),
        },
        _ => Route::Unknown,
    }
}

/// Decodes `%XX` escapes (a malformed escape stays as is; `+` stays `+`); invalid UTF-8 is
/// replaced lossily.
pub(crate) fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Why a request body could not be read.
enum BodyError {
    /// Over [`MAX_BODY`]: answered 413.
    TooLarge,
    /// The client went away while sending it.
    Gone,
}

/// The provider's error body for a bare status (faults, 413): ChatBotKit style when the path
/// has `/secret/`, else Kubiya style.
fn default_error_body(status: u16, raw_path: &str) -> Value {
    let phrase = reason(status);
    if ["/secret/", "/skillset/", "/bot/"]
        .iter()
        .any(|p| raw_path.contains(p))
    {
        json!({"message": chatbotkit::default_message(status), "code": chatbotkit::error_code(status)})
    } else {
        json!({"error": phrase, "message": phrase})
    }
}

fn fault_response(f: &Fault, status: u16, raw_path: &str) -> Resp {
    let body = f
        .body
        .clone()
        .unwrap_or_else(|| default_error_body(status, raw_path).to_string());
    let ct = f.content_type.as_deref().unwrap_or("application/json");
    let mut r = response(status, ct, body);
    if let Some(ra) = &f.retry_after
        && let Ok(v) = HeaderValue::from_str(ra)
    {
        r.headers_mut().insert(RETRY_AFTER, v);
    }
    r
}

async fn serve(shared: Arc<Shared>, req: Request<Incoming>) -> Result<Resp, DropConnection> {
    let (parts, incoming) = req.into_parts();
    let raw_path = parts.uri.path().to_string();
    let query = parts.uri.query().map(str::to_string);
    let declared_too_big = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .is_some_and(|n| n > MAX_BODY as u64);
    let body = if declared_too_big {
        Err(BodyError::TooLarge)
    } else {
        match Limited::new(incoming, MAX_BODY).collect().await {
            Ok(c) => Ok(c.to_bytes()),
            Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => Err(BodyError::TooLarge),
            Err(_) => Err(BodyError::Gone),
        }
    };

    if raw_path == "/_emulator" || raw_path.starts_with("/_emulator/") {
        return match body {
            // Control routes read every stored value: only a caller holding the emulator's
            // token (the one `-- CMD` exports) may use them.
            Ok(_) if !control_authorized(&parts.headers, &shared.token) => Ok(json_response(
                401,
                &json!({
                    "message": "the emulator's control routes need its token: Authorization: Bearer <token> (the CHATBOTKIT_API_TOKEN it exported)",
                    "code": "UNAUTHORIZED"
                }),
            )),
            Ok(body) => Ok(control(&shared, &parts.method, &raw_path, &body)),
            Err(BodyError::TooLarge) => Ok(json_response(413, &json!({"message": reason(413)}))),
            Err(BodyError::Gone) => Err(DropConnection),
        };
    }

    let full_path = match &query {
        Some(q) => format!("{raw_path}?{q}"),
        None => raw_path.clone(),
    };
    let recorded = RecordedRequest {
        method: parts.method.as_str().to_string(),
        path: full_path.clone(),
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_ascii_lowercase(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: body.as_ref().map(|b| b.to_vec()).unwrap_or_default(),
        status: 0,
    };
    let seq = shared.lock().record(recorded);

    let result = match body {
        Ok(body) => {
            api(
                &shared,
                &parts.method,
                &parts.headers,
                &raw_path,
                &full_path,
                query.as_deref(),
                body,
            )
            .await
        }
        Err(BodyError::TooLarge) => Ok(json_response(413, &default_error_body(413, &raw_path))),
        Err(BodyError::Gone) => Err(DropConnection),
    };
    if let Ok(r) = &result {
        shared.lock().set_status(seq, r.status().as_u16());
    }
    result
}

async fn api(
    shared: &Arc<Shared>,
    method: &Method,
    headers: &HeaderMap,
    raw_path: &str,
    full_path: &str,
    query: Option<&str>,
    body: Bytes,
) -> Result<Resp, DropConnection> {
    let route = classify(raw_path);
    let kubiya_shape = !matches!(route, Route::ChatBotKit(_));
    // The limit is checked on arrival, before latency and faults: a refused request changes
    // nothing.
    let verdict = shared.lock().rate_limit.as_mut().map(|b| {
        (
            b.take(std::time::Instant::now()),
            b.limit(),
            b.settings.retry_after,
            b.settings.headers,
        )
    });
    let mut pass_headers = None;
    if let Some((verdict, limit, send_retry_after, send_headers)) = verdict {
        match verdict {
            ratelimit::Verdict::Limited { retry_after, reset } => {
                return Ok(if kubiya_shape {
                    let mut r = kubiya::error(429, "Too Many Requests", "Rate limit exceeded");
                    if send_headers {
                        rate_headers(&mut r, limit, 0, reset);
                    }
                    if send_retry_after {
                        r.headers_mut()
                            .insert(RETRY_AFTER, HeaderValue::from(retry_after));
                    }
                    r
                } else {
                    chatbotkit::rate_limited()
                });
            }
            ratelimit::Verdict::Pass { remaining, reset } if kubiya_shape && send_headers => {
                pass_headers = Some((limit, remaining, reset));
            }
            ratelimit::Verdict::Pass { .. } => {}
        }
    }
    let mut resp = api_inner(
        shared, method, headers, route, raw_path, full_path, query, body,
    )
    .await?;
    if let Some((limit, remaining, reset)) = pass_headers {
        rate_headers(&mut resp, limit, remaining, reset);
    }
    Ok(resp)
}

/// Kubiya's documented `X-RateLimit-*` headers (`Reset`: whole seconds until the bucket is
/// full again).
fn rate_headers(r: &mut Resp, limit: u32, remaining: u32, reset: u64) {
    let h = r.headers_mut();
    h.insert("x-ratelimit-limit", HeaderValue::from(limit));
    h.insert("x-ratelimit-remaining", HeaderValue::from(remaining));
    h.insert("x-ratelimit-reset", HeaderValue::from(reset));
}

/// `Authorization: <the provider's scheme> <token>` (`Bearer`, `UserKey`), the scheme in any
/// case, as the servers accept it.
fn authorized(kind: ProviderKind, headers: &HeaderMap, token: &str) -> bool {
    headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
        .is_some_and(|(scheme, t)| {
            scheme.eq_ignore_ascii_case(kind.auth_scheme()) && t.trim() == token
        })
}

/// `/_emulator/*` take the token in either provider's scheme.
fn control_authorized(headers: &HeaderMap, token: &str) -> bool {
    ProviderKind::ALL
        .iter()
        .any(|&kind| authorized(kind, headers, token))
}

#[allow(clippy::too_many_arguments)]
async fn api_inner(
    shared: &Arc<Shared>,
    method: &Method,
    headers: &HeaderMap,
    route: Route,
    raw_path: &str,
    full_path: &str,
    query: Option<&str>,
    body: Bytes,
) -> Result<Resp, DropConnection> {
    let latency = shared.lock().latency_ms;
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    let fault = shared.lock().take_fault(method.as_str(), full_path);
    let mut after = None;
    if let Some(f) = fault {
        if f.latency_ms > 0 {
            tokio::time::sleep(Duration::from_millis(f.latency_ms)).await;
        }
        if f.after {
            after = Some(f);
        } else if f.drop {
            return Err(DropConnection);
        } else if let Some(status) = f.status {
            return Ok(fault_response(&f, status, raw_path));
        }
    }

    // A path no API serves is a plain 404 whatever the credentials: the servers route before
    // they authenticate, so a client with the wrong path never hears "invalid key".
    let route = match route {
        Route::ChatBotKit(rest) if !chatbotkit::is_route(&rest) && !skillsets::is_route(&rest) => {
            Route::Unknown
        }
        // Agents are served under v1 only.
        Route::Kubiya { v2, rest }
            if !kubiya::is_route(&rest) && (v2 || !agents::is_route(&rest)) =>
        {
            Route::Unknown
        }
        r => r,
    };
    let resp = match route {
        Route::ChatBotKit(rest) => {
            if !authorized(ProviderKind::Chatbotkit, headers, &shared.token) {
                chatbotkit::unauthorized()
            } else if skillsets::is_route(&rest) {
                skillsets::handle(shared, method, &rest, query, &body)
            } else {
                chatbotkit::handle(shared, method, &rest, query, headers, &body)
            }
        }
        Route::Kubiya { v2, rest } => {
            if !authorized(ProviderKind::Kubiya, headers, &shared.token) {
                kubiya::unauthorized()
            } else if agents::is_route(&rest) {
                agents::handle(shared, method, &rest, &body)
            } else {
                kubiya::handle(shared, v2, method, &rest, &body)
            }
        }
        Route::Unknown => json_response(
            404,
            &json!({"error": "Not Found", "message": "Not Found", "code": "NOT_FOUND"}),
        ),
    };

    if let Some(f) = after {
        if f.drop {
            return Err(DropConnection);
        }
        if let Some(status) = f.status {
            return Ok(fault_response(&f, status, raw_path));
        }
    }
    Ok(resp)
}

/// `/_emulator/*`: not logged, not delayed, not faulted; authenticated by `serve`.
fn control(shared: &Shared, method: &Method, raw_path: &str, body: &[u8]) -> Resp {
    let ok = || json_response(200, &json!({}));
    let bad = |msg: String| json_response(400, &json!({"message": msg, "code": "BAD_REQUEST"}));
    let path = raw_path.trim_end_matches('/');
    match (method, path) {
        (&Method::GET, "/_emulator/secrets") => json_response(200, &shared.lock().secrets_json()),
        (&Method::GET, "/_emulator/requests") => {
            let reqs: Vec<RecordedRequest> = shared
                .lock()
                .requests
                .iter()
                .map(|(_, r)| r.clone())
                .collect();
            json_response(200, &serde_json::to_value(reqs).unwrap_or(Value::Null))
        }
        (&Method::POST, "/_emulator/faults") => match serde_json::from_slice::<Fault>(body) {
            Ok(f) => {
                if let Some(s) = f.status
                    && StatusCode::from_u16(s).is_err()
                {
                    return bad(format!("invalid status {s}"));
                }
                shared.lock().faults.push(f);
                ok()
            }
            Err(e) => bad(format!("invalid fault: {e}")),
        },
        (&Method::DELETE, "/_emulator/faults") => {
            shared.lock().faults.clear();
            ok()
        }
        (&Method::PUT, "/_emulator/settings") => {
            let v: Value = match serde_json::from_slice(body) {
                Ok(v @ Value::Object(_)) => v,
                Ok(_) => return bad("settings must be a JSON object".into()),
                Err(e) => return bad(format!("invalid JSON: {e}")),
            };
            let latency = match v.get("latency_ms") {
                None | Some(Value::Null) => None,
                Some(l) => match l.as_u64() {
                    Some(n) => Some(n),
                    None => return bad("latency_ms must be a non-negative integer".into()),
                },
            };
            let format = match v.get("kubiya_value_format") {
                None => None,
                Some(f) => match serde_json::from_value::<Option<KubiyaValueFormat>>(f.clone()) {
                    Ok(f) => Some(f),
                    Err(_) => {
                        return bad(
                            "kubiya_value_format must be object, base64-string, raw-text or null"
                                .into(),
                        );
                    }
                },
            };
            let link_style = match v.get("chatbotkit_ability_link") {
                None => None,
                Some(l) => match serde_json::from_value::<LinkStyle>(l.clone()) {
                    Ok(l) => Some(l),
                    Err(_) => {
                        return bad(
                            "chatbotkit_ability_link must be linkedSecretId or secretId".into()
                        );
                    }
                },
            };
            let rate_limit = match v.get("rate_limit") {
                None => None,
                Some(Value::Null) => Some(None),
                Some(r) => match serde_json::from_value::<RateLimitSettings>(r.clone()) {
                    Ok(r) => match r.check() {
                        Ok(()) => Some(Some(r)),
                        Err(m) => return bad(m),
                    },
                    Err(e) => {
                        return bad(format!(
                            "rate_limit must be null or {{\"rps\": N, \"burst\": B, \"retry_after\": bool, \"headers\": bool}}: {e}"
                        ));
                    }
                },
            };
            let mut st = shared.lock();
            if let Some(n) = latency {
                st.latency_ms = n;
            }
            if let Some(r) = rate_limit {
                st.rate_limit = r.map(|r| ratelimit::Bucket::new(r, std::time::Instant::now()));
            }
            if let Some(f) = format {
                st.kubiya_format = f;
            }
            if let Some(l) = link_style {
                st.cbk_link_style = l;
            }
            ok()
        }
        (&Method::POST, "/_emulator/reset") => {
            shared.lock().reset();
            ok()
        }
        (_, "/_emulator/secrets" | "/_emulator/requests" | "/_emulator/faults")
        | (_, "/_emulator/settings" | "/_emulator/reset") => json_response(
            405,
            &json!({"message": "Method Not Allowed", "code": "METHOD_NOT_ALLOWED"}),
        ),
        _ => json_response(404, &json!({"message": "Not Found", "code": "NOT_FOUND"})),
    }
}
