//! `match` statements, checked into plain statements: the subject goes into a hidden local,
//! and each `case` becomes nested `if`s that test its pattern and bind its names on the way in,
//! then the guard, then the body. A structured pattern (sequence, mapping, class) asks a runtime
//! helper for the list of values its sub-patterns apply to (None when the subject does not fit).

use super::tree::*;
use super::types::*;
use super::Checker;
use crate::syntax::ast::{self, CmpOp, PatternKind as P};
use std::rc::Rc;

impl Checker<'_> {
    pub(super) fn match_stmt(
        &mut self,
        subject: &ast::Expr,
        cases: &[ast::MatchCase],
        line: u32,
        out: &mut Vec<Stmt>,
    ) {
        let span = subject.span;
        self.require_gil(span, "match");
        let value = self.object(subject);
        let subj = self.hidden("match_subject", Type::OBJECT);
        let done = self.hidden("match_done", Type::Bint);
        out.push(self.set(subj, value, line));
        out.push(self.set(done, c_int("0", Type::Bint, span), line));
        for case in cases {
            let line = self.line_of(case.span);
            let mut body = vec![self.set(done, c_int("1", Type::Bint, span), line)];
            body.extend(self.check_block(&case.body));
            if let Some(g) = &case.guard {
                let g = self.condition(g);
                body = vec![Stmt {
                    kind: StmtKind::If(g, body, Vec::new()),
                    line,
                }];
            }
            let subject = local(subj, Type::OBJECT, span);
            let stmts = self.pattern(&case.pattern, subject, body, line);
            let not_done = Expr::new(
                ExprKind::CUnary(CUnOp::Not, Box::new(local(done, Type::Bint, span))),
                Type::Bint,
                span,
            );
            out.push(Stmt {
                kind: StmtKind::If(not_done, stmts, Vec::new()),
                line,
            });
        }
    }

    /// Statements that run `inner` when `subj` (a plain local read) matches `p`.
    fn pattern(&mut self, p: &ast::Pattern, subj: Expr, inner: Vec<Stmt>, line: u32) -> Vec<Stmt> {
        let span = p.span;
        match &p.kind {
            P::Capture(None) | P::Star(None) | P::Invalid => inner,
            P::Capture(Some(name)) | P::Star(Some(name)) => {
                let mut out = vec![self.bind(*name, subj, line)];
                out.extend(inner);
                out
            }
            P::As { pattern, name } => {
                let mut bound = Vec::new();
                if let Some(n) = name {
                    bound.push(self.bind(*n, subj.clone(), line));
                }
                bound.extend(inner);
                match pattern {
                    Some(q) => self.pattern(q, subj, bound, line),
                    None => bound,
                }
            }
            P::Value(v) | P::Singleton(v) => {
                let op = if matches!(p.kind, P::Singleton(_)) {
                    CmpOp::Is
                } else {
                    CmpOp::Eq
                };
                let v = self.object(v);
                let test = self.compare_one(op, subj, v, span);
                let test = self.convert(test, &Type::Bint);
                vec![Stmt {
                    kind: StmtKind::If(test, inner, Vec::new()),
                    line,
                }]
            }
            P::Or(alternatives) => {
                let hit = self.hidden("match_alt", Type::Bint);
                let mut out = vec![self.set(hit, c_int("0", Type::Bint, span), line)];
                for q in alternatives {
                    let set = vec![self.set(hit, c_int("1", Type::Bint, span), line)];
                    let stmts = self.pattern(q, subj.clone(), set, line);
                    let not_hit = Expr::new(
                        ExprKind::CUnary(CUnOp::Not, Box::new(local(hit, Type::Bint, span))),
                        Type::Bint,
                        span,
                    );
                    out.push(Stmt {
                        kind: StmtKind::If(not_hit, stmts, Vec::new()),
                        line,
                    });
                }
                out.push(Stmt {
                    kind: StmtKind::If(local(hit, Type::Bint, span), inner, Vec::new()),
                    line,
                });
                out
            }
            P::Sequence(items) => {
                let star = items.iter().position(|q| matches!(q.kind, P::Star(_)));
                let before = star.unwrap_or(items.len());
                let after = star.map_or(0, |s| items.len() - s - 1);
                let ssize = Type::int(IntKind::SSize);
                let args = vec![
                    subj,
                    c_int(&before.to_string(), ssize.clone(), span),
                    c_int(&after.to_string(), ssize.clone(), span),
                    c_int(
                        if star.is_some() { "1" } else { "0" },
                        Type::int(IntKind::Int),
                        span,
                    ),
                ];
                let params = vec![Type::OBJECT, ssize.clone(), ssize, Type::int(IntKind::Int)];
                let values = runtime_call("pyx_match_sequence", params, args, span);
                self.structured(values, items.iter().collect(), inner, line, span)
            }
            P::Mapping {
                keys,
                patterns,
                rest,
            } => {
                let keys: Vec<Expr> = keys.iter().map(|k| self.object(k)).collect();
                let keys = Expr::new(ExprKind::Tuple(keys), Type::Object(PyType::Tuple), span);
                let want_rest = c_int(
                    if rest.is_some() { "1" } else { "0" },
                    Type::int(IntKind::Int),
                    span,
                );
                let params = vec![Type::OBJECT, Type::OBJECT, Type::int(IntKind::Int)];
                let values = runtime_call(
                    "pyx_match_mapping",
                    params,
                    vec![subj, keys, want_rest],
                    span,
                );
                let mut subs: Vec<&ast::Pattern> = patterns.iter().collect();
                let rest_pattern = rest.map(|n| ast::Pattern {
                    kind: P::Capture(Some(n)),
                    span,
                });
                if let Some(r) = &rest_pattern {
                    subs.push(r);
                }
                self.structured(values, subs, inner, line, span)
            }
            P::Class {
                cls,
                patterns,
                kwd_names,
                kwd_patterns,
            } => {
                let cls = self.object(cls);
                let names: Vec<Expr> = kwd_names
                    .iter()
                    .map(|n| {
                        Expr::new(
                            ExprKind::PyStr(self.text(*n).to_string()),
                            Type::Object(PyType::Str),
                            n.span,
                        )
                    })
                    .collect();
                let names = Expr::new(ExprKind::Tuple(names), Type::Object(PyType::Tuple), span);
                let ssize = Type::int(IntKind::SSize);
                let npos = c_int(&patterns.len().to_string(), ssize.clone(), span);
                let params = vec![Type::OBJECT, Type::OBJECT, ssize, Type::OBJECT];
                let values = runtime_call(
                    "pyx_match_class",
                    params,
                    vec![subj, cls, npos, names],
                    span,
                );
                let subs = patterns.iter().chain(kwd_patterns).collect();
                self.structured(values, subs, inner, line, span)
            }
        }
    }

    /// `values` is a helper's list (or None): when it is a list, match its items against
    /// `subs` in order, each bound to a hidden local first.
    fn structured(
        &mut self,
        values: Expr,
        subs: Vec<&ast::Pattern>,
        inner: Vec<Stmt>,
        line: u32,
        span: ast::Span,
    ) -> Vec<Stmt> {
        let list = self.hidden("match_values", Type::OBJECT);
        let mut body = inner;
        for (i, q) in subs.iter().enumerate().rev() {
            let item = self.hidden("match_item", Type::OBJECT);
            let ssize = Type::int(IntKind::SSize);
            let get = runtime_call(
                "pyx_match_item",
                vec![Type::OBJECT, ssize.clone()],
                vec![
                    local(list, Type::OBJECT, span),
                    c_int(&i.to_string(), ssize, span),
                ],
                span,
            );
            let mut stmts = vec![self.set(item, get, line)];
            stmts.extend(self.pattern(q, local(item, Type::OBJECT, span), body, line));
            body = stmts;
        }
        let none = Expr::new(ExprKind::PyNone, Type::OBJECT, span);
        let fits = self.compare_one(CmpOp::IsNot, local(list, Type::OBJECT, span), none, span);
        let fits = self.convert(fits, &Type::Bint);
        vec![
            self.set(list, values, line),
            Stmt {
                kind: StmtKind::If(fits, body, Vec::new()),
                line,
            },
        ]
    }

    fn hidden(&mut self, name: &str, ty: Type) -> LocalId {
        self.func
            .as_mut()
            .expect("function context")
            .add_hidden(name, ty)
    }

    fn set(&self, l: LocalId, v: Expr, line: u32) -> Stmt {
        Stmt {
            kind: StmtKind::Assign(Target::Local(l), v),
            line,
        }
    }

    /// `name = value` for a capture, converted to the name's type.
    fn bind(&mut self, name: ast::Ident, value: Expr, line: u32) -> Stmt {
        let text = self.text(name).to_string();
        let target = self.name_target(&text, name.span);
        let ty = self.target_type(&target).unwrap_or(Type::OBJECT);
        let value = self.coerce(value, &ty);
        Stmt {
            kind: StmtKind::Assign(target, value),
            line,
        }
    }
}

fn local(l: LocalId, ty: Type, span: ast::Span) -> Expr {
    Expr::new(ExprKind::Local(l), ty, span)
}

fn c_int(text: &str, ty: Type, span: ast::Span) -> Expr {
    Expr::new(ExprKind::CConst(text.into()), ty, span)
}

/// A call of a runtime helper returning a new object reference (NULL on error).
fn runtime_call(name: &str, params: Vec<Type>, args: Vec<Expr>, span: ast::Span) -> Expr {
    let sig = Rc::new(FuncType {
        ret: Type::OBJECT,
        params,
        varargs: false,
        exc: ExcCheck::None,
        nogil: false,
    });
    let callee = Expr::new(ExprKind::CName(name.into()), Type::Func(sig.clone()), span);
    Expr::new(
        ExprKind::CCall(Box::new(callee), args, sig),
        Type::OBJECT,
        span,
    )
}
