//! The class statement of a `cdef class`: its body as a Python class body filling the type's
//! dict, the special methods the type's C slots call, field accessors, property blocks and
//! class decorators.

use super::super::tree::*;
use super::super::types::*;
use super::super::{codes, mangle, Checker, Directives, Sym};
use crate::syntax::ast::{self, StmtKind as S, Visibility};
use std::rc::Rc;

/// The special methods an extension type runs from its C slots instead of its dict.
const SLOT_ONLY: [&str; 3] = ["__cinit__", "__dealloc__", "__richcmp__"];

impl<'a> Checker<'a> {
    /// The class statement of a `cdef class`: its body runs like a Python class body, into a
    /// namespace that then fills the type's dict.
    pub(in crate::sema) fn ext_class_def(
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
        let doc = super::super::docstring(&c.body);
        self.program.ext_types.push(ExtTypeDef::new(cls, doc));
        let saved = self.ext_class.replace((cls, index));
        self.class_def(c, span, line, out, Some(cls));
        self.ext_class = saved;
        self.auto_pickle(cls, c, line, out);
        out.push(self.freeze_ext_class(cls, span, line));
        self.field_accessors(cls, index, span);
    }

    /// A statement of a cdef class body that is not Python code: a C method, a field
    /// declaration, or a special method its C slots call. False for everything else.
    pub(in crate::sema) fn ext_body_stmt(&mut self, s: &ast::Stmt, out: &mut Vec<Stmt>) -> bool {
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
        if let S::FunctionDef(f) = &s.kind {
            let name = self.text(f.name).to_string();
            let def = &mut self.program.ext_types[index];
            if !def.defined.contains(&name) {
                def.defined.push(name);
            }
        }
        match &s.kind {
            S::CVarDecl(_) => true,
            S::FunctionDef(f) if self.text(f.name) == "__init_subclass__" => {
                self.error(
                    codes::UNSUPPORTED,
                    f.name.span,
                    "'__init_subclass__' is not supported by extension class",
                );
                true
            }
            S::CFunction(f) => {
                let name = self.text(f.name).to_string();
                if let Some((owner, m)) = cls.method(&name) {
                    if owner == cls && f.body.is_some() {
                        self.cmethod(cls, &m, f, s.span, out);
                    }
                }
                // A fused method: each specialisation's body under its members.
                if let Some((owner, fm)) = cls.fused_method(&name) {
                    if owner == cls && f.body.is_some() {
                        for (subst, spec) in &fm.specs {
                            if let Some((_, m)) = cls.method(spec) {
                                self.with_subst(subst, |ck| ck.cmethod(cls, &m, f, s.span, out));
                            }
                        }
                    }
                }
                true
            }
            // `__pow__(self, e, mod)` is also called for binary `**`: `mod` is then None. The
            // owner of `__get__(self, instance, owner)` may be left out too, as the slot
            // wrapper Cython's type has allows.
            S::FunctionDef(f)
                if matches!(
                    self.text(f.name),
                    "__pow__" | "__rpow__" | "__ipow__" | "__get__"
                ) && f.params.args.len() == 3
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
            // A special method, which a C slot may call directly (codegen/exttype.rs says
            // which): checked as any method, its function recorded.
            S::FunctionDef(f)
                if !self.in_slot_def
                    && !f.is_async
                    && f.decorators.is_empty()
                    && is_special(self.text(f.name)) =>
            {
                let n = out.len();
                self.in_slot_def = true;
                self.stmt(s, out);
                self.in_slot_def = false;
                if let Some(Stmt {
                    kind:
                        StmtKind::Assign(
                            _,
                            Expr {
                                kind: ExprKind::MakeFunction(id, _),
                                ..
                            },
                        ),
                    ..
                }) = out[n..].last()
                {
                    let slot = (self.text(f.name).to_string(), *id);
                    self.program.ext_types[index].slots.push(slot);
                }
                true
            }
            S::FunctionDef(f)
                if matches!(self.text(f.name), "__getbuffer__" | "__releasebuffer__") =>
            {
                let id = self.buffer_method(cls, f, s.span);
                let get = self.text(f.name) == "__getbuffer__";
                let def = &mut self.program.ext_types[index];
                if get {
                    def.getbuffer = Some(id);
                } else {
                    def.releasebuffer = Some(id);
                }
                true
            }
            S::FunctionDef(f) if SLOT_ONLY.contains(&self.text(f.name)) => {
                let name = self.text(f.name).to_string();
                let (id, defaults, _) = self.check_def(
                    &name,
                    &f.params,
                    f.returns.as_ref(),
                    super::super::func::FnBody::Block(&f.body),
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

    /// A class's decorators as Python callables to apply. On a cdef class `cython.*` ones are
    /// options read when the class was declared (`final`...); `total_ordering` is `functools`'.
    pub(in crate::sema) fn class_decorators(
        &mut self,
        decorators: &[ast::Expr],
        ext: bool,
    ) -> Vec<Expr> {
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
    pub(in crate::sema) fn freeze_ext_class(
        &self,
        cls: ExtRef,
        span: ast::Span,
        line: u32,
    ) -> Stmt {
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

    /// Cython's legacy `property name:` block (the parser gives it as a class decorated with
    /// `property`), in a class body.
    pub(in crate::sema) fn is_property_block(&self, c: &ast::ClassDef) -> bool {
        self.class_ns.is_some()
            && matches!(c.decorators.as_slice(), [d] if matches!(&d.kind, ast::ExprKind::Name(n) if self.text(*n) == "property"))
    }

    /// `name = property(__get__, __set__, __del__, doc)` from the block's methods.
    pub(in crate::sema) fn property_block(
        &mut self,
        c: &ast::ClassDef,
        line: u32,
        out: &mut Vec<Stmt>,
    ) {
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
                        super::super::func::FnBody::Block(&f.body),
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
        let doc = match super::super::docstring(&c.body) {
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

    /// Getters (and setters) of `public` and `readonly` fields, as `def` functions the type's
    /// descriptors call.
    pub(in crate::sema) fn field_accessors(&mut self, cls: ExtRef, index: usize, span: ast::Span) {
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
    pub(in crate::sema) fn accessor(
        &mut self,
        cls: ExtRef,
        f: &ExtField,
        qual: &str,
        setter: bool,
    ) -> FuncId {
        let id = self.program.functions.len();
        self.program
            .functions
            .push(super::super::func::placeholder_function());
        let span = ast::Span { start: 0, end: 0 };
        let this = Type::Object(PyType::Ext(cls));
        let mut cx = super::super::func::FnCx::new(FuncKind::Def, qual.to_string(), Type::OBJECT);
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
                        self.array_from_iterable(field, &elt, &n, value, 0, &mut body)
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

    /// `__getbuffer__(self, Py_buffer *view, int flags)` / `__releasebuffer__(self, view)`: C
    /// functions (their arguments are C pointers), the first reporting errors by exception,
    /// the second unable to raise.
    pub(in crate::sema) fn buffer_method(
        &mut self,
        cls: ExtRef,
        f: &ast::FunctionDef,
        span: ast::Span,
    ) -> FuncId {
        let name = self.text(f.name).to_string();
        let params = self.c_params(&f.params);
        let mut types: Vec<Type> = params.iter().map(|p| p.1.clone()).collect();
        if let Some(t) = types.first_mut() {
            *t = Type::Object(PyType::Ext(cls));
        }
        let sig = FuncType {
            ret: Type::Void,
            params: types,
            varargs: false,
            exc: if name == "__getbuffer__" {
                ExcCheck::Always
            } else {
                ExcCheck::None
            },
            nogil: false,
        };
        let cname = format!("pyx_c_{}_{}", cls.get().cid, mangle(&name));
        let info = self.func_info(name, cname, sig, params, false);
        let cf = ast::CFunctionDef {
            name: f.name,
            ty: ast::CFuncType {
                ret: ast::CType::object(span),
                params: f.params.clone(),
                exception: ast::ExceptionSpec::Default,
                nogil: false,
                with_gil: false,
            },
            is_cpdef: false,
            inline: false,
            visibility: Visibility::Private,
            cname: None,
            body: Some(f.body.clone()),
            decorators: Vec::new(),
        };
        self.check_cfunction_with(&info, &cf, span)
    }
}

/// `__name__`: a special method's name.
fn is_special(name: &str) -> bool {
    name.len() > 4 && name.starts_with("__") && name.ends_with("__")
}
