//! Source decoding: UTF-8 with or without BOM, PEP 263 coding cookies, as CPython reads files.
//! Line ends (CRLF, CR, LF) are kept; the lexer understands all three.

use crate::diagnostics::{codes, Diagnostic};
use crate::syntax::ast::Span;

/// Which dialect a file is written in, from its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// `.pyx` / `.pxd` / `.pxi`: Cython keywords are reserved.
    Cython,
    /// `.py`: plain (possibly annotated) Python.
    Python,
}

impl Dialect {
    pub fn from_path(path: &str) -> Dialect {
        if path.ends_with(".py") || path.ends_with(".pyi") {
            Dialect::Python
        } else {
            Dialect::Cython
        }
    }
}

/// A decoded source file.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    pub dialect: Dialect,
}

/// Decodes `bytes`; on an encoding problem returns the diagnostic (with a span into the
/// best-effort lossy text returned alongside, so it can still be rendered).
pub fn decode(bytes: &[u8]) -> Result<String, Box<(String, Diagnostic)>> {
    let (bytes, has_bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    let lossy = || String::from_utf8_lossy(bytes).into_owned();
    let cookie = find_cookie(bytes);
    let encoding = match &cookie {
        None => "utf-8".to_string(),
        Some((name, _)) => normalize_encoding(name),
    };
    // CPython only accepts a cookie spelled `utf-8` (or `utf-8-*`) together with a BOM.
    let cookie_is_utf8 = cookie.as_ref().is_none_or(|(name, _)| {
        let n = name.to_ascii_lowercase().replace('_', "-");
        n == "utf-8" || n.starts_with("utf-8-")
    });
    if has_bom && !cookie_is_utf8 {
        let span = cookie.as_ref().map(|c| c.1).unwrap_or_default();
        return Err(Box::new((
            lossy(),
            Diagnostic::error(codes::ENCODING, span, "encoding problem: utf-8 with BOM"),
        )));
    }
    let text = match encoding.as_str() {
        "utf-8" => match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(e) => {
                let at = e.valid_up_to();
                let msg = format!(
                    "(unicode error) 'utf-8' codec can't decode byte 0x{:02x} in position {}",
                    bytes[at], at
                );
                return Err(Box::new((
                    lossy(),
                    Diagnostic::error(codes::ENCODING, Span::new(at, at + 1), msg),
                )));
            }
        },
        "latin-1" => bytes.iter().map(|&b| b as char).collect(),
        other => match encoding_rs::Encoding::for_label(other.as_bytes()) {
            Some(enc) => match enc.decode_without_bom_handling_and_without_replacement(bytes) {
                Some(s) => s.into_owned(),
                None => {
                    let msg = format!("(unicode error) '{other}' codec can't decode the source");
                    return Err(Box::new((
                        lossy(),
                        Diagnostic::error(codes::ENCODING, Span::new(0, 0), msg),
                    )));
                }
            },
            None => {
                let span = cookie.map(|c| c.1).unwrap_or_default();
                return Err(Box::new((
                    lossy(),
                    Diagnostic::error(codes::ENCODING, span, format!("unknown encoding: {other}")),
                )));
            }
        },
    };
    if let Some(at) = text.find('\0') {
        return Err(Box::new((
            text.clone(),
            Diagnostic::error(
                codes::ENCODING,
                Span::new(at, at + 1),
                "source code cannot contain null bytes",
            ),
        )));
    }
    Ok(text)
}

/// PEP 263: `coding[:=]NAME` in a comment on line 1, or on line 2 if line 1 is blank or a comment.
fn find_cookie(bytes: &[u8]) -> Option<(String, Span)> {
    let mut start = 0;
    for line_no in 0..2 {
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map(|p| start + p)
            .unwrap_or(bytes.len());
        let line = &bytes[start..end];
        let trimmed_at = line
            .iter()
            .position(|&b| !matches!(b, b' ' | b'\t' | b'\x0c'))
            .unwrap_or(line.len());
        let rest = &line[trimmed_at..];
        if rest.first() == Some(&b'#') {
            if let Some(found) = cookie_in_comment(rest, start + trimmed_at) {
                return Some(found);
            }
        } else if !rest.is_empty() || line_no == 1 {
            return None;
        }
        // Skip the line end (CRLF counts once).
        start = end
            + if bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
        if start >= bytes.len() {
            return None;
        }
    }
    None
}

fn cookie_in_comment(comment: &[u8], offset: usize) -> Option<(String, Span)> {
    let pos = comment.windows(6).position(|w| w == b"coding")?;
    let after = &comment[pos + 6..];
    if !matches!(after.first(), Some(b':' | b'=')) {
        return None;
    }
    let after = &after[1..];
    let skip = after
        .iter()
        .position(|&b| b != b' ' && b != b'\t')
        .unwrap_or(after.len());
    let name: Vec<u8> = after[skip..]
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        .copied()
        .collect();
    if name.is_empty() {
        return None;
    }
    let start = offset + pos + 7 + skip;
    Some((
        String::from_utf8_lossy(&name).into_owned(),
        Span::new(start, start + name.len()),
    ))
}

/// CPython's normalisation of the common names (tokenizer.c `get_normal_name`).
fn normalize_encoding(name: &str) -> String {
    let lower = name.to_ascii_lowercase().replace('_', "-");
    if lower == "utf-8" || lower.starts_with("utf-8-") || lower == "utf8" {
        return "utf-8".into();
    }
    for latin in [
        "latin-1",
        "iso-8859-1",
        "iso-latin-1",
        "latin1",
        "iso8859-1",
        "l1",
    ] {
        if lower == latin || lower.starts_with(&format!("{latin}-")) {
            return "latin-1".into();
        }
    }
    if lower == "ascii" || lower == "us-ascii" {
        return "utf-8".into();
    }
    lower
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_bom() {
        assert_eq!(decode(b"x = 1\n").unwrap(), "x = 1\n");
        assert_eq!(decode(b"\xEF\xBB\xBFx = 1\n").unwrap(), "x = 1\n");
    }

    #[test]
    fn latin1_cookie() {
        let src = b"# -*- coding: latin-1 -*-\ns = '\xe9'\n";
        assert_eq!(
            decode(src).unwrap(),
            "# -*- coding: latin-1 -*-\ns = '\u{e9}'\n"
        );
    }

    #[test]
    fn cookie_on_second_line_only_after_comment() {
        assert!(
            decode(b"#!/usr/bin/env python\n# coding: koi8-r\ns = '\xc1'\n")
                .unwrap()
                .contains('\u{430}')
        );
        // On line 2 after code the cookie does not count: the byte is invalid UTF-8.
        assert!(decode(b"x = 1\n# coding: latin-1\ns = '\xe9'\n").is_err());
    }

    #[test]
    fn errors() {
        assert!(decode(b"# coding: uft-8\n")
            .unwrap_err()
            .1
            .message
            .contains("unknown encoding"));
        assert!(decode(b"\xEF\xBB\xBF# coding: latin-1\n")
            .unwrap_err()
            .1
            .message
            .contains("BOM"));
        assert!(decode(b"x = '\xf6'\n")
            .unwrap_err()
            .1
            .message
            .contains("utf-8"));
        assert!(decode(b"x = 1\0\n").is_err());
    }
}
