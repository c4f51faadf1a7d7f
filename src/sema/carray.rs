//! Whole C arrays as values: `a[:] = [1, 2, 3]`, `a = b`, `a[:] = some_list` and the
//! conversion of an array to a Python list, expanded here into element-wise statements and
//! C loops so lowering needs nothing array-specific.

use super::tree::*;
use super::types::*;
use super::{codes, Checker};
use crate::syntax::ast::{self, ExprKind as E};
use std::rc::Rc;

impl<'a> Checker<'a> {
    /// The array a target denotes when the assignment replaces a whole C array (`a = ...` on
    /// an array variable, or `a[:] = ...`). An `obj[:]` on an object comes back as an item
    /// target, checked once.
    pub(super) fn whole_array_target(
        &mut self,
        target: &ast::Expr,
    ) -> Option<Result<Expr, Target>> {
        match &target.kind {
            E::Name(n) => {
                let t = self.name_target(self.text(*n), n.span);
                let ty = self.target_type(&t)?;
                if !matches!(ty, Type::Array(_, Some(_))) {
                    return None;
                }
                Some(Ok(self.target_expr(&t, &ty, target.span)))
            }
            // `a[i:j] = ...` with constant bounds: the sub-array.
            E::Subscript(base, idx)
                if matches!(idx.kind, E::Slice(_, _, None))
                    && !matches!(idx.kind, E::Slice(None, None, None)) =>
            {
                let b = self.expr(base);
                if let Type::MemView(_) = b.ty {
                    return None;
                }
                if !matches!(b.ty, Type::Array(_, Some(_))) {
                    let sl = self.expr(idx);
                    return Some(Err(Target::Item(b, sl)));
                }
                let E::Slice(lo, hi, None) = &idx.kind else {
                    return None;
                };
                Some(Ok(self.array_slice(
                    b,
                    lo.as_deref(),
                    hi.as_deref(),
                    target.span,
                )))
            }
            E::Subscript(base, idx) if matches!(idx.kind, E::Slice(None, None, None)) => {
                let b = self.expr(base);
                match &b.ty {
                    Type::Array(_, Some(_)) => Some(Ok(b)),
                    Type::MemView(_) => None,
                    Type::Object(_) | Type::Error => {
                        let sl = self.expr(idx);
                        Some(Err(Target::Item(b, sl)))
                    }
                    t => {
                        self.error(
                            codes::OPERATION,
                            target.span,
                            format!("Cannot assign to a slice of '{t}'"),
                        );
                        Some(Err(Target::CLValue(Expr::invalid(target.span))))
                    }
                }
            }
            // `s.arr = ...` for an array field of a struct or extension type: looked at
            // quietly first, as any other attribute target is checked again by `assign`.
            E::Attribute(..) => {
                self.quiet += 1;
                let e = self.expr(target);
                self.quiet -= 1;
                let field = matches!(e.kind, ExprKind::CField(..) | ExprKind::ExtField(..));
                (field && matches!(e.ty, Type::Array(_, Some(_)))).then_some(Ok(e))
            }
            _ => None,
        }
    }

    /// `a[i:j]` on a C array of known length, with constant bounds (Cython's rule): the
    /// elements from `i` as an array of `j - i` (`&a[i]`, which indexes like the array).
    pub(super) fn array_slice(
        &mut self,
        arr: Expr,
        lo: Option<&ast::Expr>,
        hi: Option<&ast::Expr>,
        span: ast::Span,
    ) -> Expr {
        let Type::Array(elt, Some(_)) = arr.ty.clone() else {
            return Expr::invalid(span);
        };
        let Some(n) = self.known_len(&arr.ty, span, "slicing it") else {
            return Expr::invalid(span);
        };
        let n = n as i128;
        let bound = |x: Option<&ast::Expr>, default: i128| match x {
            None => Some(default),
            Some(x) => self.const_int(x).map(|v| if v < 0 { v + n } else { v }),
        };
        let (Some(lo), Some(hi)) = (bound(lo, 0), bound(hi, n)) else {
            self.error(
                codes::OPERATION,
                span,
                "slices of C arrays need constant bounds",
            );
            return Expr::invalid(span);
        };
        let (lo, hi) = (lo.clamp(0, n), hi.clamp(0, n));
        let len = (hi - lo).max(0) as u64;
        let ssize = Type::int(IntKind::SSize);
        let start = Expr::new(ExprKind::CConst(lo.to_string()), ssize, span);
        let first = Expr::new(
            ExprKind::CIndex(Box::new(arr), Box::new(start)),
            (*elt).clone(),
            span,
        );
        Expr::new(
            ExprKind::AddressOf(Box::new(first)),
            Type::array(*elt, len),
            span,
        )
    }

    /// `arr = value` for a whole array of known length: a display of exactly that many items,
    /// an array of the same type, or any Python iterable (checked at run time, IndexError as
    /// in Cython).
    pub(super) fn assign_array(
        &mut self,
        arr: Expr,
        value: &ast::Expr,
        line: u32,
        out: &mut Vec<Stmt>,
    ) {
        let Type::Array(elt, Some(n)) = arr.ty.clone() else {
            return;
        };
        if let E::List(items) | E::Tuple(items) = &value.kind {
            let Some(n) = self.known_len(&arr.ty, value.span, "assigning a display to it") else {
                return;
            };
            if items.len() as u64 != n {
                self.error(
                    codes::TYPE_MISMATCH,
                    value.span,
                    format!(
                        "Assignment to slice of wrong length, expected {n}, got {}",
                        items.len()
                    ),
                );
                return;
            }
            self.array_items(&arr, &elt, items, line, out);
            return;
        }
        let v = self.expr(value);
        let span = value.span;
        match &v.ty {
            Type::Error => {}
            Type::Array(e2, Some(m)) if *e2 == elt && *m == n => {
                out.push(Stmt {
                    kind: StmtKind::Expr(self.memcpy(arr, v)),
                    line,
                });
            }
            Type::Object(_) if elt.converts_to_object() && !elt.is_ptr_like() => {
                self.array_from_iterable(arr, &elt, &n, v, line, out);
            }
            t => {
                let msg = format!("Cannot assign type '{t}' to '{}'", arr.ty);
                self.error(codes::TYPE_MISMATCH, span, msg);
            }
        }
    }

    /// `arr[i] = item` for each item of a display (also `cdef int a[3] = [...]`).
    pub(super) fn array_items(
        &mut self,
        arr: &Expr,
        elt: &Type,
        items: &[ast::Expr],
        line: u32,
        out: &mut Vec<Stmt>,
    ) {
        for (i, item) in items.iter().enumerate() {
            if let Type::Array(_, Some(_)) = elt {
                // A row of a multi-dimensional array: itself a whole-array assignment.
                let row = self.array_elem(arr.clone(), c_index(&i.to_string(), item.span), elt);
                self.assign_array(row, item, line, out);
                continue;
            }
            let x = self.expr(item);
            let x = self.coerce(x, elt);
            let lv = self.array_elem(arr.clone(), c_index(&i.to_string(), item.span), elt);
            out.push(Stmt {
                kind: StmtKind::Assign(Target::CLValue(lv), x),
                line,
            });
        }
    }

    /// `memcpy(dst, src, sizeof(dst))` for arrays of the same type.
    fn memcpy(&mut self, dst: Expr, src: Expr) -> Expr {
        let span = dst.span;
        let void_ptr = Type::Ptr(Box::new(Type::Void));
        let sig = Rc::new(FuncType {
            ret: void_ptr.clone(),
            params: vec![void_ptr.clone(), void_ptr.clone(), Type::int(IntKind::Size)],
            varargs: false,
            exc: ExcCheck::None,
            nogil: true,
        });
        let size = Expr::new(
            ExprKind::SizeOf(dst.ty.clone()),
            Type::int(IntKind::Size),
            span,
        );
        let args = vec![dst.coerce(void_ptr.clone()), src.coerce(void_ptr), size];
        let callee = Expr::new(
            ExprKind::CName("memcpy".into()),
            Type::Func(sig.clone()),
            span,
        );
        Expr::new(
            ExprKind::CCall(Box::new(callee), args, sig.clone()),
            sig.ret.clone(),
            span,
        )
    }

    /// `seq = pyx_carray_items(v, n)` (exactly n items or IndexError), then a C loop
    /// converting each item into `arr[i]`.
    pub(super) fn array_from_iterable(
        &mut self,
        arr: Expr,
        elt: &Type,
        n: &ArrayLen,
        v: Expr,
        line: u32,
        out: &mut Vec<Stmt>,
    ) {
        let span = v.span;
        let sig = Rc::new(FuncType {
            ret: Type::Object(PyType::Tuple),
            params: vec![Type::OBJECT, Type::int(IntKind::SSize)],
            varargs: false,
            exc: ExcCheck::None,
            nogil: false,
        });
        let callee = Expr::new(
            ExprKind::CName("pyx_carray_items".into()),
            Type::Func(sig.clone()),
            span,
        );
        let v = self.coerce(v, &Type::OBJECT);
        let call = Expr::new(
            ExprKind::CCall(
                Box::new(callee),
                vec![v, c_index(&n.to_string(), span)],
                sig,
            ),
            Type::Object(PyType::Tuple),
            span,
        );
        let cx = self.func.as_mut().expect("function context");
        let seq = cx.add_hidden("items", Type::Object(PyType::Tuple));
        let i = cx.add_hidden("i", Type::int(IntKind::SSize));
        out.push(Stmt {
            kind: StmtKind::Assign(Target::Local(seq), call),
            line,
        });
        let idx = || Expr::new(ExprKind::Local(i), Type::int(IntKind::SSize), span);
        let seq_e = Expr::new(ExprKind::Local(seq), Type::Object(PyType::Tuple), span);
        let item = Expr::new(
            ExprKind::Subscript(Box::new(seq_e), Box::new(idx().coerce(Type::OBJECT))),
            Type::OBJECT,
            span,
        );
        let item = self.coerce(item, elt);
        let lv = self.array_elem(arr, idx(), elt);
        let body = vec![Stmt {
            kind: StmtKind::Assign(Target::CLValue(lv), item),
            line,
        }];
        out.push(Stmt {
            kind: index_loop(i, n, body, span),
            line,
        });
    }

    /// A C array as a new list of its converted elements (a comprehension over the indices;
    /// the array is read through a pointer taken once).
    pub(super) fn array_to_list(&mut self, arr: Expr, elt: &Type, n: &ArrayLen) -> Expr {
        let span = arr.span;
        let line = self.line_of(span);
        let ptr_ty = Type::Ptr(Box::new(elt.clone()));
        let Some(cx) = self.func.as_mut() else {
            return Expr::invalid(span);
        };
        let p = cx.add_hidden("arr", ptr_ty.clone());
        let i = cx.add_hidden("i", Type::int(IntKind::SSize));
        let acc = cx.add_hidden("list", Type::Object(PyType::List));
        let base = Expr::new(ExprKind::Local(p), ptr_ty.clone(), span);
        let idx = Expr::new(ExprKind::Local(i), Type::int(IntKind::SSize), span);
        let item = self.array_elem(base, idx, elt);
        let item = self.coerce(item, &Type::OBJECT);
        let append = Stmt {
            kind: StmtKind::Append(ComprehensionKind::List, acc, item, None),
            line,
        };
        let body = vec![
            Stmt {
                kind: StmtKind::Assign(Target::Local(p), arr.coerce(ptr_ty)),
                line,
            },
            Stmt {
                kind: index_loop(i, n, vec![append], span),
                line,
            },
        ];
        Expr::new(
            ExprKind::Comprehension {
                acc,
                kind: ComprehensionKind::List,
                body,
            },
            Type::Object(PyType::List),
            span,
        )
    }

    /// The length of an array type that must be known to pyxc for `what`; an error otherwise.
    pub(super) fn known_len(&mut self, ty: &Type, span: ast::Span, what: &str) -> Option<u64> {
        let n = ty.known_len();
        if n.is_none() {
            self.error(
                codes::UNSUPPORTED,
                span,
                format!("the length of '{ty}' is only known to the C compiler, not to pyxc, which {what} needs"),
            );
        }
        n
    }

    fn array_elem(&self, arr: Expr, idx: Expr, elt: &Type) -> Expr {
        let span = arr.span;
        Expr::new(
            ExprKind::CIndex(Box::new(arr), Box::new(idx)),
            elt.clone(),
            span,
        )
    }
}

fn c_index(v: &str, span: ast::Span) -> Expr {
    Expr::new(ExprKind::CConst(v.into()), Type::int(IntKind::SSize), span)
}

/// `for i in range(n): body` with a `Py_ssize_t` counter.
fn index_loop(i: LocalId, n: &ArrayLen, body: Vec<Stmt>, span: ast::Span) -> StmtKind {
    StmtKind::ForRange {
        var: Target::Local(i),
        var_ty: Type::int(IntKind::SSize),
        start: c_index("0", span),
        stop: c_index(&n.to_string(), span),
        step: c_index("1", span),
        step_const: Some(1),
        body,
        orelse: Vec::new(),
    }
}
