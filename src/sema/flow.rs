//! Flow checks over a function body's syntax, before it is typed:
//!
//! - "referenced before assignment": a read of an untyped local that no path from the start of
//!   the function has assigned yet. A walk in source order keeps the set of names that *may* be
//!   bound. The set only grows (a `del` is not followed), loops bind up front what their body
//!   binds (a later iteration sees it), and the bodies of nested functions, lambdas and classes
//!   are skipped (they run later), so every report is certain.
//! - the first use of a name, for `cdef` declarations that come after it.

use super::func::bound_names;
use crate::syntax::ast::{self, ExprKind as E, StmtKind as S};
use crate::syntax::validate::for_each_child_block;
use crate::syntax::walk::for_each_child;
use std::collections::HashSet;

/// Reads of `candidates` (untyped locals) before any assignment: each name once, first read.
pub fn unbound_reads(
    body: &[ast::Stmt],
    src: &str,
    candidates: HashSet<String>,
) -> Vec<(String, ast::Span)> {
    let mut walk = Unbound {
        src,
        candidates,
        bound: HashSet::new(),
        reported: Vec::new(),
    };
    walk.block(body);
    walk.reported
}

struct Unbound<'s> {
    src: &'s str,
    candidates: HashSet<String>,
    /// Names that may hold a value at the current point.
    bound: HashSet<String>,
    reported: Vec<(String, ast::Span)>,
}

impl Unbound<'_> {
    fn text(&self, id: ast::Ident) -> &str {
        &self.src[id.span.range()]
    }

    fn read_name(&mut self, id: ast::Ident) {
        let name = self.text(id).to_string();
        if self.candidates.contains(&name)
            && !self.bound.contains(&name)
            && !self.reported.iter().any(|(n, _)| *n == name)
        {
            self.reported.push((name, id.span));
        }
    }

    /// Everything `s` binds anywhere in it (loops, handlers, imports...), now.
    fn bind_all(&mut self, s: &ast::Stmt) {
        let mut names = Vec::new();
        bound_names(s, self.src, &mut names);
        self.bound.extend(names);
    }

    fn block(&mut self, body: &[ast::Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    /// Walks `branches` from the same starting point; afterwards anything one of them bound
    /// may be bound.
    fn branches(&mut self, branches: &[&[ast::Stmt]]) {
        let start = self.bound.clone();
        let mut all = start.clone();
        for b in branches {
            self.bound = start.clone();
            self.block(b);
            all.extend(self.bound.drain());
        }
        self.bound = all;
    }

    fn stmt(&mut self, s: &ast::Stmt) {
        match &s.kind {
            S::Expr(e) | S::Return(Some(e)) => self.expr(e),
            S::Assign { targets, value } => {
                self.expr(value);
                targets.iter().for_each(|t| self.store(t));
            }
            S::AugAssign { target, value, .. } => {
                self.expr(target);
                self.expr(value);
                self.store(target);
            }
            S::AnnAssign {
                target,
                value: Some(v),
                ..
            } => {
                self.expr(v);
                self.store(target);
            }
            S::Del(targets) => targets.iter().for_each(|t| self.expr(t)),
            S::Raise { exc, cause } => {
                exc.iter().chain(cause).for_each(|e| self.expr(e));
            }
            S::Assert { test, msg } => {
                self.expr(test);
                msg.iter().for_each(|e| self.expr(e));
            }
            S::If { test, body, orelse } => {
                self.expr(test);
                self.branches(&[body, orelse]);
            }
            S::While { test, body, orelse } => {
                self.bind_all(s);
                self.expr(test);
                self.branches(&[body, orelse]);
            }
            S::For {
                iter, body, orelse, ..
            } => {
                self.expr(iter);
                self.bind_all(s);
                self.branches(&[body, orelse]);
            }
            S::ForFrom(f) => {
                self.expr(&f.lower);
                self.expr(&f.upper);
                f.step.iter().for_each(|e| self.expr(e));
                self.bind_all(s);
                self.branches(&[&f.body, &f.orelse]);
            }
            S::With { items, body, .. } => {
                for i in items {
                    self.expr(&i.context);
                    i.target.iter().for_each(|t| self.store(t));
                }
                self.block(body);
            }
            S::Try { .. } => self.try_stmt(s),
            S::CVarDecl(d) => d
                .vars
                .iter()
                .flat_map(|v| &v.value)
                .for_each(|e| self.expr(e)),
            S::DeclBlock { body, .. } => self.block(body),
            // Nested functions and classes run later; match is not compiled yet: only bindings.
            _ => self.bind_all(s),
        }
    }

    /// A handler may start anywhere in the body, so it sees whatever the body may bind.
    fn try_stmt(&mut self, s: &ast::Stmt) {
        let S::Try {
            body,
            handlers,
            orelse,
            finalbody,
            ..
        } = &s.kind
        else {
            return;
        };
        self.block(body);
        let mut paths: Vec<&[ast::Stmt]> = vec![orelse];
        for h in handlers {
            if let Some(t) = &h.typ {
                self.expr(t);
            }
            if let Some(n) = h.name {
                self.bound.insert(self.text(n).to_string());
            }
            paths.push(&h.body);
        }
        self.branches(&paths);
        self.block(finalbody);
    }

    /// An assignment target: names become bound; subscripts and attributes read their parts.
    fn store(&mut self, t: &ast::Expr) {
        match &t.kind {
            E::Name(n) => {
                self.bound.insert(self.text(*n).to_string());
            }
            E::Tuple(items) | E::List(items) => items.iter().for_each(|i| self.store(i)),
            E::Starred(inner) => self.store(inner),
            _ => self.expr(t),
        }
    }

    fn expr(&mut self, e: &ast::Expr) {
        match &e.kind {
            E::Name(n) => self.read_name(*n),
            E::Lambda(..) => {}
            E::NamedExpr(target, value) => {
                self.expr(value);
                self.store(target);
            }
            // Comprehension variables live in the comprehension's own scope.
            E::ListComp(_, gens)
            | E::SetComp(_, gens)
            | E::GeneratorExp(_, gens)
            | E::DictComp(_, _, gens) => {
                let mut names = Vec::new();
                for g in gens {
                    collect_target_names(&g.target, self.src, &mut names);
                }
                names.retain(|n| !self.bound.contains(n));
                self.bound.extend(names.iter().cloned());
                // In evaluation order: the loops and their conditions, then the element.
                for g in gens {
                    self.expr(&g.iter);
                    g.ifs.iter().for_each(|c| self.expr(c));
                }
                match &e.kind {
                    E::ListComp(elt, _) | E::SetComp(elt, _) | E::GeneratorExp(elt, _) => {
                        self.expr(elt)
                    }
                    E::DictComp(k, v, _) => {
                        self.expr(k);
                        self.expr(v);
                    }
                    _ => {}
                }
                // The loop variables leave; a walrus inside binds in the function and stays.
                for n in &names {
                    self.bound.remove(n);
                }
            }
            _ => for_each_child(e, |c| self.expr(c)),
        }
    }
}

fn collect_target_names(t: &ast::Expr, src: &str, out: &mut Vec<String>) {
    match &t.kind {
        E::Name(n) => out.push(src[n.span.range()].to_string()),
        E::Tuple(es) | E::List(es) => es.iter().for_each(|e| collect_target_names(e, src, out)),
        E::Starred(e) => collect_target_names(e, src, out),
        _ => {}
    }
}

/// The first place `name` appears as a name in `body` (outside nested functions and classes).
pub fn first_use(body: &[ast::Stmt], src: &str, name: &str) -> Option<ast::Span> {
    let mut first: Option<ast::Span> = None;
    let mut visit = |e: &ast::Expr| {
        find_name(e, src, name, &mut |span| {
            if first.is_none_or(|f| span.start < f.start) {
                first = Some(span);
            }
        })
    };
    walk_stmt_exprs(body, &mut visit);
    first
}

pub(super) fn find_name(e: &ast::Expr, src: &str, name: &str, found: &mut dyn FnMut(ast::Span)) {
    match &e.kind {
        E::Name(n) if &src[n.span.range()] == name => found(n.span),
        _ => for_each_child(e, |c| find_name(c, src, name, found)),
    }
}

/// Calls `f` on each expression the statements hold, targets included (recursively through
/// blocks, not into nested functions or classes).
pub(super) fn walk_stmt_exprs(body: &[ast::Stmt], f: &mut dyn FnMut(&ast::Expr)) {
    for s in body {
        match &s.kind {
            S::Expr(e) | S::Return(Some(e)) => f(e),
            S::Assign { targets, value } => {
                targets.iter().for_each(&mut *f);
                f(value);
            }
            S::AugAssign { target, value, .. } => {
                f(target);
                f(value);
            }
            S::AnnAssign { target, value, .. } => {
                f(target);
                value.iter().for_each(&mut *f);
            }
            S::Del(targets) => targets.iter().for_each(&mut *f),
            S::Raise { exc, cause } => exc.iter().chain(cause).for_each(&mut *f),
            S::Assert { test, msg } => {
                f(test);
                msg.iter().for_each(&mut *f);
            }
            S::If { test, .. } | S::While { test, .. } => f(test),
            S::For { target, iter, .. } => {
                f(target);
                f(iter);
            }
            S::With { items, .. } => {
                for i in items {
                    f(&i.context);
                    i.target.iter().for_each(&mut *f);
                }
            }
            S::Try { handlers, .. } => handlers.iter().flat_map(|h| &h.typ).for_each(&mut *f),
            S::CVarDecl(d) => d.vars.iter().flat_map(|v| &v.value).for_each(&mut *f),
            _ => {}
        }
        for_each_child_block(s, |b| walk_stmt_exprs(b, f));
    }
}
