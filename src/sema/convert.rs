//! Conversions the checker makes explicit: casts (`<T>x`), and coercions between C types and
//! Python objects with Cython's rules (constants converted at compile time, literals checked,
//! the conversions that do not exist reported).

use super::expr::{c_int_literal, int_literal, is_py_literal, is_python_temporary};
use super::literal::literal_coercion_error;
use super::tree::*;
use super::types::*;
use super::{codes, Checker};
use crate::syntax::ast::{self, BinOp};

impl<'a> Checker<'a> {
    pub(super) fn cast(&mut self, v: Expr, to: Type, checked: bool, span: ast::Span) -> Expr {
        if to.is_error() || v.ty.is_error() {
            return Expr::invalid(span);
        }
        // `<unsigned char>300`: an int literal cast to a C number keeps the low bits, as C does.
        let v = match int_literal(&v) {
            Some(n) if to.is_numeric() && i64::try_from(n).is_ok() => Expr::new(
                ExprKind::CConst(c_int_literal(n)),
                Type::int(IntKind::LongLong),
                v.span,
            ),
            _ => v,
        };
        match (&v.ty, &to) {
            (_, Type::Object(p)) => {
                if v.ty.is_object() {
                    if checked && *p != PyType::Any {
                        return Expr::new(ExprKind::TypeCheck(Box::new(v)), to, span);
                    }
                    // `<list>x`: no check, just the static type.
                    return Expr::new(ExprKind::CCast(Box::new(v)), to, span);
                }
                if v.ty.is_c_string() {
                    // `<bytes>p` on a `char *`: the bytes object of the C string (`<object>p`:
                    // what `c_string_type` says).
                    let ty = match p {
                        PyType::Any => self.c_string_object_type(),
                        _ => PyType::Bytes,
                    };
                    return self.coerce(v, &Type::Object(ty));
                }
                if v.ty.is_ptr_like() {
                    // `<object>ptr`: reinterpret a PyObject*.
                    return Expr::new(ExprKind::CCast(Box::new(v)), to, span);
                }
                self.coerce(v, &to)
            }
            // A pointer into an object that dies with the expression would dangle.
            (Type::Object(_), t) if t.is_ptr_like() && is_python_temporary(&v) => {
                self.error(
                    codes::TYPE_MISMATCH,
                    span,
                    "Casting temporary Python object to non-numeric non-Python type",
                );
                Expr::invalid(span)
            }
            // `<char *>b"..."`: the object's buffer, as a coercion would give.
            (Type::Object(_), t) if t.is_c_string() => self.coerce(v, &to),
            (Type::Object(_), t) if t.is_ptr_like() => {
                Expr::new(ExprKind::CCast(Box::new(v)), to, span)
            }
            (Type::Object(_), _) => self.coerce(v, &to),
            _ => Expr::new(ExprKind::CCast(Box::new(v)), to, span),
        }
    }

    /// Converts `e` to type `to`, reporting conversions that do not exist, including those of
    /// literals that could only fail at run time.
    pub(super) fn coerce(&mut self, e: Expr, to: &Type) -> Expr {
        if let Some(msg) = literal_coercion_error(&e, to) {
            self.error(codes::TYPE_MISMATCH, e.span, msg);
            return Expr::invalid(e.span);
        }
        if to.is_object() && (!e.ty.is_object() && !e.ty.is_error() || is_py_literal(&e)) {
            self.python_in_nogil(e.span);
        }
        self.convert(e, to)
    }

    /// Converts `e` to type `to`, reporting conversions that do not exist.
    pub(super) fn convert(&mut self, e: Expr, to: &Type) -> Expr {
        if &e.ty == to || e.ty.is_error() || to.is_error() {
            return e;
        }
        if let Some(msg) = enum_assignment_error(&e, to) {
            self.error(codes::TYPE_MISMATCH, e.span, msg);
            return Expr::invalid(e.span);
        }
        // A `cpdef enum` value becomes its IntEnum member (`Level(value)`).
        if let (Type::Int(it), Type::Object(_)) = (&e.ty, to) {
            if let Some(cls) = it.py_enum().map(str::to_string) {
                let span = e.span;
                let plain = Expr {
                    ty: Type::int(it.kind),
                    ..e
                };
                let value = self.convert(plain, &Type::OBJECT);
                let class = Expr::new(ExprKind::PyGlobal(cls.to_string()), Type::OBJECT, span);
                let call = ExprKind::PyCall(Box::new(class), vec![CallArg::Pos(value)]);
                return Expr::new(call, Type::OBJECT, span);
            }
        }
        // A `char *` becomes what `c_string_type` says when any object will do.
        if e.ty.is_c_string() && *to == Type::OBJECT && self.c_string_object_type() == PyType::Str {
            return self.convert(e, &Type::Object(PyType::Str));
        }
        let span = e.span;
        // Constants convert at compile time.
        if let Some(n) = int_literal(&e) {
            match to {
                Type::Int(_) | Type::Bint => {
                    return Expr::new(ExprKind::CConst(c_int_literal(n)), to.clone(), span);
                }
                Type::Float(_) => {
                    return Expr::new(ExprKind::CConst(format!("{n}.0")), to.clone(), span)
                }
                Type::Complex(_) => {
                    return Expr::new(ExprKind::CComplex(n as f64, 0.0), to.clone(), span)
                }
                Type::Object(PyType::Any | PyType::Int) => {
                    return Expr {
                        ty: to.clone(),
                        ..e
                    }
                }
                _ => {}
            }
        }
        // A C `**` on doubles boxed to Python follows Python's float power, which gives a
        // complex for a negative base and a fractional exponent (Cython 3's default `cpow`).
        let e = match e.kind {
            ExprKind::CBinary(CBinOp::Pow, a, b) if e.ty.is_float() && *to == Type::OBJECT => {
                let a = self.coerce(*a, &Type::OBJECT);
                let b = self.coerce(*b, &Type::OBJECT);
                let pow = ExprKind::PyBinary(BinOp::Pow, Box::new(a), Box::new(b));
                return Expr::new(pow, Type::OBJECT, span);
            }
            kind => Expr { kind, ..e },
        };
        match (&e.kind, to) {
            (ExprKind::PyStr(s), t) if t.is_c_string() => {
                if !s.is_ascii() {
                    // Which bytes would stand for the text is not known.
                    self.error(
                        codes::TYPE_MISMATCH,
                        span,
                        "Unicode literals do not support coercion to C types other than \
                         Py_UNICODE/Py_UCS4.",
                    );
                    return Expr::invalid(span);
                }
                return Expr::new(ExprKind::CString(s.clone().into_bytes()), to.clone(), span);
            }
            (ExprKind::PyBytes(b), t) if t.is_c_string() => {
                return Expr::new(ExprKind::CString(b.clone()), to.clone(), span)
            }
            // A bytes literal is a C string literal, which any `void *` takes (`memcpy`).
            (ExprKind::PyBytes(b), Type::Ptr(inner)) if inner.is_void() => {
                return Expr::new(ExprKind::CString(b.clone()), to.clone(), span)
            }
            // `cdef char c = b'x'`, `cdef Py_UCS4 u = 'é'`: a one-character literal is its code.
            (ExprKind::PyBytes(b), Type::Int(_)) if b.len() == 1 => {
                return Expr::new(ExprKind::CConst(b[0].to_string()), to.clone(), span)
            }
            (ExprKind::PyStr(s), Type::Int(it))
                if it.kind == IntKind::UCS4 && s.chars().count() == 1 =>
            {
                let code = s.chars().next().map_or(0, u32::from);
                return Expr::new(ExprKind::CConst(format!("{code}U")), to.clone(), span);
            }
            // A complex constant is a Python constant where an object is wanted, and a
            // constant of any complex kind.
            (ExprKind::CComplex(re, im), Type::Object(_)) => {
                let c = ExprKind::PyComplex(*re, *im);
                return Expr::new(c, Type::Object(PyType::Complex), span);
            }
            (ExprKind::CComplex(..), Type::Complex(_)) => {
                return Expr {
                    ty: to.clone(),
                    ..e
                }
            }
            (ExprKind::CConst(c), Type::Object(_)) if e.ty.is_float() => {
                if let Ok(f) = c.parse::<f64>() {
                    return Expr::new(ExprKind::PyFloat(f), Type::Object(PyType::Float), span);
                }
            }
            // `cdef char c = b'a'`: a one-character literal is a C char constant.
            (ExprKind::PyBytes(b), Type::Int(_)) if b.len() == 1 => {
                return Expr::new(ExprKind::CConst(b[0].to_string()), to.clone(), span)
            }
            (ExprKind::PyStr(s), Type::Int(_)) if s.len() == 1 => {
                return Expr::new(
                    ExprKind::CConst((s.as_bytes()[0]).to_string()),
                    to.clone(),
                    span,
                )
            }
            (ExprKind::Tuple(items), Type::CTuple(ts)) => {
                return self.ctuple_display(items.clone(), ts, span);
            }
            // A dict display with str keys is the struct's keyword constructor, checked
            // now (Cython's "struct 'P' has no field 'z'"), its values C values.
            (ExprKind::Dict(pairs), Type::Struct(st))
                if !st.is_union && pairs.iter().all(|(k, _)| str_key(k).is_some()) =>
            {
                return self.struct_display(pairs.clone(), st.clone(), span);
            }
            (ExprKind::List(items), Type::Struct(st))
                if !st.is_union
                    && items.len() <= self.completed_struct(st.clone()).fields.len() =>
            {
                let full = self.completed_struct(st.clone());
                let pairs = (full.fields.iter().zip(items))
                    .map(|((name, _), v)| {
                        let key = Expr::new(ExprKind::PyStr(name.clone()), Type::OBJECT, span);
                        (key, v.clone())
                    })
                    .collect();
                return self.struct_display(pairs, full, span);
            }
            (ExprKind::PyNone, Type::Object(_)) => {
                return Expr {
                    ty: to.clone(),
                    ..e
                }
            }
            _ => {}
        }
        match (&e.ty, to) {
            (Type::MemView(a), Type::MemView(b)) => {
                let (a, b) = (a.clone(), b.clone());
                return self.memview_convert(e, &a, &b);
            }
            // `cdef int[:, :] v = c_array`: a view over the array's memory (Cython's
            // `cython.view.array` wrapping it, no copy).
            (Type::Array(..), Type::MemView(b)) => {
                let b = b.clone();
                if let Some((base, dims)) =
                    array_dims(&e.ty).filter(|(t, d)| *t == b.base && d.len() == b.ndim())
                {
                    let dims = dims
                        .into_iter()
                        .map(|n| {
                            Expr::new(
                                ExprKind::CConst(n.to_string()),
                                Type::int(IntKind::SSize),
                                span,
                            )
                        })
                        .collect();
                    let view = self.memview_from_pointer(e, base, dims, span);
                    return match &view.ty {
                        Type::MemView(a) => {
                            let a = a.clone();
                            self.memview_convert(view, &a, &b)
                        }
                        _ => view,
                    };
                }
                self.error(
                    codes::TYPE_MISMATCH,
                    span,
                    format!("Cannot assign type '{}' to '{to}'", e.ty),
                );
                return Expr::invalid(span);
            }
            (Type::Object(_), Type::MemView(_)) | (Type::MemView(_), Type::Object(_)) => {
                // Binding None to a view needs no Python operation.
                if to.is_object() || !matches!(e.kind, ExprKind::PyNone) {
                    self.python_in_nogil(span);
                }
                return Expr::new(ExprKind::Coerce(Box::new(e)), to.clone(), span);
            }
            (Type::MemView(_), _) | (_, Type::MemView(_)) => {
                self.error(
                    codes::TYPE_MISMATCH,
                    span,
                    format!("Cannot assign type '{}' to '{to}'", e.ty),
                );
                return Expr::invalid(span);
            }
            _ => {}
        }
        if let (Type::Array(elt, Some(n)), Type::Object(PyType::Any | PyType::List)) = (&e.ty, to) {
            if !e.ty.is_c_string() && elt.converts_to_object() {
                let (elt, n) = ((**elt).clone(), n.clone());
                return self.array_to_list(e, &elt, &n);
            }
        }
        // A str is text, not bytes: only `c_string_encoding` says how to make it a `char *`.
        if e.ty == Type::Object(PyType::Str)
            && to.is_c_string()
            && self.directives.c_string_encoding.is_none()
        {
            let msg = "Unicode objects only support coercion to Py_UNICODE*.";
            self.error(codes::TYPE_MISMATCH, span, msg);
            return Expr::invalid(span);
        }
        if let Some(msg) = exception_mismatch(&e.ty, to) {
            self.error(codes::TYPE_MISMATCH, span, msg);
            return Expr::invalid(span);
        }
        let ok = match (&e.ty, to) {
            (Type::Object(_), Type::Object(_)) => true,
            (Type::Object(_), t) => t.converts_to_object() && !t.is_ptr_like() || t.is_c_string(),
            (f, Type::Object(_)) => f.converts_to_object(),
            (Type::Float(_), Type::Int(_)) => false,
            // A complex number has no truth value and no real C type holds it (Cython).
            (Type::Complex(_), Type::Bint) => {
                self.error(
                    codes::TYPE_MISMATCH,
                    span,
                    format!("Type '{}' not acceptable as a boolean", e.ty),
                );
                return Expr::invalid(span);
            }
            (Type::Complex(_), t) if !t.is_complex() => false,
            (f, t) if f.is_numeric() && t.is_numeric() => true,
            (Type::NullPtr, t) if t.is_ptr_like() => true,
            // Any pointer becomes `void *`; the way back needs a cast, as in Cython.
            (Type::Array(a, _), Type::Ptr(b)) | (Type::Ptr(a), Type::Ptr(b)) => {
                a == b || b.is_void() || same_struct(a, b) || same_signature(a, b)
            }
            (Type::Func(a), Type::Ptr(b)) => {
                matches!(&**b, Type::Func(bf) if bf.params == a.params && bf.ret == a.ret)
            }
            (Type::CTuple(a), Type::CTuple(b)) => a.len() == b.len(),
            (Type::Ptr(_), Type::Bint) => true,
            _ => false,
        };
        if !ok {
            let msg = match (&e.ty, to) {
                (Type::Object(_), t) => format!("Cannot convert Python object to '{t}'"),
                (f, Type::Object(_)) => format!("Cannot convert '{f}' to Python object"),
                (f, t) => format!("Cannot assign type '{f}' to '{t}'"),
            };
            self.error(codes::TYPE_MISMATCH, span, msg);
            return Expr::invalid(span);
        }
        if let (Type::CTuple(items), Type::CTuple(targets)) = (&e.ty, to) {
            if items != targets {
                return Expr::new(ExprKind::Coerce(Box::new(e)), to.clone(), span);
            }
        }
        Expr::new(ExprKind::Coerce(Box::new(e)), to.clone(), span)
    }
}

/// Function types with the same parameters and result (their exception specs aside), as a
/// function pointer assignment accepts.
fn same_signature(a: &Type, b: &Type) -> bool {
    matches!((a, b), (Type::Func(x), Type::Func(y)) if x.params == y.params && x.ret == y.ret)
}

/// The text of a str literal (a dict display's key, made an object).
pub(super) fn str_key(k: &Expr) -> Option<&str> {
    match &k.kind {
        ExprKind::PyStr(s) => Some(s),
        ExprKind::Coerce(inner) => str_key(inner),
        _ => None,
    }
}

/// Cython's error for a function that can raise going where nothing checks for it (a
/// `noexcept` function pointer): its exception would be lost.
fn exception_mismatch(from: &Type, to: &Type) -> Option<String> {
    let src = match from {
        Type::Func(f) => f,
        Type::Ptr(p) => match &**p {
            Type::Func(f) => f,
            _ => return None,
        },
        _ => return None,
    };
    let Type::Ptr(p) = to else { return None };
    let Type::Func(dst) = &**p else { return None };
    if !same_signature(&Type::Func(src.clone()), p) {
        return None;
    }
    if src.exc != ExcCheck::None && dst.exc == ExcCheck::None {
        return Some(format!(
            "Cannot assign type '{from}' to '{to}'. Exception values are incompatible. Suggest adding 'noexcept' to the function's type."
        ));
    }
    // A pointer called without the GIL cannot take a function that needs it.
    (dst.nogil && !src.nogil).then(|| format!("Cannot assign type '{from}' to '{to}'"))
}

fn same_struct(a: &Type, b: &Type) -> bool {
    matches!((a, b), (Type::Struct(x), Type::Struct(y)) if x.cname == y.cname)
}

/// A C array's item type and its lengths, outermost first (`int[2][3]` is `int`, `[2, 3]`),
/// when every length is known.
fn array_dims(t: &Type) -> Option<(Type, Vec<u64>)> {
    let mut dims = Vec::new();
    let mut t = t;
    while let Type::Array(inner, len) = t {
        dims.push(len.as_ref()?.known()?);
        t = inner;
    }
    (!dims.is_empty()).then(|| (t.clone(), dims))
}

/// A C number (an int literal included) is not implicitly a value of a named enum, nor a
/// value of one enum a value of another: Cython's "Cannot assign type 'long' to 'Color'"
/// (`<Color>n` casts; Python objects convert at run time).
fn enum_assignment_error(e: &Expr, to: &Type) -> Option<String> {
    let Type::Int(target) = to else { return None };
    let name = target.enum_name()?;
    let from = match &e.ty {
        _ if int_literal(e).is_some() => "long".to_string(),
        Type::Int(it) => match it.enum_name() {
            Some(n) if n == name => return None,
            Some(n) => n.to_string(),
            None => e.ty.to_string(),
        },
        Type::Float(_) | Type::Bint => e.ty.to_string(),
        _ => return None,
    };
    Some(format!("Cannot assign type '{from}' to '{name}'"))
}
