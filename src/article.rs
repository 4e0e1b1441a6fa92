//! The input model and its readers: JSONL streams and folders of files.

use std::io::BufRead;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// One news article as the library receives it.
///
/// Only `id` and `text` are required. `published` is kept as written (any
/// ISO 8601 date or date-time, with or without zone, or RFC 2822); a value the
/// library cannot read is ignored, and the article's own dateline is used
/// instead. `lang` is a hint (`"zh-TW"`, `"ja"`, …): script evidence wins over
/// it where they disagree.
///
/// ```
/// let a = samestory::Article::new("a1", "Japan and the US will issue a joint statement on Friday.")
///     .with_title("Japan, US to commit to chip cooperation")
///     .with_published("2023-05-26");
/// assert_eq!(a.id, "a1");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Caller's identifier, echoed in the output.
    pub id: String,
    /// The body, raw: HTML, Markdown and boilerplate are cleaned away.
    pub text: String,
    /// Headline, if separate from the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publication date or date-time (ISO 8601 or RFC 2822). In JSON a
    /// number is read as a Unix time (seconds, or milliseconds when larger
    /// than 10^11) and kept as its UTC date-time.
    #[serde(
        default,
        deserialize_with = "published_value",
        skip_serializing_if = "Option::is_none"
    )]
    pub published: Option<String>,
    /// Language hint (BCP 47 or ISO 639 code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Where the article came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The outlet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A `published` value: a string as written, a number as a Unix time
/// (feeds and APIs often give one; rejecting the line would lose the
/// article), or null.
fn published_value<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Published {
        Text(String),
        Number(f64),
    }
    Ok(match Option::<Published>::deserialize(d)? {
        None => None,
        Some(Published::Text(s)) => Some(s),
        Some(Published::Number(n)) => {
            let secs = if n.abs() > 1e11 { n / 1000.0 } else { n };
            // Out of chrono's range: kept as written, and reported unreadable.
            Some(
                chrono::DateTime::from_timestamp(secs.floor() as i64, 0).map_or_else(
                    || n.to_string(),
                    |t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                ),
            )
        }
    })
}

impl Article {
    /// An article with an id and a body.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Article {
        Article {
            id: id.into(),
            text: text.into(),
            ..Article::default()
        }
    }

    /// Sets the headline.
    pub fn with_title(mut self, title: impl Into<String>) -> Article {
        self.title = Some(title.into());
        self
    }

    /// Sets the publication date (ISO 8601 or RFC 2822).
    pub fn with_published(mut self, published: impl Into<String>) -> Article {
        self.published = Some(published.into());
        self
    }

    /// Sets the language hint.
    pub fn with_lang(mut self, lang: impl Into<String>) -> Article {
        self.lang = Some(lang.into());
        self
    }
}

/// Reads JSONL articles, one per line, yielding each article or the error of
/// its line. Blank lines are skipped, a UTF-8 BOM (at the start or at the
/// start of any line, as in concatenated files) and CRLF line ends are
/// accepted; a bad line (invalid UTF-8, not JSON, wrong shape, empty id) is an
/// [`Error::BadLine`] and reading goes on with the next line.
///
/// ```
/// let input = "{\"id\":\"a\",\"text\":\"one\"}\nnot json\n{\"id\":\"b\",\"text\":\"two\"}\n";
/// let results: Vec<_> = samestory::read_jsonl(input.as_bytes()).collect();
/// assert!(results[0].is_ok() && results[1].is_err() && results[2].is_ok());
/// ```
pub fn read_jsonl<R: BufRead>(reader: R) -> impl Iterator<Item = Result<Article, Error>> {
    JsonlReader {
        reader,
        line: 0,
        buf: Vec::new(),
    }
}

struct JsonlReader<R> {
    reader: R,
    line: usize,
    buf: Vec<u8>,
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Article, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    return Some(Err(Error::Io {
                        path: "-".into(),
                        source: e,
                    }));
                }
            }
            self.line += 1;
            // A BOM starts the stream, or a line of concatenated files.
            let bytes = self.buf.trim_ascii_start();
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let bytes = bytes.trim_ascii();
            if bytes.is_empty() {
                continue;
            }
            return Some(parse_line(bytes, self.line));
        }
    }
}

fn parse_line(bytes: &[u8], line: usize) -> Result<Article, Error> {
    let text = std::str::from_utf8(bytes).map_err(|e| Error::BadLine {
        line,
        reason: format!(
            "invalid UTF-8 at byte {} (re-encode the input as UTF-8)",
            e.valid_up_to()
        ),
    })?;
    let article: Article = serde_json::from_str(text).map_err(|e| Error::BadLine {
        line,
        reason: format!(
            "not an article object ({e}); expected {{\"id\": string, \"text\": string, …}}"
        ),
    })?;
    if article.id.trim().is_empty() {
        return Err(Error::BadLine {
            line,
            reason: "empty \"id\"; every article needs a non-empty id".into(),
        });
    }
    Ok(article)
}

/// Reads every `.txt`, `.html`, `.htm`, `.md` and `.jsonl` file of a folder
/// (not recursive), in file-name order. A text file becomes one article whose
/// id is the file stem; a `.jsonl` file contributes its lines. Unreadable files
/// and bad lines are reported as errors in the sequence; the rest is read.
pub fn read_dir(dir: &Path) -> Result<Vec<Result<Article, Error>>, Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if !matches!(ext.as_str(), "txt" | "html" | "htm" | "md" | "jsonl") || !path.is_file() {
            continue;
        }
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(source) => {
                out.push(Err(Error::Io {
                    path: path.clone(),
                    source,
                }));
                continue;
            }
        };
        if ext == "jsonl" {
            out.extend(read_jsonl(&bytes[..]));
            continue;
        }
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        // A stray invalid byte must not cost the whole article.
        let text = String::from_utf8_lossy(&bytes).into_owned();
        out.push(Ok(Article::new(id, text)));
    }
    Ok(out)
}
