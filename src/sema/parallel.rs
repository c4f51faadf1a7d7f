//! `cython.parallel`: `prange`, `parallel()` and `threadid()`. A `prange` is a C `range` loop
//! (without the GIL when `nogil=True`) that the IR emits as an OpenMP `parallel for` when the
//! body allows it: the checker records, by Cython's rules, which variables are reductions and
//! which are lastprivate. Without `-fopenmp` the pragmas are ignored and the loop runs
//! serially, with the same results.

use super::tree::*;
use super::types::*;
use super::{codes, Checker};
use crate::syntax::ast::{self, ExprKind as E};

impl Checker<'_> {
    /// Which `cython.parallel` function `f` names, if any.
    pub(super) fn parallel_name(&self, f: &ast::Expr) -> Option<&'static str> {
        let name = match &f.kind {
            E::Name(n) => {
                if self.func_scope_has(self.text(*n)) {
                    return None;
                }
                self.parallel_names.get(self.text(*n)).copied()?
            }
            E::Attribute(base, attr) => {
                let E::Attribute(cy, par) = &base.kind else {
                    return None;
                };
                let E::Name(c) = &cy.kind else { return None };
                if self.text(*c) != "cython" || self.text(*par) != "parallel" {
                    return None;
                }
                match self.text(*attr) {
                    "prange" => "prange",
                    "parallel" => "parallel",
                    "threadid" => "threadid",
                    _ => return None,
                }
            }
            _ => return None,
        };
        Some(name)
    }

    /// `parallel()` / `parallel(num_threads=n)` as a `with` item.
    pub(super) fn is_parallel_block(&self, e: &ast::Expr) -> bool {
        matches!(&e.kind, E::Call(f, _) if self.parallel_name(f) == Some("parallel"))
    }

    /// The `num_threads=` of a `parallel(...)` with item (checked; other keywords reported).
    pub(super) fn parallel_block_threads(&mut self, e: &ast::Expr) -> Option<Expr> {
        let E::Call(f, args) = &e.kind else {
            return None;
        };
        if self.parallel_name(f) != Some("parallel") {
            return None;
        }
        let mut threads = None;
        for a in args {
            match a {
                ast::Arg::Keyword(k, v) if self.text(*k) == "num_threads" => {
                    let v = self.expr(v);
                    threads = Some(self.coerce(v, &Type::int(IntKind::Int)));
                }
                ast::Arg::Keyword(k, v) if self.text(*k) == "use_threads_if" => {
                    let _ = self.expr(v);
                }
                _ => self.error(
                    codes::CALL,
                    a_span(a),
                    "parallel() takes only the keyword argument num_threads",
                ),
            }
        }
        threads
    }

    /// `for i in prange(...)`: a range loop (in a nogil section with `nogil=True`).
    pub(super) fn prange_loop(
        &mut self,
        target: &ast::Expr,
        iter: &ast::Expr,
        body: &[ast::Stmt],
        orelse: &[ast::Stmt],
        line: u32,
        out: &mut Vec<Stmt>,
    ) {
        let E::Call(_, args) = &iter.kind else {
            return;
        };
        let mut nogil = false;
        let mut npos = 0;
        let mut num_threads = None;
        let mut schedule = None;
        let mut chunksize = None;
        for a in args {
            match a {
                ast::Arg::Positional(_) => npos += 1,
                ast::Arg::Keyword(k, v) => match self.text(*k) {
                    "nogil" => nogil = matches!(v.kind, E::True),
                    "num_threads" => {
                        let e = self.expr(v);
                        num_threads = Some(self.coerce(e, &Type::int(IntKind::Int)));
                    }
                    "chunksize" => {
                        let e = self.expr(v);
                        chunksize = Some(self.coerce(e, &Type::int(IntKind::Int)));
                    }
                    "schedule" => match &v.kind {
                        E::Str(_) => {
                            let text = self.src[v.span.range()]
                                .trim_matches(['\'', '"'])
                                .to_string();
                            if !matches!(text.as_str(), "static" | "dynamic" | "guided" | "runtime")
                            {
                                self.error(
                                    codes::CALL,
                                    v.span,
                                    format!("Invalid schedule argument to prange: {text}"),
                                );
                            }
                            schedule = Some(text);
                        }
                        _ => self.error(
                            codes::CALL,
                            v.span,
                            "schedule must be a string: 'static', 'dynamic', 'guided' or 'runtime'",
                        ),
                    },
                    "use_threads_if" => {
                        // Only a hint to OpenMP: checked, then dropped.
                        let _ = self.expr(v);
                    }
                    other => self.error(
                        codes::CALL,
                        a_span(a),
                        format!("Invalid keyword argument to prange: {other}"),
                    ),
                },
                _ => self.error(codes::CALL, a_span(a), "prange() takes plain arguments"),
            }
        }
        if npos == 0 || npos > 3 {
            self.error(
                codes::CALL,
                iter.span,
                "prange() takes 1 to 3 positional arguments",
            );
            return;
        }
        let tgt = self.target(target);
        let var_ty = self.target_type(&tgt).unwrap_or(Type::OBJECT);
        if !var_ty.is_int() {
            self.error(
                codes::OPERATION,
                target.span,
                "The loop variable of prange must be a C integer",
            );
            return;
        }
        let use_ = self.prange_body_use(body);
        let saved = self.nogil;
        self.nogil |= nogil;
        let range = self.range_args(iter);
        self.enter_loop();
        let b = self.check_block(body);
        self.leave_loop();
        let o = self.check_block(orelse);
        self.nogil = saved;
        let local_of = |me: &Self, name: &str| me.func.as_ref()?.scope.get(name).copied();
        let reductions = use_
            .reductions
            .iter()
            .filter_map(|(n, op)| Some((local_of(self, n)?, *op)))
            .collect();
        let mut lastprivate: Vec<usize> = use_
            .assigned
            .iter()
            .filter_map(|n| local_of(self, n))
            .collect();
        if let Target::Local(l) = tgt {
            lastprivate.push(l);
        }
        let kind = self.range_loop(tgt, var_ty, range, b, o);
        let stmt = Stmt {
            kind: StmtKind::Prange(Box::new(Prange {
                range: Stmt { kind, line },
                reductions,
                lastprivate,
                num_threads,
                schedule: schedule.map(|s| (s, chunksize)),
            })),
            line,
        };
        out.push(if nogil && !saved {
            Stmt {
                kind: StmtKind::Nogil(vec![stmt]),
                line,
            }
        } else {
            stmt
        });
    }
}

/// How a prange body uses variables: `op=` targets are reductions (one operator each), other
/// assigned names are lastprivate.
#[derive(Default)]
struct BodyUse {
    reductions: Vec<(String, &'static str)>,
    assigned: Vec<String>,
}

impl Checker<'_> {
    /// Reads `body` by Cython's rules, reporting a reduction variable read in the body or
    /// reduced with two different operators.
    fn prange_body_use(&mut self, body: &[ast::Stmt]) -> BodyUse {
        let mut use_ = BodyUse::default();
        // Where each reduction is made (`name op=`): the one place its name is not a read.
        let mut reduced_at = Vec::new();
        self.collect_body_use(body, &mut use_, &mut reduced_at);
        for (name, _) in &use_.reductions {
            let mut reads = Vec::new();
            super::flow::walk_stmt_exprs(body, &mut |e| {
                super::flow::find_name(e, self.src, name, &mut |span| reads.push(span))
            });
            for span in reads.into_iter().filter(|s| !reduced_at.contains(&s.start)) {
                self.error(
                    codes::OPERATION,
                    span,
                    "Cannot read reduction variable in loop body",
                );
            }
        }
        // A variable also assigned plainly is not a reduction (Cython gives it the last value).
        let assigned = use_.assigned.clone();
        use_.reductions.retain(|(n, _)| !assigned.contains(n));
        use_
    }

    /// The reductions and assigned names of `body`, recursively through its blocks.
    fn collect_body_use(
        &mut self,
        body: &[ast::Stmt],
        use_: &mut BodyUse,
        reduced_at: &mut Vec<u32>,
    ) {
        use ast::StmtKind as S;
        for s in body {
            match &s.kind {
                S::AugAssign { target, op, .. } => match (&target.kind, reduction_op(*op)) {
                    (E::Name(n), Some(c)) => {
                        reduced_at.push(n.span.start);
                        let name = self.text(*n).to_string();
                        match use_.reductions.iter().find(|(r, _)| *r == name) {
                            Some((_, prev)) if *prev != c => self.error(
                                codes::OPERATION,
                                s.span,
                                format!(
                                    "Reduction operator '{c}' is inconsistent with previous reduction operator '{prev}'"
                                ),
                            ),
                            Some(_) => {}
                            None => use_.reductions.push((name, c)),
                        }
                    }
                    _ => super::func::target_names(target, self.src, &mut use_.assigned),
                },
                // The statement's own targets; the blocks inside are walked below.
                S::For { target, .. } => {
                    super::func::target_names(target, self.src, &mut use_.assigned)
                }
                S::If { .. }
                | S::While { .. }
                | S::With { .. }
                | S::Try { .. }
                | S::FunctionDef(_)
                | S::ClassDef(_) => {}
                _ => super::func::bound_names(s, self.src, &mut use_.assigned),
            }
            crate::syntax::validate::for_each_child_block(s, |b| {
                self.collect_body_use(b, use_, reduced_at)
            });
        }
    }
}

/// The OpenMP reduction operator of an in-place operator, if it has one.
fn reduction_op(op: ast::BinOp) -> Option<&'static str> {
    use ast::BinOp as B;
    Some(match op {
        B::Add => "+",
        B::Sub => "-",
        B::Mul => "*",
        B::BitAnd => "&",
        B::BitOr => "|",
        B::BitXor => "^",
        _ => return None,
    })
}

fn a_span(a: &ast::Arg) -> ast::Span {
    match a {
        ast::Arg::Positional(x)
        | ast::Arg::Star(x)
        | ast::Arg::Keyword(_, x)
        | ast::Arg::DoubleStar(x) => x.span,
    }
}
