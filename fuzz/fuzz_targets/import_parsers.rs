//! Every import format, and format sniffing, on arbitrary bytes: no panic, and every item a
//! parser returns has a name and a line within the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use secretctl::cli::ImportFormat;
use secretctl::import::formats;

fuzz_target!(|data: &[u8]| {
    let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
    let _ = formats::sniff(data);
    for format in [ImportFormat::Dotenv, ImportFormat::Json, ImportFormat::Toml] {
        match formats::parse(format, data) {
            Ok(items) => {
                for item in items {
                    assert!(item.line >= 1 && item.line <= lines, "line {} of {lines}", item.line);
                }
            }
            Err(problems) => {
                assert!(!problems.is_empty());
                for p in problems {
                    assert!(p.line >= 1 && p.line <= lines, "problem line {} of {lines}", p.line);
                }
            }
        }
    }
});
