//! Embeds the bundled dataset (`datasets/` of the repository: its tables, `maslihats/*.toml` and
//! the `notes/` that stand as sources; not `examples/`) in the module, so `maslihat.datasets.load()` works from an installed
//! wheel with no checkout beside it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default()).join("../../datasets");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut code = String::from(
        "/// The bundled dataset: (path inside the folder, contents).\npub const FILES: &[(&str, &[u8])] = &[\n",
    );
    for (relative, absolute) in &files {
        let _ = writeln!(code, "    ({relative:?}, include_bytes!({absolute:?})),");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("dataset_files.rs");
    if let Err(err) = std::fs::write(&out, code) {
        panic!("cannot write {}: {err}", out.display());
    }
    // A folder: cargo looks at everything under it.
    println!("cargo::rerun-if-changed={}", root.display());
}

/// The dataset's files under `dir`, every folder but `examples/`.
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_none_or(|name| name != "examples") {
                collect(root, &path, files);
            }
            continue;
        }
        let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().into_owned();
        let absolute = std::fs::canonicalize(&path).unwrap_or(path).to_string_lossy().into_owned();
        files.push((relative, absolute));
    }
}
