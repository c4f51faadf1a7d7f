//! Literals: integers of any size, floats, and string/bytes/f-string literals with their
//! escapes, implicit concatenation and f-string replacement fields.

use super::ast::*;
use super::build::Ctx;
use super::source::Dialect;
use crate::diagnostics::codes;

/// Parses an integer literal (any base, underscores, Cython's `U`/`L` suffixes).
pub fn parse_int(text: &str) -> Option<IntLit> {
    let t = text.trim_end_matches(['u', 'U', 'l', 'L']);
    let (radix, digits) = match t.get(..2) {
        Some("0x" | "0X") => (16, &t[2..]),
        Some("0o" | "0O") => (8, &t[2..]),
        Some("0b" | "0B") => (2, &t[2..]),
        _ => (10, t),
    };
    let digits: String = digits.chars().filter(|c| *c != '_').collect();
    if digits.is_empty() {
        return None;
    }
    if let Ok(v) = u64::from_str_radix(&digits, radix) {
        return Some(IntLit::Small(v));
    }
    Some(IntLit::Big(to_decimal(&digits, radix)?))
}

/// Converts digits in `radix` to a decimal string (for values beyond 64 bits).
fn to_decimal(digits: &str, radix: u32) -> Option<String> {
    if radix == 10 {
        // Already decimal: no arithmetic (which is quadratic in the length).
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let s = digits.trim_start_matches('0');
        return Some(if s.is_empty() { "0" } else { s }.to_string());
    }
    // Little-endian base-1e9 limbs, fed several digits at a time (radix^6 < 2^24).
    let mut limbs: Vec<u64> = vec![0];
    let values: Vec<u64> = digits
        .chars()
        .map(|c| c.to_digit(radix).map(u64::from))
        .collect::<Option<_>>()?;
    for chunk in values.chunks(6) {
        let scale = (radix as u64).pow(chunk.len() as u32);
        let mut carry = chunk.iter().fold(0, |acc, d| acc * radix as u64 + d);
        for limb in limbs.iter_mut() {
            let v = *limb * scale + carry;
            *limb = v % 1_000_000_000;
            carry = v / 1_000_000_000;
        }
        while carry > 0 {
            limbs.push(carry % 1_000_000_000);
            carry /= 1_000_000_000;
        }
    }
    let mut s = limbs.last().map(|l| l.to_string()).unwrap_or_default();
    for l in limbs.iter().rev().skip(1) {
        s.push_str(&format!("{l:09}"));
    }
    Some(s)
}

pub fn parse_float(text: &str) -> f64 {
    let t: String = text.chars().filter(|c| *c != '_').collect();
    t.parse().unwrap_or(f64::INFINITY)
}

/// The parts of one literal token: prefix flags and the body between the quotes.
struct Piece<'a> {
    raw: bool,
    /// `c'x'`: Cython's C char constant.
    c_char: bool,
    bytes: bool,
    fstring: bool,
    body: &'a str,
    /// Offset of `body` in the file.
    offset: usize,
}

fn split_literal(text: &str, offset: usize) -> Piece<'_> {
    let quote_at = text.find(['\'', '"']).unwrap_or(0);
    let prefix = text[..quote_at].to_ascii_lowercase();
    let rest = &text[quote_at..];
    let q = rest.as_bytes().first().copied().unwrap_or(b'"');
    let triple = rest.len() >= 6 && rest.as_bytes()[1] == q && rest.as_bytes()[2] == q;
    let open = if triple { 3 } else { 1 };
    let close = if triple && rest.len() >= 6 && rest.ends_with(&rest[..3]) {
        3
    } else if !triple && rest.len() >= 2 && rest.as_bytes()[rest.len() - 1] == q {
        1
    } else {
        0 // unterminated: already reported by the lexer
    };
    let body =
        &rest[open.min(rest.len())..rest.len().saturating_sub(close).max(open.min(rest.len()))];
    Piece {
        raw: prefix.contains('r'),
        c_char: prefix == "c",
        bytes: prefix.contains('b'),
        fstring: prefix.contains('f'),
        body,
        offset: offset + quote_at + open,
    }
}

/// `c'x'`: the code of one byte, a C integer constant (Cython's char literal); it stands
/// alone, unlike adjacent strings.
fn c_char(ctx: &Ctx, pieces: &[Piece], span: Span) -> Expr {
    let mut out = Vec::new();
    if let [p] = pieces {
        decode_bytes(ctx, p, &mut out);
    }
    match out[..] {
        [b] if pieces.len() == 1 => Expr::new(ExprKind::Int(IntLit::Small(u64::from(b))), span),
        _ => {
            ctx.error(
                codes::STRING,
                span,
                "a char literal (c'x') must be one character on its own",
            );
            Expr::new(ExprKind::Invalid, span)
        }
    }
}

/// Adjacent string literals: concatenated, decoded, and f-strings parsed into fields.
pub fn strings(ctx: &Ctx, parts: &[Span], span: Span) -> Expr {
    let pieces: Vec<Piece> = parts
        .iter()
        .map(|s| split_literal(ctx.text(*s), s.start as usize))
        .collect();
    if pieces.iter().any(|p| p.c_char) {
        return c_char(ctx, &pieces, span);
    }
    let any_bytes = pieces.iter().any(|p| p.bytes);
    if any_bytes && !pieces.iter().all(|p| p.bytes) {
        ctx.error(
            codes::STRING,
            span,
            "cannot mix bytes and nonbytes literals",
        );
        return Expr::new(ExprKind::Invalid, span);
    }
    if any_bytes {
        let mut out = Vec::new();
        for p in &pieces {
            decode_bytes(ctx, p, &mut out);
        }
        return Expr::new(ExprKind::Bytes(out), span);
    }
    if !pieces.iter().any(|p| p.fstring) {
        let mut out = String::new();
        for p in &pieces {
            decode_str(ctx, p.body, p.offset, p.raw, &mut out);
        }
        return Expr::new(ExprKind::Str(out), span);
    }
    let mut parts_out: Vec<FStringPart> = Vec::new();
    for p in &pieces {
        if p.fstring {
            super::fstring::parse(ctx, p.body, p.offset, p.raw, &mut parts_out);
        } else {
            let mut s = String::new();
            decode_str(ctx, p.body, p.offset, p.raw, &mut s);
            push_literal(&mut parts_out, s);
        }
    }
    Expr::new(ExprKind::FString(parts_out), span)
}

pub fn push_literal(parts: &mut Vec<FStringPart>, s: String) {
    if s.is_empty() {
        return;
    }
    if let Some(FStringPart::Literal(prev)) = parts.last_mut() {
        prev.push_str(&s);
    } else {
        parts.push(FStringPart::Literal(s));
    }
}

/// Decodes a str body (escapes unless raw) into `out`.
pub fn decode_str(ctx: &Ctx, body: &str, offset: usize, raw: bool, out: &mut String) {
    if raw || !body.contains('\\') {
        push_normalized(body, out);
        return;
    }
    let b = body.as_bytes();
    let mut i = 0;
    let mut lit_start = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        push_normalized(&body[lit_start..i], out);
        let esc_start = i;
        i += 1;
        let Some(&c) = b.get(i) else {
            out.push('\\');
            lit_start = i;
            break;
        };
        i += 1;
        match c {
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' => out.push('\\'),
            b'\'' => out.push('\''),
            b'"' => out.push('"'),
            b'a' => out.push('\x07'),
            b'b' => out.push('\x08'),
            b'f' => out.push('\x0c'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'v' => out.push('\x0b'),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            b'x' | b'u' | b'U' => {
                let n = match c {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let hex = body
                    .get(i..i + n)
                    .filter(|h| h.bytes().all(|x| x.is_ascii_hexdigit()));
                match hex.and_then(|h| u32::from_str_radix(h, 16).ok()) {
                    Some(v) => match char::from_u32(v) {
                        Some(ch) => out.push(ch),
                        // A lone surrogate: valid in Python, not representable in UTF-8 text.
                        None if (0xD800..0xE000).contains(&v) => out.push('\u{FFFD}'),
                        None => ctx.error(
                            codes::STRING,
                            Span::new(offset + esc_start, offset + i + n),
                            "(unicode error) illegal Unicode character",
                        ),
                    },
                    None => {
                        let what = match c {
                            b'x' => "truncated \\xXX escape",
                            b'u' => "truncated \\uXXXX escape",
                            _ => "truncated \\UXXXXXXXX escape",
                        };
                        ctx.error(
                            codes::STRING,
                            Span::new(offset + esc_start, offset + i),
                            format!("(unicode error) {what}"),
                        );
                    }
                }
                // Skip the hex digits only: what follows a truncated escape may be any
                // (multi-byte) character.
                i += b[i..]
                    .iter()
                    .take(n)
                    .take_while(|x| x.is_ascii_hexdigit())
                    .count();
            }
            b'N' => {
                let close = if b.get(i) == Some(&b'{') {
                    body[i..].find('}').map(|p| i + p)
                } else {
                    None
                };
                match close.and_then(|end| {
                    unicode_names2::character(&body[i + 1..end]).map(|ch| (ch, end))
                }) {
                    Some((ch, end)) => {
                        out.push(ch);
                        i = end + 1;
                    }
                    None => {
                        ctx.error(
                            codes::STRING,
                            Span::new(offset + esc_start, offset + i),
                            "(unicode error) malformed or unknown \\N character escape",
                        );
                        if let Some(end) = close {
                            i = end + 1;
                        }
                    }
                }
            }
            _ => {
                // Unknown escapes stay as written (CPython warns, but accepts them).
                out.push('\\');
                i -= 1;
                // Keep a whole (possibly multi-byte) character.
                let ch_len = body[i..].chars().next().map_or(1, char::len_utf8);
                out.push_str(&body[i..i + ch_len]);
                i += ch_len;
            }
        }
        lit_start = i;
    }
    if lit_start < b.len() {
        push_normalized(&body[lit_start..], out);
    }
}

/// Line ends inside a literal read as `\n`, as Python's universal newlines give them.
fn push_normalized(s: &str, out: &mut String) {
    if s.contains('\r') {
        out.push_str(&s.replace("\r\n", "\n").replace('\r', "\n"));
    } else {
        out.push_str(s);
    }
}

fn decode_bytes(ctx: &Ctx, p: &Piece, out: &mut Vec<u8>) {
    if let Some(pos) = p.body.find(|c: char| !c.is_ascii()) {
        ctx.error(
            codes::STRING,
            Span::new(p.offset + pos, p.offset + pos + 1),
            "bytes can only contain ASCII literal characters",
        );
        return;
    }
    if p.raw {
        out.extend(p.body.replace("\r\n", "\n").replace('\r', "\n").bytes());
        return;
    }
    // The escapes of bytes are the str ones minus \u, \U and \N.
    let b = p.body.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c != b'\\' {
            if c == b'\r' {
                out.push(b'\n');
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            } else {
                out.push(c);
            }
            i += 1;
            continue;
        }
        let esc = i;
        i += 1;
        let Some(&e) = b.get(i) else {
            out.push(b'\\');
            break;
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' | b'\'' | b'"' => out.push(e),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                out.push((v & 0xff) as u8);
            }
            b'x' => match p
                .body
                .get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                Some(v) => {
                    out.push(v);
                    i += 2;
                }
                None => {
                    ctx.error(
                        codes::STRING,
                        Span::new(p.offset + esc, p.offset + i),
                        "(value error) invalid \\x escape",
                    );
                }
            },
            _ => {
                out.push(b'\\');
                out.push(e);
            }
        }
    }
    let _ = Dialect::Cython;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints() {
        assert_eq!(parse_int("0x_ff"), Some(IntLit::Small(255)));
        assert_eq!(parse_int("1_000"), Some(IntLit::Small(1000)));
        assert_eq!(parse_int("0b101"), Some(IntLit::Small(5)));
        assert_eq!(
            parse_int("18446744073709551615ULL"),
            Some(IntLit::Small(u64::MAX))
        );
        assert_eq!(
            parse_int("18446744073709551616"),
            Some(IntLit::Big("18446744073709551616".into()))
        );
        assert_eq!(
            parse_int("0x10000000000000000"),
            Some(IntLit::Big("18446744073709551616".into()))
        );
    }
}
