//! No part of a secret in a message: a server's error text with every echo of the value, the
//! token or a secret config entry cut out, or withheld when that cannot be promised.

/// Shortest run of a secret's characters that counts as an echo of it. A server message may
/// quote a value truncated (`input_value='sk-proj-ABCDEFGHIJ…'`), in another case, reversed,
/// or encoded (base64, base32, hex) and escaped (JSON, HTML, percent): any run this long of
/// any of those forms is cut out.
pub const ECHO_RUN: usize = 8;

/// A form of a secret shorter than this is short: more than half of it in a message
/// withholds the message (`hunter2` of `hunter2!`), since cutting out so few characters could
/// mangle ordinary words or miss the echo.
const SHORT: usize = 2 * ECHO_RUN;

/// One byte of a decoded view of the message, with the range of message bytes it came from.
type View = Vec<(u8, usize, usize)>;

/// A server's message with every echo of `secrets` cut out: no run of [`ECHO_RUN`] or more
/// bytes of a secret — as sent, with its whitespace run together, reversed, in standard or
/// URL-safe base64 or base32 at any alignment, or in hex — appears in it, compared ASCII
/// case-insensitively, in the message as it is or after undoing the escapes servers use
/// (HTML entities, JSON/Go/Python backslash escapes such as `\u003c` and `\x41`,
/// percent-encoding), alone or one inside another. `None` when that cannot be promised: a
/// run of more than half of a short form of a secret (under 16 bytes) appears; the caller
/// then withholds the message.
pub fn scrub(message: &str, secrets: &[&str]) -> Option<String> {
    use std::collections::HashMap;
    let msg = message.as_bytes();
    let views = views(msg);
    let lower: Vec<Vec<u8>> = views
        .iter()
        .map(|v| v.iter().map(|(b, _, _)| b.to_ascii_lowercase()).collect())
        .collect();
    // Every run of ECHO_RUN bytes of every view, and where it starts.
    let mut grams: HashMap<&[u8], Vec<(usize, usize)>> = HashMap::new();
    for (vi, l) in lower.iter().enumerate() {
        for (p, w) in l.windows(ECHO_RUN).enumerate() {
            grams.entry(w).or_default().push((vi, p));
        }
    }
    let mut mask = vec![false; msg.len()];
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        for form in echo_forms(secret) {
            let form = form.to_ascii_lowercase();
            if form.len() < SHORT {
                // More than half of it: the run that gives the value away.
                let run = form.len() / 2 + 1;
                if lower
                    .iter()
                    .any(|l| form.windows(run).any(|f| l.windows(run).any(|w| w == f)))
                {
                    return None;
                }
                continue;
            }
            for w in form.windows(ECHO_RUN) {
                if let Some(at) = grams.get(w) {
                    for &(vi, p) in at {
                        for &(_, from, to) in &views[vi][p..p + ECHO_RUN] {
                            mask[from..to].iter_mut().for_each(|m| *m = true);
                        }
                    }
                }
            }
        }
    }
    let mut out = String::with_capacity(message.len());
    let mut in_cut = false;
    for (i, c) in message.char_indices() {
        if mask[i..i + c.len_utf8()].iter().any(|&m| m) {
            if !in_cut {
                out.push_str("<redacted>");
                in_cut = true;
            }
        } else {
            out.push(c);
            in_cut = false;
        }
    }
    Some(out)
}

/// The message as it is and with the escapes servers use undone — HTML entities, backslash
/// escapes, percent-encoding — up to three deep in any order (`%26lt%3B`, `&amp;#x41;`,
/// `\u0026lt;` all reach the character).
fn views(msg: &[u8]) -> Vec<View> {
    let mut views: Vec<View> = vec![
        msg.iter()
            .enumerate()
            .map(|(i, &b)| (b, i, i + 1))
            .collect(),
    ];
    let decoders: [fn(&View) -> Option<View>; 3] = [entities, backslashes, percents];
    let bytes = |v: &View| v.iter().map(|t| t.0).collect::<Vec<u8>>();
    let mut seen: std::collections::HashSet<Vec<u8>> = views.iter().map(bytes).collect();
    let mut frontier = 0..views.len();
    for _ in 0..3 {
        let mut next = Vec::new();
        for v in &views[frontier.clone()] {
            for decode in decoders {
                if let Some(d) = decode(v)
                    && seen.insert(bytes(&d))
                {
                    next.push(d);
                }
            }
        }
        frontier = views.len()..views.len() + next.len();
        views.extend(next);
    }
    views
}

/// The bytes of `from[i..j]` as one decoded unit: each of `bytes` spans all their sources.
fn push_decoded(out: &mut View, from: &[(u8, usize, usize)], bytes: &[u8]) {
    let (Some(first), Some(last)) = (from.first(), from.last()) else {
        return;
    };
    out.extend(bytes.iter().map(|&b| (b, first.1, last.2)));
}

fn push_char(out: &mut View, from: &[(u8, usize, usize)], c: char) {
    push_decoded(out, from, c.encode_utf8(&mut [0; 4]).as_bytes());
}

fn hex_value(digits: &[(u8, usize, usize)]) -> Option<u32> {
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0u32, |n, &(b, _, _)| {
        Some(n.checked_mul(16)? + (b as char).to_digit(16)?)
    })
}

/// `%2D` → `-`, `+` → space. `None` when there is nothing to decode.
fn percents(v: &View) -> Option<View> {
    if !v.iter().any(|&(b, _, _)| b == b'%' || b == b'+') {
        return None;
    }
    let mut out = Vec::with_capacity(v.len());
    let mut i = 0;
    while i < v.len() {
        if v[i].0 == b'%'
            && let Some(n) = v.get(i + 1..i + 3).and_then(hex_value)
        {
            push_decoded(&mut out, &v[i..i + 3], &[n as u8]);
            i += 3;
            continue;
        }
        if v[i].0 == b'+' {
            out.push((b' ', v[i].1, v[i].2));
        } else {
            out.push(v[i]);
        }
        i += 1;
    }
    Some(out)
}

/// JSON, Go and Python escapes: `\"`, `\\`, `\/`, `\n`, `\t`…, `\u003c` (surrogate pairs
/// joined), `\x41`. `None` when there is no backslash.
fn backslashes(v: &View) -> Option<View> {
    if !v.iter().any(|&(b, _, _)| b == b'\\') {
        return None;
    }
    let mut out = Vec::with_capacity(v.len());
    let mut i = 0;
    while i < v.len() {
        if v[i].0 != b'\\' || i + 1 >= v.len() {
            out.push(v[i]);
            i += 1;
            continue;
        }
        let simple = match v[i + 1].0 {
            b'n' => Some(b'\n'),
            b't' => Some(b'\t'),
            b'r' => Some(b'\r'),
            b'b' => Some(0x08),
            b'f' => Some(0x0c),
            b'0' => Some(0),
            c @ (b'"' | b'\\' | b'/' | b'\'') => Some(c),
            _ => None,
        };
        if let Some(b) = simple {
            push_decoded(&mut out, &v[i..i + 2], &[b]);
            i += 2;
            continue;
        }
        let hex_at = |from: usize, n: usize| v.get(from..from + n).and_then(hex_value);
        match v[i + 1].0 {
            b'x' if hex_at(i + 2, 2).is_some() => {
                let n = hex_at(i + 2, 2).unwrap_or_default();
                push_decoded(&mut out, &v[i..i + 4], &[n as u8]);
                i += 4;
            }
            b'u' if hex_at(i + 2, 4).is_some() => {
                let hi = hex_at(i + 2, 4).unwrap_or_default();
                // A surrogate pair: `\ud83d\ude00`.
                let lo = (0xd800..0xdc00).contains(&hi)
                    && v.get(i + 6).map(|t| t.0) == Some(b'\\')
                    && v.get(i + 7).map(|t| t.0) == Some(b'u');
                let lo = lo
                    .then(|| hex_at(i + 8, 4))
                    .flatten()
                    .filter(|lo| (0xdc00..0xe000).contains(lo));
                let (c, len) = match lo {
                    Some(lo) => (
                        char::from_u32(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)),
                        12,
                    ),
                    None => (char::from_u32(hi), 6),
                };
                push_char(&mut out, &v[i..i + len], c.unwrap_or('\u{fffd}'));
                i += len;
            }
            _ => {
                out.push(v[i]);
                i += 1;
            }
        }
    }
    Some(out)
}

/// HTML character references: `&lt;`, `&amp;`, `&quot;`, `&#39;`, `&#x3c;`… `None` when
/// there is no `&`.
fn entities(v: &View) -> Option<View> {
    if !v.iter().any(|&(b, _, _)| b == b'&') {
        return None;
    }
    let mut out = Vec::with_capacity(v.len());
    let mut i = 0;
    while i < v.len() {
        let end = (v[i].0 == b'&')
            .then(|| v[i + 1..].iter().take(10).position(|t| t.0 == b';'))
            .flatten()
            .map(|p| i + 1 + p);
        let Some(end) = end else {
            out.push(v[i]);
            i += 1;
            continue;
        };
        let name: Vec<u8> = v[i + 1..end].iter().map(|t| t.0).collect();
        let c = match name.as_slice() {
            b"lt" => Some('<'),
            b"gt" => Some('>'),
            b"amp" => Some('&'),
            b"quot" => Some('"'),
            b"apos" => Some('\''),
            b"nbsp" => Some('\u{a0}'),
            [b'#', b'x' | b'X', ..] => hex_value(&v[i + 3..end]).and_then(char::from_u32),
            [b'#', digits @ ..] => std::str::from_utf8(digits)
                .ok()
                .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|d| d.parse().ok())
                .and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => {
                push_char(&mut out, &v[i..=end], c);
                i = end + 1;
            }
            None => {
                out.push(v[i]);
                i += 1;
            }
        }
    }
    Some(out)
}

/// The forms in which a server could echo a secret.
fn echo_forms(secret: &str) -> Vec<Vec<u8>> {
    use base64::Engine;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    let b = secret.as_bytes();
    let mut forms = vec![
        b.to_vec(),
        secret
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .into_bytes(),
        secret.chars().rev().collect::<String>().into_bytes(),
        b.iter()
            .flat_map(|x| format!("{x:02x}").into_bytes())
            .collect(),
        STANDARD.encode(b).into_bytes(),
        URL_SAFE_NO_PAD.encode(b).into_bytes(),
        base32(b),
    ];
    // base64 from each of the first three bytes, base32 from each of the first five: every
    // alignment of a part of it. The other alignments only matter as runs: shorter ones are
    // no form of the whole value.
    for skip in 1..5.min(b.len()) {
        let mut more = vec![base32(&b[skip..])];
        if skip < 3 {
            more.push(STANDARD.encode(&b[skip..]).into_bytes());
            more.push(URL_SAFE_NO_PAD.encode(&b[skip..]).into_bytes());
        }
        forms.extend(more.into_iter().filter(|e| e.len() >= ECHO_RUN));
    }
    forms.retain(|f| !f.is_empty());
    forms.sort();
    forms.dedup();
    forms
}

/// RFC 4648 base32, without padding.
fn base32(bytes: &[u8]) -> Vec<u8> {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = Vec::with_capacity(bytes.len().div_ceil(5) * 8);
    for chunk in bytes.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let n = buf.iter().fold(0u64, |n, &b| (n << 8) | u64::from(b));
        let chars = (chunk.len() * 8).div_ceil(5);
        out.extend((0..chars).map(|i| ALPHABET[((n >> (35 - 5 * i)) & 31) as usize]));
    }
    out
}

/// Parts of a config key name that make it secret wherever they appear (`clientSecret`,
/// `db_password`, `refreshtoken`, `privateKey`, `awsCredentials`, `xapikey`, `hmacKey`,
/// `requestSignature`, `sessionId`, `connectionString`, `slackWebhook`).
const SECRET_PARTS: [&str; 16] = [
    "secret",
    "password",
    "passwd",
    "passphrase",
    "token",
    "private",
    "credential",
    "apikey",
    "accesskey",
    "signingkey",
    "signature",
    "hmac",
    "sessionid",
    "connectionstring",
    "webhook",
    "authorization",
];

/// Words of a config key name that make it secret when they stand as a word (`apiKey`,
/// `key`, `pass`, `user_pwd`, `pin`, `sig`, `otp`, `sentryDsn`) — inside a longer word
/// (`keyboard`, `compass`, `design`) they mean nothing.
const SECRET_WORDS: [&str; 18] = [
    "key", "keys", "pass", "pwd", "pw", "pin", "cred", "creds", "bearer", "cookie", "cookies",
    "jwt", "sig", "otp", "totp", "seed", "dsn", "sid",
];

/// Words that make a key secret only as its last word: `auth`, `basicAuth`, `connection`
/// hold the credential itself, while `authType`, `authMode`, `connectionTimeout` describe it.
const SECRET_LAST_WORDS: [&str; 3] = ["auth", "connection", "session"];

/// Last words of a config key name that name a location, not a secret: `tokenUrl`,
/// `authorization_endpoint` hold an address. (Not for a webhook: its URL is the secret.)
const LOCATION_WORDS: [&str; 4] = ["url", "uri", "endpoint", "host"];

/// The words of a key name, lower-cased: split at `_`, `-`, `.`, spaces and case changes
/// (`clientSecret` → client, secret; `APIKey` → api, key; `tokenURL` → token, url).
fn key_words(key: &str) -> Vec<String> {
    let chars: Vec<char> = key.chars().collect();
    let mut words = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            });
        if boundary && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// A config key that names a secret part (`clientSecret`, `password`, `apiKey`, `pwd`,
/// `credential`, …): its value may not be given literally on the command line, and it is
/// cut out of server messages and left out of `-o terraform`. A key whose last word names
/// a location (`tokenUrl`, `authEndpoint`) is not secret.
pub fn is_secret_key(key: &str) -> bool {
    let words = key_words(key);
    let joined = words.concat();
    if joined.contains("webhook") {
        return true;
    }
    if words
        .last()
        .is_some_and(|w| LOCATION_WORDS.contains(&w.as_str()))
    {
        return false;
    }
    SECRET_PARTS.iter().any(|p| joined.contains(p))
        || words.iter().any(|w| SECRET_WORDS.contains(&w.as_str()))
        || words
            .last()
            .is_some_and(|w| SECRET_LAST_WORDS.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_25_secret_key_names_and_their_look_alikes() {
        for secret in [
            "auth",
            "basicAuth",
            "authorization",
            "signature",
            "requestSignature",
            "sig",
            "hmac",
            "hmacKey",
            "otp",
            "seed",
            "sessionId",
            "session",
            "dsn",
            "sentryDsn",
            "connectionString",
            "connection",
            "webhook",
            "webhookUrl",
            "slack_webhook",
            "cookie",
            "sid",
        ] {
            assert!(is_secret_key(secret), "{secret}");
        }
        for plain in [
            "authUrl",
            "authType",
            "authMode",
            "authorizationEndpoint",
            "design",
            "sessionTimeout",
            "connectionTimeout",
            "seeds_host",
            "tokenUrl",
            "clientId",
            "scope",
            "otpHost",
        ] {
            assert!(!is_secret_key(plain), "{plain}");
        }
    }

    #[test]
    fn secret_config_keys_by_part_word_and_location() {
        assert_eq!(key_words("clientSecret"), ["client", "secret"]);
        assert_eq!(key_words("APIKey"), ["api", "key"]);
        assert_eq!(key_words("tokenURL"), ["token", "url"]);
        assert_eq!(key_words("db_pass-2.x"), ["db", "pass", "2", "x"]);
        for k in [
            "clientSecret",
            "clientsecret",
            "PASSWORD",
            "refreshtoken",
            "privateKey",
            "apiKey",
            "apikey",
            "x-api-key",
            "key",
            "KEYS",
            "pass",
            "userPwd",
            "pin",
            "credential",
            "googleCredentials",
            "accessKeyId",
            "sessionCookie",
            "passphrase",
        ] {
            assert!(is_secret_key(k), "{k}");
        }
        for k in [
            "clientId",
            "scope",
            "tokenUrl",
            "token_uri",
            "authorizationEndpoint",
            "apiKeyHost",
            "keyboard",
            "monkey",
            "compass",
            "passthrough",
            "spinner",
            "",
        ] {
            assert!(!is_secret_key(k), "{k}");
        }
    }

    #[test]
    fn base32_is_rfc_4648_without_padding() {
        for (plain, b32) in [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ] {
            assert_eq!(String::from_utf8(base32(plain.as_bytes())).unwrap(), b32);
        }
    }

    /// Issue 25: each escaped or encoded form a server commonly uses is cut out whole.
    #[test]
    fn scrub_cuts_out_escaped_encoded_and_reversed_echoes() {
        let v = "p<a>ss&wörd\"1234567-abcdefgh";
        let cut = |m: &str| scrub(m, &[v]).expect("scrubbed, not withheld");
        let hex: String = v.bytes().map(|b| format!("{b:02X}")).collect();
        let b32 = String::from_utf8(base32(v.as_bytes())).unwrap();
        let b32_tail = String::from_utf8(base32(&v.as_bytes()[3..])).unwrap();
        let reversed: String = v.chars().rev().collect();
        let go = r#"p\u003ca\u003ess\u0026w\u00f6rd\"1234567-abcdefgh"#;
        let html = "p&lt;a&gt;ss&amp;w&#246;rd&quot;1234567-abcdefgh";
        let html_hex = "p&#x3C;a&#x3e;ss&#38;w&ouml;rd&#34;1234567-abcdefgh";
        let python = r"p<a>ss&w\xc3\xb6rd\x221234567-abcdefgh";
        let nested = "p%5Cu003ca%26gt%3Bss%26amp%3Bw%C3%B6rd%221234567-abcdefgh";
        for echo in [
            hex.as_str(),
            &hex.to_lowercase(),
            &b32,
            &b32_tail,
            &reversed,
            go,
            html,
            python,
            nested,
        ] {
            let out = cut(&format!("{{\"message\":\"bad value {echo} here\"}}"));
            assert_eq!(out, "{\"message\":\"bad value <redacted> here\"}", "{echo}");
        }
        // Only the part the html_hex form cannot decode (`&ouml;`) is left, no run of it.
        let out = cut(&format!("bad {html_hex} here"));
        assert!(
            out.starts_with("bad <redacted>") && out.ends_with(" here"),
            "{out}"
        );
        // Escapes that decode to nothing of the value leave the message as it is.
        assert_eq!(
            cut(r#"a \u0041\x42 &lt;b&gt; %41 + & \ &#xZZ; \u12"#),
            r#"a \u0041\x42 &lt;b&gt; %41 + & \ &#xZZ; \u12"#
        );
        // A surrogate pair decodes to its character.
        let emoji = "key-😀-0123456789";
        assert_eq!(
            scrub(r#"got key-\ud83d\ude00-0123456789"#, &[emoji]).unwrap(),
            "got <redacted>"
        );
    }

    #[test]
    fn scrub_cuts_out_partial_and_encoded_echoes() {
        let v = "sk-proj-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz-0123456789ABCDEFGHIJKLMNOPQRSTUVW";
        let cut = |m: &str| scrub(m, &[v]).expect("scrubbed, not withheld");
        // pydantic's truncated echo: the run before the ellipsis goes.
        assert_eq!(
            cut(
                "String should have at most 100 characters [type=string_too_long, input_value='sk-proj-ABCDEFGHIJ...', input_type=str]"
            ),
            "String should have at most 100 characters [type=string_too_long, input_value='<redacted>...', input_type=str]"
        );
        // Upper-cased, base64 (whole and from another alignment), URL-encoded, JSON-escaped.
        assert_eq!(
            cut(&format!("bad {}!", v.to_uppercase())),
            "bad <redacted>!"
        );
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD.encode(v);
        assert_eq!(cut(&format!("got {b64} here")), "got <redacted> here");
        let b64_tail = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&v[31..61]);
        assert_eq!(cut(&format!("got {b64_tail}")), "got <redacted>");
        let url: String =
            percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC)
                .to_string();
        assert_eq!(cut(&format!("value={url}&x=1")), "value=<redacted>&x=1");
        let q = "line one\nwith \"quotes\" and more";
        let json = serde_json::to_string(q).unwrap();
        assert_eq!(
            scrub(&format!("echo {json}"), &[q]).unwrap(),
            "echo \"<redacted>\""
        );
        // 7 characters of the value are not a run: ordinary text stays.
        assert_eq!(cut("sk-proj is not allowed"), "sk-proj is not allowed");
        // A short value that appears is withheld, not cut out.
        assert_eq!(scrub("bad value abc1 here", &["ABC1"]), None);
        // So is more than half of one (issue 25: 7 of 8 characters passed whole).
        for m in [
            "value hunter2 rejected",
            "value hunte rejected",
            "value !2retnuh rejected",
        ] {
            assert_eq!(scrub(m, &["hunter2!"]), None, "{m}");
        }
        assert_eq!(
            scrub("value hunt rejected", &["hunter2!"]).as_deref(),
            Some("value hunt rejected"),
            "half of it is not a run"
        );
        assert_eq!(
            scrub("Field required", &["ABC1"]).as_deref(),
            Some("Field required")
        );
        // Several secrets (the value and the token) at once.
        assert_eq!(
            scrub(
                "a=hunter2hunter2hunter2 b=tok_1234567890abcdef",
                &["hunter2hunter2hunter2", "tok_1234567890abcdef"]
            )
            .unwrap(),
            "a=<redacted> b=<redacted>"
        );
        // Under 16 bytes a secret is short: its echo withholds the message.
        assert_eq!(
            scrub(
                "a=hunter2hunter2 b=x",
                &["hunter2hunter2", "tok_1234567890abcdef"]
            ),
            None
        );
        let multi = scrub("x ünïcödé-välüé-lông y", &["ünïcödé-välüé-lông"]).unwrap();
        assert_eq!(multi, "x <redacted> y");
    }
}
