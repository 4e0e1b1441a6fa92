//! The crate's error type.

use std::fmt;
use std::path::PathBuf;

/// Everything that can go wrong, with enough context to fix it.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A file or stream could not be read or written.
    Io {
        /// The file involved (`-` for standard input/output).
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// One JSONL line could not be used as an article; the lines around it are
    /// unaffected.
    BadLine {
        /// 1-based line number.
        line: usize,
        /// What was wrong with it.
        reason: String,
    },
    /// A setting is out of range.
    Config(String),
    /// A state file (see [`EventIndex::save`](crate::EventIndex::save)) could
    /// not be used: truncated, corrupted, written by a newer version, or not a
    /// state file at all. The file was not modified.
    State {
        /// The state file.
        path: PathBuf,
        /// What is wrong and how to fix it.
        reason: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(
                f,
                "{}: {source} (check that the path exists and is readable)",
                path.display()
            ),
            Error::BadLine { line, reason } => {
                write!(f, "line {line}: {reason}; the line was skipped")
            }
            Error::Config(msg) => write!(f, "invalid configuration: {msg}"),
            Error::State { path, reason } => {
                write!(f, "state file {}: {reason}", path.display())
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
