//! The value rules on arbitrary bytes: accepted values are non-empty, at most 1 MiB as read,
//! UTF-8 and byte-identical (or the exact base64 of the input).
#![no_main]

use libfuzzer_sys::fuzz_target;
use secretctl::input::{MAX_VALUE_BYTES, finish};
use zeroize::Zeroizing;

fuzz_target!(|data: &[u8]| {
    match finish(Zeroizing::new(data.to_vec()), false) {
        Ok(v) => {
            assert!(!data.is_empty() && data.len() <= MAX_VALUE_BYTES);
            assert_eq!(v.expose().as_bytes(), data);
        }
        Err(e) => assert_eq!(e.code(), 2),
    }
    if let Ok(v) = finish(Zeroizing::new(data.to_vec()), true) {
        assert_eq!(v.len(), data.len().div_ceil(3) * 4);
    }
});
