//! The `.pxd` declaration files shipped with pyxc (`stdlib/` in the source tree), embedded in
//! the binary so `cimport` finds them wherever pyxc is installed, and the search for a cimported
//! module's `.pxd` file.

use std::path::{Path, PathBuf};

/// One embedded declaration file: module name, path under `stdlib/`, source.
struct Embedded {
    module: &'static str,
    path: &'static str,
    source: &'static str,
}

macro_rules! embedded {
    ($($module:literal => $path:literal),* $(,)?) => {
        &[$(Embedded {
            module: $module,
            path: $path,
            source: include_str!(concat!("../../stdlib/", $path)),
        }),*]
    };
}

static STDLIB: &[Embedded] = embedded! {
    "cpython" => "cpython/__init__.pxd",
    "cpython.bool" => "cpython/bool.pxd",
    "cpython.buffer" => "cpython/buffer.pxd",
    "cpython.bytearray" => "cpython/bytearray.pxd",
    "cpython.bytes" => "cpython/bytes.pxd",
    "cpython.cellobject" => "cpython/cellobject.pxd",
    "cpython.ceval" => "cpython/ceval.pxd",
    "cpython.codecs" => "cpython/codecs.pxd",
    "cpython.complex" => "cpython/complex.pxd",
    "cpython.conversion" => "cpython/conversion.pxd",
    "cpython.descr" => "cpython/descr.pxd",
    "cpython.dict" => "cpython/dict.pxd",
    "cpython.exc" => "cpython/exc.pxd",
    "cpython.fileobject" => "cpython/fileobject.pxd",
    "cpython.float" => "cpython/float.pxd",
    "cpython.function" => "cpython/function.pxd",
    "cpython.genobject" => "cpython/genobject.pxd",
    "cpython.getargs" => "cpython/getargs.pxd",
    "cpython.int" => "cpython/int.pxd",
    "cpython.iterator" => "cpython/iterator.pxd",
    "cpython.iterobject" => "cpython/iterobject.pxd",
    "cpython.list" => "cpython/list.pxd",
    "cpython.long" => "cpython/long.pxd",
    "cpython.mapping" => "cpython/mapping.pxd",
    "cpython.mem" => "cpython/mem.pxd",
    "cpython.memoryview" => "cpython/memoryview.pxd",
    "cpython.method" => "cpython/method.pxd",
    "cpython.module" => "cpython/module.pxd",
    "cpython.number" => "cpython/number.pxd",
    "cpython.object" => "cpython/object.pxd",
    "cpython.pycapsule" => "cpython/pycapsule.pxd",
    "cpython.pylifecycle" => "cpython/pylifecycle.pxd",
    "cpython.pystate" => "cpython/pystate.pxd",
    "cpython.pythread" => "cpython/pythread.pxd",
    "cpython.ref" => "cpython/ref.pxd",
    "cpython.sequence" => "cpython/sequence.pxd",
    "cpython.set" => "cpython/set.pxd",
    "cpython.slice" => "cpython/slice.pxd",
    "cpython.tuple" => "cpython/tuple.pxd",
    "cpython.type" => "cpython/type.pxd",
    "cpython.unicode" => "cpython/unicode.pxd",
    "cpython.version" => "cpython/version.pxd",
    "cpython.weakref" => "cpython/weakref.pxd",
    "libc" => "libc/__init__.pxd",
    "libc.complex" => "libc/complex.pxd",
    "libc.errno" => "libc/errno.pxd",
    "libc.float" => "libc/float.pxd",
    "libc.limits" => "libc/limits.pxd",
    "libc.locale" => "libc/locale.pxd",
    "libc.math" => "libc/math.pxd",
    "libc.setjmp" => "libc/setjmp.pxd",
    "libc.signal" => "libc/signal.pxd",
    "libc.stddef" => "libc/stddef.pxd",
    "libc.stdint" => "libc/stdint.pxd",
    "libc.stdio" => "libc/stdio.pxd",
    "libc.stdlib" => "libc/stdlib.pxd",
    "libc.string" => "libc/string.pxd",
    "libc.time" => "libc/time.pxd",
    "numpy" => "numpy/__init__.pxd",
    "openmp" => "openmp.pxd",
    "posix" => "posix/__init__.pxd",
    "posix.dlfcn" => "posix/dlfcn.pxd",
    "posix.fcntl" => "posix/fcntl.pxd",
    "posix.ioctl" => "posix/ioctl.pxd",
    "posix.mman" => "posix/mman.pxd",
    "posix.resource" => "posix/resource.pxd",
    "posix.select" => "posix/select.pxd",
    "posix.signal" => "posix/signal.pxd",
    "posix.stat" => "posix/stat.pxd",
    "posix.stdio" => "posix/stdio.pxd",
    "posix.stdlib" => "posix/stdlib.pxd",
    "posix.strings" => "posix/strings.pxd",
    "posix.time" => "posix/time.pxd",
    "posix.types" => "posix/types.pxd",
    "posix.uio" => "posix/uio.pxd",
    "posix.unistd" => "posix/unistd.pxd",
    "posix.wait" => "posix/wait.pxd",
};

/// The display prefix of embedded files in diagnostics.
pub const STDLIB_PREFIX: &str = "<pyxc-stdlib>";

/// The source of the embedded `.pxd` for a dotted module name (`"libc.math"`), if pyxc ships it.
pub fn stdlib_pxd(module: &str) -> Option<&'static str> {
    STDLIB.iter().find(|e| e.module == module).map(|e| e.source)
}

/// The dotted names of all embedded modules.
pub fn stdlib_modules() -> impl Iterator<Item = &'static str> {
    STDLIB.iter().map(|e| e.module)
}

/// Finds the declarations of the cimported module `module` (dotted name): first in each
/// directory of `search` in order (`a/b.pxd` for `a.b`, then `a/b/__init__.pxd`), then among
/// the embedded files. Returns the path to show in diagnostics (for embedded files
/// `<pyxc-stdlib>/libc/math.pxd`) and the decoded source (UTF-8 or a PEP 263 encoding; a file
/// that cannot be decoded is returned with replacement characters, so reading it again with
/// [`crate::syntax::parse_bytes`] gives the precise diagnostic).
pub fn find_pxd(module: &str, search: &[PathBuf]) -> Option<(PathBuf, String)> {
    let parts: Vec<&str> = module.split('.').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    for dir in search {
        for candidate in candidates(dir, &parts) {
            if let Ok(bytes) = std::fs::read(&candidate) {
                let text = match crate::syntax::source::decode(&bytes) {
                    Ok(text) => text,
                    Err(e) => e.0,
                };
                return Some((candidate, text));
            }
        }
    }
    STDLIB
        .iter()
        .find(|e| e.module == module)
        .map(|e| (Path::new(STDLIB_PREFIX).join(e.path), e.source.to_string()))
}

/// `dir/a/b.pxd` and `dir/a/b/__init__.pxd` for the module `a.b`.
fn candidates(dir: &Path, parts: &[&str]) -> [PathBuf; 2] {
    let mut base = dir.to_path_buf();
    for part in &parts[..parts.len() - 1] {
        base.push(part);
    }
    let last = parts[parts.len() - 1];
    [
        base.join(format!("{last}.pxd")),
        base.join(last).join("__init__.pxd"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{parse_text, Dialect};

    #[test]
    fn embedded_modules_exist_and_parse() {
        for e in STDLIB {
            assert_eq!(stdlib_pxd(e.module), Some(e.source));
            let parsed = parse_text(e.source, Dialect::Cython);
            assert!(!parsed.has_errors(), "{}: {:?}", e.path, parsed.diagnostics);
        }
        assert!(stdlib_pxd("libc.math")
            .unwrap()
            .contains("double sqrt(double x)"));
        assert!(stdlib_pxd("libc.nope").is_none());
        assert_eq!(stdlib_modules().count(), STDLIB.len());
    }

    #[test]
    fn search_path_first_then_embedded() {
        let dir = std::env::temp_dir().join(format!("pyxc-stdlib-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("libc")).unwrap();
        std::fs::create_dir_all(dir.join("pkg").join("sub")).unwrap();
        std::fs::write(dir.join("libc").join("math.pxd"), "# mine\n").unwrap();
        std::fs::write(dir.join("pkg").join("sub").join("__init__.pxd"), "# pkg\n").unwrap();
        std::fs::write(dir.join("top.pxd"), b"# coding: latin-1\n# caf\xe9\n").unwrap();
        let search = vec![dir.join("missing"), dir.clone()];

        let (path, text) = find_pxd("libc.math", &search).unwrap();
        assert_eq!(path, dir.join("libc").join("math.pxd"));
        assert_eq!(text, "# mine\n");

        let (path, text) = find_pxd("libc.stdio", &search).unwrap();
        assert_eq!(path, PathBuf::from("<pyxc-stdlib>/libc/stdio.pxd"));
        assert!(text.contains("ctypedef struct FILE"));

        let (path, _) = find_pxd("pkg.sub", &search).unwrap();
        assert_eq!(path, dir.join("pkg").join("sub").join("__init__.pxd"));

        let (_, text) = find_pxd("top", &search).unwrap();
        assert!(text.contains("caf\u{e9}"), "{text:?}");

        assert!(find_pxd("libc", &[]).is_some());
        assert!(find_pxd("nothing.here", &search).is_none());
        assert!(find_pxd("bad..name", &search).is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
