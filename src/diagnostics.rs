//! Diagnostics shared by every stage: an error code, a message, a primary span and labels,
//! rendered with codespan-reporting as `file:line:col` plus the source line and a caret.

use crate::syntax::ast::Span;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// Error codes, one per kind of problem; `docs/syntax.md` lists them.
pub mod codes {
    /// Invalid token or encoding problem.
    pub const LEX: &str = "E0001";
    /// The grammar rejected the token sequence.
    pub const SYNTAX: &str = "E0002";
    /// Indentation error.
    pub const INDENT: &str = "E0003";
    /// Bad string or bytes literal (escape, f-string).
    pub const STRING: &str = "E0004";
    /// A statement or expression in a place Python does not allow it.
    pub const CONTEXT: &str = "E0005";
    /// An invalid target of assignment, deletion or `for`.
    pub const TARGET: &str = "E0006";
    /// Parameter or argument list problems.
    pub const ARGUMENTS: &str = "E0007";
    /// A Cython declaration that does not make sense.
    pub const DECLARATION: &str = "E0008";
    /// Deprecated or unsupported Cython feature.
    pub const UNSUPPORTED: &str = "E0009";
    /// Source encoding problem.
    pub const ENCODING: &str = "E0010";
    /// Input too deeply nested.
    pub const NESTING: &str = "E0011";
    /// `from __future__` problems.
    pub const FUTURE: &str = "E0012";
    /// A compile-time (`DEF`, `IF`) expression without a value, or a misused constant.
    pub const COMPILE_TIME: &str = "E0013";
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub span: Span,
    pub labels: Vec<(Span, String)>,
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span,
            labels: Vec::new(),
            notes: Vec::new(),
        }
    }
    pub fn with_label(mut self, span: Span, text: impl Into<String>) -> Diagnostic {
        self.labels.push((span, text.into()));
        self
    }
    pub fn with_note(mut self, text: impl Into<String>) -> Diagnostic {
        self.notes.push(text.into());
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Collects diagnostics, dropping a second error at the position of an earlier one so that a
/// single mistake does not cascade.
#[derive(Default, Debug)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        if d.is_error()
            && self
                .items
                .iter()
                .any(|o| o.is_error() && o.span.start == d.span.start)
        {
            return;
        }
        self.items.push(d);
    }
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    /// Removes and returns the diagnostics pushed after the first `n`.
    pub fn take_after(&mut self, n: usize) -> Vec<Diagnostic> {
        self.items.split_off(n.min(self.items.len()))
    }
    /// The diagnostics in source order.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by_key(|d| (d.span.start, d.span.end));
        self.items
    }
}

/// Renders diagnostics for one file as text (`file:line:col`, source line, caret).
pub fn render(file_name: &str, source: &str, diags: &[Diagnostic], color: bool) -> String {
    let file = SimpleFile::new(file_name, source);
    let config = term::Config {
        chars: term::Chars::ascii(),
        ..Default::default()
    };
    let mut out = termcolor::Buffer::no_color();
    if color {
        out = termcolor::Buffer::ansi();
    }
    for d in diags {
        let cs = to_codespan(d, source);
        // Rendering into an in-memory buffer cannot fail for valid spans, which to_codespan ensures.
        let _ = term::emit(&mut out, &config, &file, &cs);
    }
    String::from_utf8_lossy(out.as_slice()).into_owned()
}

/// Renders diagnostics of a text made of several files (`include`d ones appended to the
/// module's source, see `syntax::include`): each is shown in the file and line it came from.
pub fn render_segments(
    segments: &[crate::syntax::include::Segment],
    text: &str,
    diags: &[Diagnostic],
    color: bool,
) -> String {
    if segments.len() <= 1 {
        let name = segments.first().map_or("", |s| s.name.as_str());
        return render(name, text, diags, color);
    }
    let mut out = String::new();
    for d in diags {
        let at = d.span.start as usize;
        let seg = segments
            .iter()
            .rev()
            .find(|g| (g.start..g.end).contains(&at) || g.start == at)
            .unwrap_or(&segments[0]);
        let part = text.get(seg.start..seg.end.min(text.len())).unwrap_or("");
        let shift = |s: Span| {
            let start = (s.start as usize).clamp(seg.start, seg.end) - seg.start;
            let end = (s.end as usize).clamp(seg.start, seg.end) - seg.start;
            Span::new(start, end.max(start))
        };
        let mut local = d.clone();
        local.span = shift(d.span);
        local.labels = d
            .labels
            .iter()
            .map(|(s, t)| (shift(*s), t.clone()))
            .collect();
        out.push_str(&render(&seg.name, part, &[local], color));
    }
    out
}

/// The span as a range inside `source`, on character boundaries.
fn clamp(span: Span, source: &str) -> std::ops::Range<usize> {
    let floor = |mut i: usize| {
        i = i.min(source.len());
        while !source.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(span.start as usize);
    let end = floor(span.end as usize).max(start);
    start..end
}

fn to_codespan(d: &Diagnostic, source: &str) -> CsDiagnostic<()> {
    let base = match d.severity {
        Severity::Error => CsDiagnostic::error(),
        Severity::Warning => CsDiagnostic::warning(),
    };
    let mut labels = vec![Label::primary((), clamp(d.span, source))];
    labels.extend(
        d.labels
            .iter()
            .map(|(s, t)| Label::secondary((), clamp(*s, source)).with_message(t.clone())),
    );
    base.with_code(d.code)
        .with_message(d.message.clone())
        .with_labels(labels)
        .with_notes(d.notes.clone())
}
