//! Function scopes: parameters, `cdef` locals, Python locals (any assigned name), type
//! inference for untyped locals, and the module's top-level code as the init function.

use super::constness::{is_const_type, points_to_const};
use super::tree::*;
use super::types::*;
use super::{codes, docstring, flow, mangle, CFuncInfo, Checker, Sym};
use crate::syntax::ast::{self, ExprKind as E, StmtKind as S, Visibility};
use crate::syntax::validate::for_each_child_block;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

pub struct FnCx {
    pub locals: Vec<Local>,
    pub scope: HashMap<String, LocalId>,
    /// Names declared `global`.
    pub globals: HashSet<String>,
    pub ret: Type,
    pub kind: FuncKind,
    pub qualname: String,
    /// Untyped locals whose type is still being inferred.
    pub unresolved: HashSet<LocalId>,
    pub loop_depth: u32,
    /// Locals known to hold a value at the current point (for "referenced before assignment").
    pub assigned: HashSet<LocalId>,
    /// Variables of enclosing functions this one reads (a closure).
    pub freevars: Vec<FreeVar>,
    /// Names declared `nonlocal`: assignments go to the enclosing function's cell.
    pub nonlocals: HashSet<String>,
    /// Locals declared `const`: only their declaration may give them a value.
    pub consts: HashSet<LocalId>,
    /// Locals and parameters declared as pointers to `const` (`const char *s`).
    pub const_pointees: HashSet<LocalId>,
    /// The body yields: a generator function.
    pub generator: bool,
    /// An `async def`.
    pub coroutine: bool,
    /// An `async def` that yields.
    pub async_generator: bool,
    /// Buffer variables (`ndarray[double, ndim=2] a`): each one's hidden memoryview local
    /// and where the variable is declared.
    pub buffers: HashMap<LocalId, (LocalId, ast::Span)>,
}

impl FnCx {
    pub(super) fn new(kind: FuncKind, qualname: String, ret: Type) -> FnCx {
        FnCx {
            locals: Vec::new(),
            scope: HashMap::new(),
            globals: HashSet::new(),
            ret,
            kind,
            qualname,
            unresolved: HashSet::new(),
            loop_depth: 0,
            assigned: HashSet::new(),
            freevars: Vec::new(),
            nonlocals: HashSet::new(),
            consts: HashSet::new(),
            const_pointees: HashSet::new(),
            generator: false,
            coroutine: false,
            async_generator: false,
            buffers: HashMap::new(),
        }
    }
    pub fn add_local(&mut self, name: &str, ty: Type) -> LocalId {
        let id = self.locals.len();
        self.locals.push(Local {
            name: name.to_string(),
            ty,
            hidden: false,
            cell: false,
        });
        self.scope.insert(name.to_string(), id);
        id
    }
    pub fn add_hidden(&mut self, name: &str, ty: Type) -> LocalId {
        let id = self.locals.len();
        self.locals.push(Local {
            name: format!("{name}{id}"),
            ty,
            hidden: true,
            cell: false,
        });
        id
    }
}

/// Names a statement binds in its scope (not descending into nested functions or classes).
pub fn bound_names(s: &ast::Stmt, src: &str, out: &mut Vec<String>) {
    let text = |i: ast::Ident| src[i.span.range()].to_string();
    match &s.kind {
        S::Assign { targets, value } => {
            for t in targets {
                target_names(t, src, out);
            }
            walrus_names(value, src, out);
        }
        S::AugAssign { target, .. } | S::AnnAssign { target, .. } => target_names(target, src, out),
        S::For {
            target,
            body,
            orelse,
            ..
        } => {
            target_names(target, src, out);
            for b in body.iter().chain(orelse) {
                bound_names(b, src, out);
            }
        }
        S::ForFrom(f) => {
            out.push(text(f.target));
            for b in f.body.iter().chain(&f.orelse) {
                bound_names(b, src, out);
            }
        }
        S::While { body, orelse, test } => {
            walrus_names(test, src, out);
            for b in body.iter().chain(orelse) {
                bound_names(b, src, out);
            }
        }
        S::If { body, orelse, test } => {
            walrus_names(test, src, out);
            for b in body.iter().chain(orelse) {
                bound_names(b, src, out);
            }
        }
        S::With { items, body, .. } => {
            for i in items {
                if let Some(t) = &i.target {
                    target_names(t, src, out);
                }
            }
            for b in body {
                bound_names(b, src, out);
            }
        }
        S::Try {
            body,
            handlers,
            orelse,
            finalbody,
            ..
        } => {
            for h in handlers {
                if let Some(n) = h.name {
                    out.push(text(n));
                }
                for b in &h.body {
                    bound_names(b, src, out);
                }
            }
            for b in body.iter().chain(orelse).chain(finalbody) {
                bound_names(b, src, out);
            }
        }
        S::FunctionDef(f) => out.push(text(f.name)),
        S::ClassDef(c) => out.push(text(c.name)),
        S::Import(aliases) => {
            for a in aliases {
                out.push(match a.asname {
                    Some(n) => text(n),
                    None => text(a.name.parts[0]),
                });
            }
        }
        S::ImportFrom { names, .. } => {
            for a in names {
                out.push(match a.asname {
                    Some(n) => text(n),
                    None => text(a.name.parts[0]),
                });
            }
        }
        S::Del(ts) => {
            for t in ts {
                target_names(t, src, out);
            }
        }
        S::Expr(e) | S::Return(Some(e)) => walrus_names(e, src, out),
        S::Match { cases, .. } => {
            for c in cases {
                pattern_names(&c.pattern, src, out);
                for b in &c.body {
                    bound_names(b, src, out);
                }
            }
        }
        _ => {}
    }
}

/// The names a `case` pattern binds.
fn pattern_names(p: &ast::Pattern, src: &str, out: &mut Vec<String>) {
    use ast::PatternKind as P;
    let mut name = |i: &Option<ast::Ident>| {
        if let Some(i) = i {
            out.push(src[i.span.range()].to_string());
        }
    };
    match &p.kind {
        P::Capture(n) | P::Star(n) => name(n),
        P::Mapping { patterns, rest, .. } => {
            name(rest);
            patterns.iter().for_each(|q| pattern_names(q, src, out));
        }
        P::As { pattern, name: n } => {
            name(n);
            pattern.iter().for_each(|q| pattern_names(q, src, out));
        }
        P::Sequence(ps) | P::Or(ps) => ps.iter().for_each(|q| pattern_names(q, src, out)),
        P::Class {
            patterns,
            kwd_patterns,
            ..
        } => patterns
            .iter()
            .chain(kwd_patterns)
            .for_each(|q| pattern_names(q, src, out)),
        P::Value(_) | P::Singleton(_) | P::Invalid => {}
    }
}

pub(super) fn target_names(t: &ast::Expr, src: &str, out: &mut Vec<String>) {
    match &t.kind {
        E::Name(n) => out.push(src[n.span.range()].to_string()),
        E::Tuple(es) | E::List(es) => {
            for e in es {
                target_names(e, src, out);
            }
        }
        E::Starred(e) => target_names(e, src, out),
        _ => {}
    }
}

fn walrus_names(e: &ast::Expr, src: &str, out: &mut Vec<String>) {
    if let E::NamedExpr(t, v) = &e.kind {
        target_names(t, src, out);
        walrus_names(v, src, out);
        return;
    }
    // A walrus in a comprehension binds in the enclosing function (PEP 572); a lambda is a
    // scope of its own.
    if matches!(e.kind, E::Lambda(..)) {
        return;
    }
    crate::syntax::walk::for_each_child(e, |c| walrus_names(c, src, out));
}

impl<'a> Checker<'a> {
    /// Checks the module body: top-level code becomes the init function; function and C
    /// function bodies are checked as they are met.
    pub(super) fn check_module_body(&mut self, m: &ast::Module) {
        let init = self.program.functions.len();
        self.program.init = init;
        self.program.functions.push(placeholder_function());
        let mut cx = FnCx::new(FuncKind::ModuleInit, String::new(), Type::OBJECT);
        cx.globals = self.py_globals.clone();
        self.func = Some(cx);
        let mut body = self.check_block(&m.body);
        // cpdef functions and their defaults exist before any top-level code runs.
        let mut prologue = self.cpdef_enum_classes(m.span);
        for (g, e) in std::mem::take(&mut self.pending_defaults) {
            let v = self.expr(&e);
            let ty = self.program.globals[g].ty.clone();
            let v = self.coerce(v, &ty);
            prologue.push(Stmt {
                kind: StmtKind::Assign(Target::CGlobal(g), v),
                line: 1,
            });
        }
        for (name, wid) in std::mem::take(&mut self.cpdef_wrappers) {
            let f = Expr::new(
                ExprKind::MakeFunction(wid, Vec::new()),
                Type::OBJECT,
                m.span,
            );
            prologue.push(Stmt {
                kind: StmtKind::Assign(Target::PyGlobal(name), f),
                line: 1,
            });
        }
        prologue.append(&mut self.fused_prologue);
        prologue.append(&mut body);
        let body = prologue;
        let cx = self.func.take().expect("module context");
        self.program.functions[init] = Function {
            name: self.program.name.clone(),
            qualname: self.program.name.clone(),
            cname: "pyx_module_exec_body".into(),
            kind: FuncKind::ModuleInit,
            inline: false,
            params: Vec::new(),
            layout: ParamLayout {
                nposonly: 0,
                npos: 0,
                nkwonly: 0,
                vararg: None,
                kwarg: None,
            },
            ret: Type::OBJECT,
            sig: None,
            locals: cx.locals,
            body,
            doc: None,
            span: m.span,
            line: 1,
            lines: self.lines.clone(),
            cdivision: self.directives.cdivision,
            freevars: Vec::new(),
            annotations: Vec::new(),
            generator: false,
            coroutine: false,
            async_generator: false,
            defaults_in_self: false,
            implicit_self: false,
        };
    }

    /// Applies `@cython.xxx(value)` decorators to the directives; returns the decorators that
    /// are not directives.
    fn apply_decorators<'e>(&mut self, decorators: &'e [ast::Expr]) -> Vec<&'e ast::Expr> {
        let mut rest = Vec::new();
        for d in decorators {
            let (name, value) = match &d.kind {
                E::Call(f, args) => (self.cython_attr(f), args.first()),
                _ => (self.cython_attr(d), None),
            };
            match name {
                Some(n) => {
                    let v = match value {
                        Some(ast::Arg::Positional(e)) => self.src[e.span.range()].to_string(),
                        _ => "True".into(),
                    };
                    if !self.directives.set(&n, &v)
                        && !super::pure::CFUNC_DECORATORS.contains(&n.as_str())
                        && !matches!(n.as_str(), "locals" | "returns" | "final")
                    {
                        self.error(
                            codes::DECLARATION,
                            d.span,
                            format!("unknown directive 'cython.{n}'"),
                        );
                    }
                }
                None => rest.push(d),
            }
        }
        rest
    }

    /// `cython.name` → `name`.
    pub(super) fn cython_attr(&self, e: &ast::Expr) -> Option<String> {
        match &e.kind {
            E::Attribute(base, attr) => match &base.kind {
                E::Name(n) if self.text(*n) == "cython" => Some(self.text(*attr).to_string()),
                _ => None,
            },
            _ => None,
        }
    }

    /// A `def` (at any level) or the Python side of a lambda: a new Function, returned by id.
    pub(super) fn check_def(
        &mut self,
        name: &str,
        params: &ast::Params,
        returns: Option<&ast::Expr>,
        body: FnBody,
        decorators: &[ast::Expr],
        span: ast::Span,
    ) -> (FuncId, Vec<(GlobalId, Expr)>, Vec<Expr>) {
        let is_async = matches!(body, FnBody::AsyncBlock(_));
        let annotations = self.annotation_texts(params, returns);
        let saved_dirs = self.directives;
        // Other decorators are Python callables, evaluated here in the enclosing scope (before
        // the defaults, as Python does) and applied by the caller, innermost first.
        let rest = self.apply_decorators(decorators);
        let decorators: Vec<Expr> = rest.into_iter().map(|d| self.object(d)).collect();
        let qualname = self.nested_qualname(name);
        let nested = self
            .func
            .as_ref()
            .is_some_and(|f| f.kind != FuncKind::ModuleInit);
        // A method of a cdef class takes an instance of it as `self` (checked when called
        // through the class), unless it is a static or class method (`__class_getitem__` is
        // one implicitly).
        let plain_method = name != "__class_getitem__"
            && !decorators.iter().any(|d| {
                matches!(
                    self.src[d.span.range()].trim(),
                    "staticmethod" | "classmethod"
                )
            });
        let ext_self = match (&self.class_ns, self.ext_class) {
            (Some((_, q)), Some((cls, _))) if *q == cls.get().name && plain_method => Some(cls),
            _ => None,
        };
        let id = self.program.functions.len();
        self.program.functions.push(placeholder_function());
        let cname = format!("pyx_f{id}_{}", mangle(name));
        // Defaults are evaluated in the enclosing scope, when the def statement runs.
        let mut defaults = Vec::new();
        let mut param_defaults = Vec::new();
        for p in params.named() {
            let d = match &p.default {
                Some(ast::DefaultValue::Value(e)) => {
                    // The default has the parameter's type (written or annotated).
                    let ty = match &p.ctype {
                        Some(t) => self.object_or_ctype(t),
                        None => self.annotation_type(p.annotation.as_ref()),
                    };
                    let v = self.expr(e);
                    let v = self.coerce(v, &ty);
                    let gid = self.program.globals.len();
                    self.program.globals.push(CGlobal {
                        name: format!("default of {}", self.src_name(p)),
                        cname: format!("pyx_d{gid}_{}", mangle(name)),
                        ty,
                    });
                    defaults.push((gid, v));
                    Some(gid)
                }
                _ => None,
            };
            param_defaults.push(d);
        }
        // The body does not see the class namespace (defaults and decorators did).
        let saved_ext = self.ext_class.take();
        let saved_class = self.class_ns.take();
        // The enclosing function stays reachable for names the nested one captures.
        if let Some(o) = self.func.take() {
            self.enclosing.push(o);
        }
        let mut cx = FnCx::new(FuncKind::Def, qualname.clone(), Type::OBJECT);
        // A coroutine is resumable like a generator.
        cx.coroutine = is_async;
        cx.generator = is_async;
        let mut tparams = Vec::new();
        let all: Vec<&ast::Param> = params.named().collect();
        for (i, (p, default)) in all.iter().zip(param_defaults).enumerate() {
            let pname = self.src_name(p);
            let mut buffer_view = None;
            let (ty, annotated_none) = match (&p.ctype, ext_self) {
                (Some(t), _) => match self.buffer_parts(t) {
                    Some((object, view)) => {
                        buffer_view = view;
                        (object, true)
                    }
                    None => (self.resolve_ctype(t), true),
                },
                (None, Some(cls)) if i == 0 && p.annotation.is_none() => {
                    (Type::Object(PyType::Ext(cls)), true)
                }
                (None, _) => self.annotation_typing(p.annotation.as_ref()),
            };
            let is_self = i == 0 && ext_self.is_some();
            // A `char *` argument borrows the buffer of the caller's bytes (as Cython's does).
            let c_string = matches!(ty, Type::Ptr(_)) && ty.is_c_string();
            if ty.is_ptr_like() && !c_string {
                self.error(
                    codes::TYPE_MISMATCH,
                    p.span,
                    format!("Cannot convert Python object argument to type '{ty}'"),
                );
            }
            if p.not_none.is_some()
                && !ty.is_object()
                && !ty.is_error()
                && !matches!(ty, Type::MemView(_))
            {
                self.error(
                    codes::DECLARATION,
                    p.span,
                    "Only Python type arguments can have 'not None' or 'or None'",
                );
            }
            let local = cx.add_local(&pname, ty.clone());
            cx.assigned.insert(local);
            if p.ctype.as_ref().is_some_and(points_to_const) {
                cx.const_pointees.insert(local);
            }
            if let Some(view) = buffer_view {
                cx.add_buffer(local, view, p.span);
            }
            let type_test = match &ty {
                Type::Object(t) if *t != PyType::Any => Some(*t),
                _ => None,
            };
            tparams.push(Param {
                name: pname,
                local,
                ty,
                default,
                allow_none: p.not_none != Some(true) && !is_self && annotated_none,
                type_test,
                annotated: p.ctype.is_none() && p.annotation.is_some(),
            });
        }
        let vararg = params.vararg.as_ref().map(|p| {
            let l = cx.add_local(&self.src_name(p), Type::Object(PyType::Tuple));
            cx.assigned.insert(l);
            l
        });
        let kwarg = params.kwarg.as_ref().map(|p| {
            let l = cx.add_local(&self.src_name(p), Type::Object(PyType::Dict));
            cx.assigned.insert(l);
            l
        });
        let buffer_params: Vec<LocalId> = cx.buffers.keys().copied().collect();
        self.func = Some(cx);
        let (stmts, doc) = match body {
            FnBody::Block(b) | FnBody::AsyncBlock(b) => {
                self.declare_locals(b);
                // A buffer parameter's view is bound on entry.
                let line = b.first().map_or(0, |s| self.line_of(s.span));
                let mut stmts: Vec<Stmt> = buffer_params
                    .into_iter()
                    .filter_map(|p| self.buffer_binding(p, line))
                    .collect();
                stmts.extend(self.check_block(b));
                (stmts, docstring(b))
            }
            FnBody::Lambda(e) => {
                let v = self.expr(e);
                let v = self.coerce(v, &Type::OBJECT);
                let line = self.line_of(e.span);
                (
                    vec![Stmt {
                        kind: StmtKind::Return(Some(v)),
                        line,
                    }],
                    None,
                )
            }
        };
        let cx = self.func.take().expect("function context");
        self.func = self.enclosing.pop();
        self.class_ns = saved_class;
        self.ext_class = saved_ext;
        let line = self.line_of(span);
        self.program.functions[id] = Function {
            name: name.to_string(),
            qualname,
            cname,
            kind: FuncKind::Def,
            inline: false,
            layout: ParamLayout {
                nposonly: params.posonly.len(),
                npos: params.posonly.len() + params.args.len(),
                nkwonly: params.kwonly.len(),
                vararg,
                kwarg,
            },
            params: tparams,
            ret: Type::OBJECT,
            sig: None,
            locals: cx.locals,
            body: stmts,
            doc,
            span,
            line,
            lines: self.lines.clone(),
            cdivision: self.directives.cdivision,
            freevars: cx.freevars,
            annotations,
            generator: cx.generator,
            coroutine: cx.coroutine,
            async_generator: cx.async_generator,
            defaults_in_self: nested && !defaults.is_empty(),
            implicit_self: ext_self.is_some(),
        };
        self.directives = saved_dirs;
        (id, defaults, decorators)
    }

    /// The `__qualname__` of a function named `name` defined here.
    pub(super) fn nested_qualname(&self, name: &str) -> String {
        let outer_qual = self
            .func
            .as_ref()
            .map(|f| f.qualname.clone())
            .unwrap_or_default();
        match &self.class_ns {
            Some((_, cls)) => format!("{cls}.{name}"),
            None if outer_qual.is_empty()
                || self
                    .func
                    .as_ref()
                    .is_some_and(|f| f.kind == FuncKind::ModuleInit) =>
            {
                name.to_string()
            }
            None => format!("{outer_qual}.<locals>.{name}"),
        }
    }

    /// The annotations of a `def` as source text, in Python's order.
    fn annotation_texts(
        &self,
        params: &ast::Params,
        returns: Option<&ast::Expr>,
    ) -> Vec<(String, String)> {
        let all = params
            .posonly
            .iter()
            .chain(&params.args)
            .chain(&params.vararg)
            .chain(&params.kwonly)
            .chain(&params.kwarg);
        let mut out: Vec<(String, String)> = all
            .filter_map(|p| {
                let a = p.annotation.as_ref()?;
                Some((
                    self.src_name(p),
                    self.src[a.span.range()].trim().to_string(),
                ))
            })
            .collect();
        if let Some(r) = returns {
            out.push(("return".into(), self.src[r.span.range()].trim().to_string()));
        }
        out
    }

    fn src_name(&self, p: &ast::Param) -> String {
        p.name.map(|n| self.text(n).to_string()).unwrap_or_default()
    }

    /// The type an annotation gives a `def` parameter: `cython.int` and friends are C types;
    /// anything else stays a Python object.
    pub(super) fn annotation_type(&mut self, a: Option<&ast::Expr>) -> Type {
        self.annotation_typing(a).0
    }

    /// A `def` parameter's annotation as Cython 3 reads it: `cython.int`-style C types, a
    /// cclass, `float` (a C double), `complex` (a C double complex) and builtin types such as `int` or `list` (None refused
    /// unless wrapped in `typing.Optional`). Also whether None is allowed.
    fn annotation_typing(&mut self, a: Option<&ast::Expr>) -> (Type, bool) {
        let Some(a) = a else {
            return (Type::OBJECT, true);
        };
        if let Some(t) = self.pure_ctype(a) {
            return (t, true);
        }
        match &a.kind {
            E::Name(n)
                if !self.func_scope_has(self.text(*n))
                    && !self.module.contains_key(self.text(*n)) =>
            {
                match self.text(*n) {
                    "float" => (Type::DOUBLE, true),
                    "complex" => (Type::Complex(FloatKind::Double), true),
                    name @ ("int" | "str" | "bytes" | "list" | "dict" | "tuple" | "set"
                    | "frozenset" | "bytearray") => (
                        PyType::from_name(name).map_or(Type::OBJECT, Type::Object),
                        false,
                    ),
                    _ => (Type::OBJECT, true),
                }
            }
            E::Subscript(base, inner) if self.is_typing_optional(base) => {
                let (t, _) = self.annotation_typing(Some(inner));
                // An optional C number is an object that may be None.
                (if t.is_object() { t } else { Type::OBJECT }, true)
            }
            _ => (Type::OBJECT, true),
        }
    }

    /// `typing.Optional` or `Optional`.
    fn is_typing_optional(&self, e: &ast::Expr) -> bool {
        match &e.kind {
            E::Name(n) => self.text(*n) == "Optional",
            E::Attribute(b, attr) => {
                self.text(*attr) == "Optional"
                    && matches!(&b.kind, E::Name(n) if self.text(*n) == "typing")
            }
            _ => false,
        }
    }

    /// A `cdef`/`cpdef` function with a body.
    pub(super) fn check_cfunction(&mut self, f: &ast::CFunctionDef, span: ast::Span) {
        let name = self.text(f.name).to_string();
        match self.module.get(&name).cloned() {
            Some(Sym::CFunc(info)) => {
                self.check_cfunction_with(&info, f, span);
            }
            Some(Sym::FusedCFunc(ff)) => self.check_fused_cfunction(&ff, f, span),
            _ => {}
        }
    }

    /// A C function (or C method) with a body, declared as `info`.
    pub(super) fn check_cfunction_with(
        &mut self,
        info: &CFuncInfo,
        f: &ast::CFunctionDef,
        span: ast::Span,
    ) -> FuncId {
        // A C method's body does not see its class's namespace.
        let saved_class = self.class_ns.take();
        let saved_ext = self.ext_class.take();
        let qualname = match saved_ext {
            Some((cls, _)) if info.sig.params.first() == Some(&Type::Object(PyType::Ext(cls))) => {
                format!("{}.{}", cls.get().name, info.name)
            }
            _ => info.name.clone(),
        };
        let id = self.check_cfunction_body(info, f, span, qualname);
        self.class_ns = saved_class;
        self.ext_class = saved_ext;
        id
    }

    fn check_cfunction_body(
        &mut self,
        info: &CFuncInfo,
        f: &ast::CFunctionDef,
        span: ast::Span,
        qualname: String,
    ) -> FuncId {
        let name = info.name.clone();
        let id = self.program.functions.len();
        let Some(body) = &f.body else { return id };
        if self
            .func
            .as_ref()
            .is_some_and(|cx| cx.kind != FuncKind::ModuleInit)
        {
            self.error(
                codes::DECLARATION,
                f.name.span,
                "C function definition not allowed here",
            );
            return id;
        }
        let saved_dirs = self.directives;
        let rest = self.apply_decorators(&f.decorators);
        for d in rest {
            if !matches!(self.src[d.span.range()].trim(), "staticmethod") {
                self.error(
                    codes::UNSUPPORTED,
                    d.span,
                    "decorators on C functions are not supported",
                );
            }
        }
        self.program.functions.push(placeholder_function());
        let outer = self.func.take();
        let mut cx = FnCx::new(
            FuncKind::Cdef { cpdef: f.is_cpdef },
            name.clone(),
            info.sig.ret.clone(),
        );
        let mut params = Vec::new();
        let all: Vec<&ast::Param> = f.ty.params.named().collect();
        let nuser = info.sig.params.len() - info.opt_count as usize;
        for (i, ty) in info.sig.params.iter().enumerate() {
            if i == nuser {
                // How many arguments the caller gave (`CFuncInfo::opt_count`).
                let local = cx.add_hidden("given", ty.clone());
                params.push(Param {
                    name: "given".into(),
                    local,
                    ty: ty.clone(),
                    default: None,
                    allow_none: false,
                    type_test: None,
                    annotated: false,
                });
                break;
            }
            // The definition's names (a .pxd declaration may name parameters differently).
            let pname = all
                .get(i)
                .and_then(|p| p.name)
                .map(|n| self.text(n).to_string())
                .or_else(|| info.param_names.get(i).cloned().flatten())
                .unwrap_or_else(|| format!("arg{i}"));
            let local = cx.add_local(&pname, ty.clone());
            cx.assigned.insert(local);
            if all
                .get(i)
                .and_then(|p| p.ctype.as_ref())
                .is_some_and(points_to_const)
            {
                cx.const_pointees.insert(local);
            }
            if let Some((p, (_, Some(view)))) = all.get(i).and_then(|p| {
                let parts = self.buffer_parts(p.ctype.as_ref()?)?;
                Some((p, parts))
            }) {
                if info.sig.nogil {
                    self.error(
                        codes::OPERATION,
                        p.span,
                        "Buffer may not be acquired without the GIL. Consider using memoryview slices instead.",
                    );
                } else {
                    cx.add_buffer(local, view, p.span);
                }
            }
            let default = match (f.is_cpdef, all.get(i).and_then(|p| p.default.as_ref())) {
                (true, Some(ast::DefaultValue::Value(e))) => {
                    let gid = self.program.globals.len();
                    self.program.globals.push(CGlobal {
                        name: format!("default of {pname}"),
                        cname: format!("pyx_d{gid}_{}", mangle(&name)),
                        ty: ty.clone(),
                    });
                    self.pending_defaults.push((gid, e.clone()));
                    Some(gid)
                }
                _ => None,
            };
            params.push(Param {
                name: pname,
                local,
                ty: ty.clone(),
                default,
                allow_none: true,
                type_test: match ty {
                    Type::Object(t) if *t != PyType::Any => Some(*t),
                    _ => None,
                },
                annotated: false,
            });
        }
        let buffer_params: Vec<LocalId> = cx.buffers.keys().copied().collect();
        self.func = Some(cx);
        self.declare_locals(body);
        // The body of a `nogil` function runs without the GIL (`with gil:` takes it).
        let saved_nogil = std::mem::replace(&mut self.nogil, info.sig.nogil);
        // Defaults the caller left out first, then the views of buffer parameters.
        let mut stmts = self.own_defaults(info, &params, &all, span);
        let line = body.first().map_or(0, |s| self.line_of(s.span));
        stmts.extend(
            buffer_params
                .into_iter()
                .filter_map(|p| self.buffer_binding(p, line)),
        );
        stmts.extend(self.check_block(body));
        self.nogil = saved_nogil;
        let cx = self.func.take().expect("function context");
        self.func = outer;
        let line = self.line_of(span);
        let npos = params.len();
        self.program.functions[id] = Function {
            name: name.clone(),
            qualname,
            cname: info.cname.clone(),
            kind: FuncKind::Cdef { cpdef: f.is_cpdef },
            inline: f.inline,
            params,
            layout: ParamLayout {
                nposonly: 0,
                npos,
                nkwonly: 0,
                vararg: None,
                kwarg: None,
            },
            ret: info.sig.ret.clone(),
            sig: Some(info.sig.clone()),
            locals: cx.locals,
            body: stmts,
            doc: docstring(body),
            span,
            line,
            lines: self.lines.clone(),
            cdivision: self.directives.cdivision,
            freevars: Vec::new(),
            annotations: Vec::new(),
            generator: false,
            coroutine: false,
            async_generator: false,
            defaults_in_self: false,
            implicit_self: false,
        };
        self.directives = saved_dirs;
        if f.is_cpdef {
            self.cpdef_wrapper(id, info.opt_count);
        }
        id
    }

    /// The Python-callable side of a `cpdef` function: converts the arguments, calls the C
    /// function, converts the result.
    fn cpdef_wrapper(&mut self, cid: FuncId, opt_count: bool) {
        let c = self.program.functions[cid].clone();
        let Some(sig) = c.sig.clone() else { return };
        let wid = self.program.functions.len();
        let (mut params, mut locals) = param_copies(&c);
        if opt_count {
            // Python callers give every argument (the wrapper fills in the defaults).
            params.pop();
            locals.pop();
        }
        let mut args: Vec<Expr> = params
            .iter()
            .map(|p| Expr::new(ExprKind::Local(p.local), p.ty.clone(), c.span))
            .collect();
        if opt_count {
            let all = ExprKind::CConst(params.len().to_string());
            args.push(Expr::new(all, Type::int(IntKind::Int), c.span));
        }
        let callee = Expr::new(
            ExprKind::CName(c.cname.clone()),
            Type::Func(sig.clone()),
            c.span,
        );
        let call = Expr::new(
            ExprKind::CCall(Box::new(callee), args, sig.clone()),
            sig.ret.clone(),
            c.span,
        );
        let body = if sig.ret.is_void() {
            vec![
                Stmt {
                    kind: StmtKind::Expr(call),
                    line: c.line,
                },
                Stmt {
                    kind: StmtKind::Return(None),
                    line: c.line,
                },
            ]
        } else {
            let v = self.coerce(call, &Type::OBJECT);
            vec![Stmt {
                kind: StmtKind::Return(Some(v)),
                line: c.line,
            }]
        };
        let npos = params.len();
        self.program.functions.push(Function {
            cname: format!("pyx_w{wid}_{}", mangle(&c.name)),
            kind: FuncKind::Def,
            params,
            layout: ParamLayout {
                nposonly: 0,
                npos,
                nkwonly: 0,
                vararg: None,
                kwarg: None,
            },
            ret: Type::OBJECT,
            sig: None,
            locals,
            body,
            ..c.clone()
        });
        self.cpdef_wrappers.push((c.name.clone(), wid));
    }

    /// A C method taking the count of arguments given (`CFuncInfo::opt_count`): the statements
    /// giving each optional parameter the caller left out this definition's default (the
    /// caller passed its declaration's, which a base class may have).
    fn own_defaults(
        &mut self,
        info: &CFuncInfo,
        params: &[Param],
        defs: &[&ast::Param],
        span: ast::Span,
    ) -> Vec<Stmt> {
        if !info.opt_count {
            return Vec::new();
        }
        let mut values = Vec::new();
        for (i, (p, d)) in params.iter().zip(defs).enumerate() {
            let Some(ast::DefaultValue::Value(e)) = &d.default else {
                continue;
            };
            let value = match p.default {
                // A cpdef method's default was evaluated once, for its Python wrapper.
                Some(gid) => Expr::new(ExprKind::CGlobal(gid), p.ty.clone(), span),
                None => {
                    let v = self.expr(e);
                    self.coerce(v, &p.ty)
                }
            };
            values.push((i, value));
        }
        let line = self.line_of(span);
        fill_left_out(params, values, line)
    }

    /// Declares a function's locals: `cdef` declarations, then every other assigned name,
    /// whose type is inferred from what is assigned to it.
    fn declare_locals(&mut self, body: &[ast::Stmt]) {
        let mut cdefs = Vec::new();
        collect_cdefs(body, Visibility::Private, &mut cdefs);
        for (v, span, visibility) in cdefs {
            let name = self.text(v.name).to_string();
            let (ty, buffer_view) = match self.buffer_parts(&v.ty) {
                Some(parts) => parts,
                None => (self.resolve_ctype(&v.ty), None),
            };
            self.check_local_decl(&name, &ty, visibility, span);
            self.check_declared_before_use(body, &name, span);
            let cx = self.func.as_mut().expect("function context");
            if cx.scope.contains_key(&name) {
                self.error(codes::REDECLARED, span, format!("'{name}' redeclared"));
                continue;
            }
            let id = cx.add_local(&name, ty);
            if is_const_type(&v.ty) {
                cx.consts.insert(id);
            }
            if points_to_const(&v.ty) {
                cx.const_pointees.insert(id);
            }
            if let Some(view) = buffer_view {
                cx.add_buffer(id, view, span);
            }
        }
        self.declare_annotated_locals(body);
        let (mut globals, mut nonlocals) = (HashSet::new(), HashSet::new());
        collect_declared(body, self.src, Declared::Global, false, &mut globals);
        collect_declared(body, self.src, Declared::Nonlocal, false, &mut nonlocals);
        let mut names = Vec::new();
        for s in body {
            bound_names(s, self.src, &mut names);
        }
        let cx = self.func.as_mut().expect("function context");
        cx.globals = globals;
        cx.nonlocals = nonlocals;
        let mut new = Vec::new();
        for n in names {
            if !cx.scope.contains_key(&n) && !cx.globals.contains(&n) && !cx.nonlocals.contains(&n)
            {
                let id = cx.add_local(&n, Type::Error);
                cx.unresolved.insert(id);
                new.push(id);
            }
        }
        let untyped = new.iter().map(|&id| cx.locals[id].name.clone()).collect();
        self.check_unbound_reads(body, untyped);
        self.infer_locals(body, &new);
    }

    /// What a `cdef` local cannot be: public (only module globals are exported) or `void`.
    fn check_local_decl(&mut self, name: &str, ty: &Type, visibility: Visibility, span: ast::Span) {
        if matches!(
            visibility,
            Visibility::Public | Visibility::Api | Visibility::Readonly
        ) {
            self.error(
                codes::DECLARATION,
                span,
                format!("Local variable '{name}' cannot be declared public, api or readonly"),
            );
        }
        self.check_complete_type(ty, span);
    }

    /// A `const` local gets its value from its declaration only.
    pub(super) fn check_not_const(&mut self, id: LocalId, name: &str, span: ast::Span) {
        if self.func.as_ref().is_some_and(|cx| cx.consts.contains(&id)) {
            self.error(
                codes::DECLARATION,
                span,
                format!("Assignment to const '{name}'"),
            );
        }
    }

    /// Variables need a complete type: `void` has no values.
    pub(super) fn check_complete_type(&mut self, ty: &Type, span: ast::Span) {
        let elem = match ty {
            Type::Array(t, _) => t,
            t => t,
        };
        if elem.is_void() {
            self.error(
                codes::DECLARATION,
                span,
                "Variable type 'void' is incomplete",
            );
        }
    }

    /// A `cdef` declaration gives a name its type for the whole function, so it must come
    /// before any use of the name.
    fn check_declared_before_use(&mut self, body: &[ast::Stmt], name: &str, decl: ast::Span) {
        if let Some(used) = flow::first_use(body, self.src, name) {
            if used.start < decl.start {
                let line = self.line_of(used);
                self.error(
                    codes::REDECLARED,
                    decl,
                    format!("cdef variable '{name}' declared after it is used (line {line})"),
                );
            }
        }
    }

    /// Reports untyped locals read where no path has assigned them yet.
    fn check_unbound_reads(&mut self, body: &[ast::Stmt], mut untyped: HashSet<String>) {
        // Names nested functions declare `nonlocal` may be bound at any call.
        let mut nonlocal = HashSet::new();
        collect_declared(body, self.src, Declared::Nonlocal, true, &mut nonlocal);
        untyped.retain(|n| !nonlocal.contains(n));
        for (name, span) in flow::unbound_reads(body, self.src, untyped) {
            self.error(
                codes::UNBOUND,
                span,
                format!("local variable '{name}' referenced before assignment"),
            );
        }
    }
}

pub enum FnBody<'b> {
    Block(&'b [ast::Stmt]),
    /// An `async def` body.
    AsyncBlock(&'b [ast::Stmt]),
    Lambda(&'b ast::Expr),
}

/// The `cdef` variables of a body, with the visibility written on them or on their block.
fn collect_cdefs<'b>(
    body: &'b [ast::Stmt],
    block: Visibility,
    out: &mut Vec<(&'b ast::CVar, ast::Span, Visibility)>,
) {
    for s in body {
        match &s.kind {
            S::CVarDecl(d) => {
                let visibility = if d.visibility == Visibility::Private {
                    block
                } else {
                    d.visibility
                };
                for v in &d.vars {
                    out.push((v, v.name.span, visibility));
                }
            }
            S::DeclBlock { body, visibility } => collect_cdefs(body, *visibility, out),
            S::If { body, orelse, .. }
            | S::While { body, orelse, .. }
            | S::For { body, orelse, .. } => {
                collect_cdefs(body, block, out);
                collect_cdefs(orelse, block, out);
            }
            _ => {}
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Declared {
    Global,
    Nonlocal,
}

/// The names of `global` (or `nonlocal`) statements in a function body; with `nested`, also
/// those of the functions nested in it.
fn collect_declared(
    body: &[ast::Stmt],
    src: &str,
    kind: Declared,
    nested: bool,
    out: &mut HashSet<String>,
) {
    for s in body {
        match &s.kind {
            S::Global(names) if kind == Declared::Global => {
                out.extend(names.iter().map(|n| src[n.span.range()].to_string()))
            }
            S::Nonlocal(names) if kind == Declared::Nonlocal => {
                out.extend(names.iter().map(|n| src[n.span.range()].to_string()))
            }
            S::FunctionDef(f) if nested => collect_declared(&f.body, src, kind, nested, out),
            S::ClassDef(c) if nested => collect_declared(&c.body, src, kind, nested, out),
            S::CFunction(f) if nested => {
                if let Some(body) = &f.body {
                    collect_declared(body, src, kind, nested, out)
                }
            }
            _ => for_each_child_block(s, |b| collect_declared(b, src, kind, nested, out)),
        }
    }
}

/// The names a module-level statement declares `global` in the functions (and methods) it
/// defines, at any depth: module globals, as Cython declares them in the module scope.
pub(super) fn declared_globals(s: &ast::Stmt, src: &str, out: &mut HashSet<String>) {
    collect_declared(std::slice::from_ref(s), src, Declared::Global, true, out);
}

/// The parameters of a function calling C function `c` with its own arguments (its wrapper
/// or dispatcher), and the locals that hold them: the parameters of `c`, renumbered.
/// `if given <= i: param_i = value` for each (i, value): the optional parameters a caller of a
/// C method left out (the last parameter is the count it gave, `CFuncInfo::opt_count`).
pub(super) fn fill_left_out(params: &[Param], values: Vec<(usize, Expr)>, line: u32) -> Vec<Stmt> {
    let Some(given) = params.last() else {
        return Vec::new();
    };
    let int = Type::int(IntKind::Int);
    values
        .into_iter()
        .map(|(i, value)| {
            let span = value.span;
            let left_out = ExprKind::CCompare(
                ast::CmpOp::LtE,
                Box::new(Expr::new(ExprKind::Local(given.local), int.clone(), span)),
                Box::new(Expr::new(
                    ExprKind::CConst(i.to_string()),
                    int.clone(),
                    span,
                )),
            );
            let assign = StmtKind::Assign(Target::Local(params[i].local), value);
            Stmt {
                kind: StmtKind::If(
                    Expr::new(left_out, Type::Bint, span),
                    vec![Stmt { kind: assign, line }],
                    Vec::new(),
                ),
                line,
            }
        })
        .collect()
}

pub(super) fn param_copies(c: &Function) -> (Vec<Param>, Vec<Local>) {
    let params: Vec<Param> = c
        .params
        .iter()
        .enumerate()
        .map(|(i, p)| Param {
            local: i,
            ..p.clone()
        })
        .collect();
    let locals = params
        .iter()
        .map(|p| Local {
            name: p.name.clone(),
            ty: p.ty.clone(),
            hidden: false,
            cell: false,
        })
        .collect();
    (params, locals)
}

pub(super) fn placeholder_function() -> Function {
    Function {
        name: String::new(),
        qualname: String::new(),
        cname: String::new(),
        kind: FuncKind::Def,
        inline: false,
        params: Vec::new(),
        layout: ParamLayout {
            nposonly: 0,
            npos: 0,
            nkwonly: 0,
            vararg: None,
            kwarg: None,
        },
        ret: Type::OBJECT,
        sig: None,
        locals: Vec::new(),
        body: Vec::new(),
        doc: None,
        span: ast::Span::default(),
        line: 0,
        lines: Default::default(),
        cdivision: false,
        freevars: Vec::new(),
        annotations: Vec::new(),
        generator: false,
        coroutine: false,
        async_generator: false,
        defaults_in_self: false,
        implicit_self: false,
    }
}

#[allow(dead_code)]
fn unused(_: Rc<()>) {}
