//! Calls: C functions (argument matching, optional arguments, exception checks), struct
//! constructors, `cython.operator`, and Python calls of everything else.

use super::expr::*;
use super::memview::is_view_method;
use super::tree::*;
use super::types::*;
use super::{codes, CFuncInfo, Checker, Sym};
use crate::syntax::ast::{self, ExprKind as E};
use std::rc::Rc;

impl Checker<'_> {
    pub(super) fn call(&mut self, f: &ast::Expr, args: &[ast::Arg], span: ast::Span) -> Expr {
        if let Some(op) = self.cython_op(f) {
            return self.cython_op_call(op, args, span);
        }
        // cython.typeof / cython.cast / sizeof(expr)
        if let Some(attr) = self.cython_attr(f) {
            if attr == "address" {
                if let [ast::Arg::Positional(x)] = args {
                    let e = ast::Expr {
                        kind: E::AddressOf(Box::new(x.clone())),
                        span,
                    };
                    return self.expr(&e);
                }
            }
            // `cython.cast(T, x, typecheck=False)` is `<T>x` (`<T?>x` with typecheck=True).
            if attr == "cast" {
                if let [ast::Arg::Positional(t), ast::Arg::Positional(x), rest @ ..] = args {
                    let checked = rest.iter().any(|a| {
                        matches!(a, ast::Arg::Keyword(k, v) if self.text(*k) == "typecheck" && matches!(v.kind, E::True))
                    });
                    let to = self.annotation_to_type(t);
                    let v = self.expr(x);
                    return self.cast(v, to, checked, span);
                }
            }
            // `cython.sizeof(T)` or `cython.sizeof(expr)`.
            if attr == "sizeof" {
                if let [ast::Arg::Positional(x)] = args {
                    let ty = match self.pure_ctype(x) {
                        Some(t) => t,
                        None => self.expr(x).ty,
                    };
                    return self.sizeof(ty, span);
                }
            }
            if attr == "typeof" {
                if let Some(ast::Arg::Positional(x)) = args.first() {
                    let v = self.expr(x);
                    return Expr::new(
                        ExprKind::PyStr(typeof_name(&v.ty)),
                        Type::Object(PyType::Str),
                        span,
                    );
                }
            }
        }
        if self.parallel_name(f) == Some("threadid") && args.is_empty() {
            // OpenMP's thread number (0 when built without OpenMP: the only thread).
            return Expr::new(
                ExprKind::CConst("pyx_threadid()".into()),
                Type::int(IntKind::Int),
                span,
            );
        }
        if let Some(e) = self.builtin_call(f, args, span) {
            return e;
        }
        if args.is_empty()
            && matches!(&f.kind, E::Name(n) if self.text(*n) == "super")
            && self.is_plain_builtin("super")
        {
            if let Some(e) = self.zero_arg_super(span) {
                return e;
            }
        }
        if let E::Name(n) = &f.kind {
            let name = self.text(*n);
            let local = self
                .func
                .as_ref()
                .is_some_and(|cx| cx.scope.contains_key(name));
            if !local {
                if name == "sizeof" && args.len() == 1 {
                    if let ast::Arg::Positional(x) = &args[0] {
                        let ty = match self.expr_as_ctype(x) {
                            Some(t) => t,
                            None => self.expr(x).ty,
                        };
                        return self.sizeof(ty, span);
                    }
                }
                if let Some(Sym::CFunc(info)) = self.module.get(name).cloned() {
                    return self.c_call(&info, args, span);
                }
                if let Some(Sym::FusedCFunc(ff)) = self.module.get(name).cloned() {
                    return self.fused_c_call(&ff, args, span);
                }
                if let Some(Sym::Type(Type::Struct(s))) = self.module.get(name).cloned() {
                    return self.struct_ctor(s, args, span);
                }
            }
        }
        if let E::Attribute(base, attr) = &f.kind {
            if let Some(e) = self.complex_method_call(base, self.text(*attr), args, span) {
                return e;
            }
            if is_view_method(self.text(*attr)) {
                if let Some(Type::MemView(_)) = self.view_type_guess(base) {
                    if let Some(e) = self.memview_method_call(base, self.text(*attr), args, span) {
                        return e;
                    }
                }
            }
            if let Some(Type::Object(PyType::Ext(cls))) = self.shallow_type(base) {
                if let Some(e) = self.ext_method_call(base, cls, self.text(*attr), args, span) {
                    return e;
                }
            }
            if let E::Name(b) = &base.kind {
                if let Some(e) = self.ext_unbound_call(self.text(*b), self.text(*attr), args, span)
                {
                    return e;
                }
                if let Some(Sym::CModule(m)) = self.module.get(self.text(*b)).cloned() {
                    match m.get(self.text(*attr)) {
                        Some(Sym::CFunc(info)) => {
                            let info = info.clone();
                            return self.c_call(&info, args, span);
                        }
                        Some(Sym::FusedCFunc(ff)) => {
                            let ff = ff.clone();
                            return self.fused_c_call(&ff, args, span);
                        }
                        // `m.Struct(...)`: a struct the cimported module declares.
                        Some(Sym::Type(Type::Struct(st))) => {
                            let st = st.clone();
                            return self.struct_ctor(st, args, span);
                        }
                        _ => {}
                    }
                }
            }
        }
        // Calling an extension type makes an instance of it.
        let made = match &f.kind {
            E::Name(n) if !self.func_scope_has(self.text(*n)) => {
                match self.module.get(self.text(*n)) {
                    Some(Sym::Type(t @ Type::Object(PyType::Ext(_)))) => t.clone(),
                    _ => Type::OBJECT,
                }
            }
            _ => Type::OBJECT,
        };
        let fv = self.expr(f);
        let fsig = match &fv.ty {
            Type::Func(s) => Some(s.clone()),
            Type::Ptr(p) => match &**p {
                Type::Func(s) => Some(s.clone()),
                _ => None,
            },
            _ => None,
        };
        if let Some(sig) = fsig {
            let info = CFuncInfo {
                name: "function pointer".into(),
                cname: String::new(),
                param_names: vec![None; sig.params.len()],
                defaults: vec![None; sig.params.len()],
                sig,
                cpdef: false,
                opt_count: false,
            };
            return self.c_call_value(fv, &info, None, args, span);
        }
        if fv.ty.is_error() {
            for a in args {
                let (ast::Arg::Positional(x)
                | ast::Arg::Star(x)
                | ast::Arg::Keyword(_, x)
                | ast::Arg::DoubleStar(x)) = a;
                self.expr(x);
            }
            return Expr::invalid(span);
        }
        if !fv.ty.is_object() {
            self.error(
                codes::OPERATION,
                f.span,
                format!("Calling non-function type '{}'", fv.ty),
            );
            return Expr::invalid(span);
        }
        let mut out = Vec::new();
        for a in args {
            out.push(match a {
                ast::Arg::Positional(x) => CallArg::Pos(self.object(x)),
                ast::Arg::Star(x) => CallArg::Star(self.object(x)),
                ast::Arg::Keyword(k, x) => CallArg::Kw(self.text(*k).to_string(), self.object(x)),
                ast::Arg::DoubleStar(x) => CallArg::StarStar(self.object(x)),
            });
        }
        // obj.method(positional...) calls the method without a bound-method object.
        if let ExprKind::Attribute(obj, name) = &fv.kind {
            if out.iter().all(|a| matches!(a, CallArg::Pos(_))) {
                let args = out.into_iter().map(|a| match a {
                    CallArg::Pos(e) => e,
                    _ => unreachable!(),
                });
                return Expr::new(
                    ExprKind::PyMethodCall(obj.clone(), name.clone(), args.collect()),
                    Type::OBJECT,
                    span,
                );
            }
        }
        Expr::new(ExprKind::PyCall(Box::new(fv), out), made, span)
    }

    /// `deref(p)` (cimported from `cython.operator`) or `cython.operator.dereference(p)`.
    pub(super) fn cython_op(&self, f: &ast::Expr) -> Option<CythonOp> {
        match &f.kind {
            E::Name(n) if !self.func_scope_has(self.text(*n)) => {
                self.cython_ops.get(self.text(*n)).copied()
            }
            E::Attribute(..) => {
                let name = super::ctype::dotted_expr(f, self.src)?;
                CythonOp::from_name(name.strip_prefix("cython.operator.")?)
            }
            _ => None,
        }
    }

    /// The C operators of `cython.operator`: `*p`, `++x`, `x++`, `--x`, `x--`.
    pub(super) fn cython_op_call(
        &mut self,
        op: CythonOp,
        args: &[ast::Arg],
        span: ast::Span,
    ) -> Expr {
        let [ast::Arg::Positional(x)] = args else {
            self.error(
                codes::CALL,
                span,
                "cython.operator functions take one argument",
            );
            return Expr::invalid(span);
        };
        let v = self.expr(x);
        if v.ty.is_error() {
            return Expr::invalid(span);
        }
        match op {
            CythonOp::Dereference => match v.ty.pointee().cloned() {
                Some(t) => Expr::new(ExprKind::Deref(Box::new(v)), t, span),
                None => {
                    self.error(
                        codes::OPERATION,
                        x.span,
                        format!("Cannot dereference non-pointer type '{}'", v.ty),
                    );
                    Expr::invalid(span)
                }
            },
            CythonOp::Step(step) => {
                let steppable = v.ty.is_numeric() && !matches!(v.ty, Type::Bint)
                    || matches!(v.ty, Type::Ptr(_));
                if !steppable || !is_lvalue(&v) {
                    self.error(
                        codes::OPERATION,
                        x.span,
                        format!("Cannot increment or decrement this '{}' value", v.ty),
                    );
                    return Expr::invalid(span);
                }
                let ty = v.ty.clone();
                Expr::new(ExprKind::IncDec(Box::new(v), step), ty, span)
            }
        }
    }

    /// A call of a fused C function: the specialisation the arguments select.
    fn fused_c_call(
        &mut self,
        ff: &super::fused::FusedFunc,
        args: &[ast::Arg],
        span: ast::Span,
    ) -> Expr {
        match self.choose_spec(ff, args, span) {
            Some(info) => self.c_call(&info, args, span),
            None => Expr::invalid(span),
        }
    }

    pub(super) fn c_call(
        &mut self,
        info: &Rc<CFuncInfo>,
        args: &[ast::Arg],
        span: ast::Span,
    ) -> Expr {
        let callee = Expr::new(
            ExprKind::CName(info.cname.clone()),
            Type::Func(info.sig.clone()),
            span,
        );
        self.c_call_value(callee, info, None, args, span)
    }

    /// A call of a C function: arguments matched to parameters by position and keyword,
    /// defaults filled in, each converted to its parameter's type. `first` is an argument
    /// already checked (a C method's `self`).
    pub(super) fn c_call_value(
        &mut self,
        callee: Expr,
        info: &CFuncInfo,
        first: Option<Expr>,
        args: &[ast::Arg],
        span: ast::Span,
    ) -> Expr {
        let sig = info.sig.clone();
        // The hidden count of optional arguments is passed after the others.
        let n = sig.params.len() - info.opt_count as usize;
        let mut slots: Vec<Option<Expr>> = vec![None; n];
        let mut extra = Vec::new();
        let mut positional = 0;
        if let Some(f) = first {
            slots[0] = Some(f);
            positional = 1;
        }
        for a in args {
            match a {
                ast::Arg::Positional(x) => {
                    let v = self.c_arg(x, sig.params.get(positional));
                    if positional < n {
                        slots[positional] = Some(v);
                    } else if sig.varargs {
                        extra.push(v);
                    } else {
                        self.error(
                            codes::CALL,
                            span,
                            format!(
                                "Call with wrong number of arguments (expected {n}, got {})",
                                args.len()
                            ),
                        );
                        return Expr::invalid(span);
                    }
                    positional += 1;
                }
                ast::Arg::Keyword(k, x) => {
                    let kname = self.text(*k);
                    let v = self.expr(x);
                    match info
                        .param_names
                        .iter()
                        .take(n)
                        .position(|p| p.as_deref() == Some(kname))
                    {
                        Some(i) if slots[i].is_none() => slots[i] = Some(v),
                        Some(_) => {
                            self.error(
                                codes::CALL,
                                k.span,
                                format!("argument '{kname}' passed twice"),
                            );
                        }
                        None => {
                            self.error(
                                codes::CALL,
                                k.span,
                                format!("C function got an unexpected keyword argument '{kname}'"),
                            );
                            return Expr::invalid(span);
                        }
                    }
                }
                ast::Arg::Star(x) | ast::Arg::DoubleStar(x) => {
                    self.error(
                        codes::CALL,
                        x.span,
                        "* and ** arguments are not allowed in calls of C functions",
                    );
                    return Expr::invalid(span);
                }
            }
        }
        let mut out = Vec::new();
        // Optional arguments reach a C function as a prefix (Cython passes their count), so a
        // keyword cannot skip one.
        let last_given = slots.iter().rposition(Option::is_some);
        let given = last_given.map_or(0, |l| l + 1);
        for (i, slot) in slots.into_iter().enumerate() {
            // A `=*` default is the implementation's: a C method taking the count of arguments
            // given supplies it; elsewhere the argument is required.
            let default = match info.defaults.get(i).cloned().flatten() {
                Some(ast::DefaultValue::Declared) if !info.opt_count => None,
                d => d,
            };
            let v = match slot {
                Some(v) => v,
                None => match default {
                    Some(_) if last_given.is_some_and(|l| i < l) => {
                        self.skipped_optional_argument(info, i, span);
                        return Expr::invalid(span);
                    }
                    Some(ast::DefaultValue::Value(d)) => self.expr(&d),
                    Some(ast::DefaultValue::Declared) => {
                        match self.left_out_placeholder(&sig.params[i], span) {
                            Some(e) => e,
                            None => return Expr::invalid(span),
                        }
                    }
                    None => {
                        let pname = info
                            .param_names
                            .get(i)
                            .cloned()
                            .flatten()
                            .unwrap_or_default();
                        if positional <= i
                            && args.iter().any(|a| matches!(a, ast::Arg::Keyword(..)))
                        {
                            self.error(
                                codes::CALL,
                                span,
                                format!("C function call is missing argument '{pname}'"),
                            );
                        } else {
                            self.error(
                                codes::CALL,
                                span,
                                format!("Call with wrong number of arguments (expected {n}, got {positional})"),
                            );
                        }
                        return Expr::invalid(span);
                    }
                },
            };
            let v = self.coerce_arg(v, &sig.params[i]);
            out.push(v);
        }
        if info.opt_count {
            let count = ExprKind::CConst(given.to_string());
            out.push(Expr::new(count, Type::int(IntKind::Int), span));
        }
        for v in extra {
            // C varargs: default argument promotions.
            let t = match &v.ty {
                Type::Float(_) => Type::DOUBLE,
                Type::Int(k) if k.kind.rank() < 3 => Type::int(IntKind::Int),
                Type::Object(_) if int_literal(&v).is_some() => Type::int(IntKind::Long),
                // A string literal is a C string there, as Cython passes it.
                Type::Object(_) if matches!(v.kind, ExprKind::PyBytes(_) | ExprKind::PyStr(_)) => {
                    Type::Ptr(Box::new(Type::int(IntKind::Char)))
                }
                Type::Object(_) => Type::OBJECT,
                t => t.clone(),
            };
            out.push(self.coerce(v, &t));
        }
        let ret = sig.ret.clone();
        if self.nogil && !sig.nogil && !matches!(callee.kind, ExprKind::CName(_)) {
            // calls through pointers are allowed; declared functions are checked below
        }
        if self.nogil && !sig.nogil {
            self.error(
                codes::NOGIL,
                span,
                format!(
                    "Calling gil-requiring function '{}' not allowed without gil",
                    info.name
                ),
            );
        }
        Expr::new(ExprKind::CCall(Box::new(callee), out, sig), ret, span)
    }

    /// What a caller passes for an argument it leaves out whose default only the called C
    /// method knows (it replaces the value): a zero of the parameter's type, None for objects.
    fn left_out_placeholder(&mut self, ty: &Type, span: ast::Span) -> Option<Expr> {
        match ty {
            Type::Object(_) => Some(Expr::new(ExprKind::PyNone, Type::OBJECT, span)),
            Type::Int(_) | Type::Float(_) | Type::Bint | Type::Ptr(_) => {
                Some(Expr::new(ExprKind::CConst("0".into()), ty.clone(), span))
            }
            _ => {
                self.error(
                    codes::UNSUPPORTED,
                    span,
                    format!("pyxc cannot leave out an argument of type '{ty}' whose default is given in the implementation (=*)"),
                );
                None
            }
        }
    }

    pub(super) fn skipped_optional_argument(
        &mut self,
        info: &CFuncInfo,
        i: usize,
        span: ast::Span,
    ) {
        let pname = info.param_names.get(i).cloned().flatten();
        let msg = format!(
            "C function call is missing argument '{}' (optional arguments of a C function \
             cannot be skipped by keyword)",
            pname.unwrap_or_default()
        );
        self.error(codes::CALL, span, msg);
    }

    /// A list or tuple display given for an array field of a struct: its elements, converted,
    /// as the field's initialiser (a display of another length is an error).
    fn array_field_init(&mut self, v: Expr, field: &Type) -> Expr {
        let Type::Array(elt, Some(_)) = field else {
            return v;
        };
        let (ExprKind::List(items) | ExprKind::Tuple(items)) = &v.kind else {
            return v;
        };
        let Some(n) = self.known_len(field, v.span, "initialising it from a display") else {
            return Expr::invalid(v.span);
        };
        if items.len() as u64 != n {
            self.error(
                codes::TYPE_MISMATCH,
                v.span,
                format!(
                    "Assignment to slice of wrong length, expected {n}, got {}",
                    items.len()
                ),
            );
            return Expr::invalid(v.span);
        }
        let items = items.clone();
        let span = v.span;
        let items = items
            .into_iter()
            .map(|i| {
                // The display's items were made objects; literals go back to C values.
                let i = match &i.kind {
                    ExprKind::Coerce(inner) if !inner.ty.is_object() => (**inner).clone(),
                    _ => i,
                };
                self.coerce(i, elt)
            })
            .collect();
        Expr::new(ExprKind::CArrayInit(items), field.clone(), span)
    }

    /// An argument of a C function of parameter type `param`. In a nogil section, an object
    /// variable of exactly that type (or any, for `object`) is passed borrowed, needing no
    /// GIL, as in Cython (`PyArray_SIZE(a)` for a `cnp.ndarray a`).
    fn c_arg(&mut self, x: &ast::Expr, param: Option<&Type>) -> Expr {
        if !self.nogil || !matches!(x.kind, E::Name(_)) {
            return self.expr(x);
        }
        let v = self.expr_kind(x);
        let passed_as_is = param.is_some_and(|p| *p == v.ty || *p == Type::OBJECT);
        if v.ty.is_object() && !passed_as_is {
            self.python_in_nogil(v.span);
        }
        v
    }

    pub(super) fn coerce_arg(&mut self, v: Expr, to: &Type) -> Expr {
        self.coerce(v, to)
    }

    /// `cdef P p = {'x': 1, 'y': 2}` (or `[1, 2]`, keyed by position): the struct from a
    /// display's fields (absent ones zero, as `P(x=1)` leaves them).
    pub(super) fn struct_display(
        &mut self,
        pairs: Vec<(Expr, Expr)>,
        s: Rc<StructType>,
        span: ast::Span,
    ) -> Expr {
        let full = self.completed_struct(s);
        let mut vals: Vec<Option<Expr>> = vec![None; full.fields.len()];
        for (k, v) in pairs {
            let Some(name) = super::convert::str_key(&k) else {
                continue;
            };
            match full.fields.iter().position(|(n, _)| n == name) {
                // The display's values were made objects; literals go back to C values.
                Some(j) => {
                    vals[j] = Some(match v.kind {
                        ExprKind::Coerce(inner) => *inner,
                        _ => v,
                    })
                }
                None => {
                    let msg = format!("struct '{}' has no field '{name}'", full.name);
                    self.error(codes::TYPE_MISMATCH, k.span, msg);
                }
            }
        }
        let out = vals
            .into_iter()
            .zip(&full.fields)
            .map(|(v, (name, t))| {
                let v = v.unwrap_or_else(|| {
                    Expr::new(ExprKind::CConst("0".into()), Type::int(IntKind::Int), span)
                });
                let v = self.array_field_init(v, t);
                (name.clone(), self.coerce(v, t))
            })
            .collect();
        Expr::new(ExprKind::CStruct(out), Type::Struct(full), span)
    }

    pub(super) fn struct_ctor(
        &mut self,
        s: Rc<StructType>,
        args: &[ast::Arg],
        span: ast::Span,
    ) -> Expr {
        let full = self.completed_struct(s);
        let mut vals: Vec<Option<Expr>> = vec![None; full.fields.len()];
        for (i, a) in args.iter().enumerate() {
            match a {
                ast::Arg::Positional(x) if i < vals.len() => vals[i] = Some(self.expr(x)),
                ast::Arg::Keyword(k, x) => {
                    match full.fields.iter().position(|(n, _)| n == self.text(*k)) {
                        Some(j) => vals[j] = Some(self.expr(x)),
                        None => self.error(
                            codes::CALL,
                            k.span,
                            format!("struct '{}' has no field '{}'", full.name, self.text(*k)),
                        ),
                    }
                }
                _ => self.error(codes::CALL, span, "invalid struct constructor arguments"),
            }
        }
        let mut out = Vec::new();
        if full.is_union {
            // A union takes exactly one of its members.
            if vals.iter().flatten().count() != 1 {
                self.error(
                    codes::CALL,
                    span,
                    format!("union '{}' takes exactly one member value", full.name),
                );
            }
            for (v, (name, t)) in vals.into_iter().zip(&full.fields) {
                if let Some(v) = v {
                    out.push((name.clone(), self.coerce(v, t)));
                }
            }
            return Expr::new(ExprKind::CStruct(out), Type::Struct(full), span);
        }
        for (v, (name, t)) in vals.into_iter().zip(&full.fields) {
            let v = v.unwrap_or_else(|| {
                Expr::new(ExprKind::CConst("0".into()), Type::int(IntKind::Int), span)
            });
            let v = self.array_field_init(v, t);
            out.push((name.clone(), self.coerce(v, t)));
        }
        Expr::new(ExprKind::CStruct(out), Type::Struct(full), span)
    }
}
