//! Turning C types as written (`ast::CType`) into checked `Type`s.

use super::types::*;
use super::{codes, Checker, Sym};
use crate::syntax::ast::{self, CModifier, CTypeKind};
use std::rc::Rc;

impl<'a> Checker<'a> {
    /// Resolves a written C type; unknown names are reported and give `Type::Error`.
    pub(super) fn resolve_ctype(&mut self, t: &ast::CType) -> Type {
        match &t.kind {
            CTypeKind::Base { modifiers, name } => self.resolve_base(t, modifiers, name.as_ref()),
            CTypeKind::Pointer(inner) => {
                let i = self.resolve_ctype(inner);
                if i.is_error() {
                    return Type::Error;
                }
                Type::Ptr(Box::new(i))
            }
            CTypeKind::Const(inner) => self.resolve_ctype(inner),
            CTypeKind::Annotation(e) => self.annotation_to_type(e),
            CTypeKind::Array(inner, size) => {
                let i = self.resolve_ctype(inner);
                let n = match size.as_deref() {
                    None => None,
                    Some(e) => match self.array_len(e) {
                        Some(n) => Some(n),
                        None => {
                            self.error(
                                codes::DECLARATION,
                                e.span,
                                "array size must be a constant non-negative integer",
                            );
                            return Type::Error;
                        }
                    },
                };
                if i.is_error() {
                    return Type::Error;
                }
                Type::Array(Box::new(i), n)
            }
            CTypeKind::Function(f) => {
                let mut sig = self.resolve_functype(f, self.in_extern);
                // In `cdef extern from ... nogil:` function pointer types are nogil too.
                sig.nogil |= self.in_extern && self.extern_nogil;
                Type::Func(Rc::new(sig))
            }
            CTypeKind::CTuple(ts) => {
                let ts: Vec<Type> = ts.iter().map(|t| self.resolve_ctype(t)).collect();
                if ts.iter().any(Type::is_error) {
                    return Type::Error;
                }
                self.register_ctuple(&ts);
                Type::CTuple(ts)
            }
            // `double[4]` (no slices): Cython's type-first spelling of a C array.
            CTypeKind::MemoryView { base, axes }
                if axes
                    .iter()
                    .all(|a| !matches!(a.kind, ast::ExprKind::Slice(..))) =>
            {
                // `ndarray[double, ndim=2]` where it is not a local or a def parameter.
                if let Some((object, _)) = self.buffer_parts(t) {
                    self.error(
                        codes::DECLARATION,
                        t.span,
                        "Buffer types only allowed as function local variables (and def parameters)",
                    );
                    return object;
                }
                let mut ty = self.resolve_ctype(base);
                for a in axes.iter().rev() {
                    match self.const_int(a) {
                        Some(n) if n >= 0 && !ty.is_error() => ty = Type::array(ty, n as u64),
                        Some(_) | None => {
                            self.error(
                                codes::DECLARATION,
                                a.span,
                                "array size must be a constant non-negative integer",
                            );
                            return Type::Error;
                        }
                    }
                }
                ty
            }
            CTypeKind::MemoryView { base, axes } => self.resolve_memview(t, base, axes),
        }
    }

    /// `double[:, ::1]`: each axis is `:` (strided) or `::1` (contiguous, first or last only).
    fn resolve_memview(&mut self, t: &ast::CType, base: &ast::CType, axes: &[ast::Expr]) -> Type {
        let is_const = match &base.kind {
            CTypeKind::Const(_) => true,
            CTypeKind::Base { modifiers, .. } => modifiers.contains(&CModifier::Const),
            _ => false,
        };
        let item = self.resolve_ctype(base);
        self.memview_type(item, is_const, axes, base.span, t.span)
    }

    /// A memoryview type from its item type and written axes (`double[:, ::1]`, also the pure
    /// mode's `cython.double[:, ::1]`).
    pub(super) fn memview_type(
        &mut self,
        item: Type,
        is_const: bool,
        axes: &[ast::Expr],
        item_span: ast::Span,
        span: ast::Span,
    ) -> Type {
        if item.is_error() {
            return Type::Error;
        }
        let item_ok = match &item {
            Type::Int(_) | Type::Float(_) | Type::Complex(_) | Type::Object(_) => true,
            Type::Struct(s) => !s.is_union,
            _ => false,
        };
        if !item_ok {
            self.error(
                codes::UNSUPPORTED,
                item_span,
                format!("memoryviews of '{item}' items are not supported by pyxc"),
            );
            return Type::Error;
        }
        let item = match item {
            Type::Object(_) => Type::OBJECT,
            t => t,
        };
        let mut out = Vec::new();
        for a in axes {
            let axis = match &a.kind {
                ast::ExprKind::Slice(None, None, None) => Some(Axis::Strided),
                ast::ExprKind::Slice(None, None, Some(step)) if self.const_int(step) == Some(1) => {
                    Some(Axis::Contig)
                }
                _ => None,
            };
            match axis {
                Some(x) => out.push(x),
                None => {
                    self.error(
                        codes::UNSUPPORTED,
                        a.span,
                        "memoryview axes must be ':' or '::1'",
                    );
                    return Type::Error;
                }
            }
        }
        let n = out.len();
        let contig_ok = out
            .iter()
            .enumerate()
            .all(|(i, a)| *a == Axis::Strided || i == 0 || i == n - 1)
            && out.iter().filter(|a| **a == Axis::Contig).count() <= 1;
        if !contig_ok {
            self.error(
                codes::DECLARATION,
                span,
                "Only the first or the last axis of a memoryview may be contiguous ('::1')",
            );
            return Type::Error;
        }
        if n > MAX_DIMS {
            self.error(
                codes::DECLARATION,
                span,
                format!(
                    "More dimensions than the maximum number of buffer dimensions ({MAX_DIMS})"
                ),
            );
            return Type::Error;
        }
        Type::MemView(Rc::new(MemViewType {
            base: item,
            axes: out,
            is_const,
        }))
    }

    pub(super) fn register_ctuple(&mut self, ts: &[Type]) {
        if !self.program.ctuples.iter().any(|c| c == ts) {
            self.program.ctuples.push(ts.to_vec());
        }
    }

    fn resolve_base(
        &mut self,
        t: &ast::CType,
        modifiers: &[CModifier],
        name: Option<&ast::DottedName>,
    ) -> Type {
        let real = self.resolve_real_base(t, modifiers, name);
        if !modifiers.contains(&CModifier::Complex) {
            return real;
        }
        // `double complex`, `float complex`, `long double complex`.
        match real {
            Type::Float(k) => Type::Complex(k),
            Type::Error => Type::Error,
            other => {
                self.error(
                    codes::NOT_A_TYPE,
                    t.span,
                    format!(
                        "complex of '{other}' is not a C type (only float, double and long double)"
                    ),
                );
                Type::Error
            }
        }
    }

    /// The type of the words of a base type, any `complex` left aside.
    fn resolve_real_base(
        &mut self,
        t: &ast::CType,
        modifiers: &[CModifier],
        name: Option<&ast::DottedName>,
    ) -> Type {
        let count = |m: CModifier| modifiers.iter().filter(|x| **x == m).count();
        let unsigned = count(CModifier::Unsigned) > 0;
        let signed = count(CModifier::Signed) > 0;
        let longs = count(CModifier::Long);
        let short = count(CModifier::Short) > 0;
        let text: Option<String> = name.map(|n| {
            n.parts
                .iter()
                .map(|p| self.text(*p))
                .collect::<Vec<_>>()
                .join(".")
        });
        let int = |k: IntKind| Type::int(if unsigned { k.to_unsigned() } else { k });
        match text.as_deref() {
            // No type at all (`cdef f(x)`, `cpdef g():`): a Python object, as in Cython.
            None if modifiers.is_empty() => Some(Type::OBJECT),
            None | Some("int") => Some(if short {
                int(IntKind::Short)
            } else if longs >= 2 {
                int(IntKind::LongLong)
            } else if longs == 1 {
                int(IntKind::Long)
            } else {
                int(IntKind::Int)
            }),
            Some("char") => Some(if unsigned {
                Type::int(IntKind::UChar)
            } else if signed {
                Type::int(IntKind::SChar)
            } else {
                Type::int(IntKind::Char)
            }),
            Some("short") => Some(int(IntKind::Short)),
            Some("long") if !unsigned && !signed && modifiers.is_empty() => {
                Some(int(IntKind::Long))
            }
            Some("double") if longs > 0 => Some(Type::Float(FloatKind::LongDouble)),
            _ => None,
        }
        .unwrap_or_else(|| self.named_type(t, text.as_deref().unwrap_or("int")))
    }

    fn named_type(&mut self, t: &ast::CType, name: &str) -> Type {
        if let Some(ty) = builtin_ctype(name) {
            return ty;
        }
        if let Some(ty) = self.lookup_type(name) {
            return ty;
        }
        if let Some(f) = self.lookup_fused(name) {
            return self.specialise(&f, t.span);
        }
        if let Some(p) = PyType::from_name(name) {
            return Type::Object(p);
        }
        if name == "Py_buffer" {
            return Type::Struct(super::py_buffer_type());
        }
        self.error(
            codes::NOT_A_TYPE,
            t.span,
            format!("'{name}' is not a type identifier"),
        );
        Type::Error
    }

    /// Variables need a complete type.
    pub(super) fn check_var_type(&mut self, ty: &Type, span: ast::Span) {
        if ty.is_void() {
            self.error(
                codes::DECLARATION,
                span,
                "Variable type 'void' is incomplete",
            );
        }
    }

    /// The C type an expression names, when it is a type name in expression position
    /// (`sizeof(char)`, `sizeof(Point)`, `sizeof(m.T)`): the parser only makes a type of
    /// words that cannot be an expression. Locals and Python globals shadow type names.
    pub(super) fn expr_as_ctype(&self, e: &ast::Expr) -> Option<Type> {
        let name = match &e.kind {
            ast::ExprKind::Name(n) => {
                let name = self.text(*n);
                if self.func_scope_has(name) {
                    return None;
                }
                if !self.module.contains_key(name) {
                    return builtin_ctype(name);
                }
                name.to_string()
            }
            ast::ExprKind::Attribute(..) => dotted_expr(e, self.src)?,
            _ => return None,
        };
        if let Some(f) = self.lookup_fused(&name) {
            // A fused type in a specialisation: its member.
            let member = self.fused_subst.iter().find(|(n, _)| *n == f.name);
            return member.map(|(_, t)| t.clone()).filter(|t| !t.is_object());
        }
        self.lookup_type(&name).filter(|t| !t.is_object())
    }

    /// A type name from the module scope or a cimported module (`m.T`).
    pub(super) fn lookup_type(&self, name: &str) -> Option<Type> {
        let mut parts = name.split('.');
        let first = parts.next()?;
        let mut sym = self.module.get(first)?.clone();
        for p in parts {
            match sym {
                Sym::CModule(m) => sym = m.get(p)?.clone(),
                _ => return None,
            }
        }
        match sym {
            Sym::Type(t) => Some(t),
            _ => None,
        }
    }

    /// The signature of a C function type as written.
    pub(super) fn resolve_functype(&mut self, f: &ast::CFuncType, is_extern: bool) -> FuncType {
        let ret = self.resolve_ctype(&f.ret);
        let params: Vec<Type> = self.c_params(&f.params).into_iter().map(|p| p.1).collect();
        let exc = self.exception_check(&f.exception, &ret, is_extern, f.ret.span);
        FuncType {
            ret,
            params,
            varargs: f.params.c_varargs,
            exc,
            nogil: f.nogil,
        }
    }

    /// Names and types of C function parameters (a lone `void` means none).
    pub(super) fn c_params(
        &mut self,
        ps: &ast::Params,
    ) -> Vec<(Option<String>, Type, Option<ast::DefaultValue>)> {
        let mut out = Vec::new();
        for p in ps.posonly.iter().chain(&ps.args).chain(&ps.kwonly) {
            let ty = match &p.ctype {
                Some(t) => self.object_or_ctype(t),
                None => Type::OBJECT,
            };
            let ty = match ty {
                Type::Array(inner, _) => Type::Ptr(inner),
                t => t,
            };
            out.push((
                p.name.map(|n| self.text(n).to_string()),
                ty,
                p.default.clone(),
            ));
        }
        if out.len() == 1 && out[0].0.is_none() && out[0].1.is_void() {
            out.clear();
        }
        out
    }

    /// Cython 3's exception semantics: C-returning functions propagate exceptions by default
    /// (`except? -1`-like for ints, `except *` for void...), extern ones never do.
    pub(super) fn exception_check(
        &mut self,
        spec: &ast::ExceptionSpec,
        ret: &Type,
        is_extern: bool,
        span: ast::Span,
    ) -> ExcCheck {
        use ast::ExceptionSpec as S;
        if ret.is_object() {
            if !matches!(spec, S::Default) {
                self.error(
                    codes::DECLARATION,
                    span,
                    "exception clause not allowed for function returning Python object",
                );
            }
            return ExcCheck::None;
        }
        match spec {
            S::NoExcept => ExcCheck::None,
            S::Default if is_extern => ExcCheck::None,
            S::Default => default_exc(ret),
            S::Star => ExcCheck::Always,
            S::Cpp(_) => ExcCheck::None,
            S::Value(e) | S::MaybeValue(e) => {
                let v = self.const_c_literal(e).unwrap_or_else(|| {
                    self.error(
                        codes::DECLARATION,
                        e.span,
                        "exception value must be a constant",
                    );
                    "0".into()
                });
                if matches!(spec, S::Value(_)) {
                    ExcCheck::Value(v)
                } else {
                    ExcCheck::MaybeValue(v)
                }
            }
        }
    }

    /// A compile-time integer: a literal, an enum member whose value is known here, or C
    /// integer arithmetic on those (`None` on overflow).
    /// An array length: a constant pyxc can compute, or one only the C compiler knows
    /// (extern enum members and macros, combined with integers by `+ - * << |`).
    pub(super) fn array_len(&self, e: &ast::Expr) -> Option<ArrayLen> {
        match self.const_int(e) {
            Some(n) => u64::try_from(n).ok().map(ArrayLen::Known),
            None => self.c_const_text(e).map(|c| ArrayLen::InC(c.into())),
        }
    }

    /// C text for an integer constant expression over extern constants.
    fn c_const_text(&self, e: &ast::Expr) -> Option<String> {
        use ast::BinOp as B;
        if let Some(n) = self.const_int(e) {
            return Some(n.to_string());
        }
        match &e.kind {
            ast::ExprKind::Name(n) => {
                let name = self.text(*n);
                if self.func_scope_has(name) {
                    return None;
                }
                match self.module.get(name) {
                    Some(Sym::CName {
                        cname,
                        ty: Type::Int(_),
                        is_const: true,
                    }) => Some(cname.clone()),
                    _ => None,
                }
            }
            ast::ExprKind::Binary(op, a, b) => {
                let c_op = match op {
                    B::Add => "+",
                    B::Sub => "-",
                    B::Mul => "*",
                    B::LShift => "<<",
                    B::BitOr => "|",
                    _ => return None,
                };
                let (a, b) = (self.c_const_text(a)?, self.c_const_text(b)?);
                Some(format!("({a} {c_op} {b})"))
            }
            _ => None,
        }
    }

    pub(super) fn const_int(&self, e: &ast::Expr) -> Option<i128> {
        use ast::BinOp as B;
        match &e.kind {
            ast::ExprKind::Int(ast::IntLit::Small(n)) => Some(*n as i128),
            ast::ExprKind::Name(n) => {
                let name = self.text(*n);
                if self.func_scope_has(name) {
                    return None;
                }
                self.int_consts.get(name).copied()
            }
            ast::ExprKind::Unary(op, x) => {
                let n = self.const_int(x)?;
                match op {
                    ast::UnaryOp::Neg => n.checked_neg(),
                    ast::UnaryOp::Pos => Some(n),
                    ast::UnaryOp::Invert => Some(!n),
                    ast::UnaryOp::Not => None,
                }
            }
            ast::ExprKind::Binary(op, a, b) => {
                let (a, b) = (self.const_int(a)?, self.const_int(b)?);
                let shift = || u32::try_from(b).ok().filter(|s| *s < 64);
                match op {
                    B::Add => a.checked_add(b),
                    B::Sub => a.checked_sub(b),
                    B::Mul => a.checked_mul(b),
                    // C division truncates; these only size arrays and set enum values.
                    B::FloorDiv if b != 0 && (a >= 0) == (b > 0) => Some(a / b),
                    B::Mod if b != 0 && a >= 0 && b > 0 => Some(a % b),
                    B::LShift => a.checked_shl(shift()?),
                    B::RShift => a.checked_shr(shift()?),
                    B::BitAnd => Some(a & b),
                    B::BitOr => Some(a | b),
                    B::BitXor => Some(a ^ b),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// A constant expression as C text (for `except` values).
    fn const_c_literal(&self, e: &ast::Expr) -> Option<String> {
        if let Some(n) = self.const_int(e) {
            return Some(n.to_string());
        }
        match &e.kind {
            ast::ExprKind::Float(f) => Some(format!("{f:?}")),
            ast::ExprKind::Unary(ast::UnaryOp::Neg, x) => {
                self.const_c_literal(x).map(|s| format!("-{s}"))
            }
            ast::ExprKind::Name(n) => Some(self.text(*n).to_string()),
            _ => None,
        }
    }
}

/// The C types known by one word, without a declaration.
pub(super) fn builtin_ctype(name: &str) -> Option<Type> {
    Some(match name {
        "char" => Type::int(IntKind::Char),
        "short" => Type::int(IntKind::Short),
        "int" => Type::int(IntKind::Int),
        "long" => Type::int(IntKind::Long),
        "float" => Type::Float(FloatKind::Float),
        "double" => Type::DOUBLE,
        "bint" => Type::Bint,
        "void" => Type::Void,
        "Py_ssize_t" | "Py_hash_t" => Type::int(IntKind::SSize),
        "size_t" => Type::int(IntKind::Size),
        "Py_UCS4" => Type::int(IntKind::UCS4),
        _ => return None,
    })
}

/// `a.b.c` as a dotted name, when the expression is only names and attributes.
pub(super) fn dotted_expr(e: &ast::Expr, src: &str) -> Option<String> {
    match &e.kind {
        ast::ExprKind::Name(n) => Some(src[n.span.range()].to_string()),
        ast::ExprKind::Attribute(base, attr) => Some(format!(
            "{}.{}",
            dotted_expr(base, src)?,
            &src[attr.span.range()]
        )),
        _ => None,
    }
}

/// The exception check Cython 3 gives a function that declares none.
pub fn default_exc(ret: &Type) -> ExcCheck {
    match ret {
        Type::Void => ExcCheck::Always,
        Type::Int(_) | Type::Bint => ExcCheck::MaybeValue("-1".into()),
        Type::Float(_) => ExcCheck::MaybeValue("-1.0".into()),
        Type::Ptr(_) => ExcCheck::MaybeValue("NULL".into()),
        Type::Object(_) | Type::Error => ExcCheck::None,
        _ => ExcCheck::Always,
    }
}
