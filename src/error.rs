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
