//! Cutting a CSV byte stream into chunks and parts that end on record boundaries, so the parts
//! can be parsed on all cores.

use std::io::{self, Read};

/// Bytes read per chunk (a chunk grows past this only to finish a record).
pub const CHUNK: usize = 2 << 20;

/// The longest record (a row, quoted line breaks included) read: 64 MiB; a longer one is an
/// error, not a read of the whole input into memory.
pub const MAX_RECORD_BYTES: usize = 64 << 20;

/// A run of whole records and the physical line its first byte is on (1-based).
#[derive(Debug, Default)]
pub struct Chunk {
    pub bytes: Vec<u8>,
    pub first_line: u64,
}

/// Reads a byte stream chunk by chunk, each ending on a record boundary.
#[derive(Debug)]
pub struct ChunkReader<R: Read> {
    input: R,
    /// Bytes read past the last chunk's end: the start of the next record.
    carry: Vec<u8>,
    next_line: u64,
    eof: bool,
    /// Bytes read per chunk: [`CHUNK`], smaller in tests and fuzzing to reach every boundary.
    chunk_bytes: usize,
    /// The field separators a quote may follow to open a quoted field: every candidate until
    /// the header has named the file's own ([`ChunkReader::set_separator`]).
    separators: Vec<u8>,
}

impl<R: Read> ChunkReader<R> {
    /// Starts at line `first_line` with `carry` already read (the bytes after the header).
    pub fn new(input: R, carry: Vec<u8>, first_line: u64) -> ChunkReader<R> {
        ChunkReader {
            input,
            carry,
            next_line: first_line,
            eof: false,
            chunk_bytes: CHUNK,
            separators: ANY_SEPARATOR.to_vec(),
        }
    }

    /// Reads chunks of `chunk_bytes` (at least 1) instead of [`CHUNK`].
    pub fn with_chunk_bytes(mut self, chunk_bytes: usize) -> ChunkReader<R> {
        self.chunk_bytes = chunk_bytes.max(1);
        self
    }

    /// The file's separator, once the header has shown it.
    pub fn set_separator(&mut self, separator: u8) {
        self.separators = vec![separator];
    }

    /// The next chunk into `chunk` (reusing its buffer); an empty chunk at the end.
    pub fn next_chunk(&mut self, chunk: &mut Chunk) -> io::Result<()> {
        chunk.bytes.clear();
        chunk.bytes.append(&mut self.carry);
        chunk.first_line = self.next_line;
        let mut target = self.chunk_bytes;
        loop {
            // Read into the buffer's spare room (not zero-filled first).
            chunk.bytes.reserve(target.saturating_sub(chunk.bytes.len()));
            while !self.eof && chunk.bytes.len() < target {
                let want = (target - chunk.bytes.len()) as u64;
                match (&mut self.input).take(want).read_to_end(&mut chunk.bytes) {
                    Ok(0) => self.eof = true,
                    Ok(_) => {}
                    Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                    Err(err) => return Err(err),
                }
            }
            if self.eof {
                break;
            }
            match last_record_end(&chunk.bytes, &self.separators) {
                Some(end) => {
                    self.carry.extend_from_slice(&chunk.bytes[end..]);
                    chunk.bytes.truncate(end);
                    break;
                }
                None if chunk.bytes.len() >= MAX_RECORD_BYTES.max(self.chunk_bytes) => {
                    let message = format!(
                        "{}: a record longer than {MAX_RECORD_BYTES} bytes starts on this line (is a quote left open?)",
                        self.next_line
                    );
                    return Err(io::Error::new(io::ErrorKind::InvalidData, message));
                }
                // One record longer than the chunk: read on.
                None => target *= 2,
            }
        }
        self.next_line += count_lines(&chunk.bytes);
        Ok(())
    }
}

/// The number of line feeds in `bytes`.
pub fn count_lines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

/// The separators a batch file may use, before its header says which.
const ANY_SEPARATOR: &[u8] = b",;\t";

/// Where a byte stands in a record, as the `csv` reader reads it (RFC 4180: a quote opens a
/// quoted field only at the start of a field, `""` inside one is a quote, and a quote in the
/// middle of an unquoted field is a plain character; `\r`, `\n` and `\r\n` end a record).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    FieldStart,
    Plain,
    Quoted,
    QuoteInQuoted,
}

impl Place {
    /// The place after `byte`; `true` when it is a line feed that ends a record.
    fn step(self, byte: u8, separators: &[u8]) -> (Place, bool) {
        match (self, byte) {
            (Place::Quoted, b'"') => (Place::QuoteInQuoted, false),
            (Place::Quoted, _) => (Place::Quoted, false),
            (Place::QuoteInQuoted, b'"') | (Place::FieldStart, b'"') => (Place::Quoted, false),
            (_, b'\n') => (Place::FieldStart, true),
            (_, b'\r') => (Place::FieldStart, false),
            (_, byte) if separators.contains(&byte) => (Place::FieldStart, false),
            _ => (Place::Plain, false),
        }
    }
}

/// The offset just past the last line feed that ends a record (not one inside a quoted field).
fn last_record_end(bytes: &[u8], separators: &[u8]) -> Option<usize> {
    if memchr::memchr(b'"', bytes).is_none() {
        return memchr::memrchr(b'\n', bytes).map(|i| i + 1);
    }
    let mut place = Place::FieldStart;
    let mut end = None;
    for (i, byte) in bytes.iter().enumerate() {
        let (next, ends) = place.step(*byte, separators);
        place = next;
        if ends {
            end = Some(i + 1);
        }
    }
    end
}

/// Cuts `bytes` (whole records) into about `parts` pieces at record boundaries; returns the
/// end offset of each piece.
pub fn split_points(bytes: &[u8], parts: usize, separator: u8) -> Vec<usize> {
    let step = (bytes.len() / parts.max(1)).max(1);
    let mut ends = Vec::with_capacity(parts + 1);
    if memchr::memchr(b'"', bytes).is_none() {
        let mut start = 0;
        while start < bytes.len() {
            let target = (start + step).min(bytes.len());
            let end = memchr::memchr(b'\n', &bytes[target.saturating_sub(1)..])
                .map_or(bytes.len(), |i| target.saturating_sub(1) + i + 1);
            ends.push(end);
            start = end;
        }
        return ends;
    }
    let mut place = Place::FieldStart;
    let mut next_target = step;
    for (i, byte) in bytes.iter().enumerate() {
        let (next, ends_record) = place.step(*byte, &[separator]);
        place = next;
        if ends_record && i + 1 >= next_target {
            ends.push(i + 1);
            next_target = i + 1 + step;
        }
    }
    if ends.last() != Some(&bytes.len()) && !bytes.is_empty() {
        ends.push(bytes.len());
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_ends_skip_line_feeds_inside_quotes() {
        assert_eq!(last_record_end(b"a,b\nc,d\ne", b","), Some(8));
        assert_eq!(last_record_end(b"a,\"b\nc\"\nd,\"e\nf", b","), Some(8));
        assert_eq!(last_record_end(b"\"a\nb", b","), None);
        // A quote inside an unquoted field is a plain character, as the `csv` reader reads it
        // (fuzz `batch`): the line feed after it ends the record.
        assert_eq!(last_record_end(b"a,x\"y\nb,\"c\nd", b","), Some(6));
        assert_eq!(last_record_end(b"\t\x01\"\t\t\t\"\tAAA\r\n", ANY_SEPARATOR), None);
    }

    #[test]
    fn parts_cover_every_byte_and_end_on_records() {
        let plain = b"1,a\n2,b\n3,c\n4,d\n5,e\n".as_slice();
        let quoted = b"1,\"a\nx\"\n2,b\n3,\"c\"\"\n\"\n4,d\n".as_slice();
        for bytes in [plain, quoted] {
            for parts in 1..8 {
                let ends = split_points(bytes, parts, b',');
                assert_eq!(ends.last(), Some(&bytes.len()), "{parts} parts");
                assert!(ends.windows(2).all(|w| w[0] < w[1]));
                for end in &ends {
                    assert_eq!(bytes[end - 1], b'\n');
                    let quotes = bytes[..*end].iter().filter(|b| **b == b'"').count();
                    assert_eq!(quotes % 2, 0, "cut inside a quoted field at {end}");
                }
            }
        }
    }

    #[test]
    fn chunks_reassemble_the_input_with_line_numbers() {
        let input: Vec<u8> = (0..20_000).flat_map(|i| format!("{i},\"x\ny\"\n").into_bytes()).collect();
        let mut reader = ChunkReader::new(input.as_slice(), Vec::new(), 2);
        let mut chunk = Chunk::default();
        let mut all = Vec::new();
        let mut line = 2;
        loop {
            reader.next_chunk(&mut chunk).unwrap();
            if chunk.bytes.is_empty() {
                break;
            }
            assert_eq!(chunk.first_line, line);
            line += count_lines(&chunk.bytes);
            all.extend_from_slice(&chunk.bytes);
        }
        assert_eq!(all, input);
    }
}
