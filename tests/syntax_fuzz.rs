//! Bar 4: no input makes the front end panic. A deterministic property test with its own small
//! PRNG: real sources (the installed CPython stdlib, found with python3's sysconfig, plus
//! embedded Cython code) are mutated — bytes flipped, ranges deleted, tokens inserted, lines
//! duplicated, files truncated — and parsed in both dialects; random byte strings and deeply
//! nested input are parsed too. Every parse must return (diagnostics allowed) without a panic
//! or stack overflow, with diagnostic spans inside the text, and the diagnostics must render.
//!
//! It runs for a bounded time (a few seconds in a debug build). For a longer soak run set
//! `PYXC_FUZZ_SECS` (time budget of the mutation phase) and `PYXC_FUZZ_SEED`.

use pyxc::syntax::{parse_bytes, Dialect, PARSER_STACK};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// splitmix64: tiny, fast and good enough to drive mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Cython code covering the declaration forms, so that mutations hit the Cython grammar.
const CYTHON_SEEDS: &[&str] = &[
    r#"# cython: language_level=3
from libc.math cimport sin, cos as c
from libc.stdlib cimport malloc, free
cimport numpy as cnp

DEF_LIKE = 3

cdef extern from "math.h" nogil:
    double sqrt(double x)
    ctypedef struct div_t:
        int quot
        int rem
    struct opaque:
        pass
    enum:
        FP_NAN
    int printf(const char *fmt, ...)

cdef extern from *:
    """
    static int twice(int x) { return 2 * x; }
    """
    int twice(int x)

ctypedef unsigned long ulong
ctypedef double (*func_t)(double) except? -1
ctypedef fused number:
    int
    double
    long long

cdef struct Point:
    double x, y

cdef union Value:
    int i
    double d

cpdef enum Mode:
    READ, WRITE

cdef:
    int a = 1, *b, c[4]
    unsigned long long big
    double[:, ::1] grid
    const int[:] view
    (int, double) pair
    int (*fp)(int, double)

cdef inline int add(int x, int y) noexcept nogil:
    return x + y

cdef int checked(int x) except -1:
    if x < 0:
        raise ValueError(x)
    return x

cdef double apply(double (*f)(double), double x) except? -1.0:
    return f(x)

cpdef long total(long[:] xs):
    cdef long s = 0
    cdef Py_ssize_t i
    for i from 0 <= i < xs.shape[0]:
        s += xs[i]
    with nogil:
        s = add(<int>s, 1)
    return s

cdef class Shape(object):
    cdef public int sides
    cdef readonly double area
    cdef object _cache
    def __cinit__(self, int sides=3):
        self.sides = sides
        self._cache = <object>NULL if False else None
    cpdef double scale(self, double k=2.0):
        cdef double *p = &self.area
        return p[0] * k + sizeof(unsigned long) + sizeof(char*)
    property name:
        def __get__(self):
            return f"{self.sides!r:>{10}} {self.area=}"

def gen(int n, /, *, key=None, **kw):
    match n:
        case 0 | 1:
            return [x async for x in aiter()] if key else (y := n)
        case [a, *rest] if a > 0:
            pass
        case {"k": v, **others}:
            pass
        case Point(x=0, y=yy) as p:
            pass
        case _:
            pass
    try:
        pass
    except* ValueError as e:
        pass
    with (open(a) as f, open(b) as g):
        yield <Shape?>f
"#,
    "cdef int x\ncdef f(x):\n    return x\ncdef unsigned long long y = 1\n\
     cdef int (*fp)(int, double)\nz = <double>x + <int?>y\ncdef double[:, ::1] m\n",
    "def f():\n\tif x:\n\t\treturn 1\n\telse:\n\t\treturn 2\n",
    "x = 1 if y else 2\nlambda *a, **k: (a, k)\nprint(*[1], **{'a': 2})\n",
];

/// Tokens and fragments that make interesting damage when inserted.
const INSERTS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    "\n",
    "\t",
    " ",
    "    ",
    "\\\n",
    "\\",
    "\"",
    "'",
    "\"\"\"",
    "'''",
    "f'",
    "f\"{",
    "}",
    "{x!r:{y}}",
    "#",
    "cdef ",
    "cpdef ",
    "ctypedef ",
    "cimport ",
    "nogil",
    "with gil",
    "except? -1",
    "except *",
    "except +",
    "noexcept",
    "<int>",
    "<T?>",
    "&",
    "*",
    "**",
    "->",
    "=",
    ":=",
    "lambda",
    "match ",
    "case ",
    "_",
    "async ",
    "await ",
    "yield ",
    "def ",
    "class ",
    "struct ",
    "extern from \"h\":\n",
    "DEF ",
    "IF ",
    "include ",
    "sizeof(",
    "unsigned long ",
    "double[:, ::1] ",
    "(int, double) ",
    "\u{feff}",
    "\r",
    "\r\n",
    "\x0c",
    "\0",
    "é",
    "\u{2028}",
    "0x",
    "1e",
    "1_",
    "0o8",
    "9",
    "...",
    ".",
    "@",
    "!",
    "?",
    ";",
    "else:",
    "elif ",
    "try:",
    "finally:",
    "pass",
    "return",
    "global ",
    "nonlocal ",
    "del ",
    "from ",
    "import ",
    "as ",
    "for i from 0 <= i < n:",
    "by ",
];

/// The installed stdlib's `.py` files, sorted; empty if python3 is not available.
fn stdlib_files() -> Vec<PathBuf> {
    let Ok(out) = std::process::Command::new("python3")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
    else {
        return Vec::new();
    };
    let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let Ok(kind) = e.file_type() else { continue };
            let path = e.path();
            if kind.is_dir() {
                if e.file_name() != "site-packages" && e.file_name() != "__pycache__" {
                    walk(&path, out);
                }
            } else if kind.is_file() && path.extension().is_some_and(|x| x == "py") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    if dir.is_dir() {
        walk(&dir, &mut files);
    }
    files.sort();
    files
}

/// A failure: what was parsed (saved for reproduction) and the panic message.
struct Failure {
    what: String,
    message: String,
}

/// Parses `input` under `catch_unwind`, checking the result's invariants.
fn check_one(what: &str, input: &[u8], dialect: Dialect, failures: &mut Vec<Failure>) {
    let result = catch_unwind(AssertUnwindSafe(|| {
        let (text, parsed) = parse_bytes(input, dialect);
        for d in &parsed.diagnostics {
            assert!(
                d.span.start <= d.span.end && d.span.end as usize <= text.len(),
                "diagnostic span {:?} outside the text ({} bytes): {}",
                d.span,
                text.len(),
                d.message
            );
        }
        if text.len() < 20_000 {
            let name = if dialect == Dialect::Python {
                "fuzz.py"
            } else {
                "fuzz.pyx"
            };
            let _ = pyxc::diagnostics::render(name, &text, &parsed.diagnostics, false);
        }
        drop(parsed);
    }));
    if let Err(e) = result {
        let message = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "(non-string panic)".into());
        let n = failures.len();
        let saved = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "fuzz-failure-{n}.{}",
            if dialect == Dialect::Python {
                "py"
            } else {
                "pyx"
            }
        ));
        let _ = std::fs::write(&saved, input);
        failures.push(Failure {
            what: format!("{what} (input saved as {})", saved.display()),
            message,
        });
    }
}

/// Applies one random mutation.
fn mutate(rng: &mut Rng, buf: &mut Vec<u8>) {
    let len = buf.len();
    match rng.below(9) {
        // Flip a byte to something random or structurally interesting.
        0 if len > 0 => {
            let i = rng.below(len);
            buf[i] = *rng.pick(&[
                b'(', b')', b'[', b']', b':', b'\t', b' ', b'\n', b'"', b'\'', b'\\', b'#', b'{',
                b'}', 0x80, 0xff, b'<', b'>', b'&', b'*', b'0', b'x',
            ]);
        }
        1 if len > 0 => {
            let i = rng.below(len);
            buf[i] ^= 1 << rng.below(8);
        }
        // Delete a range.
        2 if len > 0 => {
            let i = rng.below(len);
            let n = 1 + rng.below(64.min(len - i));
            buf.drain(i..i + n);
        }
        // Insert a token.
        3 | 4 => {
            let i = rng.below(len + 1);
            let t = rng.pick(INSERTS).as_bytes();
            buf.splice(i..i, t.iter().copied());
        }
        // Truncate.
        5 if len > 0 => buf.truncate(rng.below(len)),
        // Duplicate a line (often changing the indentation structure).
        6 => {
            let lines: Vec<usize> = std::iter::once(0)
                .chain(
                    buf.iter()
                        .enumerate()
                        .filter(|b| *b.1 == b'\n')
                        .map(|b| b.0 + 1),
                )
                .filter(|&i| i < len)
                .collect();
            if !lines.is_empty() {
                let start = *rng.pick(&lines);
                let end = buf[start..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(len, |p| start + p + 1);
                let line = buf[start..end].to_vec();
                let at = *rng.pick(&lines);
                buf.splice(at..at, line);
            }
        }
        // Re-indent a line by a random amount.
        7 => {
            let i = rng.below(len + 1);
            let at = buf[..i]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            let indent: Vec<u8> = (0..rng.below(12)).map(|_| *rng.pick(b"   \t")).collect();
            buf.splice(at..at, indent);
        }
        // Insert random bytes.
        _ => {
            let i = rng.below(len + 1);
            let junk: Vec<u8> = (0..1 + rng.below(8)).map(|_| rng.next() as u8).collect();
            buf.splice(i..i, junk);
        }
    }
}

/// A window of whole lines from `src`, at most about `max` bytes.
fn window(rng: &mut Rng, src: &[u8], max: usize) -> Vec<u8> {
    if src.len() <= max {
        return src.to_vec();
    }
    let mut start = rng.below(src.len() - max);
    while start > 0 && src[start - 1] != b'\n' {
        start -= 1;
    }
    let mut end = (start + max).min(src.len());
    while end < src.len() && src[end - 1] != b'\n' {
        end += 1;
    }
    src[start..end].to_vec()
}

/// Runs `f` on a thread with the parser's stack, as `pyxc parse` does.
fn on_parser_thread<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(PARSER_STACK)
        .spawn(f)
        .expect("spawning a parser thread")
        .join()
        .expect("the parser thread died")
}

fn report(failures: Vec<Failure>) {
    assert!(
        failures.is_empty(),
        "{} input(s) made the parser panic:\n{}",
        failures.len(),
        failures
            .iter()
            .take(20)
            .map(|f| format!("- {}: {}", f.what, f.message))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn mutated_sources_do_not_panic() {
    let budget = Duration::from_secs_f64(
        std::env::var("PYXC_FUZZ_SECS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(3.0),
    );
    let seed: u64 = std::env::var("PYXC_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_2024);
    let failures = on_parser_thread(move || {
        let mut rng = Rng(seed);
        let files = stdlib_files();
        // A deterministic sample of the stdlib: every k-th file.
        let step = (files.len() / 60).max(1);
        let mut seeds: Vec<(String, Vec<u8>)> = files
            .iter()
            .step_by(step)
            .filter_map(|p| Some((p.display().to_string(), std::fs::read(p).ok()?)))
            .collect();
        for (i, s) in CYTHON_SEEDS.iter().enumerate() {
            seeds.push((format!("cython seed {i}"), s.as_bytes().to_vec()));
        }
        let start = Instant::now();
        let mut failures = Vec::new();
        let mut runs = 0usize;
        while start.elapsed() < budget {
            let (name, src) = &seeds[rng.below(seeds.len())];
            let max = 1 + rng.below(6000);
            let mut buf = window(&mut rng, src, max);
            let n = 1 + rng.below(6);
            for _ in 0..n {
                mutate(&mut rng, &mut buf);
            }
            let dialect = if name.ends_with(".py") && rng.below(3) > 0 {
                Dialect::Python
            } else {
                Dialect::Cython
            };
            let what = format!("run {runs}: {n} mutation(s) of a window of {name}");
            check_one(&what, &buf, dialect, &mut failures);
            runs += 1;
        }
        eprintln!(
            "{runs} mutated inputs from {} seeds in {:.1?}",
            seeds.len(),
            start.elapsed()
        );
        assert!(runs > 100, "too few runs: {runs}");
        failures
    });
    report(failures);
}

#[test]
fn every_prefix_of_cython_code() {
    let failures = on_parser_thread(|| {
        let mut failures = Vec::new();
        let src = CYTHON_SEEDS[0].as_bytes();
        // Every cut point in the first 1 KB, then every 11th byte.
        let mut cut = 0;
        while cut <= src.len() {
            for dialect in [Dialect::Cython, Dialect::Python] {
                check_one(
                    &format!("prefix of {cut} bytes"),
                    &src[..cut],
                    dialect,
                    &mut failures,
                );
            }
            cut += if cut < 1024 { 1 } else { 11 };
        }
        failures
    });
    report(failures);
}

#[test]
fn random_bytes_do_not_panic() {
    let failures = on_parser_thread(|| {
        let mut rng = Rng(0xB17E5);
        let mut failures = Vec::new();
        let alphabet: Vec<u8> =
            b"()[]{}:;,.\n\t \\\"'#=<>&*+-/%@!?~^|_aAzZ09fFrRbBuUxXjJeE".to_vec();
        for i in 0..600 {
            let len = rng.below(400);
            let bytes: Vec<u8> = match i % 3 {
                // Arbitrary bytes (mostly invalid UTF-8).
                0 => (0..len).map(|_| rng.next() as u8).collect(),
                // Punctuation soup.
                1 => (0..len).map(|_| *rng.pick(&alphabet)).collect(),
                // Random tokens.
                _ => (0..len / 4)
                    .flat_map(|_| rng.pick(INSERTS).bytes())
                    .collect(),
            };
            let dialect = if i % 2 == 0 {
                Dialect::Cython
            } else {
                Dialect::Python
            };
            check_one(&format!("random input {i}"), &bytes, dialect, &mut failures);
        }
        failures
    });
    report(failures);
}

/// Deep and long input: each must give a result (usually a diagnostic), not a crash.
#[test]
fn deep_nesting_and_long_lines() {
    let failures = on_parser_thread(|| {
        let mut cases: Vec<(String, String)> = vec![
            ("100_000 '('".into(), "(".repeat(100_000)),
            (
                "100_000 '(' then ')'".into(),
                format!("x = {}{}\n", "(".repeat(100_000), ")".repeat(100_000)),
            ),
            (
                "10_000 nested '['".into(),
                format!("x = {}{}\n", "[".repeat(10_000), "]".repeat(10_000)),
            ),
            (
                "10_000 nested '{'".into(),
                format!("x = {}\n", "{".repeat(10_000)),
            ),
            ("100_000 ')'".into(), ")".repeat(100_000)),
            ("100_000 '}' lines".into(), "}\n".repeat(100_000)),
            (
                "long sum".into(),
                format!("x = 1{}\n", " + 1".repeat(100_000)),
            ),
            (
                "long power chain".into(),
                format!("x = 2{}\n", " ** 2".repeat(50_000)),
            ),
            (
                "long comparison".into(),
                format!("x = a{}\n", " < a".repeat(50_000)),
            ),
            (
                "not chain".into(),
                format!("x = {}a\n", "not ".repeat(50_000)),
            ),
            (
                "minus chain".into(),
                format!("x = {}1\n", "-".repeat(100_000)),
            ),
            (
                "attribute chain".into(),
                format!("x = a{}\n", ".b".repeat(100_000)),
            ),
            (
                "call chain".into(),
                format!("x = f{}\n", "()".repeat(30_000)),
            ),
            (
                "subscript chain".into(),
                format!("x = a{}\n", "[0]".repeat(30_000)),
            ),
            (
                "cast chain".into(),
                format!("x = {}y\n", "<int>".repeat(50_000)),
            ),
            (
                "address chain".into(),
                format!("x = {}y\n", "&".repeat(50_000)),
            ),
            (
                "await chain".into(),
                format!("async def f():\n    return {}x\n", "await ".repeat(20_000)),
            ),
            (
                "lambda chain".into(),
                format!("f = {}0\n", "lambda: ".repeat(20_000)),
            ),
            (
                "conditional chain".into(),
                format!("x = a{}\n", " if b else a".repeat(20_000)),
            ),
            (
                "walrus chain".into(),
                format!("x = ({}0)\n", "a := ".repeat(150)),
            ),
            (
                "string concatenation".into(),
                format!("x = {}\n", "'a' ".repeat(100_000)),
            ),
            (
                "f-string specs".into(),
                format!("x = f'{{a:{}}}'\n", "{b:".repeat(200) + &"}".repeat(200)),
            ),
            (
                "f-string fields".into(),
                format!("x = f'{}'\n", "{a}".repeat(20_000)),
            ),
            (
                "1 MB line".into(),
                format!("x = '{}'\n", "a".repeat(1 << 20)),
            ),
            ("1 MB name".into(), format!("{} = 1\n", "a".repeat(1 << 20))),
            (
                "huge integer".into(),
                format!("x = {}\n", "9".repeat(200_000)),
            ),
            (
                "many keywords".into(),
                format!(
                    "f({})\n",
                    (0..5_000)
                        .map(|i| format!("k{i}=1"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
            (
                "repeated keywords".into(),
                format!("f({})\n", "k=1, ".repeat(5_000)),
            ),
            ("many statements".into(), "x = 1; ".repeat(20_000) + "\n"),
            ("many lines".into(), "x = 1\n".repeat(30_000)),
            ("many errors".into(), "x = = 1\n".repeat(5_000)),
            ("invalid characters".into(), "$".repeat(20_000)),
            ("invalid character lines".into(), "$\n".repeat(20_000)),
            ("many dedents".into(), {
                let mut s = String::new();
                for i in 0..98 {
                    s.push_str(&format!("{}if x:\n", " ".repeat(i)));
                }
                s.push_str(&format!("{}pass\ny = 1\n", " ".repeat(98)));
                s
            }),
            (
                "tabs and spaces".into(),
                "if x:\n\t \t  \t\tpass\n  \t\t \tpass\n".repeat(2000),
            ),
            (
                "cdef chain".into(),
                format!("cdef {} x\n", "unsigned long ".repeat(20_000)),
            ),
            (
                "pointer chain".into(),
                format!("cdef int {}p\n", "*".repeat(50_000)),
            ),
            (
                "array chain".into(),
                format!("cdef int a{}\n", "[1]".repeat(50_000)),
            ),
            (
                "function pointer nesting".into(),
                format!("cdef int {}fp{}\n", "(*".repeat(150), ")(int)".repeat(150)),
            ),
            (
                "memoryview axes".into(),
                format!("cdef double[{}] m\n", vec![":"; 20_000].join(", ")),
            ),
            (
                "ctuple nesting".into(),
                format!("cdef {}int{} t\n", "(int, ".repeat(150), ")".repeat(150)),
            ),
            (
                "sizeof nesting".into(),
                format!("x = {}int{}\n", "sizeof(".repeat(150), ")".repeat(150)),
            ),
            (
                "match patterns".into(),
                format!(
                    "match x:\n    case {}:\n        pass\n",
                    vec!["[a, {'k': (b | c) as d}, *e]"; 5_000].join(" | ")
                ),
            ),
            (
                "with items".into(),
                format!("with ({}):\n    pass\n", vec!["a as b"; 5_000].join(", ")),
            ),
            (
                "decorators".into(),
                "@d\n".repeat(10_000) + "def f(): pass\n",
            ),
            (
                "elif chain".into(),
                "if x:\n    pass\n".to_string() + &"elif x:\n    pass\n".repeat(10_000),
            ),
        ];
        // 500 indentation levels (the limit is 100) and a block as deep as allowed.
        let mut deep = String::new();
        for i in 0..500 {
            deep.push_str(&format!("{}if x:\n", " ".repeat(i)));
        }
        deep.push_str(&format!("{}pass\n", " ".repeat(500)));
        cases.push(("500 indentation levels".into(), deep));
        let mut defs = String::new();
        for i in 0..99 {
            defs.push_str(&format!("{}def f{i}():\n", "\t".repeat(i)));
        }
        defs.push_str(&format!("{}return 1\n", "\t".repeat(99)));
        cases.push(("99 nested functions".into(), defs));

        let mut failures = Vec::new();
        // Each case in one dialect (alternating): the limits are the same in both.
        for (i, (what, src)) in cases.iter().enumerate() {
            let dialect = if i % 2 == 0 {
                Dialect::Cython
            } else {
                Dialect::Python
            };
            let start = Instant::now();
            check_one(what, src.as_bytes(), dialect, &mut failures);
            let took = start.elapsed();
            if took > Duration::from_secs(2) {
                eprintln!("slow: {what} ({dialect:?}) took {took:.1?}");
            }
        }
        failures
    });
    report(failures);
}

/// The binary too: a pathological file gives diagnostics and exit status 1, not a signal.
#[test]
fn binary_survives_hostile_files() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz_cli");
    std::fs::create_dir_all(&dir).unwrap();
    let files = [
        ("parens.py", "(".repeat(100_000).into_bytes()),
        ("indent.pyx", {
            let mut s = String::new();
            for i in 0..500 {
                s.push_str(&format!("{}if x:\n", " ".repeat(i)));
            }
            s.into_bytes()
        }),
        ("binary.py", (0..=255u8).cycle().take(4096).collect()),
        ("unterminated.pyx", {
            let mut s = b"x = 1\ns = '''abc\n".to_vec();
            s.extend(b"y = (\n".repeat(1000));
            s
        }),
        ("garbage.py", "$\u{7f}`?!".repeat(2_000).into_bytes()),
    ];
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|(name, bytes)| {
            let p = dir.join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        })
        .collect();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pyxc"))
        .args(["parse", "-j", "2"])
        .args(&paths)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for p in &paths {
        assert!(
            stderr.contains(&format!("--> {}:", p.display())),
            "no diagnostic for {}:\n{stderr}",
            p.display()
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
