//! The cleaner: never panics, output no longer than needed, idempotent once
//! settled.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    samestory::stages::check_clean(raw);
});
