//! The pace's rules on a simulated clock: a token-bucket server and a run's workers, stepped
//! a millisecond at a time — no sleeps, and the same result on a loaded machine.

use super::*;

const MS: Duration = Duration::from_millis(1);

/// The server of the simulation: a token bucket, answering after `latency`.
#[derive(Clone, Copy)]
struct Server {
    rate: f64,
    burst: u32,
    latency: Duration,
    /// Kubiya's 429 says `Retry-After` (whole seconds until a token, at least 1).
    retry_after: bool,
    /// Answers carry `X-RateLimit-*`.
    headers: bool,
    /// The rate becomes this at this time.
    change: Option<(Duration, f64)>,
    /// A 429 is answered at once (a gateway refuses on arrival, as the emulator does),
    /// not after the latency of a request served.
    quick_429: bool,
    /// A plan quota: every request is refused, whatever the time.
    quota: bool,
}

impl Server {
    fn new(rate: f64, burst: u32) -> Server {
        Server {
            rate,
            burst,
            latency: 20 * MS,
            retry_after: false,
            headers: false,
            quick_429: false,
            change: None,
            quota: false,
        }
    }
}

struct Bucket {
    tokens: f64,
    last: Duration,
}

enum Answer {
    Ok(Option<Budget>),
    Limited(Option<Duration>, Option<Budget>),
}

struct Run {
    /// When the last item was done.
    took: Duration,
    limited: u64,
    done: usize,
    gave_up: bool,
    /// The pace the run ended at.
    pace: Option<f64>,
}

fn answer(s: &Server, b: &mut Bucket, t: Duration) -> Answer {
    let rate = match s.change {
        Some((at, r)) if t >= at => r,
        _ => s.rate,
    };
    let cap = f64::from(s.burst);
    b.tokens = (b.tokens + (t - b.last).as_secs_f64() * rate).min(cap);
    b.last = t;
    let reset =
        |tokens: f64| Duration::from_secs(((cap - tokens) / rate - 1e-9).max(0.0).ceil() as u64);
    if !s.quota && b.tokens >= 1.0 - 1e-9 {
        b.tokens = (b.tokens - 1.0).max(0.0);
        let budget = s.headers.then(|| Budget {
            limit: s.burst,
            remaining: (b.tokens + 1e-9).floor() as u32,
            reset: Some(reset(b.tokens)),
        });
        Answer::Ok(budget)
    } else {
        let hint = s.retry_after.then(|| {
            let secs = ((1.0 - b.tokens) / rate - 1e-9).max(0.0).ceil().max(1.0);
            Duration::from_secs(secs as u64)
        });
        let budget = s.headers.then(|| Budget {
            limit: s.burst,
            remaining: 0,
            reset: Some(reset(b.tokens).max(Duration::from_secs(1))),
        });
        Answer::Limited(hint, budget)
    }
}

/// `items` writes at `workers` at a time after one list call (an import's plan), until all
/// are done, the run gives up, or `limit` of simulated time has passed.
fn simulate(s: Server, items: usize, workers: usize, give_up: Duration, limit: Duration) -> Run {
    let t0 = Instant::now();
    let mut core = Core::new(workers, give_up, t0);
    let mut bucket = Bucket {
        tokens: f64::from(s.burst),
        last: Duration::ZERO,
    };
    // In flight: (answered at, sent at, the answer, the item).
    let mut flight: Vec<(Duration, Duration, Answer, Option<usize>)> = Vec::new();
    let mut queue: VecDeque<Option<usize>> = std::iter::once(None).collect();
    let mut next_item = 0;
    let mut done = 0;
    let mut took = Duration::ZERO;
    let mut gave_up = false;
    let mut t = Duration::ZERO;
    let mut wake = Duration::ZERO;
    while t <= limit && !gave_up {
        // Answers due now.
        let (due, rest): (Vec<_>, Vec<_>) = flight.drain(..).partition(|f| f.0 <= t);
        flight = rest;
        if !due.is_empty() {
            // An answer wakes the waiting workers (the pace's condition variable).
            wake = t;
        }
        for (_, sent, ans, item) in due {
            core.returned();
            match ans {
                Answer::Ok(b) => {
                    core.success(t0 + t, t0 + sent, b);
                    if item.is_some() {
                        done += 1;
                        took = t;
                    }
                }
                Answer::Limited(hint, b) => match core.limited(t0 + t, t0 + sent, hint, b) {
                    Verdict::Retry => queue.push_front(item),
                    Verdict::GiveUp => gave_up = true,
                },
            }
        }
        if done == items || gave_up {
            break;
        }
        // The list call goes alone; then the workers take items.
        let listing = queue.front() == Some(&None) || flight.iter().any(|f| f.3.is_none());
        if !listing && queue.is_empty() && next_item < items {
            queue.push_back(Some(next_item));
            next_item += 1;
        }
        let mut k = 0;
        while t >= wake && flight.len() < workers && !queue.is_empty() {
            if listing && !flight.is_empty() {
                break;
            }
            // Requests sent in the same millisecond still go one after the other.
            k += 1;
            let now = t + k * Duration::from_micros(10);
            match core.try_send(t0 + now) {
                Ok(()) => {
                    let item = queue.pop_front().flatten();
                    let ans = answer(&s, &mut bucket, now);
                    let latency = match ans {
                        Answer::Limited(..) if s.quick_429 => MS,
                        _ => s.latency,
                    };
                    flight.push((t + latency, now, ans, item));
                    if !listing && queue.is_empty() && next_item < items {
                        queue.push_back(Some(next_item));
                        next_item += 1;
                    }
                    if listing {
                        break;
                    }
                }
                Err(Some(w)) => {
                    wake = now + w;
                    break;
                }
                Err(None) => break,
            }
        }
        t += MS;
    }
    // `SIM_TRACE=1 cargo test --lib pace:: -- --nocapture` shows each run's figures.
    if std::env::var_os("SIM_TRACE").is_some() {
        eprintln!(
            "took {took:?}, {} 429s, {done} done, pace {:?}",
            core.limited,
            core.pace()
        );
    }
    Run {
        took,
        limited: core.limited,
        done,
        gave_up,
        pace: core.pace(),
    }
}

fn import(s: Server, items: usize) -> Run {
    simulate(s, items, 8, GIVE_UP_AFTER, Duration::from_secs(120))
}

fn ratio(r: &Run, items: usize, rate: f64) -> f64 {
    r.took.as_secs_f64() / (items as f64 / rate)
}

/// The case: 40 requests/s with a burst of 4, 200 items at concurrency 8.
#[test]
fn a_small_burst_without_a_hint_is_met_at_the_servers_rate() {
    // The holds carry jitter: the rule must hold whatever it draws, so every run of the
    // test draws the same 100 sequences.
    for seed in 0..100 {
        fastrand::seed(seed);
        let r = import(Server::new(40.0, 4), 200);
        assert_eq!(r.done, 200, "nothing lost (seed {seed})");
        let x = ratio(&r, 200, 40.0);
        assert!(x <= 1.15, "{x:.2}× ideal, {} 429s (seed {seed})", r.limited);
        // The learned pace converged on the server's rate: at the end it is at most one
        // probe (a quarter) above it.
        let pace = r.pace.expect("paced after the 429s");
        assert!((36.0..=50.0).contains(&pace), "{pace} (seed {seed})");
    }
}

#[test]
fn a_small_burst_with_retry_after_learns_from_the_first_429() {
    // Whether a 429 comes back at once or after the latency, the rate is measured alike.
    for quick_429 in [false, true] {
        let s = Server {
            retry_after: true,
            quick_429,
            ..Server::new(40.0, 4)
        };
        let r = import(s, 200);
        assert_eq!(r.done, 200);
        let x = ratio(&r, 200, 40.0);
        // Two whole-second holds at least (the first 429, and the one that measures the
        // rate): 1.4× of this run's ideal before anything else.
        assert!(
            x <= 1.48,
            "{x:.2}× ideal, {} 429s (quick {quick_429})",
            r.limited
        );
        // The 429s come in two bursts of the first second and one more at most.
        assert!(r.limited <= 12, "{} 429s", r.limited);
        let pace = r.pace.expect("a pace");
        assert!((36.0..=44.0).contains(&pace), "{pace} (quick {quick_429})");
    }
}

/// What the probe after a dear 429 measures: the rate of a bucket that was full when the
/// probe started, from the passes and the refused request.
#[test]
fn the_probe_measures_the_buckets_rate() {
    let t0 = Instant::now();
    // A bucket of 4 at 40/s, sent to every 12.5 ms (80/s) from full: the k-th request finds
    // 4 + 0.5·k − k tokens, so the 8th, at 87.5 ms, is the first refused.
    let at = |k: u32| t0 + k * Duration::from_micros(12_500);
    let passed: VecDeque<Instant> = (0..7).map(at).collect();
    let r = bucket_rate(&passed, t0, at(7), 4.0);
    assert!((35.0..=45.0).contains(&r), "{r}");
    // Nothing passed: as little as it may be.
    assert_eq!(
        bucket_rate(&VecDeque::new(), t0, t0 + 100 * MS, 4.0),
        MIN_RATE
    );
}

#[test]
fn with_rate_limit_headers_the_run_meets_no_429_after_its_start() {
    let s = Server {
        retry_after: true,
        headers: true,
        ..Server::new(40.0, 4)
    };
    let r = import(s, 200);
    assert_eq!(r.done, 200);
    assert_eq!(r.limited, 0, "paced from X-RateLimit-Remaining");
    let x = ratio(&r, 200, 40.0);
    assert!(x <= 1.1, "{x:.2}× ideal");
    let pace = r.pace.expect("a model of the server");
    assert!((32.0..=48.0).contains(&pace), "{pace}");
}

#[test]
fn a_generous_burst_stays_at_the_ideal() {
    for (retry_after, headers) in [(false, false), (true, false), (true, true)] {
        let s = Server {
            retry_after,
            headers,
            ..Server::new(20.0, 20)
        };
        let r = import(s, 300);
        assert_eq!(r.done, 300);
        let x = ratio(&r, 300, 20.0);
        // `Retry-After` without `X-RateLimit-*`: two whole-second holds before the rate is
        // measured, from a window a large burst keeps short (the measure is a few requests).
        let goal = if retry_after && !headers { 1.2 } else { 1.1 };
        assert!(
            x <= goal,
            "{x:.2}× ideal, {} 429s ({retry_after}, {headers})",
            r.limited
        );
    }
}

#[test]
fn no_limit_costs_nothing() {
    let r = import(Server::new(1e6, 1_000_000), 400);
    assert_eq!(r.limited, 0);
    assert_eq!(r.pace, None, "no pace without a limit");
    // 1 list + 400 writes at 8 in flight, 20 ms each.
    assert!(r.took <= 20 * MS * 52, "{:?}", r.took);
}

/// The server halves its rate in the middle of the run: the pace follows it down.
#[test]
fn the_pace_follows_the_server_when_it_halves_its_rate() {
    for (retry_after, headers) in [(false, false), (true, true)] {
        let s = Server {
            retry_after,
            headers,
            change: Some((Duration::from_secs(3), 20.0)),
            ..Server::new(40.0, 4)
        };
        let r = import(s, 280);
        assert_eq!(r.done, 280);
        // 120 in the first 3 s, 160 at 20/s after: 11 s at best.
        let x = r.took.as_secs_f64() / 11.0;
        assert!(x <= 1.25, "{x:.2}× ideal, {} 429s ({headers})", r.limited);
        let pace = r.pace.expect("paced");
        assert!((16.0..=28.0).contains(&pace), "{pace} ({headers})");
    }
}

/// A plan quota answers 429 for ever: the run gives up after the give-up time, having held
/// ever longer between tries instead of hammering the server.
#[test]
fn a_quota_that_never_passes_gives_up() {
    let s = Server {
        quota: true,
        ..Server::new(40.0, 4)
    };
    let r = simulate(s, 50, 8, Duration::from_secs(300), Duration::from_secs(400));
    assert!(r.gave_up);
    assert_eq!(r.done, 0);
    // Holds grow to 8 s: a few dozen tries in 300 s, not thousands.
    assert!(r.limited < 200, "{} 429s", r.limited);
}

#[test]
fn a_429_halves_once_per_burst_and_successes_grow_it_back() {
    let t0 = Instant::now();
    let mut c = Core::new(8, GIVE_UP_AFTER, t0);
    let at = |ms| t0 + ms * MS;
    assert_eq!(
        c.limited(at(1), t0, Some(Duration::ZERO), None),
        Verdict::Retry
    );
    assert_eq!(c.limit, 4.0);
    // Another answer of the same burst (sent before the cut) does not cut again.
    assert_eq!(
        c.limited(at(2), t0, Some(Duration::ZERO), None),
        Verdict::Retry
    );
    assert_eq!(c.limit, 4.0);
    // A request sent after the cut that meets 429 cuts again.
    c.limited(at(4), at(3), Some(Duration::ZERO), None);
    assert_eq!(c.limit, 2.0);
    for i in 0..200 {
        c.success(at(5 + i), at(5 + i), None);
    }
    assert_eq!(c.limit, 8.0, "grows back, never past the maximum");
    for i in 0..10 {
        c.limited(
            at(300 + 2 * i + 1),
            at(300 + 2 * i),
            Some(Duration::ZERO),
            None,
        );
    }
    assert_eq!(c.limit, 1.0, "never below one");
}

#[test]
fn the_hold_stops_every_request_until_it_ends() {
    let t0 = Instant::now();
    let mut c = Core::new(4, GIVE_UP_AFTER, t0);
    c.limited(t0, t0, Some(Duration::from_millis(300)), None);
    assert_eq!(c.waiting(t0), Some(Duration::from_millis(300)));
    assert_eq!(c.try_send(t0 + 100 * MS), Err(Some(200 * MS)));
    assert_eq!(c.try_send(t0 + 300 * MS), Ok(()));
    assert_eq!(c.waiting(t0 + 300 * MS), None);
}

#[test]
fn in_flight_never_exceeds_the_allowance() {
    let t0 = Instant::now();
    let mut c = Core::new(2, GIVE_UP_AFTER, t0);
    assert_eq!(c.try_send(t0), Ok(()));
    assert_eq!(c.try_send(t0), Ok(()));
    assert_eq!(c.try_send(t0), Err(None), "waits for a slot");
    c.returned();
    assert_eq!(c.try_send(t0), Ok(()));
}

#[test]
fn no_progress_for_the_give_up_time_stops_the_run() {
    let t0 = Instant::now();
    let give_up = Duration::from_millis(50);
    let mut c = Core::new(4, give_up, t0);
    assert_eq!(c.limited(t0, t0, None, None), Verdict::Retry);
    assert_eq!(
        c.limited(t0 + 60 * MS, t0 + 55 * MS, None, None),
        Verdict::GiveUp
    );
    assert!(c.gave_up);
    // Progress in time keeps the run going.
    let mut c = Core::new(4, give_up, t0);
    for i in 1..=3 {
        let t = t0 + 30 * MS * i;
        c.success(t, t, None);
        assert_eq!(c.limited(t, t, Some(Duration::ZERO), None), Verdict::Retry);
    }
}

#[test]
fn a_pace_whose_run_gave_up_lets_nothing_out() {
    let p = Pace::new(4, Duration::ZERO);
    assert_eq!(p.limited(Instant::now(), None), Verdict::GiveUp);
    assert!(p.gave_up());
    assert_eq!(p.acquire().err(), Some(Stop::GaveUp));
}

#[test]
fn the_hold_without_a_hint_doubles_and_is_capped() {
    let h1 = hold(1);
    assert!(h1 >= HOLD_START && h1 <= HOLD_START.mul_f64(1.2));
    let h3 = hold(3);
    assert!(h3 >= Duration::from_millis(100) && h3 <= Duration::from_millis(120));
    assert!(hold(40) <= HOLD_MAX.mul_f64(1.2));
}

/// A bucket of one or two (`X-RateLimit-Remaining` at most 1, `Reset` a whole second): the
/// answers always find it full, which must not keep the run at the first guess of one
/// allowance a second.
#[test]
fn a_bucket_of_one_or_two_is_not_taken_for_its_reset() {
    // (rate, burst, the most the run of 60 may take, in seconds)
    for (rate, burst, most) in [
        (10.0, 2, 61.0 / 10.0 * 1.3),
        (1000.0, 2, 3.0),
        (40.0, 1, 6.0),
        (5.0, 1, 61.0 / 5.0 * 1.5),
    ] {
        let s = Server {
            retry_after: true,
            headers: true,
            quick_429: true,
            ..Server::new(rate, burst)
        };
        let r = import(s, 60);
        assert_eq!(r.done, 60);
        assert!(
            r.took.as_secs_f64() <= most,
            "{rate}/s, burst {burst}: {:?}",
            r.took
        );
        // A bucket of two is paced from the headers alone; one of one meets one 429.
        assert!(r.limited <= u64::from(burst == 1), "{} 429s", r.limited);
    }
}
