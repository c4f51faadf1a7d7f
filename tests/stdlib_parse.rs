//! Bar 1 of the front end: `pyxc parse` agrees with CPython's `compile()` on every `.py` file
//! of the installed standard library, its `test` package included.
//!
//! One python3 process decides which files `compile(src, path, 'exec', dont_inherit=True)`
//! rejects; then the built `pyxc` binary parses all files (`parse -j 2`, many paths per process)
//! and the files named in its diagnostics must be exactly the rejected ones.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Paths per `pyxc parse` invocation: far below any platform's argument-length limit.
const CHUNK: usize = 400;

fn stdlib_dir() -> PathBuf {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .expect("python3 must be installed to run this test");
    assert!(out.status.success(), "python3 sysconfig failed");
    PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
}

/// Every `.py` file under `dir`, sorted, not following symlinks and skipping site-packages.
fn python_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            let name = entry.file_name();
            if name != "site-packages" && name != "dist-packages" && name != "__pycache__" {
                python_files(&path, out);
            }
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

/// The files CPython's `compile()` rejects, asked of one python3 process.
fn rejected_by_cpython(files: &[String]) -> BTreeSet<String> {
    const SCRIPT: &str = r#"
import sys, warnings
warnings.simplefilter("ignore")
for line in sys.stdin.read().split("\n"):
    if not line:
        continue
    with open(line, "rb") as f:
        src = f.read()
    try:
        compile(src, line, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        print(line)
"#;
    let mut child = Command::new("python3")
        .args(["-c", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("running python3");
    let mut stdin = child.stdin.take().unwrap();
    let input = files.join("\n");
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("python3 output");
    writer.join().unwrap().expect("writing to python3");
    assert!(out.status.success(), "the python3 compile() pass failed");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// The file named by a diagnostic location line (`  --> path:12:5`, or `┌─ path:12:5` with
/// codespan's Unicode characters).
fn location_file(line: &str) -> Option<&str> {
    let rest = line.trim_start();
    let rest = rest
        .strip_prefix("--> ")
        .or_else(|| rest.strip_prefix("┌─ "))?;
    let (rest, col) = rest.rsplit_once(':')?;
    let (path, line_no) = rest.rsplit_once(':')?;
    (col.parse::<u32>().is_ok() && line_no.parse::<u32>().is_ok()).then_some(path)
}

#[test]
fn location_lines_are_recognised() {
    assert_eq!(location_file("  --> /a/b.py:3:14"), Some("/a/b.py"));
    assert_eq!(location_file("   ┌─ /a/b.py:3:14"), Some("/a/b.py"));
    assert_eq!(location_file("3 | x --> y:1:2 z"), None);
    assert_eq!(location_file("  = note: x"), None);
}

#[test]
fn stdlib_agrees_with_cpython_compile() {
    let dir = stdlib_dir();
    let mut paths = Vec::new();
    python_files(&dir, &mut paths);
    paths.sort();
    let files: Vec<String> = paths
        .iter()
        .filter_map(|p| p.to_str().map(str::to_string))
        .collect();
    assert!(
        files.len() > 1000,
        "found only {} .py files under {}",
        files.len(),
        dir.display()
    );
    assert!(
        files.iter().any(|f| f.contains("/test/")),
        "the stdlib's test package is missing under {}",
        dir.display()
    );
    // CPython's pass runs alongside pyxc's: both take a few seconds.
    let cpython = {
        let files = files.clone();
        std::thread::spawn(move || rejected_by_cpython(&files))
    };

    let mut diagnosed: BTreeSet<String> = BTreeSet::new();
    let mut statuses = Vec::new();
    for chunk in files.chunks(CHUNK) {
        let out = Command::new(env!("CARGO_BIN_EXE_pyxc"))
            .args(["parse", "-j", "2"])
            .args(chunk)
            .output()
            .expect("running pyxc");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("panicked"),
            "pyxc panicked:\n{}",
            &stderr[..stderr.len().min(4000)]
        );
        for line in stderr.lines() {
            if let Some(path) = location_file(line) {
                diagnosed.insert(path.to_string());
            } else if let Some(rest) = line.strip_prefix("error: cannot read ") {
                panic!("pyxc could not read a file: {rest}");
            }
        }
        statuses.push((chunk, out.status.code()));
    }
    let rejected = cpython.join().expect("the compile() pass panicked");
    assert!(
        !rejected.is_empty(),
        "CPython rejects none of the files: the compile() pass is not working"
    );
    let mut wrong_status = Vec::new();
    for (chunk, code) in statuses {
        let expected = i32::from(chunk.iter().any(|f| rejected.contains(f)));
        if code != Some(expected) {
            wrong_status.push(format!(
                "chunk starting at {}: exit status {code:?}, expected {expected}",
                chunk[0]
            ));
        }
    }

    let false_errors: Vec<_> = diagnosed.difference(&rejected).collect();
    let missed: Vec<_> = rejected.difference(&diagnosed).collect();
    assert!(
        false_errors.is_empty() && missed.is_empty() && wrong_status.is_empty(),
        "{} files, {} rejected by CPython\n\
         accepted by CPython but given a diagnostic by pyxc ({}):\n  {}\n\
         rejected by CPython but not diagnosed by pyxc ({}):\n  {}\n\
         wrong exit status:\n  {}",
        files.len(),
        rejected.len(),
        false_errors.len(),
        false_errors
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  "),
        missed.len(),
        missed
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  "),
        wrong_status.join("\n  "),
    );
    eprintln!(
        "{} stdlib files: {} accepted, {} rejected, pyxc agrees on all",
        files.len(),
        files.len() - rejected.len(),
        rejected.len()
    );
}

/// `pyxc check` runs the whole front and middle (declarations, types, inference) over every
/// stdlib file: most report unsupported features, none may crash the compiler.
#[test]
fn check_survives_the_stdlib() {
    let dir = stdlib_dir();
    let mut paths = Vec::new();
    python_files(&dir, &mut paths);
    assert!(paths.len() > 1000, "found only {} .py files", paths.len());
    for chunk in paths.chunks(CHUNK) {
        let out = Command::new(env!("CARGO_BIN_EXE_pyxc"))
            .arg("check")
            .args(chunk)
            .stdout(Stdio::null())
            .output()
            .expect("running pyxc");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 1)) && !stderr.contains("panicked"),
            "pyxc check crashed (status {:?}) on a chunk starting at {}; last lines:\n{}",
            out.status.code(),
            chunk[0].display(),
            stderr.lines().rev().take(40).collect::<Vec<_>>().join("\n")
        );
    }
}
