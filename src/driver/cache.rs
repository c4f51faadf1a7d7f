//! The per-user cache directory: interpreter probes, built modules of `pyxc run`, and
//! anything else that is safe to delete at any time.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The cache directory, created on demand: `$PYXC_CACHE_DIR`, else `$XDG_CACHE_HOME/pyxc`,
/// else `~/.cache/pyxc`, else `<temp>/pyxc-cache`.
///
/// Creation failures are not reported here; a caller that writes into the directory sees the
/// error then (and every cache user treats a failed write as a cache miss).
pub fn cache_dir() -> PathBuf {
    let dir = cache_dir_from(|name| std::env::var_os(name));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// The choice behind [`cache_dir`], with the environment passed in (for tests).
fn cache_dir_from(env: impl Fn(&str) -> Option<std::ffi::OsString>) -> PathBuf {
    let nonempty = |name: &str| env(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = nonempty("PYXC_CACHE_DIR") {
        return dir;
    }
    // XDG requires an absolute path; a relative one is to be ignored.
    if let Some(dir) = nonempty("XDG_CACHE_HOME").filter(|d| d.is_absolute()) {
        return dir.join("pyxc");
    }
    if let Some(home) = nonempty("HOME").filter(|d| d.is_absolute()) {
        return home.join(".cache").join("pyxc");
    }
    std::env::temp_dir().join("pyxc-cache")
}

/// The cache's subdirectory `name`, created if needed; `<temp>/pyxc-cache/<name>` where the
/// cache cannot be written (a read-only home).
pub fn cache_subdir(name: &str) -> Result<PathBuf, String> {
    [cache_dir(), std::env::temp_dir().join("pyxc-cache")]
        .into_iter()
        .map(|d| d.join(name))
        .find(|d| std::fs::create_dir_all(d).is_ok())
        .ok_or_else(|| format!("cannot create a cache directory for {name}"))
}

/// The file `name` of the cache's subdirectory `subdir`, built by `build` when it is not there
/// yet. `build` gets an empty work directory and returns the file it made in it, which is
/// renamed into place. Threads of one process build one file at a time; separate processes
/// may both build, and the atomic rename makes either result the cached one.
pub fn cached_build(
    subdir: &str,
    name: &str,
    build: impl FnOnce(&Path) -> Result<PathBuf, String>,
) -> Result<PathBuf, String> {
    static BUILDING: Mutex<()> = Mutex::new(());
    let _one_at_a_time = BUILDING.lock().unwrap_or_else(|e| e.into_inner());
    let file = cache_subdir(subdir)?.join(name);
    if file.is_file() {
        return Ok(file);
    }
    let work = temp_sibling(&file);
    std::fs::create_dir_all(&work)
        .map_err(|e| format!("cannot create directory {}: {e}", work.display()))?;
    let result = build(&work).and_then(|made| {
        std::fs::rename(&made, &file).map_err(|e| format!("cannot write {}: {e}", file.display()))
    });
    let _ = std::fs::remove_dir_all(&work);
    result.map(|()| file)
}

/// A stable 64-bit FNV-1a hash, for cache file names (std's `DefaultHasher` may change
/// between Rust releases).
pub fn stable_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Writes `contents` to `path` atomically: into a temporary file in the same directory, then
/// renamed over `path`, so concurrent readers see the old file or the new one, never a part.
pub fn write_atomic(path: &std::path::Path, contents: &[u8]) -> std::io::Result<()> {
    let tmp = temp_sibling(path);
    if let Err(e) = std::fs::write(&tmp, contents) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// A fresh temporary path beside `path` (same directory, so a rename is atomic), unique across
/// processes and threads.
pub fn temp_sibling(path: &std::path::Path) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    path.with_file_name(format!(".{name}.{}.{n}.{nanos:x}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn precedence() {
        let all = env_of(&[
            ("PYXC_CACHE_DIR", "/a/b"),
            ("XDG_CACHE_HOME", "/x"),
            ("HOME", "/h"),
        ]);
        assert_eq!(cache_dir_from(all), PathBuf::from("/a/b"));
        let xdg = env_of(&[
            ("PYXC_CACHE_DIR", ""),
            ("XDG_CACHE_HOME", "/x"),
            ("HOME", "/h"),
        ]);
        assert_eq!(cache_dir_from(xdg), PathBuf::from("/x/pyxc"));
        let relative_xdg = env_of(&[("XDG_CACHE_HOME", "rel"), ("HOME", "/h")]);
        assert_eq!(
            cache_dir_from(relative_xdg),
            PathBuf::from("/h/.cache/pyxc")
        );
        let nothing = env_of(&[]);
        assert_eq!(
            cache_dir_from(nothing),
            std::env::temp_dir().join("pyxc-cache")
        );
    }

    #[test]
    fn hash_is_fnv1a() {
        assert_eq!(stable_hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn atomic_write_replaces() {
        let dir = std::env::temp_dir().join(format!("pyxc-cache-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("x.txt");
        write_atomic(&f, b"one").unwrap();
        write_atomic(&f, b"two").unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"two");
        let leftovers = std::fs::read_dir(&dir).unwrap().count();
        assert_eq!(leftovers, 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
