//! C-level properties of classes cimported from a `.pxd`. Cython's numpy declarations give
//! `ndarray` properties such as
//!
//! ```cython
//! @property
//! cdef inline npy_intp *shape(self) noexcept nogil:
//!     return PyArray_DIMS(self)
//! ```
//!
//! pyxc takes such a property as what its body says: reading `a.shape` on a typed reference
//! is the call `PyArray_DIMS(a)`. Only that form (`return f(self)`, `f` a C function declared
//! earlier) is supported, in `.pxd` files: no code is compiled for the property itself.

use super::super::tree::{Expr, ExprKind};
use super::super::types::*;
use super::super::{codes, CFuncInfo, Checker, Sym};
use crate::syntax::ast::{self, ExprKind as A, StmtKind as S};

impl Checker<'_> {
    pub(super) fn is_property(&self, f: &ast::CFunctionDef) -> bool {
        f.decorators
            .iter()
            .any(|d| self.src[d.span.range()].trim() == "property")
    }

    /// Declaring a `.pxd`: a cimported one, the module's own, or one checked by itself.
    fn in_pxd(&self) -> bool {
        self.pxd_module.is_some() || self.in_own_pxd || self.opts.file_name.ends_with(".pxd")
    }

    /// Declares `@property cdef inline T name(self): return f(self)` of `cls`.
    pub(super) fn declare_c_property(&mut self, cls: ExtRef, f: &ast::CFunctionDef) {
        let called = match called_on_self(self, f) {
            Some(g) if self.in_pxd() => self.module.get(g).cloned(),
            _ => None,
        };
        match called {
            Some(Sym::CFunc(info)) if info.sig.params.len() == 1 => {
                let name = self.text(f.name).to_string();
                cls.get().members.borrow_mut().properties.push((name, info));
            }
            _ => self.error(
                codes::DECLARATION,
                f.name.span,
                "pyxc supports a property of a C class only in a .pxd, as \
                 `return f(self)` of a C function f declared before it",
            ),
        }
    }

    /// `obj.name` reading the C-level property `info` of `obj`'s class: the call of it.
    pub(super) fn c_property_read(
        &mut self,
        obj: Expr,
        info: &CFuncInfo,
        name: &str,
        span: ast::Span,
    ) -> Expr {
        let obj = self.none_checked(obj, name);
        let callee = Expr::new(
            ExprKind::CName(info.cname.clone()),
            Type::Func(info.sig.clone()),
            span,
        );
        self.c_call_value(callee, info, Some(obj), &[], span)
    }
}

/// `f` of a method `(self)` whose body is `return f(self)`.
fn called_on_self<'s>(ck: &'s Checker, f: &ast::CFunctionDef) -> Option<&'s str> {
    let [param] = f.ty.params.args.as_slice() else {
        return None;
    };
    let me = ck.text(param.name?);
    let [ast::Stmt {
        kind: S::Return(Some(e)),
        ..
    }] = f.body.as_deref()?
    else {
        return None;
    };
    let A::Call(g, args) = &e.kind else {
        return None;
    };
    match (&g.kind, args.as_slice()) {
        (A::Name(g), [ast::Arg::Positional(a)]) if matches!(&a.kind, A::Name(a) if ck.text(*a) == me) => {
            Some(ck.text(*g))
        }
        _ => None,
    }
}
