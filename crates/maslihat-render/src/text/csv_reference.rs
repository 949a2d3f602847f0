//! The former [`super::CsvWriter`], which wrote through [`csv::Writer`]: the reference the
//! direct writer is held to (byte for byte) by the tests.

use std::io;

use super::defuse_formula;

/// CSV through the `csv` crate's writer (`flexible`, its default quoting), every field defused
/// by [`defuse_formula`]: the same methods as [`super::CsvWriter`].
#[derive(Debug)]
pub(crate) struct CsvCrateWriter<W: io::Write> {
    writer: csv::Writer<W>,
}

impl<W: io::Write> CsvCrateWriter<W> {
    /// A writer into `out`, with the small buffer the former writer had (longer output goes
    /// out in pieces).
    pub(crate) fn new(out: W) -> CsvCrateWriter<W> {
        CsvCrateWriter { writer: csv::WriterBuilder::new().flexible(true).buffer_capacity(1024).from_writer(out) }
    }

    /// Writes one record.
    pub(crate) fn record<I, F>(&mut self, fields: I) -> io::Result<()>
    where
        I: IntoIterator<Item = F>,
        F: AsRef<str>,
    {
        for field in fields {
            self.field(field.as_ref())?;
        }
        self.end_record()
    }

    /// Writes one field of the current record.
    pub(crate) fn field(&mut self, field: &str) -> io::Result<()> {
        self.writer.write_field(defuse_formula(field).as_bytes()).map_err(csv_io)
    }

    /// Writes one field holding `value` as `itoa` writes it.
    pub(crate) fn integer(&mut self, value: impl itoa::Integer) -> io::Result<()> {
        self.writer.write_field(itoa::Buffer::new().format(value).as_bytes()).map_err(csv_io)
    }

    /// Ends the current record.
    pub(crate) fn end_record(&mut self) -> io::Result<()> {
        self.writer.write_record(std::iter::empty::<&[u8]>()).map_err(csv_io)
    }

    /// Flushes the CSV and gives back the output.
    pub(crate) fn finish(self) -> io::Result<W> {
        self.writer.into_inner().map_err(|e| io::Error::other(e.to_string()))
    }
}

impl CsvCrateWriter<Vec<u8>> {
    /// The CSV written into memory, as text.
    pub(crate) fn into_text(self) -> String {
        let bytes = self.finish().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

fn csv_io(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Records as CSV text through the `csv` crate (the reference of [`super::csv_text`]).
pub(crate) fn csv_crate_text<R, I, F>(records: R) -> String
where
    R: IntoIterator<Item = I>,
    I: IntoIterator<Item = F>,
    F: AsRef<str>,
{
    let mut writer = CsvCrateWriter::new(Vec::new());
    for record in records {
        let _ = writer.record(record);
    }
    writer.into_text()
}
