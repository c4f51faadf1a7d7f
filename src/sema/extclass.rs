//! Extension types (`cdef class`): their declaration (fields and C methods, collected with the
//! module's other declarations), their body (Python-visible methods, run like a class body into
//! the type's dict), typed attribute access and C method calls through the vtable.
//!
//! Every piece of Python-visible behaviour is an ordinary compiled `def` function: methods go
//! into the type's dict; `__cinit__`, `__dealloc__` and the accessors of `public`/`readonly`
//! fields are called by the type's C slots (see `codegen/exttype.rs`).

use super::tree::*;
use super::types::*;
use super::{codes, mangle, Checker, Directives, Sym};
use crate::syntax::ast::{self, StmtKind as S, Visibility};
use std::rc::Rc;

/// The special methods an extension type runs from its C slots instead of its dict.
const SLOT_ONLY: [&str; 3] = ["__cinit__", "__dealloc__", "__richcmp__"];

impl<'a> Checker<'a> {
    /// Declares `cdef class Name(Base): ...`: the type (so later declarations can use it), its
    /// fields and its C methods.
    pub(super) fn declare_ext_class(&mut self, c: &ast::ClassDef) {
        let name = self.text(c.name).to_string();
        self.py_globals.insert(name.clone());
        let existing = match self.module.get(&name) {
            Some(Sym::Type(Type::Object(PyType::Ext(r)))) => Some(*r),
            _ => None,
        };
        let cls = match existing {
            Some(r) => r,
            None => {
                if self.check_redeclared(&name, c.name.span) {
                    return;
                }
                let base = self.ext_base(c);
                let class = ExtClass {
                    tp_name: format!("{}.{name}", self.opts.module_name),
                    cid: format!("{}{}", self.pxd_prefix, mangle(&name)),
                    name: name.clone(),
                    base,
                    members: Default::default(),
                };
                let r = ExtRef(Box::leak(Box::new(class)));
                self.module
                    .insert(name.clone(), Sym::Type(Type::Object(PyType::Ext(r))));
                r
            }
        };
        if c.body.is_empty() {
            return; // forward declaration
        }
        let (defined, from_pxd) = {
            let m = cls.get().members.borrow();
            (m.defined, m.from_pxd)
        };
        if defined && from_pxd && !self.in_own_pxd {
            self.implement_pxd_class(cls, c);
            return;
        }
        if defined {
            self.error(
                codes::REDECLARED,
                c.name.span,
                format!("'{name}' redeclared"),
            );
            return;
        }
        let options: Vec<String> = c
            .decorators
            .iter()
            .filter_map(|d| self.cython_attr(d))
            .collect();
        let option = |name: &str| options.iter().any(|o| o == name);
        let is_final = option("final");
        {
            let mut m = cls.get().members.borrow_mut();
            m.defined = true;
            m.is_final = is_final;
            m.from_pxd = self.in_own_pxd;
            m.no_gc_clear = option("no_gc_clear");
            m.no_gc = option("no_gc");
        }
        for s in &c.body {
            self.declare_ext_member(cls, s);
        }
    }

    /// The class statement implementing a class the module's `.pxd` declares: its C methods
    /// must match their declarations, and fields can only be declared there.
    fn implement_pxd_class(&mut self, cls: ExtRef, c: &ast::ClassDef) {
        for s in &c.body {
            match &s.kind {
                S::CVarDecl(_) => self.error(
                    codes::DECLARATION,
                    s.span,
                    "C attributes cannot be added in implementation part of extension type defined in a pxd",
                ),
                S::CFunction(f) => {
                    let name = self.text(f.name).to_string();
                    let mut sig = self.resolve_functype(&f.ty, false);
                    if let Some(p) = sig.params.first_mut() {
                        *p = Type::Object(PyType::Ext(cls));
                    }
                    match cls.method(&name) {
                        Some((owner, m)) if owner == cls && *m.info.sig == sig => {}
                        _ => self.error(
                            codes::DECLARATION,
                            f.name.span,
                            "C method not declared in the .pxd, or with another signature",
                        ),
                    }
                }
                _ => {}
            }
        }
    }

    /// The base of a `cdef class`: another extension type, or none (`object`).
    fn ext_base(&mut self, c: &ast::ClassDef) -> Option<ExtRef> {
        let mut bases = c.args.iter().filter_map(|a| match a {
            ast::Arg::Positional(e) => Some(e),
            _ => None,
        });
        let first = bases.next()?;
        if bases.next().is_some() {
            self.error(
                codes::DECLARATION,
                c.name.span,
                "Only one extension type base class allowed",
            );
        }
        let ast::ExprKind::Name(id) = &first.kind else {
            self.error(
                codes::UNSUPPORTED,
                first.span,
                "the base of a cdef class must be a cdef class named directly",
            );
            return None;
        };
        match self.module.get(self.text(*id)) {
            Some(Sym::Type(Type::Object(PyType::Ext(r)))) => Some(*r),
            _ if self.text(*id) == "object" => None,
            _ => {
                self.error(
                    codes::UNSUPPORTED,
                    first.span,
                    format!(
                        "'{}' is not an extension type: a cdef class can only extend a cdef class",
                        self.text(*id)
                    ),
                );
                None
            }
        }
    }

    fn declare_ext_member(&mut self, cls: ExtRef, s: &ast::Stmt) {
        match &s.kind {
            S::CVarDecl(d) => {
                for v in &d.vars {
                    let name = self.text(v.name).to_string();
                    if v.value.is_some() {
                        self.error(
                            codes::DECLARATION,
                            v.span,
                            "Cannot assign default value to fields in cdef classes, structs or unions",
                        );
                    }
                    let ty = self.resolve_ctype(&v.ty);
                    // Two names are instance features, not fields.
                    match (name.as_str(), &ty) {
                        ("__weakref__", Type::Object(PyType::Any)) => {
                            cls.get().members.borrow_mut().weakref = true;
                            continue;
                        }
                        ("__dict__", Type::Object(PyType::Dict)) => {
                            cls.get().members.borrow_mut().dict = true;
                            continue;
                        }
                        _ => {}
                    }
                    self.check_var_type(&ty, v.name.span);
                    self.check_complete_type(&ty, v.name.span);
                    if cls
                        .get()
                        .members
                        .borrow()
                        .fields
                        .iter()
                        .any(|f| f.name == name)
                    {
                        self.error(
                            codes::REDECLARED,
                            v.name.span,
                            format!("'{name}' redeclared"),
                        );
                        continue;
                    }
                    cls.get().members.borrow_mut().fields.push(ExtField {
                        name,
                        ty,
                        public: d.visibility == Visibility::Public,
                        readonly: d.visibility == Visibility::Readonly,
                    });
                }
            }
            S::CFunction(f) => {
                let name = self.text(f.name).to_string();
                let mut sig = self.resolve_functype(&f.ty, false);
                let params = self.c_params(&f.ty.params);
                let is_static = f
                    .decorators
                    .iter()
                    .any(|d| self.src[d.span.range()].trim() == "staticmethod");
                if sig.params.is_empty() && !is_static {
                    self.error(
                        codes::DECLARATION,
                        f.name.span,
                        "C method has no self argument",
                    );
                    return;
                }
                // `self` is the class (untyped in the source).
                if !is_static {
                    sig.params[0] = Type::Object(PyType::Ext(cls));
                }
                let cname = format!("pyx_c_{}_{}", cls.get().cid, mangle(&name));
                let info = self.func_info(name.clone(), cname, sig, params, f.is_cpdef);
                if let Some((owner, prev)) = cls
                    .get()
                    .base
                    .and_then(|b| b.method(&name))
                    .filter(|(_, m)| !is_static && !m.is_static)
                {
                    let (a, b) = (&prev.info.sig, &info.sig);
                    if a.params[1..] != b.params[1..] || a.ret != b.ret {
                        let _ = owner;
                        self.error(
                            codes::DECLARATION,
                            f.name.span,
                            "Signature not compatible with previous declaration",
                        );
                        return;
                    }
                }
                if cls
                    .get()
                    .members
                    .borrow()
                    .methods
                    .iter()
                    .any(|m| m.name == name)
                {
                    self.error(
                        codes::REDECLARED,
                        f.name.span,
                        format!("'{name}' redeclared"),
                    );
                    return;
                }
                let is_final = f
                    .decorators
                    .iter()
                    .any(|d| self.cython_attr(d).as_deref() == Some("final"));
                cls.get().members.borrow_mut().methods.push(ExtMethod {
                    name,
                    info: Rc::new(info),
                    is_final,
                    is_static,
                });
            }
            S::DeclBlock { body, .. } => {
                for st in body {
                    self.declare_ext_member(cls, st);
                }
            }
            _ => {}
        }
    }

    /// The class statement of a `cdef class`: its body runs like a Python class body, into a
    /// namespace that then fills the type's dict.
    pub(super) fn ext_class_def(
        &mut self,
        c: &ast::ClassDef,
        span: ast::Span,
        line: u32,
        out: &mut Vec<Stmt>,
    ) {
        let name = self.text(c.name).to_string();
        let Some(Sym::Type(Type::Object(PyType::Ext(cls)))) = self.module.get(&name).cloned()
        else {
            return;
        };
        if c.body.is_empty() {
            return; // forward declaration
        }
        if !self.in_module() {
            self.error(
                codes::DECLARATION,
                c.name.span,
                "cdef class definition not allowed here",
            );
            return;
        }
        let index = self.program.ext_types.len();
        self.program.ext_types.push(ExtTypeDef {
            class: cls,
            doc: super::docstring(&c.body),
            cinit: None,
            dealloc: None,
            richcmp: None,
            getsets: Vec::new(),
            methods: Vec::new(),
        });
        let saved = self.ext_class.replace((cls, index));
        self.class_def(c, span, line, out, Some(cls));
        self.ext_class = saved;
        self.auto_pickle(cls, c, line, out);
        out.push(self.freeze_ext_class(cls, span, line));
        self.field_accessors(cls, index, span);
    }

    /// A statement of a cdef class body that is not Python code: a C method, a field
    /// declaration, or a special method its C slots call. False for everything else.
    pub(super) fn ext_body_stmt(&mut self, s: &ast::Stmt, out: &mut Vec<Stmt>) -> bool {
        let Some((cls, index)) = self.ext_class else {
            return false;
        };
        if self
            .class_ns
            .as_ref()
            .is_none_or(|(_, q)| *q != cls.get().name)
        {
            return false;
        }
        match &s.kind {
            S::CVarDecl(_) => true,
            S::CFunction(f) => {
                let name = self.text(f.name).to_string();
                if let Some((owner, m)) = cls.method(&name) {
                    if owner == cls && f.body.is_some() {
                        let id = self.cmethod(cls, &m, f, s.span, out);
                        self.program.ext_types[index].methods.push((name, id));
                    }
                }
                true
            }
            // `__pow__(self, e, mod)` is also called for binary `**`: `mod` is then None.
            S::FunctionDef(f)
                if matches!(self.text(f.name), "__pow__" | "__rpow__" | "__ipow__")
                    && f.params.args.len() == 3
                    && f.params.args[2].default.is_none() =>
            {
                let mut f = f.clone();
                let none = ast::Expr {
                    kind: ast::ExprKind::None,
                    span: f.params.args[2].span,
                };
                f.params.args[2].default = Some(ast::DefaultValue::Value(none));
                let s = ast::Stmt {
                    kind: S::FunctionDef(f),
                    span: s.span,
                };
                self.stmt(&s, out);
                true
            }
            S::FunctionDef(f) if SLOT_ONLY.contains(&self.text(f.name)) => {
                let name = self.text(f.name).to_string();
                let (id, defaults, _) = self.check_def(
                    &name,
                    &f.params,
                    f.returns.as_ref(),
                    super::func::FnBody::Block(&f.body),
                    &f.decorators,
                    s.span,
                );
                // Its defaults are evaluated where the def stands, as for any method.
                let line = self.line_of(s.span);
                for (gid, v) in defaults {
                    out.push(Stmt {
                        kind: StmtKind::Assign(Target::CGlobal(gid), v),
                        line,
                    });
                }
                let def = &mut self.program.ext_types[index];
                if name == "__cinit__" {
                    let takes_args = f.params.posonly.len() + f.params.args.len() > 1
                        || f.params.vararg.is_some()
                        || f.params.kwarg.is_some()
                        || !f.params.kwonly.is_empty();
                    def.cinit = Some((id, takes_args));
                } else if name == "__dealloc__" {
                    def.dealloc = Some(id);
                } else {
                    def.richcmp = Some(id);
                }
                true
            }
            _ => false,
        }
    }

    /// A C method's body. A `cpdef` one is compiled as `<cname>_impl`, called by its Python
    /// wrapper (which goes in the type's dict); the vtable points to a dispatcher that first
    /// looks for an override in a Python subclass.
    fn cmethod(
        &mut self,
        cls: ExtRef,
        m: &ExtMethod,
        f: &ast::CFunctionDef,
        span: ast::Span,
        out: &mut Vec<Stmt>,
    ) -> FuncId {
        if !m.info.cpdef {
            return self.check_cfunction_with(&m.info, f, span);
        }
        let info = &m.info;
        let dispatch = !info.sig.nogil;
        let impl_info = super::CFuncInfo {
            name: info.name.clone(),
            cname: if dispatch {
                format!("{}_impl", info.cname)
            } else {
                info.cname.clone()
            },
            sig: info.sig.clone(),
            param_names: info.param_names.clone(),
            defaults: info.defaults.clone(),
            cpdef: true,
        };
        let id = self.check_cfunction_with(&impl_info, f, span);
        let Some((_, wid)) = self.cpdef_wrappers.pop() else {
            return id;
        };
        let line = self.line_of(span);
        let target = self.name_target(&m.name, f.name.span);
        let made = Expr::new(ExprKind::MakeFunction(wid, Vec::new()), Type::OBJECT, span);
        out.push(Stmt {
            kind: StmtKind::Assign(target, made),
            line,
        });
        if dispatch {
            self.cpdef_dispatcher(cls, id, wid, &info.cname);
        }
        id
    }

    /// `override = <Python override>; if override is not None: return override(args...)`,
    /// else the implementation: the C function the vtable holds for a cpdef method.
    fn cpdef_dispatcher(&mut self, cls: ExtRef, impl_id: FuncId, wrapper: FuncId, cname: &str) {
        let imp = self.program.functions[impl_id].clone();
        let Some(sig) = imp.sig.clone() else { return };
        let span = imp.span;
        let params: Vec<Param> = imp
            .params
            .iter()
            .enumerate()
            .map(|(i, p)| Param {
                local: i,
                ..p.clone()
            })
            .collect();
        let mut locals: Vec<Local> = params
            .iter()
            .map(|p| Local {
                name: p.name.clone(),
                ty: p.ty.clone(),
                hidden: false,
                cell: false,
            })
            .collect();
        let ov = locals.len();
        locals.push(Local {
            name: "override".into(),
            ty: Type::OBJECT,
            hidden: true,
            cell: false,
        });
        let arg = |i: usize| Expr::new(ExprKind::Local(i), params[i].ty.clone(), span);
        let ov_expr = || Expr::new(ExprKind::Local(ov), Type::OBJECT, span);
        let lookup = ExprKind::CpdefOverride {
            obj: Box::new(arg(0)),
            cls,
            name: imp.name.clone(),
            wrapper,
        };
        let none = Expr::new(ExprKind::PyNone, Type::OBJECT, span);
        let is_set = ExprKind::PyCompare(ast::CmpOp::IsNot, Box::new(ov_expr()), Box::new(none));
        let py_args = (1..params.len())
            .map(|i| CallArg::Pos(self.coerce(arg(i), &Type::OBJECT)))
            .collect();
        let via_python = Expr::new(
            ExprKind::PyCall(Box::new(ov_expr()), py_args),
            Type::OBJECT,
            span,
        );
        let callee = Expr::new(
            ExprKind::CName(imp.cname.clone()),
            Type::Func(sig.clone()),
            span,
        );
        let args = (0..params.len()).map(arg).collect();
        let direct = Expr::new(
            ExprKind::CCall(Box::new(callee), args, sig.clone()),
            sig.ret.clone(),
            span,
        );
        let stmt = |kind| Stmt {
            kind,
            line: imp.line,
        };
        let returning = |this: &mut Self, e: Expr| -> Vec<Stmt> {
            if sig.ret.is_void() {
                vec![stmt(StmtKind::Expr(e)), stmt(StmtKind::Return(None))]
            } else {
                let e = this.coerce(e, &sig.ret);
                vec![stmt(StmtKind::Return(Some(e)))]
            }
        };
        // Only an instance of a Python subclass (one with an instance dict) can override: an
        // inline test keeps every other call direct.
        let test_sig = Rc::new(FuncType {
            ret: Type::Bint,
            params: vec![Type::OBJECT, Type::OBJECT],
            varargs: false,
            exc: ExcCheck::None,
            nogil: false,
        });
        let test = Expr::new(
            ExprKind::CName("pyx_cpdef_maybe_overridden".into()),
            Type::Func(test_sig.clone()),
            span,
        );
        let cls_obj = Expr::new(ExprKind::CName(cls.get().type_var()), Type::OBJECT, span);
        let maybe = ExprKind::CCall(Box::new(test), vec![arg(0), cls_obj], test_sig);
        let look = vec![
            stmt(StmtKind::Assign(
                Target::Local(ov),
                Expr::new(lookup, Type::OBJECT, span),
            )),
            stmt(StmtKind::If(
                Expr::new(is_set, Type::Bint, span),
                returning(self, via_python),
                Vec::new(),
            )),
        ];
        let mut body = vec![stmt(StmtKind::If(
            Expr::new(maybe, Type::Bint, span),
            look,
            Vec::new(),
        ))];
        body.extend(returning(self, direct));
        self.program.functions.push(Function {
            cname: cname.to_string(),
            kind: FuncKind::Cdef { cpdef: false },
            params,
            locals,
            body,
            ..imp
        });
    }

    /// Getters (and setters) of `public` and `readonly` fields, as `def` functions the type's
    /// descriptors call.
    fn field_accessors(&mut self, cls: ExtRef, index: usize, span: ast::Span) {
        let fields: Vec<ExtField> = cls.get().members.borrow().fields.clone();
        for f in fields.iter().filter(|f| f.public || f.readonly) {
            let array_ok = matches!(&f.ty, Type::Array(elt, Some(_)) if elt.converts_to_object() && !elt.is_ptr_like());
            if !array_ok
                && (!f.ty.converts_to_object() || f.ty.is_ptr_like() && !f.ty.is_c_string())
            {
                self.error(
                    codes::TYPE_MISMATCH,
                    span,
                    format!(
                        "C attribute of type '{}' cannot be accessed from Python",
                        f.ty
                    ),
                );
                continue;
            }
            let qual = format!("{}.{}", cls.get().name, f.name);
            let get = self.accessor(cls, f, &qual, false);
            let set = f.public.then(|| self.accessor(cls, f, &qual, true));
            self.program.ext_types[index].getsets.push(GetSet {
                name: f.name.clone(),
                get,
                set,
                del_to_none: f.ty.is_object(),
            });
        }
    }

    /// `def get(self): return self.f` or `def set(self, value): self.f = value` (an array
    /// field takes a sequence of its length, element by element).
    fn accessor(&mut self, cls: ExtRef, f: &ExtField, qual: &str, setter: bool) -> FuncId {
        let id = self.program.functions.len();
        self.program
            .functions
            .push(super::func::placeholder_function());
        let span = ast::Span { start: 0, end: 0 };
        let this = Type::Object(PyType::Ext(cls));
        let mut cx = super::func::FnCx::new(FuncKind::Def, qual.to_string(), Type::OBJECT);
        let me = cx.add_local("self", this.clone());
        let value = setter.then(|| cx.add_local("value", Type::OBJECT));
        let outer = self.func.replace(cx);
        let field = Expr::new(
            ExprKind::ExtField(
                Box::new(Expr::new(ExprKind::Local(me), this.clone(), span)),
                cls,
                f.name.clone(),
            ),
            f.ty.clone(),
            span,
        );
        let stmt = |kind| Stmt { kind, line: 0 };
        let mut body = Vec::new();
        match value {
            Some(v) => {
                let value = Expr::new(ExprKind::Local(v), Type::OBJECT, span);
                match f.ty.clone() {
                    Type::Array(elt, Some(n)) => {
                        self.array_from_iterable(field, &elt, n, value, 0, &mut body)
                    }
                    ty => {
                        let value = self.convert(value, &ty);
                        body.push(stmt(StmtKind::Assign(Target::CLValue(field), value)));
                    }
                }
                body.push(stmt(StmtKind::Return(None)));
            }
            None => {
                let v = self.convert(field, &Type::OBJECT);
                body.push(stmt(StmtKind::Return(Some(v))));
            }
        }
        let cx = std::mem::replace(&mut self.func, outer).expect("accessor context");
        let mut params = vec![Param {
            name: "self".into(),
            local: me,
            ty: this,
            default: None,
            allow_none: false,
            // The descriptor only ever passes an instance.
            type_test: None,
            annotated: false,
        }];
        if let Some(v) = value {
            params.push(Param {
                name: "value".into(),
                local: v,
                ty: Type::OBJECT,
                default: None,
                allow_none: true,
                type_test: None,
                annotated: false,
            });
        }
        let func = &mut self.program.functions[id];
        func.name = f.name.clone();
        func.qualname = qual.to_string();
        func.cname = format!(
            "pyx_{}{id}_{}",
            if setter { "set" } else { "get" },
            mangle(&f.name)
        );
        func.layout.npos = params.len();
        func.params = params;
        func.locals = cx.locals;
        func.body = body;
        id
    }

    /// `obj.name` on a typed extension type reference: a field, or `None` when the name is
    /// not one (a Python attribute, or a C method handled by calls).
    pub(super) fn ext_attribute(
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

    /// `obj.method(args)` for a C method of a typed extension type reference: a C call through
    /// the vtable (directly for final classes), `obj` evaluated once.
    pub(super) fn ext_method_call(
        &mut self,
        obj: &ast::Expr,
        cls: ExtRef,
        name: &str,
        args: &[ast::Arg],
        span: ast::Span,
    ) -> Option<Expr> {
        let (owner, m) = cls.method(name)?;
        let o = self.member_object(obj, name);
        // `obj` is the call's first argument and also reached for the vtable: a local keeps it.
        let local = match o.kind {
            ExprKind::Local(l) => l,
            _ => {
                let cx = self.func.as_mut()?;
                let l = cx.add_hidden("self", o.ty.clone());
                let walrus = ExprKind::Walrus(Box::new(Target::Local(l)), Box::new(o));
                return Some(self.ext_method_call_on(walrus, l, cls, owner, &m, args, span));
            }
        };
        Some(self.ext_method_call_on(o.kind, local, cls, owner, &m, args, span))
    }

    #[allow(clippy::too_many_arguments)]
    fn ext_method_call_on(
        &mut self,
        first: ExprKind,
        local: LocalId,
        cls: ExtRef,
        owner: ExtRef,
        m: &ExtMethod,
        args: &[ast::Arg],
        span: ast::Span,
    ) -> Expr {
        let this = Type::Object(PyType::Ext(cls));
        let first = Expr::new(first, this.clone(), span);
        let first = self.none_checked(first, &m.name);
        if m.is_static {
            let callee = Expr::new(
                ExprKind::CName(m.info.cname.clone()),
                Type::Func(m.info.sig.clone()),
                span,
            );
            return self.c_call_value(callee, &m.info, None, args, span);
        }
        let final_call = m.is_final
            || owner.get().members.borrow().is_final
            || cls.get().members.borrow().is_final;
        let callee = if final_call {
            ExprKind::CName(m.info.cname.clone())
        } else {
            let origin = cls.method_origin(&m.name).unwrap_or(owner);
            ExprKind::VtabMethod(local, origin, m.name.clone())
        };
        let callee = Expr::new(callee, Type::Func(m.info.sig.clone()), span);
        self.c_call_value(callee, &m.info, Some(first), args, span)
    }

    /// `obj` checked for None under the `nonecheck` directive.
    fn none_checked(&self, obj: Expr, attr: &str) -> Expr {
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

    /// A class's decorators as Python callables to apply. On a cdef class `cython.*` ones are
    /// options read when the class was declared (`final`...); `total_ordering` is `functools`'.
    pub(super) fn class_decorators(&mut self, decorators: &[ast::Expr], ext: bool) -> Vec<Expr> {
        let mut out = Vec::new();
        for d in decorators {
            if !ext {
                // A Python class's `cython.*` decorators are the shim module's (pure mode).
                out.push(self.object(d));
                continue;
            }
            let name = match &d.kind {
                ast::ExprKind::Call(f, _) => self.cython_attr(f),
                _ => self.cython_attr(d),
            };
            match name.as_deref() {
                None => out.push(self.object(d)),
                Some("total_ordering") => {
                    let functools = ExprKind::Import("functools".into(), false);
                    let functools = Expr::new(functools, Type::OBJECT, d.span);
                    let f = ExprKind::Attribute(Box::new(functools), "total_ordering".into());
                    out.push(Expr::new(f, Type::OBJECT, d.span));
                }
                Some(
                    "final"
                    | "freelist"
                    | "no_gc_clear"
                    | "no_gc"
                    | "auto_pickle"
                    | "internal"
                    | "collection_type"
                    | "type_version_tag"
                    | "dataclasses.dataclass",
                ) => {}
                Some(n) => {
                    if !Directives::default().set(n, "True") {
                        self.error(
                            codes::DECLARATION,
                            d.span,
                            format!("unknown class decorator 'cython.{n}'"),
                        );
                    }
                }
            }
        }
        out
    }

    /// After its decorators ran, an extension type becomes immutable, as Cython's are.
    fn freeze_ext_class(&self, cls: ExtRef, span: ast::Span, line: u32) -> Stmt {
        let sig = Rc::new(FuncType {
            ret: Type::int(IntKind::Int),
            params: vec![Type::OBJECT],
            varargs: false,
            exc: ExcCheck::Value("-1".into()),
            nogil: false,
        });
        let callee = Expr::new(
            ExprKind::CName("pyx_ext_freeze".into()),
            Type::Func(sig.clone()),
            span,
        );
        let ty = Expr::new(ExprKind::CName(cls.get().type_var()), Type::OBJECT, span);
        let call = ExprKind::CCall(Box::new(callee), vec![ty], sig);
        Stmt {
            kind: StmtKind::Expr(Expr::new(call, Type::int(IntKind::Int), span)),
            line,
        }
    }

    /// `Class.method(obj, args)` for a C method: a direct call of that class's
    /// implementation (no virtual dispatch), `obj` converted to the class.
    pub(super) fn ext_unbound_call(
        &mut self,
        class: &str,
        method: &str,
        args: &[ast::Arg],
        span: ast::Span,
    ) -> Option<Expr> {
        if self.func_scope_has(class) {
            return None;
        }
        let Some(Sym::Type(Type::Object(PyType::Ext(cls)))) = self.module.get(class) else {
            return None;
        };
        let (_, m) = cls.method(method)?;
        let info = &m.info;
        let cname = if info.cpdef && !info.sig.nogil {
            format!("{}_impl", info.cname)
        } else {
            info.cname.clone()
        };
        let callee = Expr::new(ExprKind::CName(cname), Type::Func(info.sig.clone()), span);
        Some(self.c_call_value(callee, info, None, args, span))
    }

    /// Cython's legacy `property name:` block (the parser gives it as a class decorated with
    /// `property`), in a class body.
    pub(super) fn is_property_block(&self, c: &ast::ClassDef) -> bool {
        self.class_ns.is_some()
            && matches!(c.decorators.as_slice(), [d] if matches!(&d.kind, ast::ExprKind::Name(n) if self.text(*n) == "property"))
    }

    /// `name = property(__get__, __set__, __del__, doc)` from the block's methods.
    pub(super) fn property_block(&mut self, c: &ast::ClassDef, line: u32, out: &mut Vec<Stmt>) {
        let name = self.text(c.name).to_string();
        let span = c.name.span;
        let none = || Expr::new(ExprKind::PyNone, Type::OBJECT, span);
        let mut accessors = [none(), none(), none()];
        for s in &c.body {
            match &s.kind {
                S::FunctionDef(f) => {
                    let fname = self.text(f.name).to_string();
                    let slot = match fname.as_str() {
                        "__get__" => 0,
                        "__set__" => 1,
                        "__del__" => 2,
                        _ => {
                            self.error(
                                codes::DECLARATION,
                                f.name.span,
                                "a property block holds only __get__, __set__ and __del__",
                            );
                            continue;
                        }
                    };
                    let (id, defaults, _) = self.check_def(
                        &fname,
                        &f.params,
                        f.returns.as_ref(),
                        super::func::FnBody::Block(&f.body),
                        &f.decorators,
                        s.span,
                    );
                    accessors[slot] =
                        Expr::new(ExprKind::MakeFunction(id, defaults), Type::OBJECT, s.span);
                }
                S::Expr(ast::Expr {
                    kind: ast::ExprKind::Str(_),
                    ..
                })
                | S::Pass => {}
                _ => self.error(
                    codes::DECLARATION,
                    s.span,
                    "a property block holds only __get__, __set__ and __del__",
                ),
            }
        }
        let doc = match super::docstring(&c.body) {
            Some(d) => Expr::new(ExprKind::PyStr(d), Type::Object(PyType::Str), span),
            None => none(),
        };
        let mut args: Vec<CallArg> = accessors.into_iter().map(CallArg::Pos).collect();
        args.push(CallArg::Pos(doc));
        let property = Expr::new(ExprKind::Builtin("property".into()), Type::OBJECT, span);
        let made = Expr::new(
            ExprKind::PyCall(Box::new(property), args),
            Type::OBJECT,
            span,
        );
        let target = self.name_target(&name, span);
        out.push(Stmt {
            kind: StmtKind::Assign(target, made),
            line,
        });
    }
}
