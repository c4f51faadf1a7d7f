//! The library's entry points: check, translate and build a source file, running the stages in
//! order (syntax → sema → ir → codegen → driver).

use crate::codegen::{self, CodegenOptions};
use crate::diagnostics::render_segments;
use crate::driver::{self, compile::CompileOptions};
use crate::sema::{self, CheckOptions, PxdLoader};
use crate::syntax::{self, Dialect};
use std::path::{Path, PathBuf};

pub struct BuildOptions {
    pub python: String,
    pub out_dir: Option<PathBuf>,
    pub include_dirs: Vec<PathBuf>,
    pub opt_level: u8,
    pub debug: bool,
    /// Keep the generated C next to the module.
    pub keep_c: bool,
    /// Also make the module loadable as `__main__` (for `pyxc run`).
    pub main_entry: bool,
    pub color: bool,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            python: "python3".into(),
            out_dir: None,
            include_dirs: Vec::new(),
            opt_level: 2,
            debug: false,
            keep_c: false,
            main_entry: false,
            color: false,
        }
    }
}

struct Loader<'a> {
    dirs: &'a [PathBuf],
}

impl PxdLoader for Loader<'_> {
    fn load(&self, module: &str) -> Option<(String, String)> {
        driver::stdlib::find_pxd(module, self.dirs).map(|(p, s)| (p.display().to_string(), s))
    }
}

/// The module name a source file builds (its file stem).
pub fn module_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Runs everything up to C generation. Err holds the rendered diagnostics.
pub fn translate(path: &Path, opts: &BuildOptions) -> Result<String, String> {
    translate_with_headers(path, opts).map(|t| t.c)
}

/// A translated source file.
pub struct Translation {
    pub c: String,
    /// The headers of its `public`/`api` declarations (file names and texts).
    pub headers: Vec<(String, String)>,
    /// The C includes numpy's headers (the module uses numpy's C API).
    pub uses_numpy: bool,
}

/// The C of a source file, with what else building it needs.
pub fn translate_with_headers(path: &Path, opts: &BuildOptions) -> Result<Translation, String> {
    let program = checked(path, opts)?;
    let ir = crate::ir::lower::lower_program(&program);
    let c = codegen::generate(
        &ir,
        &CodegenOptions {
            main_entry: opts.main_entry,
            line_directives: opts.debug,
        },
    );
    Ok(Translation {
        c,
        headers: codegen::headers(&ir),
        uses_numpy: ir.numpy_api,
    })
}

/// The annotation report of a source file (see `annotate.rs`). Err holds the rendered
/// diagnostics.
pub fn annotate(path: &Path, opts: &BuildOptions) -> Result<String, String> {
    let program = checked(path, opts)?;
    let ir = crate::ir::lower::lower_program(&program);
    let (_, c_lines) = codegen::generate_annotated(
        &ir,
        &CodegenOptions {
            main_entry: false,
            line_directives: false,
        },
    );
    let bytes = std::fs::read(path).unwrap_or_default();
    let source = String::from_utf8_lossy(&bytes);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let own = ir.functions.iter().map(|f| f.cname.as_str()).collect();
    Ok(crate::annotate::report(&name, &source, &c_lines, &own))
}

/// The `.pyi` stubs of a source file (see `stubs.rs`). Err holds the rendered diagnostics.
pub fn stubs(path: &Path, opts: &BuildOptions) -> Result<String, String> {
    let program = checked(path, opts)?;
    let source = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(crate::stubs::stubs(&program, &source))
}

/// Parses and checks a source file.
fn checked(path: &Path, opts: &BuildOptions) -> Result<sema::tree::Program, String> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("error: cannot read {name}: {e}\n"))?;
    let dialect = Dialect::from_path(&name);
    let (text, parsed) = syntax::parse_bytes(&bytes, dialect);
    let mut dirs = opts.include_dirs.clone();
    if let Some(parent) = path.parent() {
        dirs.push(if parent.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            parent.to_path_buf()
        });
    }
    // `include "f.pxi"`: found beside the source first, then in the include directories.
    let find = |file: &str| {
        dirs.iter().rev().find_map(|d| {
            let p = d.join(file);
            let text = std::fs::read_to_string(&p).ok()?;
            Some((p.display().to_string(), text))
        })
    };
    let expanded = if parsed.module.has_includes() {
        syntax::include::expand(&name, text, dialect, &find)
    } else {
        let segments = syntax::include::single(&name, &text);
        syntax::include::Expanded {
            text,
            parsed,
            segments,
        }
    };
    let (text, parsed, segments) = (expanded.text, expanded.parsed, expanded.segments);
    if parsed.has_errors() {
        return Err(render_segments(
            &segments,
            &text,
            &parsed.diagnostics,
            opts.color,
        ));
    }
    let module = module_name(path);
    if !module
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
        || module.starts_with(|c: char| c.is_ascii_digit())
    {
        return Err(format!(
            "error: '{module}' is not a valid module name (from {name})\n"
        ));
    }
    let loader = Loader { dirs: &dirs };
    // A `.pxd` beside the source with its name declares the module's own C names and
    // classes; beside a `.py`, it augments the module (pure mode).
    let pxd_path = path.with_extension("pxd");
    let extension = path.extension().and_then(|e| e.to_str());
    let own_pxd = match extension {
        Some("pyx" | "py") => std::fs::read_to_string(&pxd_path)
            .ok()
            .map(|text| (pxd_path.display().to_string(), text)),
        _ => None,
    };
    let copts = CheckOptions {
        module_name: module,
        file_name: name.clone(),
        loader: &loader,
        own_pxd,
        pure_python: extension == Some("py"),
        segments,
    };
    let (program, diags) = sema::check(&parsed.module, &text, &copts);
    if diags.iter().any(|d| d.is_error()) {
        return Err(render_segments(&copts.segments, &text, &diags, opts.color));
    }
    Ok(program)
}

/// Builds `path` into an importable extension module; returns its path.
pub fn build(
    path: &Path,
    py: &driver::python::PythonInfo,
    opts: &BuildOptions,
) -> Result<PathBuf, String> {
    let Translation {
        c,
        headers,
        uses_numpy,
    } = translate_with_headers(path, opts)?;
    let out_dir = match &opts.out_dir {
        Some(d) => d.clone(),
        None => path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from(".")),
    };
    let out_dir = if out_dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out_dir
    };
    std::fs::create_dir_all(&out_dir)
        .map_err(|e| format!("error: cannot create {}: {e}\n", out_dir.display()))?;
    let stem = module_name(path);
    let c_path = out_dir.join(format!("{stem}.c"));
    driver::cache::write_atomic(&c_path, c.as_bytes())
        .map_err(|e| format!("error: cannot write {}: {e}\n", c_path.display()))?;
    // `<module>.h` / `<module>_api.h` go beside the C file (as Cython writes them), where the
    // module's other C sources find them.
    for (file, text) in &headers {
        let p = out_dir.join(file);
        driver::cache::write_atomic(&p, text.as_bytes())
            .map_err(|e| format!("error: cannot write {}: {e}\n", p.display()))?;
    }
    let out = out_dir.join(format!("{stem}{}", py.ext_suffix));
    // `# distutils:` header comments add sources, libraries and flags.
    let source_dir = path.parent().unwrap_or(Path::new("."));
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let extra = driver::distutils::parse(&text, source_dir)
        .map_err(|e| format!("error: {}: {e}\n", path.display()))?;
    // The source's own directory comes last, so `cdef extern from "x.h"` finds a header beside
    // it, as when Cython's C file is compiled next to the `.pyx`.
    let mut include_dirs = opts.include_dirs.clone();
    include_dirs.extend(extra.include_dirs);
    include_dirs.push(source_dir.to_path_buf());
    if !headers.is_empty() {
        include_dirs.push(out_dir.clone());
    }
    let mut cflags = extra.cflags;
    if uses_numpy {
        let numpy = driver::numpy::numpy_cflags(py)
            .map_err(|e| format!("error: {}: {e}\n", path.display()))?;
        cflags.extend(numpy);
    }
    let copts = CompileOptions {
        opt_level: opts.opt_level,
        debug: opts.debug,
        include_dirs,
        extra_cflags: cflags,
        sources: extra.sources,
        link_args: extra.link_args,
    };
    let result = driver::compile::compile_extension(&c_path, &out, py, &copts);
    if !opts.keep_c && result.is_ok() {
        let _ = std::fs::remove_file(&c_path);
    }
    result.map_err(|e| format!("error: C compilation of {} failed:\n{e}\n", path.display()))?;
    Ok(out)
}
