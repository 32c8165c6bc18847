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
