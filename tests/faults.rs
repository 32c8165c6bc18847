//! The fault matrix: every command of both providers × every fault the emulator can inject.
//! Each cell runs the real binary against its own emulator and checks the contract's exit
//! code, one `error:` line naming the operation (and the secret, when there is one), the
//! number of attempts the retry rules allow, and — for writes — that the emulator's state
//! shows the write happened exactly once or not at all. Cells run in parallel threads; every
//! failing cell of a row is reported together.
//!
//! `tests/transport.rs` proves the retry mechanics in detail on a few commands; this file
//! proves the rules hold for every command.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::support::*;

const NAME: &str = "MATRIX_KEY";
const OLD: &str = "VALUE-old-3f9a1c";
const NEW: &str = "VALUE-new-8b2e7d";
const OLD_DESC: &str = "old description";
const NEW_DESC: &str = "new description";
const IMPORTED: &str = "IMPORTED_KEY";
/// Arguments every cell starts with: one retry, a one-second timeout.
const GLOBAL: &[&str] = &["--retries", "1", "--timeout", "1"];
/// Longer than `--timeout 1`.
const SLOW_MS: u64 = 1500;
const FOREVER: u32 = u32::MAX;

const HTML_PROXY_PAGE: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
const HTML_LOGIN_PAGE: &str = "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action=\"/login\"><input name=\"user\"></form></body></html>";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Provider {
    Kubiya,
    Cbk,
}

/// The rows: every command, with the request the fault is aimed at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cmd {
    KCreate,
    KGet,
    KReveal,
    KUpdate,
    /// `update --keep-value --description`, the fault on the PUT.
    KKeepValueWrite,
    /// `update --keep-value --description`, the fault on reading the current value back.
    KKeepValueRead,
    KDelete,
    KList,
    /// `import`, the fault on the item's create.
    KImport,
    /// `import`, the fault on the list call that plans it.
    KImportPlan,
    CCreate,
    /// By id: one request.
    CGet,
    /// By name: the name is resolved through the list, then the update goes to the id.
    CUpdate,
    /// By name, like update.
    CDelete,
    CList,
    CVerify,
    CRevoke,
    CImport,
    CImportPlan,
}

/// What the aimed-at request does, for the state check and the retry rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Read,
    Create,
    Update,
    /// Only the description changes (the value is read back and re-sent).
    UpdateDescription,
    /// The read before a write: the write must not follow a failed read.
    ReadBeforeWrite,
    Delete,
    Revoke,
    /// The list before an import: nothing may be created after it fails.
    Plan,
}

impl Cmd {
    fn provider(self) -> Provider {
        use Cmd::*;
        match self {
            KCreate | KGet | KReveal | KUpdate | KKeepValueWrite | KKeepValueRead | KDelete
            | KList | KImport | KImportPlan => Provider::Kubiya,
            _ => Provider::Cbk,
        }
    }

    fn op(self) -> Op {
        use Cmd::*;
        match self {
            KCreate | CCreate | KImport | CImport => Op::Create,
            KGet | KReveal | KList | CGet | CList | CVerify => Op::Read,
            KUpdate | CUpdate => Op::Update,
            KKeepValueWrite => Op::UpdateDescription,
            KKeepValueRead => Op::ReadBeforeWrite,
            KDelete | CDelete => Op::Delete,
            CRevoke => Op::Revoke,
            KImportPlan | CImportPlan => Op::Plan,
        }
    }

    fn is_import(self) -> bool {
        matches!(self, Cmd::KImport | Cmd::CImport)
    }

    /// Whether the command is a bulk run, whose requests share one pace.
    fn paced(self) -> bool {
        matches!(
            self,
            Cmd::KImport | Cmd::CImport | Cmd::KImportPlan | Cmd::CImportPlan
        )
    }

    /// Whether a ChatBotKit list happens on the way (where the list faults apply).
    fn lists_chatbotkit(self) -> bool {
        matches!(
            self,
            Cmd::CList | Cmd::CImportPlan | Cmd::CUpdate | Cmd::CDelete
        )
    }

    /// Whether the command lists at all (Kubiya included).
    fn lists(self) -> bool {
        self.lists_chatbotkit() || matches!(self, Cmd::KList | Cmd::KImportPlan)
    }

    /// Words of the operation, one of which the error line must contain.
    fn op_words(self) -> &'static [&'static str] {
        use Cmd::*;
        match self {
            KCreate | CCreate | KImport | CImport => &["create"],
            KGet | CGet => &["get"],
            KReveal | KKeepValueRead => &["read the value"],
            KUpdate | KKeepValueWrite | CUpdate => &["update"],
            KDelete | CDelete => &["delete"],
            KList | CList => &["list"],
            KImportPlan | CImportPlan => &["cannot plan the import"],
            CVerify => &["verify"],
            CRevoke => &["revoke"],
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum F {
    S429RetryAfter,
    S429,
    S500,
    S502,
    S503,
    S504,
    Drop,
    DropAfter,
    S502After,
    Slow,
    TextBody,
    HtmlProxy5xx,
    Malformed200,
    Html200,
    S400,
    S401,
    S403,
    S404,
    S409,
    /// A JSON page of 100 items whose cursor is the last id, again and again.
    CursorStuck,
    /// A jsonl stream with an item, then an `error` line.
    JsonlError,
}

const TARGETED: &[F] = &[
    F::S429RetryAfter,
    F::S429,
    F::S500,
    F::S502,
    F::S503,
    F::S504,
    F::Drop,
    F::DropAfter,
    F::S502After,
    F::Slow,
    F::TextBody,
    F::HtmlProxy5xx,
    F::Malformed200,
    F::Html200,
    F::S400,
    F::S401,
    F::S403,
    F::S404,
    F::S409,
];

/// Whether the fault is applied after the emulator really handled the request.
fn after(f: F) -> bool {
    matches!(
        f,
        F::DropAfter | F::S502After | F::Malformed200 | F::Html200
    )
}

/// Whether the fault is on the list request rather than the command's own request.
fn on_list(f: F) -> bool {
    matches!(f, F::CursorStuck | F::JsonlError)
}

/// Did the write happen?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Effect {
    None,
    Once,
    /// A request that timed out: the server may or may not have acted on it.
    Either,
}

#[derive(Debug)]
struct Expect {
    code: i32,
    effect: Effect,
    /// What the error line (or the import report line) says about the fault.
    says: &'static str,
    /// Requests sent to the aimed-at endpoint.
    attempts: usize,
    /// `attempts` is a least number: a bulk run resends a 429'd request, waiting with the
    /// whole run, until it gives up on the rate limit.
    at_least: bool,
}

/// The contract's answer for one cell.
fn expect(cmd: Cmd, f: F) -> Expect {
    let creates = cmd.op() == Op::Create;
    // 502/503/504 and dropped connections: retried, except a create that may have happened.
    let retried_unless_create = if creates { 1 } else { 2 };
    let (mut code, mut says, attempts) = match f {
        F::S429RetryAfter | F::S429 => (6, "429", 2),
        F::S500 => (6, "500", 1),
        F::S502 => (6, "502", retried_unless_create),
        F::S503 => (6, "503", retried_unless_create),
        F::S504 => (6, "504", retried_unless_create),
        F::Drop | F::DropAfter => (6, "dropped", retried_unless_create),
        F::S502After => (6, "502", retried_unless_create),
        F::Slow => (6, "timeout", 1),
        F::TextBody => (
            6,
            "upstream connect error or disconnect/reset before headers",
            1,
        ),
        F::HtmlProxy5xx => (6, "HTTP Error: Bad Gateway", retried_unless_create),
        F::Malformed200 => (6, "not valid JSON", 1),
        F::Html200 => (6, "HTML page", 1),
        F::S400 => (1, "400", 1),
        F::S401 => (4, "401", 1),
        F::S403 => (4, "403", 1),
        F::S404 => (3, "404", 1),
        F::S409 => (5, "409", 1),
        F::CursorStuck => (6, "cursor", 2),
        F::JsonlError => (6, "boom", 1),
    };
    // Kubiya's create, update and delete answers are not read (the API does not promise
    // their shape): a 200 whose JSON is broken is still a success.
    if f == F::Malformed200
        && matches!(
            cmd,
            Cmd::KCreate | Cmd::KUpdate | Cmd::KKeepValueWrite | Cmd::KDelete | Cmd::KImport
        )
    {
        code = 0;
    }
    // Kubiya has no pagination: a jsonl body is simply not the JSON array it expects.
    if f == F::JsonlError && cmd.provider() == Provider::Kubiya {
        says = "not valid JSON";
    }
    // ChatBotKit by id: a 404 on the look-up (or a 400, which some servers give for a
    // malformed id) means "no such id", and the target is then looked up as a name, which
    // finds nothing either. (A verb that acts looks the id up first, so a 404 on its action
    // is the action's own answer.)
    if cmd == Cmd::CGet && matches!(f, F::S400 | F::S404) {
        code = 3;
        says = "no ChatBotKit secret has the id or name";
    }
    // A 404 from the list route itself says the base URL is not the API's: an endpoint
    // error, never "not found".
    if f == F::S404
        && matches!(
            cmd,
            Cmd::KList | Cmd::CList | Cmd::KImportPlan | Cmd::CImportPlan
        )
    {
        code = 6;
    }
    // Kubiya: the secret is seeded, so a 404 on it while the list shows it is not "missing"
    // but the endpoint's error (the contract's reliability rule).
    if f == F::S404
        && matches!(
            cmd,
            Cmd::KGet
                | Cmd::KReveal
                | Cmd::KUpdate
                | Cmd::KKeepValueRead
                | Cmd::KKeepValueWrite
                | Cmd::KDelete
        )
    {
        code = 6;
        says = "its list of secrets shows";
    }
    let effect = match cmd.op() {
        Op::Read | Op::ReadBeforeWrite | Op::Plan => Effect::None,
        _ if f == F::Slow => Effect::Either,
        _ if after(f) => Effect::Once,
        _ => Effect::None,
    };
    let paced_429 = cmd.paced() && matches!(f, F::S429 | F::S429RetryAfter);
    if cmd.is_import() {
        code = if paced_429 {
            // No progress at all: the run gives up on the rate limit.
            6
        } else if after(f) {
            // The answer was lost or an error after the server created it: the report is
            // checked against the server, which holds the secret.
            0
        } else if code == 0 {
            0
        } else {
            // An item that fails is reported; the import then exits 1.
            1
        };
    }
    Expect {
        code,
        effect,
        says,
        attempts,
        at_least: paced_429,
    }
}

/// One cell's world: the emulator, what was seeded, the command line.
struct Cell {
    env: Env,
    cmd: Cmd,
    fault: F,
    /// The seeded secret's ChatBotKit id.
    id: String,
    /// (method, path part) of the request the fault is aimed at.
    aim: (&'static str, String),
    args: Vec<String>,
    stdin: Option<&'static [u8]>,
}

fn seed(env: &Env, cmd: Cmd) -> String {
    match cmd.provider() {
        Provider::Kubiya => {
            env.emu.seed_kubiya(NAME, OLD, OLD_DESC);
            String::new()
        }
        Provider::Cbk => env.emu.seed_chatbotkit(json!({
            "name": NAME,
            "description": OLD_DESC,
            "kind": "shared",
            "type": "plain",
            "value": OLD,
        })),
    }
}

fn cell(cmd: Cmd, fault: F) -> Cell {
    use Cmd::*;
    let mut env = Env::new();
    // A bulk run waits out 429s with the whole run until it has made no progress for this
    // long (300 s by default): a second keeps the matrix quick.
    if cmd.paced() {
        env.set("SECRETCTL_RATE_LIMIT_GIVE_UP", "1");
    }
    let id = seed(&env, cmd);
    let import_file = env.write("import.env", format!("{IMPORTED}={NEW}\n").as_bytes());
    let import_file = import_file.to_str().unwrap().to_string();
    let k_list = ("GET", "/api/v1/secrets".to_string());
    let c_list = ("GET", "/secret/list".to_string());
    let (aim, words, stdin): (_, Vec<String>, Option<&'static [u8]>) = match cmd {
        KCreate => (
            ("POST", "/api/v1/secrets".into()),
            vec!["kubiya".into(), "create".into(), "NEWNAME".into()],
            Some(NEW.as_bytes()),
        ),
        KGet => (
            ("GET", format!("/api/v1/secrets/{NAME}")),
            vec!["kubiya".into(), "get".into(), NAME.into()],
            None,
        ),
        KReveal => (
            ("GET", format!("/secrets/get_value/{NAME}")),
            vec![
                "kubiya".into(),
                "get".into(),
                NAME.into(),
                "--reveal".into(),
            ],
            None,
        ),
        KUpdate => (
            ("PUT", format!("/api/v1/secrets/{NAME}")),
            vec!["kubiya".into(), "update".into(), NAME.into()],
            Some(NEW.as_bytes()),
        ),
        KKeepValueWrite | KKeepValueRead => (
            if cmd == KKeepValueWrite {
                ("PUT", format!("/api/v1/secrets/{NAME}"))
            } else {
                ("GET", format!("/secrets/get_value/{NAME}"))
            },
            vec![
                "kubiya".into(),
                "update".into(),
                NAME.into(),
                "--keep-value".into(),
                "--description".into(),
                NEW_DESC.into(),
            ],
            None,
        ),
        KDelete => (
            ("DELETE", format!("/api/v1/secrets/{NAME}")),
            vec![
                "kubiya".into(),
                "delete".into(),
                NAME.into(),
                "--yes".into(),
            ],
            None,
        ),
        KList => (k_list, vec!["kubiya".into(), "list".into()], None),
        KImport => (
            ("POST", "/api/v1/secrets".into()),
            vec!["kubiya".into(), "import".into(), import_file],
            None,
        ),
        KImportPlan => (
            k_list,
            vec!["kubiya".into(), "import".into(), import_file],
            None,
        ),
        CCreate => (
            ("POST", "/secret/create".into()),
            vec!["chatbotkit".into(), "create".into(), "NEWNAME".into()],
            Some(NEW.as_bytes()),
        ),
        CGet => (
            ("GET", format!("/secret/{id}/fetch")),
            vec!["chatbotkit".into(), "get".into(), id.clone()],
            None,
        ),
        CUpdate => (
            ("POST", format!("/secret/{id}/update")),
            vec!["chatbotkit".into(), "update".into(), NAME.into()],
            Some(NEW.as_bytes()),
        ),
        CDelete => (
            ("POST", format!("/secret/{id}/delete")),
            vec![
                "chatbotkit".into(),
                "delete".into(),
                NAME.into(),
                "--yes".into(),
            ],
            None,
        ),
        CList => (c_list, vec!["chatbotkit".into(), "list".into()], None),
        CVerify => (
            ("POST", format!("/secret/{id}/verify")),
            vec!["chatbotkit".into(), "verify".into(), id.clone()],
            None,
        ),
        CRevoke => (
            ("POST", format!("/secret/{id}/revoke")),
            vec![
                "chatbotkit".into(),
                "revoke".into(),
                id.clone(),
                "--yes".into(),
            ],
            None,
        ),
        CImport => (
            ("POST", "/secret/create".into()),
            vec!["chatbotkit".into(), "import".into(), import_file],
            None,
        ),
        CImportPlan => (
            c_list,
            vec!["chatbotkit".into(), "import".into(), import_file],
            None,
        ),
    };
    // List faults always hit the list; the others hit the command's own request.
    let aim = if on_list(fault) {
        match cmd.provider() {
            Provider::Kubiya => ("GET", "/api/v1/secrets".to_string()),
            Provider::Cbk => ("GET", "/secret/list".to_string()),
        }
    } else {
        aim
    };
    let mut args: Vec<String> = GLOBAL.iter().map(|s| s.to_string()).collect();
    args.extend(words);
    Cell {
        env,
        cmd,
        fault,
        id,
        aim,
        args,
        stdin,
    }
}

/// A ChatBotKit JSON page of exactly 100 items whose cursor is the last item's id.
fn stuck_page() -> String {
    let items: Vec<Value> = (0..100)
        .map(|i| json!({"id": format!("secstuck{i:04}"), "name": format!("stuck-{i}"), "kind": "shared", "type": "plain"}))
        .collect();
    json!({"items": items, "cursor": "secstuck0099"}).to_string()
}

fn jsonl_with_error() -> String {
    concat!(
        "{\"type\":\"item\",\"data\":{\"id\":\"secfirst00001\",\"name\":\"first\",\"kind\":\"shared\"}}\n",
        "{\"type\":\"error\",\"data\":{\"message\":\"boom\",\"code\":\"INTERNAL_SERVER_ERROR\"}}\n"
    )
    .to_string()
}

fn inject(c: &Cell) {
    let (method, path) = &c.aim;
    let base = Fault {
        method: Some(method.to_string()),
        path_contains: Some(path.clone()),
        count: FOREVER,
        ..Default::default()
    };
    let status = |s: u16| Fault {
        status: Some(s),
        ..base.clone()
    };
    let f = match c.fault {
        F::S429RetryAfter => Fault {
            retry_after: Some("0".into()),
            ..status(429)
        },
        F::S429 => status(429),
        F::S500 => status(500),
        F::S502 => status(502),
        F::S503 => status(503),
        F::S504 => status(504),
        F::Drop => Fault {
            drop: true,
            ..base.clone()
        },
        F::DropAfter => Fault {
            drop: true,
            after: true,
            ..base.clone()
        },
        F::S502After => Fault {
            after: true,
            ..status(502)
        },
        F::Slow => Fault {
            latency_ms: SLOW_MS,
            ..base.clone()
        },
        F::TextBody => Fault {
            body: Some("upstream connect error or disconnect/reset before headers".into()),
            content_type: Some("text/plain".into()),
            ..status(500)
        },
        F::HtmlProxy5xx => Fault {
            body: Some(HTML_PROXY_PAGE.into()),
            content_type: Some("text/html".into()),
            ..status(502)
        },
        F::Malformed200 => Fault {
            body: Some("{\"id\": \"sec0000000001ab\", \"name\": \"tru".into()),
            after: true,
            ..status(200)
        },
        F::Html200 => Fault {
            body: Some(HTML_LOGIN_PAGE.into()),
            content_type: Some("text/html; charset=utf-8".into()),
            after: true,
            ..status(200)
        },
        F::S400 => status(400),
        F::S401 => status(401),
        F::S403 => status(403),
        F::S404 => status(404),
        F::S409 => status(409),
        F::CursorStuck => Fault {
            body: Some(stuck_page()),
            content_type: Some("application/json".into()),
            ..status(200)
        },
        F::JsonlError => Fault {
            body: Some(jsonl_with_error()),
            content_type: Some("application/jsonl".into()),
            ..status(200)
        },
    };
    c.env.fault(f);
}

/// Wait until the emulator is past the latency of a request the client gave up on, so that
/// the stored state is final (the emulator drops such a request with its connection).
fn settle(since: Instant) {
    let done = since + Duration::from_millis(SLOW_MS + 300);
    std::thread::sleep(done.saturating_duration_since(Instant::now()));
}

/// The secret the write is about, as stored: (how many, value, description).
fn stored(c: &Cell, name: &str) -> (usize, Option<String>, Option<String>) {
    let all = match c.cmd.provider() {
        Provider::Kubiya => c.env.kubiya_secrets(),
        Provider::Cbk => c.env.cbk_secrets(),
    };
    let found: Vec<&Value> = all.iter().filter(|s| s["name"] == name).collect();
    let first = found.first();
    (
        found.len(),
        first.and_then(|s| s["value"].as_str().map(str::to_string)),
        first.and_then(|s| s["description"].as_str().map(str::to_string)),
    )
}

/// Check the stored state against the effect.
fn check_state(c: &Cell, e: &Expect, code: i32) -> Result<(), String> {
    let effect = match e.effect {
        // A timed-out write: whichever happened, the code and the store must agree on
        // "at most once"; which one it was is read from the store.
        Effect::Either => None,
        Effect::None => Some(false),
        Effect::Once => Some(true),
    };
    let seeded_intact = |c: &Cell| -> Result<(), String> {
        let (n, v, d) = stored(c, NAME);
        if (n, v.as_deref(), d.as_deref()) != (1, Some(OLD), Some(OLD_DESC)) {
            return Err(format!(
                "the seeded secret changed: {n} stored, value {v:?}, description {d:?}"
            ));
        }
        Ok(())
    };
    match c.cmd.op() {
        Op::Read => seeded_intact(c),
        Op::Plan => {
            seeded_intact(c)?;
            let creates = c.env.writes().len();
            if creates != 0 || stored(c, IMPORTED).0 != 0 {
                return Err(format!("{creates} writes after a failed plan"));
            }
            Ok(())
        }
        Op::ReadBeforeWrite => {
            seeded_intact(c)?;
            let puts = c.env.requests(Some("PUT"), "/secrets/").len();
            if puts != 0 {
                return Err(format!("{puts} PUTs after the read-back failed"));
            }
            Ok(())
        }
        Op::Create => {
            let name = if c.cmd.is_import() {
                IMPORTED
            } else {
                "NEWNAME"
            };
            let (n, v, _) = stored(c, name);
            let ok = match effect {
                Some(false) => n == 0,
                Some(true) => n == 1,
                None => n <= 1,
            } && (n == 0 || v.as_deref() == Some(NEW));
            if !ok {
                return Err(format!(
                    "{name}: {n} stored (value {v:?}), expected {:?}",
                    e.effect
                ));
            }
            if code == 0 && n != 1 {
                return Err(format!("success reported but {n} stored"));
            }
            seeded_intact(c)
        }
        Op::Update | Op::UpdateDescription => {
            let (n, v, d) = stored(c, NAME);
            let (want_v, want_d) = if c.cmd.op() == Op::Update {
                (NEW, OLD_DESC)
            } else {
                (OLD, NEW_DESC)
            };
            let old = (1, Some(OLD), Some(OLD_DESC));
            let new = (1, Some(want_v), Some(want_d));
            let now = (n, v.as_deref(), d.as_deref());
            let ok = match effect {
                Some(false) => now == old,
                Some(true) => now == new,
                None => now == old || now == new,
            };
            if !ok || (code == 0 && now != new) {
                return Err(format!(
                    "stored {now:?}, expected {:?} (exit {code})",
                    e.effect
                ));
            }
            Ok(())
        }
        Op::Delete => {
            let (n, _, _) = stored(c, NAME);
            let ok = match effect {
                Some(false) => n == 1,
                Some(true) => n == 0,
                None => n <= 1,
            };
            if !ok || (code == 0 && n != 0) {
                return Err(format!("{n} stored after delete, expected {:?}", e.effect));
            }
            Ok(())
        }
        Op::Revoke => {
            let (n, v, _) = stored(c, NAME);
            let ok = n == 1
                && match effect {
                    Some(false) => v.as_deref() == Some(OLD),
                    Some(true) => v.is_none(),
                    None => v.is_none() || v.as_deref() == Some(OLD),
                };
            if !ok || (code == 0 && v.is_some()) {
                return Err(format!(
                    "{n} stored, value {v:?} after revoke, expected {:?}",
                    e.effect
                ));
            }
            Ok(())
        }
    }
}

/// Run one cell and check it; `Err` describes everything that is wrong.
fn run_cell(cmd: Cmd, fault: F) -> Result<(), String> {
    let c = cell(cmd, fault);
    inject(&c);
    let e = expect(cmd, fault);
    let args: Vec<&str> = c.args.iter().map(String::as_str).collect();
    let start = Instant::now();
    let run = match c.stdin {
        Some(s) => c.env.run_stdin(&args, s),
        None => c.env.run(&args),
    };
    let took = start.elapsed();
    if fault == F::Slow {
        settle(start);
    }
    let mut problems = Vec::new();
    let context = format!(
        "exit {}\n--- stdout\n{}\n--- stderr\n{}",
        run.code, run.stdout, run.stderr
    );
    if run.code != e.code {
        problems.push(format!("exit code {} instead of {}", run.code, e.code));
    }
    for v in [OLD, NEW] {
        if run.stdout.contains(v) || run.stderr.contains(v) {
            problems.push(format!("a value ({v}) appears in the output"));
        }
    }
    let markup = ["<html", "<title", "<!DOCTYPE", "<form", "<center"];
    if markup
        .iter()
        .any(|m| run.stderr.contains(m) || run.stdout.contains(m))
    {
        problems.push("markup from the server reached the output".into());
    }
    if took > Duration::from_secs(10) {
        problems.push(format!("took {took:?}"));
    }
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    let name = match cmd {
        Cmd::KCreate | Cmd::CCreate => Some("NEWNAME".to_string()),
        Cmd::KList | Cmd::CList | Cmd::KImportPlan | Cmd::CImportPlan => None,
        Cmd::KImport | Cmd::CImport => Some(IMPORTED.to_string()),
        Cmd::CGet | Cmd::CVerify | Cmd::CRevoke => Some(c.id.clone()),
        _ => Some(NAME.to_string()),
    };
    if cmd.is_import() {
        // The item's outcome is a report line on stdout; stderr has the totals only.
        let line = run
            .stdout
            .lines()
            .find(|l| l.starts_with(&format!("{IMPORTED}\t")))
            .unwrap_or("");
        if e.code == 0 {
            if !line.starts_with(&format!("{IMPORTED}\tcreated")) {
                problems.push(format!("report line {line:?} is not 'created'"));
            }
        } else if !(line.starts_with(&format!("{IMPORTED}\tfailed\t"))
            && line.contains("create")
            && line.contains(e.says))
        {
            problems.push(format!(
                "report line {line:?} should be 'failed' naming create and {:?}",
                e.says
            ));
        }
        // A run that gave up on the rate limit says why in one error line; otherwise the
        // outcome is in the report only.
        let allowed = usize::from(e.at_least);
        if errors.len() != allowed
            || (allowed == 1 && !errors[0].contains("rate-limited every request"))
        {
            problems.push(format!("error lines on stderr: {errors:?}"));
        }
    } else if e.code == 0 {
        if !errors.is_empty() {
            problems.push(format!("error lines on success: {errors:?}"));
        }
    } else if errors.len() != 1 {
        problems.push(format!("{} error lines instead of 1", errors.len()));
    } else {
        let line = errors[0];
        let names_op = cmd.op_words().iter().any(|w| line.contains(w))
            || (e.says.starts_with("no ChatBotKit secret") && line.contains(e.says));
        if !names_op {
            problems.push(format!(
                "the error line does not name the operation {:?}",
                cmd.op_words()
            ));
        }
        if let Some(n) = &name
            && !line.contains(&format!("'{n}'"))
        {
            problems.push(format!("the error line does not name the secret '{n}'"));
        }
        if !line.contains(e.says) {
            problems.push(format!("the error line does not say {:?}", e.says));
        }
    }
    let (method, path) = &c.aim;
    let attempts = c.env.requests(Some(method), path).len();
    if attempts != e.attempts && !(e.at_least && attempts >= e.attempts && attempts <= 12) {
        problems.push(format!(
            "{attempts} requests to {method} {path}, the retry rules allow {}",
            e.attempts
        ));
    }
    if let Err(p) = check_state(&c, &e, run.code) {
        problems.push(p);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{cmd:?} × {fault:?}: {}\n{context}",
            problems.join("; ")
        ))
    }
}

/// Every fault that applies to `cmd`, on 6 threads; panics listing every failing cell.
fn matrix(cmd: Cmd) {
    let mut faults: Vec<F> = TARGETED.to_vec();
    if cmd.lists_chatbotkit() {
        faults.extend([F::CursorStuck, F::JsonlError]);
    } else if cmd.lists() {
        faults.push(F::JsonlError);
    }
    let queue = Mutex::new(faults);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..6 {
            s.spawn(|| {
                loop {
                    let Some(f) = queue.lock().unwrap().pop() else {
                        break;
                    };
                    let r = catch_unwind(AssertUnwindSafe(|| run_cell(cmd, f)));
                    let msg = match r {
                        Ok(Ok(())) => continue,
                        Ok(Err(m)) => m,
                        Err(p) => format!(
                            "{cmd:?} × {f:?} panicked: {}",
                            p.downcast_ref::<String>()
                                .cloned()
                                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                                .unwrap_or_default()
                        ),
                    };
                    failures.lock().unwrap().push(msg);
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} failing cells:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn kubiya_create() {
    matrix(Cmd::KCreate);
}

#[test]
fn kubiya_get() {
    matrix(Cmd::KGet);
}

#[test]
fn kubiya_get_reveal() {
    matrix(Cmd::KReveal);
}

#[test]
fn kubiya_update() {
    matrix(Cmd::KUpdate);
}

#[test]
fn kubiya_update_keep_value_write() {
    matrix(Cmd::KKeepValueWrite);
}

#[test]
fn kubiya_update_keep_value_read_back() {
    matrix(Cmd::KKeepValueRead);
}

#[test]
fn kubiya_delete() {
    matrix(Cmd::KDelete);
}

#[test]
fn kubiya_list() {
    matrix(Cmd::KList);
}

#[test]
fn kubiya_import() {
    matrix(Cmd::KImport);
}

#[test]
fn kubiya_import_plan() {
    matrix(Cmd::KImportPlan);
}

#[test]
fn chatbotkit_create() {
    matrix(Cmd::CCreate);
}

#[test]
fn chatbotkit_get() {
    matrix(Cmd::CGet);
}

#[test]
fn chatbotkit_update() {
    matrix(Cmd::CUpdate);
}

#[test]
fn chatbotkit_delete() {
    matrix(Cmd::CDelete);
}

#[test]
fn chatbotkit_list() {
    matrix(Cmd::CList);
}

#[test]
fn chatbotkit_verify() {
    matrix(Cmd::CVerify);
}

#[test]
fn chatbotkit_revoke() {
    matrix(Cmd::CRevoke);
}

#[test]
fn chatbotkit_import() {
    matrix(Cmd::CImport);
}

#[test]
fn chatbotkit_import_plan() {
    matrix(Cmd::CImportPlan);
}
