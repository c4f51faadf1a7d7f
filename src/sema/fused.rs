//! Fused types (`ctypedef fused number: int; double`, `cython.floating`, pure mode's
//! `cython.fused_type(...)`). A function whose signature mentions fused types is checked once
//! per combination of their members: the checker resolves each fused type to the member the
//! current *substitution* gives it (`Checker::fused_subst`), so every specialisation is an
//! ordinary typed function with its own C name. This file declares fused types and fused C
//! functions, runs checks under a substitution, picks the specialisation a C call uses, and
//! evaluates `number is int`-style tests at compile time. The Python-side dispatcher of `def`
//! and `cpdef` fused functions is in `fused_dispatch.rs`.

use super::types::*;
use super::{codes, mangle, CFuncInfo, Checker, Sym};
use crate::syntax::ast::{self, CTypeKind, ExprKind as E};
use std::rc::Rc;

/// A call argument: its keyword, expression and type (`None`: not known yet).
type ArgInfo<'e> = (Option<String>, &'e ast::Expr, Option<Type>);

/// The member each fused type (by name) stands for in one specialisation.
pub type Subst = Vec<(String, Type)>;

/// A `cdef`/`cpdef` function whose signature mentions fused types.
#[derive(Debug)]
pub struct FusedFunc {
    pub name: String,
    pub cpdef: bool,
    /// One per combination of members, the first fused type varying slowest (Cython's order).
    pub specs: Vec<FusedSpec>,
}

#[derive(Debug)]
pub struct FusedSpec {
    pub subst: Subst,
    pub info: Rc<CFuncInfo>,
}

/// Cython's name of a specialisation: its members joined by `|` (`int|double`), the key of a
/// fused function's `__signatures__`.
pub fn spec_key(subst: &Subst) -> String {
    let names: Vec<String> = subst.iter().map(|(_, t)| t.to_string()).collect();
    names.join("|")
}

/// The fused types `cimport cython` provides, with Cython's members.
pub fn builtin_fused(name: &str) -> Option<Rc<FusedType>> {
    let ints = [IntKind::Short, IntKind::Int, IntKind::Long].map(Type::int);
    let floats = [Type::Float(FloatKind::Float), Type::DOUBLE];
    let complexes = [FloatKind::Float, FloatKind::Double].map(Type::Complex);
    let members: Vec<Type> = match name {
        "integral" => ints.to_vec(),
        "floating" => floats.to_vec(),
        "numeric" => ints.into_iter().chain(floats).chain(complexes).collect(),
        _ => return None,
    };
    Some(Rc::new(FusedType {
        name: format!("cython.{name}"),
        members,
    }))
}

/// Every combination of members of `fused`, the first varying slowest.
pub fn combinations(fused: &[Rc<FusedType>]) -> Vec<Subst> {
    let mut out: Vec<Subst> = vec![Vec::new()];
    for f in fused {
        out = out
            .into_iter()
            .flat_map(|s| {
                f.members.iter().map(move |m| {
                    let mut s = s.clone();
                    s.push((f.name.clone(), m.clone()));
                    s
                })
            })
            .collect();
    }
    out
}

fn push_unique(out: &mut Vec<Rc<FusedType>>, f: Rc<FusedType>) {
    if !out.iter().any(|g| g.name == f.name) {
        out.push(f);
    }
}

impl Checker<'_> {
    /// Runs `f` with the fused types standing for the members `subst` gives them.
    pub(super) fn with_subst<R>(&mut self, subst: &Subst, f: impl FnOnce(&mut Self) -> R) -> R {
        let saved = std::mem::replace(&mut self.fused_subst, subst.clone());
        let r = f(self);
        self.fused_subst = saved;
        r
    }

    /// The fused type a (dotted) name denotes: `cython.floating`, or a declared one.
    pub(super) fn lookup_fused(&self, name: &str) -> Option<Rc<FusedType>> {
        if let Some(rest) = name.strip_prefix("cython.") {
            return builtin_fused(rest);
        }
        let mut parts = name.split('.');
        let mut sym = self.module.get(parts.next()?)?.clone();
        for p in parts {
            match sym {
                Sym::CModule(m) => sym = m.get(p)?.clone(),
                _ => return None,
            }
        }
        match sym {
            Sym::Fused(f) => Some(f),
            _ => None,
        }
    }

    /// The member a fused type stands for here; outside a specialisation, an error.
    pub(super) fn specialise(&mut self, f: &FusedType, span: ast::Span) -> Type {
        if let Some((_, t)) = self.fused_subst.iter().find(|(n, _)| *n == f.name) {
            return t.clone();
        }
        let in_function = self
            .func
            .as_ref()
            .is_some_and(|cx| cx.kind != super::tree::FuncKind::ModuleInit);
        let msg = if in_function {
            "Invalid use of fused types, type cannot be specialized"
        } else {
            "Fused types not allowed here"
        };
        self.error(codes::DECLARATION, span, msg);
        Type::Error
    }

    /// `ctypedef fused name: members` (also pure mode's `name = cython.fused_type(...)`).
    pub(super) fn declare_fused(&mut self, name: ast::Ident, types: &[ast::CType]) {
        let mut members: Vec<Type> = Vec::new();
        for t in types {
            let mut nested = Vec::new();
            self.fused_in_ctype(t, &mut nested);
            let tys = match nested.as_slice() {
                // A fused member contributes its own members.
                [f] if matches!(t.kind, CTypeKind::Base { .. } | CTypeKind::Annotation(_)) => {
                    f.members.clone()
                }
                [] => vec![self.resolve_ctype(t)],
                _ => {
                    self.error(codes::DECLARATION, t.span, "Fused types not allowed here");
                    continue;
                }
            };
            for ty in tys {
                if matches!(ty, Type::MemView(_) | Type::Void) {
                    self.error(
                        codes::UNSUPPORTED,
                        t.span,
                        format!("fused types with '{ty}' members are not supported by pyxc"),
                    );
                } else if members.contains(&ty) {
                    self.error(codes::DECLARATION, t.span, "Type specified multiple times");
                } else if !ty.is_error() {
                    members.push(ty);
                }
            }
        }
        let text = self.text(name).to_string();
        if self.module.contains_key(&text) {
            self.error(codes::REDECLARED, name.span, format!("'{text}' redeclared"));
            return;
        }
        let f = FusedType {
            name: text.clone(),
            members,
        };
        self.module.insert(text, Sym::Fused(Rc::new(f)));
    }

    /// The fused types a written C type mentions, in order.
    pub(super) fn fused_in_ctype(&self, t: &ast::CType, out: &mut Vec<Rc<FusedType>>) {
        match &t.kind {
            CTypeKind::Base {
                name: Some(name), ..
            } => {
                if let Some(f) = self.lookup_fused(&self.dotted(name)) {
                    push_unique(out, f);
                }
            }
            CTypeKind::Base { name: None, .. } | CTypeKind::Function(_) => {}
            CTypeKind::Pointer(i) | CTypeKind::Const(i) | CTypeKind::Array(i, _) => {
                self.fused_in_ctype(i, out)
            }
            CTypeKind::MemoryView { base, axes } => {
                self.fused_in_ctype(base, out);
                // The buffer syntax's item type: `ndarray[floating, ndim=2]`.
                if let Some(item) = axes
                    .first()
                    .filter(|a| matches!(a.kind, E::Name(_) | E::Attribute(..)))
                {
                    self.fused_in_annotation(item, out);
                }
            }
            CTypeKind::CTuple(ts) => ts.iter().for_each(|t| self.fused_in_ctype(t, out)),
            CTypeKind::Annotation(e) => self.fused_in_annotation(e, out),
        }
    }

    /// The fused types a pure-mode annotation mentions (`number`, `cython.floating[:]`).
    pub(super) fn fused_in_annotation(&self, e: &ast::Expr, out: &mut Vec<Rc<FusedType>>) {
        match &e.kind {
            E::Name(_) | E::Attribute(..) => {
                if let Some(f) =
                    super::ctype::dotted_expr(e, self.src).and_then(|n| self.lookup_fused(&n))
                {
                    push_unique(out, f);
                }
            }
            E::Subscript(base, _) => self.fused_in_annotation(base, out),
            E::Call(_, args) => {
                for a in args {
                    if let ast::Arg::Positional(x) = a {
                        self.fused_in_annotation(x, out);
                    }
                }
            }
            _ => {}
        }
    }

    /// The fused types a parameter list mentions, in order of first appearance.
    pub(super) fn fused_in_params(&self, ps: &ast::Params) -> Vec<Rc<FusedType>> {
        let mut out = Vec::new();
        for p in ps.posonly.iter().chain(&ps.args).chain(&ps.kwonly) {
            for f in self.fused_in_param(p) {
                push_unique(&mut out, f);
            }
        }
        out
    }

    /// The fused types one parameter's type (written or annotated) mentions.
    pub(super) fn fused_in_param(&self, p: &ast::Param) -> Vec<Rc<FusedType>> {
        let mut out = Vec::new();
        match (&p.ctype, &p.annotation) {
            (Some(t), _) => self.fused_in_ctype(t, &mut out),
            (None, Some(a)) => self.fused_in_annotation(a, &mut out),
            _ => {}
        }
        out
    }

    /// A `cdef`/`cpdef` function over fused types: one C function per combination of members,
    /// each named `<cname>__fuse_<i>`.
    pub(super) fn declare_fused_cfunction(
        &mut self,
        f: &ast::CFunctionDef,
        fused: Vec<Rc<FusedType>>,
        is_extern: bool,
    ) {
        let name = self.text(f.name).to_string();
        if is_extern {
            self.error(
                codes::UNSUPPORTED,
                f.name.span,
                "extern functions over fused types are not supported by pyxc",
            );
            return;
        }
        let mut in_ret = Vec::new();
        self.fused_in_ctype(&f.ty.ret, &mut in_ret);
        if in_ret
            .iter()
            .any(|r| !fused.iter().any(|p| p.name == r.name))
        {
            self.error(
                codes::DECLARATION,
                f.ty.ret.span,
                "Return type is not specified as argument type",
            );
            return;
        }
        let mut specs = Vec::new();
        for (i, subst) in combinations(&fused).into_iter().enumerate() {
            let (sig, params) = self.with_subst(&subst, |ck| {
                (ck.resolve_functype(&f.ty, false), ck.c_params(&f.ty.params))
            });
            let cname = format!("pyx_c_{}{}__fuse_{i}", self.pxd_prefix, mangle(&name));
            let info = self.func_info(name.clone(), cname, sig, params, f.is_cpdef);
            specs.push(FusedSpec {
                subst,
                info: Rc::new(info),
            });
        }
        if !matches!(self.module.get(&name), Some(Sym::FusedCFunc(_)))
            && self.check_redeclared(&name, f.name.span)
        {
            return;
        }
        let ff = FusedFunc {
            name: name.clone(),
            cpdef: f.is_cpdef,
            specs,
        };
        self.module
            .insert(name.clone(), Sym::FusedCFunc(Rc::new(ff)));
        if f.is_cpdef {
            self.py_globals.insert(name);
        }
    }

    /// The specialisation a C call of `ff` with these arguments uses: the caller's own
    /// specialisation when it fits, else the closest match of the argument types (an exact
    /// type first, then a wider one of the same kind, then int to float, then a narrower one).
    /// `None` (and an error) when no specialisation takes the arguments.
    pub(super) fn choose_spec(
        &mut self,
        ff: &FusedFunc,
        args: &[ast::Arg],
        span: ast::Span,
    ) -> Option<Rc<CFuncInfo>> {
        let specs: Vec<(&Subst, &CFuncInfo)> =
            ff.specs.iter().map(|s| (&s.subst, &*s.info)).collect();
        let i = self.choose_among(&ff.name, &specs, 0, args, span)?;
        Some(ff.specs[i].info.clone())
    }

    /// The index of the specialisation (of `specs`, named `name`) a call with these arguments
    /// uses; the first `offset` parameters are not among the arguments (a method's `self`).
    pub(super) fn choose_among(
        &mut self,
        name: &str,
        specs: &[(&Subst, &CFuncInfo)],
        offset: usize,
        args: &[ast::Arg],
        span: ast::Span,
    ) -> Option<usize> {
        let types: Vec<ArgInfo> = args
            .iter()
            .filter_map(|a| match a {
                ast::Arg::Positional(x) => Some((None, x, self.arg_type(x))),
                ast::Arg::Keyword(k, x) => {
                    Some((Some(self.text(*k).to_string()), x, self.arg_type(x)))
                }
                _ => None,
            })
            .collect();
        if let Some(i) = self.best_spec(specs, &types, offset) {
            return Some(i);
        }
        self.error(
            codes::CALL,
            span,
            format!(
                "no suitable method found for fused function '{name}' (candidates: {})",
                specs.len()
            ),
        );
        None
    }

    /// The result type of a call of `ff`, estimated for type inference.
    pub(super) fn fused_call_type(&self, ff: &FusedFunc, args: &[ast::Arg]) -> Type {
        let types: Vec<ArgInfo> = args
            .iter()
            .filter_map(|a| match a {
                ast::Arg::Positional(x) => Some((None, x, self.shallow_type(x))),
                ast::Arg::Keyword(k, x) => {
                    Some((Some(self.text(*k).to_string()), x, self.shallow_type(x)))
                }
                _ => None,
            })
            .collect();
        let specs: Vec<(&Subst, &CFuncInfo)> =
            ff.specs.iter().map(|s| (&s.subst, &*s.info)).collect();
        self.best_spec(&specs, &types, 0)
            .map_or(Type::OBJECT, |i| ff.specs[i].info.sig.ret.clone())
    }

    fn best_spec(
        &self,
        specs: &[(&Subst, &CFuncInfo)],
        types: &[ArgInfo],
        offset: usize,
    ) -> Option<usize> {
        let first = specs.first()?.1;
        let n = first.sig.params.len();
        let varying: Vec<bool> = (0..n)
            .map(|i| {
                specs
                    .iter()
                    .any(|s| s.1.sig.params.get(i) != first.sig.params.get(i))
            })
            .collect();
        let score = |info: &CFuncInfo| -> Option<u32> {
            let mut total = 0;
            for (pos, (kw, x, t)) in types.iter().enumerate() {
                let i = match kw {
                    None => pos + offset,
                    Some(k) => info
                        .param_names
                        .iter()
                        .position(|p| p.as_deref() == Some(k))?,
                };
                if !varying.get(i).copied().unwrap_or(false) {
                    continue;
                }
                total += arg_score(x, t.as_ref(), &info.sig.params[i])?;
            }
            Some(total)
        };
        // The caller's specialisation, when it gives the same members and takes the arguments.
        let own = specs.iter().position(|(subst, info)| {
            subst
                .iter()
                .all(|(n, t)| self.fused_subst.iter().any(|(m, u)| m == n && u == t))
                && score(info).is_some()
        });
        if own.is_some() {
            return own;
        }
        specs
            .iter()
            .enumerate()
            .filter_map(|(i, s)| score(s.1).map(|v| (v, i)))
            .min_by_key(|(v, _)| *v)
            .map(|(_, i)| i)
    }

    /// An argument's type for choosing a specialisation, checked quietly (the call checks it
    /// again).
    fn arg_type(&mut self, x: &ast::Expr) -> Option<Type> {
        self.quiet += 1;
        let t = self.expr(x).ty;
        self.quiet -= 1;
        (!t.is_error()).then_some(t)
    }

    /// The bodies of a fused C function's specialisations (and for `cpdef`, the dispatcher
    /// Python calls).
    pub(super) fn check_fused_cfunction(
        &mut self,
        ff: &FusedFunc,
        f: &ast::CFunctionDef,
        span: ast::Span,
    ) {
        let before = self.cpdef_wrappers.len();
        for spec in &ff.specs {
            self.with_subst(&spec.subst, |ck| {
                ck.check_cfunction_with(&spec.info, f, span)
            });
        }
        let wrappers: Vec<_> = self.cpdef_wrappers.drain(before..).collect();
        if ff.cpdef && wrappers.len() == ff.specs.len() {
            let specs = ff
                .specs
                .iter()
                .zip(wrappers)
                .map(|(s, (_, wid))| (s.subst.clone(), wid))
                .collect();
            self.cpdef_fused_dispatcher(&ff.name, &f.ty.params, specs, span);
        }
    }

    /// `number is int`, `number is not double`, `number in floating` inside a specialisation:
    /// known at compile time (so that `if` keeps only the branch taken).
    pub(super) fn fused_test(&self, e: &ast::Expr) -> Option<bool> {
        let E::Compare(a, rest) = &e.kind else {
            return None;
        };
        let [(op, b)] = rest.as_slice() else {
            return None;
        };
        let fused = self.fused_operand(a)?;
        let member = &self.fused_subst.iter().find(|(n, _)| *n == fused.name)?.1;
        let eq = match op {
            ast::CmpOp::Is | ast::CmpOp::IsNot => {
                let other = match self.expr_as_ctype(b) {
                    Some(t) => t,
                    None => match &b.kind {
                        E::Name(n) if !self.func_scope_has(self.text(*n)) => {
                            Type::Object(PyType::from_name(self.text(*n))?)
                        }
                        _ => super::pure::pure_type_name(&self.cython_attr(b)?)?,
                    },
                };
                *member == other
            }
            ast::CmpOp::In | ast::CmpOp::NotIn => self.fused_operand(b)?.members.contains(member),
            _ => return None,
        };
        Some(eq == matches!(op, ast::CmpOp::Is | ast::CmpOp::In))
    }

    /// A fused type named in an expression (not shadowed by a local).
    fn fused_operand(&self, e: &ast::Expr) -> Option<Rc<FusedType>> {
        if let E::Name(n) = &e.kind {
            if self.func_scope_has(self.text(*n)) {
                return None;
            }
        }
        self.lookup_fused(&super::ctype::dotted_expr(e, self.src)?)
    }
}

/// How well an argument fits a parameter type (lower is better); `None` when it does not.
fn arg_score(x: &ast::Expr, t: Option<&Type>, param: &Type) -> Option<u32> {
    let Some(t) = t else { return Some(0) };
    match (&x.kind, param) {
        (E::Int(_), Type::Int(_)) => return Some(0),
        (E::Int(_), Type::Float(_)) => return Some(1),
        (E::Float(_), Type::Float(_)) => return Some(0),
        _ => {}
    }
    if t == param {
        return Some(0);
    }
    match (t, param) {
        (Type::Int(a), Type::Int(b)) if a.kind == b.kind => Some(0),
        (Type::Int(a), Type::Int(b)) if b.kind.rank() >= a.kind.rank() => Some(1),
        (Type::Int(_), Type::Int(_)) => Some(3),
        (Type::Bint, Type::Int(_)) => Some(1),
        (Type::Int(_) | Type::Bint, Type::Float(_)) => Some(2),
        (Type::Float(a), Type::Float(b)) if b >= a => Some(1),
        (Type::Float(_), Type::Float(_)) => Some(3),
        (Type::MemView(a), Type::MemView(b)) => {
            (a.base == b.base && a.ndim() == b.ndim() && (b.is_const || !a.is_const)).then_some(0)
        }
        (Type::Array(a, _), Type::Ptr(b)) if a == b => Some(0),
        (Type::NullPtr, Type::Ptr(_)) => Some(0),
        (Type::Object(_), Type::Object(PyType::Any)) => Some(1),
        (Type::Object(PyType::Any), Type::Object(_)) => Some(2),
        _ => None,
    }
}
