//! Test harness: every test gets its own emulator on a free 127.0.0.1 port and runs the real
//! binary with a scrubbed environment (no HOME config, no real tokens or URLs). Every run is
//! checked for the token leaking into stdout or stderr.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub use secretctl::emulator::{
    Emulator, EmulatorOptions, Fault, KubiyaValueFormat, LinkStyle, RateLimitSettings,
    RecordedRequest,
};
pub use serde_json::{Value, json};

/// A token distinctive enough that finding it anywhere in output is certainly a leak.
pub const TOKEN: &str = "tok_TEST_9f8e7d6c5b4a";

/// Variables that could point a test at a real service or real credentials, besides every
/// provider variable secretctl reads (taken from the library, so the list cannot drift).
const SCRUB: &[&str] = &[
    "SECRETCTL_CONFIG",
    "SECRETCTL_PROFILE",
    "NO_COLOR",
    "XDG_CONFIG_HOME",
    "XDG_CACHE_HOME",
    "HOME",
    // Completion mode (tests/completion.rs sets it through the scripts only).
    "SECRETCTL_COMPLETE",
    "_CLAP_COMPLETE_INDEX",
    "_SECRETCTL_COMPLETE_WORD",
    "_SECRETCTL_COMPLETE_FILL",
];

fn scrubbed() -> impl Iterator<Item = &'static str> {
    use secretctl::provider::ProviderKind;
    ProviderKind::ALL
        .into_iter()
        .flat_map(|k| [k.token_env(), k.url_env(), k.run_as_env()])
        .flatten()
        .copied()
        .chain(SCRUB.iter().copied())
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_secretctl"))
}

pub struct Env {
    pub emu: Emulator,
    pub home: tempfile::TempDir,
    /// Extra environment for every run.
    pub vars: Vec<(String, String)>,
    /// Environment variables removed for every run (on top of the scrubbed ones).
    pub unset: Vec<String>,
}

#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stdout_bytes: Vec<u8>,
    pub stderr: String,
    pub args: Vec<String>,
}

impl Run {
    /// Panics with the whole picture when the exit code is not `code`.
    #[track_caller]
    pub fn code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code of {:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.args, self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn ok(&self) -> &Self {
        self.code(0)
    }

    #[track_caller]
    pub fn stderr_has(&self, s: &str) -> &Self {
        assert!(
            self.stderr.contains(s),
            "stderr of {:?} lacks {s:?}:\n{}",
            self.args,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(&self, s: &str) -> &Self {
        assert!(
            self.stdout.contains(s),
            "stdout of {:?} lacks {s:?}:\n{}",
            self.args,
            self.stdout
        );
        self
    }

    /// Neither stream contains `secret`. The secret must be distinctive: a
    /// short one can turn up by chance inside a random id and fail the test
    /// for no reason (CI once saw "vd" inside "sec…izkvdk").
    #[track_caller]
    pub fn no_leak(&self, secret: &str) -> &Self {
        assert!(
            secret.len() >= 8,
            "no_leak({secret:?}): use a value of 8 or more bytes, or a chance match in an id fails the test"
        );
        self.no_leak_short(secret)
    }

    /// `no_leak` for a deliberately short secret, in output that holds no
    /// random ids (kubiya names its secrets by the names the test chose).
    #[track_caller]
    pub fn no_leak_short(&self, secret: &str) -> &Self {
        assert!(
            !self.stdout.contains(secret),
            "stdout of {:?} leaks {secret:?}:\n{}",
            self.args,
            self.stdout
        );
        assert!(
            !self.stderr.contains(secret),
            "stderr of {:?} leaks {secret:?}:\n{}",
            self.args,
            self.stderr
        );
        self
    }

    /// Exactly one `error:` line first on stderr.
    #[track_caller]
    pub fn one_error_line(&self) -> &Self {
        let first = self.stderr.lines().next().unwrap_or("");
        assert!(
            first.starts_with("error: "),
            "stderr of {:?} does not start with error: \n{}",
            self.args,
            self.stderr
        );
        assert_eq!(self.stderr.matches("error:").count(), 1, "{}", self.stderr);
        self
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout of {:?} is not JSON ({e}):\n{}",
                self.args, self.stdout
            )
        })
    }
}

impl Env {
    pub fn new() -> Env {
        let emu = Emulator::start(EmulatorOptions {
            port: 0,
            token: TOKEN.to_string(),
        })
        .expect("emulator starts");
        let home = tempfile::tempdir().expect("temp home");
        Env {
            emu,
            home,
            vars: vec![],
            unset: vec![],
        }
    }

    pub fn url(&self) -> String {
        self.emu.base_url()
    }

    /// The command with a scrubbed environment pointing at this test's emulator.
    pub fn command(&self) -> Command {
        let mut c = Command::new(bin());
        for v in scrubbed() {
            c.env_remove(v);
        }
        c.env("HOME", self.home.path());
        c.env("XDG_CONFIG_HOME", self.home.path().join(".config"));
        c.env("CHATBOTKIT_API_URL", self.url());
        c.env("CHATBOTKIT_API_TOKEN", TOKEN);
        c.env("KUBIYA_BASE_URL", format!("{}/api/v1", self.url()));
        c.env("KUBIYA_API_KEY", TOKEN);
        for (k, v) in &self.vars {
            c.env(k, v);
        }
        for k in &self.unset {
            c.env_remove(k);
        }
        c
    }

    /// `program` (another binary, a shell) with the environment of [`Env::command`].
    pub fn command_for(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let base = self.command();
        let mut c = Command::new(program);
        for (k, v) in base.get_envs() {
            match v {
                Some(v) => c.env(k, v),
                None => c.env_remove(k),
            };
        }
        c
    }

    pub fn set(&mut self, k: &str, v: &str) -> &mut Self {
        self.vars.push((k.to_string(), v.to_string()));
        self
    }

    pub fn remove(&mut self, k: &str) -> &mut Self {
        self.unset.push(k.to_string());
        self
    }

    /// Run with stdin from /dev/null.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, None, |_| {})
    }

    /// `args` run with stdin closed and its stdout's reader gone at once (as `| head -0`):
    /// its output (stdout empty).
    pub fn run_with_stdout_closed(&self, args: &[&str]) -> std::process::Output {
        let mut c = self.command();
        c.args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        drop(child.stdout.take());
        child.wait_with_output().unwrap()
    }

    /// Run with these bytes piped to stdin.
    pub fn run_stdin(&self, args: &[&str], stdin: &[u8]) -> Run {
        self.run_with(args, Some(stdin), |_| {})
    }

    pub fn run_with(
        &self,
        args: &[&str],
        stdin: Option<&[u8]>,
        tweak: impl FnOnce(&mut Command),
    ) -> Run {
        let mut c = self.command();
        c.args(args);
        tweak(&mut c);
        run_command(c, args, stdin)
    }

    pub fn write(&self, name: &str, contents: &[u8]) -> PathBuf {
        let p = self.home.path().join(name);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).unwrap();
        }
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// Requests the emulator received whose path contains `part` (and method, if given).
    pub fn requests(&self, method: Option<&str>, part: &str) -> Vec<RecordedRequest> {
        self.emu
            .requests()
            .into_iter()
            .filter(|r| {
                r.path.contains(part) && method.is_none_or(|m| r.method.eq_ignore_ascii_case(m))
            })
            .collect()
    }

    /// Every request but the reads "used by" adds to get and delete (agents, skillsets,
    /// abilities, bots, and its paged secret list): for tests of other rules.
    pub fn requests_but_used_by(&self) -> Vec<RecordedRequest> {
        self.emu
            .requests()
            .into_iter()
            .filter(|r| !is_used_by_read(r))
            .collect()
    }

    /// Requests that could change something.
    pub fn writes(&self) -> Vec<RecordedRequest> {
        self.emu
            .requests()
            .into_iter()
            .filter(|r| r.method != "GET")
            .collect()
    }

    pub fn cbk_secrets(&self) -> Vec<Value> {
        self.emu.secrets()["chatbotkit"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn kubiya_secrets(&self) -> Vec<Value> {
        self.emu.secrets()["kubiya"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn kubiya_value(&self, name: &str) -> Option<String> {
        self.kubiya_secrets()
            .into_iter()
            .find(|s| s["name"] == name)
            .and_then(|s| s["value"].as_str().map(str::to_string))
    }

    pub fn cbk_by_name(&self, name: &str) -> Vec<Value> {
        self.cbk_secrets()
            .into_iter()
            .filter(|s| s["name"] == name)
            .collect()
    }

    /// Turns on the emulator's token bucket: `burst` requests at once, then `rps` a second;
    /// Kubiya's 429 carries `Retry-After` when `retry_after`.
    /// A token bucket in each provider's real 429 shape; Kubiya's answers carry
    /// `X-RateLimit-*`.
    pub fn set_rate_limit(&self, rps: f64, burst: u32, retry_after: bool) {
        self.emu.set_rate_limit(Some(RateLimitSettings {
            rps,
            burst: Some(burst),
            retry_after,
            headers: true,
        }));
    }

    pub fn clear_rate_limit(&self) {
        self.emu.set_rate_limit(None);
    }

    pub fn fault(&self, f: Fault) {
        self.emu.inject(f);
    }

    pub fn path(&self) -> &Path {
        self.home.path()
    }

    /// A request to the emulator's own API routes (seeding what a test needs through the
    /// routes a client would use), with the provider's credentials: the answer's JSON, after
    /// checking it is a 2xx. `path` starts after the host (`/api/v1/agents`).
    pub fn api(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let (status, v) = self.api_status(method, path, body);
        assert!((200..300).contains(&status), "{path}: {status} {v}");
        v
    }

    /// [`Env::api`] without the check: the status and the JSON answer.
    pub fn api_status(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let kubiya = path.starts_with("/api/v1/agents") || path.contains("/secrets");
        let auth = if kubiya {
            format!("UserKey {TOKEN}")
        } else {
            format!("Bearer {TOKEN}")
        };
        let client = reqwest::blocking::Client::new();
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("a method");
        let mut req = client
            .request(method, format!("{}{path}", self.url()))
            .header("authorization", auth);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().expect("the emulator answers");
        let status = resp.status().as_u16();
        let text = resp.text().unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// A Kubiya agent naming `secrets` (any JSON: a list, null…); its uuid.
    pub fn agent(&self, name: &str, secrets: Value) -> String {
        let a = self.api(
            "POST",
            "/api/v1/agents",
            Some(json!({"name": name, "description": "", "secrets": secrets})),
        );
        a["uuid"].as_str().expect("a uuid").to_string()
    }

    /// POST a ChatBotKit create (`skillset/create`, `bot/create`, …); the new id.
    pub fn cbk_create(&self, route: &str, body: Value) -> String {
        let v = self.api("POST", &format!("/api/v1/{route}"), Some(body));
        v["id"].as_str().expect("an id").to_string()
    }

    /// A ChatBotKit GET (`skillset/K/ability/A/fetch`, …).
    pub fn cbk_get(&self, route: &str) -> Value {
        self.api("GET", &format!("/api/v1/{route}"), None)
    }
}

pub fn run_command(mut c: Command, args: &[&str], stdin: Option<&[u8]>) -> Run {
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    c.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = c.spawn().expect("secretctl starts");
    if let Some(input) = stdin {
        let mut w = child.stdin.take().unwrap();
        let input = input.to_vec();
        // A writer thread: the child may exit without reading everything.
        std::thread::spawn(move || {
            let _ = w.write_all(&input);
        });
    }
    let out = child.wait_with_output().expect("secretctl runs");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stdout_bytes: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        args: args.iter().map(|s| s.to_string()).collect(),
    };
    run.no_leak(TOKEN);
    assert!(
        !run.stderr.contains("panicked"),
        "secretctl panicked: {}",
        run.stderr
    );
    run
}

/// One of the reads of "used by": Kubiya's agents; ChatBotKit's skillset, ability and bot
/// lists, and its secret list read as pages (a command's own list asks for the JSONL stream).
pub fn is_used_by_read(r: &RecordedRequest) -> bool {
    ["/agents", "/skillset/", "/bot/"]
        .iter()
        .any(|p| r.path.contains(p))
        || (r.path.contains("/secret/list?take=")
            && r.header("accept") != Some("application/jsonl"))
}

/// A fault on the next `count` requests whose path contains `path` with this status.
pub fn status_fault(path: &str, status: u16, count: u32) -> Fault {
    Fault {
        path_contains: Some(path.to_string()),
        status: Some(status),
        count,
        ..Default::default()
    }
}

/// `(name, value, description)` of every Kubiya secret in an emulator's `secrets()`, sorted.
pub fn kubiya_triples(secrets: &Value) -> Vec<(String, String, String)> {
    let mut v: Vec<(String, String, String)> = secrets["kubiya"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap_or("").to_string(),
                s["value"].as_str().unwrap_or("").to_string(),
                s["description"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

/// A quota that does not pass: every Kubiya create answers 429 with `Retry-After: 1`.
pub fn kubiya_quota_fault() -> Fault {
    Fault {
        method: Some("POST".into()),
        path_contains: Some("/api/v1/secrets".into()),
        status: Some(429),
        retry_after: Some("1".into()),
        count: u32::MAX,
        ..Default::default()
    }
}

/// A file's permission bits (`0o600`…).
pub fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}
