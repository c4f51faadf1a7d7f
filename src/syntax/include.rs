//! `include "file.pxi"`: Cython's textual inclusion. The included files' texts are appended
//! to the module's source, the whole is parsed as one text (so every span stays an offset into
//! one string), and each file's top-level statements move to the place of the `include` that
//! named it. `Segment`s remember which part of the text came from which file, for diagnostics
//! and line numbers.

use super::ast::{ExprKind, Module, Span, Stmt, StmtKind};
use super::compile_time::IncludedFiles;
use super::parse::{finish, parse_unchecked};
use super::{Dialect, Parsed};
use std::collections::HashMap;

/// Beyond this many included files (cycles included) inclusion stops with an error.
const MAX_INCLUDES: usize = 64;

/// A part of the combined text: the file `name`, from byte `start` to `end`, brought in by
/// the `include` at byte `at` (None for the module's own source).
#[derive(Clone, Debug)]
pub struct Segment {
    pub name: String,
    pub start: usize,
    pub end: usize,
    pub at: Option<usize>,
}

pub struct Expanded {
    pub text: String,
    pub parsed: Parsed,
    pub segments: Vec<Segment>,
}

/// Expands the module-level `include`s of `text` (file `name`), in compile-time `IF`
/// branches too. `find` returns an included file's path and text.
pub fn expand(
    name: &str,
    text: String,
    dialect: Dialect,
    find: &dyn Fn(&str) -> Option<(String, String)>,
) -> Expanded {
    let mut segments = vec![Segment {
        name: name.to_string(),
        start: 0,
        end: text.len(),
        at: None,
    }];
    let mut text = text;
    let mut parsed = parse_unchecked(&text, dialect);
    // Includes that could not be read, by the position of their statement.
    let mut failed: HashMap<usize, String> = HashMap::new();
    loop {
        let mut pending = Vec::new();
        includes_in(&parsed.module.body, &mut pending);
        pending.retain(|(at, _)| {
            !segments.iter().any(|g| g.at == Some(*at)) && !failed.contains_key(at)
        });
        if pending.is_empty() {
            break;
        }
        for (at, file) in pending {
            let found = match file.and_then(|span| file_name(&text, span)) {
                Some(f) if segments.len() > MAX_INCLUDES => Err(format!(
                    "too many included files (more than {MAX_INCLUDES}; does '{f}' include itself?)"
                )),
                Some(f) => find(&f).ok_or(format!("cannot find the included file '{f}'")),
                None => Err("include takes a string literal: include \"file.pxi\"".into()),
            };
            match found {
                Ok((path, included)) => {
                    text.push('\n');
                    let start = text.len();
                    text.push_str(&included);
                    text.push('\n');
                    segments.push(Segment {
                        name: path,
                        start,
                        end: text.len(),
                        at: Some(at),
                    });
                }
                Err(msg) => {
                    failed.insert(at, msg);
                }
            }
        }
        parsed = parse_unchecked(&text, dialect);
    }
    // Each included file's top-level statements, keyed by the `include` that names it: the
    // statement-order pass puts them in its place when it reaches it.
    let body = std::mem::take(&mut parsed.module.body);
    let mut files: IncludedFiles = failed.into_iter().map(|(at, msg)| (at, Err(msg))).collect();
    for s in body {
        let start = s.span.start as usize;
        match segments.iter().find(|g| (g.start..g.end).contains(&start)) {
            Some(Segment { at: Some(at), .. }) => {
                if let Ok(stmts) = files.entry(*at).or_insert_with(|| Ok(Vec::new())) {
                    stmts.push(s);
                }
            }
            _ => parsed.module.body.push(s),
        }
    }
    finish(&text, dialect, &mut parsed, files);
    Expanded {
        text,
        parsed,
        segments,
    }
}

/// The module-level `include` statements of a body, with their statement start and the span
/// of the file name, compile-time `IF` branches included. Cython allows no others ("include
/// statement not allowed here", reported by `validate.rs`).
fn includes_in(body: &[Stmt], out: &mut Vec<(usize, Option<Span>)>) {
    for s in body {
        match &s.kind {
            StmtKind::Include(e) => out.push((
                s.span.start as usize,
                matches!(e.kind, ExprKind::Str(_)).then_some(e.span),
            )),
            StmtKind::CompileTimeIf { branches, orelse } => {
                for (_, b) in branches {
                    includes_in(b, out);
                }
                includes_in(orelse, out);
            }
            _ => {}
        }
    }
}

/// Where byte `pos` of the combined text stands in the module's own source: itself, or the
/// `include` that brought its file in (through nested includes).
pub fn main_offset(segments: &[Segment], mut pos: usize) -> usize {
    for _ in 0..=segments.len() {
        match segments.iter().find(|g| (g.start..g.end).contains(&pos)) {
            Some(Segment { at: Some(at), .. }) => pos = *at,
            _ => return pos,
        }
    }
    pos
}

/// The file an `include` names (the text of a plain string literal at `span`).
fn file_name(text: &str, span: Span) -> Option<String> {
    let lit = text.get(span.start as usize..span.end as usize)?;
    let inner = lit.trim_matches(|c| c == '"' || c == '\'');
    (!inner.is_empty() && inner.len() + 2 <= lit.len()).then(|| inner.to_string())
}

/// The module with no `include` left, for callers that expand nothing.
pub fn single(name: &str, text: &str) -> Vec<Segment> {
    vec![Segment {
        name: name.to_string(),
        start: 0,
        end: text.len(),
        at: None,
    }]
}

impl Module {
    /// Whether any module-level statement is an `include`.
    pub fn has_includes(&self) -> bool {
        let mut found = Vec::new();
        includes_in(&self.body, &mut found);
        !found.is_empty()
    }
}
