//! Cleaning: strip markup and boilerplate from raw article text, keep the prose.
//!
//! STUB: replaced by the real cleaner (HTML, entities, custom tags, wiki links,
//! Markdown, navigation bars, boilerplate lines).

/// Returns the prose of `raw`: markup removed, boilerplate lines dropped,
/// one paragraph per line (`'\n'` separated), no leading/trailing blank lines.
pub(crate) fn clean(raw: &str) -> String {
    raw.to_string()
}
