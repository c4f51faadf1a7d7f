//! C complex numbers (`double complex`): the operations that are C library calls rather than
//! operators (`abs(z)`, `z.conjugate()`). Their arithmetic, comparisons, `.real`/`.imag` and
//! conversions are the C number rules of expr.rs and convert.rs, with the complex cases there.

use super::tree::*;
use super::types::*;
use super::{codes, Checker};
use crate::syntax::ast;
use std::rc::Rc;

/// `abs(z)` on a C complex: the modulus, a real of the same kind (C's `cabs`).
pub(super) fn complex_abs(z: Expr, span: ast::Span) -> Expr {
    let k = z.ty.complex_kind().unwrap_or_default();
    complex_libc_call(&k.math_fn("cabs"), z, Type::Float(k), span)
}

impl Checker<'_> {
    /// `z.conjugate()` on a C complex `base`, or `None` when `base` is something else.
    pub(super) fn complex_method_call(
        &mut self,
        base: &ast::Expr,
        method: &str,
        args: &[ast::Arg],
        span: ast::Span,
    ) -> Option<Expr> {
        if method != "conjugate" || !self.shallow_type(base).is_some_and(|t| t.is_complex()) {
            return None;
        }
        let z = self.expr(base);
        let k = z.ty.complex_kind().unwrap_or_default();
        if !args.is_empty() {
            self.error(
                codes::CALL,
                span,
                format!(
                    "Call with wrong number of arguments (expected 1, got {})",
                    args.len() + 1
                ),
            );
            return Some(Expr::invalid(span));
        }
        Some(complex_libc_call(
            &k.math_fn("conj"),
            z,
            Type::Complex(k),
            span,
        ))
    }
}

/// A call of a function of `<complex.h>` (no errors, no GIL needed) on one complex value.
fn complex_libc_call(name: &str, z: Expr, ret: Type, span: ast::Span) -> Expr {
    let sig = Rc::new(FuncType {
        ret: ret.clone(),
        params: vec![z.ty.clone()],
        varargs: false,
        exc: ExcCheck::None,
        nogil: true,
    });
    let callee = Expr::new(ExprKind::CName(name.into()), Type::Func(sig.clone()), span);
    Expr::new(ExprKind::CCall(Box::new(callee), vec![z], sig), ret, span)
}
