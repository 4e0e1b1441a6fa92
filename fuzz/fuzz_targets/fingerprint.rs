//! The whole per-article path on an article built from the bytes.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use samestory::Clusterer;

static CLUSTERER: OnceLock<Clusterer> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let clusterer = CLUSTERER.get_or_init(|| {
        Clusterer::with_config(samestory::Config::default().max_article_bytes(64 * 1024))
            .expect("valid config")
    });
    samestory::stages::check_fingerprint(clusterer, data);
});
