//! `const` through pointers: pyxc's pointer types carry no qualifier, so what a pointer
//! declared `const T *` points to is recorded beside the declaration (a local or parameter, a
//! module C variable, a struct field, a C function's result) and writes through such a
//! pointer are rejected with Cython's messages.

use super::tree::{Expr, ExprKind, GlobalId, LocalId};
use super::types::Type;
use super::{codes, Checker};
use crate::syntax::ast;

/// A declaration whose pointer points to `const` data.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ConstPointee {
    Global(GlobalId),
    /// A field of a struct (by the struct's C name).
    Field(String, String),
    /// What a C function returns (by its C name).
    Return(String),
}

/// `const int *p`, `const char * const p`: the data the pointer reaches is read-only.
pub fn points_to_const(t: &ast::CType) -> bool {
    match &t.kind {
        ast::CTypeKind::Pointer(inner) => is_const_type(inner),
        ast::CTypeKind::Const(inner) => points_to_const(inner),
        _ => false,
    }
}

/// `const int x`, `char * const p`, `const int a[3]` (its items): the storage is read-only.
pub fn is_const_type(t: &ast::CType) -> bool {
    match &t.kind {
        ast::CTypeKind::Base { modifiers, .. } => modifiers.contains(&ast::CModifier::Const),
        ast::CTypeKind::Const(_) => true,
        ast::CTypeKind::Array(inner, _) => is_const_type(inner),
        _ => false,
    }
}

impl Checker<'_> {
    /// Whether the pointer `e` points to `const` data.
    fn points_to_const(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Local(id) => self.is_const_pointee_local(*id),
            ExprKind::CGlobal(g) => self.const_pointees.contains(&ConstPointee::Global(*g)),
            ExprKind::CField(base, field, arrow) => {
                let owner = if *arrow {
                    match &base.ty {
                        Type::Ptr(t) => &**t,
                        t => t,
                    }
                } else {
                    &base.ty
                };
                matches!(owner, Type::Struct(s)
                    if self.const_pointees.contains(&ConstPointee::Field(s.cname.clone(), field.clone())))
            }
            ExprKind::CCall(callee, ..) => matches!(&callee.kind, ExprKind::CName(c)
                if self.const_pointees.contains(&ConstPointee::Return(c.clone()))),
            // A `const` array decays to a pointer to `const` items.
            _ if matches!(e.ty, Type::Array(..)) => self.is_const_storage(e),
            _ => false,
        }
    }

    fn is_const_pointee_local(&self, id: LocalId) -> bool {
        self.func
            .as_ref()
            .is_some_and(|cx| cx.const_pointees.contains(&id))
    }

    /// Whether the C lvalue `e` is read-only storage: a `const` local, a field or item of
    /// one, or anything reached through a pointer to `const`.
    pub(super) fn is_const_storage(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Local(id) => self.func.as_ref().is_some_and(|cx| cx.consts.contains(id)),
            ExprKind::CField(base, _, false) => self.is_const_storage(base),
            ExprKind::CField(base, _, true) | ExprKind::Deref(base) => self.points_to_const(base),
            ExprKind::CIndex(base, _) if matches!(base.ty, Type::Array(..)) => {
                self.is_const_storage(base)
            }
            ExprKind::CIndex(base, _) => self.points_to_const(base),
            _ => false,
        }
    }

    /// Reports a write to the C lvalue `e` if it is read-only, with Cython's message (the
    /// attribute's name for a field, "dereference" for an item); true if reported.
    pub(super) fn check_const_write(&mut self, e: &Expr, span: ast::Span) -> bool {
        if !self.is_const_storage(e) {
            return false;
        }
        let msg = match &e.kind {
            ExprKind::CField(_, field, _) => format!("Assignment to const attribute '{field}'"),
            _ => "Assignment to const dereference".to_string(),
        };
        self.error(codes::DECLARATION, span, msg);
        true
    }
}
