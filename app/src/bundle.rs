//! This build's file names. With hashed names on, cargo-leptos writes each bundle file's hash
//! into a hash file (`hash.txt`, lines like `css: 1ECPh80G…`) beside the server executable;
//! Leptos's hydration scripts, the shell's stylesheet link and the server's service worker
//! and configuration check all read it through here.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Where Leptos looks for the hash file: `name` relative to the executable's directory (an
/// absolute `name` stands alone). The directory is looked up once per process.
pub fn hash_file_path(name: &str) -> PathBuf {
    static EXECUTABLE_DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    let dir = EXECUTABLE_DIR.get_or_init(|| {
        std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(Path::to_path_buf))
    });
    match dir {
        Some(dir) => dir.join(name),
        None => name.into(),
    }
}

/// The hash of the file of `kind` (`js`, `wasm`, `css`, `split`, `manifest`) in the hash
/// file's text.
pub fn hash_of<'a>(hashes: &'a str, kind: &str) -> Option<&'a str> {
    hashes.lines().find_map(|line| {
        let (file, hash) = line.split_once(':')?;
        (file.trim() == kind).then(|| hash.trim())
    })
}

#[cfg(test)]
mod tests {
    use super::hash_of;

    #[test]
    fn a_kinds_hash_is_found_by_its_name() {
        let hashes = "js: abc\nwasm: def\n css : ghi \n";
        assert_eq!(hash_of(hashes, "wasm"), Some("def"));
        assert_eq!(hash_of(hashes, "css"), Some("ghi"));
        assert_eq!(hash_of(hashes, "split"), None);
    }
}
