//! The secrets key file: base64 keys, one a line, the sealing key first; written whole to a
//! new file of mode 0600 and renamed into place, so it is never seen half written.

use std::io::Write;
use std::path::Path;

/// Writes `keys` to `path`, replacing what was there.
pub fn create(path: &Path, keys: &[&str]) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let partial = path.with_extension("partial");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&partial)?;
    for key in keys {
        writeln!(file, "{key}")?;
    }
    file.sync_all()?;
    std::fs::rename(&partial, path)
}
