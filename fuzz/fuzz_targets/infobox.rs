//! The infobox wikitext reader: any text. It never panics, and what it reads, written back by
//! `maslihat_render::infobox::write`, reads back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use maslihat_ingest::read_infobox;
use maslihat_render::infobox::write;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let infobox = match read_infobox(text) {
        Ok(infobox) => infobox,
        Err(err) => {
            let _ = err.to_string();
            return;
        }
    };
    let written = write(&infobox);
    let again =
        read_infobox(&written).unwrap_or_else(|err| panic!("the written infobox does not read: {err}\n{written}"));
    assert_eq!(again, infobox, "the written infobox reads differently:\n{written}");
});
