//! Dates: publication date, the event dates an article mentions, and the
//! event-date window derived from them.
//!
//! STUB: replaced by the real extractor.

use chrono::NaiveDate;

/// How a mentioned date was written; year-less forms were resolved against
/// an anchor (the publication date, or failing that the latest full date).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum MentionKind {
    /// Year, month and day written out (`2023年5月26日`, `May 26, 2023`, `2023-05-26`).
    Full,
    /// Month and day, no year (`5月26日`, `5월 26일`, `May 26`).
    MonthDay,
    /// A bare day of month (`26日`, `26일`).
    Day,
    /// A weekday (`周五`, `金曜日`, `금요일`, `Friday`).
    Weekday,
    /// A relative day (`昨日`, `어제`, `yesterday`).
    Relative,
}

/// One resolved date mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DateMention {
    pub date: NaiveDate,
    pub kind: MentionKind,
    /// Byte offset of the mention in the text it was found in.
    pub offset: usize,
}

/// Inclusive window of days in which the reported event plausibly happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct DateWindow {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl DateWindow {
    /// True when the two windows share at least one day.
    pub fn overlaps(&self, other: &DateWindow) -> bool {
        self.start <= other.end && other.start <= self.end
    }
}

/// Settings for deriving a window (days).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WindowParams {
    /// Mentions further than this before the publication date are background, not the event.
    pub horizon_back: i64,
    /// Mentions further than this after the publication date are not the event either.
    pub horizon_forward: i64,
    /// Slack added before the earliest event date.
    pub slack_back: i64,
    /// Slack added after the latest event date.
    pub slack_forward: i64,
}

impl Default for WindowParams {
    fn default() -> Self {
        WindowParams {
            horizon_back: 10,
            horizon_forward: 45,
            slack_back: 3,
            slack_forward: 3,
        }
    }
}

/// Parses a metadata `published` value: ISO 8601 date or date-time, with or
/// without zone (`2023-05-26`, `2023-05-26T03:40:00Z`, `2023-05-26 03:40+09:00`).
pub(crate) fn parse_published(_s: &str) -> Option<NaiveDate> {
    None
}

/// Finds the publication date in an article's own header/dateline
/// (`【大纪元2023年05月27日讯】`, `3/30/2024 6:03 PM UTC`, `date 2023-05-26`).
pub(crate) fn find_dateline(_clean_text: &str) -> Option<NaiveDate> {
    None
}

/// All date mentions in `clean_text`, year-less forms resolved against `anchor`.
pub(crate) fn extract_mentions(_clean_text: &str, _anchor: Option<NaiveDate>) -> Vec<DateMention> {
    Vec::new()
}

/// The event window of an article, or `None` when nothing dates it.
pub(crate) fn event_window(
    _published: Option<NaiveDate>,
    _mentions: &[DateMention],
    _params: &WindowParams,
) -> Option<DateWindow> {
    None
}
