//! Source lines for tracebacks. Each typed function keeps the map of the text its spans point
//! into, so that the lowering can give every operation the line of its own sub-expression (a
//! call on the third line of a multi-line statement reports that line), as Cython does.

use super::tree::{Expr, ExprKind};
use crate::syntax::include::Segment;
use std::rc::Rc;

/// A traceback position is a line, with the included file it is in above these bits (0 for
/// the module's own source, `i` for `Program::included_files[i - 1]`); `runtime/core.h`
/// reads it back (`PYX_LINE_BITS`).
pub const LINE_BITS: u32 = 20;

/// The position of `line` of file `file` (0: the module's source).
pub fn source_pos(file: usize, line: u32) -> u32 {
    ((file as u32) << LINE_BITS) | line.min((1 << LINE_BITS) - 1)
}

/// The file and line of a position.
pub fn split_source_pos(pos: u32) -> (usize, u32) {
    ((pos >> LINE_BITS) as usize, pos & ((1 << LINE_BITS) - 1))
}

/// Byte offsets to line numbers in one source text.
#[derive(Clone, Default)]
pub struct LineMap {
    text: Rc<str>,
    /// Byte offsets at which the lines start.
    starts: Rc<[u32]>,
    /// The files the module's text is made of, when this is that text: code from an included
    /// file reports its own file and line.
    segments: Rc<[Segment]>,
    /// Every offset is this line (generated code, reported at the function it stands for).
    fixed: Option<u32>,
    /// Lines as CPython 3.11 gives them (a `.py` module) rather than as Cython does.
    cpython: bool,
}

impl std::fmt::Debug for LineMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LineMap({} lines)", self.starts.len())
    }
}

impl LineMap {
    pub fn new(text: &str, segments: Vec<Segment>, cpython: bool) -> LineMap {
        let mut starts = vec![0u32];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        LineMap {
            text: text.into(),
            starts: starts.into(),
            segments: segments.into(),
            fixed: None,
            cpython,
        }
    }

    /// The same text, every offset reported as `line`.
    pub fn fixed_at(&self, line: u32) -> LineMap {
        LineMap {
            fixed: Some(line),
            ..self.clone()
        }
    }

    /// Another text (a `.pxd`, generated source), keeping the fixed line and the flavour.
    pub fn for_text(&self, text: &str) -> LineMap {
        LineMap {
            fixed: self.fixed,
            ..LineMap::new(text, Vec::new(), self.cpython)
        }
    }

    /// The traceback position (see `source_pos`) of byte `offset`.
    pub fn line(&self, offset: u32) -> u32 {
        if let Some(line) = self.fixed {
            return line;
        }
        // Included files follow the module's source in the text, one segment each.
        let included = self.segments.iter().enumerate().skip(1);
        match included
            .into_iter()
            .find(|(_, g)| (g.start..g.end).contains(&(offset as usize)))
        {
            Some((i, g)) => source_pos(
                i,
                self.text_line(offset) + 1 - self.text_line(g.start as u32),
            ),
            None => self.text_line(offset),
        }
    }

    /// The line of byte `offset` in the whole text.
    fn text_line(&self, offset: u32) -> u32 {
        match self.starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    /// The line a failure of `e`'s own operation reports, None for generated expressions
    /// (which keep the line of what encloses them). Cython reports a call at its `(`, an
    /// attribute at its name, a subscript at its `[` and a binary operation or comparison at
    /// its operator; CPython 3.11 reports each at the start of the expression, except an
    /// attribute (and a method call) at the attribute's name.
    pub fn op_line(&self, e: &Expr) -> Option<u32> {
        if e.span.start == e.span.end {
            return None;
        }
        let at = match &e.kind {
            ExprKind::Attribute(..) => e.span.end - 1,
            ExprKind::PyMethodCall(obj, ..) => self.after(obj).unwrap_or(e.span.start),
            _ if self.cpython => e.span.start,
            // A call spanning only its callee is a decorator applied: at the decorator.
            ExprKind::PyCall(f, _) if f.span == e.span => e.span.start,
            ExprKind::PyCall(f, _) | ExprKind::CCall(f, ..) => {
                self.after(f).unwrap_or(e.span.start)
            }
            ExprKind::Subscript(obj, _) => self.after(obj).unwrap_or(e.span.start),
            ExprKind::PyBinary(_, a, b)
            | ExprKind::PyInPlace(_, a, b)
            | ExprKind::PyCompare(_, a, b)
            | ExprKind::CBinary(_, a, b)
            | ExprKind::CCompare(_, a, b) => self.operator(a, b).unwrap_or(e.span.start),
            _ => e.span.start,
        };
        Some(self.line(at))
    }

    /// The offset where `e` ends (what follows it, a `(`, `.` or `[`, is on that line).
    fn after(&self, e: &Expr) -> Option<u32> {
        (e.span.start != e.span.end).then(|| e.span.end - 1)
    }

    /// The offset of the operator between operands `a` and `b`: the first token after `a`,
    /// past closing parentheses, line continuations and comments.
    fn operator(&self, a: &Expr, b: &Expr) -> Option<u32> {
        let (from, to) = (a.span.end as usize, b.span.start as usize);
        let between = self.text.get(from..to)?;
        let mut in_comment = false;
        for (i, c) in between.char_indices() {
            match c {
                '\n' => in_comment = false,
                _ if in_comment => {}
                '#' => in_comment = true,
                ')' | '\\' => {}
                c if c.is_whitespace() => {}
                _ => return Some((from + i) as u32),
            }
        }
        None
    }
}
