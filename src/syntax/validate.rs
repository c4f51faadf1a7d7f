//! Syntax checks that need context the grammar does not have, as CPython's compiler makes
//! them: `break`/`continue` outside loops, `return`/`yield`/`await` outside functions,
//! `nonlocal` without a binding, `from __future__` placement, `import *` in functions, starred
//! expressions out of place; and Cython's placement rules for `cdef` statements.

use super::ast::*;
use super::build::Ctx;
use super::walk::for_each_child;
use crate::diagnostics::codes;

const FUTURE_FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum ScopeKind {
    Module,
    Class,
    Function,
}

#[derive(Clone, Copy)]
struct Context {
    scope: ScopeKind,
    in_loop: bool,
    is_async: bool,
    /// Directly in a function or module body, not inside a control-flow block.
    top_of_body: bool,
    /// Inside a `cdef class` body.
    in_cdef_class: bool,
    /// Inside a `cdef extern` block, `cdef:` block or struct (declarations only).
    in_decl_block: bool,
}

struct Checker<'c, 's, 'm> {
    ctx: &'c Ctx<'s>,
    /// The enclosing function scopes (innermost last): their parameters and body, from which
    /// the names they bind are collected only when a `nonlocal` asks.
    functions: Vec<(&'m Params, &'m [Stmt])>,
}

pub fn check_module(ctx: &Ctx, module: &Module) {
    let mut c = Checker {
        ctx,
        functions: Vec::new(),
    };
    c.check_future_imports(&module.body);
    let cx = Context {
        scope: ScopeKind::Module,
        in_loop: false,
        is_async: false,
        top_of_body: true,
        in_cdef_class: false,
        in_decl_block: false,
    };
    c.stmts(&module.body, cx);
}

impl<'c, 's, 'm> Checker<'c, 's, 'm> {
    fn error(&self, span: Span, msg: impl Into<String>) {
        self.ctx.error(codes::CONTEXT, span, msg);
    }

    fn text(&self, span: Span) -> &'s str {
        self.ctx.text(span)
    }

    fn check_future_imports(&self, body: &[Stmt]) {
        let mut at_start = true;
        for (i, s) in body.iter().enumerate() {
            match &s.kind {
                StmtKind::Expr(Expr {
                    kind: ExprKind::Str(_),
                    ..
                }) if i == 0 => {}
                StmtKind::ImportFrom {
                    level: 0,
                    module: Some(m),
                    names,
                } if m.parts.len() == 1 && self.text(m.span) == "__future__" => {
                    if !at_start {
                        self.ctx.error(
                            codes::FUTURE,
                            s.span,
                            "from __future__ imports must occur at the beginning of the file",
                        );
                    }
                    for a in names {
                        let name = self.text(a.name.span);
                        if name == "braces" {
                            self.ctx.error(codes::FUTURE, a.span, "not a chance");
                        } else if !FUTURE_FEATURES.contains(&name) {
                            self.ctx.error(
                                codes::FUTURE,
                                a.span,
                                format!("future feature {name} is not defined"),
                            );
                        }
                    }
                    if names.is_empty() {
                        self.ctx
                            .error(codes::FUTURE, s.span, "future feature * is not defined");
                    }
                }
                _ => at_start = false,
            }
        }
    }

    fn stmts(&mut self, body: &'m [Stmt], cx: Context) {
        for s in body {
            self.stmt(s, cx);
        }
    }

    fn block(&mut self, body: &'m [Stmt], cx: Context) {
        self.stmts(
            body,
            Context {
                top_of_body: false,
                ..cx
            },
        );
    }

    fn loop_body(&mut self, body: &'m [Stmt], cx: Context) {
        self.stmts(
            body,
            Context {
                top_of_body: false,
                in_loop: true,
                ..cx
            },
        );
    }

    fn stmt(&mut self, s: &'m Stmt, cx: Context) {
        match &s.kind {
            StmtKind::Expr(e) => {
                self.no_bare_star(e);
                self.expr(e, cx);
            }
            StmtKind::Assign { targets, value } => {
                self.no_bare_star(value);
                for t in targets {
                    self.expr(t, cx);
                }
                self.expr(value, cx);
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target, cx);
                self.expr(value, cx);
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => {
                self.expr(target, cx);
                self.expr(annotation, cx);
                if let Some(v) = value {
                    self.expr(v, cx);
                }
            }
            StmtKind::Break | StmtKind::Continue if !cx.in_loop => {
                let word = if matches!(s.kind, StmtKind::Break) {
                    "break"
                } else {
                    "continue"
                };
                self.error(s.span, format!("'{word}' outside loop"));
            }
            StmtKind::Return(v) => {
                if cx.scope != ScopeKind::Function {
                    self.error(s.span, "'return' outside function");
                }
                if let Some(v) = v {
                    self.no_bare_star(v);
                    self.expr(v, cx);
                }
            }
            StmtKind::Raise { exc, cause } => {
                for e in exc.iter().chain(cause) {
                    self.expr(e, cx);
                }
            }
            StmtKind::Nonlocal(names) => self.check_nonlocal(s.span, names, cx),
            StmtKind::Del(targets) => {
                for t in targets {
                    self.expr(t, cx);
                }
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test, cx);
                if let Some(m) = msg {
                    self.expr(m, cx);
                }
            }
            StmtKind::ImportFrom { names, .. } | StmtKind::FromCImport { names, .. }
                if names.is_empty() && cx.scope != ScopeKind::Module =>
            {
                self.error(s.span, "import * only allowed at module level");
            }
            // Module-level includes were expanded; Cython allows no others.
            StmtKind::Include(_) if cx.scope != ScopeKind::Module || !cx.top_of_body => {
                self.error(s.span, "include statement not allowed here");
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test, cx);
                if matches!(s.kind, StmtKind::While { .. }) {
                    self.loop_body(body, cx);
                } else {
                    self.block(body, cx);
                }
                self.block(orelse, cx);
            }
            StmtKind::For {
                is_async,
                target,
                iter,
                body,
                orelse,
            } => {
                if *is_async && !cx.is_async {
                    self.error(s.span, "'async for' outside async function");
                }
                self.expr(target, cx);
                self.expr(iter, cx);
                self.loop_body(body, cx);
                self.block(orelse, cx);
            }
            StmtKind::ForFrom(f) => {
                self.expr(&f.lower, cx);
                self.expr(&f.upper, cx);
                if let Some(st) = &f.step {
                    self.expr(st, cx);
                }
                self.loop_body(&f.body, cx);
                self.block(&f.orelse, cx);
            }
            StmtKind::With {
                is_async,
                items,
                body,
            } => {
                if *is_async && !cx.is_async {
                    self.error(s.span, "'async with' outside async function");
                }
                for i in items {
                    self.expr(&i.context, cx);
                    if let Some(t) = &i.target {
                        self.expr(t, cx);
                    }
                }
                self.block(body, cx);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                star,
            } => {
                self.block(body, cx);
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t, cx);
                    }
                    // `break`/`continue`/`return` directly in an except* block are errors.
                    let hcx = if *star {
                        Context {
                            in_loop: false,
                            ..cx
                        }
                    } else {
                        cx
                    };
                    self.block(&h.body, hcx);
                }
                self.block(orelse, cx);
                self.block(finalbody, cx);
            }
            StmtKind::FunctionDef(f) => self.function(f, cx),
            StmtKind::ClassDef(c) => {
                for d in &c.decorators {
                    self.expr(d, cx);
                }
                for a in &c.args {
                    self.arg(a, cx);
                }
                if c.is_cdef && cx.scope != ScopeKind::Module {
                    self.error(s.span, "cdef class definition not allowed here");
                }
                let ccx = Context {
                    scope: ScopeKind::Class,
                    in_loop: false,
                    is_async: false,
                    top_of_body: true,
                    in_cdef_class: c.is_cdef,
                    in_decl_block: false,
                };
                self.stmts(&c.body, ccx);
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject, cx);
                for case in cases {
                    if let Some(g) = &case.guard {
                        self.expr(g, cx);
                    }
                    self.block(&case.body, cx);
                }
            }
            StmtKind::CVarDecl(d) => {
                if !cx.top_of_body && !cx.in_decl_block {
                    self.error(s.span, "cdef statement not allowed here");
                }
                for v in &d.vars {
                    if let Some(val) = &v.value {
                        self.expr(val, cx);
                    }
                }
            }
            StmtKind::CFunction(f) => {
                let allowed = cx.scope == ScopeKind::Module
                    || (cx.scope == ScopeKind::Class && cx.in_cdef_class);
                if !allowed && !cx.in_decl_block {
                    self.error(s.span, "C function definition not allowed here");
                }
                for d in &f.decorators {
                    // `@property` of a C method: Cython's numpy `.pxd` (checked in sema).
                    let property = cx.in_cdef_class
                        && matches!(&d.kind, ExprKind::Name(n) if self.text(n.span) == "property");
                    if !is_cython_decorator(self.ctx, d) && !property {
                        self.error(d.span, "cdef functions cannot take arbitrary decorators");
                    }
                }
                if let Some(body) = &f.body {
                    self.function_body(&f.ty.params, body, false);
                }
            }
            StmtKind::DeclBlock { body, .. } => self.decl_block(s.span, body, cx),
            StmtKind::Extern(e) => self.decl_block(s.span, &e.body, cx),
            StmtKind::CStruct(_)
            | StmtKind::CEnum(_)
            | StmtKind::CTypedef { .. }
            | StmtKind::Fused { .. }
                if cx.scope == ScopeKind::Function =>
            {
                self.error(
                    s.span,
                    "C type declarations are only allowed at module level",
                );
            }
            _ => {}
        }
    }

    fn decl_block(&mut self, span: Span, body: &'m [Stmt], cx: Context) {
        if !cx.top_of_body {
            self.error(span, "cdef statement not allowed here");
        }
        self.stmts(
            body,
            Context {
                in_decl_block: true,
                ..cx
            },
        );
    }

    fn function(&mut self, f: &'m FunctionDef, cx: Context) {
        for d in &f.decorators {
            self.expr(d, cx);
        }
        for p in all_params(&f.params) {
            if let Some(crate::syntax::ast::DefaultValue::Value(d)) = &p.default {
                self.expr(d, cx);
            }
        }
        self.function_body(&f.params, &f.body, f.is_async);
        if f.is_async && contains_yield(&f.body) {
            for r in returns_with_value(&f.body) {
                self.error(r, "'return' with value in async generator");
            }
        }
    }

    fn function_body(&mut self, params: &'m Params, body: &'m [Stmt], is_async: bool) {
        self.functions.push((params, body));
        let fcx = Context {
            scope: ScopeKind::Function,
            in_loop: false,
            is_async,
            top_of_body: true,
            in_cdef_class: false,
            in_decl_block: false,
        };
        self.stmts(body, fcx);
        self.functions.pop();
    }

    fn check_nonlocal(&self, span: Span, names: &[Ident], cx: Context) {
        if cx.scope == ScopeKind::Module {
            self.error(span, "nonlocal declaration not allowed at module level");
            return;
        }
        if cx.scope == ScopeKind::Class {
            return;
        }
        let n = self.functions.len();
        let mut bound: Vec<&'s str> = Vec::new();
        for (params, body) in &self.functions[..n.saturating_sub(1)] {
            bound.extend(all_params(params).filter_map(|p| p.name.map(|n| self.text(n.span))));
            collect_bindings(self.ctx, body, &mut bound);
        }
        for name in names {
            let text = self.text(name.span);
            // `__class__` is bound implicitly for methods (it is what `super()` uses).
            if text != "__class__" && !bound.contains(&text) {
                self.error(name.span, format!("no binding for nonlocal '{text}' found"));
            }
        }
    }

    fn no_bare_star(&self, e: &Expr) {
        if let ExprKind::Starred(_) = e.kind {
            self.error(e.span, "can't use starred expression here");
        }
    }

    fn arg(&mut self, a: &'m Arg, cx: Context) {
        match a {
            Arg::Positional(e) | Arg::Star(e) | Arg::Keyword(_, e) | Arg::DoubleStar(e) => {
                self.expr(e, cx)
            }
        }
    }

    fn expr(&mut self, e: &'m Expr, cx: Context) {
        match &e.kind {
            ExprKind::Yield(v) => {
                if cx.scope != ScopeKind::Function {
                    self.error(e.span, "'yield' outside function");
                }
                if let Some(v) = v {
                    self.expr(v, cx);
                }
            }
            ExprKind::YieldFrom(v) => {
                if cx.scope != ScopeKind::Function {
                    self.error(e.span, "'yield' outside function");
                } else if cx.is_async {
                    self.error(e.span, "'yield from' inside async function");
                }
                self.expr(v, cx);
            }
            ExprKind::Await(v) => {
                if cx.scope != ScopeKind::Function {
                    self.error(e.span, "'await' outside function");
                } else if !cx.is_async {
                    self.error(e.span, "'await' outside async function");
                }
                self.expr(v, cx);
            }
            ExprKind::Lambda(p, body) => {
                for p in all_params(p) {
                    if let Some(crate::syntax::ast::DefaultValue::Value(d)) = &p.default {
                        self.expr(d, cx);
                    }
                }
                self.functions.push((p, &[]));
                let lcx = Context {
                    scope: ScopeKind::Function,
                    in_loop: false,
                    is_async: false,
                    top_of_body: false,
                    ..cx
                };
                self.expr(body, lcx);
                self.functions.pop();
            }
            ExprKind::ListComp(elt, gens) | ExprKind::SetComp(elt, gens) => {
                self.comprehension(e, &[elt], gens, cx)
            }
            // `await` makes a generator expression asynchronous, which is allowed anywhere.
            ExprKind::GeneratorExp(elt, gens) => self.comprehension(
                e,
                &[elt],
                gens,
                Context {
                    is_async: true,
                    ..cx
                },
            ),
            ExprKind::DictComp(k, v, gens) => self.comprehension(e, &[k, v], gens, cx),
            _ => for_each_child(e, |c| self.expr(c, cx)),
        }
    }

    fn comprehension(
        &mut self,
        e: &Expr,
        elts: &[&'m Expr],
        gens: &'m [Comprehension],
        cx: Context,
    ) {
        let kind = match e.kind {
            ExprKind::ListComp(..) => "list comprehension",
            ExprKind::SetComp(..) => "set comprehension",
            ExprKind::DictComp(..) => "dict comprehension",
            _ => "generator expression",
        };
        for (i, g) in gens.iter().enumerate() {
            // The first iterable is evaluated in the enclosing scope.
            if i == 0 {
                self.expr(&g.iter, cx);
            }
        }
        let inner = Context {
            top_of_body: false,
            ..cx
        };
        let check = |c: &Expr| {
            if let Some(y) = find_yield(c) {
                self.error(y, format!("'yield' inside {kind}"));
            }
        };
        for el in elts {
            check(el);
        }
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                check(&g.iter);
            }
            for f in &g.ifs {
                check(f);
            }
        }
        for el in elts {
            self.expr(el, inner);
        }
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter, inner);
            }
            for f in &g.ifs {
                self.expr(f, inner);
            }
        }
    }
}

fn is_cython_decorator(ctx: &Ctx, d: &Expr) -> bool {
    let mut e = d;
    loop {
        match &e.kind {
            ExprKind::Call(f, _) => e = f,
            ExprKind::Attribute(v, _) => e = v,
            ExprKind::Name(n) => return matches!(ctx.text(n.span), "cython" | "staticmethod"),
            _ => return false,
        }
    }
}

pub fn all_params(p: &Params) -> impl Iterator<Item = &Param> {
    p.posonly
        .iter()
        .chain(&p.args)
        .chain(&p.vararg)
        .chain(&p.kwonly)
        .chain(&p.kwarg)
}

/// Names a function body binds (assignment targets, defs, imports, ...), not looking into
/// nested functions or classes.
fn collect_bindings<'s>(ctx: &Ctx<'s>, body: &[Stmt], out: &mut Vec<&'s str>) {
    fn target<'s>(ctx: &Ctx<'s>, e: &Expr, out: &mut Vec<&'s str>) {
        match &e.kind {
            ExprKind::Name(n) => out.push(ctx.text(n.span)),
            ExprKind::Tuple(v) | ExprKind::List(v) => v.iter().for_each(|i| target(ctx, i, out)),
            ExprKind::Starred(i) => target(ctx, i, out),
            _ => {}
        }
    }
    fn walrus<'s>(ctx: &Ctx<'s>, e: &Expr, out: &mut Vec<&'s str>) {
        if let ExprKind::NamedExpr(t, _) = &e.kind {
            target(ctx, t, out);
        }
        if !matches!(e.kind, ExprKind::Lambda(..)) {
            for_each_child(e, |c| walrus(ctx, c, out));
        }
    }
    for s in body {
        match &s.kind {
            StmtKind::Assign { targets, value } => {
                targets.iter().for_each(|t| target(ctx, t, out));
                walrus(ctx, value, out);
            }
            StmtKind::AugAssign { target: t, .. } | StmtKind::AnnAssign { target: t, .. } => {
                target(ctx, t, out)
            }
            StmtKind::For {
                target: t,
                body,
                orelse,
                ..
            } => {
                target(ctx, t, out);
                collect_bindings(ctx, body, out);
                collect_bindings(ctx, orelse, out);
            }
            StmtKind::Expr(e) => walrus(ctx, e, out),
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                walrus(ctx, test, out);
                collect_bindings(ctx, body, out);
                collect_bindings(ctx, orelse, out);
            }
            StmtKind::With { items, body, .. } => {
                for i in items {
                    if let Some(t) = &i.target {
                        target(ctx, t, out);
                    }
                }
                collect_bindings(ctx, body, out);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                ..
            } => {
                collect_bindings(ctx, body, out);
                for h in handlers {
                    if let Some(n) = h.name {
                        out.push(ctx.text(n.span));
                    }
                    collect_bindings(ctx, &h.body, out);
                }
                collect_bindings(ctx, orelse, out);
                collect_bindings(ctx, finalbody, out);
            }
            StmtKind::FunctionDef(f) => out.push(ctx.text(f.name.span)),
            StmtKind::ClassDef(c) => out.push(ctx.text(c.name.span)),
            StmtKind::CFunction(f) => out.push(ctx.text(f.name.span)),
            StmtKind::Import(names) | StmtKind::CImport(names) => {
                for a in names {
                    out.push(ctx.text(a.asname.map_or(a.name.parts[0].span, |n| n.span)));
                }
            }
            StmtKind::ImportFrom { names, .. } | StmtKind::FromCImport { names, .. } => {
                for a in names {
                    out.push(ctx.text(a.asname.map_or(a.name.span, |n| n.span)));
                }
            }
            StmtKind::Nonlocal(names) => names.iter().for_each(|n| out.push(ctx.text(n.span))),
            StmtKind::Del(targets) => targets.iter().for_each(|t| target(ctx, t, out)),
            StmtKind::Match { cases, .. } => {
                for c in cases {
                    pattern_bindings(ctx, &c.pattern, out);
                    collect_bindings(ctx, &c.body, out);
                }
            }
            StmtKind::CVarDecl(d) => d.vars.iter().for_each(|v| out.push(ctx.text(v.name.span))),
            StmtKind::DeclBlock { body, .. } => collect_bindings(ctx, body, out),
            StmtKind::ForFrom(f) => {
                out.push(ctx.text(f.target.span));
                collect_bindings(ctx, &f.body, out);
            }
            _ => {}
        }
    }
}

fn pattern_bindings<'s>(ctx: &Ctx<'s>, p: &Pattern, out: &mut Vec<&'s str>) {
    match &p.kind {
        PatternKind::Capture(Some(n)) | PatternKind::Star(Some(n)) => out.push(ctx.text(n.span)),
        PatternKind::Sequence(v) | PatternKind::Or(v) => {
            v.iter().for_each(|i| pattern_bindings(ctx, i, out))
        }
        PatternKind::Mapping { patterns, rest, .. } => {
            patterns.iter().for_each(|i| pattern_bindings(ctx, i, out));
            if let Some(r) = rest {
                out.push(ctx.text(r.span));
            }
        }
        PatternKind::Class {
            patterns,
            kwd_patterns,
            ..
        } => patterns
            .iter()
            .chain(kwd_patterns)
            .for_each(|i| pattern_bindings(ctx, i, out)),
        PatternKind::As { pattern, name } => {
            if let Some(p) = pattern {
                pattern_bindings(ctx, p, out);
            }
            if let Some(n) = name {
                out.push(ctx.text(n.span));
            }
        }
        _ => {}
    }
}

/// Does a function body contain `yield` (not counting nested functions and classes)?
fn contains_yield(body: &[Stmt]) -> bool {
    let mut found = false;
    walk_stmt_exprs(body, &mut |e| {
        if find_yield(e).is_some() {
            found = true;
        }
    });
    found
}

fn returns_with_value(body: &[Stmt]) -> Vec<Span> {
    let mut out = Vec::new();
    fn go(body: &[Stmt], out: &mut Vec<Span>) {
        for s in body {
            match &s.kind {
                StmtKind::Return(Some(_)) => out.push(s.span),
                StmtKind::FunctionDef(_) | StmtKind::ClassDef(_) | StmtKind::CFunction(_) => {}
                _ => for_each_child_block(s, |b| go(b, out)),
            }
        }
    }
    go(body, &mut out);
    out
}

/// The span of a `yield` in `e`, not looking into lambdas.
fn find_yield(e: &Expr) -> Option<Span> {
    match &e.kind {
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => Some(e.span),
        ExprKind::Lambda(..) => None,
        _ => {
            let mut found = None;
            for_each_child(e, |c| {
                if found.is_none() {
                    found = find_yield(c);
                }
            });
            found
        }
    }
}

/// Calls `f` on each expression directly held by the statements (recursively through blocks,
/// not into nested functions or classes).
fn walk_stmt_exprs(body: &[Stmt], f: &mut dyn FnMut(&Expr)) {
    for s in body {
        match &s.kind {
            StmtKind::FunctionDef(_) | StmtKind::ClassDef(_) | StmtKind::CFunction(_) => continue,
            StmtKind::Expr(e) | StmtKind::Return(Some(e)) => f(e),
            StmtKind::Assign { targets, value } => {
                targets.iter().for_each(&mut *f);
                f(value);
            }
            StmtKind::AugAssign { target, value, .. } => {
                f(target);
                f(value);
            }
            StmtKind::AnnAssign { value: Some(v), .. } => f(v),
            StmtKind::If { test, .. } | StmtKind::While { test, .. } => f(test),
            StmtKind::For { iter, .. } => f(iter),
            StmtKind::With { items, .. } => items.iter().for_each(|i| f(&i.context)),
            StmtKind::Raise { exc: Some(e), .. } => f(e),
            StmtKind::Assert { test, .. } => f(test),
            StmtKind::Match { subject, .. } => f(subject),
            _ => {}
        }
        for_each_child_block(s, |b| walk_stmt_exprs(b, f));
    }
}

/// Calls `f` on each nested statement list of a compound statement (not functions/classes).
pub fn for_each_child_block(s: &Stmt, mut f: impl FnMut(&[Stmt])) {
    match &s.kind {
        StmtKind::If { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::For { body, orelse, .. } => {
            f(body);
            f(orelse);
        }
        StmtKind::With { body, .. } => f(body),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
            ..
        } => {
            f(body);
            for h in handlers {
                f(&h.body);
            }
            f(orelse);
            f(finalbody);
        }
        StmtKind::Match { cases, .. } => cases.iter().for_each(|c| f(&c.body)),
        StmtKind::ForFrom(ff) => {
            f(&ff.body);
            f(&ff.orelse);
        }
        StmtKind::DeclBlock { body, .. } => f(body),
        _ => {}
    }
}
