//! Extension types (`cdef class`): their declaration (fields and C methods, collected with the
//! module's other declarations), their body (Python-visible methods, run like a class body into
//! the type's dict), typed attribute access and C method calls through the vtable.
//!
//! Every piece of Python-visible behaviour is an ordinary compiled `def` function: methods go
//! into the type's dict; `__cinit__`, `__dealloc__` and the accessors of `public`/`readonly`
//! fields are called by the type's C slots (see `codegen/exttype.rs`).
//!
//! This file declares classes; `body.rs` checks class statements, `methods.rs` C methods and
//! their calls, `access.rs` field access, `pickle.rs` the generated pickling support,
//! `property.rs` the C-level properties of cimported classes.

mod access;
mod body;
mod methods;
mod pickle;
mod property;

use super::types::*;
use super::{codes, mangle, CFuncInfo, Checker, Sym};
use crate::syntax::ast::{self, StmtKind as S, Visibility};
use std::rc::Rc;

impl<'a> Checker<'a> {
    /// Declares `cdef class Name(Base): ...`: the type (so later declarations can use it), its
    /// fields and its C methods.
    pub(super) fn declare_ext_class(&mut self, c: &ast::ClassDef) {
        let name = self.text(c.name).to_string();
        if self.pxd_module.is_none() {
            self.py_globals.insert(name.clone());
        }
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
                let home = self.pxd_module.clone();
                let class = ExtClass {
                    tp_name: format!(
                        "{}.{name}",
                        home.as_deref().unwrap_or(&self.opts.module_name)
                    ),
                    home,
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
        // The instance struct embeds the base's: its fields must be known by now.
        if let Some(b) = cls.get().base.filter(|b| !b.get().members.borrow().defined) {
            self.error(
                codes::DECLARATION,
                c.name.span,
                format!(
                    "Base class '{}' of type '{name}' is incomplete",
                    b.get().name
                ),
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
        self.freelist_option(cls, c);
        for s in &c.body {
            self.declare_ext_member(cls, s);
        }
        if cls.get().home.is_some() {
            self.program.imported_types.push(cls);
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
                S::CFunction(f) if self.augmented.contains(&f.name.span.start) => {
                    if let Some((_, m)) = cls.method(self.text(f.name)) {
                        let hidden = m.info.opt_count as usize;
                        self.augmented_arity_ok(f, m.info.sig.params.len() - hidden);
                    }
                }
                S::CFunction(f) => {
                    let name = self.text(f.name).to_string();
                    let mut sig = self.resolve_functype(&f.ty, false);
                    if let Some(p) = sig.params.first_mut() {
                        *p = Type::Object(PyType::Ext(cls));
                    }
                    if cls.method(&name).is_some_and(|(_, m)| m.info.opt_count) {
                        sig.params.push(Type::int(IntKind::Int));
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

    /// `@cython.freelist(n)`: n a positive constant.
    fn freelist_option(&mut self, cls: ExtRef, c: &ast::ClassDef) {
        for d in &c.decorators {
            let ast::ExprKind::Call(f, args) = &d.kind else {
                continue;
            };
            if self.cython_attr(f).as_deref() != Some("freelist") {
                continue;
            }
            let n = match args.as_slice() {
                [ast::Arg::Positional(n)] => self.const_int(n).filter(|n| *n > 0),
                _ => None,
            };
            if cls.get().base.is_some() {
                self.error(
                    codes::DECLARATION,
                    d.span,
                    "freelists cannot be used on subtypes, only the base class can manage them",
                );
                continue;
            }
            match n {
                Some(n) => cls.get().members.borrow_mut().freelist = n.min(1 << 20) as usize,
                None => self.error(
                    codes::DECLARATION,
                    d.span,
                    "freelist size must be a positive integer constant",
                ),
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
            S::CFunction(f) if !self.fused_in_params(&f.ty.params).is_empty() => {
                self.declare_fused_method(cls, f)
            }
            S::CFunction(f) if self.is_property(f) => self.declare_c_property(cls, f),
            S::CFunction(f) => {
                let name = self.text(f.name).to_string();
                self.declare_c_method(cls, f, name);
            }
            S::DeclBlock { body, .. } => {
                for st in body {
                    self.declare_ext_member(cls, st);
                }
            }
            _ => {}
        }
    }
}

impl Checker<'_> {
    /// Declares C method `f` of `cls` under `name` (a fused method's specialisations have
    /// their own names).
    fn declare_c_method(&mut self, cls: ExtRef, f: &ast::CFunctionDef, name: String) {
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
        // A cimported class's methods are reached through its vtable.
        let cname = match &cls.get().home {
            Some(_) if is_static => {
                self.error(
                    codes::UNSUPPORTED,
                    f.name.span,
                    "static C methods of a cimported class are not supported by pyxc",
                );
                return;
            }
            Some(_) => format!("{}->{}", cls.get().vtab_ptr(), mangle(&name)),
            None => format!("pyx_c_{}_{}", cls.get().cid, mangle(&name)),
        };
        let prev = cls
            .get()
            .base
            .and_then(|b| b.method(&name))
            .filter(|(_, m)| !is_static && !m.is_static);
        // Whether the method takes the count of optional arguments given: decided where it is
        // first declared.
        let opt_count = match &prev {
            Some((_, m)) => m.info.opt_count,
            None => !is_static && f.ty.params.named().any(|p| p.default.is_some()),
        };
        if opt_count {
            sig.params.push(Type::int(IntKind::Int));
        }
        let info = CFuncInfo {
            opt_count,
            ..self.func_info(name.clone(), cname, sig, params, f.is_cpdef)
        };
        if let Some((owner, prev)) = prev {
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
        let final_mark = f
            .decorators
            .iter()
            .find(|d| self.cython_attr(d).as_deref() == Some("final"));
        let is_final = final_mark.is_some();
        // A Python subclass could override the method, which `final` would not see.
        if let (Some(d), true) = (final_mark, f.is_cpdef) {
            if !cls.get().members.borrow().is_final {
                self.error(
                    codes::DECLARATION,
                    d.span,
                    "Only final types can have final Python (def/cpdef) methods",
                );
            }
        }
        cls.get().members.borrow_mut().methods.push(ExtMethod {
            name,
            info: Rc::new(info),
            is_final,
            is_static,
        });
    }

    /// A `cdef` method over fused types: one C method per combination of members, named
    /// `<name>__fuse_<i>`, each a vtable entry of its own (so a subclass overrides them one by
    /// one); calls choose among them as for fused functions.
    fn declare_fused_method(&mut self, cls: ExtRef, f: &ast::CFunctionDef) {
        let name = self.text(f.name).to_string();
        if f.is_cpdef {
            self.error(
                codes::UNSUPPORTED,
                f.name.span,
                "cpdef methods over fused types are not supported by pyxc",
            );
            return;
        }
        let fused = self.fused_in_params(&f.ty.params);
        let mut specs = Vec::new();
        for (i, subst) in super::fused::combinations(&fused).into_iter().enumerate() {
            let spec = format!("{name}__fuse_{i}");
            self.with_subst(&subst, |ck| ck.declare_c_method(cls, f, spec.clone()));
            specs.push((subst, spec));
        }
        let mut members = cls.get().members.borrow_mut();
        members.fused_methods.retain(|m| m.name != name);
        members.fused_methods.push(ExtFusedMethod { name, specs });
    }
}
