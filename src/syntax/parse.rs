//! The front end's entry points: source text to a syntax tree plus diagnostics.

use super::ast::*;
use super::build::{Ctx, Top};
use super::compile_time::{self, IncludedFiles};
use super::layout::{self, Spanned};
use super::source::Dialect;
use super::token::Tok;
use super::validate;
use crate::diagnostics::{codes, Diagnostic, Diagnostics};
use logos::Logos;

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic, unused_parens, dead_code)]
    grammar,
    "/pyx.rs"
);

/// A parsed file: always a tree (with `Invalid` nodes where the input was bad) plus the
/// diagnostics in source order.
#[derive(Debug)]
pub struct Parsed {
    pub module: Module,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses decoded source text.
pub fn parse_text(text: &str, dialect: Dialect) -> Parsed {
    let mut parsed = parse_unchecked(text, dialect);
    finish(text, dialect, &mut parsed, IncludedFiles::new());
    parsed
}

/// Parses without the passes that read the module in statement order (the compile-time
/// language, the context checks): `include` moves statements first, then calls [`finish`].
pub(super) fn parse_unchecked(text: &str, dialect: Dialect) -> Parsed {
    let mut diags = Diagnostics::default();
    let toks = layout::tokenize(text, dialect, &mut diags);
    let ctx = Ctx::new(text, dialect);
    let body = run_parser(&ctx, Tok::StartFile, toks);
    let module = Module {
        body: match body {
            Some(Top::File(b)) => b,
            _ => Vec::new(),
        },
        span: Span::new(0, text.len()),
    };
    for d in ctx.diags.into_inner().into_sorted() {
        diags.push(d);
    }
    Parsed {
        module,
        diagnostics: diags.into_sorted(),
    }
}

/// Runs the statement-order passes on a parsed module: `DEF`/`IF` expansion (which also puts
/// the `included` files' statements in place), then the context checks. Diagnostics stay in
/// source order and inside the text.
pub(super) fn finish(text: &str, dialect: Dialect, parsed: &mut Parsed, included: IncludedFiles) {
    let ctx = Ctx::new(text, dialect);
    compile_time::expand(&ctx, &mut parsed.module, included);
    validate::check_module(&ctx, &parsed.module);
    let mut diags = Diagnostics::default();
    for d in std::mem::take(&mut parsed.diagnostics)
        .into_iter()
        .chain(ctx.diags.into_inner().into_sorted())
    {
        diags.push(d);
    }
    // Spans computed from token ends (f-string fields, unterminated input) may reach past the
    // text; keep every diagnostic inside it.
    let len = text.len() as u32;
    parsed.diagnostics = diags.into_sorted();
    for d in &mut parsed.diagnostics {
        d.span.end = d.span.end.min(len);
        d.span.start = d.span.start.min(d.span.end);
        for (s, _) in &mut d.labels {
            s.end = s.end.min(len);
            s.start = s.start.min(s.end);
        }
    }
}

fn run_parser(ctx: &Ctx, start: Tok, toks: Vec<Spanned>) -> Option<Top> {
    let first = toks.first().map_or(0, |t| t.0);
    let input = std::iter::once((first, start, first))
        .chain(toks)
        .map(Ok::<Spanned, ()>);
    match grammar::TopParser::new().parse(ctx, input) {
        Ok(top) => Some(top),
        Err(e) => {
            ctx.syntax_error(e);
            None
        }
    }
}

/// Parses the expression of an f-string field, found at `offset` in the file.
pub fn parse_fstring_field(ctx: &Ctx, offset: usize, text: &str) -> Expr {
    let span = Span::new(offset, offset + text.len());
    let mut toks: Vec<Spanned> = Vec::new();
    let mut lexer = Tok::lexer(text);
    while let Some(r) = lexer.next() {
        let s = lexer.span();
        match r {
            Ok(Tok::Newline) => {}
            Ok(t) if t.is_cython_keyword() && ctx.dialect == Dialect::Python => {
                toks.push((offset + s.start, Tok::Name, offset + s.end))
            }
            Ok(t) => toks.push((offset + s.start, t, offset + s.end)),
            Err(_) => {
                ctx.error(
                    codes::STRING,
                    Span::new(offset + s.start, offset + s.end),
                    "f-string: invalid token in expression",
                );
                return Expr::new(ExprKind::Invalid, span);
            }
        }
    }
    let end = offset + text.len();
    toks.push((end, Tok::Newline, end));
    match run_parser(ctx, Tok::StartExpr, toks) {
        Some(Top::Expr(e)) => e,
        _ => Expr::new(ExprKind::Invalid, span),
    }
}

/// Reads, decodes and parses a file; an encoding error gives an empty module and its diagnostic.
pub fn parse_bytes(bytes: &[u8], dialect: Dialect) -> (String, Parsed) {
    match super::source::decode(bytes) {
        Ok(text) => {
            let parsed = parse_text(&text, dialect);
            (text, parsed)
        }
        Err(e) => {
            let (lossy, d) = *e;
            let module = Module {
                body: vec![],
                span: Span::new(0, lossy.len()),
            };
            (
                lossy,
                Parsed {
                    module,
                    diagnostics: vec![d],
                },
            )
        }
    }
}
