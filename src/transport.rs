//! The one HTTP path. Owns the client (one per process, keep-alive), the timeouts, the retry
//! rules, `-v`/`-vv` tracing with the token redacted, and the mapping of failures to the
//! contract's error kinds. Providers only build requests and read JSON.

use std::io::{Read, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::blocking::{Client, Request, Response};
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue, RETRY_AFTER};
use reqwest::{Method, StatusCode, Url};
use zeroize::Zeroizing;

use crate::error::{self, Effect, Error, Result};
use crate::pace::{Budget, Pace, Permit, Stop, Verdict};
use crate::provider::kind::ProviderKind;
use crate::secret::Token;

pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_TIMEOUT_SECS: u64 = 30;
pub const DEFAULT_RETRIES: u32 = 3;
const BACKOFF_START: Duration = Duration::from_millis(250);
const BACKOFF_MAX: Duration = Duration::from_secs(8);
/// Longest `Retry-After` honoured; a server asking for more gets this.
const RETRY_AFTER_MAX: Duration = Duration::from_secs(60);
/// Error bodies are read up to this size; success bodies (JSON) up to `MAX_BODY`.
const MAX_ERROR_BODY: u64 = 64 * 1024;
pub const MAX_BODY: u64 = 64 * 1024 * 1024;
const MAY_HAVE_BEEN_PROCESSED: &str =
    "the request may have been processed; list the secrets to check before trying again";

/// When a request may be sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Reads and updates: repeating them does no harm.
    Idempotent,
    /// Deletes (and ChatBotKit's revoke): repeatable, and a 404 after an attempt the server
    /// may have acted on means that attempt did it.
    Delete,
    /// Creates: only when the server cannot have processed the request (connection refused,
    /// 429), so a retry never makes a duplicate.
    OnlyIfUnprocessed,
}

/// What one attempt came to, as the retry rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// An HTTP answer with this status.
    Status(u16),
    /// No answer: how the request failed.
    Net(NetClass),
}

impl Outcome {
    fn describe(self) -> String {
        match self {
            Outcome::Status(s) => format!(
                "{s} {}",
                StatusCode::from_u16(s)
                    .ok()
                    .and_then(|c| c.canonical_reason())
                    .unwrap_or("")
            ),
            Outcome::Net(c) => c.describe().to_string(),
        }
    }
}

/// What the retry rules say after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Done: a success, or a delete's 404 after an attempt the server may have acted on.
    Done,
    /// Send again, after the server's hint if it gave one, else after the backoff.
    Retry(Option<Duration>),
    /// A bulk run's 429: wait with the whole run at its shared pace, then send again. It is
    /// not one of the request's retries; the pace's give-up rule ends a run that makes no
    /// progress (see [`crate::pace`]).
    Hold,
    /// Stop, with this attempt's error.
    GiveUp,
}

/// What the earlier attempts of one call came to, as the retry rules need it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tries {
    /// Retries counted against `--retries` (a paced 429 is not one).
    pub retried: u32,
    /// Whether an earlier attempt may have been acted on (a 5xx, a dropped connection).
    pub unsure: bool,
}

impl Tries {
    /// These tries, and a retry of an attempt that came to `outcome`.
    fn after(self, outcome: Outcome) -> Tries {
        Tries {
            retried: self.retried + 1,
            unsure: self.unsure || may_have_acted(outcome),
        }
    }
}

/// The retry contract of one request, whole (docs/reliability.md):
/// - 2xx is done;
/// - a delete's 404 after an attempt the server may have acted on is done;
/// - in a bulk run (`paced`: the run shares one pace) a 429 holds at the pace and is sent
///   again, for every class and however many retries were used;
/// - 429 and a refused connection are retried for every class (the server did nothing);
/// - 502, 503, 504 and a connection dropped before the answer are retried unless the request
///   is a create (it may have been processed: a retry could duplicate it);
/// - anything else (other statuses, timeouts, TLS failures) is final;
/// - at most `max_retries` retries (`tries` says how many were used, and whether an earlier
///   attempt may have been acted on); the server's hint (`Retry-After`) is the wait when given.
pub fn decide(
    class: Retry,
    outcome: Outcome,
    tries: Tries,
    max_retries: u32,
    paced: bool,
    hint: Option<Duration>,
) -> Decision {
    let repeatable = class != Retry::OnlyIfUnprocessed;
    let retryable = match outcome {
        Outcome::Status(200..=299) => return Decision::Done,
        Outcome::Status(404) if class == Retry::Delete && tries.unsure => {
            return Decision::Done;
        }
        Outcome::Status(429) if paced => return Decision::Hold,
        Outcome::Status(429) => true,
        Outcome::Status(502..=504) => repeatable,
        Outcome::Status(_) => false,
        Outcome::Net(NetClass::Connect) => true,
        Outcome::Net(NetClass::NoResponse) => repeatable,
        Outcome::Net(NetClass::Timeout | NetClass::Tls | NetClass::Other) => false,
    };
    if retryable && tries.retried < max_retries {
        Decision::Retry(hint)
    } else {
        Decision::GiveUp
    }
}

/// Whether the server may have acted on an attempt that came to `outcome`: a 5xx, or a
/// request sent and never answered.
pub fn may_have_acted(outcome: Outcome) -> bool {
    match outcome {
        Outcome::Status(s) => (500..=599).contains(&s),
        Outcome::Net(c) => matches!(
            c,
            NetClass::NoResponse | NetClass::Timeout | NetClass::Other
        ),
    }
}

/// One API call.
pub struct Call<'a> {
    pub method: Method,
    pub url: Url,
    pub body: Option<Zeroizing<Vec<u8>>>,
    pub accept: Option<&'static str>,
    pub retry: Retry,
    /// What is being done, for messages: `create ChatBotKit secret 'X'`.
    pub what: &'a str,
    /// Strings that must never appear in an error message (the value being sent).
    pub redact: Vec<&'a str>,
}

impl<'a> Call<'a> {
    pub fn new(method: Method, url: Url, what: &'a str) -> Self {
        let retry = if method == Method::POST {
            Retry::OnlyIfUnprocessed
        } else if method == Method::DELETE {
            Retry::Delete
        } else {
            Retry::Idempotent
        };
        Call {
            method,
            url,
            body: None,
            accept: None,
            retry,
            what,
            redact: vec![],
        }
    }

    pub fn json(mut self, body: &impl serde::Serialize) -> Result<Self> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| error::other(format!("cannot encode request: {e}")))?;
        self.body = Some(Zeroizing::new(bytes));
        Ok(self)
    }

    pub fn retry(mut self, r: Retry) -> Self {
        self.retry = r;
        self
    }

    pub fn accept(mut self, a: &'static str) -> Self {
        self.accept = Some(a);
        self
    }

    pub fn redact(mut self, s: &'a str) -> Self {
        self.redact.push(s);
        self
    }
}

/// A response the retry rules count as done.
pub struct Reply {
    pub response: Response,
    /// A delete's 404 after an attempt the server may have acted on: the first attempt did
    /// it (the response is that 404). The caller decides what that means for a target that
    /// might have been a name rather than an id.
    pub gone_on_retry: bool,
}

/// A failed call's error, marked [`Effect::Unsure`] when the server may have acted.
fn failed(error: Error, unsure: bool) -> Error {
    if unsure && error.effect() == Effect::Known {
        error.with_effect(Effect::Unsure)
    } else {
        error
    }
}

/// A clone shares the connection pool; [`Transport::with_pace`] then paces only the clone.
#[derive(Clone)]
pub struct Transport {
    client: Client,
    kind: ProviderKind,
    token: Token,
    retries: u32,
    verbose: u8,
    /// `--timeout`: the whole of one request, a streamed body included.
    timeout: Duration,
    /// Headers sent with every request besides the fixed ones (ChatBotKit's run-as user).
    extra: HeaderMap,
    /// The shared pace of a bulk run.
    pace: Option<Arc<Pace>>,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("kind", &self.kind)
            .field("token", &self.token)
            .finish()
    }
}

impl Transport {
    /// `endpoint`: the API root. A loopback `http` endpoint (the emulator) needs no root
    /// certificates, so none are loaded: start-up stays cheap. A loopback endpoint never goes
    /// through a proxy (`HTTP_PROXY`/`HTTPS_PROXY`/`ALL_PROXY` would carry the token off the
    /// machine, in clear text for `http`); a remote one honours them and `NO_PROXY`.
    pub fn new(
        kind: ProviderKind,
        token: Token,
        timeout: Duration,
        retries: u32,
        verbose: u8,
        endpoint: &Url,
    ) -> Result<Self> {
        let tls = endpoint.scheme() == "https";
        let mut builder = Client::builder();
        if crate::config::is_loopback(endpoint) {
            builder = builder.no_proxy();
        }
        let client = builder
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(timeout)
            .user_agent(concat!("secretctl/", env!("CARGO_PKG_VERSION")))
            .pool_max_idle_per_host(64)
            .tls_built_in_root_certs(tls)
            .https_only(tls)
            // A 307/308 would re-send the body — the secret value — wherever Location points.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| error::other(format!("cannot set up HTTP client: {e}")))?;
        Ok(Transport {
            client,
            kind,
            token,
            retries,
            verbose,
            timeout,
            extra: HeaderMap::new(),
            pace: None,
        })
    }

    /// Send `name: value` with every request. `setting` names where the value came from, for
    /// the error when it cannot be a header value.
    pub fn with_header(mut self, name: &'static str, value: &str, setting: &str) -> Result<Self> {
        let v = HeaderValue::from_str(value).map_err(|_| {
            error::usage(format!(
                "{setting} contains characters not allowed in an HTTP header"
            ))
        })?;
        self.extra.insert(name, v);
        Ok(self)
    }

    /// `--timeout`, which bounds a whole request: a reader of a streamed body stops at it.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Pace every request by the run's shared pace (bulk runs).
    pub fn with_pace(mut self, pace: Arc<Pace>) -> Self {
        self.pace = Some(pace);
        self
    }

    fn auth_value(&self) -> Result<HeaderValue> {
        let scheme = self.kind.auth_scheme();
        let mut v =
            HeaderValue::from_str(&format!("{scheme} {}", self.token.expose())).map_err(|_| {
                error::auth("the token contains characters not allowed in an HTTP header")
            })?;
        v.set_sensitive(true);
        Ok(v)
    }

    /// Send with retries; `Ok` only for a 2xx response (or a delete's [`Reply::gone_on_retry`]).
    /// Each attempt is built, let out by the run's pace (bulk runs), sent and classified;
    /// [`decide`] says what follows, and this carries it out. With a [`Pace`] a 429 waits
    /// with the whole run instead of using up this call's retries.
    pub fn send(&self, call: &Call) -> Result<Reply> {
        let auth = self.auth_value().map_err(|e| failed(e, false))?;
        let mut tries = Tries::default();
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let slot = self.slot(call, tries.unsure)?;
            let req = self.request(call, &auth, tries.unsure)?;
            let (outcome, answer) = self.execute(req, attempt);
            let hint = answer.as_ref().ok().and_then(|r| retry_after(r.headers()));
            let decision = decide(
                call.retry,
                outcome,
                tries,
                self.retries,
                slot.is_some(),
                hint,
            );
            let unsure = tries.unsure || may_have_acted(outcome);
            // Only an answer (a status) is ever done or held; a failure without one is
            // retried or given up.
            match (decision, slot, answer) {
                (Decision::Done, slot, Ok(response)) => {
                    return Ok(self.done(response, slot.map(|(_, permit)| permit.sent_at)));
                }
                (Decision::Hold, Some((pace, permit)), Ok(response)) => {
                    if let Err(why) = self.hold(pace, permit.sent_at, &response) {
                        return Err(self.give_up(call, Ok(response), unsure, Some(why)));
                    }
                }
                (Decision::Retry(wait), slot, answer) => {
                    drop(slot);
                    tries = tries.after(outcome);
                    if !self.wait_to_retry(outcome, wait, attempt, tries.retried) {
                        let why = "interrupted while waiting to try again; nothing more was sent";
                        return Err(self.give_up(call, answer, unsure, Some(why.into())));
                    }
                }
                (_, _slot, answer) => return Err(self.give_up(call, answer, unsure, None)),
            }
        }
    }

    /// The run's pace (bulk runs) and the slot it let this attempt out in; `None` for a
    /// single command.
    fn slot(&self, call: &Call, unsure: bool) -> Result<Option<(&Pace, Permit<'_>)>, Error> {
        let Some(pace) = self.pace.as_deref() else {
            return Ok(None);
        };
        match pace.acquire() {
            Ok(permit) => Ok(Some((pace, permit))),
            Err(stop) => Err(self.stopped(call, stop, unsure)),
        }
    }

    /// The HTTP request of one attempt.
    fn request(&self, call: &Call, auth: &HeaderValue, unsure: bool) -> Result<Request, Error> {
        let mut req = self
            .client
            .request(call.method.clone(), call.url.clone())
            .header(AUTHORIZATION, auth.clone())
            .headers(self.extra.clone())
            .header(ACCEPT, call.accept.unwrap_or("application/json"));
        if let Some(b) = &call.body {
            req = req
                .header(CONTENT_TYPE, "application/json")
                .body(b.to_vec());
        }
        req.build().map_err(|e| {
            failed(
                error::other(format!("{}: cannot build request: {e}", call.what)),
                unsure,
            )
        })
    }

    /// Send one attempt and classify what came of it, traced with `-v`.
    fn execute(
        &self,
        req: Request,
        attempt: u32,
    ) -> (Outcome, std::result::Result<Response, reqwest::Error>) {
        self.trace_request(&req, attempt);
        let start = Instant::now();
        let result = self.client.execute(req);
        let elapsed = start.elapsed();
        match result {
            Ok(resp) => {
                self.trace_response(&resp, elapsed);
                (Outcome::Status(resp.status().as_u16()), Ok(resp))
            }
            Err(e) => {
                let class = classify(&e);
                self.trace_failure(class, elapsed);
                (Outcome::Net(class), Err(e))
            }
        }
    }

    /// A response [`decide`] counts as done; a bulk run's pace hears of every success (sent
    /// at `sent_at`), with what the server says is left of its rate limit.
    fn done(&self, response: Response, sent_at: Option<Instant>) -> Reply {
        let success = response.status().is_success();
        if let (Some(p), Some(sent_at)) = (&self.pace, sent_at)
            && success
        {
            p.success_at(sent_at, rate_budget(response.headers()));
        }
        Reply {
            gone_on_retry: !success,
            response,
        }
    }

    /// Wait before the retry numbered `retried`: the server's hint, else the backoff of this
    /// attempt. `false` when a signal came first.
    fn wait_to_retry(
        &self,
        outcome: Outcome,
        hint: Option<Duration>,
        attempt: u32,
        retried: u32,
    ) -> bool {
        let wait = hint.unwrap_or_else(|| backoff(attempt));
        self.trace_retry(&outcome.describe(), wait, retried);
        crate::signals::pause(wait)
    }

    /// The failure for an attempt the rules do not repeat: its status or network error, the
    /// hint that fits, and whether the server may have acted on it (or an earlier attempt).
    fn give_up(
        &self,
        call: &Call,
        answer: std::result::Result<Response, reqwest::Error>,
        unsure: bool,
        hint: Option<String>,
    ) -> Error {
        let mut err = match answer {
            Ok(resp) => {
                let status = resp.status();
                let mut err = self.status_error(call, resp);
                // A 5xx (often a proxy) does not say whether the server acted on the
                // request: a create that was not retried may still have happened.
                if status.is_server_error() && call.retry == Retry::OnlyIfUnprocessed {
                    err = err.with_hint(MAY_HAVE_BEEN_PROCESSED);
                }
                err
            }
            Err(e) => {
                let class = classify(&e);
                let err = error::network(format!("{}: {}", call.what, class.message(&e, call)));
                match class {
                    NetClass::NoResponse if call.retry == Retry::OnlyIfUnprocessed => {
                        err.with_hint(MAY_HAVE_BEEN_PROCESSED)
                    }
                    NetClass::Timeout => {
                        err.with_hint("raise --timeout, or check the base URL and your network")
                    }
                    NetClass::Connect => {
                        err.with_hint(format!("check the base URL ({})", origin(&call.url)))
                    }
                    NetClass::Tls => err.with_hint(tls_hint(&e)),
                    _ => err,
                }
            }
        };
        if let Some(h) = hint {
            err = err.with_hint(h);
        }
        failed(err, unsure)
    }

    /// A bulk run's 429 ([`Decision::Hold`]): the run's pace holds every worker, then this
    /// call is sent again — or, when the run has made no progress for too long, the hint
    /// that says why it stops.
    fn hold(&self, pace: &Pace, sent_at: Instant, response: &Response) -> Result<(), String> {
        let headers = response.headers();
        match pace.limited_with(sent_at, rate_limit_hint(headers), rate_budget(headers)) {
            Verdict::Retry => {
                self.trace_wait(pace.waiting().unwrap_or_default());
                Ok(())
            }
            Verdict::GiveUp => Err(format!(
                "rate limited, and no request of this run succeeded for {} s: the account's \
                 quota may be used up; run it again later",
                pace.give_up_after().as_secs()
            )),
        }
    }

    /// The failure of a call the run's pace did not let out.
    fn stopped(&self, call: &Call, stop: Stop, unsure: bool) -> Error {
        let err = match stop {
            Stop::Interrupted => {
                error::other(format!("{}: interrupted before it was sent", call.what))
            }
            Stop::GaveUp => error::network(format!(
                "{}: not sent: the run stopped on the rate limit",
                call.what
            )),
        };
        let effect = if unsure {
            Effect::Unsure
        } else {
            Effect::NotSent
        };
        failed(err.with_effect(effect), unsure)
    }

    /// Send and decode a JSON success body.
    pub fn json(&self, call: &Call) -> Result<serde_json::Value> {
        let reply = self.send(call)?;
        // A write answered 2xx did happen, whatever the body: an unreadable one leaves its
        // result unknown, not undone.
        read_json(reply.response, call.what).map_err(|e| {
            if call.method == Method::GET {
                e
            } else {
                e.with_effect(Effect::Unsure)
            }
        })
    }

    /// [`Transport::json`], with the rate-limit headroom the answer announced.
    pub fn json_with_headroom(
        &self,
        call: &Call,
    ) -> Result<(serde_json::Value, Option<RateLimit>)> {
        let reply = self.send(call)?;
        let headroom = RateLimit::from_headers(reply.response.headers());
        Ok((read_json(reply.response, call.what)?, headroom))
    }

    fn status_error(&self, call: &Call, resp: Response) -> Error {
        let status = resp.status();
        let location = resp
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(|l| crate::sanitize::sanitize(l).into_owned());
        let ct = content_type(&resp);
        let mut body = Vec::new();
        let _ = resp.take(MAX_ERROR_BODY).read_to_end(&mut body);
        let api_body = is_api_error_body(&ct, &body);
        let message = error_message(&body).unwrap_or_else(|| {
            format!(
                "HTTP Error: {}",
                status.canonical_reason().unwrap_or("unknown status")
            )
        });
        // Any echo of the value (or the token) is cut out — partial, in another case, base64-
        // or URL-encoded — before the message is shortened; where that cannot be promised
        // (a secret too short to cut out safely appears), the message is withheld.
        let mut secrets = call.redact.clone();
        if self.token.expose().len() >= crate::redact::ECHO_RUN {
            secrets.push(self.token.expose());
        }
        let message = crate::redact::scrub(&message, &secrets).unwrap_or_else(|| {
            format!(
                "HTTP Error: {} (the server's message is withheld: it may contain the value)",
                status.canonical_reason().unwrap_or("unknown status")
            )
        });
        let message = crate::sanitize::sanitize(&shorten(&message)).into_owned();
        let text = format!("{}: {} ({})", call.what, message, status.as_u16());
        let server = message;
        let vars = self.kind.token_env().join(" or ");
        let err = match status.as_u16() {
            401 => error::auth(text).with_hint(format!(
                "check the {} token ({vars}, or the profile's token)",
                self.kind.display()
            )),
            403 => error::auth(text).with_hint("the token is valid but not allowed to do this"),
            404 => error::not_found(text),
            409 => error::conflict(text),
            300..=399 => error::other(text).with_hint(format!(
                "the server redirected{}; secretctl does not follow redirects (they could carry the value elsewhere): check the base URL",
                location.map_or(String::new(), |l| format!(" to {l}"))
            )),
            429 => error::network(text)
                .with_hint("rate limited; try again later or lower --concurrency"),
            500..=599 => error::network(text),
            _ => error::other(text),
        };
        let err = err.with_status(status.as_u16()).with_server_message(server);
        if api_body { err.with_api_body() } else { err }
    }

    fn trace_request(&self, req: &reqwest::blocking::Request, attempt: u32) {
        if self.verbose == 0 {
            return;
        }
        let mut err = std::io::stderr().lock();
        let again = if attempt > 1 {
            format!(" (attempt {attempt})")
        } else {
            String::new()
        };
        let _ = writeln!(err, "> {} {}{again}", req.method(), req.url());
        if self.verbose > 1 {
            trace_headers(&mut err, ">", req.headers());
        }
    }

    fn trace_response(&self, resp: &Response, elapsed: Duration) {
        if self.verbose == 0 {
            return;
        }
        let mut err = std::io::stderr().lock();
        let s = resp.status();
        let _ = writeln!(
            err,
            "< {} {} ({} ms)",
            s.as_u16(),
            s.canonical_reason().unwrap_or(""),
            elapsed.as_millis()
        );
        if self.verbose > 1 {
            trace_headers(&mut err, "<", resp.headers());
        }
    }

    fn trace_failure(&self, class: NetClass, elapsed: Duration) {
        if self.verbose > 0 {
            let _ = writeln!(
                std::io::stderr().lock(),
                "* {} after {} ms",
                class.describe(),
                elapsed.as_millis()
            );
        }
    }

    fn trace_wait(&self, wait: Duration) {
        if self.verbose > 0 {
            let _ = writeln!(
                std::io::stderr().lock(),
                "* 429 Too Many Requests: the whole run waits {} ms",
                wait.as_millis()
            );
        }
    }

    fn trace_retry(&self, why: &str, wait: Duration, attempt: u32) {
        if self.verbose > 0 {
            let _ = writeln!(
                std::io::stderr().lock(),
                "* {why}: retry {attempt}/{} in {} ms",
                self.retries,
                wait.as_millis()
            );
        }
    }
}

fn trace_headers(w: &mut dyn Write, dir: &str, headers: &HeaderMap) {
    for (name, value) in headers {
        let shown = if name == AUTHORIZATION
            || value.is_sensitive()
            || name.as_str().contains("token")
            || name.as_str().contains("key")
        {
            match value.to_str().ok().and_then(|v| v.split_once(' ')) {
                Some((scheme, _)) if name == AUTHORIZATION => format!("{scheme} <redacted>"),
                _ => "<redacted>".to_string(),
            }
        } else {
            crate::sanitize::sanitize(&String::from_utf8_lossy(value.as_bytes())).into_owned()
        };
        let _ = writeln!(w, "{dir} {name}: {shown}");
    }
}

/// Decode a JSON success body; a body that is not JSON is the server's failure.
pub fn read_json(resp: Response, what: &str) -> Result<serde_json::Value> {
    let mut body = Vec::new();
    resp.take(MAX_BODY)
        .read_to_end(&mut body)
        .map_err(|e| error::network(format!("{what}: the response was cut off: {e}")))?;
    decode_json(&body, what)
}

/// `read_json` for a body already read.
pub fn decode_json(body: &[u8], what: &str) -> Result<serde_json::Value> {
    serde_json::from_slice(body).map_err(|_| {
        let kind = if body.trim_ascii_start().starts_with(b"<") {
            "an HTML page"
        } else {
            "not valid JSON"
        };
        error::network(format!("{what}: the server's answer is {kind}"))
            .with_hint("is the base URL right? a proxy or a wrong path answers like this")
    })
}

/// The `Content-Type` of a response, lowercase; empty when missing.
pub fn content_type(resp: &Response) -> String {
    resp.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Whether an error answer's body is the API's own error object: not an HTML page, and a
/// JSON object with a `message`, `error`, `code` or `detail` (ChatBotKit `{message, code}`,
/// Kubiya `{error, message}`). A proxy's page, a plain-text 404 or an empty body is not.
pub fn is_api_error_body(content_type: &str, body: &[u8]) -> bool {
    if is_html(content_type) {
        return false;
    }
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(m)) => ["message", "error", "code", "detail"]
            .iter()
            .any(|k| m.contains_key(*k)),
        _ => false,
    }
}

/// Whether `e` is the API's own "not found": a 404 whose body is the API's error object
/// ([`is_api_error_body`]). Any other 404 (an HTML page from a proxy, a route the server
/// does not have) is the endpoint's error, never "it does not exist" (the contract's
/// reliability rule). The one place a caller asks this.
pub fn is_api_not_found(e: &Error) -> bool {
    matches!(e, Error::NotFound(m) if m.status == Some(404) && m.api_body)
}

/// Whether a `Content-Type` (lowercase, as [`content_type`] gives it) is an HTML page's.
pub fn is_html(content_type: &str) -> bool {
    content_type.contains("text/html") || content_type.contains("application/xhtml")
}

/// A success answer that is an HTML page comes from something other than the API (a proxy,
/// a login page, a wrong base URL), even where the API's own body would not be read.
pub fn check_not_html(resp: &Response, what: &str) -> Result<()> {
    if is_html(&content_type(resp)) {
        return Err(
            error::network(format!("{what}: the server's answer is an HTML page"))
                .with_hint("is the base URL right? a proxy or a login page answers like this")
                .as_not_the_api(),
        );
    }
    Ok(())
}

/// The message of an error body: `{message, code}` (ChatBotKit), `{error, message}` (Kubiya),
/// `{detail}` (a string, or a validation list of `{loc, msg}` as FastAPI sends), a nested
/// `{"error": {"message"}}`; else plain text (made one line); `None` for anything else (HTML
/// pages, empty bodies, JSON without a message).
pub fn error_message(body: &[u8]) -> Option<String> {
    use serde_json::Value;
    if let Ok(v) = serde_json::from_slice::<Value>(body) {
        let map = match v {
            Value::Object(map) => map,
            // A bare JSON string is the message.
            Value::String(m) if !m.trim().is_empty() => return Some(one_line(&m)),
            _ => return None,
        };
        let text = |v: &Value| v.as_str().filter(|s| !s.trim().is_empty()).map(one_line);
        let msg = ["message", "error", "detail", "details"]
            .iter()
            .find_map(|k| map.get(*k).and_then(text))
            .or_else(|| {
                // {"error": {"message": "…"}}
                map.get("error")
                    .and_then(|e| e.get("message"))
                    .and_then(text)
            })
            .or_else(|| {
                // [{"loc": ["body", "value"], "msg": "Field required", "input": …}]: only the
                // place and the message (an `input` can hold the value that was sent).
                let items = map
                    .get("detail")
                    .or_else(|| map.get("details"))?
                    .as_array()?;
                let parts: Vec<String> = items
                    .iter()
                    .filter_map(|d| {
                        let m = d.get("msg").or_else(|| d.get("message")).and_then(text)?;
                        let at: Vec<String> = d
                            .get("loc")
                            .and_then(Value::as_array)
                            .map(|l| {
                                l.iter()
                                    .filter(|s| s.as_str() != Some("body"))
                                    .map(|s| match s {
                                        Value::String(s) => s.clone(),
                                        other => other.to_string(),
                                    })
                                    .collect()
                            })
                            .unwrap_or_default();
                        Some(if at.is_empty() {
                            m
                        } else {
                            format!("{}: {m}", at.join("."))
                        })
                    })
                    .collect();
                (!parts.is_empty()).then(|| one_line(&parts.join("; ")))
            })?;
        return Some(match map.get("code").and_then(|c| c.as_str()) {
            Some(code) if !code.is_empty() => format!("{msg} [{code}]"),
            _ => msg,
        });
    }
    let text = std::str::from_utf8(body).ok()?.trim();
    if text.is_empty() || text.starts_with('<') || text.starts_with('{') || text.starts_with('[') {
        return None;
    }
    Some(one_line(text))
}

/// Whitespace (newlines included) run together into single spaces.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most 300 characters of a server's message.
fn shorten(s: &str) -> String {
    if s.chars().count() > 300 {
        format!("{}…", s.chars().take(300).collect::<String>())
    } else {
        s.to_string()
    }
}

fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetClass {
    /// Could not connect: the server never saw the request.
    Connect,
    /// Connected and sent, but the connection ended before a response.
    NoResponse,
    Timeout,
    /// Connected, but the TLS handshake failed: trying again gives the same answer.
    Tls,
    Other,
}

impl NetClass {
    fn describe(self) -> &'static str {
        match self {
            NetClass::Connect => "connection failed",
            NetClass::NoResponse => "connection dropped before a response",
            NetClass::Timeout => "timed out",
            NetClass::Tls => "TLS handshake failed",
            NetClass::Other => "request failed",
        }
    }

    fn message(self, e: &reqwest::Error, call: &Call) -> String {
        match self {
            NetClass::Connect => format!("cannot connect to {}", origin(&call.url)),
            NetClass::NoResponse => "the connection was dropped before a response".to_string(),
            NetClass::Timeout => "no response within the timeout".to_string(),
            NetClass::Tls => format!(
                "TLS handshake with {} failed: {}",
                origin(&call.url),
                tls_reason(e)
            ),
            // reqwest's chain names the URL at most; never a body.
            NetClass::Other => chain(e),
        }
    }
}

/// Every message of an error's chain, joined by `: `.
fn chain(e: &reqwest::Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}

/// The chain, lowercase, for recognising a kind of failure.
fn chain_text(e: &reqwest::Error) -> String {
    chain(e).to_ascii_lowercase()
}

/// Whether a connect error is rustls refusing the handshake (the server speaks plain http
/// on that port, or its certificate is not trusted).
fn is_tls(e: &reqwest::Error) -> bool {
    let t = chain_text(e);
    // rustls's own words for a handshake that can never succeed; a reset during the
    // handshake is a connection failure, and is retried.
    [
        "corrupt message",
        "invalidcontenttype",
        "certificate",
        "received fatal alert",
        "peer is incompatible",
        "peer misbehaved",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// The TLS failure in a few words.
fn tls_reason(e: &reqwest::Error) -> &'static str {
    let t = chain_text(e);
    if t.contains("corrupt message") || t.contains("invalidcontenttype") {
        "the server's answer is not TLS"
    } else if t.contains("certificate") {
        "the server's certificate is not trusted"
    } else {
        "the server refused the handshake"
    }
}

fn tls_hint(e: &reqwest::Error) -> String {
    let t = chain_text(e);
    if t.contains("corrupt message") || t.contains("invalidcontenttype") {
        "the port probably speaks plain http; use the server's https port (plain http:// is \
         allowed only for loopback)"
            .into()
    } else if t.contains("certificate") {
        "a company proxy or private CA must be trusted by this machine (secretctl uses the \
         system's roots as well as its own)"
            .into()
    } else {
        "check the base URL's scheme and port".into()
    }
}

fn classify(e: &reqwest::Error) -> NetClass {
    if e.is_connect() {
        if is_tls(e) {
            return NetClass::Tls;
        }
        return NetClass::Connect;
    }
    if e.is_timeout() {
        return NetClass::Timeout;
    }
    if e.is_request() || e.is_body() {
        return NetClass::NoResponse;
    }
    NetClass::Other
}

/// `Retry-After` as seconds or an HTTP date, capped.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let d = if let Ok(secs) = v.parse::<u64>() {
        Duration::from_secs(secs)
    } else {
        let when = httpdate::parse_http_date(v).ok()?;
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO)
    };
    Some(d.min(RETRY_AFTER_MAX))
}

/// When a rate-limited server says to try again: `Retry-After` (seconds or an HTTP date),
/// else the reset of its rate-limit headers ([`reset_in`]); capped.
pub fn rate_limit_hint(headers: &HeaderMap) -> Option<Duration> {
    retry_after(headers).or_else(|| reset_in(headers).map(|d| d.min(RETRY_AFTER_MAX)))
}

/// `RateLimit-Reset` / `X-RateLimit-Reset`, else the `reset=` (or `t=`) of a `RateLimit`
/// header, as the time from now. A reset above 10^9 is a Unix time (seconds, or milliseconds
/// above 10^12), anything smaller a number of seconds from now.
fn reset_in(headers: &HeaderMap) -> Option<Duration> {
    let reset = rate_header(headers, "reset").or_else(|| rate_field(headers, "reset"))?;
    let n: f64 = reset
        .trim()
        .parse()
        .ok()
        .filter(|n: &f64| n.is_finite() && *n >= 0.0)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs_f64();
    let secs = if n > 1e12 {
        n / 1000.0 - now
    } else if n > 1e9 {
        n - now
    } else {
        n
    };
    Some(Duration::from_secs_f64(secs.max(0.0)))
}

fn header_text<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// One of the rate-limit headers (`limit`, `remaining`, `reset`), in any of the spellings
/// servers use: `RateLimit-*` (the IETF draft), `X-RateLimit-*`, `X-Rate-Limit-*`.
fn rate_header(headers: &HeaderMap, part: &str) -> Option<String> {
    ["ratelimit-", "x-ratelimit-", "x-rate-limit-"]
        .iter()
        .find_map(|p| header_text(headers, &format!("{p}{part}")))
        .map(str::to_string)
}

/// `part` (`limit`, `remaining`, `reset`) in the one-header form of the IETF draft:
/// `RateLimit: limit=100, remaining=50, reset=30`, or its later short keys (`r=`, `t=`).
fn rate_field(headers: &HeaderMap, part: &str) -> Option<String> {
    let keys: &[&str] = match part {
        "remaining" => &["remaining", "r"],
        "reset" => &["reset", "t"],
        _ => &[part],
    };
    let v = header_text(headers, "ratelimit")?;
    v.split([',', ';']).map(str::trim).find_map(|p| {
        keys.iter().find_map(|k| {
            p.strip_prefix(k)
                .and_then(|r| r.strip_prefix('='))
                .map(str::to_string)
        })
    })
}

/// A whole number from the rate-limit headers, in any of their forms.
fn rate_number(headers: &HeaderMap, part: &str) -> Option<u64> {
    rate_header(headers, part)
        .or_else(|| rate_field(headers, part))
        .and_then(|v| v.trim().parse::<u64>().ok())
}

/// The rate-limit headroom a server announced with an answer (`X-RateLimit-*`): what
/// `config check` shows next to `ok`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RateLimit {
    pub limit: Option<u64>,
    pub remaining: Option<u64>,
    /// Seconds until the window resets.
    pub reset_secs: Option<u64>,
}

impl RateLimit {
    /// `None` when the answer carries none of the headers.
    pub fn from_headers(headers: &HeaderMap) -> Option<RateLimit> {
        let number = |part| rate_number(headers, part);
        let r = RateLimit {
            limit: number("limit"),
            remaining: number("remaining"),
            reset_secs: reset_in(headers).map(|d| d.as_secs()),
        };
        (r != RateLimit::default()).then_some(r)
    }

    /// `99/100 requests left, resets in 60 s`, with what the server gave.
    pub fn describe(&self) -> String {
        let left = match (self.remaining, self.limit) {
            (Some(r), Some(l)) => Some(format!("{r}/{l} requests left")),
            (Some(r), None) => Some(format!("{r} requests left")),
            (None, Some(l)) => Some(format!("limit {l} requests")),
            (None, None) => None,
        };
        let reset = self.reset_secs.map(|s| format!("resets in {s} s"));
        [left, reset]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What the server says is left of its rate limit ([`RateLimit`], with the reset): the pace of
/// a bulk run keeps under it before any 429 (see [`crate::pace`]). `None` unless both the
/// limit and what remains are whole numbers.
pub fn rate_budget(headers: &HeaderMap) -> Option<Budget> {
    let r = RateLimit::from_headers(headers)?;
    let whole = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    Some(Budget {
        limit: whole(r.limit?).max(1),
        remaining: whole(r.remaining?),
        reset: reset_in(headers),
    })
}

/// 250 ms, doubling, with up to 50 % added jitter so parallel clients spread out.
fn backoff(attempt: u32) -> Duration {
    let base = BACKOFF_START
        .saturating_mul(1u32 << (attempt - 1).min(10))
        .min(BACKOFF_MAX);
    let jitter = base.mul_f64(fastrand::f64() * 0.5);
    base + jitter
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_become_one_line() {
        assert_eq!(
            error_message(
                br#"{"message":"Personal secrets cannot have a value","code":"CONFLICT"}"#
            )
            .unwrap(),
            "Personal secrets cannot have a value [CONFLICT]"
        );
        assert_eq!(
            error_message(br#"{"error":"Unauthorized","message":"Invalid API key"}"#).unwrap(),
            "Invalid API key"
        );
        assert_eq!(
            error_message(br#"{"error":"Conflict"}"#).unwrap(),
            "Conflict"
        );
        assert_eq!(
            error_message(br#"{"detail":"bad\nthing"}"#).unwrap(),
            "bad thing"
        );
        assert_eq!(
            error_message(b"upstream timed out").unwrap(),
            "upstream timed out"
        );
        assert!(error_message(b"<html><body>502</body></html>").is_none());
        assert!(error_message(b"").is_none());
        // Plain text over several lines is still the server's message.
        assert_eq!(
            error_message(b"Bad Gateway\nupstream reset\n").unwrap(),
            "Bad Gateway upstream reset"
        );
        assert_eq!(
            error_message(br#"{"error":{"message":"quota exceeded","type":"limit"}}"#).unwrap(),
            "quota exceeded"
        );
        // A validation list names the field and the problem, never the input sent.
        assert_eq!(
            error_message(
                br#"{"detail":[{"type":"missing","loc":["body","value"],"msg":"Field required","input":{"name":"N","value":"s3cr3t-input"}},{"loc":["body","name"],"msg":"too long"}]}"#
            )
            .unwrap(),
            "value: Field required; name: too long"
        );
        assert!(error_message(br#"{"detail":[{"input":"x"}]}"#).is_none());
        assert!(error_message(br#"{"status":500}"#).is_none());
        assert!(error_message(b"[1,2]").is_none());
    }

    /// Every row of the contract's reliability section, for each class of request.
    #[test]
    fn the_retry_contract_row_by_row() {
        use Decision::{Done, GiveUp, Hold, Retry as Again};
        use NetClass::*;
        use Outcome::{Net, Status};
        use Retry::{Delete, Idempotent, OnlyIfUnprocessed as Create};
        let hint = Some(Duration::from_secs(2));
        let tries = |retried, unsure| Tries { retried, unsure };
        // (class, outcome, unsure before, decision with retries left). Grouped by the
        // contract's rows; every class has a row for every outcome (checked below).
        let rows: &[(Retry, Outcome, bool, Decision)] = &[
            // Success is done, whatever came before.
            (Idempotent, Status(200), false, Done),
            (Idempotent, Status(200), true, Done),
            (Create, Status(200), false, Done),
            (Create, Status(201), true, Done),
            (Delete, Status(200), false, Done),
            (Delete, Status(204), false, Done),
            (Delete, Status(204), true, Done),
            // 429: the server did nothing; every class is retried, after its hint.
            (Idempotent, Status(429), false, Again(hint)),
            (Create, Status(429), false, Again(hint)),
            (Delete, Status(429), false, Again(hint)),
            (Delete, Status(429), true, Again(hint)),
            // 502/503/504: retried, except a create (it may have been processed).
            (Idempotent, Status(502), false, Again(hint)),
            (Idempotent, Status(503), false, Again(hint)),
            (Idempotent, Status(504), false, Again(hint)),
            (Idempotent, Status(503), true, Again(hint)),
            (Delete, Status(502), false, Again(hint)),
            (Delete, Status(503), false, Again(hint)),
            (Delete, Status(504), false, Again(hint)),
            (Delete, Status(502), true, Again(hint)),
            (Create, Status(502), false, GiveUp),
            (Create, Status(503), false, GiveUp),
            (Create, Status(504), false, GiveUp),
            // Other statuses are final: 500 (it may have acted) and the 4xx answers.
            (Idempotent, Status(500), false, GiveUp),
            (Create, Status(500), false, GiveUp),
            (Delete, Status(500), false, GiveUp),
            (Idempotent, Status(400), false, GiveUp),
            (Idempotent, Status(401), false, GiveUp),
            (Idempotent, Status(403), false, GiveUp),
            (Idempotent, Status(409), false, GiveUp),
            (Create, Status(400), false, GiveUp),
            (Create, Status(401), false, GiveUp),
            (Create, Status(409), false, GiveUp),
            (Delete, Status(401), false, GiveUp),
            (Delete, Status(403), false, GiveUp),
            (Delete, Status(409), false, GiveUp),
            // A 404 is final — but a delete's 404 after an attempt that may have acted is done.
            (Idempotent, Status(404), false, GiveUp),
            (Idempotent, Status(404), true, GiveUp),
            (Create, Status(404), false, GiveUp),
            (Create, Status(404), true, GiveUp),
            (Delete, Status(404), false, GiveUp),
            (Delete, Status(404), true, Done),
            // Connection refused: never reached the server; every class is retried.
            (Idempotent, Net(Connect), false, Again(hint)),
            (Create, Net(Connect), false, Again(hint)),
            (Delete, Net(Connect), false, Again(hint)),
            (Delete, Net(Connect), true, Again(hint)),
            // Reset or dropped after sending, before the answer: retried unless a create.
            (Idempotent, Net(NoResponse), false, Again(hint)),
            (Idempotent, Net(NoResponse), true, Again(hint)),
            (Delete, Net(NoResponse), false, Again(hint)),
            (Delete, Net(NoResponse), true, Again(hint)),
            (Create, Net(NoResponse), false, GiveUp),
            // A timeout is not retried (the request may still be running).
            (Idempotent, Net(Timeout), false, GiveUp),
            (Create, Net(Timeout), false, GiveUp),
            (Delete, Net(Timeout), false, GiveUp),
            // A failed TLS handshake gives the same answer every time: not retried.
            (Idempotent, Net(Tls), false, GiveUp),
            (Create, Net(Tls), false, GiveUp),
            (Delete, Net(Tls), false, GiveUp),
            // Any other failure is not retried.
            (Idempotent, Net(Other), false, GiveUp),
            (Create, Net(Other), false, GiveUp),
            (Delete, Net(Other), false, GiveUp),
        ];
        // Every class has a row for each outcome the contract names (and each other kind).
        let named = [
            Status(200),
            Status(429),
            Status(502),
            Status(503),
            Status(504),
            Status(500),
            Status(409),
            Status(404),
            Net(Connect),
            Net(NoResponse),
            Net(Timeout),
            Net(Tls),
            Net(Other),
        ];
        for class in [Idempotent, Create, Delete] {
            for outcome in named {
                assert!(
                    rows.iter().any(|r| r.0 == class && r.1 == outcome),
                    "no row for {class:?} {outcome:?}"
                );
            }
            // Both sides of the delete rule: a 404 first, and after an attempt that may have acted.
            for unsure in [false, true] {
                assert!(
                    rows.iter()
                        .any(|r| r.0 == class && r.1 == Status(404) && r.2 == unsure),
                    "no row for {class:?} 404 unsure={unsure}"
                );
            }
        }
        for &(class, outcome, unsure, want) in rows {
            assert_eq!(
                decide(class, outcome, tries(0, unsure), 3, false, hint),
                want,
                "{class:?} {outcome:?} unsure={unsure}"
            );
            // A bulk run's shared pace changes what a 429 means, and nothing else.
            if outcome != Status(429) {
                assert_eq!(
                    decide(class, outcome, tries(0, unsure), 3, true, hint),
                    want,
                    "{class:?} {outcome:?} unsure={unsure} in a paced run"
                );
            }
            // With the retries used up, what would be retried gives up.
            let spent = match want {
                Again(_) => GiveUp,
                other => other,
            };
            assert_eq!(
                decide(class, outcome, tries(3, unsure), 3, false, hint),
                spent,
                "{class:?} {outcome:?} after 3 retries"
            );
        }
        // In a bulk run a 429 holds at the run's pace and is sent again, for every class —
        // a create too (the server did nothing) — without using one of the retries: with
        // none left, or none allowed, it still holds. (The pace alone decides when the run
        // gives up.)
        for class in [Idempotent, Create, Delete] {
            for (retried, max) in [(0, 3), (3, 3), (0, 0), (7, 3)] {
                for unsure in [false, true] {
                    for h in [hint, None] {
                        assert_eq!(
                            decide(class, Status(429), tries(retried, unsure), max, true, h),
                            Hold,
                            "{class:?} paced 429 after {retried}/{max} retries"
                        );
                    }
                }
            }
        }
        // Without a hint the caller waits the backoff.
        assert_eq!(
            decide(Idempotent, Status(503), tries(0, false), 3, false, None),
            Again(None)
        );
        // What may have been acted on: 5xx and requests sent but never answered.
        for (o, acted) in [
            (Status(500), true),
            (Status(503), true),
            (Status(429), false),
            (Status(404), false),
            (Net(Connect), false),
            (Net(Tls), false),
            (Net(NoResponse), true),
            (Net(Timeout), true),
        ] {
            assert_eq!(may_have_acted(o), acted, "{o:?}");
        }
    }

    #[test]
    fn backoff_starts_at_250ms_and_doubles() {
        for _ in 0..20 {
            let d1 = backoff(1);
            assert!(
                d1 >= Duration::from_millis(250) && d1 <= Duration::from_millis(375),
                "{d1:?}"
            );
            let d3 = backoff(3);
            assert!(
                d3 >= Duration::from_millis(1000) && d3 <= Duration::from_millis(1500),
                "{d3:?}"
            );
        }
        assert!(backoff(30) <= BACKOFF_MAX.mul_f64(1.5));
    }

    #[test]
    fn what_is_left_of_the_rate_limit_is_read_from_each_header_form() {
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut h = HeaderMap::new();
            for (k, v) in pairs {
                h.insert(*k, HeaderValue::from_static(v));
            }
            h
        };
        let kubiya = headers(&[
            ("x-ratelimit-limit", "4"),
            ("x-ratelimit-remaining", "3"),
            ("x-ratelimit-reset", "1"),
        ]);
        assert_eq!(
            rate_budget(&kubiya),
            Some(Budget {
                limit: 4,
                remaining: 3,
                reset: Some(Duration::from_secs(1)),
            })
        );
        let ietf = headers(&[("ratelimit", "limit=100, remaining=0, reset=30")]);
        assert_eq!(
            rate_budget(&ietf),
            Some(Budget {
                limit: 100,
                remaining: 0,
                reset: Some(Duration::from_secs(30)),
            })
        );
        assert_eq!(rate_limit_hint(&ietf), Some(Duration::from_secs(30)));
        let dashed = headers(&[("ratelimit-limit", "10"), ("ratelimit-remaining", "9")]);
        assert_eq!(
            rate_budget(&dashed).map(|b| (b.limit, b.remaining, b.reset)),
            Some((10, 9, None))
        );
        // Both numbers or nothing; never a guess from a malformed one.
        assert_eq!(
            rate_budget(&headers(&[("x-ratelimit-remaining", "3")])),
            None
        );
        assert_eq!(
            rate_budget(&headers(&[
                ("x-ratelimit-limit", "4"),
                ("x-ratelimit-remaining", "-1"),
            ])),
            None
        );
        assert_eq!(rate_budget(&HeaderMap::new()), None);
        // A limit of 0 is read as 1: the model never divides by it.
        let zero = headers(&[("x-ratelimit-limit", "0"), ("x-ratelimit-remaining", "0")]);
        assert_eq!(rate_budget(&zero).map(|b| b.limit), Some(1));
    }

    #[test]
    fn rate_limit_headroom_from_any_spelling_of_the_headers() {
        let headers = |pairs: &[(&'static str, &str)]| {
            let mut h = HeaderMap::new();
            for (k, v) in pairs {
                h.insert(*k, HeaderValue::from_str(v).unwrap());
            }
            h
        };
        assert_eq!(RateLimit::from_headers(&headers(&[])), None);
        let r = RateLimit::from_headers(&headers(&[
            ("x-ratelimit-limit", "100"),
            ("x-ratelimit-remaining", "99"),
            ("x-ratelimit-reset", "60"),
        ]))
        .unwrap();
        assert_eq!(r.describe(), "99/100 requests left, resets in 60 s");
        let r = RateLimit::from_headers(&headers(&[("ratelimit-remaining", "7")])).unwrap();
        assert_eq!(r.describe(), "7 requests left");
        // A value that is not a number is left out, not guessed at.
        assert_eq!(
            RateLimit::from_headers(&headers(&[("x-ratelimit-limit", "lots")])),
            None
        );
    }

    #[test]
    fn retry_after_seconds_and_cap() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_static("2"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert(RETRY_AFTER, HeaderValue::from_static("99999"));
        assert_eq!(retry_after(&h), Some(RETRY_AFTER_MAX));
        h.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&h), Some(Duration::ZERO));
    }
}
