//! Module-level declarations: C variables, functions, structs, enums, typedefs, extern blocks
//! and cimports, collected before any body is checked so that order of definition does not
//! matter (as in C with prototypes, and in Cython).

use super::tree::{
    CGlobal, CallArg, CythonOp, Expr, ExprKind, LinkedFunc, PublicDecl, Stmt, StmtKind as TStmt,
    Target,
};
use super::types::*;
use super::{codes, mangle, CFuncInfo, Checker, Sym};
use crate::syntax::ast::{self, StmtKind, Visibility};
use crate::syntax::{parse_text, Dialect};
use std::collections::HashMap;
use std::rc::Rc;

impl<'a> Checker<'a> {
    pub(super) fn declare_module(&mut self, body: &[ast::Stmt]) {
        for s in body {
            self.declare_stmt(s, None);
            // `global x` in a function is a module global wherever it is read.
            let mut declared = std::collections::HashSet::new();
            super::func::declared_globals(s, self.src, &mut declared);
            self.py_globals.extend(declared);
        }
    }

    /// Declares what one module-level statement introduces. `header` is set inside
    /// `cdef extern from` blocks.
    pub(super) fn declare_stmt(&mut self, s: &ast::Stmt, header: Option<&Option<String>>) {
        match &s.kind {
            StmtKind::CImport(aliases) => {
                for a in aliases {
                    let full = self.dotted(&a.name);
                    if full == "cython" || full.starts_with("cython.") {
                        continue; // the compiler's own namespace: directives, typeof
                    }
                    if let Some(m) = self.load_pxd(&full, a.span) {
                        let bind = match a.asname {
                            Some(n) => self.text(n).to_string(),
                            None => full.clone(),
                        };
                        // `cimport libc.math` binds `libc` to a chain of modules.
                        let mut parts: Vec<&str> = bind.split('.').collect();
                        let mut sym = Sym::CModule(m);
                        while parts.len() > 1 {
                            let last = parts.pop().unwrap_or_default();
                            let mut map = HashMap::new();
                            map.insert(last.to_string(), sym);
                            sym = Sym::CModule(Rc::new(map));
                        }
                        self.merge_module_sym(parts[0], sym);
                    }
                }
            }
            // Cython reads `from cython.parallel import prange` at compile time too.
            StmtKind::ImportFrom {
                level: 0,
                module: Some(module),
                names,
            } if self.dotted(module) == "cython.parallel" => self.bind_parallel_names(names),
            StmtKind::FromCImport { module, names, .. } => {
                let Some(module) = module else { return };
                let full = self.dotted(module);
                if full == "cython.operator" {
                    self.cimport_cython_ops(names);
                    return;
                }
                if full == "cython.parallel" {
                    return self.bind_parallel_names(names);
                }
                if full == "cython.view" {
                    for a in names {
                        let name = self.dotted(&a.name);
                        let bind = a.asname.map_or(name.clone(), |n| self.text(n).to_string());
                        if name == "array" {
                            self.module
                                .insert(bind.clone(), Sym::Type(Type::Object(PyType::ViewArray)));
                            self.view_arrays.insert(bind);
                        } else {
                            self.error(
                                codes::UNSUPPORTED,
                                a.span,
                                format!("cython.view.{name} is not supported by pyxc"),
                            );
                        }
                    }
                    return;
                }
                if full == "cython" {
                    // `from cython cimport floating`: the builtin fused types.
                    for a in names {
                        let name = self.dotted(&a.name);
                        if let Some(f) = super::fused::builtin_fused(&name) {
                            let bind = a.asname.map_or(name, |n| self.text(n).to_string());
                            self.module.insert(bind, Sym::Fused(f));
                        }
                    }
                    return;
                }
                if full.starts_with("cython.") {
                    return;
                }
                let Some(m) = self.load_pxd(&full, module.span) else {
                    return;
                };
                if names.is_empty() {
                    // `from m cimport *`: everything the .pxd declares or cimports by name.
                    let mut all: Vec<_> = m.iter().collect();
                    all.sort_by(|a, b| a.0.cmp(b.0));
                    for (name, sym) in all {
                        self.module.insert(name.clone(), sym.clone());
                    }
                    return;
                }
                for a in names {
                    let name = self.dotted(&a.name);
                    let bind = a.asname.map_or(name.clone(), |n| self.text(n).to_string());
                    match m.get(&name) {
                        Some(sym) => {
                            self.module.insert(bind, sym.clone());
                        }
                        None => self.error(
                            codes::CIMPORT,
                            a.span,
                            format!("name '{name}' not declared in module '{full}'"),
                        ),
                    }
                }
            }
            StmtKind::CVarDecl(d) => {
                for v in &d.vars {
                    let ty = self.resolve_ctype(&v.ty);
                    self.check_var_type(&ty, v.name.span);
                    let name = self.text(v.name).to_string();
                    if self.check_redeclared(&name, v.name.span) {
                        continue;
                    }
                    if header.is_some() || d.visibility == Visibility::Extern {
                        let cname = v.cname.clone().unwrap_or_else(|| name.clone());
                        let is_const = matches!(v.ty.kind, ast::CTypeKind::Base { ref modifiers, .. } if modifiers.contains(&ast::CModifier::Const));
                        let ty = match (&ty, &v.ty.kind) {
                            (Type::Func(_), _) => ty,
                            _ => ty,
                        };
                        let sym = match ty {
                            Type::Func(sig) => Sym::CFunc(Rc::new(CFuncInfo {
                                name: name.clone(),
                                cname,
                                param_names: vec![None; sig.params.len()],
                                defaults: vec![None; sig.params.len()],
                                sig,
                                cpdef: false,
                                opt_count: false,
                            })),
                            ty => Sym::CName {
                                cname,
                                ty,
                                is_const,
                            },
                        };
                        self.module.insert(name, sym);
                    } else {
                        self.check_complete_type(&ty, v.name.span);
                        let id = self.program.globals.len();
                        if super::constness::points_to_const(&v.ty) {
                            let key = super::constness::ConstPointee::Global(id);
                            self.const_pointees.insert(key);
                        }
                        let public =
                            d.visibility == Visibility::Public && self.pxd_module.is_none();
                        if public {
                            self.program.public.push(PublicDecl {
                                name: name.clone(),
                                ty: ty.clone(),
                            });
                        }
                        self.program.globals.push(CGlobal {
                            cname: if public {
                                name.clone()
                            } else {
                                format!("pyx_v_{}", mangle(&name))
                            },
                            name: name.clone(),
                            ty,
                        });
                        self.module.insert(name, Sym::CGlobal(id));
                    }
                }
            }
            StmtKind::CFunction(f) => {
                let name = self.text(f.name).to_string();
                let is_extern = header.is_some() || f.visibility == Visibility::Extern;
                let fused = self.fused_in_params(&f.ty.params);
                let mut in_ret = Vec::new();
                self.fused_in_ctype(&f.ty.ret, &mut in_ret);
                if !fused.is_empty() || !in_ret.is_empty() {
                    self.declare_fused_cfunction(f, fused, is_extern);
                    return;
                }
                let mut sig = self.resolve_functype(&f.ty, is_extern);
                sig.nogil |= header.is_some() && self.extern_nogil;
                let params = self.c_params(&f.ty.params);
                // A public function keeps its name in C (Cython's rule), for C code to call.
                let public = matches!(f.visibility, Visibility::Public) && !is_extern;
                let cname = if is_extern || public {
                    f.cname.clone().unwrap_or_else(|| name.clone())
                } else {
                    format!("pyx_c_{}{}", self.pxd_prefix, mangle(&name))
                };
                if super::constness::points_to_const(&f.ty.ret) {
                    let key = super::constness::ConstPointee::Return(cname.clone());
                    self.const_pointees.insert(key);
                }
                if let Some(Sym::CFunc(prev)) = self.module.get(&name).cloned() {
                    if self.augmented.contains(&f.name.span.start) {
                        // A def the .pxd turned into this function keeps its declaration.
                        self.augmented_arity_ok(f, prev.sig.params.len());
                        return;
                    }
                    // A definition after a prototype (or .pxd declaration) is fine.
                    if prev.sig.params == sig.params && !is_extern {
                        let info = CFuncInfo {
                            cname: prev.cname.clone(),
                            ..self.func_info(name.clone(), cname, sig, params, f.is_cpdef)
                        };
                        self.module.insert(name, Sym::CFunc(Rc::new(info)));
                        return;
                    }
                }
                if self.check_redeclared(&name, f.name.span) {
                    return;
                }
                let info = self.func_info(name.clone(), cname, sig, params, f.is_cpdef);
                if f.body.is_some() && self.pxd_module.is_none() {
                    if public {
                        self.program.public.push(PublicDecl {
                            name: info.cname.clone(),
                            ty: Type::Func(info.sig.clone()),
                        });
                    }
                    if matches!(f.visibility, Visibility::Api) {
                        let l = LinkedFunc {
                            module: self.opts.module_name.clone(),
                            name: name.clone(),
                            cname: info.cname.clone(),
                            sig: info.sig.clone(),
                        };
                        self.program.api_funcs.push(l.clone());
                        self.program.exported_funcs.push(l);
                    }
                }
                // A prototype in a .pxd of a function a module defines: shared through the
                // module's `__pyx_capi__`.
                if f.body.is_none() && !is_extern && !f.inline {
                    let linked = |module: &str| LinkedFunc {
                        module: module.to_string(),
                        name: name.clone(),
                        cname: info.cname.clone(),
                        sig: info.sig.clone(),
                    };
                    if let Some(module) = &self.pxd_module {
                        let l = linked(module);
                        self.program.imported_funcs.push(l);
                    } else if self.in_own_pxd {
                        let l = linked(&self.opts.module_name);
                        self.program.exported_funcs.push(l);
                    }
                }
                self.module.insert(name.clone(), Sym::CFunc(Rc::new(info)));
                if f.is_cpdef && self.pxd_module.is_none() {
                    self.py_globals.insert(name);
                }
            }
            StmtKind::CStruct(st) => self.declare_struct(st, header.is_some()),
            StmtKind::CEnum(e) => self.declare_enum(e, header.is_some()),
            StmtKind::CTypedef { ty, name, .. } => {
                let t = self.resolve_ctype(ty);
                let n = self.text(*name).to_string();
                let t = match t {
                    Type::Int(it) if header.is_some() => Type::Int(IntType {
                        kind: it.kind,
                        typedef: Some(n.as_str().into()),
                        enum_tag: None,
                    }),
                    t => t,
                };
                self.module.insert(n, Sym::Type(t));
            }
            StmtKind::Fused { name, types } => self.declare_fused(*name, types),
            StmtKind::Extern(block) => {
                if let Some(h) = &block.header {
                    let line = if h.starts_with('<') {
                        format!("#include {h}")
                    } else {
                        format!("#include \"{h}\"")
                    };
                    if self.pxd_module.is_some()
                        && super::lazy_extern::declares_only_names(&block.body)
                    {
                        return self.declare_lazy_extern(block, line);
                    }
                    if !self.program.includes.contains(&line) {
                        self.program.includes.push(line);
                    }
                }
                // `cdef extern from "h" nogil:` declares every function in it nogil.
                let saved = std::mem::replace(&mut self.extern_nogil, block.nogil);
                let saved_extern = std::mem::replace(&mut self.in_extern, true);
                for st in &block.body {
                    self.declare_stmt(st, Some(&block.header));
                }
                self.extern_nogil = saved;
                self.in_extern = saved_extern;
            }
            StmtKind::DeclBlock { visibility, body } => {
                for st in body {
                    let _ = visibility;
                    self.declare_stmt(st, header);
                }
            }
            StmtKind::FunctionDef(f) => {
                let name = self.text(f.name).to_string();
                if !self.fused_in_params(&f.params).is_empty() {
                    self.fused_defs.insert(name.clone());
                }
                self.py_globals.insert(name);
            }
            StmtKind::ClassDef(c) if c.is_cdef => {
                let saved = std::mem::replace(&mut self.declaring_fields, true);
                self.declare_ext_class(c);
                self.declaring_fields = saved;
            }
            StmtKind::ClassDef(c) => {
                self.py_globals.insert(self.text(c.name).to_string());
            }
            StmtKind::Expr(ast::Expr {
                kind: ast::ExprKind::Str(code),
                ..
            }) if header == Some(&None) => {
                self.program.verbatim.push(code.clone());
            }
            _ => self.collect_py_globals(s),
        }
    }

    pub(super) fn func_info(
        &self,
        name: String,
        cname: String,
        sig: FuncType,
        params: Vec<(Option<String>, Type, Option<ast::DefaultValue>)>,
        cpdef: bool,
    ) -> CFuncInfo {
        CFuncInfo {
            name,
            cname,
            param_names: params.iter().map(|p| p.0.clone()).collect(),
            defaults: params.into_iter().map(|p| p.2).collect(),
            sig: Rc::new(sig),
            cpdef,
            opt_count: false,
        }
    }

    /// Reports a name declared twice at module level; true when it was.
    pub(super) fn check_redeclared(&mut self, name: &str, span: ast::Span) -> bool {
        if matches!(
            self.module.get(name),
            Some(Sym::CGlobal(_) | Sym::CFunc(_) | Sym::CName { .. })
        ) {
            self.error(codes::REDECLARED, span, format!("'{name}' redeclared"));
            return true;
        }
        false
    }

    fn merge_module_sym(&mut self, name: &str, sym: Sym) {
        match (self.module.get(name), &sym) {
            (Some(Sym::CModule(old)), Sym::CModule(new)) => {
                let mut merged: HashMap<String, Sym> = (**old).clone();
                for (k, v) in new.iter() {
                    merged.insert(k.clone(), v.clone());
                }
                self.module
                    .insert(name.to_string(), Sym::CModule(Rc::new(merged)));
            }
            _ => {
                self.module.insert(name.to_string(), sym);
            }
        }
    }

    fn declare_struct(&mut self, st: &ast::CStructDef, is_extern: bool) {
        let name = self.text(st.name).to_string();
        let cname = match (&st.cname, is_extern, st.is_typedef) {
            // `cdef struct struct_stat "stat"` is C's `struct stat`, as in Cython.
            (Some(c), _, false) if !c.contains(' ') => {
                format!("{} {c}", if st.is_union { "union" } else { "struct" })
            }
            (Some(c), _, _) => c.clone(),
            (None, true, true) => name.clone(),
            (None, true, false) => {
                format!("{} {name}", if st.is_union { "union" } else { "struct" })
            }
            (None, false, _) => format!(
                "{} pyx_s_{}{}",
                if st.is_union { "union" } else { "struct" },
                self.pxd_prefix,
                mangle(&name)
            ),
        };
        // Declare an opaque version first so fields can point to the struct itself.
        let opaque = Rc::new(StructType {
            name: name.clone(),
            cname: cname.clone(),
            is_union: st.is_union,
            packed: st.packed,
            fields: Vec::new(),
            opaque: true,
        });
        self.module
            .insert(name.clone(), Sym::Type(Type::Struct(opaque)));
        let Some(fields) = &st.fields else { return };
        for f in fields
            .iter()
            .filter(|f| super::constness::points_to_const(&f.ty))
        {
            let key =
                super::constness::ConstPointee::Field(cname.clone(), self.text(f.name).into());
            self.const_pointees.insert(key);
        }
        let fields: Vec<(String, Type)> = fields
            .iter()
            .map(|f| (self.text(f.name).to_string(), self.resolve_ctype(&f.ty)))
            .collect();
        let full = Rc::new(StructType {
            name: name.clone(),
            cname,
            is_union: st.is_union,
            packed: st.packed,
            fields,
            opaque: false,
        });
        if !is_extern {
            self.program.structs.push(full.clone());
        }
        self.module.insert(name, Sym::Type(Type::Struct(full)));
    }

    fn declare_enum(&mut self, e: &ast::CEnumDef, is_extern: bool) {
        // The members' C values first: they decide the enum's C integer type.
        let mut next: i128 = 0;
        let mut prev_name: Option<String> = None;
        let mut members = Vec::new();
        let mut known = Vec::new();
        for (m, value) in &e.members {
            let name = self.text(*m).to_string();
            let cname = if is_extern {
                name.clone()
            } else {
                // Plain values are known here: emit them as C constants.
                let v = match value {
                    Some(v) => match self.const_int(v) {
                        Some(n) => n.to_string(),
                        None => match &v.kind {
                            ast::ExprKind::Name(id) => match self.module.get(self.text(*id)) {
                                Some(Sym::CName { cname, .. }) => cname.clone(),
                                _ => "0".into(),
                            },
                            _ => "0".into(),
                        },
                    },
                    None => match &prev_name {
                        Some(p) if next == i128::MIN => format!("({p} + 1)"),
                        _ => next.to_string(),
                    },
                };
                next = match v.parse::<i128>() {
                    Ok(n) => {
                        self.int_consts.insert(name.clone(), n);
                        known.push(n);
                        n.checked_add(1).unwrap_or(i128::MIN)
                    }
                    Err(_) => i128::MIN,
                };
                format!("({v})")
            };
            prev_name = Some(cname.clone());
            members.push((name, cname));
        }
        // An anonymous enum's members are C ints.
        let all_known = !is_extern && e.name.is_some() && known.len() == e.members.len();
        let name = e.name.map(|n| Rc::<str>::from(self.text(n)));
        let ty = match (&name, is_extern && e.is_typedef) {
            (Some(n), true) => Type::Int(IntType {
                kind: IntKind::Int,
                typedef: Some(n.clone()),
                enum_tag: None,
            }),
            (_, _) => Type::Int(IntType {
                kind: if all_known {
                    enum_kind(&known)
                } else {
                    IntKind::Int
                },
                typedef: None,
                enum_tag: name.clone().map(|name| {
                    Rc::new(EnumTag {
                        name,
                        cpdef: e.is_cpdef,
                        own: !is_extern,
                        typedef: e.is_typedef,
                        arithmetic: match known.iter().all(|&n| IntKind::Int.holds(n)) {
                            true => IntKind::Int,
                            false => IntKind::Long,
                        },
                    })
                }),
            }),
        };
        if let Some(n) = &name {
            self.module.insert(n.to_string(), Sym::Type(ty.clone()));
        }
        for (name, cname) in &members {
            self.module.insert(
                name.clone(),
                Sym::CName {
                    cname: cname.clone(),
                    ty: ty.clone(),
                    is_const: true,
                },
            );
        }
        let members: Vec<String> = members.into_iter().map(|(n, _)| n).collect();
        if e.is_cpdef {
            // Python sees a `cpdef enum` as an IntEnum class holding the members (Cython 3).
            match e.name {
                Some(n) => {
                    let cls = self.text(n).to_string();
                    self.py_globals.insert(cls.clone());
                    self.cpdef_enums.push((cls, members));
                }
                // An anonymous one: its members are module attributes holding their ints.
                None => self.anonymous_cpdef_members.extend(members),
            }
        }
    }

    /// The members of anonymous `cpdef enum`s as module attributes (ints), then
    /// `Name = Base('Name', [('A', A), ...], module=__name__)` for each named `cpdef enum`, run at
    /// import before the module's own code. `Base` is Cython's `__Pyx_FlexibleEnumBase`, an
    /// `IntEnum` whose calls accept any int (a value without a member becomes a nameless
    /// pseudo-member, `<Name: 3>`), made once into a hidden C global.
    pub(super) fn cpdef_enum_classes(&mut self, span: ast::Span) -> Vec<Stmt> {
        let mut out = Vec::new();
        for m in std::mem::take(&mut self.anonymous_cpdef_members) {
            let v = self.name(&m, span);
            let v = self.coerce(v, &Type::OBJECT);
            out.push(Stmt {
                kind: TStmt::Assign(Target::PyGlobal(m), v),
                line: 1,
            });
        }
        if self.cpdef_enums.is_empty() {
            return out;
        }
        let gid = self.program.globals.len();
        self.program.globals.push(CGlobal {
            name: "cpdef enum base".into(),
            cname: "pyx_enum_base".into(),
            ty: Type::OBJECT,
        });
        self.generated_defs(FLEXIBLE_ENUM_BASE, 1, &mut out, |_| Target::CGlobal(gid));
        let maker = Expr::new(ExprKind::CGlobal(gid), Type::OBJECT, span);
        out.push(Stmt {
            kind: TStmt::Assign(
                Target::CGlobal(gid),
                Expr::new(
                    ExprKind::PyCall(Box::new(maker), Vec::new()),
                    Type::OBJECT,
                    span,
                ),
            ),
            line: 1,
        });
        for (cls, members) in std::mem::take(&mut self.cpdef_enums) {
            let obj = |k: ExprKind, t: PyType| Expr::new(k, Type::Object(t), span);
            let mut items = Vec::new();
            for m in members {
                // The member's plain int value (not yet an enum member: the class is being made).
                let v = self.name(&m, span);
                let v = Expr {
                    ty: Type::int(IntKind::Int),
                    ..v
                };
                let v = self.coerce(v, &Type::OBJECT);
                let key = obj(ExprKind::PyStr(m), PyType::Str);
                items.push(obj(ExprKind::Tuple(vec![key, v]), PyType::Tuple));
            }
            let int_enum = obj(ExprKind::CGlobal(gid), PyType::Any);
            let args = vec![
                CallArg::Pos(obj(ExprKind::PyStr(cls.clone()), PyType::Str)),
                CallArg::Pos(obj(ExprKind::List(items), PyType::List)),
                CallArg::Kw(
                    "module".into(),
                    obj(ExprKind::PyGlobal("__name__".into()), PyType::Any),
                ),
            ];
            let call = obj(ExprKind::PyCall(Box::new(int_enum), args), PyType::Any);
            out.push(Stmt {
                kind: TStmt::Assign(Target::PyGlobal(cls), call),
                line: 1,
            });
        }
        out
    }

    /// `from cython.operator cimport dereference as deref, preincrement, ...`
    fn cimport_cython_ops(&mut self, names: &[ast::Alias]) {
        for a in names {
            let name = self.dotted(&a.name);
            let bind = a.asname.map_or(name.clone(), |n| self.text(n).to_string());
            match CythonOp::from_name(&name) {
                Some(op) => {
                    self.cython_ops.insert(bind, op);
                }
                None => self.error(
                    codes::UNSUPPORTED,
                    a.span,
                    format!("cython.operator.{name} is not supported by pyxc"),
                ),
            }
        }
    }

    /// `from cython.parallel cimport prange, threadid as tid`.
    fn bind_parallel_names(&mut self, names: &[ast::Alias]) {
        for a in names {
            let name = self.dotted(&a.name);
            let bind = a.asname.map_or(name.clone(), |n| self.text(n).to_string());
            let known = match name.as_str() {
                "prange" => "prange",
                "parallel" => "parallel",
                "threadid" => "threadid",
                _ => {
                    self.error(
                        codes::UNSUPPORTED,
                        a.span,
                        format!("cython.parallel.{name} is not supported by pyxc"),
                    );
                    continue;
                }
            };
            self.parallel_names.insert(bind, known);
        }
    }

    /// Names a module-level statement binds in the module dict.
    fn collect_py_globals(&mut self, s: &ast::Stmt) {
        if let StmtKind::ImportFrom { names, .. } = &s.kind {
            // After `from m import *` any name may be a module global.
            self.star_imported |= names.is_empty();
        }
        let mut names = Vec::new();
        super::func::bound_names(s, self.src, &mut names);
        for n in names {
            self.py_globals.insert(n);
        }
    }

    pub(super) fn dotted(&self, d: &ast::DottedName) -> String {
        d.parts
            .iter()
            .map(|p| self.text(*p))
            .collect::<Vec<_>>()
            .join(".")
    }

    /// The functions a `.pxd` defines (`cdef inline ...:` with a body) are compiled into each
    /// module that cimports it. An error in one is reported at the `cimport`, naming the line.
    fn check_pxd_functions(&mut self, body: &[ast::Stmt], path: &str, at: ast::Span) {
        let first = self.diags.len();
        for s in body {
            if let StmtKind::CFunction(f) = &s.kind {
                if f.body.is_some() {
                    self.check_cfunction(f, s.span);
                }
            }
        }
        if let Some(msg) = self.take_pxd_errors(first, path) {
            self.error(codes::CIMPORT, at, msg);
        }
    }

    /// The errors reported since `first` while checking a `.pxd`, taken back as one message
    /// naming the file and the first error's line (the current source must be the `.pxd`).
    fn take_pxd_errors(&mut self, first: usize, path: &str) -> Option<String> {
        if self.diags.len() <= first {
            return None;
        }
        let errors = self.diags.take_after(first);
        let e = &errors[0];
        Some(format!(
            "errors in '{path}': line {}: {}",
            self.line_of(e.span),
            e.message
        ))
    }

    /// Declares the module's own `.pxd` into the module's namespace (its definitions follow
    /// in the module). Errors in it are reported at the module's first line, naming it.
    pub(super) fn declare_own_pxd(&mut self, path: &str, text: &str) {
        let parsed = parse_text(text, Dialect::Cython);
        let at = ast::Span { start: 0, end: 0 };
        if parsed.has_errors() {
            let first = &parsed.diagnostics[0];
            self.error(
                codes::CIMPORT,
                at,
                format!("errors in '{path}': {}", first.message),
            );
            return;
        }
        let first = self.diags.len();
        self.in_source(text, |ck| {
            ck.in_own_pxd = true;
            ck.declare_module(&parsed.module.body);
            ck.in_own_pxd = false;
        });
        if self.diags.len() > first {
            let errors = self.diags.take_after(first);
            let msg = format!("errors in '{path}': {}", errors[0].message);
            self.error(codes::CIMPORT, at, msg);
        }
    }

    /// Finds, parses and declares a `.pxd` module once.
    fn load_pxd(&mut self, module: &str, span: ast::Span) -> Option<Rc<HashMap<String, Sym>>> {
        if let Some(m) = self.pxd_cache.get(module) {
            return m.clone();
        }
        if self.pxd_loading.iter().any(|m| m == module) {
            // Reported by the outermost cimport, in the module's own source.
            let chain = self.pxd_loading.join(" -> ");
            self.pxd_cycle
                .get_or_insert(format!("circular cimport: {chain} -> {module}"));
            return None;
        }
        let Some((path, text)) = self.opts.loader.load(module) else {
            self.error(
                codes::CIMPORT,
                span,
                format!("'{module}.pxd' not found (cimported module '{module}')"),
            );
            self.pxd_cache.insert(module.to_string(), None);
            return None;
        };
        let parsed = parse_text(&text, Dialect::Cython);
        if parsed.has_errors() {
            let first = &parsed.diagnostics[0];
            self.error(
                codes::CIMPORT,
                span,
                format!("errors in '{path}': {}", first.message),
            );
            self.pxd_cache.insert(module.to_string(), None);
            return None;
        }
        // Declarations in the .pxd live in their own namespace; the source text they point
        // into is the .pxd's.
        self.pxd_loading.push(module.to_string());
        let (decls, declare_error) = self.in_source(&text, |ck| {
            let saved_module = std::mem::take(&mut ck.module);
            let saved_prefix =
                std::mem::replace(&mut ck.pxd_prefix, format!("{}_", mangle(module)));
            let saved_home = ck.pxd_module.replace(module.to_string());
            let first = ck.diags.len();
            ck.declare_module(&parsed.module.body);
            // An error in a declaration is one error at the cimport, naming the .pxd line.
            let declare_error = ck.take_pxd_errors(first, &path);
            ck.pxd_module = saved_home;
            ck.check_pxd_functions(&parsed.module.body, &path, span);
            ck.pxd_prefix = saved_prefix;
            (
                std::mem::replace(&mut ck.module, saved_module),
                declare_error,
            )
        });
        self.pxd_loading.pop();
        if let Some(msg) = declare_error {
            self.error(codes::CIMPORT, span, msg);
        }
        if self.pxd_loading.is_empty() {
            if let Some(msg) = self.pxd_cycle.take() {
                self.error(codes::UNSUPPORTED, span, msg);
            }
        }
        let m = Rc::new(decls);
        self.pxd_cache.insert(module.to_string(), Some(m.clone()));
        Some(m)
    }
}

/// Cython's base class of `cpdef enum` classes (CpdefEnums.pyx), made by a generated function.
const FLEXIBLE_ENUM_BASE: &str = "\
def __pyx_flexible_enum_base():
    import enum
    class __Pyx_FlexibleEnumBase(enum.IntEnum):
        @classmethod
        def _missing_(cls, value):
            pseudo_member = int.__new__(cls, value)
            if not hasattr(pseudo_member, '_value_'):
                pseudo_member._value_ = value
            pseudo_member._name_ = None
            value2member_map = getattr(cls, '_value2member_map_', None)
            if value2member_map is not None:
                pseudo_member = value2member_map.setdefault(value, pseudo_member)
            return pseudo_member

        def __repr__(self):
            if self._name_ is None:
                return f'<{self.__class__.__name__}: {self._value_!r}>'
            return super().__repr__()
    return __Pyx_FlexibleEnumBase
";

/// The C integer type a C compiler gives an enum whose values are `values` (gcc and clang on
/// LP64): `unsigned int` without negative values, else `int`, widened to 64 bits when a value
/// does not fit in 32.
fn enum_kind(values: &[i128]) -> IntKind {
    let (lo, hi) = (
        values.iter().copied().min().unwrap_or(0),
        values.iter().copied().max().unwrap_or(0),
    );
    let fits = |k: IntKind| k.holds(lo) && k.holds(hi);
    let kinds = if lo >= 0 {
        [IntKind::UInt, IntKind::ULong]
    } else {
        [IntKind::Int, IntKind::Long]
    };
    kinds.into_iter().find(|&k| fits(k)).unwrap_or(IntKind::Int)
}
