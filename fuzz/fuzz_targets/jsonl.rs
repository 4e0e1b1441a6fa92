//! The JSONL reader on arbitrary bytes: every line is an article or an error
//! naming its line; nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    samestory::stages::check_jsonl(data);
});
