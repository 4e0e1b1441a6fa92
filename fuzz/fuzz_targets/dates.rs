//! Date extraction (dateline, mentions, window) and `published` parsing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    samestory::stages::check_dates(text);
});
