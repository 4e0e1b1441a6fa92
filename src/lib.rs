//! samestory (crate docs written below as the crate grows)
#![allow(dead_code)]

mod clean;
mod dates;
mod bridge;
mod lexicon;
mod lsh;
mod minhash;
mod normalize;
mod script;
