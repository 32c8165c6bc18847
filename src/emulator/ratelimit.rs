//! The emulator's optional rate limit: one token bucket over every API request (control
//! endpoints under `/_emulator/` are never limited), answered with each provider's real 429.

use std::time::Instant;

/// Slack for floating-point refills (10 × 0.1 s is not exactly 1 token).
const EPSILON: f64 = 1e-9;

/// `PUT /_emulator/settings {"rate_limit": {"rps": N, "burst": B, "retry_after": bool,
/// "headers": bool}}`.
#[derive(Clone, Copy, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimitSettings {
    /// Tokens added per second (> 0; fractions allowed, e.g. 100/60 for Kubiya's documented
    /// 100 requests a minute).
    pub rps: f64,
    /// Bucket size: requests that may pass at once after a quiet spell. Default: `rps`
    /// rounded up (at least 1).
    #[serde(default)]
    pub burst: Option<u32>,
    /// Kubiya's 429 carries `Retry-After` (whole seconds). Default true. ChatBotKit's never
    /// does, as its server sends none.
    #[serde(default = "yes")]
    pub retry_after: bool,
    /// Kubiya's answers carry its documented `X-RateLimit-Limit`, `-Remaining` and `-Reset`.
    /// Default true; false is a gateway in front of it that sends only `Retry-After`, so a
    /// client learns the rate from its 429s alone.
    #[serde(default = "yes")]
    pub headers: bool,
}

fn yes() -> bool {
    true
}

impl RateLimitSettings {
    /// The settings' error message, if they make no sense.
    pub fn check(&self) -> Result<(), String> {
        if !self.rps.is_finite() || self.rps <= 0.0 {
            return Err("rate_limit.rps must be a number above 0".into());
        }
        if self.burst == Some(0) {
            return Err("rate_limit.burst must be at least 1".into());
        }
        Ok(())
    }

    pub fn burst(&self) -> u32 {
        self.burst
            .unwrap_or_else(|| (self.rps.ceil() as u32).max(1))
    }
}

/// What the bucket said about one request.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Verdict {
    /// Passed; `remaining` whole tokens left, `reset` = seconds until the bucket is full.
    Pass { remaining: u32, reset: u64 },
    /// Refused; `retry_after` = whole seconds until a token is available (at least 1).
    Limited { retry_after: u64, reset: u64 },
}

#[derive(Clone, Debug)]
pub(crate) struct Bucket {
    pub settings: RateLimitSettings,
    tokens: f64,
    last: Instant,
}

impl Bucket {
    /// A full bucket.
    pub fn new(settings: RateLimitSettings, now: Instant) -> Bucket {
        Bucket {
            settings,
            tokens: f64::from(settings.burst()),
            last: now,
        }
    }

    pub fn limit(&self) -> u32 {
        self.settings.burst()
    }

    fn refill(&mut self, now: Instant) {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.last = self.last.max(now);
        self.tokens = (self.tokens + elapsed * self.settings.rps).min(f64::from(self.limit()));
    }

    /// Whole seconds (rounded up) until the bucket holds `want` tokens.
    fn seconds_until(&self, want: f64) -> u64 {
        let missing = (want - self.tokens).max(0.0);
        (missing / self.settings.rps - EPSILON).max(0.0).ceil() as u64
    }

    /// Takes one token if there is one.
    pub fn take(&mut self, now: Instant) -> Verdict {
        self.refill(now);
        let full = f64::from(self.limit());
        if self.tokens >= 1.0 - EPSILON {
            self.tokens = (self.tokens - 1.0).max(0.0);
            Verdict::Pass {
                remaining: (self.tokens + EPSILON).floor() as u32,
                reset: self.seconds_until(full),
            }
        } else {
            Verdict::Limited {
                retry_after: self.seconds_until(1.0).max(1),
                reset: self.seconds_until(full).max(1),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn settings(rps: f64, burst: Option<u32>) -> RateLimitSettings {
        RateLimitSettings {
            rps,
            burst,
            retry_after: true,
            headers: true,
        }
    }

    #[test]
    fn a_full_bucket_lets_burst_requests_through_then_refuses() {
        let t0 = Instant::now();
        let mut b = Bucket::new(settings(2.0, Some(3)), t0);
        assert_eq!(
            b.take(t0),
            Verdict::Pass {
                remaining: 2,
                reset: 1
            }
        );
        assert_eq!(
            b.take(t0),
            Verdict::Pass {
                remaining: 1,
                reset: 1
            }
        );
        assert_eq!(
            b.take(t0),
            Verdict::Pass {
                remaining: 0,
                reset: 2
            }
        );
        // Empty: a token comes in 0.5 s, reported as 1 whole second; full again in 1.5 s → 2.
        assert_eq!(
            b.take(t0),
            Verdict::Limited {
                retry_after: 1,
                reset: 2
            }
        );
    }

    #[test]
    fn tokens_come_back_at_rps() {
        let t0 = Instant::now();
        let mut b = Bucket::new(settings(10.0, Some(1)), t0);
        assert!(matches!(b.take(t0), Verdict::Pass { .. }));
        assert!(matches!(
            b.take(t0 + Duration::from_millis(50)),
            Verdict::Limited { .. }
        ));
        assert!(matches!(
            b.take(t0 + Duration::from_millis(100)),
            Verdict::Pass { .. }
        ));
        // Refused requests take nothing: exactly one more passes 100 ms later.
        for ms in [110, 120, 150] {
            assert!(matches!(
                b.take(t0 + Duration::from_millis(ms)),
                Verdict::Limited { .. }
            ));
        }
        assert!(matches!(
            b.take(t0 + Duration::from_millis(200)),
            Verdict::Pass { .. }
        ));
    }

    #[test]
    fn the_bucket_never_holds_more_than_burst() {
        let t0 = Instant::now();
        let mut b = Bucket::new(settings(100.0, Some(2)), t0);
        let later = t0 + Duration::from_secs(60);
        assert!(matches!(b.take(later), Verdict::Pass { remaining: 1, .. }));
        assert!(matches!(b.take(later), Verdict::Pass { remaining: 0, .. }));
        assert!(matches!(b.take(later), Verdict::Limited { .. }));
    }

    #[test]
    fn retry_after_is_whole_seconds_until_a_token_and_at_least_one() {
        let t0 = Instant::now();
        // 100 a minute: a token every 0.6 s.
        let mut b = Bucket::new(settings(100.0 / 60.0, Some(1)), t0);
        assert!(matches!(b.take(t0), Verdict::Pass { .. }));
        assert_eq!(
            b.take(t0),
            Verdict::Limited {
                retry_after: 1,
                reset: 1
            }
        );
        // A slow bucket: one token every 4 s.
        let mut b = Bucket::new(settings(0.25, Some(1)), t0);
        assert!(matches!(b.take(t0), Verdict::Pass { .. }));
        assert_eq!(
            b.take(t0 + Duration::from_millis(500)),
            Verdict::Limited {
                retry_after: 4,
                reset: 4
            }
        );
        assert_eq!(
            b.take(t0 + Duration::from_millis(3100)),
            Verdict::Limited {
                retry_after: 1,
                reset: 1
            }
        );
    }

    #[test]
    fn burst_defaults_to_rps_rounded_up() {
        assert_eq!(settings(40.0, None).burst(), 40);
        assert_eq!(settings(1.5, None).burst(), 2);
        assert_eq!(settings(0.1, None).burst(), 1);
        assert_eq!(settings(5.0, Some(9)).burst(), 9);
    }

    #[test]
    fn nonsense_settings_are_refused() {
        assert!(settings(0.0, None).check().is_err());
        assert!(settings(-1.0, None).check().is_err());
        assert!(settings(f64::NAN, None).check().is_err());
        assert!(settings(1.0, Some(0)).check().is_err());
        assert!(settings(1.0, Some(1)).check().is_ok());
    }
}
