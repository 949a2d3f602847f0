//! Embeds the bundled dataset (`datasets/` of the repository: its CSV tables and
//! `maslihats/*.toml`) in the module, so `maslihat.datasets.load()` works from an installed
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
    println!("cargo::rerun-if-changed={}", root.display());
    println!("cargo::rerun-if-changed={}", root.join("maslihats").display());
}

/// The dataset's files under `dir`: tables at the top, body files in `maslihats/`.
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && path.file_name().is_some_and(|name| name == "maslihats") {
            collect(root, &path, files);
            continue;
        }
        let wanted = path.extension().is_some_and(|ext| ext == "csv" || ext == "toml");
        if !path.is_file() || !wanted {
            continue;
        }
        let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().into_owned();
        let absolute = std::fs::canonicalize(&path).unwrap_or(path).to_string_lossy().into_owned();
        files.push((relative, absolute));
    }
}
