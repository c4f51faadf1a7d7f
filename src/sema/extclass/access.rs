//! `obj.field` on a typed extension type reference, with `nonecheck`.

use super::super::tree::*;
use super::super::types::*;
use super::super::{codes, Checker};
use crate::syntax::ast;

impl<'a> Checker<'a> {
    /// `obj.name` on a typed extension type reference: a field, or `None` when the name is
    /// not one (a Python attribute, or a C method handled by calls).
    pub(in crate::sema) fn ext_attribute(
        &mut self,
        obj: Expr,
        name: &str,
        span: ast::Span,
    ) -> Result<Expr, Box<Expr>> {
        let Type::Object(PyType::Ext(cls)) = obj.ty else {
            return Err(Box::new(obj));
        };
        if let Some((owner, f)) = cls.field(name) {
            let obj = self.none_checked(obj, name);
            return Ok(Expr::new(
                ExprKind::ExtField(Box::new(obj), owner, name.to_string()),
                f.ty,
                span,
            ));
        }
        if let Some(info) = cls.property(name) {
            return Ok(self.c_property_read(obj, &info, name, span));
        }
        if let Some((_, m)) = cls.method(name) {
            if !m.info.cpdef {
                self.error(
                    codes::TYPE_MISMATCH,
                    span,
                    format!("C method '{name}' can only be called, not used as a value"),
                );
                return Ok(Expr::invalid(span));
            }
        }
        Err(Box::new(obj))
    }

    /// `obj` checked for None under the `nonecheck` directive.
    pub(in crate::sema) fn none_checked(&self, obj: Expr, attr: &str) -> Expr {
        if !self.directives.nonecheck {
            return obj;
        }
        let (ty, span) = (obj.ty.clone(), obj.span);
        Expr::new(
            ExprKind::NoneCheck(Box::new(obj), attr.to_string()),
            ty,
            span,
        )
    }
}
