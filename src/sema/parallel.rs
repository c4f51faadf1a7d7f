//! `cython.parallel`: `prange`, `parallel()` and `threadid()`. pyxc runs the loops serially
//! (no OpenMP): a `prange` is a C `range` loop, without the GIL when `nogil=True`, whose
//! reductions and private variables then behave as Cython's do after the parallel loop.

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
        for a in args {
            match a {
                ast::Arg::Positional(_) => npos += 1,
                ast::Arg::Keyword(k, v) => match self.text(*k) {
                    "nogil" => nogil = matches!(v.kind, E::True),
                    "schedule" | "chunksize" | "num_threads" | "use_threads_if" => {
                        // Scheduling only matters to OpenMP: checked, then dropped.
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
        let saved = self.nogil;
        self.nogil |= nogil;
        let range = self.range_args(iter);
        self.enter_loop();
        let b = self.check_block(body);
        self.leave_loop();
        let o = self.check_block(orelse);
        self.nogil = saved;
        let kind = self.range_loop(tgt, var_ty, range, b, o);
        let stmt = Stmt { kind, line };
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

fn a_span(a: &ast::Arg) -> ast::Span {
    match a {
        ast::Arg::Positional(x)
        | ast::Arg::Star(x)
        | ast::Arg::Keyword(_, x)
        | ast::Arg::DoubleStar(x) => x.span,
    }
}
