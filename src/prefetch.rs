//! A software prefetch: asks the processor to start bringing a value's cache
//! line in while other work goes on.
//!
//! The bridge's lookups (the word memo, the CJK trie) are random reads into
//! tables of 16–20 MB, far beyond the caches; when the addresses are known a
//! few words or characters ahead, fetching them early overlaps those misses
//! instead of taking them one at a time. A prefetch changes no result.

/// Starts loading the cache line holding the start of `x`. A no-op on
/// targets other than x86_64.
#[inline(always)]
pub(crate) fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: SSE is part of the x86_64 baseline, and a prefetch is a
        // hint that never faults, whatever the address (here a valid one).
        unsafe { _mm_prefetch::<_MM_HINT_T0>((x as *const T).cast::<i8>()) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}
