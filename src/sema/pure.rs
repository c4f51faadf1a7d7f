//! Pure Python mode: `cython.int`-style annotations as C types, and `@cython.cfunc` /
//! `@cython.ccall` functions rewritten to the `cdef`/`cpdef` functions they stand for (as
//! Cython's own pure-mode transform does), so that one checker handles both spellings.

use super::tree::{Expr, ExprKind};
use super::types::*;
use super::{codes, Checker, Sym};
use crate::syntax::ast::{self, ExprKind as E, StmtKind as S};

/// Decorators that only carry C-function information; they are consumed by the rewrite.
pub(super) const CFUNC_DECORATORS: &[&str] = &["cfunc", "ccall", "exceptval", "nogil", "inline"];

impl Checker<'_> {
    /// The C type a pure-mode annotation names (`cython.int`, `cython.p_double`,
    /// `cython.pointer(T)`, `cython.int[4]`); `None` when it is not a `cython` C type.
    pub(super) fn pure_ctype(&mut self, e: &ast::Expr) -> Option<Type> {
        if let E::Name(_) | E::Attribute(..) = &e.kind {
            let fused = super::ctype::dotted_expr(e, self.src).and_then(|n| self.lookup_fused(&n));
            if let Some(f) = fused {
                return Some(self.specialise(&f, e.span));
            }
        }
        match &e.kind {
            E::Attribute(..) => pure_type_name(&self.cython_attr(e)?),
            // A C type declared in the module (`Point = cython.struct(...)`).
            E::Name(n) => self
                .lookup_type(self.text(*n))
                .filter(|t| !t.is_object() || matches!(t, Type::Object(PyType::Ext(_)))),
            E::Call(f, args) if self.cython_attr(f).as_deref() == Some("pointer") => {
                match args.as_slice() {
                    [ast::Arg::Positional(t)] => Some(Type::Ptr(Box::new(self.pure_ctype(t)?))),
                    _ => None,
                }
            }
            // `cython.double[:]`, `cython.int[:, ::1]`: a memoryview.
            E::Subscript(base, axes) if matches!(axes.kind, E::Slice(..) | E::Tuple(_)) => {
                let item = self.pure_ctype(base)?;
                let axes: Vec<ast::Expr> = match &axes.kind {
                    E::Tuple(xs) => xs.clone(),
                    _ => vec![(**axes).clone()],
                };
                Some(self.memview_type(item, false, &axes, base.span, e.span))
            }
            E::Subscript(base, size) => {
                let inner = self.pure_ctype(base)?;
                match self.const_int(size) {
                    Some(n) if n >= 0 => Some(Type::array(inner, n as u64)),
                    _ => {
                        self.error(
                            codes::DECLARATION,
                            size.span,
                            "array size must be a constant non-negative integer",
                        );
                        Some(Type::Error)
                    }
                }
            }
            _ => None,
        }
    }

    /// `x: cython.int` in a function body declares a C local, as `cdef int x` does; other
    /// annotations leave the variable a Python object.
    pub(super) fn declare_annotated_locals(&mut self, body: &[ast::Stmt]) {
        let mut found = Vec::new();
        collect_annotated(body, &mut found);
        for (n, a) in found {
            // As for arguments: C types, cclasses, `float` (a C double) and builtin types.
            let ty = self.annotation_type(Some(a));
            if ty == Type::OBJECT {
                continue;
            }
            let name = self.text(n).to_string();
            self.check_complete_type(&ty, n.span);
            let cx = self.func.as_mut().expect("function context");
            match cx.scope.get(&name) {
                Some(&id) if cx.locals[id].ty != ty => self.error(
                    codes::REDECLARED,
                    n.span,
                    format!("'{name}' redeclared with a different type"),
                ),
                Some(_) => {}
                None => {
                    cx.add_local(&name, ty);
                }
            }
        }
    }

    /// `nogil`/`gil` (or pure mode's `cython.nogil`/`cython.gil`) as a `with` context.
    pub(super) fn gil_block(&self, ctx: &ast::Expr) -> Option<&'static str> {
        let name = match &ctx.kind {
            E::Name(n) => self.text(*n).to_string(),
            _ => self.cython_attr(ctx)?,
        };
        ["nogil", "gil"].into_iter().find(|k| *k == name)
    }

    /// `x: T = cython.declare(T)` only declares `x` (it stays unassigned).
    pub(super) fn is_bare_declare(&self, v: &ast::Expr) -> bool {
        matches!(&v.kind, E::Call(f, args)
            if self.cython_attr(f).as_deref() == Some("declare")
                && matches!(args.as_slice(), [ast::Arg::Positional(_)]))
    }

    /// `cython.compiled` (true in compiled code) and `cython.NULL`.
    pub(super) fn cython_constant(
        &self,
        base: &ast::Expr,
        name: &str,
        span: ast::Span,
    ) -> Option<Expr> {
        if !matches!(&base.kind, E::Name(n) if self.text(*n) == "cython") {
            return None;
        }
        let (c, ty) = match name {
            "compiled" => ("1", Type::Bint),
            "NULL" => ("NULL", Type::NullPtr),
            _ => return None,
        };
        Some(Expr::new(ExprKind::CConst(c.into()), ty, span))
    }

    /// The type an annotation gives a C function's parameter or result: a `cython` C type, a
    /// C type declared in the module, `float` (a C double, as in Cython), a builtin Python
    /// type, or else any object.
    pub(super) fn annotation_to_type(&mut self, e: &ast::Expr) -> Type {
        if let Some(t) = self.pure_ctype(e) {
            return t;
        }
        // A string annotation names a type declared later (`next: 'Node'`).
        if let E::Str(s) = &e.kind {
            return self.lookup_type(s).unwrap_or(Type::OBJECT);
        }
        let E::Name(n) = &e.kind else {
            return Type::OBJECT;
        };
        match self.text(*n) {
            "float" => Type::DOUBLE,
            "complex" => Type::Complex(FloatKind::Double),
            name => self
                .lookup_type(name)
                .or_else(|| PyType::from_name(name).map(Type::Object))
                .unwrap_or(Type::OBJECT),
        }
    }

    /// Module-level `@cython.cfunc`/`@cython.ccall` defs become C function definitions; every
    /// other statement is kept as it is.
    pub(super) fn rewrite_pure_functions(&mut self, body: &[ast::Stmt]) -> Vec<ast::Stmt> {
        body.iter()
            .map(|s| match &s.kind {
                S::FunctionDef(f) if !f.is_async => {
                    match self
                        .pure_cfunction(f)
                        .or_else(|| self.augmented_function(f))
                    {
                        Some(c) => ast::Stmt {
                            kind: S::CFunction(Box::new(c)),
                            span: s.span,
                        },
                        None => s.clone(),
                    }
                }
                S::ClassDef(c) if !c.is_cdef => {
                    match self.pure_cclass(c).or_else(|| self.augmented_class(c)) {
                        Some(c) => ast::Stmt {
                            kind: S::ClassDef(Box::new(c)),
                            span: s.span,
                        },
                        None => s.clone(),
                    }
                }
                S::Assign { targets, value } => match self.pure_struct(targets, value) {
                    Some(st) => ast::Stmt {
                        kind: S::CStruct(Box::new(st)),
                        span: s.span,
                    },
                    None => match pure_fused(targets, value, |f| self.cython_attr(f)) {
                        Some(kind) => ast::Stmt { kind, span: s.span },
                        None => s.clone(),
                    },
                },
                _ => s.clone(),
            })
            .collect()
    }

    /// `@cython.cclass class C:` is `cdef class C:`: `x = cython.declare(T, visibility=...)`,
    /// `cython.declare(a=T, b=U)` and bare `x: T` declare fields; `@cython.cfunc`/`@cython.ccall`
    /// methods are C methods. (A cclass that is also a dataclass stays a Python class.)
    fn pure_cclass(&mut self, c: &ast::ClassDef) -> Option<ast::ClassDef> {
        let names: Vec<Option<String>> = c
            .decorators
            .iter()
            .map(|d| self.cython_attr(decorator_callee(d)))
            .collect();
        if !names.iter().any(|n| n.as_deref() == Some("cclass"))
            || c.decorators
                .iter()
                .any(|d| self.src[d.span.range()].contains("dataclass"))
        {
            return None;
        }
        let decorators = c
            .decorators
            .iter()
            .zip(&names)
            .filter(|(_, n)| n.as_deref() != Some("cclass"))
            .map(|(d, _)| d.clone())
            .collect();
        let mut body = Vec::new();
        for s in &c.body {
            let field = |vars: Vec<ast::CVar>, visibility| ast::Stmt {
                kind: S::CVarDecl(Box::new(ast::CVarDecl {
                    visibility,
                    is_cpdef: false,
                    vars,
                })),
                span: s.span,
            };
            let var = |name: ast::Ident, t: &ast::Expr| ast::CVar {
                name,
                ty: annotation_ctype(t),
                value: None,
                cname: None,
                span: s.span,
            };
            match &s.kind {
                S::FunctionDef(f) if !f.is_async => match self.pure_cfunction(f) {
                    Some(cf) => body.push(ast::Stmt {
                        kind: S::CFunction(Box::new(cf)),
                        span: s.span,
                    }),
                    None => body.push(s.clone()),
                },
                S::AnnAssign {
                    target:
                        ast::Expr {
                            kind: E::Name(n), ..
                        },
                    annotation,
                    value: None,
                } => body.push(field(vec![var(*n, annotation)], ast::Visibility::Private)),
                S::Assign { targets, value } => {
                    match (targets.as_slice(), self.declare_call(value)) {
                        (
                            [ast::Expr {
                                kind: E::Name(n), ..
                            }],
                            Some((Some(t), vis, _)),
                        ) => body.push(field(vec![var(*n, t)], vis)),
                        _ => body.push(s.clone()),
                    }
                }
                S::Expr(e) => match self.declare_call(e) {
                    Some((None, vis, named)) => {
                        let vars = named.into_iter().map(|(n, t)| var(n, t)).collect();
                        body.push(field(vars, vis));
                    }
                    _ => body.push(s.clone()),
                },
                _ => body.push(s.clone()),
            }
        }
        Some(ast::ClassDef {
            name: c.name,
            args: c.args.clone(),
            body,
            decorators,
            is_cdef: true,
            visibility: c.visibility,
        })
    }

    /// A module-level def of a `.py` file whose `.pxd` declares a `cdef`/`cpdef` function of its
    /// name: that C function, with the declared signature.
    fn augmented_function(&mut self, f: &ast::FunctionDef) -> Option<ast::CFunctionDef> {
        if !self.opts.pure_python {
            return None;
        }
        match self.module.get(self.text(f.name)) {
            Some(Sym::CFunc(info))
                if !info.cname.is_empty() && info.cname.starts_with("pyx_c_") =>
            {
                let cpdef = info.cpdef;
                Some(self.augment(f, cpdef))
            }
            _ => None,
        }
    }

    /// A class of a `.py` file whose `.pxd` declares a `cdef class` of its name: that
    /// extension type, its defs declared as C methods in the `.pxd` turned into them.
    fn augmented_class(&mut self, c: &ast::ClassDef) -> Option<ast::ClassDef> {
        if !self.opts.pure_python {
            return None;
        }
        let Some(Sym::Type(Type::Object(PyType::Ext(cls)))) = self.module.get(self.text(c.name))
        else {
            return None;
        };
        let cls = *cls;
        if !cls.get().members.borrow().from_pxd {
            return None;
        }
        let body = c
            .body
            .iter()
            .map(|s| match &s.kind {
                S::FunctionDef(f) if !f.is_async => match cls.method(self.text(f.name)) {
                    Some((owner, m)) if owner == cls && !m.is_static => ast::Stmt {
                        kind: S::CFunction(Box::new(self.augment(f, m.info.cpdef))),
                        span: s.span,
                    },
                    _ => s.clone(),
                },
                _ => s.clone(),
            })
            .collect();
        Some(ast::ClassDef {
            body,
            is_cdef: true,
            ..c.clone()
        })
    }

    /// `f` as the C function a `.pxd` declares: untyped here, it takes the declared types.
    fn augment(&mut self, f: &ast::FunctionDef, cpdef: bool) -> ast::CFunctionDef {
        self.augmented.insert(f.name.span.start);
        let params = self.c_function_params(f, "C");
        ast::CFunctionDef {
            name: f.name,
            ty: ast::CFuncType {
                ret: ast::CType::object(f.name.span),
                params,
                exception: ast::ExceptionSpec::Default,
                nogil: false,
                with_gil: false,
            },
            is_cpdef: cpdef,
            inline: false,
            visibility: ast::Visibility::Private,
            cname: None,
            body: Some(f.body.clone()),
            decorators: f.decorators.clone(),
        }
    }

    /// A def's parameters for the C function it becomes: `*args`/`**kwargs` are errors
    /// (naming the function `kind`) and dropped.
    fn c_function_params(&mut self, f: &ast::FunctionDef, kind: &str) -> ast::Params {
        for p in f.params.vararg.iter().chain(&f.params.kwarg) {
            self.error(
                codes::DECLARATION,
                p.span,
                format!("{kind} function cannot have star argument"),
            );
        }
        ast::Params {
            vararg: None,
            kwarg: None,
            ..f.params.clone()
        }
    }

    /// The number of parameters a def declares (for comparison with a `.pxd` declaration).
    pub(super) fn augmented_arity_ok(&mut self, f: &ast::CFunctionDef, declared: usize) -> bool {
        let n = f.ty.params.named().count();
        if n != declared {
            self.error(
                codes::DECLARATION,
                f.name.span,
                "Function signature does not match previous declaration",
            );
        }
        n == declared
    }

    /// `cython.declare(T, visibility='public')` or `cython.declare(a=T, b=U)`: the positional
    /// type, the visibility and the named types.
    #[allow(clippy::type_complexity)]
    fn declare_call<'e>(
        &mut self,
        e: &'e ast::Expr,
    ) -> Option<(
        Option<&'e ast::Expr>,
        ast::Visibility,
        Vec<(ast::Ident, &'e ast::Expr)>,
    )> {
        let E::Call(f, args) = &e.kind else {
            return None;
        };
        if self.cython_attr(f).as_deref() != Some("declare") {
            return None;
        }
        let mut ty = None;
        let mut vis = ast::Visibility::Private;
        let mut named = Vec::new();
        for a in args {
            match a {
                ast::Arg::Positional(t) if ty.is_none() => ty = Some(t),
                ast::Arg::Keyword(k, v) if self.text(*k) == "visibility" => {
                    vis = match &v.kind {
                        E::Str(s) if s == "public" => ast::Visibility::Public,
                        E::Str(s) if s == "readonly" => ast::Visibility::Readonly,
                        E::Str(s) if s == "private" => ast::Visibility::Private,
                        _ => {
                            self.error(
                                codes::DECLARATION,
                                v.span,
                                "visibility is 'public', 'readonly' or 'private'",
                            );
                            ast::Visibility::Private
                        }
                    }
                }
                ast::Arg::Keyword(k, t) => named.push((*k, t)),
                _ => return None,
            }
        }
        Some((ty, vis, named))
    }

    /// `Point = cython.struct(x=cython.int, y=cython.int)` (or `cython.union`) declares a
    /// C struct type, as `cdef struct Point` does.
    fn pure_struct(&mut self, targets: &[ast::Expr], value: &ast::Expr) -> Option<ast::CStructDef> {
        let ([target], E::Call(f, args)) = (targets, &value.kind) else {
            return None;
        };
        let E::Name(name) = target.kind else {
            return None;
        };
        let is_union = match self.cython_attr(f)?.as_str() {
            "struct" => false,
            "union" => true,
            _ => return None,
        };
        let mut fields = Vec::new();
        for a in args {
            match a {
                ast::Arg::Keyword(k, t) => fields.push(ast::CVar {
                    name: *k,
                    ty: annotation_ctype(t),
                    value: None,
                    cname: None,
                    span: k.span,
                }),
                _ => self.error(
                    codes::DECLARATION,
                    value.span,
                    "struct fields are given as keyword arguments (name=type)",
                ),
            }
        }
        Some(ast::CStructDef {
            name,
            is_union,
            packed: false,
            is_typedef: true,
            visibility: ast::Visibility::Private,
            cname: None,
            fields: Some(fields),
        })
    }

    /// The `cdef`/`cpdef` function a decorated def declares, or `None` for a plain def.
    fn pure_cfunction(&mut self, f: &ast::FunctionDef) -> Option<ast::CFunctionDef> {
        let names: Vec<Option<String>> = f
            .decorators
            .iter()
            .map(|d| self.cython_attr(decorator_callee(d)))
            .collect();
        let has = |n: &str| names.iter().any(|x| x.as_deref() == Some(n));
        if !has("cfunc") && !has("ccall") {
            return None;
        }
        let mut exception = ast::ExceptionSpec::Default;
        let mut decorators = Vec::new();
        for (d, name) in f.decorators.iter().zip(&names) {
            match name.as_deref() {
                Some("exceptval") => exception = self.exceptval(d),
                Some(n) if CFUNC_DECORATORS.contains(&n) => {}
                _ => decorators.push(d.clone()),
            }
        }
        let kind = if has("ccall") { "cpdef" } else { "cdef" };
        let mut params = self.c_function_params(f, kind);
        for p in params
            .posonly
            .iter_mut()
            .chain(&mut params.args)
            .chain(&mut params.kwonly)
        {
            p.ctype = p.annotation.as_ref().map(annotation_ctype);
        }
        let ret = match &f.returns {
            Some(r) => annotation_ctype(r),
            // No return annotation: a Python object, as for an untyped `cdef f()`.
            None => ast::CType::object(f.name.span),
        };
        Some(ast::CFunctionDef {
            name: f.name,
            ty: ast::CFuncType {
                ret,
                params,
                exception,
                nogil: has("nogil"),
                with_gil: false,
            },
            is_cpdef: has("ccall"),
            inline: has("inline"),
            visibility: ast::Visibility::Private,
            cname: None,
            body: Some(f.body.clone()),
            decorators,
        })
    }

    /// `@cython.exceptval(value, check=...)` as the `except` clause it stands for:
    /// `(v)` is `except v`, `(v, check=True)` is `except? v`, `(check=True)` is `except *`
    /// and `(check=False)` is `noexcept`.
    fn exceptval(&mut self, d: &ast::Expr) -> ast::ExceptionSpec {
        let E::Call(_, args) = &d.kind else {
            return ast::ExceptionSpec::Default;
        };
        let mut value = None;
        let mut check = None;
        for a in args {
            match a {
                ast::Arg::Positional(e) if value.is_none() => value = Some(e),
                ast::Arg::Keyword(k, e) if self.text(*k) == "check" => check = Some(e),
                _ => {
                    self.error(
                        codes::DECLARATION,
                        d.span,
                        "exceptval takes an exception value and a 'check' flag",
                    );
                    return ast::ExceptionSpec::Default;
                }
            }
        }
        let check = match check.map(|e| &e.kind) {
            None | Some(E::False) => false,
            Some(E::True) => true,
            Some(_) => {
                self.error(
                    codes::DECLARATION,
                    d.span,
                    "exceptval's 'check' must be True or False",
                );
                false
            }
        };
        match (value, check) {
            (Some(v), false) => ast::ExceptionSpec::Value(Box::new(v.clone())),
            (Some(v), true) => ast::ExceptionSpec::MaybeValue(Box::new(v.clone())),
            (None, true) => ast::ExceptionSpec::Star,
            (None, false) => ast::ExceptionSpec::NoExcept,
        }
    }
}

/// `@cython.exceptval(...)` is looked up by its callee.
fn decorator_callee(d: &ast::Expr) -> &ast::Expr {
    match &d.kind {
        E::Call(f, _) => f,
        _ => d,
    }
}

/// `number = cython.fused_type(cython.int, cython.double)` declares a fused type, as
/// `ctypedef fused number:` does.
fn pure_fused(
    targets: &[ast::Expr],
    value: &ast::Expr,
    cython_attr: impl Fn(&ast::Expr) -> Option<String>,
) -> Option<S> {
    let ([target], E::Call(f, args)) = (targets, &value.kind) else {
        return None;
    };
    let E::Name(name) = target.kind else {
        return None;
    };
    if cython_attr(f).as_deref() != Some("fused_type") {
        return None;
    }
    let types = args
        .iter()
        .filter_map(|a| match a {
            ast::Arg::Positional(t) => Some(annotation_ctype(t)),
            _ => None,
        })
        .collect();
    Some(S::Fused { name, types })
}

/// An annotation used where the C function machinery expects a C type.
fn annotation_ctype(a: &ast::Expr) -> ast::CType {
    ast::CType {
        kind: ast::CTypeKind::Annotation(Box::new(a.clone())),
        span: a.span,
    }
}

/// `cython.<name>`: the C scalar types, and `p_`/`pp_` prefixed pointers to them.
pub(super) fn pure_type_name(name: &str) -> Option<Type> {
    if let Some(rest) = name.strip_prefix("p_") {
        return pure_type_name(rest).map(|t| Type::Ptr(Box::new(t)));
    }
    if let Some(rest) = name.strip_prefix("pp_") {
        return pure_type_name(rest).map(|t| Type::Ptr(Box::new(Type::Ptr(Box::new(t)))));
    }
    let int = |k| Some(Type::int(k));
    match name {
        "char" => int(IntKind::Char),
        "schar" => int(IntKind::SChar),
        "uchar" => int(IntKind::UChar),
        "short" => int(IntKind::Short),
        "int" => int(IntKind::Int),
        "long" => int(IntKind::Long),
        "longlong" => int(IntKind::LongLong),
        "ushort" => int(IntKind::UShort),
        "uint" => int(IntKind::UInt),
        "ulong" => int(IntKind::ULong),
        "ulonglong" => int(IntKind::ULongLong),
        "Py_ssize_t" | "Py_hash_t" => int(IntKind::SSize),
        "size_t" => int(IntKind::Size),
        "Py_UCS4" => int(IntKind::UCS4),
        "float" => Some(Type::Float(FloatKind::Float)),
        "double" => Some(Type::DOUBLE),
        "longdouble" => Some(Type::Float(FloatKind::LongDouble)),
        "floatcomplex" => Some(Type::Complex(FloatKind::Float)),
        "doublecomplex" => Some(Type::Complex(FloatKind::Double)),
        "longdoublecomplex" => Some(Type::Complex(FloatKind::LongDouble)),
        "bint" => Some(Type::Bint),
        "void" => Some(Type::Void),
        _ => None,
    }
}

/// Names annotated in a function body (`x: T`), outside nested functions and classes.
fn collect_annotated<'b>(body: &'b [ast::Stmt], out: &mut Vec<(ast::Ident, &'b ast::Expr)>) {
    for s in body {
        match &s.kind {
            S::AnnAssign {
                target, annotation, ..
            } => {
                if let E::Name(n) = &target.kind {
                    out.push((*n, annotation));
                }
            }
            S::If { body, orelse, .. }
            | S::While { body, orelse, .. }
            | S::For { body, orelse, .. } => {
                collect_annotated(body, out);
                collect_annotated(orelse, out);
            }
            S::With { body, .. } => collect_annotated(body, out),
            _ => {}
        }
    }
}
