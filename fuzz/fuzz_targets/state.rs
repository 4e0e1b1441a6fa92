//! The state-file loader on arbitrary bytes (as given, and re-sealed with a
//! valid header and checksum so mutations reach the payload decoder): an
//! index or an error, never a panic; a loaded index is usable and round-trips.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    samestory::stages::check_state(data);
});
