//! Builtins that Cython computes in C when it can: `len()` is a `Py_ssize_t` (and `strlen` on a
//! `char *`), `abs()` of a C number is a C number, `min()`/`max()` of C numbers compare in C, `globals()` is the module's dict, `locals()`,
//! `vars()` and `dir()` are built from the scope (`locals.rs`), and `eval(s)`/`exec(s)` are given
//! the namespaces. Their other uses stay Python calls.

use super::complex::complex_abs;
use super::tree::*;
use super::types::*;
use super::Checker;
use crate::syntax::ast::{self, ExprKind as E};
use std::rc::Rc;

/// The C function type of a C-API call with its error convention.
pub(super) fn c_api(ret: Type, params: Vec<Type>, exc: ExcCheck) -> Rc<FuncType> {
    Rc::new(FuncType {
        ret,
        params,
        varargs: false,
        exc,
        nogil: false,
    })
}

impl Checker<'_> {
    /// Whether `name` means the builtin here (nothing local, global or declared shadows it).
    pub(super) fn is_plain_builtin(&self, name: &str) -> bool {
        let local = self.func.as_ref().is_some_and(|cx| {
            cx.scope.contains_key(name) || cx.freevars.iter().any(|f| f.name == name)
        }) || self.enclosing.iter().any(|cx| cx.scope.contains_key(name));
        !local && !self.module.contains_key(name) && !self.py_globals.contains(name)
    }

    /// `len(x)` / `abs(x)` with one positional argument, typed as Cython types them.
    pub(super) fn builtin_call(
        &mut self,
        f: &ast::Expr,
        args: &[ast::Arg],
        span: ast::Span,
    ) -> Option<Expr> {
        let E::Name(n) = &f.kind else { return None };
        let name = self.text(*n);
        if !matches!(
            name,
            "len"
                | "abs"
                | "chr"
                | "globals"
                | "locals"
                | "vars"
                | "dir"
                | "eval"
                | "exec"
                | "min"
                | "max"
        ) || !self.is_plain_builtin(name)
        {
            return None;
        }
        if matches!(name, "min" | "max") {
            return self.c_min_max(name == "max", args, span);
        }
        if matches!(name, "eval" | "exec") {
            let [ast::Arg::Positional(code)] = args else {
                return None;
            };
            return Some(self.eval_in_scope(name, code, span));
        }
        if matches!(name, "locals" | "vars" | "dir") {
            // With an argument, `vars(x)`/`dir(x)` are ordinary calls.
            return args
                .is_empty()
                .then(|| self.scope_namespace(name == "dir", span));
        }
        if name == "globals" {
            // The module's namespace, not the calling Python frame's (as Cython does).
            return args.is_empty().then(|| {
                Expr::new(
                    ExprKind::CName("pyx_module_dict".into()),
                    Type::OBJECT,
                    span,
                )
            });
        }
        let [ast::Arg::Positional(arg)] = args else {
            return None;
        };
        let v = self.expr(arg);
        let ssize = Type::int(IntKind::SSize);
        let call = |callee: &str, v: Expr, sig: Rc<FuncType>| {
            let callee = Expr::new(
                ExprKind::CName(callee.into()),
                Type::Func(sig.clone()),
                span,
            );
            Expr::new(
                ExprKind::CCall(Box::new(callee), vec![v], sig.clone()),
                sig.ret.clone(),
                span,
            )
        };
        Some(match name {
            "len" if v.ty.is_c_string() => {
                let sig = c_api(Type::int(IntKind::Size), vec![v.ty.clone()], ExcCheck::None);
                let n = call("strlen", v, sig);
                self.coerce(n, &ssize)
            }
            "len" if matches!(v.ty, Type::MemView(_)) => {
                // The first dimension (0 for a None view, as Cython's zeroed slice has).
                let shape = Expr::new(
                    ExprKind::MvProp(Box::new(v), "shape"),
                    Type::array(ssize.clone(), MAX_DIMS as u64),
                    span,
                );
                let zero = Expr::new(ExprKind::CConst("0".into()), ssize.clone(), span);
                Expr::new(
                    ExprKind::CIndex(Box::new(shape), Box::new(zero)),
                    ssize,
                    span,
                )
            }
            "len" => {
                let v = self.coerce(v, &Type::OBJECT);
                let sig = c_api(
                    ssize.clone(),
                    vec![Type::OBJECT],
                    ExcCheck::Value("-1".into()),
                );
                call("pyx_len", v, sig)
            }
            "abs" if v.ty.is_complex() => complex_abs(v, span),
            "abs" if v.ty.is_float() => {
                let d = self.coerce(v, &Type::DOUBLE);
                let sig = c_api(Type::DOUBLE, vec![Type::DOUBLE], ExcCheck::None);
                call("fabs", d, sig)
            }
            "abs" if v.ty.int_kind().is_some_and(IntKind::signed) => {
                // C's abs() on the promoted type: the most negative value stays itself, unless
                // `overflowcheck=True` makes it an OverflowError (as in Cython).
                let ll = Type::int(IntKind::LongLong);
                let ty = arithmetic_result(&v.ty, &Type::int(IntKind::Int));
                let x = self.coerce(v, &ty);
                let x = self.coerce(x, &ll);
                let (helper, mut args, check) = if self.directives.overflowcheck {
                    let lo = match &ty {
                        Type::Int(it) if it.typedef.is_none() => it.kind.limits().0.to_string(),
                        t => format!("PYX_MIN({})", t.c_type()),
                    };
                    let min = Expr::new(ExprKind::CConst(lo), ll.clone(), span);
                    (
                        "pyx_abs_checked",
                        vec![min],
                        ExcCheck::MaybeValue("-1".into()),
                    )
                } else {
                    ("pyx_abs_wrapping", vec![], ExcCheck::None)
                };
                args.insert(0, x);
                let sig = c_api(ll.clone(), vec![ll.clone(); args.len()], check);
                let callee = Expr::new(
                    ExprKind::CName(helper.into()),
                    Type::Func(sig.clone()),
                    span,
                );
                let r = Expr::new(ExprKind::CCall(Box::new(callee), args, sig), ll, span);
                self.coerce(r, &ty)
            }
            "abs" if v.ty.is_int() || v.ty == Type::Bint => v,
            _ => {
                // chr() of a Py_UCS4 takes its code point, as Cython's C-level chr() does.
                let v = if name == "chr" && super::expr::is_ucs4(&v.ty) {
                    self.coerce(v, &Type::int(IntKind::Long))
                } else {
                    v
                };
                let v = self.coerce(v, &Type::OBJECT);
                let callee = Expr::new(ExprKind::Builtin(name.into()), Type::OBJECT, span);
                Expr::new(
                    ExprKind::PyCall(Box::new(callee), vec![CallArg::Pos(v)]),
                    Type::OBJECT,
                    span,
                )
            }
        })
    }

    /// `min(a, b, ...)` / `max(a, b, ...)` of two or more C numbers, as Cython computes it: each
    /// argument evaluated once, in order, into a temporary of the arguments' spanning type,
    /// and a later one taken only when it is strictly smaller (larger), so ties and NaNs give
    /// what Python's would. None (a Python call) for any other arguments.
    fn c_min_max(&mut self, is_max: bool, args: &[ast::Arg], span: ast::Span) -> Option<Expr> {
        // Its temporaries are locals of the enclosing function.
        self.func.as_ref()?;
        // Only positional arguments pass `c_min_max_type`.
        let ty = self.c_min_max_type(args)??;
        let name = if is_max { "max" } else { "min" };
        // `v` stored into a new temporary: the store (its value) and a read of the temporary.
        let hold = |this: &mut Self, v: Expr| {
            let cx = this.func.as_mut().expect("checked above");
            let id = cx.add_hidden(name, ty.clone());
            let local = Expr::new(ExprKind::Local(id), ty.clone(), span);
            let store = Expr::new(
                ExprKind::Walrus(Box::new(Target::Local(id)), Box::new(v)),
                ty.clone(),
                span,
            );
            (store, local)
        };
        let mut best: Option<(Expr, Expr)> = None;
        for a in args {
            let ast::Arg::Positional(e) = a else {
                continue;
            };
            let v = self.expr(e);
            let v = self.coerce(v, &ty);
            let (store, local) = hold(self, v);
            best = Some(match best {
                None => (store, local),
                Some((best, best_local)) => {
                    // `best < next` for max, `best > next` for min: the earlier arguments
                    // are evaluated first. The running result is held for the next one.
                    let op = if is_max {
                        ast::CmpOp::Lt
                    } else {
                        ast::CmpOp::Gt
                    };
                    let cond = Expr::new(
                        ExprKind::CCompare(op, Box::new(best), Box::new(store)),
                        Type::Bint,
                        span,
                    );
                    let chosen = Expr::new(
                        ExprKind::IfExp(Box::new(cond), Box::new(local), Box::new(best_local)),
                        ty.clone(),
                        span,
                    );
                    hold(self, chosen)
                }
            });
        }
        best.map(|(store, _)| store)
    }
}
