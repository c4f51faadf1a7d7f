//! numpy's C headers, for modules that use numpy's C API (`cnp.PyArray_DATA`, ...): their
//! directory is asked of the target interpreter (`numpy.get_include()`) the first time and
//! cached, kept while it still holds `numpy/arrayobject.h`.

use super::{cache, PythonInfo};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The flags a module using numpy's C API is compiled with: numpy's include directory, and
/// the API version Cython users usually ask for (numpy's deprecated names hidden).
pub fn numpy_cflags(py: &PythonInfo) -> Result<Vec<String>, String> {
    let dir = include_dir(py, &cache::cache_dir())?;
    Ok(vec![
        format!("-I{}", dir.display()),
        "-DNPY_NO_DEPRECATED_API=NPY_1_7_API_VERSION".to_string(),
    ])
}

fn include_dir(py: &PythonInfo, cache_dir: &Path) -> Result<PathBuf, String> {
    let key = cache::stable_hash(py.executable.as_bytes());
    let cache_file = cache_dir.join(format!("numpy-{key:016x}.txt"));
    let has_headers = |d: &Path| d.join("numpy").join("arrayobject.h").is_file();
    if let Ok(text) = std::fs::read_to_string(&cache_file) {
        let dir = PathBuf::from(text.trim_end());
        if has_headers(&dir) {
            return Ok(dir);
        }
    }
    let out = Command::new(&py.executable)
        .args(["-c", "import numpy; print(numpy.get_include())"])
        .output()
        .map_err(|e| format!("cannot run {}: {e}", py.executable))?;
    let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let dir = PathBuf::from(&text);
    if !out.status.success() || !has_headers(&dir) {
        return Err(format!(
            "the module uses numpy's C API, but numpy's headers were not found for {} \
             (is numpy installed? `import numpy; numpy.get_include()` failed)",
            py.executable
        ));
    }
    let _ = std::fs::create_dir_all(cache_dir);
    // A failed write only means the next build asks again.
    let _ = cache::write_atomic(&cache_file, text.as_bytes());
    Ok(dir)
}
