//! Helpers called from the grammar's actions: they build AST nodes, reinterpret the
//! permissive parses (expressions as targets, parameter lists) and report what is invalid.

// The grammar hands its helpers boxed nonterminals (boxed to keep the parser's symbol
// stack small); unboxing happens here.
#![allow(clippy::boxed_local)]

use super::ast::*;
use super::literal;
use super::source::Dialect;
use super::token::Tok;
use crate::diagnostics::{codes, Diagnostic, Diagnostics};
use lalrpop_util::{ErrorRecovery, ParseError};
use std::cell::RefCell;

/// What the parser needs besides tokens: the source text and a place for diagnostics.
pub struct Ctx<'s> {
    pub src: &'s str,
    pub dialect: Dialect,
    pub diags: RefCell<Diagnostics>,
    /// Nesting depth of f-string parses (a field's expression may hold another f-string).
    pub fstring_depth: u32,
}

/// The parser's result: a file or one expression (for f-string fields).
pub enum Top {
    File(Vec<Stmt>),
    Expr(Expr),
}

/// One statement line: `a = 1; b = 2` yields two statements.
pub enum StmtGroup {
    One(Box<Stmt>),
    Many(Vec<Stmt>),
}

impl StmtGroup {
    pub fn push_into(self, v: &mut Vec<Stmt>) {
        match self {
            StmtGroup::One(s) => v.push(*s),
            StmtGroup::Many(s) => v.extend(s),
        }
    }
}

pub enum MappingItem {
    Entry(Expr, Box<Pattern>),
    Rest(Ident),
}

impl<'s> Ctx<'s> {
    pub fn new(src: &'s str, dialect: Dialect) -> Ctx<'s> {
        Ctx {
            src,
            dialect,
            diags: RefCell::new(Diagnostics::default()),
            fstring_depth: 0,
        }
    }

    pub fn error(&self, code: &'static str, span: Span, msg: impl Into<String>) {
        super::layout::report(
            &mut self.diags.borrow_mut(),
            Diagnostic::error(code, span, msg),
        );
    }

    pub fn text(&self, span: Span) -> &'s str {
        &self.src[span.range()]
    }

    /// Reports a syntax error the parser recovered from; the statement becomes `Invalid`.
    pub fn recover(&self, e: ErrorRecovery<usize, Tok, ()>, l: usize, r: usize) -> Stmt {
        self.syntax_error(e.error);
        Stmt::new(StmtKind::Invalid, Span::new(l, r))
    }

    pub fn syntax_error(&self, e: ParseError<usize, Tok, ()>) {
        let d = match e {
            ParseError::UnrecognizedToken {
                token: (l, t, r),
                expected,
            } => {
                let mut msg = match t {
                    Tok::Indent => "unexpected indent".to_string(),
                    Tok::Dedent => "unexpected unindent".to_string(),
                    Tok::Newline => "invalid syntax: unexpected end of line".to_string(),
                    _ => format!("invalid syntax: unexpected {}", t.describe()),
                };
                if let Some(hint) = expected_hint(&expected) {
                    msg.push_str(&format!(", expected {hint}"));
                }
                let (l, r) = if l == r {
                    (l, (l + 1).min(self.src.len()))
                } else {
                    (l, r)
                };
                Diagnostic::error(codes::SYNTAX, Span::new(l, r.max(l)), msg)
            }
            ParseError::UnrecognizedEof { location, expected } => {
                let mut msg = "invalid syntax: unexpected end of file".to_string();
                if let Some(hint) = expected_hint(&expected) {
                    msg.push_str(&format!(", expected {hint}"));
                }
                Diagnostic::error(codes::SYNTAX, Span::new(location, location), msg)
            }
            ParseError::InvalidToken { location } => Diagnostic::error(
                codes::SYNTAX,
                Span::new(location, location + 1),
                "invalid token",
            ),
            ParseError::ExtraToken { token: (l, t, r) } => Diagnostic::error(
                codes::SYNTAX,
                Span::new(l, r),
                format!("invalid syntax: unexpected {}", t.describe()),
            ),
            ParseError::User { .. } => {
                Diagnostic::error(codes::SYNTAX, Span::new(0, 0), "invalid syntax")
            }
        };
        super::layout::report(&mut self.diags.borrow_mut(), d);
    }

    // ---- targets ----

    /// Checks that `e` can be assigned to (`what` is "assign to", "delete", ...).
    pub fn check_target(&self, e: &Expr, what: &str, allow_star: bool) {
        match &e.kind {
            ExprKind::Name(n) => {
                if self.text(n.span) == "__debug__" {
                    self.error(codes::TARGET, e.span, format!("cannot {what} __debug__"));
                }
            }
            ExprKind::Attribute(..) | ExprKind::Subscript(..) => {}
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let stars = items
                    .iter()
                    .filter(|i| matches!(i.kind, ExprKind::Starred(_)))
                    .count();
                if stars > 1 && what == "assign to" {
                    self.error(
                        codes::TARGET,
                        e.span,
                        "multiple starred expressions in assignment",
                    );
                }
                for item in items {
                    self.check_target(item, what, what == "assign to");
                }
            }
            ExprKind::Starred(inner) if allow_star => self.check_target(inner, what, false),
            ExprKind::Starred(_) => {
                let msg = if what == "delete" {
                    "cannot delete starred".to_string()
                } else {
                    "starred assignment target must be in a list or tuple".to_string()
                };
                self.error(codes::TARGET, e.span, msg);
            }
            // Cython: `p[0]`-style dereference is a subscript; a cast is not assignable.
            ExprKind::Invalid => {}
            _ => {
                let desc = describe_expr(e);
                let msg = if what == "assign to" && matches!(e.kind, ExprKind::Compare(..)) {
                    format!("cannot {what} {desc}; maybe you meant '==' instead of '='?")
                } else {
                    format!("cannot {what} {desc}")
                };
                self.error(codes::TARGET, e.span, msg);
            }
        }
    }

    pub fn del_targets(&self, t: Expr) -> Vec<Expr> {
        let items = match t.kind {
            ExprKind::Tuple(items) if !self.text(t.span).starts_with('(') => items,
            _ => vec![t],
        };
        for i in &items {
            self.check_target(i, "delete", false);
        }
        items
    }

    pub fn assign(&self, first: Expr, rest: Vec<Expr>, span: Span) -> Stmt {
        let mut targets = vec![first];
        targets.extend(rest);
        let value = targets.pop().expect("at least one '=' was parsed");
        for t in &targets {
            self.check_target(t, "assign to", false);
        }
        Stmt::new(StmtKind::Assign { targets, value }, span)
    }

    pub fn aug_assign(&self, target: Expr, op: BinOp, value: Expr, span: Span) -> Stmt {
        if !matches!(
            target.kind,
            ExprKind::Name(_)
                | ExprKind::Attribute(..)
                | ExprKind::Subscript(..)
                | ExprKind::Invalid
        ) {
            self.error(
                codes::TARGET,
                target.span,
                format!(
                    "'{}' is an illegal expression for augmented assignment",
                    describe_expr(&target)
                ),
            );
        }
        Stmt::new(StmtKind::AugAssign { target, op, value }, span)
    }

    pub fn ann_assign(
        &self,
        target: Expr,
        annotation: Expr,
        value: Option<Expr>,
        span: Span,
    ) -> Stmt {
        match &target.kind {
            ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => {}
            ExprKind::Tuple(_) => self.error(
                codes::TARGET,
                target.span,
                "only single target (not tuple) can be annotated",
            ),
            ExprKind::List(_) => self.error(
                codes::TARGET,
                target.span,
                "only single target (not list) can be annotated",
            ),
            _ => self.error(codes::TARGET, target.span, "illegal target for annotation"),
        }
        Stmt::new(
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            },
            span,
        )
    }

    pub fn named_expr(&self, target: Expr, value: Expr, span: Span) -> Expr {
        if !matches!(target.kind, ExprKind::Name(_)) {
            self.error(
                codes::TARGET,
                target.span,
                format!(
                    "cannot use assignment expressions with {}",
                    describe_expr(&target)
                ),
            );
        }
        Expr::new(ExprKind::NamedExpr(Box::new(target), Box::new(value)), span)
    }

    pub fn for_stmt(
        &self,
        is_async: bool,
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
        span: Span,
    ) -> Stmt {
        self.check_target(&target, "assign to", false);
        Stmt::new(
            StmtKind::For {
                is_async,
                target,
                iter,
                body,
                orelse,
            },
            span,
        )
    }

    pub fn comprehension(
        &self,
        is_async: bool,
        target: Expr,
        iter: Expr,
        ifs: Vec<Expr>,
    ) -> Comprehension {
        self.check_target(&target, "assign to", false);
        Comprehension {
            is_async,
            target,
            iter,
            ifs,
        }
    }

    pub fn with_item(&self, context: Expr, target: Option<Expr>) -> WithItem {
        if let Some(t) = &target {
            self.check_target(t, "assign to", false);
        }
        WithItem { context, target }
    }

    /// Cython's `for i from lower <op> i <op> upper [by step]`.
    pub fn for_from(
        &self,
        target: Expr,
        cmp: Expr,
        step: Option<(Ident, Expr)>,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
        span: Span,
    ) -> Stmt {
        let target_name = match target.kind {
            ExprKind::Name(n) => Some(n),
            _ => None,
        };
        let parts = match cmp.kind {
            ExprKind::Compare(lower, ops) if ops.len() == 2 => Some((lower, ops)),
            _ => None,
        };
        let (Some(name), Some((lower, mut ops))) = (target_name, parts) else {
            self.error(
                codes::SYNTAX,
                span,
                "invalid syntax: expected 'for NAME from LOWER <= NAME < UPPER'",
            );
            return Stmt::new(StmtKind::Invalid, span);
        };
        let (upper_op, upper) = ops.pop().expect("two comparisons");
        let (lower_op, middle) = ops.pop().expect("two comparisons");
        let same_name =
            matches!(middle.kind, ExprKind::Name(m) if self.text(m.span) == self.text(name.span));
        if !same_name {
            self.error(
                codes::SYNTAX,
                middle.span,
                "the loop variable must be the middle term of 'for ... from'",
            );
        }
        let increasing = matches!(lower_op, CmpOp::Lt | CmpOp::LtE)
            && matches!(upper_op, CmpOp::Lt | CmpOp::LtE);
        let decreasing = matches!(lower_op, CmpOp::Gt | CmpOp::GtE)
            && matches!(upper_op, CmpOp::Gt | CmpOp::GtE);
        if !increasing && !decreasing {
            self.error(
                codes::SYNTAX,
                span,
                "'for ... from' bounds must both use < / <= or both > / >=",
            );
        }
        if let Some((by, _)) = &step {
            if self.text(by.span) != "by" {
                self.error(
                    codes::SYNTAX,
                    by.span,
                    "invalid syntax: expected 'by' or ':'",
                );
            }
        }
        let step = step.map(|s| s.1);
        Stmt::new(
            StmtKind::ForFrom(Box::new(ForFrom {
                target: name,
                lower: *lower,
                lower_op,
                upper_op,
                upper,
                step,
                body,
                orelse,
            })),
            span,
        )
    }

    pub fn try_stmt(
        &self,
        body: Vec<Stmt>,
        handlers: Vec<Box<(bool, Handler)>>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
        span: Span,
    ) -> Stmt {
        let star = handlers.first().is_some_and(|h| h.0);
        let handlers: Vec<(bool, Handler)> = unbox_vec(handlers);
        for (i, (is_star, h)) in handlers.iter().enumerate() {
            if *is_star != star {
                self.error(
                    codes::SYNTAX,
                    h.span,
                    "cannot have both 'except' and 'except*' on the same 'try'",
                );
            }
            if h.typ.is_none() && i + 1 < handlers.len() {
                self.error(codes::SYNTAX, h.span, "default 'except:' must be last");
            }
        }
        let handlers = handlers.into_iter().map(|h| h.1).collect();
        Stmt::new(
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                star,
            },
            span,
        )
    }

    pub fn func_def(
        &self,
        is_async: bool,
        name: Ident,
        params: Box<Params>,
        returns: Option<Expr>,
        body: Vec<Stmt>,
        span: Span,
    ) -> Stmt {
        let f = FunctionDef {
            is_async,
            name,
            params: *params,
            returns,
            body,
            decorators: vec![],
        };
        Stmt::new(StmtKind::FunctionDef(Box::new(f)), span)
    }

    pub fn class_def(
        &self,
        name: Ident,
        args: Vec<Arg>,
        body: Vec<Stmt>,
        is_cdef: bool,
        _mods: Vec<Expr>,
        span: Span,
    ) -> Stmt {
        let c = ClassDef {
            name,
            args,
            body,
            decorators: vec![],
            is_cdef,
            visibility: Visibility::Private,
        };
        Stmt::new(StmtKind::ClassDef(Box::new(c)), span)
    }

    pub fn property_block(&self, kw: Ident, name: Ident, body: Vec<Stmt>, span: Span) -> Stmt {
        if self.text(kw.span) != "property" || self.dialect == Dialect::Python {
            self.error(codes::SYNTAX, name.span, "invalid syntax: unexpected name");
            return Stmt::new(StmtKind::Invalid, span);
        }
        // `property x:` is sugar for a property whose accessors are the block's methods.
        let c = ClassDef {
            name,
            args: vec![],
            body,
            decorators: vec![],
            is_cdef: false,
            visibility: Visibility::Private,
        };
        let mut stmt = Stmt::new(StmtKind::ClassDef(Box::new(c)), span);
        if let StmtKind::ClassDef(c) = &mut stmt.kind {
            c.decorators.push(Expr::new(ExprKind::Name(kw), kw.span));
        }
        stmt
    }

    // ---- expressions ----

    pub fn address_of(&self, e: Expr, span: Span) -> Expr {
        if self.dialect == Dialect::Python {
            self.error(
                codes::SYNTAX,
                Span::new(span.start as usize, span.start as usize + 1),
                "invalid syntax: unexpected '&'",
            );
        }
        Expr::new(ExprKind::AddressOf(Box::new(e)), span)
    }

    pub fn cast(&self, ty: Box<super::cdecl::RawDecl>, checked: bool, e: Expr, span: Span) -> Expr {
        if self.dialect == Dialect::Python {
            self.error(
                codes::SYNTAX,
                Span::new(span.start as usize, span.start as usize + 1),
                "invalid syntax: unexpected '<'",
            );
        }
        let ty = super::cdecl::type_of(self, *ty);
        Expr::new(
            ExprKind::Cast {
                ty: Box::new(ty),
                checked,
                expr: Box::new(e),
            },
            span,
        )
    }

    pub fn sizeof_type(&self, ty: Box<super::cdecl::RawDecl>, span: Span) -> Expr {
        let ty = super::cdecl::type_of(self, *ty);
        Expr::new(ExprKind::SizeofType(Box::new(ty)), span)
    }

    pub fn int_literal(&self, span: Span) -> Expr {
        match literal::parse_int(self.text(span)) {
            Some(v) => Expr::new(ExprKind::Int(v), span),
            None => {
                self.error(codes::LEX, span, "invalid integer literal");
                Expr::new(ExprKind::Invalid, span)
            }
        }
    }

    pub fn float_literal(&self, span: Span) -> Expr {
        Expr::new(ExprKind::Float(literal::parse_float(self.text(span))), span)
    }

    pub fn imag_literal(&self, span: Span) -> Expr {
        let t = self.text(span);
        Expr::new(
            ExprKind::Imag(literal::parse_float(&t[..t.len() - 1])),
            span,
        )
    }

    pub fn strings(&self, parts: Vec<Span>, span: Span) -> Expr {
        literal::strings(self, &parts, span)
    }

    pub fn keyword_arg(&self, name: Expr, value: Expr) -> Arg {
        match name.kind {
            ExprKind::Name(n) => Arg::Keyword(n, value),
            _ => {
                self.error(
                    codes::ARGUMENTS,
                    name.span,
                    "expression cannot contain assignment, perhaps you meant \"==\"?",
                );
                Arg::Positional(value)
            }
        }
    }

    /// Checks argument order: no positional after keyword, no `*x` after `**y`.
    pub fn args(&self, args: Vec<Arg>) -> Vec<Arg> {
        let mut seen_keyword = false;
        let mut seen_kwunpack = false;
        for a in &args {
            match a {
                Arg::Positional(e) => {
                    if seen_kwunpack {
                        self.error(
                            codes::ARGUMENTS,
                            e.span,
                            "positional argument follows keyword argument unpacking",
                        );
                    } else if seen_keyword {
                        self.error(
                            codes::ARGUMENTS,
                            e.span,
                            "positional argument follows keyword argument",
                        );
                    }
                }
                Arg::Star(e) if seen_kwunpack => self.error(
                    codes::ARGUMENTS,
                    e.span,
                    "iterable argument unpacking follows keyword argument unpacking",
                ),
                Arg::Star(_) => {}
                Arg::Keyword(..) => seen_keyword = true,
                Arg::DoubleStar(_) => seen_kwunpack = true,
            }
        }
        // `f(a=1, a=2)`: CPython rejects a repeated keyword.
        if seen_keyword {
            let mut names = std::collections::HashSet::new();
            for a in &args {
                if let Arg::Keyword(k, _) = a {
                    let name = self.text(k.span);
                    if !names.insert(name) {
                        self.error(
                            codes::ARGUMENTS,
                            k.span,
                            format!("keyword argument repeated: {name}"),
                        );
                    }
                }
            }
        }
        args
    }

    /// Sorts raw parameters into a `Params`, checking their order as CPython does.
    pub fn def_params(&self, raw: Vec<Box<super::cdecl::RawParam>>, span: Span) -> Box<Params> {
        Box::new(super::cdecl::params(self, raw, span, false))
    }

    // ---- patterns ----

    pub fn star_pattern(&self, n: Ident, span: Span) -> Pattern {
        let name = if self.text(n.span) == "_" {
            None
        } else {
            Some(n)
        };
        Pattern {
            kind: PatternKind::Star(name),
            span,
        }
    }

    pub fn as_pattern(&self, p: Pattern, n: Ident, span: Span) -> Pattern {
        if self.text(n.span) == "_" {
            self.error(codes::SYNTAX, n.span, "cannot use '_' as a target");
        }
        Pattern {
            kind: PatternKind::As {
                pattern: Some(Box::new(p)),
                name: Some(n),
            },
            span,
        }
    }

    pub fn name_pattern(&self, e: Expr, span: Span) -> Pattern {
        match e.kind {
            ExprKind::Name(n) if self.text(n.span) == "_" => Pattern {
                kind: PatternKind::Capture(None),
                span,
            },
            ExprKind::Name(n) => Pattern {
                kind: PatternKind::Capture(Some(n)),
                span,
            },
            _ => Pattern {
                kind: PatternKind::Value(e),
                span,
            },
        }
    }
}

/// Turns LALRPOP's expected-terminal list into a short hint, when it is short.
fn expected_hint(expected: &[String]) -> Option<String> {
    if expected.is_empty() || expected.len() > 4 {
        return None;
    }
    let names: Vec<String> = expected
        .iter()
        .map(|e| match e.as_str() {
            "Newline" => "end of line".to_string(),
            "Indent" => "an indented block".to_string(),
            "Name" => "a name".to_string(),
            "Str" => "a string".to_string(),
            s if s.starts_with('"') => format!("'{}'", s.trim_matches('"')),
            s => s.to_string(),
        })
        .collect();
    Some(names.join(" or "))
}

/// How an expression is named in "cannot assign to ..." messages (CPython's wording).
pub fn describe_expr(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Call(..) => "function call",
        ExprKind::Binary(..) | ExprKind::Unary(..) => "expression",
        ExprKind::BoolOp(..) => "expression",
        ExprKind::Compare(..) => "comparison",
        ExprKind::None => "None",
        ExprKind::True => "True",
        ExprKind::False => "False",
        ExprKind::Ellipsis => "ellipsis",
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Imag(_)
        | ExprKind::Str(_)
        | ExprKind::Bytes(_) => "literal",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::Lambda(..) => "lambda",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr(..) => "named expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::ListComp(..) => "list comprehension",
        ExprKind::SetComp(..) => "set comprehension",
        ExprKind::DictComp(..) => "dict comprehension",
        ExprKind::GeneratorExp(..) => "generator expression",
        ExprKind::Attribute(..) => "attribute",
        ExprKind::Subscript(..) => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) => "list",
        ExprKind::Slice(..) => "slice",
        ExprKind::Cast { .. } => "cast",
        ExprKind::SizeofType(_) => "sizeof",
        ExprKind::AddressOf(_) => "address-of expression",
        ExprKind::TypeOption(..) | ExprKind::Invalid => "expression",
    }
}

// ---- free helpers (no diagnostics needed) ----

pub fn binary(op: BinOp, a: Expr, b: Expr, span: Span) -> Expr {
    Expr::new(ExprKind::Binary(op, Box::new(a), Box::new(b)), span)
}

pub fn bool_op(op: BoolOp, first: Expr, rest: Vec<Expr>, span: Span) -> Expr {
    let mut v = Vec::with_capacity(rest.len() + 1);
    v.push(first);
    v.extend(rest);
    Expr::new(ExprKind::BoolOp(op, v), span)
}

/// `a` stays `a`; `a,` and `a, b` become tuples.
pub fn tuple_or_single((mut items, trailing): (Vec<Expr>, bool), span: Span) -> Expr {
    if items.len() == 1 && !trailing {
        items.pop().expect("one item")
    } else {
        Expr::new(ExprKind::Tuple(items), span)
    }
}

/// `(a)` is `a` with its parentheses in the span; `(a,)` and `(a, b)` are tuples.
pub fn paren_or_tuple(v: (Vec<Expr>, bool), span: Span) -> Expr {
    let single = v.0.len() == 1 && !v.1;
    let mut e = tuple_or_single(v, span);
    if single {
        e.span = span;
    }
    e
}

pub fn parenthesized(mut e: Expr, span: Span) -> Expr {
    e.span = span;
    e
}

pub fn if_chain(
    test: Expr,
    body: Vec<Stmt>,
    elifs: Vec<Box<(usize, Expr, Vec<Stmt>)>>,
    orelse: Option<Vec<Stmt>>,
    span: Span,
) -> Stmt {
    // Build from the last elif backwards so each elif is an If in the previous orelse.
    let mut tail = orelse.unwrap_or_default();
    for (start, t, b) in elifs.into_iter().rev().map(|e| *e) {
        let s = Span::new(start, span.end as usize);
        tail = vec![Stmt::new(
            StmtKind::If {
                test: t,
                body: b,
                orelse: tail,
            },
            s,
        )];
    }
    Stmt::new(
        StmtKind::If {
            test,
            body,
            orelse: tail,
        },
        span,
    )
}

pub fn with_decorators(decorators: Vec<Expr>, mut s: Stmt) -> Stmt {
    match &mut s.kind {
        StmtKind::FunctionDef(f) => f.decorators = decorators,
        StmtKind::ClassDef(c) => c.decorators = decorators,
        StmtKind::CFunction(f) => f.decorators = decorators,
        _ => {}
    }
    if let Some(first) = s_decorator_start(&s) {
        s.span.start = first;
    }
    s
}

fn s_decorator_start(s: &Stmt) -> Option<u32> {
    let decs = match &s.kind {
        StmtKind::FunctionDef(f) => &f.decorators,
        StmtKind::ClassDef(c) => &c.decorators,
        StmtKind::CFunction(f) => &f.decorators,
        _ => return None,
    };
    // The `@` precedes the decorator expression by one byte at least.
    decs.first().map(|d| d.span.start.saturating_sub(1))
}

pub fn seq_or_single(
    (mut items, trailing): (Vec<(Box<Pattern>, bool)>, bool),
    span: Span,
) -> Box<Pattern> {
    if items.len() == 1 && !trailing && !items[0].1 {
        items.pop().expect("one item").0
    } else {
        Box::new(Pattern {
            kind: PatternKind::Sequence(items.into_iter().map(|p| *p.0).collect()),
            span,
        })
    }
}

pub fn paren_pattern(v: (Vec<(Box<Pattern>, bool)>, bool), span: Span) -> Pattern {
    let mut p = *seq_or_single(v, span);
    p.span = span;
    p
}

pub fn literal_pattern(e: Expr, span: Span) -> Pattern {
    let kind = match e.kind {
        ExprKind::None | ExprKind::True | ExprKind::False => PatternKind::Singleton(e),
        _ => PatternKind::Value(e),
    };
    Pattern { kind, span }
}

/// A class pattern's arguments: (keyword or positional, pattern) items and whether the last
/// had a trailing comma.
type PatternArgs = (Vec<(Option<Ident>, Box<Pattern>)>, bool);

pub fn class_pattern(cls: Expr, args: PatternArgs, span: Span) -> Pattern {
    let mut patterns = vec![];
    let mut kwd_names = vec![];
    let mut kwd_patterns = vec![];
    for (name, p) in args.0 {
        let p = *p;
        match name {
            Some(n) => {
                kwd_names.push(n);
                kwd_patterns.push(p);
            }
            None => patterns.push(p),
        }
    }
    Pattern {
        kind: PatternKind::Class {
            cls,
            patterns,
            kwd_names,
            kwd_patterns,
        },
        span,
    }
}

pub fn mapping_pattern(items: Vec<MappingItem>, span: Span) -> Pattern {
    let mut keys = vec![];
    let mut patterns = vec![];
    let mut rest = None;
    for i in items {
        match i {
            MappingItem::Entry(k, p) => {
                keys.push(k);
                patterns.push(*p);
            }
            MappingItem::Rest(n) => rest = Some(n),
        }
    }
    Pattern {
        kind: PatternKind::Mapping {
            keys,
            patterns,
            rest,
        },
        span,
    }
}

/// `double[:, ::1]` or `x[10]` as a type word: kept as a subscript expression for cdecl.rs.
pub fn subscript_word(w: Expr, s: Option<Expr>, span: Span) -> Expr {
    let index = s.unwrap_or_else(|| {
        Expr::new(
            ExprKind::Tuple(vec![]),
            Span::new(span.end as usize - 1, span.end as usize - 1),
        )
    });
    Expr::new(ExprKind::Subscript(Box::new(w), Box::new(index)), span)
}

/// The parser keeps large nodes boxed on its stack; the tree stores them inline.
pub fn unbox_vec<T>(v: Vec<Box<T>>) -> Vec<T> {
    v.into_iter().map(|b| *b).collect()
}

pub fn unbox_all(v: Vec<Box<Stmt>>, last: Box<Stmt>) -> Vec<Stmt> {
    let mut out = Vec::with_capacity(v.len() + 1);
    out.extend(v.into_iter().map(|b| *b));
    out.push(*last);
    out
}
