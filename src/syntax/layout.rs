//! The layout pass: turns the raw logos tokens into the parser's token stream.
//!
//! It drops newlines inside brackets, emits NEWLINE / INDENT / DEDENT from the indentation of
//! each logical line (tabs to multiples of 8, rejecting tab/space mixes that depend on the tab
//! size, as CPython does), resolves the soft keywords `match` and `case`, marks the lines of
//! Cython declaration blocks with a virtual `DeclLine` token and classifies `sizeof(T)`.
//! Every problem becomes a diagnostic and the stream is repaired so parsing can go on.

use super::source::Dialect;
use super::token::{LexError, Tok};
use crate::diagnostics::{codes, Diagnostic, Diagnostics};
use crate::syntax::ast::Span;
use logos::Logos;

pub type Spanned = (usize, Tok, usize);

/// Errors reported per file by each stage (the layout pass, the parser with its checks): past
/// that, a garbage file would bury the first errors and take long to render.
pub const MAX_ERRORS: usize = 100;

/// Records `d` unless the file already has `MAX_ERRORS` diagnostics; the last one recorded
/// says that later ones are left out.
pub fn report(diags: &mut Diagnostics, d: Diagnostic) {
    match diags.len() + 1 {
        n if n < MAX_ERRORS => diags.push(d),
        MAX_ERRORS => diags.push(d.with_note(format!(
            "too many errors: only the first {MAX_ERRORS} are reported"
        ))),
        _ => {}
    }
}

/// CPython's limits (tokenizer.c MAXINDENT, MAXLEVEL): at most 99 nested blocks (levels here
/// count the base level too) and 200 nested brackets.
const MAX_INDENT: usize = 100;
const MAX_BRACKETS: usize = 200;

#[derive(Clone, Copy)]
struct Level {
    col: usize,
    alt_col: usize,
    /// Pushed for an indent that was reported as unexpected: its dedent is silent too.
    phantom: bool,
    /// A Cython declaration block: its lines get a `DeclLine` token.
    decl: bool,
}

/// What the layout pass remembers about the logical line being read.
#[derive(Default, Clone, Copy)]
struct LineInfo {
    first: Option<Tok>,
    last: Option<Tok>,
    /// Starts with cdef/cpdef/ctypedef, or is a line of a declaration block.
    declares: bool,
    /// Has `(` or `class` outside brackets: then a trailing `:` opens code, not declarations.
    opens_code: bool,
    /// An `IF`/`ELIF`/`ELSE` line inside a declaration block: its block declares too.
    compile_time_branch: bool,
}

pub fn tokenize(src: &str, dialect: Dialect, diags: &mut Diagnostics) -> Vec<Spanned> {
    let mut out: Vec<Spanned> = Vec::with_capacity(src.len() / 3);
    let mut levels = vec![Level {
        col: 0,
        alt_col: 0,
        phantom: false,
        decl: false,
    }];
    let mut brackets: Vec<(Tok, usize)> = Vec::new();
    let mut at_line_start = true;
    let mut too_deep = false;
    // Where the current logical line's tokens start in `out`, and its first byte.
    let mut line_tokens = (0usize, 0usize);
    let mut line_start = 0usize;
    let mut line = LineInfo::default();
    let mut prev_line = LineInfo::default();
    let mut lexer = Tok::lexer(src);

    while let Some(result) = lexer.next() {
        let span = lexer.span();
        let tok = match result {
            Ok(Tok::Newline) => {
                if brackets.is_empty() && !at_line_start {
                    out.push((span.start, Tok::Newline, span.start));
                    prev_line = line;
                    at_line_start = true;
                }
                line_start = span.end;
                continue;
            }
            Ok(t) if t.is_cython_keyword() && dialect == Dialect::Python => Tok::Name,
            Ok(Tok::IntSuffixed) if dialect == Dialect::Cython => Tok::Int,
            Ok(Tok::IntSuffixed) => {
                report(
                    diags,
                    Diagnostic::error(
                        codes::LEX,
                        Span::new(span.start, span.end),
                        "invalid decimal literal",
                    ),
                );
                Tok::Int
            }
            // Cython's `c'x'` char literal is not Python.
            Ok(Tok::Str)
                if dialect == Dialect::Python && src[span.start..].starts_with(['c', 'C']) =>
            {
                report(
                    diags,
                    Diagnostic::error(
                        codes::SYNTAX,
                        Span::new(span.start, span.start + 1),
                        "invalid syntax (C char literals c'x' are Cython only)",
                    ),
                );
                Tok::Str
            }
            Ok(t) => t,
            Err(e) => match lex_error(e, span.start, span.end, src, diags) {
                Some(t) => t,
                None => continue,
            },
        };
        if at_line_start {
            at_line_start = false;
            if brackets.is_empty() {
                indent_line(
                    src,
                    line_start,
                    span.start,
                    &prev_line,
                    &mut levels,
                    &mut out,
                    diags,
                );
                line_tokens = (out.len(), span.start);
                line = LineInfo::default();
                let in_decl_block = levels.last().is_some_and(|l| l.decl);
                if in_decl_block
                    && matches!(
                        tok,
                        Tok::CompileTimeIf | Tok::CompileTimeElif | Tok::CompileTimeElse
                    )
                {
                    line.compile_time_branch = true;
                } else if in_decl_block
                    && !matches!(
                        tok,
                        Tok::Pass
                            | Tok::Str
                            | Tok::Cdef
                            | Tok::Cpdef
                            | Tok::Ctypedef
                            | Tok::CompileTimeDef
                    )
                {
                    out.push((span.start, Tok::DeclLine, span.start));
                    line.declares = true;
                }
                if matches!(tok, Tok::Cdef | Tok::Cpdef | Tok::Ctypedef) {
                    line.declares = true;
                }
                line.first = Some(tok);
            }
        }
        if tok.is_open_bracket() {
            if brackets.is_empty() && tok == Tok::Lpar {
                line.opens_code = true;
            }
            brackets.push((tok, span.start));
            if brackets.len() > MAX_BRACKETS {
                report(
                    diags,
                    Diagnostic::error(
                        codes::NESTING,
                        Span::new(span.start, span.end),
                        "too many nested parentheses",
                    ),
                );
                // Nothing sensible can follow: stop here, with the line replaced by `pass` so
                // that the stream stays well formed and the parser adds no errors of its own.
                too_deep = true;
                out.truncate(line_tokens.0);
                out.push((line_tokens.1, Tok::Pass, line_tokens.1));
                line.last = Some(Tok::Pass);
                break;
            }
        } else if tok.is_close_bracket() {
            match brackets.last() {
                Some(&(open, _)) if closes(open, tok) => {
                    brackets.pop();
                }
                Some(&(open, at)) => {
                    report(
                        diags,
                        Diagnostic::error(
                            codes::SYNTAX,
                            Span::new(span.start, span.end),
                            format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}'",
                                &src[span.clone()],
                                bracket_char(open)
                            ),
                        )
                        .with_label(Span::new(at, at + 1), "opened here"),
                    );
                    brackets.pop();
                }
                None => {
                    report(
                        diags,
                        Diagnostic::error(
                            codes::SYNTAX,
                            Span::new(span.start, span.end),
                            format!("unmatched '{}'", &src[span.clone()]),
                        ),
                    );
                    continue;
                }
            }
        } else if tok == Tok::Class && brackets.is_empty() {
            line.opens_code = true;
        }
        if brackets.is_empty() || tok.is_open_bracket() {
            line.last = Some(tok);
        }
        // `noexcept` and `nogil` are keywords on declaration lines only, and so is a `const`
        // right after a `*` (a read-only pointer).
        let tok = if tok == Tok::Name && line.declares {
            match &src[span.clone()] {
                "noexcept" => Tok::Noexcept,
                "nogil" => Tok::Nogil,
                "const" if matches!(out.last(), Some((_, Tok::Star | Tok::DoubleStar, _))) => {
                    Tok::PtrConst
                }
                _ => tok,
            }
        } else {
            tok
        };
        out.push((span.start, tok, span.end));
    }

    if let (Some(&(open, at)), false) = (brackets.first(), too_deep) {
        report(
            diags,
            Diagnostic::error(
                codes::SYNTAX,
                Span::new(at, at + 1),
                format!("'{}' was never closed", bracket_char(open)),
            ),
        );
    }
    if !at_line_start {
        out.push((src.len(), Tok::Newline, src.len()));
    }
    // An unfinished block at the end of the file (`if x:` on the last line, with or without
    // a final newline): reported at the end of that line.
    let last_line = if at_line_start { prev_line } else { line };
    if last_line.last == Some(Tok::Colon) && brackets.is_empty() {
        let end = out.last().map_or(src.len(), |t| t.0);
        report(
            diags,
            Diagnostic::error(
                codes::INDENT,
                Span::new(end, end),
                "expected an indented block",
            ),
        );
        out.extend([
            (end, Tok::Indent, end),
            (end, Tok::Pass, end),
            (end, Tok::Newline, end),
            (end, Tok::Dedent, end),
        ]);
    }
    for level in levels.drain(1..).rev() {
        if !level.phantom {
            out.push((src.len(), Tok::Dedent, src.len()));
        }
    }
    resolve_soft_keywords(src, dialect, &mut out);
    out
}

/// Reports a lexer error and returns the token to parse in its place, if any.
fn lex_error(
    e: LexError,
    start: usize,
    end: usize,
    src: &str,
    diags: &mut Diagnostics,
) -> Option<Tok> {
    let span = Span::new(start, end);
    let (code, msg, tok) = match e {
        LexError::UnterminatedString => (codes::STRING, "unterminated string literal".to_string(), Some(Tok::Str)),
        LexError::UnterminatedTripleString => {
            (codes::STRING, "unterminated triple-quoted string literal".to_string(), Some(Tok::Str))
        }
        LexError::LeadingZeros => (
            codes::LEX,
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers".to_string(),
            Some(Tok::Int),
        ),
        LexError::BadContinuation => (codes::LEX, "unexpected character after line continuation character".to_string(), None),
        LexError::InvalidCharacter => {
            let c = src[start..].chars().next().unwrap_or('\0');
            (codes::LEX, format!("invalid character '{}' (U+{:04X})", c, c as u32), None)
        }
    };
    let span = if matches!(
        e,
        LexError::UnterminatedTripleString | LexError::UnterminatedString
    ) {
        // Point at the opening quote rather than the whole rest of the file.
        Span::new(start, (start + 3).min(end))
    } else {
        span
    };
    report(diags, Diagnostic::error(code, span, msg));
    tok
}

fn closes(open: Tok, close: Tok) -> bool {
    matches!(
        (open, close),
        (Tok::Lpar, Tok::Rpar) | (Tok::Lsqb, Tok::Rsqb) | (Tok::Lbrace, Tok::Rbrace)
    )
}

fn bracket_char(t: Tok) -> char {
    match t {
        Tok::Lpar => '(',
        Tok::Lsqb => '[',
        _ => '{',
    }
}

/// Measures the indentation of the line starting at `line_start` whose first token is at
/// `first` and emits INDENT/DEDENT, repairing the stream after an error.
fn indent_line(
    src: &str,
    line_start: usize,
    first: usize,
    prev: &LineInfo,
    levels: &mut Vec<Level>,
    out: &mut Vec<Spanned>,
    diags: &mut Diagnostics,
) {
    let (mut col, mut alt) = (0usize, 0usize);
    for b in src[line_start..first].bytes() {
        match b {
            b' ' => {
                col += 1;
                alt += 1;
            }
            b'\t' => {
                col = (col / 8 + 1) * 8;
                alt += 1;
            }
            b'\x0c' => {
                col = 0;
                alt = 0;
            }
            // A backslash continuation at the start of a line: CPython counts nothing further.
            _ => break,
        }
    }
    let span = Span::new(first, first + 1);
    let top = *levels.last().expect("the base level is never popped");
    let opens_block = prev.last == Some(Tok::Colon);
    let inconsistent = || {
        Diagnostic::error(
            codes::INDENT,
            span,
            "inconsistent use of tabs and spaces in indentation",
        )
    };
    if col == top.col {
        if alt != top.alt_col {
            report(diags, inconsistent());
        }
        if opens_block && !out.is_empty() {
            report(
                diags,
                Diagnostic::error(codes::INDENT, span, "expected an indented block"),
            );
            out.extend([
                (first, Tok::Indent, first),
                (first, Tok::Pass, first),
                (first, Tok::Newline, first),
                (first, Tok::Dedent, first),
            ]);
        }
    } else if col > top.col {
        if alt <= top.alt_col {
            report(diags, inconsistent());
        }
        let decl = opens_block && (prev.compile_time_branch || (prev.declares && !prev.opens_code));
        if !opens_block {
            report(
                diags,
                Diagnostic::error(codes::INDENT, span, "unexpected indent"),
            );
            levels.push(Level {
                col,
                alt_col: alt,
                phantom: true,
                decl: top.decl,
            });
        } else if levels.len() >= MAX_INDENT {
            report(
                diags,
                Diagnostic::error(codes::NESTING, span, "too many levels of indentation"),
            );
            levels.push(Level {
                col,
                alt_col: alt,
                phantom: true,
                decl: top.decl,
            });
        } else {
            levels.push(Level {
                col,
                alt_col: alt,
                phantom: false,
                decl,
            });
            out.push((first, Tok::Indent, first));
        }
    } else {
        if opens_block {
            report(
                diags,
                Diagnostic::error(codes::INDENT, span, "expected an indented block"),
            );
            out.extend([
                (first, Tok::Indent, first),
                (first, Tok::Pass, first),
                (first, Tok::Newline, first),
                (first, Tok::Dedent, first),
            ]);
        }
        while levels.len() > 1 && col < levels.last().map_or(0, |l| l.col) {
            let level = levels.pop().expect("checked above");
            if !level.phantom {
                out.push((first, Tok::Dedent, first));
            }
        }
        let now = *levels.last().expect("the base level is never popped");
        if col != now.col {
            report(
                diags,
                Diagnostic::error(
                    codes::INDENT,
                    span,
                    "unindent does not match any outer indentation level",
                ),
            );
        } else if alt != now.alt_col {
            report(diags, inconsistent());
        }
    }
}

/// Tokens that can start the subject of a `match` statement.
fn starts_expression(t: Tok) -> bool {
    use Tok::*;
    matches!(
        t,
        Name | Int
            | Float
            | Imag
            | Str
            | Lpar
            | Lsqb
            | Lbrace
            | Minus
            | Plus
            | Tilde
            | Not
            | Lambda
            | Await
            | None
            | True
            | False
            | Ellipsis
            | Star
            | Match
            | Case
            | Less
            | Amper
            | SizeofType
    )
}

/// `match`/`case` at the start of a logical line that ends with `:` are keywords; `sizeof(T)`
/// whose argument can only be a type gets its own token.
fn resolve_soft_keywords(src: &str, dialect: Dialect, toks: &mut [Spanned]) {
    let mut line_start = true;
    for i in 0..toks.len() {
        let (s, t, e) = toks[i];
        if t == Tok::Name {
            let text = &src[s..e];
            if line_start
                && (text == "match" || text == "case")
                && header_line(toks, i, text == "match")
            {
                let next_ok = toks.get(i + 1).is_some_and(|n| starts_expression(n.1));
                if next_ok {
                    toks[i].1 = if text == "match" {
                        Tok::Match
                    } else {
                        Tok::Case
                    };
                }
            } else if text == "sizeof" && dialect == Dialect::Cython && sizeof_takes_type(toks, i) {
                toks[i].1 = Tok::SizeofType;
            }
        }
        if t == Tok::With
            && toks.get(i + 1).map(|n| n.1) == Some(Tok::Lpar)
            && parenthesized_with_items(toks, i + 1)
        {
            toks[i + 1].1 = Tok::WithParen;
        }
        line_start = matches!(t, Tok::Newline | Tok::Indent | Tok::Dedent | Tok::DeclLine);
    }
}

/// `with (a as b, c):` — the `(` at `open` closes right before the header's `:`, so it groups
/// with-items rather than starting an expression. As in CPython, contents that cannot be
/// with-items (`(yield)`, `(x := f())`, a generator expression, `(*a, b)`) leave the
/// parentheses to the expression.
fn parenthesized_with_items(toks: &[Spanned], open: usize) -> bool {
    let mut depth = 0i32;
    let mut prev = Tok::Lpar;
    for (j, &(_, t, _)) in toks[open..].iter().enumerate() {
        if depth == 1 {
            let item_start = matches!(prev, Tok::Lpar | Tok::Comma);
            match t {
                Tok::Yield if j == 1 => return false,
                Tok::ColonEqual | Tok::For => return false,
                Tok::Star if item_start => return false,
                _ => {}
            }
        }
        if t.is_open_bracket() {
            depth += 1;
        } else if t.is_close_bracket() {
            depth -= 1;
            if depth == 0 {
                return toks.get(open + j + 1).map(|n| n.1) == Some(Tok::Colon);
            }
        } else if t == Tok::Newline {
            return false;
        }
        prev = t;
    }
    false
}

/// Is the logical line starting at token `i` a block header: a `:` outside brackets that ends
/// the line (`match`, whose cases must be on their own lines) or anywhere (`case x: pass`)?
fn header_line(toks: &[Spanned], i: usize, colon_last: bool) -> bool {
    let mut depth = 0i32;
    let mut last = None;
    let mut lambdas = 0;
    for &(_, t, _) in &toks[i..] {
        if t == Tok::Newline && depth == 0 {
            break;
        }
        if t.is_open_bracket() {
            depth += 1;
        } else if t.is_close_bracket() {
            depth -= 1;
        } else if t == Tok::Lambda && depth == 0 {
            lambdas += 1;
        } else if t == Tok::Colon && depth == 0 && !colon_last {
            if lambdas == 0 {
                return true;
            }
            lambdas -= 1;
        }
        last = Some(t);
    }
    last == Some(Tok::Colon)
}

/// `sizeof(` followed by something that cannot be an expression: two names in a row
/// (`unsigned long`), a trailing `*` (`char*`), or a memoryview/array type.
fn sizeof_takes_type(toks: &[Spanned], i: usize) -> bool {
    if toks.get(i + 1).map(|t| t.1) != Some(Tok::Lpar) {
        return false;
    }
    let mut depth = 0i32;
    let mut prev = Tok::Lpar;
    for &(_, t, _) in &toks[i + 2..] {
        match t {
            Tok::Rpar if depth == 0 => return matches!(prev, Tok::Star | Tok::DoubleStar),
            Tok::Lpar | Tok::Lsqb => depth += 1,
            Tok::Rpar | Tok::Rsqb => depth -= 1,
            Tok::Name if depth == 0 && prev == Tok::Name => return true,
            Tok::Name | Tok::Dot | Tok::Star | Tok::DoubleStar => {}
            _ if depth > 0 => {}
            _ => return false,
        }
        prev = t;
    }
    false
}
