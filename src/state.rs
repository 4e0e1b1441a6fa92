//! The state file: one self-checking binary file holding a whole
//! [`EventIndex`](crate::EventIndex).
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! offset  size  field
//! 0       8     magic "SMSTORY\x1a"
//! 8       4     format version (u32, currently 1)
//! 12      8     payload length N (u64)
//! 20      N     payload
//! 20+N    8     xxh3-64 of bytes 0 .. 20+N (header and payload)
//! ```
//!
//! Guarantees: [`write_atomic`] writes `FILE.tmp-<pid>` in the same folder,
//! fsyncs it, renames it over `FILE` and fsyncs the folder, so `FILE` holds
//! either the previous or the new complete state, never a mix; on any error
//! the temporary file is removed and `FILE` is untouched. [`read`] never
//! writes; it rejects a file that is truncated, has trailing bytes, fails the
//! checksum, or comes from a newer format, with an [`Error::State`] saying so.

use std::io::Write;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_64;

use crate::error::Error;

/// Identifies a samestory state file.
pub(crate) const MAGIC: &[u8; 8] = b"SMSTORY\x1a";
/// The format version this build writes and reads.
pub(crate) const VERSION: u32 = 1;
const HEADER: usize = 20;
const TRAILER: usize = 8;

fn state_error(path: &Path, reason: String) -> Error {
    Error::State {
        path: path.to_path_buf(),
        reason,
    }
}

const FIX: &str = "restore it from a backup, or delete it to start afresh";

/// The payload of a validated state file (its bytes, read once, not copied).
pub(crate) struct Payload(Vec<u8>);

impl std::ops::Deref for Payload {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0[HEADER..self.0.len() - TRAILER]
    }
}

/// Validates the envelope of the state file at `path` and returns its payload.
pub(crate) fn read(path: &Path) -> Result<Payload, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    open(path, bytes)
}

/// Validates the envelope of state-file `bytes` (read from `path`, named in
/// errors) and returns the payload.
pub(crate) fn open(path: &Path, bytes: Vec<u8>) -> Result<Payload, Error> {
    let len = bytes.len();
    if len < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        if len < MAGIC.len() && MAGIC.starts_with(&bytes) {
            return Err(state_error(
                path,
                format!("truncated at byte {len} (inside the header); {FIX}"),
            ));
        }
        return Err(state_error(
            path,
            format!("not a samestory state file (bad magic bytes); {FIX}"),
        ));
    }
    if len < HEADER {
        return Err(state_error(
            path,
            format!("truncated at byte {len} (inside the {HEADER}-byte header); {FIX}"),
        ));
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if version != VERSION {
        if version > VERSION && version < 1 << 16 {
            return Err(state_error(
                path,
                format!(
                    "written by a newer samestory (format v{version}, this build reads v{VERSION}): upgrade samestory to read it"
                ),
            ));
        }
        return Err(state_error(
            path,
            format!("unknown format version {version} (corrupted header); {FIX}"),
        ));
    }
    let payload_len = u64::from_le_bytes(bytes[12..20].try_into().expect("8 bytes"));
    let expected = (HEADER as u64)
        .checked_add(payload_len)
        .and_then(|n| n.checked_add(TRAILER as u64));
    match expected {
        Some(e) if (len as u64) < e => {
            return Err(state_error(
                path,
                format!("truncated at byte {len} of {e}; {FIX}"),
            ));
        }
        Some(e) if (len as u64) > e => {
            return Err(state_error(
                path,
                format!(
                    "{} bytes after the end of the state (corrupted length or appended data); {FIX}",
                    len as u64 - e
                ),
            ));
        }
        None => {
            return Err(state_error(
                path,
                format!("impossible payload length {payload_len} (corrupted header); {FIX}"),
            ));
        }
        Some(_) => {}
    }
    let body = len - TRAILER;
    let stored = u64::from_le_bytes(bytes[body..].try_into().expect("8 bytes"));
    let actual = xxh3_64(&bytes[..body]);
    if stored != actual {
        return Err(state_error(
            path,
            format!(
                "checksum mismatch (stored {stored:016x}, computed {actual:016x}): the file is corrupted; {FIX}"
            ),
        ));
    }
    Ok(Payload(bytes))
}

/// The header of a state file holding `payload`.
fn header(payload: &[u8]) -> Vec<u8> {
    let mut header = Vec::with_capacity(HEADER);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&VERSION.to_le_bytes());
    header.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    header
}

/// The complete state-file bytes holding `payload` (header, payload, checksum).
pub(crate) fn envelope(payload: &[u8]) -> Vec<u8> {
    let mut bytes = header(payload);
    bytes.extend_from_slice(payload);
    let checksum = xxh3_64(&bytes);
    bytes.extend_from_slice(&checksum.to_le_bytes());
    bytes
}

/// Writes `payload` as a state file at `path`, atomically.
pub(crate) fn write_atomic(path: &Path, payload: &[u8]) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| state_error(path, "a state file path must name a file".to_string()))?;
    let mut tmp_name = name.to_os_string();
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp = dir.join(tmp_name);
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |source| Error::Io { path: p, source }
    };
    let header = header(payload);
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&header);
    hasher.update(payload);
    let checksum = hasher.digest();
    let result = (|| {
        let file = std::fs::File::create(&tmp).map_err(io(&tmp))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
        w.write_all(&header).map_err(io(&tmp))?;
        w.write_all(payload).map_err(io(&tmp))?;
        w.write_all(&checksum.to_le_bytes()).map_err(io(&tmp))?;
        let file = w.into_inner().map_err(|e| io(&tmp)(e.into_error()))?;
        file.sync_all().map_err(io(&tmp))?;
        drop(file);
        std::fs::rename(&tmp, path).map_err(io(path))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
        return result;
    }
    // Make the rename itself durable (best effort where folders cannot be opened).
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Little-endian payload writer.
#[derive(Default)]
pub(crate) struct Writer(Vec<u8>);

impl Writer {
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.0
    }
    pub(crate) fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub(crate) fn u16s(&mut self, v: &[u16]) {
        self.0.reserve(2 * v.len());
        for x in v {
            self.0.extend_from_slice(&x.to_le_bytes());
        }
    }
    pub(crate) fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn i32(&mut self, v: i32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn i64(&mut self, v: i64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn f64(&mut self, v: f64) {
        self.u64(v.to_bits());
    }
    /// A length-prefixed byte string.
    pub(crate) fn bytes(&mut self, v: &[u8]) {
        self.u32(v.len() as u32);
        self.0.extend_from_slice(v);
    }
    /// A length-prefixed list of u32.
    pub(crate) fn u32s(&mut self, v: &[u32]) {
        self.u32(v.len() as u32);
        for &x in v {
            self.u32(x);
        }
    }
}

/// Little-endian payload reader; every read is bounds-checked.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf, pos: 0 }
    }
    /// Bytes not yet read.
    pub(crate) fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.buf.len())
            .ok_or_else(|| format!("payload ends early at byte {}", self.pos))?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    pub(crate) fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    pub(crate) fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("4")))
    }
    pub(crate) fn i32(&mut self) -> Result<i32, String> {
        Ok(i32::from_le_bytes(self.take(4)?.try_into().expect("4")))
    }
    pub(crate) fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().expect("8")))
    }
    pub(crate) fn i64(&mut self) -> Result<i64, String> {
        Ok(i64::from_le_bytes(self.take(8)?.try_into().expect("8")))
    }
    pub(crate) fn f64(&mut self) -> Result<f64, String> {
        Ok(f64::from_bits(self.u64()?))
    }
    pub(crate) fn bytes(&mut self) -> Result<&'a [u8], String> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    pub(crate) fn u16s_into(&mut self, out: &mut [u16]) -> Result<(), String> {
        let b = self.take(2 * out.len())?;
        for (o, c) in out.iter_mut().zip(b.chunks_exact(2)) {
            *o = u16::from_le_bytes([c[0], c[1]]);
        }
        Ok(())
    }
    pub(crate) fn u32s(&mut self) -> Result<Vec<u32>, String> {
        let n = self.u32()? as usize;
        let b = self.take(4 * n)?;
        Ok(b.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
    /// Errors unless every byte was read.
    pub(crate) fn finish(&self) -> Result<(), String> {
        if self.pos == self.buf.len() {
            Ok(())
        } else {
            Err(format!(
                "{} unread payload bytes",
                self.buf.len() - self.pos
            ))
        }
    }
}
