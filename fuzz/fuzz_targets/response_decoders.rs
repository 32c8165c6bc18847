//! What a server (or a proxy in front of it) sends back: error bodies, Kubiya get_value
//! answers and ChatBotKit list stream lines. No panic; error messages stay one line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use secretctl::provider::chatbotkit::decode_stream_line;
use secretctl::provider::kubiya::decode_value;
use secretctl::transport::error_message;

fuzz_target!(|data: &[u8]| {
    if let Some(m) = error_message(data) {
        assert!(!m.contains('\n'), "error message spans lines");
    }
    for ct in ["", "application/json", "text/plain"] {
        let _ = decode_value(data, ct);
    }
    if let Ok(line) = std::str::from_utf8(data) {
        let _ = decode_stream_line(line);
    }
});
