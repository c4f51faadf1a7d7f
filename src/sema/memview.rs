//! Typed memoryviews: indexing, slicing, attributes, conversions and whole-view assignment.
//! A view is a C value (`pyx_mvslice`) that owns one acquisition of its buffer; lowering and
//! the refcount pass manage that ownership like an object reference.

use super::tree::*;
use super::types::*;
use super::{codes, Checker};
use crate::syntax::ast::{self, ExprKind as E};
use std::rc::Rc;

impl Checker<'_> {
    /// `v[...]` on a memoryview: an item (one integer per axis) or a new view.
    pub(super) fn memview_subscript(
        &mut self,
        view: Expr,
        mv: Rc<MemViewType>,
        idx: &ast::Expr,
        span: ast::Span,
    ) -> Expr {
        let items: Vec<&ast::Expr> = match &idx.kind {
            E::Tuple(xs) => xs.iter().collect(),
            _ => vec![idx],
        };
        let ndim = mv.ndim();
        let consumed = items
            .iter()
            .filter(|x| !matches!(x.kind, E::None | E::Ellipsis))
            .count();
        let ellipses = items
            .iter()
            .filter(|x| matches!(x.kind, E::Ellipsis))
            .count();
        if consumed > ndim {
            self.error(
                codes::OPERATION,
                span,
                format!("Too many indices specified for type {mv}"),
            );
            return Expr::invalid(span);
        }
        if ellipses > 1 {
            self.error(
                codes::OPERATION,
                span,
                "Only one Ellipsis allowed in an index",
            );
            return Expr::invalid(span);
        }
        let (wrap, check) = (self.directives.wraparound, self.directives.boundscheck);
        let ssize = Type::int(IntKind::SSize);
        let all_ints = consumed == ndim
            && ellipses == 0
            && items
                .iter()
                .all(|x| !matches!(x.kind, E::Slice(..) | E::None | E::Ellipsis));
        if all_ints {
            let mut idx = Vec::new();
            for x in &items {
                idx.push(self.memview_index(x, &ssize));
            }
            return Expr::new(
                ExprKind::MvIndex {
                    view: Box::new(view),
                    idx,
                    wrap,
                    check,
                },
                mv.base.clone(),
                span,
            );
        }
        // A new view: each slice or None gives an axis, each integer removes one.
        let mut out = Vec::new();
        // Per item of the source: 'i' integer, 's' full slice, 'p' partial slice.
        let mut pattern = Vec::new();
        let mut newaxis = false;
        for x in &items {
            match &x.kind {
                E::Ellipsis => {
                    for _ in 0..ndim - consumed {
                        out.push(MvItem::Slice(Box::new([None, None, None])));
                        pattern.push('s');
                    }
                }
                E::None => {
                    out.push(MvItem::NewAxis);
                    newaxis = true;
                }
                E::Slice(lo, hi, step) => {
                    let mut part = |p: &Option<Box<ast::Expr>>| {
                        p.as_deref().map(|p| self.memview_index(p, &ssize))
                    };
                    let (lo, hi, step) = (part(lo), part(hi), part(step));
                    pattern.push(if lo.is_none() && hi.is_none() && step.is_none() {
                        's'
                    } else {
                        'p'
                    });
                    out.push(MvItem::Slice(Box::new([lo, hi, step])));
                }
                _ => {
                    out.push(MvItem::Index(Box::new(self.memview_index(x, &ssize))));
                    pattern.push('i');
                }
            }
        }
        while pattern.len() < ndim {
            pattern.push('s');
        }
        let covered = out.iter().filter(|x| !matches!(x, MvItem::NewAxis)).count();
        let new_ndim = out
            .iter()
            .filter(|x| !matches!(x, MvItem::Index(_)))
            .count()
            + (ndim - covered);
        // Contiguity survives when the contiguous axis is kept whole with nothing but integer
        // indices on the other side of it.
        let contig = match mv.contig_code() {
            1 if !newaxis && pattern.last() == Some(&'s') => {
                let first_kept = pattern.iter().position(|c| *c != 'i').unwrap_or(ndim);
                pattern[first_kept..].iter().all(|c| *c == 's')
                    && pattern[..first_kept].iter().all(|c| *c == 'i')
            }
            2 if !newaxis && pattern.first() == Some(&'s') => {
                let last_kept = pattern.iter().rposition(|c| *c != 'i').unwrap_or(0);
                pattern[..=last_kept].iter().all(|c| *c == 's')
                    && pattern[last_kept + 1..].iter().all(|c| *c == 'i')
            }
            _ => false,
        };
        let mut axes = vec![Axis::Strided; new_ndim];
        if contig && new_ndim > 0 {
            if mv.contig_code() == 1 {
                axes[new_ndim - 1] = Axis::Contig;
            } else {
                axes[0] = Axis::Contig;
            }
        }
        if new_ndim > MAX_DIMS {
            self.error(
                codes::OPERATION,
                span,
                "Too many dimensions in a memoryview slice",
            );
            return Expr::invalid(span);
        }
        Expr::new(
            ExprKind::MvSlice {
                view: Box::new(view),
                items: out,
                wrap,
                check,
            },
            Type::MemView(Rc::new(mv.with_axes(axes))),
            span,
        )
    }

    fn memview_index(&mut self, x: &ast::Expr, ssize: &Type) -> Expr {
        let i = self.expr(x);
        let literal_text = matches!(i.kind, ExprKind::PyStr(_) | ExprKind::PyBytes(_));
        if literal_text
            || !(i.ty.is_int() || i.ty.is_object() || i.ty.is_error() || i.ty == Type::Bint)
        {
            self.error(
                codes::OPERATION,
                x.span,
                format!("Invalid index for memoryview specified, type {}", i.ty),
            );
            return Expr::invalid(x.span);
        }
        self.coerce(i, ssize)
    }

    /// `v.name` on a memoryview: C-level attributes, else the attribute of the view's Python
    /// object.
    pub(super) fn memview_attribute(
        &mut self,
        view: Expr,
        mv: Rc<MemViewType>,
        name: &str,
        span: ast::Span,
    ) -> Expr {
        let ssize = Type::int(IntKind::SSize);
        let prop = |kind: &'static str, ty: Type, view: Expr| {
            Expr::new(ExprKind::MvProp(Box::new(view), kind), ty, span)
        };
        match name {
            "shape" => prop("shape", Type::array(ssize, MAX_DIMS as u64), view),
            "strides" => prop("strides", Type::array(ssize, MAX_DIMS as u64), view),
            "suboffsets" => prop("suboffsets", Type::array(ssize, MAX_DIMS as u64), view),
            "ndim" => prop("ndim", Type::int(IntKind::Int), view),
            "itemsize" | "nbytes" | "size" => {
                let kind = match name {
                    "itemsize" => "itemsize",
                    "nbytes" => "nbytes",
                    _ => "size",
                };
                prop(kind, ssize, view)
            }
            "T" => Expr::new(
                ExprKind::MvTranspose(Box::new(view)),
                Type::MemView(Rc::new(MemViewType {
                    axes: mv.axes.iter().rev().copied().collect(),
                    ..(*mv).clone()
                })),
                span,
            ),
            _ => {
                let b = self.coerce(view, &Type::OBJECT);
                Expr::new(
                    ExprKind::Attribute(Box::new(b), name.to_string()),
                    Type::OBJECT,
                    span,
                )
            }
        }
    }

    /// `v.copy()`, `v.copy_fortran()`, `v.is_c_contig()`, `v.is_f_contig()`; `None` for other
    /// calls.
    pub(super) fn memview_method_call(
        &mut self,
        base: &ast::Expr,
        name: &str,
        args: &[ast::Arg],
        span: ast::Span,
    ) -> Option<Expr> {
        if !matches!(
            name,
            "copy" | "copy_fortran" | "is_c_contig" | "is_f_contig"
        ) {
            return None;
        }
        let v = self.expr(base);
        let Type::MemView(mv) = v.ty.clone() else {
            return None;
        };
        if !args.is_empty() {
            self.error(codes::CALL, span, format!("{name}() takes no arguments"));
            return Some(Expr::invalid(span));
        }
        Some(match name {
            "copy" | "copy_fortran" => {
                self.require_gil(span, "Copying a memoryview");
                let fortran = name == "copy_fortran";
                Expr::new(
                    ExprKind::MvCopy(Box::new(v), fortran),
                    copy_type(&mv, fortran),
                    span,
                )
            }
            "is_c_contig" => Expr::new(
                ExprKind::MvProp(Box::new(v), "is_c_contig"),
                Type::Bint,
                span,
            ),
            _ => Expr::new(
                ExprKind::MvProp(Box::new(v), "is_f_contig"),
                Type::Bint,
                span,
            ),
        })
    }

    /// The conversion of a view value to another view type, if the types allow it (Cython's
    /// compile-time checks).
    pub(super) fn memview_convert(
        &mut self,
        e: Expr,
        from: &MemViewType,
        to: &MemViewType,
    ) -> Expr {
        let span = e.span;
        if from.base != to.base && !same_item(&from.base, &to.base) {
            self.error(
                codes::TYPE_MISMATCH,
                span,
                format!(
                    "Different base types for memoryviews ({} and {})",
                    from.base, to.base
                ),
            );
            return Expr::invalid(span);
        }
        if from.ndim() != to.ndim() {
            self.error(
                codes::TYPE_MISMATCH,
                span,
                format!(
                    "Memoryview '{from}' not conformable to memoryview '{to}' (different number of dimensions)"
                ),
            );
            return Expr::invalid(span);
        }
        let contig_ok = to.contig_code() == 0
            || to.contig_code() == from.contig_code()
            || from.ndim() <= 1 && from.contig_code() != 0;
        if !contig_ok {
            self.error(
                codes::TYPE_MISMATCH,
                span,
                format!("Memoryview '{from}' not conformable to memoryview '{to}'."),
            );
            return Expr::invalid(span);
        }
        if from.is_const && !to.is_const {
            self.error(
                codes::TYPE_MISMATCH,
                span,
                format!("Cannot assign type '{from}' to '{to}'"),
            );
            return Expr::invalid(span);
        }
        Expr::new(
            ExprKind::Coerce(Box::new(e)),
            Type::MemView(Rc::new(to.clone())),
            span,
        )
    }

    /// `v[...] = x`: a view of the same shape is copied, anything else is a scalar item value.
    pub(super) fn memview_assign(&mut self, dst: Expr, value: &ast::Expr) -> Option<Expr> {
        let Type::MemView(mv) = dst.ty.clone() else {
            return None;
        };
        self.python_in_nogil_if(mv.base.is_object(), value.span);
        let v = self.expr(value);
        Some(match &v.ty {
            Type::MemView(src) => {
                let to = MemViewType {
                    base: mv.base.clone(),
                    axes: vec![Axis::Strided; mv.ndim()],
                    is_const: true,
                };
                let src = (**src).clone();
                self.memview_convert(v, &src, &to)
            }
            _ => self.coerce(v, &mv.base),
        })
    }

    fn python_in_nogil_if(&mut self, cond: bool, span: ast::Span) {
        if cond {
            self.python_in_nogil(span);
        }
    }

    /// `<double[:n]>ptr`, `<int[:2, :3]>p`: a C-contiguous view over C memory.
    pub(super) fn memview_from_pointer(
        &mut self,
        v: Expr,
        base: Type,
        dims: Vec<Expr>,
        span: ast::Span,
    ) -> Expr {
        if !matches!(&v.ty, Type::Ptr(_) | Type::Array(..)) {
            self.error(
                codes::TYPE_MISMATCH,
                span,
                "Can only create cython.array from pointer or array",
            );
            return Expr::invalid(span);
        }
        self.python_in_nogil(span);
        let n = dims.len();
        let mut axes = vec![Axis::Strided; n];
        if n > 0 {
            axes[n - 1] = Axis::Contig;
        }
        let ty = MemViewType {
            base,
            axes,
            is_const: false,
        };
        Expr::new(
            ExprKind::MvFromPtr(Box::new(v), dims),
            Type::MemView(Rc::new(ty)),
            span,
        )
    }
}

impl Checker<'_> {
    /// The type of `e` when it is clearly a memoryview (a view variable, or a slice,
    /// transpose or copy of one), without checking it.
    pub(super) fn view_type_guess(&self, e: &ast::Expr) -> Option<Type> {
        match &e.kind {
            E::Name(_) => self.shallow_type(e),
            E::Subscript(b, idx) => {
                let items: Vec<&ast::Expr> = match &idx.kind {
                    E::Tuple(xs) => xs.iter().collect(),
                    _ => vec![&**idx],
                };
                if items
                    .iter()
                    .any(|x| matches!(x.kind, E::Slice(..) | E::Ellipsis | E::None))
                {
                    self.view_type_guess(b)
                } else {
                    None
                }
            }
            E::Attribute(b, a) if self.text(*a) == "T" => self.view_type_guess(b),
            E::Call(f, _) => match &f.kind {
                E::Attribute(b, a) if matches!(self.text(*a), "copy" | "copy_fortran") => {
                    self.view_type_guess(b)
                }
                _ => None,
            },
            _ => None,
        }
    }
}

/// The type of `v.copy()` (`v.copy_fortran()` when `fortran`): a writable view of the same
/// items, contiguous in C (Fortran) order.
pub(super) fn copy_type(mv: &MemViewType, fortran: bool) -> Type {
    let n = mv.ndim();
    let mut axes = vec![Axis::Strided; n];
    if n > 0 {
        axes[if fortran { 0 } else { n - 1 }] = Axis::Contig;
    }
    Type::MemView(Rc::new(MemViewType {
        base: mv.base.clone(),
        axes,
        is_const: false,
    }))
}

impl Checker<'_> {
    /// `arr.data` / `arr.callback_free_data` on a `cython.view.array`: C fields of its object.
    pub(super) fn view_array_field(
        &mut self,
        arr: &Expr,
        name: &str,
        span: ast::Span,
    ) -> Option<Expr> {
        let char_ptr = Type::Ptr(Box::new(Type::int(IntKind::Char)));
        let free_fn = Type::Ptr(Box::new(Type::Func(Rc::new(FuncType {
            ret: Type::Void,
            params: vec![Type::Ptr(Box::new(Type::Void))],
            varargs: false,
            exc: ExcCheck::None,
            nogil: false,
        }))));
        let ty = match name {
            "data" => char_ptr.clone(),
            "callback_free_data" => free_fn.clone(),
            _ => return None,
        };
        let layout = Rc::new(StructType {
            name: "array".into(),
            cname: "pyx_memview".into(),
            is_union: false,
            packed: false,
            fields: vec![
                ("data".into(), char_ptr),
                ("callback_free_data".into(), free_fn),
            ],
            opaque: false,
        });
        let obj = Expr::new(
            ExprKind::CCast(Box::new(arr.clone())),
            Type::Ptr(Box::new(Type::Struct(layout))),
            span,
        );
        Some(Expr::new(
            ExprKind::CField(Box::new(obj), name.into(), true),
            ty,
            span,
        ))
    }
}

/// The C expression for the `cython.view.array` type object.
pub const VIEW_ARRAY: &str = "((PyObject *)pyx_mv_type())";

/// The methods a memoryview has at the C level.
pub fn is_view_method(name: &str) -> bool {
    matches!(
        name,
        "copy" | "copy_fortran" | "is_c_contig" | "is_f_contig"
    )
}

/// Item types that are the same C type under different spellings.
fn same_item(a: &Type, b: &Type) -> bool {
    match (a, b) {
        (Type::Int(x), Type::Int(y)) => x.kind == y.kind,
        (Type::Struct(x), Type::Struct(y)) => x.cname == y.cname,
        (Type::Object(_), Type::Object(_)) => true,
        _ => false,
    }
}

/// The runtime's description of an item type: the name in error messages, Cython's type group
/// (see memview.h) and whether the buffer format check applies.
pub fn item_info(t: &Type) -> (String, char) {
    match t {
        Type::Int(it) => {
            let group = match it.kind {
                IntKind::Char => 'H',
                k if k.signed() => 'I',
                _ => 'U',
            };
            (t.to_string(), group)
        }
        Type::Float(_) => (t.to_string(), 'R'),
        Type::Complex(_) => (t.to_string(), 'C'),
        Type::Object(_) => ("Python object".into(), 'O'),
        _ => (t.to_string(), 'T'),
    }
}

/// The buffer format character of an item type (for views made from C memory).
pub fn format_char(t: &Type) -> &'static str {
    match t {
        Type::Int(it) => match (it.kind, std::mem::size_of::<usize>()) {
            (IntKind::Char | IntKind::SChar, _) => "b",
            (IntKind::UChar, _) => "B",
            (IntKind::Short, _) => "h",
            (IntKind::UShort, _) => "H",
            (IntKind::Int, _) => "i",
            (IntKind::UInt | IntKind::UCS4, _) => "I",
            (IntKind::Long | IntKind::SSize, _) => "l",
            (IntKind::ULong | IntKind::Size, _) => "L",
            (IntKind::LongLong, _) => "q",
            (IntKind::ULongLong, _) => "Q",
        },
        Type::Float(FloatKind::Float) => "f",
        Type::Float(FloatKind::Double) => "d",
        Type::Float(FloatKind::LongDouble) => "g",
        Type::Complex(FloatKind::Float) => "Zf",
        Type::Complex(FloatKind::Double) => "Zd",
        Type::Complex(FloatKind::LongDouble) => "Zg",
        Type::Object(_) => "O",
        _ => "B",
    }
}
