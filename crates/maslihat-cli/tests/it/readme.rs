//! Every example of README.md runs as shown: each ```console block's `$ ` command is run from
//! the repository root with this build of `maslihat` first on the PATH, and must print exactly
//! the lines that follow it.

use std::process::Command;

use super::root;

#[test]
fn every_readme_example_runs_as_shown() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let binary_dir = std::path::Path::new(env!("CARGO_BIN_EXE_maslihat")).parent().expect("the binary's folder");
    let path = format!("{}:{}", binary_dir.display(), std::env::var("PATH").unwrap_or_default());
    let mut examples = 0;
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line != "```console" {
            continue;
        }
        let command = lines.next().and_then(|l| l.strip_prefix("$ ")).expect("a console block starts with `$ `");
        let expected: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        let output = Command::new("bash")
            .args(["-c", command])
            .current_dir(root())
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .env_remove("RUST_LOG")
            .output()
            .expect("bash runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{command}: {}", String::from_utf8_lossy(&output.stderr));
        assert_eq!(stdout.lines().collect::<Vec<_>>(), expected, "README example `{command}`");
        examples += 1;
    }
    assert!(examples >= 5, "README.md has {examples} examples");
}
