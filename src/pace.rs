//! One pace for all the workers of a bulk run (import): the server's rate limit, learned
//! from its 429 answers, shared by every request of the run.
//!
//! - Every 429 informs it: the hint the server gives (`Retry-After`, `RateLimit`/
//!   `X-RateLimit-Reset`; see [`crate::transport`]) or, without one, a backoff that grows
//!   with the 429s met in a row. Until then no worker sends anything.
//! - The requests allowed in flight are halved at a 429 (once per burst: the answers to
//!   requests sent before the cut do not cut again) and grow back by one per window of
//!   successes, additive increase / multiplicative decrease as TCP and AWS's adaptive retry
//!   mode do.
//! - After the first 429 the run also spaces its requests at a learned rate, as AWS's
//!   adaptive retry mode does ([`SendRate`]): cut to 70 % of the rate measured at the 429,
//!   then grown back along a cubic curve (CUBIC) that levels off at that rate before probing
//!   above it. A server whose burst is smaller than its rate is then met at its rate instead
//!   of with a burst, a 429 and a whole second's hold each time.
//! - A 429 never uses up an item's own retries while the run makes progress; a run that has
//!   had no success for [`GIVE_UP_AFTER`] stops ([`Verdict::GiveUp`]): a plan quota or a
//!   daily limit does not pass by waiting.
//!
//! Single commands have no pace and keep the per-request rules of the transport.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How long a run may go without one success while it is rate limited before it stops.
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(300);
/// The variable that changes [`GIVE_UP_AFTER`] (whole seconds), for jobs that would rather
/// wait longer for a daily limit, or stop sooner.
pub const GIVE_UP_ENV: &str = "SECRETCTL_RATE_LIMIT_GIVE_UP";
/// Backoff after a 429 that carries no hint: 250 ms doubling with each 429 in a row, up to 8 s.
const BACKOFF_START: Duration = Duration::from_millis(250);
const BACKOFF_MAX: Duration = Duration::from_secs(8);
/// Successes remembered for the rate shown on the progress bar.
const RATE_WINDOW: Duration = Duration::from_secs(5);

/// What a worker does after a 429.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Wait for a slot again (the hold is in force) and resend.
    Retry,
    /// The run made no progress for too long: stop.
    GiveUp,
}

/// Why a worker may not send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Ctrl-C, SIGTERM or SIGHUP: nothing new is sent.
    Interrupted,
    /// The run gave up on the rate limit.
    GaveUp,
}

#[derive(Debug)]
struct State {
    /// Requests allowed in flight; fractional so that it grows by one per `limit` successes.
    limit: f64,
    in_flight: usize,
    /// No request is sent before this.
    hold_until: Option<Instant>,
    /// When the allowance was last cut: a 429 to a request sent before that is the same burst.
    last_cut: Option<Instant>,
    last_progress: Instant,
    /// 429s in a row without a success between them (for the backoff without a hint).
    in_a_row: u32,
    gave_up: bool,
    /// The run is checking its unsure items before the report: a signal no longer stops it.
    finishing: bool,
    recent: VecDeque<Instant>,
    limited: u64,
    rate: SendRate,
}

#[derive(Debug)]
pub struct Pace {
    state: Mutex<State>,
    changed: Condvar,
    max: usize,
    give_up_after: Duration,
}

/// A slot in flight; given back when dropped.
pub struct Permit<'a> {
    pace: &'a Pace,
    /// When the request was allowed out (to tell which burst a 429 belongs to).
    pub sent_at: Instant,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut s = self.pace.lock();
        s.in_flight = s.in_flight.saturating_sub(1);
        drop(s);
        self.pace.changed.notify_all();
    }
}

impl Pace {
    /// A pace for a run of at most `max` requests in flight.
    pub fn new(max: usize, give_up_after: Duration) -> Pace {
        let max = max.max(1);
        Pace {
            state: Mutex::new(State {
                limit: max as f64,
                in_flight: 0,
                hold_until: None,
                last_cut: None,
                last_progress: Instant::now(),
                in_a_row: 0,
                gave_up: false,
                finishing: false,
                recent: VecDeque::new(),
                limited: 0,
                rate: SendRate::new(Instant::now()),
            }),
            changed: Condvar::new(),
            max,
            give_up_after,
        }
    }

    /// The give-up time from [`GIVE_UP_ENV`] in `env`, else [`GIVE_UP_AFTER`].
    pub fn give_up_from(env: crate::env::EnvFn) -> Duration {
        env(GIVE_UP_ENV)
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map_or(GIVE_UP_AFTER, Duration::from_secs)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A worker that panicked holding the lock leaves a state still worth using.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Wait until no hold is in force and fewer requests than allowed are in flight.
    pub fn acquire(&self) -> Result<Permit<'_>, Stop> {
        let mut s = self.lock();
        loop {
            if s.gave_up {
                return Err(Stop::GaveUp);
            }
            if crate::signals::interrupted() && !s.finishing {
                return Err(Stop::Interrupted);
            }
            let now = Instant::now();
            let wait = match s.hold_until {
                Some(t) if t > now => Some(t - now),
                _ => {
                    s.hold_until = None;
                    if (s.in_flight as f64) < s.limit.floor().max(1.0) {
                        match s.rate.take(now) {
                            None => {
                                s.in_flight += 1;
                                s.rate.sent(now);
                                return Ok(Permit {
                                    pace: self,
                                    sent_at: now,
                                });
                            }
                            Some(spacing) => Some(spacing),
                        }
                    } else {
                        None
                    }
                }
            };
            // Wake at the end of the hold, when a slot is given back, or to look at the
            // signal flag.
            let slice = wait
                .unwrap_or(Duration::from_millis(100))
                .min(Duration::from_millis(100));
            s = self
                .changed
                .wait_timeout(s, slice)
                .map(|(g, _)| g)
                .unwrap_or_else(|p| p.into_inner().0);
        }
    }

    /// A request of the run succeeded.
    pub fn success(&self) {
        let mut s = self.lock();
        let now = Instant::now();
        s.last_progress = now;
        s.in_a_row = 0;
        s.limit = (s.limit + 1.0 / s.limit.max(1.0)).min(self.max as f64);
        s.rate.succeeded(now);
        s.recent.push_back(now);
        while s.recent.front().is_some_and(|t| now - *t > RATE_WINDOW) {
            s.recent.pop_front();
        }
        drop(s);
        self.changed.notify_all();
    }

    /// A request sent at `sent_at` was answered 429, with the server's `hint` of when to try
    /// again if it gave one.
    pub fn limited(&self, sent_at: Instant, hint: Option<Duration>) -> Verdict {
        let mut s = self.lock();
        let now = Instant::now();
        s.limited += 1;
        if now.duration_since(s.last_progress) >= self.give_up_after {
            s.gave_up = true;
            drop(s);
            self.changed.notify_all();
            return Verdict::GiveUp;
        }
        let same_burst = s.last_cut.is_some_and(|c| sent_at < c);
        if !same_burst {
            s.in_a_row = s.in_a_row.saturating_add(1);
            s.limit = (s.limit / 2.0).max(1.0);
            s.last_cut = Some(now);
            let served = s
                .recent
                .iter()
                .filter(|t| now.duration_since(**t) <= Duration::from_secs(1))
                .count() as f64;
            s.rate.throttled(now, served);
        }
        // The server's hint; but 429s in a row with no success between them wait at least
        // the backoff, so that a `Retry-After: 0` that keeps coming is no busy loop.
        let wait = match hint {
            Some(h) if s.in_a_row <= 1 => h,
            Some(h) => h.max(backoff(s.in_a_row - 1)),
            None => backoff(s.in_a_row),
        };
        // Never past the give-up time: the rule is checked when the next 429 comes.
        let left = self
            .give_up_after
            .saturating_sub(now.duration_since(s.last_progress));
        let until = now + wait.min(left.max(Duration::from_millis(50)));
        if s.hold_until.is_none_or(|h| h < until) {
            s.hold_until = Some(until);
        }
        drop(s);
        self.changed.notify_all();
        Verdict::Retry
    }

    /// The work is over and the run checks what it left unsure (one list call): that call
    /// goes out even after the first signal, so the report is true (a second signal still
    /// ends the process at once).
    pub fn finishing(&self) {
        self.lock().finishing = true;
    }

    /// How long the run may go without a success before it stops.
    pub fn give_up_after(&self) -> Duration {
        self.give_up_after
    }

    /// Whether the run gave up on the rate limit.
    pub fn gave_up(&self) -> bool {
        self.lock().gave_up
    }

    /// How much longer every request waits for the rate limit, if a hold is in force.
    pub fn waiting(&self) -> Option<Duration> {
        let s = self.lock();
        let now = Instant::now();
        s.hold_until.filter(|t| *t > now).map(|t| t - now)
    }

    /// 429 answers met in the run.
    pub fn limited_count(&self) -> u64 {
        self.lock().limited
    }

    #[cfg(test)]
    fn limit(&self) -> f64 {
        self.lock().limit
    }
}

/// The rate a run allows itself once rate-limited: AWS's adaptive retry mode (a CUBIC send
/// rate). Unlimited until the first 429; then a token bucket of one request, filled at
/// `fill` requests per second — so requests are spaced, never sent in a burst after a wait.
#[derive(Debug)]
struct SendRate {
    /// Requests sent per second, smoothed over half-second buckets.
    measured: f64,
    bucket_start: Instant,
    bucket_sent: u32,
    /// `None` until the first 429.
    fill: Option<f64>,
    tokens: f64,
    last_refill: Instant,
    /// The rate at the last 429, and when that was.
    w_max: f64,
    last_throttle: Instant,
}

/// The cut at a 429, the curve's scale and the smoothing of the measured rate: AWS's values.
const BETA: f64 = 0.7;
const CUBIC_C: f64 = 0.4;
const SMOOTH: f64 = 0.8;
const MIN_RATE: f64 = 0.5;

impl SendRate {
    fn new(now: Instant) -> SendRate {
        SendRate {
            measured: 0.0,
            bucket_start: now,
            bucket_sent: 0,
            fill: None,
            tokens: 1.0,
            last_refill: now,
            w_max: 0.0,
            last_throttle: now,
        }
    }

    /// A request went out.
    fn sent(&mut self, now: Instant) {
        self.bucket_sent += 1;
        let span = now.duration_since(self.bucket_start).as_secs_f64();
        if span >= 0.5 {
            let rate = f64::from(self.bucket_sent) / span;
            self.measured = SMOOTH * rate + (1.0 - SMOOTH) * self.measured;
            self.bucket_sent = 0;
            self.bucket_start = now;
        }
    }

    fn refill(&mut self, now: Instant) {
        if let Some(f) = self.fill {
            let dt = now.duration_since(self.last_refill).as_secs_f64();
            self.tokens = (self.tokens + dt * f).min(1.0);
        }
        self.last_refill = now;
    }

    fn set_fill(&mut self, rate: f64, now: Instant) {
        self.refill(now);
        self.fill = Some(rate.max(MIN_RATE));
    }

    /// How long until the next request may go; `None`: now (its token is taken).
    fn take(&mut self, now: Instant) -> Option<Duration> {
        let f = self.fill?;
        self.refill(now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            None
        } else {
            Some(Duration::from_secs_f64((1.0 - self.tokens) / f))
        }
    }

    /// A 429: remember the rate that met it and fall to 70 % of it. `served` is what the
    /// server let through in the last second — the measure that counts before the smoothed
    /// one has warmed up (a 429 in the run's first half second).
    fn throttled(&mut self, now: Instant, served: f64) {
        let rate = match self.fill {
            Some(f) => self.measured.min(f),
            None => self.measured,
        }
        .max(served)
        .max(MIN_RATE);
        self.w_max = rate;
        self.last_throttle = now;
        self.set_fill(rate * BETA, now);
    }

    /// A success: the rate follows the cubic curve back to the rate of the last 429, levels
    /// off there, then probes above it — never beyond twice what is really being sent.
    fn succeeded(&mut self, now: Instant) {
        if self.fill.is_none() {
            return;
        }
        let k = (self.w_max * (1.0 - BETA) / CUBIC_C).cbrt();
        let t = now.duration_since(self.last_throttle).as_secs_f64();
        let cubic = CUBIC_C * (t - k).powi(3) + self.w_max;
        let rate = cubic.min(2.0 * self.measured.max(MIN_RATE));
        self.set_fill(rate, now);
    }
}

/// 250 ms doubling with each 429 in a row, capped, with up to 20 % jitter.
fn backoff(in_a_row: u32) -> Duration {
    let base = BACKOFF_START
        .saturating_mul(1u32 << in_a_row.saturating_sub(1).min(10))
        .min(BACKOFF_MAX);
    base + base.mul_f64(fastrand::f64() * 0.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_429_halves_once_per_burst_and_successes_grow_it_back() {
        let p = Pace::new(8, GIVE_UP_AFTER);
        let early = Instant::now();
        assert_eq!(p.limited(early, Some(Duration::ZERO)), Verdict::Retry);
        assert_eq!(p.limit(), 4.0);
        // Another answer of the same burst (sent before the cut) does not cut again.
        assert_eq!(p.limited(early, Some(Duration::ZERO)), Verdict::Retry);
        assert_eq!(p.limit(), 4.0);
        // A request sent after the cut that meets 429 cuts again.
        std::thread::sleep(Duration::from_millis(2));
        p.limited(Instant::now(), Some(Duration::ZERO));
        assert_eq!(p.limit(), 2.0);
        for _ in 0..200 {
            p.success();
        }
        assert_eq!(p.limit(), 8.0, "grows back, never past the maximum");
        for _ in 0..10 {
            std::thread::sleep(Duration::from_millis(1));
            p.limited(Instant::now(), Some(Duration::ZERO));
        }
        assert_eq!(p.limit(), 1.0, "never below one");
    }

    #[test]
    fn the_hold_stops_every_worker_until_it_ends() {
        let p = Pace::new(4, GIVE_UP_AFTER);
        p.limited(Instant::now(), Some(Duration::from_millis(300)));
        assert!(p.waiting().is_some());
        let start = Instant::now();
        let permit = p.acquire().expect("a slot after the hold");
        let waited = start.elapsed();
        assert!(waited >= Duration::from_millis(250), "{waited:?}");
        assert!(permit.sent_at >= start);
        assert!(p.waiting().is_none());
    }

    #[test]
    fn in_flight_never_exceeds_the_allowance() {
        let p = Pace::new(2, GIVE_UP_AFTER);
        let a = p.acquire().unwrap();
        let _b = p.acquire().unwrap();
        let start = Instant::now();
        std::thread::scope(|s| {
            s.spawn(|| {
                std::thread::sleep(Duration::from_millis(150));
                drop(a);
            });
            let _c = p.acquire().unwrap();
            assert!(start.elapsed() >= Duration::from_millis(140));
        });
    }

    #[test]
    fn no_progress_for_the_give_up_time_stops_the_run() {
        let p = Pace::new(4, Duration::from_millis(50));
        assert_eq!(p.limited(Instant::now(), None), Verdict::Retry);
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(p.limited(Instant::now(), None), Verdict::GiveUp);
        assert!(p.gave_up());
        assert_eq!(p.acquire().err(), Some(Stop::GaveUp));
        // Progress in time keeps the run going.
        let p = Pace::new(4, Duration::from_millis(50));
        for _ in 0..3 {
            std::thread::sleep(Duration::from_millis(30));
            p.success();
            assert_eq!(
                p.limited(Instant::now(), Some(Duration::ZERO)),
                Verdict::Retry
            );
        }
    }

    #[test]
    fn the_send_rate_is_unlimited_until_a_429_then_spaced_and_grows_back() {
        let t0 = Instant::now();
        let mut r = SendRate::new(t0);
        assert_eq!(r.take(t0), None, "no limit before the first 429");
        assert_eq!(r.take(t0), None);
        // 20 let through in the last second: fall to 70 % of that.
        r.throttled(t0, 20.0);
        let f = r.fill.expect("limited after a 429");
        assert!((f - 14.0).abs() < 1e-9, "{f}");
        // One token at most: requests are spaced, never a burst after a wait.
        let later = t0 + Duration::from_secs(5);
        assert_eq!(r.take(later), None);
        let wait = r.take(later).expect("the second waits");
        assert!((wait.as_secs_f64() - 1.0 / 14.0).abs() < 1e-6, "{wait:?}");
        // The cubic curve: back to the 429's rate after K seconds, above it later — but
        // never past twice the rate really sent.
        let k = (20.0 * (1.0 - BETA) / CUBIC_C).cbrt();
        r.measured = 100.0;
        r.succeeded(t0 + Duration::from_secs_f64(k));
        assert!((r.fill.unwrap() - 20.0).abs() < 1e-6);
        r.succeeded(t0 + Duration::from_secs_f64(k + 2.0));
        assert!(r.fill.unwrap() > 20.0);
        r.measured = 5.0;
        r.succeeded(t0 + Duration::from_secs(60));
        assert_eq!(r.fill, Some(10.0));
        // Never below the floor.
        r.throttled(t0, 0.0);
        assert!(r.fill.unwrap() >= MIN_RATE);
    }

    #[test]
    fn backoff_without_a_hint_doubles_and_is_capped() {
        let b1 = backoff(1);
        assert!(b1 >= BACKOFF_START && b1 <= BACKOFF_START.mul_f64(1.2));
        let b3 = backoff(3);
        assert!(b3 >= Duration::from_millis(1000) && b3 <= Duration::from_millis(1200));
        assert!(backoff(40) <= BACKOFF_MAX.mul_f64(1.2));
    }
}
