//! No part of a secret in a message: a server's error text with every echo of the value, the
//! token or a secret config entry cut out, or withheld when that cannot be promised.

/// Shortest run of a secret's characters that counts as an echo of it. A server message may
/// quote a value truncated (`input_value='sk-proj-ABCDEFGHIJ…'`), in another case, base64- or
/// URL-encoded: any run this long of any of those forms is cut out.
pub const ECHO_RUN: usize = 8;

/// A server's message with every echo of `secrets` cut out: no run of [`ECHO_RUN`] or more
/// bytes of a secret — as sent, with its whitespace run together, JSON-escaped, or in
/// standard or URL-safe base64 at any alignment — appears in it, compared ASCII
/// case-insensitively, directly or after percent-decoding the message. `None` when that
/// cannot be promised: a secret (or one of its forms) shorter than the run appears whole, and
/// cutting out so few characters could mangle ordinary words or miss the echo; the caller
/// then withholds the message.
pub fn scrub(message: &str, secrets: &[&str]) -> Option<String> {
    use std::collections::HashMap;
    let msg = message.as_bytes();
    // Views of the message: as it is, and percent-decoded (`%2D` → `-`, `+` → space), each
    // byte with the range of message bytes it came from.
    let mut views: Vec<Vec<(u8, usize, usize)>> = vec![
        msg.iter()
            .enumerate()
            .map(|(i, &b)| (b, i, i + 1))
            .collect(),
    ];
    if msg.iter().any(|&b| b == b'%' || b == b'+') {
        let mut v = Vec::with_capacity(msg.len());
        let mut i = 0;
        while i < msg.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            match msg[i] {
                b'%' if i + 2 < msg.len() => match (hex(msg[i + 1]), hex(msg[i + 2])) {
                    (Some(h), Some(l)) => {
                        v.push(((h * 16 + l) as u8, i, i + 3));
                        i += 3;
                        continue;
                    }
                    _ => v.push((b'%', i, i + 1)),
                },
                b'+' => v.push((b' ', i, i + 1)),
                b => v.push((b, i, i + 1)),
            }
            i += 1;
        }
        views.push(v);
    }
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
            if form.len() < ECHO_RUN {
                if lower
                    .iter()
                    .any(|l| l.windows(form.len()).any(|w| w == form.as_slice()))
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

/// The forms in which a server could echo a secret.
fn echo_forms(secret: &str) -> Vec<Vec<u8>> {
    use base64::Engine;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    let mut forms = vec![
        secret.as_bytes().to_vec(),
        secret
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .into_bytes(),
    ];
    if let Ok(j) = serde_json::to_string(secret) {
        forms.push(j.trim_matches('"').as_bytes().to_vec());
    }
    // base64 of the value from each of the first three bytes: every alignment of a part of it.
    let b = secret.as_bytes();
    forms.push(STANDARD.encode(b).into_bytes());
    forms.push(URL_SAFE_NO_PAD.encode(b).into_bytes());
    // The other alignments only matter as runs: shorter ones are no form of the whole value.
    for skip in 1..3.min(b.len()) {
        for e in [
            STANDARD.encode(&b[skip..]),
            URL_SAFE_NO_PAD.encode(&b[skip..]),
        ] {
            if e.len() >= ECHO_RUN {
                forms.push(e.into_bytes());
            }
        }
    }
    forms.retain(|f| !f.is_empty());
    forms.sort();
    forms.dedup();
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            scrub("Field required", &["ABC1"]).as_deref(),
            Some("Field required")
        );
        // Several secrets (the value and the token) at once.
        assert_eq!(
            scrub(
                "a=hunter2hunter2 b=tok_12345678",
                &["hunter2hunter2", "tok_12345678"]
            )
            .unwrap(),
            "a=<redacted> b=<redacted>"
        );
        let multi = scrub("x ünïcödé-välüé-lông y", &["ünïcödé-välüé-lông"]).unwrap();
        assert_eq!(multi, "x <redacted> y");
    }
}
