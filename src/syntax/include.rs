//! `include "file.pxi"`: Cython's textual inclusion. The included files' texts are appended
//! to the module's source, the whole is parsed as one text (so every span stays an offset into
//! one string), and each file's top-level statements move to the place of the `include` that
//! named it. `Segment`s remember which part of the text came from which file, for diagnostics
//! and line numbers.

use super::ast::{ExprKind, Module, Span, Stmt, StmtKind};
use super::{parse_text, Dialect, Parsed};
use crate::diagnostics::{codes, Diagnostic};

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

/// Expands the module-level `include`s of `text` (file `name`, already parsed as `parsed`).
/// `find` returns an included file's path and text.
pub fn expand(
    name: &str,
    text: String,
    parsed: Parsed,
    dialect: Dialect,
    find: &dyn Fn(&str) -> Option<(String, String)>,
) -> Expanded {
    let mut segments = vec![Segment {
        name: name.to_string(),
        start: 0,
        end: text.len(),
        at: None,
    }];
    let (mut text, mut parsed) = (text, parsed);
    let mut errors: Vec<Diagnostic> = Vec::new();
    loop {
        let pending: Vec<(usize, Option<String>, Span)> = parsed
            .module
            .body
            .iter()
            .filter_map(|s| match &s.kind {
                StmtKind::Include(e)
                    if !segments.iter().any(|g| g.at == Some(s.span.start as usize)) =>
                {
                    Some((s.span.start as usize, file_name(&text, e), e.span))
                }
                _ => None,
            })
            .filter(|(at, _, _)| !errors.iter().any(|d| d.span.start as usize == *at))
            .collect();
        if pending.is_empty() {
            break;
        }
        for (at, file, span) in pending {
            let found = match file.as_deref() {
                Some(f) if segments.len() > MAX_INCLUDES => Err(format!(
                    "too many included files (more than {MAX_INCLUDES}; does '{f}' include itself?)"
                )),
                Some(f) => find(f).ok_or(format!("cannot find the included file '{f}'")),
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
                // Reported at the statement's start, which also marks it as done.
                Err(msg) => errors.push(Diagnostic::error(
                    codes::SYNTAX,
                    Span::new(at, span.end as usize),
                    msg,
                )),
            }
        }
        parsed = parse_text(&text, dialect);
    }
    let body = std::mem::take(&mut parsed.module.body);
    parsed.module.body = splice(body, &segments, 0);
    for e in errors {
        parsed.diagnostics.push(e);
    }
    Expanded {
        text,
        parsed,
        segments,
    }
}

/// The statements of segment `seg`, each `include` replaced by its file's statements.
fn splice(body: Vec<Stmt>, segments: &[Segment], seg: usize) -> Vec<Stmt> {
    let (own, rest): (Vec<Stmt>, Vec<Stmt>) = body.into_iter().partition(|s| {
        let g = &segments[seg];
        (g.start..g.end).contains(&(s.span.start as usize))
    });
    let mut rest = Some(rest);
    let mut out = Vec::with_capacity(own.len());
    for s in own {
        let included = segments
            .iter()
            .position(|g| g.at == Some(s.span.start as usize));
        match (&s.kind, included) {
            (StmtKind::Include(_), Some(i)) => {
                let pool = rest.take().unwrap_or_default();
                let (mine, others): (Vec<Stmt>, Vec<Stmt>) = pool
                    .into_iter()
                    .partition(|t| in_tree(segments, i, t.span.start as usize));
                out.extend(splice(mine, segments, i));
                rest = Some(others);
            }
            _ => out.push(s),
        }
    }
    out
}

/// Whether byte `pos` is in segment `i` or in a segment it brought in (directly or not).
fn in_tree(segments: &[Segment], i: usize, pos: usize) -> bool {
    let Some(mut g) = segments
        .iter()
        .position(|g| (g.start..g.end).contains(&pos))
    else {
        return false;
    };
    loop {
        if g == i {
            return true;
        }
        let Some(at) = segments[g].at else {
            return false;
        };
        match segments.iter().position(|s| (s.start..s.end).contains(&at)) {
            Some(parent) => g = parent,
            None => return false,
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

/// The file an `include` names (a plain string literal).
fn file_name(text: &str, e: &super::ast::Expr) -> Option<String> {
    if !matches!(e.kind, ExprKind::Str(_)) {
        return None;
    }
    let lit = text.get(e.span.start as usize..e.span.end as usize)?;
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
    /// Whether any top-level statement is an `include`.
    pub fn has_includes(&self) -> bool {
        self.body
            .iter()
            .any(|s| matches!(s.kind, StmtKind::Include(_)))
    }
}
