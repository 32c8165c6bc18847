//! Types that hold secret material from the first byte: wiped on drop, `<redacted>` in
//! `Debug` and `Display`, and no `Serialize`/`Clone` that could copy them somewhere by accident.

use std::fmt;

use zeroize::Zeroizing;

/// A secret value as it will be sent: valid UTF-8 (after `--base64` if asked).
pub struct SecretValue(Zeroizing<String>);

impl SecretValue {
    pub fn new(s: Zeroizing<String>) -> Self {
        SecretValue(s)
    }

    /// The value, for building a request body or for `get --reveal`. Callers must not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretValue(<redacted>)")
    }
}

/// An API token or key.
#[derive(Clone)]
pub struct Token(Zeroizing<String>);

impl Token {
    pub fn new(s: impl Into<String>) -> Self {
        Token(Zeroizing::new(s.into()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<'de> serde::Deserialize<'de> for Token {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Zeroizing::new(String::deserialize(d)?);
        Ok(Token(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_material() {
        let v = SecretValue::new(Zeroizing::new("hunter2".to_string()));
        let t = Token::new("tok-123");
        assert!(!format!("{v:?}").contains("hunter2"));
        assert!(!format!("{t:?}").contains("tok-123"));
        assert!(!format!("{t}").contains("tok-123"));
        assert_eq!(v.expose(), "hunter2");
    }
}

/// Everything `r` gives, up to `limit` bytes, into a buffer no copy of which is left behind:
/// sized from `size_hint` (a `Content-Length`, capped at `limit`) so that a body of the size
/// announced is read without growing it, and, when it must grow, moved into a new buffer
/// while the old one is wiped (a `Vec` that reallocates frees its old buffer as it is). The
/// chunks read are wiped too.
pub fn read_to_end_wiped(
    r: impl std::io::Read,
    limit: u64,
    size_hint: Option<u64>,
) -> std::io::Result<Zeroizing<Vec<u8>>> {
    const CHUNK: usize = 16 * 1024;
    // A size announced is believed up to this much (a value of 1 MiB in its most escaped JSON
    // form fits): a larger body is read in growing steps, so that no server makes secretctl
    // allocate what it never sends.
    const MAX_PRESIZE: u64 = 8 * 1024 * 1024;
    let cap = |n: u64| usize::try_from(n.min(limit).min(MAX_PRESIZE)).unwrap_or(CHUNK);
    // One byte more than announced, to see the end without growing.
    let mut buf = Zeroizing::new(Vec::with_capacity(
        size_hint.map_or(CHUNK, |n| cap(n).saturating_add(1)),
    ));
    let mut chunk = Zeroizing::new([0u8; CHUNK]);
    let mut r = std::io::Read::take(r, limit);
    loop {
        let n = match std::io::Read::read(&mut r, &mut chunk[..]) {
            Ok(0) => return Ok(buf),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.capacity() - buf.len() < n {
            let mut bigger = Zeroizing::new(Vec::with_capacity(
                (buf.len() + n).max(buf.capacity().saturating_mul(2)),
            ));
            bigger.extend_from_slice(&buf);
            // The old buffer is wiped as it drops.
            buf = bigger;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

#[cfg(test)]
mod read_tests {
    use super::read_to_end_wiped;

    #[test]
    fn reads_everything_up_to_the_limit_with_or_without_a_size() {
        let data: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        for hint in [None, Some(0), Some(10), Some(100_000), Some(u64::MAX)] {
            let got = read_to_end_wiped(&data[..], 1 << 20, hint).unwrap();
            assert_eq!(&got[..], &data[..], "{hint:?}");
        }
        let exact = read_to_end_wiped(&data[..], 1 << 20, Some(100_000)).unwrap();
        assert_eq!(exact.capacity(), 100_001, "read without growing");
        let unbelieved = read_to_end_wiped(&data[..10], 1 << 30, Some(1 << 30)).unwrap();
        assert_eq!(&unbelieved[..], &data[..10]);
        assert!(unbelieved.capacity() <= 8 * 1024 * 1024 + 1);
        let cut = read_to_end_wiped(&data[..], 1000, None).unwrap();
        assert_eq!(&cut[..], &data[..1000]);
    }
}
