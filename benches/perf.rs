//! `cargo bench --bench perf`: secretctl against its emulator with added latency per request.
//! Prints a Markdown report (the machine, then medians of repeated runs) for BENCHMARKS.md.
//! Not part of the test suite: machines are noisy, so timings are recorded, not asserted.
//!
//! Quick run: `SECRETCTL_BENCH_QUICK=1 cargo bench --bench perf` (fewer repetitions).

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use secretctl::emulator::{Emulator, EmulatorOptions, RateLimitSettings};
use serde_json::json;

const TOKEN: &str = "bench-token";
const LATENCY_MS: u64 = 20;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_secretctl")
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// `min / median / max ms` of several runs.
fn spread(v: &[f64]) -> String {
    let (lo, hi) = min_max(v);
    format!("{lo:.0} / {:.0} / {hi:.0} ms", median(v.to_vec()))
}

/// The same as multiples of `ideal`.
fn spread_ratio(v: &[f64], ideal: f64) -> String {
    let (lo, hi) = min_max(v);
    format!(
        "{:.2}× / {:.2}× / {:.2}×",
        lo / ideal,
        median(v.to_vec()) / ideal,
        hi / ideal
    )
}

fn min_max(v: &[f64]) -> (f64, f64) {
    v.iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
            (lo.min(*x), hi.max(*x))
        })
}

fn quick() -> bool {
    std::env::var_os("SECRETCTL_BENCH_QUICK").is_some()
}

fn reps(full: usize) -> usize {
    if quick() {
        full.div_ceil(5).max(1)
    } else {
        full
    }
}

fn command(emu: &Emulator, args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", std::env::temp_dir())
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("secretctl-bench-none"),
        )
        .env("CHATBOTKIT_API_URL", emu.base_url())
        .env("CHATBOTKIT_API_TOKEN", TOKEN)
        .env("KUBIYA_BASE_URL", format!("{}/api/v1", emu.base_url()))
        .env("KUBIYA_API_KEY", TOKEN)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    c
}

struct Measured {
    wall: Duration,
    first_byte: Option<Duration>,
    max_rss_kb: i64,
    ok: bool,
}

/// Run to the end, timing the first byte of stdout and reading the child's own peak RSS.
// The child is reaped with wait4 (for its rusage), which clippy cannot see.
#[allow(clippy::zombie_processes)]
fn measure(c: Command) -> Measured {
    measure_with(c, None)
}

/// [`measure`], writing `input` to the child's stdin (`import -`).
#[allow(clippy::zombie_processes)]
fn measure_with(mut c: Command, input: Option<&[u8]>) -> Measured {
    if input.is_some() {
        c.stdin(Stdio::piped());
    }
    let start = Instant::now();
    let mut child = c.spawn().expect("spawn secretctl");
    if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            use std::io::Write;
            let _ = stdin.write_all(&bytes);
        });
    }
    let mut out = child.stdout.take().expect("stdout");
    let mut first_byte = None;
    let mut buf = [0u8; 65536];
    loop {
        match out.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(_) => {
                if first_byte.is_none() {
                    first_byte = Some(start.elapsed());
                }
            }
        }
    }
    let pid = child.id() as i32;
    let mut status = 0;
    // SAFETY: waiting for our own child with a zeroed rusage to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe {
        libc::wait4(pid, &mut status, 0, &mut usage);
    }
    let wall = start.elapsed();
    Measured {
        wall,
        first_byte,
        max_rss_kb: usage.ru_maxrss,
        ok: libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines().next().map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<u64>()
                    .unwrap_or(0)
            })
        })
        .map_or("?".into(), |kb| {
            format!("{:.0} GiB", kb as f64 / 1024.0 / 1024.0)
        });
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!("{cpu}, {cores} cores, {mem} RAM, Linux {}", kernel.trim())
}

fn main() {
    // `cargo bench` passes --bench; nothing else to parse.
    println!("## Results\n");
    println!("Machine: {}  ", machine());
    println!(
        "secretctl {} (bench profile = release: LTO, 1 codegen unit, stripped)  ",
        env!("CARGO_PKG_VERSION")
    );
    println!("Emulator latency: {LATENCY_MS} ms added to every request unless stated.\n");
    println!("| measurement | median | target | runs |");
    println!("|---|---|---|---|");

    let emu = Emulator::start(EmulatorOptions {
        port: 0,
        token: TOKEN.into(),
    })
    .expect("emulator");
    if std::env::var("SECRETCTL_BENCH_ONLY").is_ok_and(|v| v == "rate-limits") {
        let dir = tempfile_dir();
        rate_limited(&emu, &dir);
        let _ = std::fs::remove_dir_all(dir);
        return;
    }

    // `SECRETCTL_BENCH_ONLY=export-run`: only the rows of `kubiya export` and `kubiya run`.
    if std::env::var_os("SECRETCTL_BENCH_ONLY").is_some_and(|v| v == "export-run") {
        export_and_run(&emu);
        return;
    }

    // Start-up.
    for args in [&["--version"][..], &["kubiya", "list", "--help"][..]] {
        let n = reps(50);
        let times: Vec<f64> = (0..n)
            .map(|_| ms(measure(command(&emu, args)).wall))
            .collect();
        let target = if args[0] == "--version" { "< 5 ms" } else { "" };
        println!(
            "| `secretctl {}` | {:.2} ms | {target} | {n} |",
            args.join(" "),
            median(times)
        );
    }

    // One get against curl doing the same single request, same latency, same run.
    emu.set_latency(LATENCY_MS);
    let id = emu.seed_chatbotkit(json!({"name": "BENCH", "kind": "shared", "value": "v"}));
    let n = reps(30);
    let mut ours = Vec::new();
    let mut curl = Vec::new();
    let curl_ok = Command::new("curl")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    for _ in 0..n {
        let m = measure(command(&emu, &["chatbotkit", "get", &id]));
        assert!(m.ok, "get failed");
        ours.push(ms(m.wall));
        if curl_ok {
            let mut c = Command::new("curl");
            c.args([
                "-sf",
                "-H",
                &format!("Authorization: Bearer {TOKEN}"),
                &format!("{}/api/v1/secret/{id}/fetch", emu.base_url()),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
            curl.push(ms(measure(c).wall));
        }
    }
    let (o, c) = (median(ours), if curl_ok { median(curl) } else { f64::NAN });
    println!("| `chatbotkit get ID` | {o:.1} ms | | {n} |");
    if curl_ok {
        println!("| `curl` same request | {c:.1} ms | | {n} |");
        println!("| get ÷ curl | {:.2}× | ≤ 1.5× | {n} |", o / c);
    }

    // 10,000-secret list.
    emu.set_latency(0);
    for i in 0..10_000 {
        emu.seed_chatbotkit(json!({"name": format!("S{i:05}"), "kind": "shared", "description": "benchmark secret", "meta": {"team": "bench"}}));
    }
    emu.set_latency(LATENCY_MS);
    let n = reps(5);
    let mut walls = Vec::new();
    let mut firsts = Vec::new();
    let mut rss = Vec::new();
    emu.clear_requests();
    for _ in 0..n {
        let m = measure(command(&emu, &["chatbotkit", "list", "-o", "plain"]));
        assert!(m.ok, "list failed");
        walls.push(ms(m.wall));
        firsts.push(ms(m.first_byte.unwrap_or(m.wall)));
        rss.push(m.max_rss_kb as f64 / 1024.0);
    }
    let requests = emu.requests().len() / n;
    println!(
        "| `chatbotkit list` of 10,001 secrets: wall | {:.0} ms | < 1000 ms | {n} |",
        median(walls)
    );
    println!(
        "| … first line on stdout after | {:.0} ms | before the last item | {n} |",
        median(firsts)
    );
    println!("| … requests per list | {requests} | 1 | {n} |");
    println!("| … peak RSS | {:.1} MB | < 30 MB | {n} |", median(rss));

    // Imports of 1,000 secrets at several concurrencies.
    let dir = tempfile_dir();
    let file = dir.join("bench.env");
    let mut text = String::new();
    for i in 0..1000 {
        text.push_str(&format!("IMPORT_{i:04}=value-{i}-{}\n", "x".repeat(24)));
    }
    std::fs::write(&file, text).expect("write import file");
    for provider in ["kubiya", "chatbotkit"] {
        for conc in [1u32, 4, 8, 16] {
            let n = if conc == 1 { 1 } else { reps(3) };
            let mut walls = Vec::new();
            for _ in 0..n {
                reset(&emu);
                emu.set_latency(LATENCY_MS);
                let m = measure(command(
                    &emu,
                    &[
                        provider,
                        "import",
                        file.to_str().unwrap_or(""),
                        "--concurrency",
                        &conc.to_string(),
                    ],
                ));
                assert!(m.ok, "import failed");
                walls.push(ms(m.wall));
            }
            let ideal = 1000.0 * LATENCY_MS as f64 / conc as f64;
            let w = median(walls);
            let target = if conc == 8 { "≤ 1.25×" } else { "" };
            println!(
                "| `{provider} import` 1,000 at concurrency {conc} | {w:.0} ms = {:.2}× ideal {ideal:.0} ms | {target} | {n} |",
                w / ideal
            );
        }
    }

    rate_limited(&emu, &dir);

    // `get` with "used by" on an account of 100 skillsets of 10 abilities each: the fetch, then
    // the secret, skillset and bot lists together, then the 100 ability lists 8 at a time.
    {
        emu.set_latency(0);
        reset(&emu);
        let client = reqwest::blocking::Client::new();
        let create = |route: &str, body: serde_json::Value| -> String {
            client
                .post(format!("{}/api/v1/{route}", emu.base_url()))
                .bearer_auth(TOKEN)
                .json(&body)
                .send()
                .ok()
                .and_then(|r| r.json::<serde_json::Value>().ok())
                .and_then(|v| v["id"].as_str().map(str::to_string))
                .expect("seeded")
        };
        let used = emu.seed_chatbotkit(json!({"name": "USED", "kind": "shared"}));
        for k in 0..100 {
            let sid = create("skillset/create", json!({"name": format!("K{k}")}));
            create(
                "bot/create",
                json!({"name": format!("B{k}"), "skillsetId": sid}),
            );
            for a in 0..10 {
                let mut body = json!({"name": format!("A{k}_{a}"), "instruction": "GET /x"});
                if k == 50 && a == 5 {
                    body["linkedSecretId"] = json!(used);
                }
                create(&format!("skillset/{sid}/ability/create"), body);
            }
        }
        emu.set_latency(LATENCY_MS);
        let n = reps(5);
        let mut requests = 0;
        let walls: Vec<f64> = (0..n)
            .map(|_| {
                emu.clear_requests();
                let m = measure(command(&emu, &["chatbotkit", "get", &used, "-o", "json"]));
                assert!(m.ok, "get failed");
                requests = emu.requests().len();
                ms(m.wall)
            })
            .collect();
        let ideal = (3.0 + 100.0 / 8.0) * LATENCY_MS as f64;
        let w = median(walls);
        println!(
            "| `chatbotkit get` with used by: 100 skillsets × 10 abilities, 100 bots | {w:.0} ms = {:.2}× ideal {ideal:.0} ms; {requests} requests | 3 rounds + 100 / 8 | {n} |",
            w / ideal
        );
    }

    // Checking an import: 100,000 items parsed and validated (`--dry-run`, no latency).
    emu.set_latency(0);
    reset(&emu);
    for (ext, line) in [
        ("json", None),
        ("toml", Some("K{i} = \"value-{i}\"\n")),
        ("env", Some("K{i}=value-{i}\n")),
    ] {
        let path = dir.join(format!("check.{ext}"));
        let body = match line {
            None => {
                let items: Vec<serde_json::Value> = (0..100_000)
                    .map(|i| json!({"name": format!("K{i}"), "value": format!("value-{i}")}))
                    .collect();
                serde_json::to_string_pretty(&items).unwrap_or_default()
            }
            Some(l) => (0..100_000)
                .map(|i| l.replace("{i}", &i.to_string()))
                .collect(),
        };
        std::fs::write(&path, body).expect("write check file");
        let n = reps(3);
        let walls: Vec<f64> = (0..n)
            .map(|_| {
                let m = measure(command(
                    &emu,
                    &["kubiya", "import", path.to_str().unwrap_or(""), "--dry-run"],
                ));
                assert!(m.ok, "dry run failed");
                ms(m.wall)
            })
            .collect();
        println!(
            "| `import --dry-run` of 100,000 items, {ext} | {:.0} ms | < 1000 ms | {n} |",
            median(walls)
        );
    }

    export_and_run(&emu);

    let size = std::fs::metadata(bin()).map(|m| m.len()).unwrap_or(0);
    println!(
        "| release binary size | {:.2} MB | < 10 MB | 1 |",
        size as f64 / 1024.0 / 1024.0
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Imports and sync under the emulator's rate limit (`SECRETCTL_BENCH_ONLY=rate-limits` runs
/// only these).
fn rate_limited(emu: &Emulator, dir: &std::path::Path) {
    // Imports under a rate limit, in each provider's real 429 shape (ChatBotKit: no hint;
    // Kubiya: `Retry-After` and `X-RateLimit-*`): 300 secrets at 20 requests/s with a burst
    // of 20 (ideal 15 s), and 200 from stdin at 40 requests/s with a burst of 4 (ideal 5 s),
    // where the burst is far below the rate.
    for (items, rps, burst, goal, stdin) in [
        (300usize, 20.0, 20u32, "≤ 1.1×, 0 failed", false),
        (200, 40.0, 4, "", true),
    ] {
        let mut text = String::new();
        for i in 0..items {
            text.push_str(&format!("LIMITED_{i:03}=value-{i}-{}\n", "y".repeat(24)));
        }
        let limited = dir.join("limited.env");
        std::fs::write(&limited, &text).expect("write import file");
        // Kubiya as it documents itself (`X-RateLimit-*` on every answer) and, at the small
        // burst, behind a gateway that sends only `Retry-After`: the 429s teach the rate.
        let cases: &[(&str, bool)] = if stdin {
            &[("kubiya", true), ("kubiya", false), ("chatbotkit", false)]
        } else {
            &[("kubiya", true), ("chatbotkit", false)]
        };
        for &(provider, headers) in cases {
            let goal = match (goal, provider) {
                ("", "kubiya") => "≤ 1.5×, 0 failed",
                ("", _) => "≤ 1.25×, 0 failed",
                (g, _) => g,
            };
            let n = reps(5);
            let mut walls = Vec::new();
            let mut failed = 0;
            let mut limited_answers = 0;
            for _ in 0..n {
                reset(emu);
                emu.set_latency(LATENCY_MS);
                emu.set_rate_limit(Some(RateLimitSettings {
                    rps,
                    burst: Some(burst),
                    retry_after: provider == "kubiya",
                    headers,
                }));
                let source = if stdin {
                    "-"
                } else {
                    limited.to_str().unwrap_or("")
                };
                let args = [provider, "import", source, "--concurrency", "8"];
                let input = stdin.then_some(text.as_bytes());
                let m = measure_with(command(emu, &args), input);
                walls.push(ms(m.wall));
                let stored = emu.secrets()[provider].as_array().map_or(0, Vec::len);
                failed = failed.max(items - stored.min(items));
                limited_answers += emu.requests().iter().filter(|r| r.status == 429).count();
                emu.set_rate_limit(None);
            }
            let ideal = items as f64 / rps * 1000.0;
            println!(
                "| `{provider} import{}` {items} at {rps} requests/s, burst {burst}, concurrency 8{} | {} = {} ideal {ideal:.0} ms, {failed} failed, {:.0} 429s a run | {goal} | {n} |",
                if stdin { " -" } else { "" },
                if provider == "kubiya" && !headers {
                    ", `Retry-After` only (no `X-RateLimit-*`)"
                } else {
                    ""
                },
                spread(&walls),
                spread_ratio(&walls, ideal),
                limited_answers as f64 / n as f64,
            );
        }
    }

    // Sync of 1,000 Kubiya secrets of which 10 changed: one list call, one value read per
    // present secret (concurrent), a write for the 10 changed only.
    let mut text = String::new();
    for i in 0..1000 {
        let v = if i % 100 == 0 { "changed" } else { "value" };
        text.push_str(&format!("SYNC_{i:04}={v}-{i}-{}\n", "z".repeat(24)));
    }
    let synced = dir.join("sync.env");
    std::fs::write(&synced, text).expect("write sync file");
    // The same at 40 requests/s with a burst of 4: ideal 1,011 / 40 = 25.3 s.
    for limit in [None, Some((40.0, 4u32))] {
        let n = if limit.is_some() {
            reps(3).max(2)
        } else {
            reps(3)
        };
        let mut walls = Vec::new();
        let mut requests = 0;
        let mut writes = 0;
        let mut limited_answers = 0;
        let mut ok = true;
        for _ in 0..n {
            reset(emu);
            emu.set_latency(0);
            for i in 0..1000 {
                emu.seed_kubiya(
                    &format!("SYNC_{i:04}"),
                    &format!("value-{i}-{}", "z".repeat(24)),
                    "",
                );
            }
            emu.set_latency(LATENCY_MS);
            emu.set_rate_limit(limit.map(|(rps, burst)| RateLimitSettings {
                rps,
                burst: Some(burst),
                retry_after: true,
                headers: true,
            }));
            let m = measure(command(
                emu,
                &[
                    "kubiya",
                    "sync",
                    synced.to_str().unwrap_or(""),
                    "--concurrency",
                    "8",
                ],
            ));
            emu.set_rate_limit(None);
            ok &= m.ok;
            walls.push(ms(m.wall));
            let all = emu.requests();
            limited_answers += all.iter().filter(|r| r.status == 429).count();
            let sent: Vec<_> = all
                .into_iter()
                .filter(|r| !r.path.starts_with("/_emulator") && r.status != 429)
                .collect();
            requests = sent.len();
            writes = sent.iter().filter(|r| r.method != "GET").count();
        }
        assert!(ok, "sync failed");
        let (what, ideal, goal) = match limit {
            None => (
                String::new(),
                1011.0 * LATENCY_MS as f64 / 8.0,
                String::new(),
            ),
            Some((rps, burst)) => (
                format!(" at {rps} requests/s, burst {burst},"),
                1011.0 / rps * 1000.0,
                "; ≤ 1.5×".to_string(),
            ),
        };
        println!(
            "| `kubiya sync` 1,000 present, 10 changed,{what} concurrency 8 | {} = {} ideal {ideal:.0} ms; {requests} requests answered, {writes} writes, {:.0} 429s a run | 1,011 requests (1 list + 1,000 reads + 10 writes){goal} | {n} |",
            spread(&walls),
            spread_ratio(&walls, ideal),
            limited_answers as f64 / n as f64,
        );
    }
}

/// `kubiya export` of 1,000 secrets at 20 ms (one list call + 1,000 value reads) against the
/// ideal `1,001 × 20 ms / concurrency`; and what `kubiya run` adds once its one value is read:
/// `run -s A -- true` (list + read + exec) minus `export A` (the same list + read, then a
/// write), with `env true` beside it. The three alternate, without latency.
fn export_and_run(emu: &Emulator) {
    reset(emu);
    emu.set_latency(0);
    for i in 0..1000 {
        emu.seed_kubiya(
            &format!("EXPORT_{i:04}"),
            &format!("value-{i}-{}", "e".repeat(24)),
            "d",
        );
    }
    emu.set_latency(LATENCY_MS);
    for conc in [4u32, 8, 16] {
        let n = reps(3);
        let mut walls = Vec::new();
        for _ in 0..n {
            let m = measure(command(
                emu,
                &["kubiya", "export", "--concurrency", &conc.to_string()],
            ));
            assert!(m.ok, "export failed");
            walls.push(ms(m.wall));
        }
        let ideal = 1001.0 * LATENCY_MS as f64 / conc as f64;
        let w = median(walls);
        let target = if conc == 8 { "≤ 1.25×" } else { "" };
        println!(
            "| `kubiya export` 1,000 at concurrency {conc} | {w:.0} ms = {:.2}× ideal {ideal:.0} ms | {target} | {n} |",
            w / ideal
        );
    }
    reset(emu);
    emu.set_latency(0);
    emu.seed_kubiya("RUN_ONE", "run-value", "");
    let n = reps(50);
    let (mut env, mut export, mut run) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..n {
        let mut c = Command::new("env");
        c.arg("true")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        env.push(ms(measure(c).wall));
        let m = measure(command(emu, &["kubiya", "export", "RUN_ONE"]));
        assert!(m.ok, "export failed");
        export.push(ms(m.wall));
        let m = measure(command(
            emu,
            &["kubiya", "run", "-s", "RUN_ONE", "--", "true"],
        ));
        assert!(m.ok, "run failed");
        run.push(ms(m.wall));
    }
    let (e, x, r) = (median(env), median(export), median(run));
    println!("| `env true` | {e:.2} ms | | {n} |");
    println!("| `kubiya export RUN_ONE` (list + 1 read) | {x:.2} ms | | {n} |");
    println!("| `kubiya run -s RUN_ONE -- true` | {r:.2} ms | | {n} |");
    println!(
        "| … run's cost once the value is read (run − export) | {:.2} ms | < 5 ms over `env true` ({e:.2} ms) | {n} |",
        r - x
    );
}

fn reset(emu: &Emulator) {
    // Keep the 10,000 ChatBotKit secrets out of the import runs' way: a fresh store each time.
    // The control routes need the emulator's token; a reset that did not happen would leave
    // the last run's secrets as conflicts, so it must succeed.
    let answer = reqwest::blocking::Client::new()
        .post(format!("{}/_emulator/reset", emu.base_url()))
        .bearer_auth(emu.token())
        .send()
        .expect("the emulator answers");
    assert!(answer.status().is_success(), "reset: {}", answer.status());
    emu.clear_requests();
}

fn tempfile_dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("secretctl-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&d);
    d
}
