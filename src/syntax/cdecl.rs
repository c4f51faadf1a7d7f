//! Cython declarations: the grammar parses `cdef` lines permissively as a run of words plus a
//! C declarator (LALR(1) cannot tell `unsigned long long x` from `cdef f(x)` early); this module
//! decides which word is the name, which are modifiers, and builds the C types by C's
//! inside-out declarator rule (`int *a[3]` is an array of pointers, `int (*a)[3]` a pointer).

// The grammar hands its helpers boxed nonterminals (boxed to keep the parser's symbol
// stack small); unboxing happens here.
#![allow(clippy::boxed_local)]

use super::ast::*;
use super::build::Ctx;
use super::source::Dialect;
use crate::diagnostics::codes;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CdefKeyword {
    Cdef,
    Cpdef,
    Ctypedef,
    /// A line inside a declaration block (implicit `cdef`).
    Line,
}

/// Type words plus an optional declarator: a type in expression position (`<T>x`, `sizeof`).
#[derive(Clone, Debug)]
pub struct RawDecl {
    pub words: Vec<Expr>,
    pub declarator: Option<RawDeclarator>,
    pub span: Span,
}

/// The head of a declaration line: words, first declarator, function suffixes, C name.
#[derive(Clone, Debug)]
pub struct DeclHead {
    pub words: Vec<Expr>,
    pub declarator: Option<RawDeclarator>,
    pub suffixes: Vec<FuncSuffix>,
    pub cname: Option<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum RawDeclarator {
    /// No name (`char*` in a prototype or a cast).
    Abstract,
    /// A name with postfix arrays / parameter lists.
    Named(Ident, Vec<FuncSuffix>),
    /// `(params)` right after the words: the last word is a function's name.
    ImplicitCall(Vec<Box<RawParam>>),
    /// One entry per `*`, true when that pointer is `const`.
    Pointer(Vec<bool>, Box<RawDeclarator>),
    /// `( declarator )` followed by postfixes.
    Group(Box<RawDeclarator>, Vec<FuncSuffix>),
}

impl RawDeclarator {
    pub fn named(n: Ident, post: Vec<FuncSuffix>) -> RawDeclarator {
        RawDeclarator::Named(n, post)
    }
    pub fn pointers(n: Vec<bool>, inner: RawDeclarator) -> RawDeclarator {
        RawDeclarator::Pointer(n, Box::new(inner))
    }
    pub fn group(inner: RawDeclarator, post: Vec<FuncSuffix>) -> RawDeclarator {
        RawDeclarator::Group(Box::new(inner), post)
    }
}

#[derive(Clone, Debug)]
pub enum FuncSuffix {
    Array(Option<Expr>),
    Params(Vec<Box<RawParam>>),
    Except(ExceptionSpec, Span),
    Nogil,
    With(Ident),
}

#[derive(Clone, Debug)]
pub enum RawParam {
    Decl {
        head: Box<DeclHead>,
        annotation: Option<Expr>,
        default: Option<DefaultValue>,
        not_none: Option<bool>,
        span: Span,
    },
    Plain(Ident, Option<Expr>, Span),
    Star(Option<Ident>, Option<Expr>, Span),
    DoubleStar(Ident, Option<Expr>, Span),
    Slash(Span),
    Varargs(Span),
}

impl RawParam {
    pub fn decl(
        head: Box<DeclHead>,
        annotation: Option<Expr>,
        default: Option<DefaultValue>,
        not_none: Option<bool>,
        span: Span,
    ) -> RawParam {
        RawParam::Decl {
            head,
            annotation,
            default,
            not_none,
            span,
        }
    }
}

/// Words that qualify a declaration rather than name its type.
const QUALIFIERS: &[&str] = &[
    "public", "api", "readonly", "extern", "inline", "packed", "struct", "union", "enum", "fused",
];

/// Names that are C types on their own, so a lone one in a parameter list is unnamed.
const BASIC_TYPES: &[&str] = &[
    "int",
    "long",
    "short",
    "char",
    "float",
    "double",
    "void",
    "bint",
    "unsigned",
    "signed",
    "size_t",
    "Py_ssize_t",
    "Py_hash_t",
    "Py_UCS4",
    "Py_UNICODE",
    "ssize_t",
    "const",
];

/// C type keywords: after modifiers only (or alone) they are part of the type, not a name.
const C_TYPE_KEYWORDS: &[&str] = &[
    "int", "long", "short", "char", "float", "double", "void", "unsigned", "signed", "const",
];

/// Words that modify a C base type (`unsigned long long`, `const char`).
const C_MODIFIER_WORDS: &[&str] = &["unsigned", "signed", "short", "long", "const", "volatile"];

#[derive(Default)]
struct Qualifiers {
    words: Vec<(String, Span)>,
}

impl Qualifiers {
    fn has(&self, w: &str) -> bool {
        self.words.iter().any(|(q, _)| q == w)
    }
    fn visibility(&self) -> Visibility {
        if self.has("extern") {
            Visibility::Extern
        } else if self.has("api") {
            Visibility::Api
        } else if self.has("public") {
            Visibility::Public
        } else if self.has("readonly") {
            Visibility::Readonly
        } else {
            Visibility::Private
        }
    }
}

fn word_name(ctx: &Ctx, w: &Expr) -> Option<&'static str> {
    match w.kind {
        ExprKind::Name(n) => {
            let t = ctx.text(n.span);
            QUALIFIERS
                .iter()
                .chain(BASIC_TYPES)
                .find(|q| **q == t)
                .copied()
        }
        _ => None,
    }
}

/// Splits the leading qualifier words off.
fn take_qualifiers(ctx: &Ctx, words: &mut Vec<Expr>, allow_empty: bool) -> Qualifiers {
    let mut q = Qualifiers::default();
    while words.len() > 1 || (allow_empty && !words.is_empty()) {
        match word_name(ctx, &words[0]) {
            Some(w) if QUALIFIERS.contains(&w) => {
                q.words.push((w.to_string(), words[0].span));
                words.remove(0);
            }
            _ => break,
        }
    }
    q
}

/// The base type named by `words` (all of them): modifiers, then an optional (dotted,
/// possibly subscripted) name.
fn base_type(ctx: &Ctx, words: &[Expr]) -> CType {
    let span = match (words.first(), words.last()) {
        (Some(a), Some(b)) => a.span.to(b.span),
        _ => Span::default(),
    };
    // `unsigned char[:]`, `double complex[:, ::1]`: the view applies to all the words.
    if let (
        true,
        Some(Expr {
            kind: ExprKind::Subscript(inner, index),
            ..
        }),
    ) = (words.len() > 1, words.last())
    {
        let mut plain = words.to_vec();
        *plain.last_mut().expect("non-empty") = (**inner).clone();
        let base = base_type(ctx, &plain);
        return CType {
            kind: CTypeKind::MemoryView {
                base: Box::new(base),
                axes: axes_of(index),
            },
            span,
        };
    }
    let mut modifiers = Vec::new();
    let mut name: Option<&Expr> = None;
    for (i, w) in words.iter().enumerate() {
        let modifier = match &w.kind {
            ExprKind::Name(n) => match ctx.text(n.span) {
                "unsigned" => Some(CModifier::Unsigned),
                "signed" => Some(CModifier::Signed),
                "short" => Some(CModifier::Short),
                "long" => Some(CModifier::Long),
                "const" => Some(CModifier::Const),
                "volatile" => Some(CModifier::Volatile),
                "complex" if name.is_some() => Some(CModifier::Complex),
                _ => None,
            },
            _ => None,
        };
        match modifier {
            Some(m) if name.is_none() => modifiers.push(m),
            Some(m @ (CModifier::Const | CModifier::Complex)) => modifiers.push(m),
            _ if name.is_none() => name = Some(w),
            _ => {
                ctx.error(codes::DECLARATION, w.span, "unexpected word in a C type");
                let _ = i;
            }
        }
    }
    match name {
        None => CType {
            kind: CTypeKind::Base {
                modifiers,
                name: None,
            },
            span,
        },
        Some(w) => named_type(ctx, w, modifiers, span),
    }
}

/// `double`, `libc.stdint.int64_t`, `double[:, ::1]`, `(int, double)`.
fn named_type(ctx: &Ctx, w: &Expr, modifiers: Vec<CModifier>, span: Span) -> CType {
    match &w.kind {
        ExprKind::Subscript(base, index) => {
            let base = named_type(ctx, base, modifiers, base.span);
            let axes = match &index.kind {
                ExprKind::Tuple(items) => items.clone(),
                _ => vec![(**index).clone()],
            };
            CType {
                kind: CTypeKind::MemoryView {
                    base: Box::new(base),
                    axes,
                },
                span,
            }
        }
        // A ctuple word: the tuple holds its member types as casts (see `ctuple_word`).
        ExprKind::Tuple(items) => {
            let types = items
                .iter()
                .filter_map(|i| match &i.kind {
                    ExprKind::Cast { ty, .. } => Some((**ty).clone()),
                    _ => None,
                })
                .collect();
            CType {
                kind: CTypeKind::CTuple(types),
                span,
            }
        }
        _ => match dotted(w) {
            Some(name) => CType {
                kind: CTypeKind::Base {
                    modifiers,
                    name: Some(name),
                },
                span,
            },
            None => {
                ctx.error(codes::DECLARATION, w.span, "expected a C type");
                CType {
                    kind: CTypeKind::Base {
                        modifiers,
                        name: None,
                    },
                    span,
                }
            }
        },
    }
}

/// The axes of a memoryview subscript (`[:, ::1]` has two).
fn axes_of(index: &Expr) -> Vec<Expr> {
    match &index.kind {
        ExprKind::Tuple(items) => items.clone(),
        _ => vec![index.clone()],
    }
}

/// `a.b.c` written as an expression, as a dotted name.
pub fn dotted(e: &Expr) -> Option<DottedName> {
    match &e.kind {
        ExprKind::Name(n) => Some(DottedName {
            parts: vec![*n],
            span: e.span,
        }),
        ExprKind::Attribute(v, n) => {
            let mut d = dotted(v)?;
            d.parts.push(*n);
            d.span = e.span;
            Some(d)
        }
        _ => None,
    }
}

/// Applies postfix `[n]` and `(params)` to `base` (C reads them right to left).
fn apply_postfix(ctx: &Ctx, post: Vec<FuncSuffix>, mut base: CType) -> CType {
    for p in post.into_iter().rev() {
        let span = base.span;
        base = match p {
            FuncSuffix::Array(n) => CType {
                kind: CTypeKind::Array(Box::new(base), n.map(Box::new)),
                span,
            },
            FuncSuffix::Params(raw) => {
                let params = params(ctx, raw, span, true);
                let f = CFuncType {
                    ret: base,
                    params,
                    exception: ExceptionSpec::Default,
                    nogil: false,
                    with_gil: false,
                };
                CType {
                    kind: CTypeKind::Function(Box::new(f)),
                    span,
                }
            }
            other => {
                attach_suffixes(ctx, &mut base, vec![other]);
                base
            }
        };
    }
    base
}

/// C's inside-out rule: returns the declared name (if any) and its full type.
fn apply(ctx: &Ctx, d: RawDeclarator, base: CType) -> (Option<Ident>, CType) {
    match d {
        RawDeclarator::Abstract => (None, base),
        RawDeclarator::Named(n, post) => (Some(n), apply_postfix(ctx, post, base)),
        RawDeclarator::Pointer(levels, inner) => {
            let mut t = base;
            for is_const in levels {
                let span = t.span;
                t = CType {
                    kind: CTypeKind::Pointer(Box::new(t)),
                    span,
                };
                if is_const {
                    t = CType {
                        kind: CTypeKind::Const(Box::new(t)),
                        span,
                    };
                }
            }
            apply(ctx, *inner, t)
        }
        RawDeclarator::Group(inner, post) => {
            let t = apply_postfix(ctx, post, base);
            apply(ctx, *inner, t)
        }
        RawDeclarator::ImplicitCall(raw) => (
            None,
            apply_postfix(ctx, vec![FuncSuffix::Params(raw)], base),
        ),
    }
}

/// A name word (possibly `x[10][3]`) applied to `base`.
fn name_word(w: &Expr, base: CType) -> Option<(Ident, CType)> {
    match &w.kind {
        ExprKind::Name(n) => Some((*n, base)),
        ExprKind::Subscript(inner, idx) => {
            let size = match &idx.kind {
                ExprKind::Tuple(items) if items.is_empty() => None,
                _ => Some(idx.clone()),
            };
            let span = base.span;
            name_word(
                inner,
                CType {
                    kind: CTypeKind::Array(Box::new(base), size),
                    span,
                },
            )
        }
        _ => None,
    }
}

/// Finds the function type inside pointers/arrays and records `except`/`nogil`/`with gil`.
fn attach_suffixes(ctx: &Ctx, ty: &mut CType, suffixes: Vec<FuncSuffix>) {
    if suffixes.is_empty() {
        return;
    }
    let mut t = ty;
    loop {
        match &mut t.kind {
            CTypeKind::Pointer(inner) | CTypeKind::Array(inner, _) => t = inner,
            CTypeKind::Function(f) => {
                for s in suffixes {
                    match s {
                        FuncSuffix::Except(spec, _) => f.exception = spec,
                        FuncSuffix::Nogil => f.nogil = true,
                        FuncSuffix::With(n) => {
                            if ctx.text(n.span) == "gil" {
                                f.with_gil = true;
                            } else {
                                ctx.error(codes::SYNTAX, n.span, "expected 'gil' after 'with'");
                            }
                        }
                        FuncSuffix::Array(_) | FuncSuffix::Params(_) => {}
                    }
                }
                return;
            }
            _ => {
                let span = match &suffixes[0] {
                    FuncSuffix::Except(_, s) => *s,
                    _ => t.span,
                };
                ctx.error(
                    codes::DECLARATION,
                    span,
                    "exception and gil specifications are only allowed on C functions",
                );
                return;
            }
        }
    }
}

/// A type written in expression position.
pub fn type_of(ctx: &Ctx, raw: RawDecl) -> CType {
    let base = base_type(ctx, &raw.words);
    match raw.declarator {
        None => base,
        Some(d) => {
            let (name, t) = apply(ctx, d, base);
            if let Some(n) = name {
                ctx.error(
                    codes::DECLARATION,
                    n.span,
                    "a type here cannot declare a name",
                );
            }
            t
        }
    }
}

/// The declared name and type of a declaration head. `implicit_object`: a lone word is a name
/// of type object (`cdef x`), as in variable declarations.
fn declared(
    ctx: &Ctx,
    mut head: DeclHead,
    lone_basic_is_type: bool,
) -> (Qualifiers, Option<Ident>, CType, Option<String>) {
    let q = take_qualifiers(ctx, &mut head.words, !lone_basic_is_type);
    let cname = head.cname.as_ref().and_then(|c| match &c.kind {
        ExprKind::Str(s) => Some(s.clone()),
        _ => None,
    });
    if head.words.is_empty() {
        // Only qualifiers: an anonymous `cdef enum:`.
        return (q, None, object_type(head.span), cname);
    }
    let (name, mut ty) = match head.declarator {
        Some(RawDeclarator::ImplicitCall(raw)) => {
            let (last, rest) = head.words.split_last().expect("words are never empty");
            let base = if rest.is_empty() {
                object_type(last.span)
            } else {
                base_type(ctx, rest)
            };
            let t = apply_postfix(ctx, vec![FuncSuffix::Params(raw)], base);
            match name_word(last, t.clone()) {
                Some((n, t)) => (Some(n), t),
                None => {
                    ctx.error(codes::DECLARATION, last.span, "expected a function name");
                    (None, t)
                }
            }
        }
        Some(d) => {
            let base = base_type(ctx, &head.words);
            apply(ctx, d, base)
        }
        None => {
            let (last, rest) = head.words.split_last().expect("words are never empty");
            let last_word = word_name(ctx, last);
            // As in Cython, C type keywords after modifiers only still belong to the type:
            // `unsigned long` and `cdef int` declare no name (but `unsigned int unsigned` does).
            let only_modifiers = rest.iter().all(|w| {
                matches!(&w.kind, ExprKind::Name(n)
                    if C_MODIFIER_WORDS.contains(&ctx.text(n.span)))
            });
            if (only_modifiers && last_word.is_some_and(|w| C_TYPE_KEYWORDS.contains(&w)))
                || (rest.is_empty()
                    && lone_basic_is_type
                    && last_word.is_some_and(|w| BASIC_TYPES.contains(&w)))
            {
                (None, base_type(ctx, &head.words))
            } else {
                let base = if rest.is_empty() {
                    object_type(last.span)
                } else {
                    base_type(ctx, rest)
                };
                match name_word(last, base.clone()) {
                    Some((n, t)) => (Some(n), t),
                    None => {
                        ctx.error(codes::DECLARATION, last.span, "expected a name to declare");
                        (None, base)
                    }
                }
            }
        }
    };
    attach_suffixes(ctx, &mut ty, head.suffixes);
    (q, name, ty, cname)
}

/// The type of an untyped declaration (`cdef x`): a Python object.
fn object_type(span: Span) -> CType {
    CType::object(Span::new(span.start as usize, span.start as usize))
}

/// Sorts parameters into positional-only, normal, `*args`, keyword-only and `**kwargs`,
/// checking what CPython checks (order, defaults, duplicates).
pub fn params(ctx: &Ctx, raw: Vec<Box<RawParam>>, span: Span, c_function: bool) -> Params {
    let mut p = Params {
        span,
        ..Params::default()
    };
    let mut saw_star = false;
    let mut saw_default = false;
    let mut bare_star: Option<Span> = None;
    let mut names: Vec<(String, Span)> = Vec::new();
    let mut remember = |ctx: &Ctx, n: &Ident| {
        let text = ctx.text(n.span).to_string();
        if names.iter().any(|(o, _)| *o == text) {
            ctx.error(
                codes::ARGUMENTS,
                n.span,
                format!("duplicate argument '{text}' in function definition"),
            );
        }
        names.push((text, n.span));
    };
    let count = raw.len();
    for (i, r) in raw.into_iter().map(|r| *r).enumerate() {
        if p.kwarg.is_some() {
            ctx.error(
                codes::ARGUMENTS,
                raw_span(&r),
                "arguments cannot follow var-keyword argument",
            );
        }
        match r {
            RawParam::Slash(s) => {
                if saw_star {
                    ctx.error(codes::ARGUMENTS, s, "/ must be ahead of *");
                } else if !p.posonly.is_empty() {
                    ctx.error(codes::ARGUMENTS, s, "/ may appear only once");
                } else if p.args.is_empty() {
                    ctx.error(codes::ARGUMENTS, s, "at least one argument must precede /");
                }
                p.posonly = std::mem::take(&mut p.args);
            }
            RawParam::Varargs(s) => {
                if i + 1 != count || !c_function {
                    ctx.error(
                        codes::ARGUMENTS,
                        s,
                        "'...' is only allowed last in a C function declaration",
                    );
                }
                p.c_varargs = true;
            }
            RawParam::Star(name, annotation, s) => {
                if saw_star {
                    ctx.error(codes::ARGUMENTS, s, "* argument may appear only once");
                }
                saw_star = true;
                match name {
                    Some(n) => {
                        remember(ctx, &n);
                        p.vararg = Some(Param {
                            name: Some(n),
                            annotation,
                            ctype: None,
                            default: None,
                            not_none: None,
                            span: s,
                        });
                    }
                    None => bare_star = Some(s),
                }
            }
            RawParam::DoubleStar(n, annotation, s) => {
                remember(ctx, &n);
                p.kwarg = Some(Param {
                    name: Some(n),
                    annotation,
                    ctype: None,
                    default: None,
                    not_none: None,
                    span: s,
                });
            }
            RawParam::Plain(n, default, s) => {
                remember(ctx, &n);
                let param = Param {
                    name: Some(n),
                    annotation: None,
                    ctype: None,
                    default: default.map(DefaultValue::Value),
                    not_none: None,
                    span: s,
                };
                push_param(ctx, &mut p, param, saw_star, &mut saw_default);
            }
            RawParam::Decl {
                head,
                annotation,
                default,
                not_none,
                span: s,
            } => {
                let (q, name, ty, _) = declared(ctx, *head, true);
                if let Some((w, ws)) = q.words.first() {
                    ctx.error(
                        codes::DECLARATION,
                        *ws,
                        format!("'{w}' is not allowed on a parameter"),
                    );
                }
                if let Some(n) = &name {
                    remember(ctx, n);
                }
                let untyped = matches!(&ty.kind, CTypeKind::Base { modifiers, name: None } if modifiers.is_empty())
                    && ty.span.start == ty.span.end;
                let param = Param {
                    name,
                    annotation,
                    ctype: if untyped { None } else { Some(ty) },
                    default,
                    not_none,
                    span: s,
                };
                push_param(ctx, &mut p, param, saw_star, &mut saw_default);
            }
        }
    }
    if let Some(s) = bare_star {
        if p.kwonly.is_empty() {
            ctx.error(codes::ARGUMENTS, s, "named arguments must follow bare *");
        }
    }
    p
}

fn push_param(ctx: &Ctx, p: &mut Params, param: Param, saw_star: bool, saw_default: &mut bool) {
    if saw_star {
        p.kwonly.push(param);
        return;
    }
    if param.default.is_some() {
        *saw_default = true;
    } else if *saw_default {
        ctx.error(
            codes::ARGUMENTS,
            param.span,
            "non-default argument follows default argument",
        );
    }
    p.args.push(param);
}

fn raw_span(r: &RawParam) -> Span {
    match r {
        RawParam::Decl { span, .. } | RawParam::Plain(_, _, span) | RawParam::Star(_, _, span) => {
            *span
        }
        RawParam::DoubleStar(_, _, span) | RawParam::Slash(span) | RawParam::Varargs(span) => *span,
    }
}

fn header_string(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Str(s) => Some(s.clone()),
        _ => None,
    }
}

impl<'s> Ctx<'s> {
    fn require_cython(&self, span: Span) {
        if self.dialect == Dialect::Python {
            self.error(
                codes::SYNTAX,
                span,
                "invalid syntax: Cython declarations are not allowed in a .py file",
            );
        }
    }

    /// `(int, double)` as a type word: a tuple whose items carry the member types as casts of
    /// `...`, so the word can ride in the `Expr` list until `named_type` unpacks it.
    pub fn ctuple_word(&self, types: Vec<Box<RawDecl>>, span: Span) -> Expr {
        let items = types
            .into_iter()
            .map(|t| {
                let s = t.span;
                let ty = type_of(self, *t);
                let expr = Box::new(Expr::new(ExprKind::Ellipsis, s));
                Expr::new(
                    ExprKind::Cast {
                        ty: Box::new(ty),
                        checked: false,
                        expr,
                    },
                    s,
                )
            })
            .collect();
        Expr::new(ExprKind::Tuple(items), span)
    }

    /// `cdef:` — a block whose lines are declarations.
    pub fn cdef_block(
        &self,
        k: (CdefKeyword, Span),
        _mods: Vec<Expr>,
        body: Vec<Stmt>,
        span: Span,
    ) -> Stmt {
        self.require_cython(k.1);
        Stmt::new(
            StmtKind::DeclBlock {
                visibility: Visibility::Private,
                body,
            },
            span,
        )
    }

    pub fn cdef_class(
        &self,
        k: (CdefKeyword, Span),
        mut mods: Vec<Expr>,
        name: Ident,
        args: Vec<Arg>,
        body: Vec<Stmt>,
        span: Span,
    ) -> Stmt {
        self.require_cython(k.1);
        let q = take_qualifiers(self, &mut mods, true);
        let mut visibility = q.visibility();
        for m in &mods {
            match word_name(self, m) {
                Some("public") => visibility = Visibility::Public,
                Some("api") => visibility = Visibility::Api,
                _ => self.error(codes::DECLARATION, m.span, "unexpected word before 'class'"),
            }
        }
        if k.0 != CdefKeyword::Cdef {
            self.error(
                codes::DECLARATION,
                k.1,
                "extension types are declared with 'cdef class'",
            );
        }
        let c = ClassDef {
            name,
            args,
            body,
            decorators: vec![],
            is_cdef: true,
            visibility,
        };
        Stmt::new(StmtKind::ClassDef(Box::new(c)), span)
    }

    pub fn extern_block(
        &self,
        k: (CdefKeyword, Span),
        e: Ident,
        header: Option<Expr>,
        nogil: bool,
        body: Vec<Stmt>,
        span: Span,
    ) -> Stmt {
        self.require_cython(k.1);
        if self.text(e.span) != "extern" {
            self.error(
                codes::SYNTAX,
                e.span,
                "invalid syntax: expected 'extern' before 'from'",
            );
        }
        let header = header.as_ref().and_then(header_string);
        Stmt::new(
            StmtKind::Extern(Box::new(ExternBlock {
                header,
                nogil,
                body,
            })),
            span,
        )
    }

    /// A declaration head followed by a block: a C function definition, or a struct, union,
    /// enum or fused type body.
    pub fn cdef_with_body(
        &self,
        k: (CdefKeyword, Span),
        head: Box<DeclHead>,
        body: Vec<Stmt>,
        span: Span,
    ) -> Stmt {
        self.require_cython(k.1);
        let head_span = head.span;
        let (q, name, ty, cname) = declared(self, *head, false);
        let typedef = k.0 == CdefKeyword::Ctypedef;
        if q.has("struct") || q.has("union") {
            let Some(name) = name else {
                return self.invalid_decl(head_span, span);
            };
            // A `pass` body (`struct opaque: pass`) declares the struct without its fields.
            let only_pass = body.iter().all(|s| matches!(s.kind, StmtKind::Pass));
            let fields: Vec<CVar> = body
                .into_iter()
                .filter_map(|s| self.field_of(s))
                .flatten()
                .collect();
            let def = CStructDef {
                name,
                is_union: q.has("union"),
                packed: q.has("packed"),
                is_typedef: typedef,
                visibility: q.visibility(),
                cname,
                fields: (!only_pass).then_some(fields),
            };
            return Stmt::new(StmtKind::CStruct(Box::new(def)), span);
        }
        if q.has("enum") {
            let members = body
                .into_iter()
                .flat_map(|s| self.enum_members(s))
                .collect();
            let def = CEnumDef {
                name,
                is_cpdef: k.0 == CdefKeyword::Cpdef,
                is_typedef: typedef,
                visibility: q.visibility(),
                members,
            };
            return Stmt::new(StmtKind::CEnum(Box::new(def)), span);
        }
        if q.has("fused") {
            let Some(name) = name else {
                return self.invalid_decl(head_span, span);
            };
            let types = body
                .into_iter()
                .filter_map(|s| self.fused_member(s))
                .collect();
            return Stmt::new(StmtKind::Fused { name, types }, span);
        }
        if let (Some(name), CTypeKind::Function(_)) = (name, &ty.kind) {
            let CTypeKind::Function(f) = ty.kind else {
                unreachable!("matched above")
            };
            if typedef {
                self.error(
                    codes::DECLARATION,
                    head_span,
                    "a ctypedef cannot have a body",
                );
            }
            let def = CFunctionDef {
                name,
                ty: *f,
                is_cpdef: k.0 == CdefKeyword::Cpdef,
                inline: q.has("inline"),
                visibility: q.visibility(),
                cname,
                body: Some(body),
                decorators: vec![],
            };
            return Stmt::new(StmtKind::CFunction(Box::new(def)), span);
        }
        if q.words
            .iter()
            .all(|(w, _)| matches!(w.as_str(), "public" | "api" | "readonly"))
            && !q.words.is_empty()
            && name.is_none()
        {
            return Stmt::new(
                StmtKind::DeclBlock {
                    visibility: q.visibility(),
                    body,
                },
                span,
            );
        }
        self.error(
            codes::SYNTAX,
            head_span,
            "invalid syntax: only C functions, structs, unions, enums and fused types have a block",
        );
        Stmt::new(StmtKind::Invalid, span)
    }

    fn invalid_decl(&self, head: Span, span: Span) -> Stmt {
        self.error(codes::DECLARATION, head, "expected a name to declare");
        Stmt::new(StmtKind::Invalid, span)
    }

    fn field_of(&self, s: Stmt) -> Option<Vec<CVar>> {
        match s.kind {
            StmtKind::CVarDecl(d) => Some(d.vars),
            StmtKind::Pass | StmtKind::Invalid => None,
            StmtKind::Expr(Expr {
                kind: ExprKind::Str(_),
                ..
            }) => None,
            _ => {
                self.error(codes::DECLARATION, s.span, "expected a field declaration");
                None
            }
        }
    }

    fn enum_members(&self, s: Stmt) -> Vec<(Ident, Option<Expr>)> {
        match s.kind {
            StmtKind::CVarDecl(d) => d.vars.into_iter().map(|v| (v.name, v.value)).collect(),
            StmtKind::Expr(e) => match e.kind {
                ExprKind::Name(n) => vec![(n, None)],
                ExprKind::Tuple(items) => items
                    .into_iter()
                    .filter_map(|i| match i.kind {
                        ExprKind::Name(n) => Some((n, None)),
                        _ => {
                            self.error(codes::DECLARATION, i.span, "expected an enum member name");
                            None
                        }
                    })
                    .collect(),
                ExprKind::Str(_) => vec![],
                _ => {
                    self.error(codes::DECLARATION, e.span, "expected an enum member");
                    vec![]
                }
            },
            StmtKind::Assign { mut targets, value } if targets.len() == 1 => {
                match targets.pop().map(|t| t.kind) {
                    Some(ExprKind::Name(n)) => vec![(n, Some(value))],
                    _ => {
                        self.error(codes::DECLARATION, s.span, "expected an enum member");
                        vec![]
                    }
                }
            }
            StmtKind::Pass | StmtKind::Invalid => vec![],
            _ => {
                self.error(codes::DECLARATION, s.span, "expected an enum member");
                vec![]
            }
        }
    }

    /// A `fused` member line: `int`, `unsigned int`, `double*` (parsed as declarations, so a
    /// lone or last word came back as a name).
    fn fused_member(&self, s: Stmt) -> Option<CType> {
        match s.kind {
            StmtKind::CTypeLine(t) => Some(t),
            StmtKind::CVarDecl(mut d) if d.vars.len() == 1 => {
                let v = d.vars.pop().expect("one var");
                let name = DottedName {
                    parts: vec![v.name],
                    span: v.name.span,
                };
                match v.ty.kind {
                    CTypeKind::Base {
                        modifiers,
                        name: None,
                    } => Some(CType {
                        kind: CTypeKind::Base {
                            modifiers,
                            name: Some(name),
                        },
                        span: v.span,
                    }),
                    _ => {
                        self.error(codes::DECLARATION, v.span, "expected a type");
                        None
                    }
                }
            }
            StmtKind::Expr(Expr {
                kind: ExprKind::Name(n),
                span,
            }) => Some(CType {
                kind: CTypeKind::Base {
                    modifiers: vec![],
                    name: Some(DottedName {
                        parts: vec![n],
                        span,
                    }),
                },
                span,
            }),
            StmtKind::Pass | StmtKind::Invalid => None,
            _ => {
                self.error(codes::DECLARATION, s.span, "expected a type");
                None
            }
        }
    }

    /// Declarations without a block: variables, prototypes, typedefs, forward declarations.
    pub fn cdef_decls(
        &self,
        k: (CdefKeyword, Span),
        head: Box<DeclHead>,
        value: Option<Expr>,
        more: Vec<Box<(RawDeclarator, Option<Expr>, Span)>>,
        span: Span,
    ) -> Stmt {
        self.require_cython(k.1);
        let head_span = head.span;
        let words_for_more = head.words.clone();
        let (q, name, ty, cname) = declared(self, *head, false);
        let typedef = k.0 == CdefKeyword::Ctypedef;
        if q.has("struct") || q.has("union") {
            if let Some(name) = name {
                let def = CStructDef {
                    name,
                    is_union: q.has("union"),
                    packed: q.has("packed"),
                    is_typedef: typedef,
                    visibility: q.visibility(),
                    cname,
                    fields: None,
                };
                return Stmt::new(StmtKind::CStruct(Box::new(def)), span);
            }
        }
        let Some(name) = name else {
            if k.0 == CdefKeyword::Line && more.is_empty() && value.is_none() {
                return Stmt::new(StmtKind::CTypeLine(ty), span);
            }
            return self.invalid_decl(head_span, span);
        };
        if typedef {
            if value.is_some() || !more.is_empty() {
                self.error(
                    codes::DECLARATION,
                    span,
                    "a ctypedef declares one name and has no value",
                );
            }
            return Stmt::new(
                StmtKind::CTypedef {
                    ty,
                    name,
                    visibility: q.visibility(),
                },
                span,
            );
        }
        if let CTypeKind::Function(_) = &ty.kind {
            if more.is_empty() && value.is_none() {
                let CTypeKind::Function(f) = ty.kind else {
                    unreachable!("matched above")
                };
                let def = CFunctionDef {
                    name,
                    ty: *f,
                    is_cpdef: k.0 == CdefKeyword::Cpdef,
                    inline: q.has("inline"),
                    visibility: q.visibility(),
                    cname,
                    body: None,
                    decorators: vec![],
                };
                return Stmt::new(StmtKind::CFunction(Box::new(def)), span);
            }
        }
        let mut vars = vec![CVar {
            name,
            ty,
            value,
            cname,
            span: head_span,
        }];
        if !more.is_empty() {
            // Later declarators share the base type words (`cdef int a, *b`).
            let mut words = words_for_more;
            let _ = take_qualifiers(self, &mut words, true);
            let base = match words.split_last() {
                Some((_, rest))
                    if !rest.is_empty()
                        && vars[0].name.span
                            == words.last().map(inner_name_span).unwrap_or_default() =>
                {
                    base_type(self, rest)
                }
                Some((_, [])) => object_type(words[0].span),
                _ => base_type(self, &words),
            };
            for (d, v, s) in more.into_iter().map(|m| *m) {
                let (n, t) = apply(self, d, base.clone());
                match n {
                    Some(n) => vars.push(CVar {
                        name: n,
                        ty: t,
                        value: v,
                        cname: None,
                        span: s,
                    }),
                    None => self.error(codes::DECLARATION, s, "expected a name to declare"),
                }
            }
        }
        let decl = CVarDecl {
            visibility: q.visibility(),
            is_cpdef: k.0 == CdefKeyword::Cpdef,
            vars,
        };
        Stmt::new(StmtKind::CVarDecl(Box::new(decl)), span)
    }
}

/// The span of the name inside a (possibly subscripted) name word.
fn inner_name_span(w: &Expr) -> Span {
    match &w.kind {
        ExprKind::Subscript(inner, _) => inner_name_span(inner),
        _ => w.span,
    }
}
