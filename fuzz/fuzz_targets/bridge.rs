//! Script segmentation, NFKC normalisation and the bridge on arbitrary text.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use samestory::stages::BridgeStage;

static BRIDGE: OnceLock<BridgeStage> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    BRIDGE.get_or_init(BridgeStage::default).check(text);
});
