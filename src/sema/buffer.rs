//! Cython's buffer syntax: `cnp.ndarray[cnp.float64_t, ndim=2, mode="c"] a` (also
//! `object[double]`) declares a local or parameter holding the object, and a typed memoryview
//! of its buffer kept beside it in a hidden local: bound when the parameter arrives and again
//! after every `=` to the variable. Indexing the variable with `ndim` indices (no slices)
//! reads and writes through the view; everything else sees the object.

use super::func::FnCx;
use super::tree::*;
use super::types::*;
use super::{codes, Checker};
use crate::syntax::ast::{self, CTypeKind, ExprKind as E};
use std::rc::Rc;

impl Checker<'_> {
    /// The buffer syntax's parts: the object type in front of the brackets, and the view the
    /// options describe (`None` after an error, reported). `None` when `t` is not the buffer
    /// syntax.
    pub(super) fn buffer_parts(
        &mut self,
        t: &ast::CType,
    ) -> Option<(Type, Option<Rc<MemViewType>>)> {
        let CTypeKind::MemoryView { base, axes } = &t.kind else {
            return None;
        };
        let dtype = axes.first()?;
        if matches!(dtype.kind, E::Slice(..) | E::TypeOption(..)) {
            return None;
        }
        let object = match self.resolve_ctype(base) {
            ty @ Type::Object(_) => ty,
            _ => return None,
        };
        let item = match crate::syntax::cdecl::dotted(dtype) {
            Some(name) => self.resolve_ctype(&ast::CType {
                kind: CTypeKind::Base {
                    modifiers: vec![],
                    name: Some(name),
                },
                span: dtype.span,
            }),
            None => {
                self.error(
                    codes::DECLARATION,
                    dtype.span,
                    "expected a buffer item type",
                );
                Type::Error
            }
        };
        let (mut ndim, mut mode) = (1usize, "strided".to_string());
        for option in &axes[1..] {
            let E::TypeOption(key, value) = &option.kind else {
                self.error(
                    codes::DECLARATION,
                    option.span,
                    "a buffer type takes its item type, then options (ndim=2, mode=\"c\")",
                );
                continue;
            };
            match (self.text(*key), &value.kind) {
                ("ndim", _) => match self.const_int(value) {
                    Some(n) if (1..=MAX_DIMS as i128).contains(&n) => ndim = n as usize,
                    _ => self.error(
                        codes::DECLARATION,
                        value.span,
                        format!("ndim must be an integer from 1 to {MAX_DIMS}"),
                    ),
                },
                ("mode", E::Str(m))
                    if ["c", "fortran", "full", "strided"].contains(&m.as_str()) =>
                {
                    mode = m.clone()
                }
                ("mode", _) => self.error(
                    codes::DECLARATION,
                    value.span,
                    "mode must be \"c\", \"fortran\", \"full\" or \"strided\"",
                ),
                // Cython's checks that pyxc's views make anyway, or that do not apply.
                ("negative_indices" | "cast", _) => {}
                (other, _) => self.error(
                    codes::DECLARATION,
                    key.span,
                    format!("unknown buffer option '{other}'"),
                ),
            }
        }
        if item.is_error() {
            return Some((object, None));
        }
        let item = match item {
            Type::Int(_) | Type::Float(_) | Type::Complex(_) => item,
            Type::Object(_) => Type::OBJECT,
            other => {
                self.error(
                    codes::UNSUPPORTED,
                    dtype.span,
                    format!("buffers of '{other}' items are not supported by pyxc"),
                );
                return Some((object, None));
            }
        };
        let mut view_axes = vec![Axis::Strided; ndim];
        match mode.as_str() {
            "c" => view_axes[ndim - 1] = Axis::Contig,
            "fortran" => view_axes[0] = Axis::Contig,
            _ => {}
        }
        Some((
            object,
            Some(Rc::new(MemViewType {
                base: item,
                axes: view_axes,
                is_const: false,
            })),
        ))
    }

    /// A parameter's type: the object type of the buffer syntax, or the C type.
    pub(super) fn object_or_ctype(&mut self, t: &ast::CType) -> Type {
        match self.buffer_parts(t) {
            Some((object, _)) => object,
            None => self.resolve_ctype(t),
        }
    }

    /// The object-to-view binding of buffer variable `local` (its hidden view local).
    pub(super) fn buffer_binding(&mut self, local: LocalId, line: u32) -> Option<Stmt> {
        let cx = self.func.as_ref()?;
        let &(view, span) = cx.buffers.get(&local)?;
        let view_ty = cx.locals[view].ty.clone();
        let object = Expr::new(ExprKind::Local(local), cx.locals[local].ty.clone(), span);
        let value = self.coerce(object, &view_ty);
        Some(Stmt {
            kind: StmtKind::Assign(Target::Local(view), value),
            line,
        })
    }

    /// After the statements `out[start..]`, binds the view of each buffer variable they assign.
    pub(super) fn rebind_buffers(&mut self, out: &mut Vec<Stmt>, start: usize) {
        if self.func.as_ref().is_none_or(|cx| cx.buffers.is_empty()) {
            return;
        }
        let mut assigned = Vec::new();
        for s in &out[start..] {
            if let StmtKind::Assign(t, _) = &s.kind {
                target_locals(t, &mut assigned, s.line);
            }
        }
        for (local, line) in assigned {
            if let Some(binding) = self.buffer_binding(local, line) {
                out.push(binding);
            }
        }
    }

    /// Whether `name` is a buffer variable of the current function.
    pub(super) fn is_buffer_local(&self, name: &str) -> bool {
        self.func
            .as_ref()
            .and_then(|cx| cx.scope.get(name).map(|id| cx.buffers.contains_key(id)))
            .unwrap_or(false)
    }

    /// `a[i, j]` on a buffer variable with as many indices as dimensions: the view and its
    /// type, to index instead of the object.
    pub(super) fn buffer_index(
        &self,
        base: &ast::Expr,
        idx: &ast::Expr,
    ) -> Option<(Expr, Rc<MemViewType>)> {
        let (view, mv) = self.buffer_view(base)?;
        let indices: &[ast::Expr] = match &idx.kind {
            E::Tuple(items) => items,
            _ => std::slice::from_ref(idx),
        };
        let plain = indices
            .iter()
            .all(|i| !matches!(i.kind, E::Slice(..) | E::Ellipsis | E::Starred(_) | E::None));
        (plain && indices.len() == mv.ndim()).then_some((view, mv))
    }

    /// The view of buffer variable `base` (a name), and its type.
    pub(super) fn buffer_view(&self, base: &ast::Expr) -> Option<(Expr, Rc<MemViewType>)> {
        let E::Name(n) = &base.kind else {
            return None;
        };
        let cx = self.func.as_ref()?;
        let local = cx.scope.get(self.text(*n))?;
        let &(view, _) = cx.buffers.get(local)?;
        let Type::MemView(mv) = &cx.locals[view].ty else {
            return None;
        };
        let e = Expr::new(ExprKind::Local(view), Type::MemView(mv.clone()), base.span);
        Some((e, mv.clone()))
    }
}

impl FnCx {
    /// Declares the hidden view of buffer variable `local`, declared at `span`.
    pub(super) fn add_buffer(&mut self, local: LocalId, view: Rc<MemViewType>, span: ast::Span) {
        let id = self.add_hidden("buffer", Type::MemView(view));
        self.buffers.insert(local, (id, span));
    }
}

/// The locals a target assigns, with the statement's line.
fn target_locals(t: &Target, out: &mut Vec<(LocalId, u32)>, line: u32) {
    match t {
        Target::Local(id) => out.push((*id, line)),
        Target::Unpack(items, _) => items.iter().for_each(|i| target_locals(i, out, line)),
        _ => {}
    }
}
