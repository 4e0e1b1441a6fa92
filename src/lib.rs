//! samestory (crate docs written below as the crate grows)
#![allow(dead_code)]

mod clean;
mod dates;
