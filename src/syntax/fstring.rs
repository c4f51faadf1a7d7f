//! f-strings (Python 3.11 rules): literal text with `{{`/`}}`, replacement fields with an
//! expression, an optional `=` (debug text), `!r`/`!s`/`!a` conversion and a format spec that
//! may itself hold fields. Field expressions are parsed by the main grammar at their offsets
//! in the file, so their spans point into the source.

use super::ast::*;
use super::build::Ctx;
use super::literal::{decode_str, push_literal};
use crate::diagnostics::codes;

/// Parses the body of one f-string literal (between the quotes) into `out`.
pub fn parse(ctx: &Ctx, body: &str, offset: usize, raw: bool, out: &mut Vec<FStringPart>) {
    let end = content(ctx, body, 0, offset, raw, false, out);
    debug_assert!(end <= body.len());
}

/// Reads literal text and fields from `body[i..]` until the end (or, in a format spec, the
/// closing `}` at this level). Returns the index where it stopped.
fn content(
    ctx: &Ctx,
    body: &str,
    mut i: usize,
    offset: usize,
    raw: bool,
    in_spec: bool,
    out: &mut Vec<FStringPart>,
) -> usize {
    let b = body.as_bytes();
    let mut lit = String::new();
    let mut lit_start = i;
    let flush = |lit_start: usize, end: usize, lit: &mut String| {
        decode_str(ctx, &body[lit_start..end], offset + lit_start, raw, lit);
    };
    while i < b.len() {
        match b[i] {
            b'\\' if !raw && b.get(i + 1) == Some(&b'N') && b.get(i + 2) == Some(&b'{') => {
                // A named escape, not a field.
                i = body[i..].find('}').map_or(b.len(), |p| i + p + 1);
            }
            // A backslash escapes the next character, but never a brace (`\{x}` is a field).
            b'\\' if !raw && !matches!(b.get(i + 1), Some(b'{' | b'}')) => i += 2,
            b'{' if b.get(i + 1) == Some(&b'{') && !in_spec => {
                flush(lit_start, i + 1, &mut lit);
                i += 2;
                lit_start = i;
            }
            b'}' if in_spec => break,
            b'}' if b.get(i + 1) == Some(&b'}') => {
                flush(lit_start, i + 1, &mut lit);
                i += 2;
                lit_start = i;
            }
            b'}' => {
                ctx.error(
                    codes::STRING,
                    Span::new(offset + i, offset + i + 1),
                    "f-string: single '}' is not allowed",
                );
                flush(lit_start, i, &mut lit);
                i += 1;
                lit_start = i;
            }
            b'{' => {
                flush(lit_start, i, &mut lit);
                push_literal(out, std::mem::take(&mut lit));
                i = field(ctx, body, i, offset, raw, out);
                lit_start = i;
            }
            _ => i += 1,
        }
    }
    let stop = i.min(b.len());
    flush(lit_start, stop, &mut lit);
    push_literal(out, lit);
    stop
}

/// Parses the field starting at the `{` at `start`; returns the index after its `}`.
fn field(
    ctx: &Ctx,
    body: &str,
    start: usize,
    offset: usize,
    raw: bool,
    out: &mut Vec<FStringPart>,
) -> usize {
    let b = body.as_bytes();
    let expr_start = start + 1;
    let expr_end = expression_end(b, expr_start);
    let text = &body[expr_start..expr_end];
    let span = Span::new(offset + start, offset + (expr_end + 1).min(b.len()));
    if text.trim().is_empty() {
        ctx.error(
            codes::STRING,
            span,
            "f-string: empty expression not allowed",
        );
    } else if text.contains('\\') {
        ctx.error(
            codes::STRING,
            span,
            "f-string expression part cannot include a backslash",
        );
    } else if has_comment(text) {
        ctx.error(
            codes::STRING,
            span,
            "f-string expression part cannot include '#'",
        );
    }
    let expr = if text.trim().is_empty() || text.contains('\\') || has_comment(text) {
        Expr::new(ExprKind::Invalid, span)
    } else {
        super::parse::parse_fstring_field(ctx, offset + expr_start, text)
    };
    let mut i = expr_end;
    let mut debug_text = None;
    if b.get(i) == Some(&b'=') {
        i += 1;
        while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            i += 1;
        }
        debug_text = Some(body[expr_start..i].to_string());
    }
    let mut conversion = None;
    if b.get(i) == Some(&b'!') {
        let c = body[i + 1..].chars().next();
        match c {
            Some(ch @ ('r' | 's' | 'a')) if matches!(b.get(i + 2), Some(b':' | b'}')) => {
                conversion = Some(ch);
                i += 2;
            }
            _ => {
                // A valid conversion followed by something else (`{x!r=}`): CPython's message.
                let msg = match c {
                    Some('r' | 's' | 'a') => "f-string: expecting '}'".to_string(),
                    _ => format!(
                        "f-string: invalid conversion character '{}': expected 's', 'r', or 'a'",
                        c.map(String::from).unwrap_or_default()
                    ),
                };
                ctx.error(
                    codes::STRING,
                    Span::new(offset + i, offset + (i + 2).min(b.len())),
                    msg,
                );
                i = body[i..].find(['}', ':']).map_or(b.len(), |p| i + p);
            }
        }
    } else if debug_text.is_some() && conversion.is_none() && b.get(i) != Some(&b':') {
        // `{x=}` shows the repr by default.
        conversion = Some('r');
    }
    let mut format_spec = Vec::new();
    if b.get(i) == Some(&b':') {
        i = content(ctx, body, i + 1, offset, raw, true, &mut format_spec);
    }
    if b.get(i) == Some(&b'}') {
        i += 1;
    } else {
        ctx.error(
            codes::STRING,
            Span::new(offset + start, offset + start + 1),
            "f-string: expecting '}'",
        );
        i = b.len();
    }
    out.push(FStringPart::Field(Box::new(FormattedValue {
        expr,
        debug_text,
        conversion,
        format_spec,
    })));
    i
}

/// Where a field's expression ends: at `}`, `:`, `!` (not `!=`) or a debug `=` outside brackets
/// and strings.
fn expression_end(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0i32;
    while i < b.len() {
        let c = b[i];
        match c {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' => depth -= 1,
            b'}' if depth > 0 => depth -= 1,
            b'}' if depth <= 0 => return i,
            b':' if depth <= 0 => return i,
            b'!' if depth <= 0 && b.get(i + 1) != Some(&b'=') => return i,
            b'=' if depth <= 0 => {
                let prev = if i > 0 { b[i - 1] } else { b' ' };
                let next = b.get(i + 1).copied().unwrap_or(b'}');
                if next != b'=' && !matches!(prev, b'=' | b'!' | b'<' | b'>') {
                    return i;
                }
                if next == b'=' {
                    i += 1;
                }
            }
            b'\'' | b'"' => {
                let triple = b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c);
                i += if triple { 3 } else { 1 };
                while i < b.len() {
                    if b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if b[i] == c
                        && (!triple || (b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c)))
                    {
                        i += if triple { 2 } else { 0 };
                        break;
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// A `#` outside string literals (inside them it is just a character).
fn has_comment(text: &str) -> bool {
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '#' => return true,
            None => {}
        }
    }
    false
}
