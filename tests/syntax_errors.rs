//! Syntax errors: each malformed snippet must give a diagnostic with the right error code at the
//! right `line:col` (1-based, columns in characters, as the renderer prints them), several
//! independent errors must all be reported in one run, and the `pyxc parse` command must print
//! them as `file:line:col` with the source line and exit with status 1.

use pyxc::diagnostics::Diagnostic;
use pyxc::syntax::{parse_bytes, parse_text, Dialect};

/// Line and column (1-based, in characters) of a byte offset.
fn line_col(src: &str, offset: u32) -> (usize, usize) {
    let offset = (offset as usize).min(src.len());
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The diagnostics as `(line, col, code, message)`.
fn diags_of(src: &str, diags: &[Diagnostic]) -> Vec<(usize, usize, &'static str, String)> {
    diags
        .iter()
        .map(|d| {
            let (l, c) = line_col(src, d.span.start);
            (l, c, d.code, d.message.clone())
        })
        .collect()
}

fn errors(src: &str, dialect: Dialect) -> Vec<(usize, usize, &'static str, String)> {
    let parsed = parse_text(src, dialect);
    assert!(parsed.diagnostics.iter().all(Diagnostic::is_error));
    diags_of(src, &parsed.diagnostics)
}

/// One expected diagnostic: the snippet, where, which code, and a fragment of the message.
struct Case {
    src: &'static str,
    dialect: Dialect,
    at: (usize, usize),
    code: &'static str,
    msg: &'static str,
}

const PY: Dialect = Dialect::Python;
const PYX: Dialect = Dialect::Cython;

fn case(
    src: &'static str,
    dialect: Dialect,
    at: (usize, usize),
    code: &'static str,
    msg: &'static str,
) -> Case {
    Case {
        src,
        dialect,
        at,
        code,
        msg,
    }
}

/// Checks that each snippet's first diagnostic is the expected one and, unless `cascade` is
/// allowed, that it is the only one.
fn check(cases: &[Case], cascade: bool) {
    let mut failures = Vec::new();
    for c in cases {
        let got = errors(c.src, c.dialect);
        let ok = match got.first() {
            Some((l, col, code, msg)) => {
                (*l, *col) == c.at
                    && *code == c.code
                    && msg.contains(c.msg)
                    && (cascade || got.len() == 1)
            }
            None => false,
        };
        if !ok {
            failures.push(format!(
                "{:?}\n  expected {}:{} {} containing {:?}\n  got {:?}",
                c.src, c.at.0, c.at.1, c.code, c.msg, got
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn assert_clean(src: &str, dialect: Dialect) {
    let got = errors(src, dialect);
    assert!(got.is_empty(), "{src:?} should parse cleanly: {got:?}");
}

// ---------------------------------------------------------------------------------------------

#[test]
fn indentation() {
    check(
        &[
            case(
                "x = 1\n    y = 2\n",
                PY,
                (2, 5),
                "E0003",
                "unexpected indent",
            ),
            case(
                "if x:\n        a = 1\n    b = 2\n",
                PY,
                (3, 5),
                "E0003",
                "unindent does not match any outer indentation level",
            ),
            case(
                "if x:\ny = 1\n",
                PY,
                (2, 1),
                "E0003",
                "expected an indented block",
            ),
            case(
                "def f(x):\nreturn x\n",
                PY,
                (2, 1),
                "E0003",
                "expected an indented block",
            ),
            // At the end of the file, with or without a final newline or trailing comments.
            case(
                "def f():\n",
                PY,
                (1, 9),
                "E0003",
                "expected an indented block",
            ),
            case(
                "def f():",
                PY,
                (1, 9),
                "E0003",
                "expected an indented block",
            ),
            case(
                "class A:\n    def f(self):\n# done\n\n",
                PY,
                (2, 17),
                "E0003",
                "expected an indented block",
            ),
            case(
                "cdef class A:\n    cdef int x\n    cdef int f(self):\n",
                PYX,
                (3, 22),
                "E0003",
                "expected an indented block",
            ),
        ],
        false,
    );
}

#[test]
fn tabs_and_spaces() {
    // A tab and eight spaces reach the same column, but only if tabs are 8 wide: rejected.
    check(
        &[
            case(
                "if x:\n\ta = 1\n        b = 2\n",
                PY,
                (3, 9),
                "E0003",
                "inconsistent use of tabs and spaces in indentation",
            ),
            case(
                "if x:\n        a = 1\n\tb = 2\n",
                PY,
                (3, 2),
                "E0003",
                "inconsistent use of tabs and spaces in indentation",
            ),
            case(
                "def f():\n    if x:\n    \tpass\n    \t  pass\n",
                PYX,
                (4, 8),
                "E0003",
                "",
            ),
        ],
        true,
    );
    // Consistent use of either is fine, as is a tab after the same spaces on every line.
    assert_clean("if x:\n\tif y:\n\t\tpass\n\telse:\n\t\tpass\n", PY);
    assert_clean("if x:\n    \tpass\n    \tpass\n", PY);
}

#[test]
fn brackets() {
    check(
        &[
            case("x = 1)\n", PY, (1, 6), "E0002", "unmatched ')'"),
            case("x = [1, 2}}\n", PY, (1, 10), "E0002", "does not match"),
            case(
                "x = (1]\n",
                PY,
                (1, 7),
                "E0002",
                "closing parenthesis ']' does not match opening parenthesis '('",
            ),
        ],
        true,
    );
    // An unclosed bracket is reported where it opens, and the parser's own error follows.
    check(
        &[
            case("x = (1,\n2\n", PY, (1, 5), "E0002", "'(' was never closed"),
            case(
                "x = [1, 2\ny = 3\n",
                PY,
                (1, 5),
                "E0002",
                "'[' was never closed",
            ),
            case(
                "d = {'a': [1,\n    2]\n",
                PYX,
                (1, 5),
                "E0002",
                "'{' was never closed",
            ),
        ],
        true,
    );
}

#[test]
fn unterminated_strings() {
    check(
        &[
            case(
                "x = 'abc\n",
                PY,
                (1, 5),
                "E0004",
                "unterminated string literal",
            ),
            case(
                "x = \"abc\n",
                PYX,
                (1, 5),
                "E0004",
                "unterminated string literal",
            ),
            case(
                "def f():\n    return b'x\n",
                PY,
                (2, 12),
                "E0004",
                "unterminated string literal",
            ),
            case(
                "x = 1\ns = \"\"\"abc\ny = 2\n",
                PY,
                (2, 5),
                "E0004",
                "unterminated triple-quoted string literal",
            ),
            case(
                "s = f'''{x}\n",
                PY,
                (1, 5),
                "E0004",
                "unterminated triple-quoted string literal",
            ),
        ],
        false,
    );
    // The lines after an unterminated single-quoted string are still checked.
    let got = errors("x = 'abc\ny = 1 +\nz = 2\n", PY);
    assert_eq!(
        got.iter().map(|d| (d.0, d.1, d.2)).collect::<Vec<_>>(),
        [(1, 5, "E0004"), (2, 8, "E0002")]
    );
}

#[test]
fn string_contents() {
    check(
        &[
            case(
                "x = b'caf\u{e9}'\n",
                PY,
                (1, 10),
                "E0004",
                "bytes can only contain ASCII literal characters",
            ),
            case(
                "x = \"\\N{NOT A NAME}\"\n",
                PY,
                (1, 6),
                "E0004",
                "\\N character escape",
            ),
            case(
                "x = \"\\x4\"\n",
                PY,
                (1, 6),
                "E0004",
                "truncated \\xXX escape",
            ),
            // A truncated escape followed by a multi-byte character.
            case(
                "x = '\\x\u{e9}0'\n",
                PY,
                (1, 6),
                "E0004",
                "truncated \\xXX escape",
            ),
            case(
                "x = '\\u30#\u{167}c6'\n",
                PYX,
                (1, 6),
                "E0004",
                "truncated \\uXXXX escape",
            ),
            case(
                "x = '\\U0001\u{2028}'\n",
                PY,
                (1, 6),
                "E0004",
                "truncated \\UXXXXXXXX escape",
            ),
            case(
                "x = 'a' b'b'\n",
                PY,
                (1, 5),
                "E0004",
                "cannot mix bytes and nonbytes literals",
            ),
        ],
        false,
    );
}

#[test]
fn fstring_errors() {
    check(
        &[
            case(
                "x = f'{}'\n",
                PY,
                (1, 7),
                "E0004",
                "f-string: empty expression not allowed",
            ),
            case(
                "x = f'{x!z}'\n",
                PY,
                (1, 9),
                "E0004",
                "invalid conversion character 'z'",
            ),
            case(
                "x = f'{x!r=}'\n",
                PY,
                (1, 9),
                "E0004",
                "f-string: expecting '}'",
            ),
            case(
                "x = f'}'\n",
                PY,
                (1, 7),
                "E0004",
                "f-string: single '}' is not allowed",
            ),
            case(
                "x = f'{x'\n",
                PY,
                (1, 7),
                "E0004",
                "f-string: expecting '}'",
            ),
            case(
                "x = f'{a\\n}'\n",
                PY,
                (1, 7),
                "E0004",
                "cannot include a backslash",
            ),
            case(
                "x = f'{a # no}'\n",
                PY,
                (1, 7),
                "E0004",
                "cannot include '#'",
            ),
            // An error in a field's expression is reported inside the string.
            case("x = f'ab{1 +}'\n", PY, (1, 13), "E0002", "invalid syntax"),
        ],
        true,
    );
}

#[test]
fn lexical_errors() {
    check(
        &[
            case(
                "x = 012\n",
                PY,
                (1, 5),
                "E0001",
                "leading zeros in decimal integer literals are not permitted",
            ),
            case(
                "x = 1 $ 2\n",
                PY,
                (1, 7),
                "E0001",
                "invalid character '$' (U+0024)",
            ),
            case(
                "x\u{20ac} = 1\n",
                PY,
                (1, 2),
                "E0001",
                "invalid character '\u{20ac}' (U+20AC)",
            ),
            case(
                "x = 1 \\ y\n",
                PY,
                (1, 7),
                "E0001",
                "unexpected character after line continuation character",
            ),
            case("x = 10L\n", PY, (1, 5), "E0001", "invalid decimal literal"),
        ],
        true,
    );
    // C integer suffixes are fine in Cython files.
    assert_clean("cdef long x = 10L\n", PYX);
}

#[test]
fn assignment_targets() {
    check(
        &[
            case(
                "f() = 1\n",
                PY,
                (1, 1),
                "E0006",
                "cannot assign to function call",
            ),
            case("1 = x\n", PY, (1, 1), "E0006", "cannot assign to literal"),
            case(
                "a + b += 1\n",
                PY,
                (1, 1),
                "E0006",
                "illegal expression for augmented assignment",
            ),
            case(
                "del f()\n",
                PY,
                (1, 5),
                "E0006",
                "cannot delete function call",
            ),
            case(
                "(a, b): int = 1\n",
                PY,
                (1, 1),
                "E0006",
                "only single target (not tuple) can be annotated",
            ),
            case(
                "*a = 1\n",
                PY,
                (1, 1),
                "E0006",
                "starred assignment target must be in a list or tuple",
            ),
            case(
                "a, *b, *c = x\n",
                PY,
                (1, 1),
                "E0006",
                "multiple starred expressions in assignment",
            ),
            case(
                "(a.b := 1)\n",
                PY,
                (1, 2),
                "E0006",
                "cannot use assignment expressions with attribute",
            ),
            case(
                "__debug__ = 1\n",
                PY,
                (1, 1),
                "E0006",
                "cannot assign to __debug__",
            ),
            case(
                "with a as f():\n    pass\n",
                PY,
                (1, 11),
                "E0006",
                "cannot assign to function call",
            ),
            case(
                "for f() in x:\n    pass\n",
                PY,
                (1, 5),
                "E0006",
                "cannot assign to function call",
            ),
        ],
        false,
    );
}

#[test]
fn statements_out_of_place() {
    check(
        &[
            case("break\n", PY, (1, 1), "E0005", "'break' outside loop"),
            case(
                "x = 1\ncontinue\n",
                PY,
                (2, 1),
                "E0005",
                "'continue' outside loop",
            ),
            case(
                "while x:\n    def f():\n        break\n",
                PY,
                (3, 9),
                "E0005",
                "'break' outside loop",
            ),
            case(
                "return 1\n",
                PY,
                (1, 1),
                "E0005",
                "'return' outside function",
            ),
            case(
                "class A:\n    return 1\n",
                PY,
                (2, 5),
                "E0005",
                "'return' outside function",
            ),
            case("yield 1\n", PY, (1, 1), "E0005", "'yield' outside function"),
            case(
                "[x for x in (yield)]\n",
                PY,
                (1, 13),
                "E0005",
                "'yield' outside function",
            ),
            case(
                "def f():\n    await x\n",
                PY,
                (2, 5),
                "E0005",
                "'await' outside async function",
            ),
            case(
                "async def f():\n    yield 1\n    return 2\n",
                PY,
                (3, 5),
                "E0005",
                "'return' with value in async generator",
            ),
            case(
                "nonlocal x\n",
                PY,
                (1, 1),
                "E0005",
                "nonlocal declaration not allowed at module level",
            ),
            case(
                "def f():\n    def g():\n        nonlocal q\n",
                PY,
                (3, 18),
                "E0005",
                "no binding for nonlocal 'q' found",
            ),
            case(
                "def f():\n    from os import *\n",
                PY,
                (2, 5),
                "E0005",
                "import * only allowed at module level",
            ),
            case(
                "def f():\n    if x:\n        cdef int y\n",
                PYX,
                (3, 9),
                "E0005",
                "cdef statement not allowed here",
            ),
            case(
                "def f():\n    cdef int g():\n        pass\n",
                PYX,
                (2, 5),
                "E0005",
                "C function definition not allowed here",
            ),
        ],
        false,
    );
}

#[test]
fn parameters_and_arguments() {
    check(
        &[
            case(
                "def f(a, a): pass\n",
                PY,
                (1, 10),
                "E0007",
                "duplicate argument 'a' in function definition",
            ),
            case(
                "def f(a=1, b): pass\n",
                PY,
                (1, 12),
                "E0007",
                "non-default argument follows default argument",
            ),
            case(
                "f(a=1, 2)\n",
                PY,
                (1, 8),
                "E0007",
                "positional argument follows keyword argument",
            ),
            case(
                "f(**k, *a)\n",
                PY,
                (1, 9),
                "E0007",
                "iterable argument unpacking follows keyword argument unpacking",
            ),
            case(
                "f(a=1, b=2, a=3)\n",
                PY,
                (1, 13),
                "E0007",
                "keyword argument repeated: a",
            ),
            case(
                "class A(metaclass=M, metaclass=N): pass\n",
                PY,
                (1, 22),
                "E0007",
                "keyword argument repeated: metaclass",
            ),
            case(
                "def f(*, **k): pass\n",
                PY,
                (1, 7),
                "E0007",
                "named arguments must follow bare *",
            ),
            case(
                "def f(a, /, b, /): pass\n",
                PY,
                (1, 16),
                "E0007",
                "/ may appear only once",
            ),
            case(
                "cdef int f(int a, double a):\n    return a\n",
                PYX,
                (1, 26),
                "E0007",
                "duplicate argument 'a'",
            ),
        ],
        false,
    );
}

#[test]
fn invalid_syntax() {
    check(
        &[
            case("if x\n    pass\n", PY, (1, 5), "E0002", "expected ':'"),
            case("x = 1 +\n", PY, (1, 8), "E0002", "unexpected end of line"),
            case("class = 1\n", PY, (1, 7), "E0002", "invalid syntax"),
            case(
                "else:\n    pass\n",
                PY,
                (1, 1),
                "E0002",
                "unexpected 'else'",
            ),
            case("import *\n", PY, (1, 8), "E0002", "invalid syntax"),
            case("a if b\n", PY, (1, 7), "E0002", "expected 'else'"),
            case(
                "f(x for x in y, 1)\n",
                PY,
                (1, 15),
                "E0002",
                "invalid syntax",
            ),
            case(
                "try:\n    pass\nexcept ValueError:\n    pass\nexcept* TypeError:\n    pass\n",
                PY,
                (5, 1),
                "E0002",
                "cannot have both 'except' and 'except*' on the same 'try'",
            ),
            case(
                "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n",
                PY,
                (3, 1),
                "E0002",
                "default 'except:' must be last",
            ),
        ],
        true,
    );
}

#[test]
fn python2_print_statement() {
    check(
        &[
            case("print 'hello'\n", PY, (1, 7), "E0002", "invalid syntax"),
            case(
                "def f():\n    print \"a\", x\n",
                PYX,
                (2, 11),
                "E0002",
                "invalid syntax",
            ),
            case("exec 'code'\n", PY, (1, 6), "E0002", "invalid syntax"),
        ],
        true,
    );
    assert_clean("print('hello')\nprint = 1\n", PY);
    // `print >>f, x` is a valid (if useless) Python 3 expression, as CPython agrees.
    assert_clean("print >>sys.stderr, 'x'\n", PY);
}

#[test]
fn compile_time_def_and_if_errors() {
    check(
        &[
            case(
                "DEF N = M + 1\n",
                PYX,
                (1, 9),
                "E0013",
                "Compile-time name 'M' not defined",
            ),
            case(
                "x = 1\nIF UNAME_SYSNAME == OS:\n    x = 2\n",
                PYX,
                (2, 21),
                "E0013",
                "Compile-time name 'OS' not defined",
            ),
            case(
                "DEF K = 1 // 0\n",
                PYX,
                (1, 9),
                "E0013",
                "Error in compile-time expression: ZeroDivisionError",
            ),
            case(
                "DEF K = [1, 2]\nx = K\n",
                PYX,
                (2, 5),
                "E0013",
                "Invalid type for compile-time constant: [1, 2] (type list)",
            ),
            case(
                "DEF K = {1: 2}\n",
                PYX,
                (1, 9),
                "E0013",
                "Invalid compile-time expression",
            ),
            case(
                "DEF K = 2\ndef f():\n    K = 3\n",
                PYX,
                (3, 5),
                "E0013",
                "cannot assign to or delete the compile-time constant 'K'",
            ),
            case(
                "DEF K = 2\nx = [K for K in range(3)]\n",
                PYX,
                (2, 12),
                "E0013",
                "compile-time constant 'K'",
            ),
            case(
                "DEF K = 2\nDEF J = map(K)\n",
                PYX,
                (2, 9),
                "E0013",
                "'map' cannot be called in a compile-time expression",
            ),
        ],
        false,
    );
    // As in Cython, `include` stands at module level only (or in a compile-time IF branch).
    check(
        &[
            case(
                "def f():\n    include \"a.pxi\"\n",
                PYX,
                (2, 5),
                "E0005",
                "include statement not allowed here",
            ),
            case(
                "if x:\n    include \"a.pxi\"\n",
                PYX,
                (2, 5),
                "E0005",
                "include statement not allowed here",
            ),
        ],
        false,
    );
    // The branches not taken are not evaluated, and the code after an error is still checked.
    assert_clean(
        "IF False:\n    DEF A = 1 // 0\nELIF True:\n    pass\nELSE:\n    IF Q:\n        pass\n",
        PYX,
    );
    let got = errors("DEF A = B\nIF A:\n    pass\nbreak\n", PYX);
    assert_eq!(
        got.iter().map(|d| (d.0, d.1, d.2)).collect::<Vec<_>>(),
        [(1, 9, "E0013"), (2, 4, "E0013"), (4, 1, "E0005")]
    );
    // In a .py file DEF, IF, ELIF and ELSE are ordinary names.
    assert_clean("DEF = 1\nIF = DEF\nELIF = ELSE = IF\n", PY);
}

#[test]
fn cython_declaration_errors() {
    check(
        &[
            case(
                "cdef int\n",
                PYX,
                (1, 6),
                "E0008",
                "expected a name to declare",
            ),
            case(
                "cdef unsigned long\n",
                PYX,
                (1, 6),
                "E0008",
                "expected a name to declare",
            ),
            case(
                "ctypedef int a = 1\n",
                PYX,
                (1, 1),
                "E0008",
                "a ctypedef declares one name and has no value",
            ),
            case(
                "cpdef class A:\n    pass\n",
                PYX,
                (1, 1),
                "E0008",
                "extension types are declared with 'cdef class'",
            ),
            case(
                "for i from 0 <= j < n:\n    pass\n",
                PYX,
                (1, 17),
                "E0002",
                "the loop variable must be the middle term of 'for ... from'",
            ),
            case(
                "cdef int x = 1 except -1\n",
                PYX,
                (1, 16),
                "E0002",
                "invalid syntax",
            ),
        ],
        true,
    );
    // Cython declarations are not Python: in a .py file they are syntax errors.
    check(
        &[case("cdef int x\n", PY, (1, 10), "E0002", "invalid syntax")],
        false,
    );
    // A C keyword after the type words is the declared name only after a complete type.
    assert_clean("cdef public unsigned int unsigned\n", PYX);
}

#[test]
fn future_imports() {
    check(
        &[
            case(
                "import os\nfrom __future__ import annotations\n",
                PY,
                (2, 1),
                "E0012",
                "from __future__ imports must occur at the beginning of the file",
            ),
            case(
                "from __future__ import braces\n",
                PY,
                (1, 24),
                "E0012",
                "not a chance",
            ),
            case(
                "from __future__ import nonsense\n",
                PY,
                (1, 24),
                "E0012",
                "future feature nonsense is not defined",
            ),
        ],
        false,
    );
    assert_clean(
        "\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\nimport os\n",
        PY,
    );
}

/// Raw file bytes, the expected (line, column), error code and message.
type EncodingCase<'a> = (&'a [u8], (usize, usize), &'a str, &'a str);

#[test]
fn encodings() {
    let cases: &[EncodingCase] = &[
        (
            b"x = 1\xff\n",
            (1, 6),
            "E0010",
            "'utf-8' codec can't decode byte 0xff",
        ),
        (
            b"x = 1\0\n",
            (1, 6),
            "E0010",
            "source code cannot contain null bytes",
        ),
        (
            b"# coding: no-such-codec\nx = 1\n",
            (1, 11),
            "E0010",
            "unknown encoding: no-such-codec",
        ),
        (
            b"\xEF\xBB\xBF# coding: latin-1\nx = 1\n",
            (1, 11),
            "E0010",
            "encoding problem: utf-8 with BOM",
        ),
    ];
    for (bytes, at, code, msg) in cases {
        let (text, parsed) = parse_bytes(bytes, Dialect::Python);
        let got = diags_of(&text, &parsed.diagnostics);
        assert_eq!(got.len(), 1, "{bytes:?}: {got:?}");
        assert_eq!(
            ((got[0].0, got[0].1), got[0].2),
            (*at, *code),
            "{bytes:?}: {got:?}"
        );
        assert!(got[0].3.contains(msg), "{bytes:?}: {got:?}");
    }
    // Declared encodings, BOMs and all line ends are read as CPython reads them.
    for ok in [
        &b"# -*- coding: latin-1 -*-\ns = '\xe9'\n"[..],
        b"\xEF\xBB\xBFs = 1\n",
        b"if x:\r\n    pass\r\n",
        b"if x:\r    pass\r",
        b"x = 1\x0c\ny = 2",
    ] {
        let (_, parsed) = parse_bytes(ok, Dialect::Python);
        assert!(
            parsed.diagnostics.is_empty(),
            "{ok:?}: {:?}",
            parsed.diagnostics
        );
    }
}

#[test]
fn nesting_limits() {
    // CPython allows 200 nested brackets and 99 nested blocks.
    let parens = |n: usize| format!("x = {}{}\n", "(".repeat(n), ")".repeat(n));
    assert_clean(&parens(200), PY);
    let got = errors(&parens(201), PY);
    assert_eq!(
        got.iter().map(|d| (d.0, d.1, d.2)).collect::<Vec<_>>(),
        [(1, 205, "E0011")],
        "{got:?}"
    );
    assert!(got[0].3.contains("too many nested parentheses"));

    let got = errors(&format!("y = {}\n", "[".repeat(10_000)), PY);
    assert_eq!(
        got.iter().map(|d| (d.0, d.1, d.2)).collect::<Vec<_>>(),
        [(1, 205, "E0011")]
    );

    let blocks = |n: usize| {
        let mut s = String::new();
        for i in 0..n {
            s.push_str(&format!("{}if x:\n", " ".repeat(i)));
        }
        s.push_str(&format!("{}pass\n", " ".repeat(n)));
        s
    };
    assert_clean(&blocks(99), PY);
    let got = errors(&blocks(100), PY);
    assert_eq!(
        got.iter().map(|d| (d.0, d.1, d.2)).collect::<Vec<_>>(),
        [(101, 101, "E0011")],
        "{got:?}"
    );
    assert!(got[0].3.contains("too many levels of indentation"));

    // The lines before deep nesting are checked; reading stops at the limit, as in CPython.
    let src = format!(
        "if x:\n    break\n    a = {}\n    b = 1 +\n",
        "(".repeat(300)
    );
    let got = errors(&src, PYX);
    assert_eq!(
        got.iter().map(|d| (d.0, d.1, d.2)).collect::<Vec<_>>(),
        [(2, 5, "E0005"), (3, 209, "E0011")],
        "{got:?}"
    );
}

#[test]
fn several_independent_errors_in_one_file() {
    let src = concat!(
        "x = 1 +\n",                  // 1
        "class = 2\n",                // 2
        "def g():\n",                 // 3
        "    return 1\n",             // 4
        "break\n",                    // 5
        "print 'x'\n",                // 6
        "DEF N = Q\n",                // 7
        "cdef int\n",                 // 8
        "z = f'{}'\n",                // 9
        "for i from 0 <= j < n:\n",   // 10
        "    pass\n",                 // 11
        "def h(a, a):\n",             // 12
        "    return a\n",             // 13
        "w = 'unterminated\n",        // 14
        "ok = (1, 2]\n",              // 15
        "if x\n",                     // 16
        "    pass\n",                 // 17
        "def fine(a, /, *, b):\n",    // 18
        "    return [y := a, b]\n",   // 19
        "cdef double[:, ::1] grid\n", // 20
        "f(a=1, a=2)\n",              // 21
        "with (open(p) as q, r):\n",  // 22
        "    continue\n",             // 23
    );
    let got = errors(src, PYX);
    let lines: Vec<(usize, &str)> = got.iter().map(|d| (d.0, d.2)).collect();
    assert_eq!(
        lines,
        [
            (1, "E0002"),
            (2, "E0002"),
            (5, "E0005"),
            (6, "E0002"),
            (7, "E0013"),
            (8, "E0008"),
            (9, "E0004"),
            (10, "E0002"),
            (12, "E0007"),
            (14, "E0004"),
            (15, "E0002"),
            (16, "E0002"),
            (17, "E0003"),
            (21, "E0007"),
            (23, "E0005"),
        ],
        "{got:#?}"
    );
}

// ---------------------------------------------------------------------------------------------
// The command line

fn temp_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("pyxc_errors_{tag}_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn cli_renders_file_line_col_and_caret() {
    let dir = temp_dir("render");
    let bad = dir.join("bad.pyx");
    let good = dir.join("good.py");
    std::fs::write(
        &bad,
        "def f():\n    x = (1,\n        2]\n    return x\n\tbreak\n",
    )
    .unwrap();
    std::fs::write(&good, "print('ok')\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pyxc"))
        .arg("parse")
        .arg(&good)
        .arg(&bad)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let bad_name = bad.display().to_string();
    assert!(
        stderr.contains(
            "error[E0002]: closing parenthesis ']' does not match opening parenthesis '('"
        ),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("--> {bad_name}:3:10")), "{stderr}");
    // The source line with a caret under the span, and the opening bracket labelled.
    assert!(stderr.contains("3 |         2]"), "{stderr}");
    assert!(stderr.contains("^"), "{stderr}");
    assert!(stderr.contains("opened here"), "{stderr}");
    assert!(stderr.contains(&format!("--> {bad_name}:5:2")), "{stderr}");
    assert!(stderr.contains("error[E0003]"), "{stderr}");
    assert!(!stderr.contains("good.py"), "{stderr}");
    assert!(stderr.contains("1 of 2 file(s) had errors"), "{stderr}");

    // Only good files: status 0 and nothing on stderr.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pyxc"))
        .args(["parse", "-j", "2"])
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty());

    // A missing file is an error too, without stopping the others.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pyxc"))
        .arg("parse")
        .arg(dir.join("missing.pyx"))
        .arg(&good)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("cannot read"), "{stderr}");
    assert!(stderr.contains("1 of 2 file(s) had errors"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn cli_columns_match_the_library() {
    // Columns count characters, not bytes, after non-ASCII text.
    let dir = temp_dir("columns");
    let file = dir.join("u.py");
    let src = "s = '\u{e9}\u{e9}\u{e9}'; t = 1 +\n";
    std::fs::write(&file, src).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pyxc"))
        .arg("parse")
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let got = errors(src, PY);
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].0, got[0].1), (1, 19));
    assert!(
        stderr.contains(&format!("{}:1:19", file.display())),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn c_char_literals_are_cython_only() {
    check(
        &[case(
            "x = c'a'\n",
            PY,
            (1, 5),
            "E0002",
            "C char literals c'x' are Cython only",
        )],
        false,
    );
    assert_clean("x = c'a'\n", PYX);
}
