//! The `.pxd` files pyxc ships (`stdlib/`, embedded in the binary) against the real headers.
//!
//! 1. Every embedded `.pxd` checks without diagnostics (`pyxc check` on the file itself: a
//!    cimport reports only that a `.pxd` failed, not each of its declarations), and every
//!    embedded module cimports cleanly: a scratch module per embedded `.pxd` does
//!    `cimport m` and `from m cimport *`, and `pyxc build` (parsing, checking, C generation and
//!    the C compiler over the headers the `.pxd` names) must succeed.
//! 2. Every name a `.pxd` declares inside `cdef extern from` exists in its header: one C file per
//!    module includes `Python.h` and the module's headers and refers to each function, variable
//!    and constant (skipped when it is a macro, which a function-like macro is), each type and
//!    each struct field (`offsetof`); the C compiler must accept it. A declaration the C code of
//!    test 1 never refers to (nothing is used there) is thus still checked.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use pyxc::driver::stdlib::{stdlib_modules, stdlib_pxd};
use pyxc::driver::{probe, PythonInfo};
use pyxc::syntax::ast::{CStructDef, ExprKind, Ident, Stmt, StmtKind};
use pyxc::syntax::{parse_text, Dialect};

fn scratch_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pyxc-stdlib-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn every_embedded_pxd_cimports_and_builds() {
    let dir = scratch_dir("build");
    let modules: Vec<&str> = stdlib_modules().collect();
    assert!(
        modules.len() >= 60,
        "only {} embedded modules",
        modules.len()
    );
    let mut failures = Vec::new();
    // A few modules per `pyxc build`, so one failure names its module.
    for chunk in modules.chunks(8) {
        let mut files = Vec::new();
        for m in chunk {
            let file = dir.join(format!("use_{}.pyx", m.replace('.', "_")));
            std::fs::write(&file, format!("cimport {m}\nfrom {m} cimport *\n")).unwrap();
            files.push(file);
        }
        let out = Command::new(env!("CARGO_BIN_EXE_pyxc"))
            .args(["build", "--out-dir"])
            .arg(&dir)
            .args(&files)
            .output()
            .expect("running pyxc");
        if !out.status.success() {
            failures.push(format!(
                "{chunk:?}:\n{}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_embedded_pxd_checks_clean() {
    let dir = scratch_dir("check");
    let modules: Vec<&str> = stdlib_modules().collect();
    let mut files = Vec::new();
    for m in &modules {
        let is_package = modules.iter().any(|o| o.starts_with(&format!("{m}.")));
        let mut path = dir.join(m.replace('.', "/"));
        if is_package {
            path.push("__init__.pxd");
        } else {
            path.set_extension("pxd");
        }
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, stdlib_pxd(m).unwrap()).unwrap();
        files.push(path);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_pyxc"))
        .arg("check")
        .args(&files)
        .output()
        .expect("running pyxc");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// What a `.pxd`'s extern blocks declare, as C expressions and statements to compile.
#[derive(Default)]
struct Checks {
    headers: Vec<String>,
    /// Verbatim C of the blocks (numpy's wrapper macros), after the headers.
    verbatim: Vec<String>,
    lines: Vec<String>,
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl Checks {
    /// A value (function, variable, constant): referring to it must compile, unless it is a
    /// macro (function-like macros cannot be named alone).
    fn value(&mut self, name: &str) {
        if is_identifier(name) {
            self.lines
                .push(format!("#ifndef {name}\n    (void)({name});\n#endif"));
        } else {
            self.lines.push(format!("    (void)({name});"));
        }
    }

    /// A type: a pointer to it must be a valid type (incomplete types allowed).
    fn ty(&mut self, cname: &str) {
        self.lines.push(format!("    (void)({cname} *)0;"));
    }

    fn extern_body(&mut self, src: &str, body: &[Stmt]) {
        let text = |i: Ident| &src[i.span.start as usize..i.span.end as usize];
        for stmt in body {
            match &stmt.kind {
                StmtKind::CFunction(f) => {
                    let name = f.cname.clone().unwrap_or_else(|| text(f.name).to_string());
                    self.value(&name);
                }
                StmtKind::CVarDecl(d) => {
                    for v in &d.vars {
                        let name = v.cname.clone().unwrap_or_else(|| text(v.name).to_string());
                        self.value(&name);
                    }
                }
                StmtKind::CEnum(e) => {
                    if let (Some(name), true) = (e.name, e.is_typedef) {
                        self.ty(text(name));
                    }
                    for (member, _) in &e.members {
                        self.value(text(*member));
                    }
                }
                StmtKind::CTypedef { name, .. } => self.ty(text(*name)),
                StmtKind::CStruct(s) => self.structure(src, s),
                StmtKind::DeclBlock { body, .. } => self.extern_body(src, body),
                StmtKind::Pass => {}
                StmtKind::Expr(e) => match &e.kind {
                    ExprKind::Str(code) => self.verbatim.push(code.clone()),
                    other => panic!("unexpected expression in an extern block: {other:?}"),
                },
                other => panic!("unexpected declaration in an extern block: {other:?}"),
            }
        }
    }

    fn structure(&mut self, src: &str, s: &CStructDef) {
        let text = |i: Ident| &src[i.span.start as usize..i.span.end as usize];
        let name = s.cname.clone().unwrap_or_else(|| text(s.name).to_string());
        let cname = if s.is_typedef || name.contains(' ') {
            name
        } else {
            format!("{} {name}", if s.is_union { "union" } else { "struct" })
        };
        self.ty(&cname);
        for field in s.fields.iter().flatten() {
            self.lines.push(format!(
                "    (void)offsetof({cname}, {});",
                text(field.name)
            ));
        }
    }

    fn c_source(&self) -> String {
        let mut c = String::from("#include <Python.h>\n#include <stddef.h>\n");
        for h in &self.headers {
            if h.starts_with('<') {
                writeln!(c, "#include {h}").unwrap();
            } else {
                writeln!(c, "#include \"{h}\"").unwrap();
            }
        }
        for v in &self.verbatim {
            c.push_str(v);
            c.push('\n');
        }
        c.push_str("void pyxc_check_declarations(void) {\n");
        for line in &self.lines {
            c.push_str(line);
            c.push('\n');
        }
        c.push_str("}\n");
        c
    }
}

fn checks_of(module: &str) -> Checks {
    let src = stdlib_pxd(module).unwrap();
    let parsed = parse_text(src, Dialect::Cython);
    assert!(!parsed.has_errors(), "{module}: {:?}", parsed.diagnostics);
    let mut checks = Checks::default();
    for stmt in &parsed.module.body {
        if let StmtKind::Extern(e) = &stmt.kind {
            if let Some(h) = &e.header {
                if !checks.headers.contains(h) {
                    checks.headers.push(h.clone());
                }
            }
            checks.extern_body(src, &e.body);
        }
    }
    checks
}

/// numpy's include directory, when numpy is installed.
fn numpy_include() -> Option<String> {
    let out = Command::new("python3")
        .args(["-c", "import numpy; print(numpy.get_include())"])
        .output()
        .ok()?;
    let dir = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (out.status.success() && !dir.is_empty()).then_some(dir)
}

fn compile_c(python: &PythonInfo, file: &Path, extra: &[String]) -> Result<(), String> {
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let out = Command::new(cc)
        .args([
            "-fsyntax-only",
            "-Werror=implicit-function-declaration",
            "-I",
        ])
        .arg(&python.include_dir)
        .args(&python.cflags)
        .args(extra)
        .arg(file)
        .output()
        .map_err(|e| format!("running the C compiler: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[test]
fn declared_names_exist_in_the_headers() {
    let python = probe("python3").expect("python3 must be installed to run this test");
    let dir = scratch_dir("names");
    let mut failures = Vec::new();
    let mut checked = 0;
    let numpy = numpy_include();
    for module in stdlib_modules() {
        // numpy's C API needs numpy's headers (the driver adds them as here).
        let extra = match (module, &numpy) {
            ("numpy", None) => continue,
            ("numpy", Some(dir)) => vec![
                format!("-I{dir}"),
                "-DNPY_NO_DEPRECATED_API=NPY_1_7_API_VERSION".to_string(),
            ],
            _ => vec![],
        };
        let checks = checks_of(module);
        checked += checks.lines.len();
        let file = dir.join(format!("{}.c", module.replace('.', "_")));
        std::fs::write(&file, checks.c_source()).unwrap();
        if let Err(e) = compile_c(&python, &file, &extra) {
            failures.push(format!("{module}:\n{e}"));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(checked > 1000, "only {checked} declarations checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The check itself catches a name the headers lack.
#[test]
fn a_missing_name_fails_the_check() {
    let python = probe("python3").expect("python3 must be installed to run this test");
    let dir = scratch_dir("missing");
    let mut checks = checks_of("libc.time");
    checks.value("pyxc_no_such_function");
    let file = dir.join("missing.c");
    std::fs::write(&file, checks.c_source()).unwrap();
    let result = compile_c(&python, &file, &[]);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(result.is_err(), "an undeclared name compiled");
}
