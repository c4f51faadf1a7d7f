//! The interpreter probe: which headers, which file-name suffix and which version the target
//! CPython has. The interpreter is run once; the answer is cached on disk, keyed by the
//! interpreter's path and modification time, so later runs do not start Python at all.

use super::cache;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::UNIX_EPOCH;

/// What pyxc needs to know about the CPython it builds for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PythonInfo {
    /// The interpreter to run built modules with: Python's own `sys.executable` (for a launcher
    /// such as a pyenv shim, the real interpreter behind it), else the resolved path of the
    /// interpreter that was asked for.
    pub executable: String,
    /// `sysconfig.get_paths()["include"]`: the directory holding `Python.h`.
    pub include_dir: PathBuf,
    /// `sysconfig.get_config_var("EXT_SUFFIX")`, e.g. `.cpython-311-x86_64-linux-gnu.so`.
    pub ext_suffix: String,
    /// `(major, minor)`, at least (3, 9).
    pub version: (u32, u32),
    /// Extra C compiler flags this interpreter needs (`-I` for a separate platform include
    /// directory); usually empty.
    pub cflags: Vec<String>,
    /// Extra linker flags this interpreter needs; usually empty (extension modules do not link
    /// libpython on the supported platforms).
    pub ldflags: Vec<String>,
}

/// The oldest CPython whose public API the runtime helpers use.
pub const MIN_VERSION: (u32, u32) = (3, 9);

/// Probes the interpreter `python` (a name looked up on `PATH`, or a path), from the cache if
/// the interpreter has not changed since it was last probed.
pub fn probe(python: &str) -> Result<PythonInfo, String> {
    probe_in(python, &cache::cache_dir()).map(|(info, _)| info)
}

/// The script run by the interpreter: one value per line. Kept to syntax any Python 2.7+ can
/// parse, so that an old interpreter gets the version error instead of a syntax error.
const PROBE_SCRIPT: &str = "\
import sys, sysconfig
p = sysconfig.get_paths()
print('pyxc-probe-1')
print(sys.executable or '')
print(p.get('include') or '')
print(p.get('platinclude') or '')
print(sysconfig.get_config_var('EXT_SUFFIX') or '')
print('%d.%d' % sys.version_info[:2])
";

/// The cache file format version; bump when the file layout or the probe changes.
const CACHE_FORMAT: &str = "pyxc-python-cache 1";

/// [`probe`] with an explicit cache directory; also says whether the answer came from the cache.
pub(crate) fn probe_in(python: &str, cache_dir: &Path) -> Result<(PythonInfo, bool), String> {
    let resolved = resolve(python)?;
    let key = cache_key(&resolved)?;
    let cache_file = cache_dir.join(format!(
        "python-{:016x}.txt",
        cache::stable_hash(key.as_bytes())
    ));
    if let Some(info) = read_cache(&cache_file, &key) {
        return Ok((info, true));
    }
    let info = run_probe(python, &resolved)?;
    let _ = std::fs::create_dir_all(cache_dir);
    // A failed write only means the next run probes again.
    let _ = cache::write_atomic(&cache_file, write_cache(&key, &info).as_bytes());
    Ok((info, false))
}

/// The absolute path of the interpreter: `python` itself if it names a path, else the first
/// executable of that name on `PATH`.
fn resolve(python: &str) -> Result<PathBuf, String> {
    if python.is_empty() {
        return Err("no Python interpreter given".to_string());
    }
    let as_path = Path::new(python);
    if as_path.components().count() > 1 || as_path.is_absolute() {
        let abs = std::path::absolute(as_path).unwrap_or_else(|_| as_path.to_path_buf());
        return if is_executable(&abs) {
            Ok(abs)
        } else if abs.exists() {
            Err(format!(
                "Python interpreter `{python}` is not an executable file"
            ))
        } else {
            Err(format!("Python interpreter `{python}` not found"))
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        let mut candidates = vec![dir.join(python)];
        if cfg!(windows) && as_path.extension().is_none() {
            candidates.push(dir.join(format!("{python}.exe")));
        }
        for candidate in candidates {
            if is_executable(&candidate) {
                return Ok(std::path::absolute(&candidate).unwrap_or(candidate));
            }
        }
    }
    Err(format!(
        "Python interpreter `{python}` not found on PATH (choose one with --python)"
    ))
}

fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// Modification time (nanoseconds since the epoch) and size of a file, following symlinks.
fn stamp(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    let mtime = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(format!(
        "{}.{:09} {}",
        mtime.as_secs(),
        mtime.subsec_nanos(),
        meta.len()
    ))
}

/// What identifies one probe result: the interpreter's path, its modification time and size,
/// and the pyxc version. For a launcher script (a `#!` file such as a pyenv shim) the
/// interpreter it starts depends on more than the file itself, so the key also takes in the
/// settings launchers choose by: pyenv's `PYENV_VERSION`, the nearest `.python-version` and
/// `.tool-versions` files above the current directory, and pyenv's global version file.
fn cache_key(resolved: &Path) -> Result<String, String> {
    let stamp = stamp(resolved)
        .ok_or_else(|| format!("cannot read Python interpreter `{}`", resolved.display()))?;
    let mut key = format!(
        "{CACHE_FORMAT}\npyxc {}\npath {}\nstamp {stamp}\n",
        env!("CARGO_PKG_VERSION"),
        resolved.display()
    );
    if is_script(resolved) {
        key.push_str(&launcher_key());
    }
    Ok(key)
}

fn is_script(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 2];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == b"#!"
}

/// The environment a launcher script chooses its interpreter by (see [`cache_key`]).
fn launcher_key() -> String {
    let mut key = String::new();
    for var in [
        "PYENV_VERSION",
        "PYENV_ROOT",
        "PYENV_DIR",
        "ASDF_PYTHON_VERSION",
    ] {
        if let Some(v) = std::env::var_os(var) {
            key.push_str(&format!("env {var}={}\n", v.to_string_lossy()));
        }
    }
    let start = std::env::var_os("PYENV_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok());
    for file in [".python-version", ".tool-versions"] {
        let mut dir = start.clone();
        while let Some(d) = dir {
            let candidate = d.join(file);
            if let Ok(text) = std::fs::read_to_string(&candidate) {
                key.push_str(&format!("file {} {:?}\n", candidate.display(), text));
                break;
            }
            dir = d.parent().map(Path::to_path_buf);
        }
    }
    let pyenv_root = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pyenv")));
    if let Some(root) = pyenv_root {
        let global = root.join("version");
        if let Ok(text) = std::fs::read_to_string(&global) {
            key.push_str(&format!("file {} {:?}\n", global.display(), text));
        }
    }
    key
}

/// Runs the interpreter once and checks what it reports.
fn run_probe(python: &str, resolved: &Path) -> Result<PythonInfo, String> {
    let output = Command::new(resolved)
        .arg("-c")
        .arg(PROBE_SCRIPT)
        .output()
        .map_err(|e| format!("cannot run Python interpreter `{python}`: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!(
            "Python interpreter `{python}` failed ({}) when asked for its configuration:\n{}",
            output.status,
            stderr.trim_end()
        ));
    }
    let lines: Vec<&str> = stdout.lines().collect();
    let marker = lines.iter().position(|l| *l == "pyxc-probe-1");
    let fields = match marker {
        Some(i) if lines.len() >= i + 6 => &lines[i + 1..i + 6],
        _ => {
            return Err(format!(
                "Python interpreter `{python}` gave an unexpected answer when asked for its \
                 configuration:\n{}",
                stdout.trim_end()
            ))
        }
    };
    let (executable, include, platinclude, ext_suffix, version) =
        (fields[0], fields[1], fields[2], fields[3], fields[4]);
    let version = parse_version(version).ok_or_else(|| {
        format!("Python interpreter `{python}` reported an unreadable version `{version}`")
    })?;
    if version < MIN_VERSION {
        return Err(format!(
            "Python interpreter `{python}` is Python {}.{}; pyxc needs Python {}.{} or newer",
            version.0, version.1, MIN_VERSION.0, MIN_VERSION.1
        ));
    }
    if ext_suffix.is_empty() {
        return Err(format!(
            "Python interpreter `{python}` does not report EXT_SUFFIX (sysconfig)"
        ));
    }
    let include_dir = PathBuf::from(include);
    check_headers(python, &include_dir)?;
    let mut cflags = Vec::new();
    if !platinclude.is_empty() && Path::new(platinclude) != include_dir {
        cflags.push(format!("-I{platinclude}"));
    }
    let executable = if executable.is_empty() {
        resolved.display().to_string()
    } else {
        executable.to_string()
    };
    Ok(PythonInfo {
        executable,
        include_dir,
        ext_suffix: ext_suffix.to_string(),
        version,
        cflags,
        ldflags: Vec::new(),
    })
}

fn parse_version(text: &str) -> Option<(u32, u32)> {
    let (major, minor) = text.trim().split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

fn check_headers(python: &str, include_dir: &Path) -> Result<(), String> {
    if include_dir.as_os_str().is_empty() {
        return Err(format!(
            "Python interpreter `{python}` does not report an include directory (sysconfig)"
        ));
    }
    if !include_dir.join("Python.h").is_file() {
        return Err(format!(
            "the Python headers are missing: {} not found (install the development files of \
             `{python}`, e.g. the python3-dev or python3-devel package)",
            include_dir.join("Python.h").display()
        ));
    }
    Ok(())
}

/// The cache file: the key, a `--` line, then one `name value` line per field.
fn write_cache(key: &str, info: &PythonInfo) -> String {
    let mut out = String::from(key);
    out.push_str("--\n");
    out.push_str(&format!("executable {}\n", info.executable));
    out.push_str(&format!(
        "executable_stamp {}\n",
        stamp(Path::new(&info.executable)).unwrap_or_default()
    ));
    out.push_str(&format!("include_dir {}\n", info.include_dir.display()));
    out.push_str(&format!("ext_suffix {}\n", info.ext_suffix));
    out.push_str(&format!("version {}.{}\n", info.version.0, info.version.1));
    for flag in &info.cflags {
        out.push_str(&format!("cflag {flag}\n"));
    }
    for flag in &info.ldflags {
        out.push_str(&format!("ldflag {flag}\n"));
    }
    out
}

/// Reads a cache file written by [`write_cache`]; `None` (a miss) unless the key matches and
/// the interpreter and headers it names are still there unchanged.
fn read_cache(file: &Path, key: &str) -> Option<PythonInfo> {
    let text = std::fs::read_to_string(file).ok()?;
    let body = text.strip_prefix(key)?.strip_prefix("--\n")?;
    let mut executable = None;
    let mut executable_stamp = None;
    let mut include_dir = None;
    let mut ext_suffix = None;
    let mut version = None;
    let mut cflags = Vec::new();
    let mut ldflags = Vec::new();
    for line in body.lines() {
        let (name, value) = line.split_once(' ').unwrap_or((line, ""));
        match name {
            "executable" => executable = Some(value.to_string()),
            "executable_stamp" => executable_stamp = Some(value.to_string()),
            "include_dir" => include_dir = Some(PathBuf::from(value)),
            "ext_suffix" => ext_suffix = Some(value.to_string()),
            "version" => version = parse_version(value),
            "cflag" => cflags.push(value.to_string()),
            "ldflag" => ldflags.push(value.to_string()),
            _ => return None,
        }
    }
    let info = PythonInfo {
        executable: executable?,
        include_dir: include_dir?,
        ext_suffix: ext_suffix?,
        version: version?,
        cflags,
        ldflags,
    };
    // The interpreter behind a launcher, or the headers, may have been reinstalled or removed.
    if stamp(Path::new(&info.executable)).unwrap_or_default() != executable_stamp?
        || !info.include_dir.join("Python.h").is_file()
    {
        return None;
    }
    Some(info)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "pyxc-python-test-{tag}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn probes_python3_then_uses_the_cache() {
        let cache = temp_dir("cache");
        let (info, cached) = probe_in("python3", &cache).expect("python3 probe");
        assert!(!cached);
        assert!(info.version >= MIN_VERSION, "{info:?}");
        assert!(info.ext_suffix.starts_with('.'), "{info:?}");
        assert!(info.include_dir.join("Python.h").is_file(), "{info:?}");
        assert!(Path::new(&info.executable).is_file(), "{info:?}");
        let (again, cached) = probe_in("python3", &cache).expect("second probe");
        assert!(cached, "the second probe should come from the cache");
        assert_eq!(info, again);
        // The real interpreter reports the same configuration as the name it was found by.
        let (direct, _) = probe_in(&info.executable, &cache).expect("probe by path");
        assert_eq!(direct.include_dir, info.include_dir);
        assert_eq!(direct.ext_suffix, info.ext_suffix);
        std::fs::remove_dir_all(&cache).unwrap();
    }

    #[test]
    fn missing_interpreter() {
        let cache = temp_dir("missing");
        let err = probe_in("pyxc-no-such-python-3.99", &cache).unwrap_err();
        assert!(err.contains("not found"), "{err}");
        let err = probe_in("/nonexistent/dir/python3", &cache).unwrap_err();
        assert!(err.contains("not found"), "{err}");
        std::fs::remove_dir_all(&cache).unwrap();
    }

    #[cfg(unix)]
    fn fake_python(dir: &Path, answer: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join("fakepython");
        std::fs::write(&path, format!("#!/bin/sh\ncat <<'EOF'\n{answer}EOF\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    #[cfg(unix)]
    #[test]
    fn missing_headers_and_old_versions() {
        let dir = temp_dir("fake");
        let exe = fake_python(
            &dir,
            &format!(
                "pyxc-probe-1\n/bin/sh\n{0}/include\n{0}/include\n.so\n3.11\n",
                dir.display()
            ),
        );
        let err = probe_in(exe.to_str().unwrap(), &dir).unwrap_err();
        assert!(err.contains("Python.h"), "{err}");
        let exe = fake_python(&dir, "pyxc-probe-1\n/bin/sh\n/x\n/x\n.so\n3.8\n");
        let err = probe_in(exe.to_str().unwrap(), &dir).unwrap_err();
        assert!(err.contains("3.9 or newer"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn cache_round_trip() {
        let dir = temp_dir("roundtrip");
        std::fs::write(dir.join("Python.h"), "").unwrap();
        let info = PythonInfo {
            executable: std::env::current_exe().unwrap().display().to_string(),
            include_dir: dir.clone(),
            ext_suffix: ".abi3.so".into(),
            version: (3, 12),
            cflags: vec!["-I/a b".into()],
            ldflags: vec!["-lm".into()],
        };
        let file = dir.join("c.txt");
        std::fs::write(&file, write_cache("k\n", &info)).unwrap();
        assert_eq!(read_cache(&file, "k\n"), Some(info));
        assert_eq!(read_cache(&file, "other\n"), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
