//! The Python side of fused functions. A `def` (or `cpdef`) function over fused types is one
//! function per specialisation plus a *dispatcher*: the function object Python sees, which
//! looks at the arguments that decide each fused type, picks the specialisation and calls it
//! with the same arguments. As in Cython, the dispatcher is generated as Cython source (and
//! checked like user code), and the specialisations are kept in a dict that is also the
//! dispatcher's `__signatures__`, which `f['double']` indexes (`function.h`).
//!
//! How an argument decides its fused type (Cython 3's rules): a typed memoryview argument by
//! binding the object to a view of each member's items in turn (the first that binds wins, so
//! numpy's `intc` gives `int`, `float32` gives `float`); a scalar by its Python type, the
//! members tried widest first (a Python int takes the widest C integer member, a float the
//! widest floating one; Python object types by `isinstance`, `object` last).

use super::fused::{combinations, spec_key, Subst};
use super::tree::*;
use super::types::*;
use super::{codes, docstring, Checker, Sym};
use crate::syntax::ast::{self, StmtKind as S};
use crate::syntax::{parse_text, Dialect};
use std::fmt::Write;
use std::rc::Rc;

/// How the dispatcher tells which member an argument stands for.
enum Probe {
    /// Bind a view of each member's items (`ndim` axes), in member order.
    Buffer(usize),
    /// `isinstance` checks, in this order (`None`: the `object` fallback).
    Scalar(Vec<(Option<String>, String)>),
    /// Nothing to test (a pointer or struct member): never matches.
    Unknown,
}

impl Checker<'_> {
    /// A `def` over fused types (at module level or in a class body): its specialisations,
    /// their dict, and the dispatcher bound to the name.
    pub(super) fn fused_def(&mut self, f: &ast::FunctionDef, span: ast::Span, out: &mut Vec<Stmt>) {
        let name = self.text(f.name).to_string();
        if !self.in_module() || f.is_async {
            self.error(
                codes::UNSUPPORTED,
                f.name.span,
                "fused def functions are only supported at module and class level by pyxc",
            );
            return;
        }
        let line = self.line_of(span);
        let fused = self.fused_in_params(&f.params);
        // Directives apply to every specialisation (and `staticmethod`/`classmethod` tell a
        // method's specialisations what their first parameter is); other decorators wrap the
        // dispatcher once.
        let is_directive = |ck: &Self, d: &ast::Expr| {
            let callee: &ast::Expr = match &d.kind {
                ast::ExprKind::Call(c, _) => c,
                _ => d,
            };
            ck.cython_attr(callee).is_some()
        };
        let directives: Vec<ast::Expr> = f
            .decorators
            .iter()
            .filter(|d| {
                is_directive(self, d)
                    || matches!(
                        self.src[d.span.range()].trim(),
                        "staticmethod" | "classmethod"
                    )
            })
            .cloned()
            .collect();
        let wrapping: Vec<&ast::Expr> = f
            .decorators
            .iter()
            .filter(|d| !is_directive(self, d))
            .collect();
        let decorators: Vec<Expr> = wrapping.into_iter().map(|d| self.object(d)).collect();
        let mut specs = Vec::new();
        for subst in combinations(&fused) {
            let (id, defaults, _) = self.with_subst(&subst, |ck| {
                ck.check_def(
                    &name,
                    &f.params,
                    f.returns.as_ref(),
                    super::func::FnBody::Block(&f.body),
                    &directives,
                    span,
                )
            });
            let members = self.param_members(&f.params, &subst);
            let qualname = &self.program.functions[id].qualname;
            self.program.functions[id].qualname = format!("{qualname}[{members}]");
            let made = Expr::new(ExprKind::MakeFunction(id, defaults), Type::OBJECT, span);
            specs.push((subst, made));
        }
        let (mut stmts, id) = self.fused_dispatcher(&name, &f.params, &fused, specs, span, line);
        if let Some(id) = id {
            self.program.functions[id].doc = docstring(&f.body);
        }
        if !decorators.is_empty() {
            let current = self.name(&name, span);
            let v = decorate(decorators, current);
            let target = self.name_target(&name, f.name.span);
            stmts.push(Stmt {
                kind: StmtKind::Assign(target, v),
                line,
            });
        }
        out.extend(stmts);
    }

    /// The dispatcher of a `cpdef` fused function over its specialisations' Python wrappers,
    /// bound at import with the other `cpdef` functions.
    pub(super) fn cpdef_fused_dispatcher(
        &mut self,
        name: &str,
        params: &ast::Params,
        wrappers: Vec<(Subst, FuncId)>,
        span: ast::Span,
    ) {
        let fused = self.fused_in_params(params);
        let line = self.line_of(span);
        let doc = wrappers
            .first()
            .and_then(|(_, w)| self.program.functions[*w].doc.clone());
        let specs = wrappers
            .into_iter()
            .map(|(subst, wid)| {
                let members = self.param_members(params, &subst);
                self.program.functions[wid].qualname = format!("{name}[{members}]");
                let made = Expr::new(ExprKind::MakeFunction(wid, Vec::new()), Type::OBJECT, span);
                (subst, made)
            })
            .collect();
        let (stmts, id) = self.fused_dispatcher(name, params, &fused, specs, span, line);
        if let Some(id) = id {
            self.program.functions[id].doc = doc;
        }
        self.fused_prologue.extend(stmts);
    }

    /// The members the fused parameters take in a specialisation (`int,long,int`), as
    /// Cython names specialisations.
    fn param_members(&self, params: &ast::Params, subst: &Subst) -> String {
        let mut names = Vec::new();
        for p in params.named() {
            if let Some(f) = self.fused_in_param(p).first() {
                if let Some((_, t)) = subst.iter().find(|(n, _)| *n == f.name) {
                    names.push(t.to_string());
                }
            }
        }
        names.join(",")
    }

    /// Statements binding `name` to a dispatcher over `specs` (each a specialisation's
    /// function object), with the dict of specialisations as its `__signatures__`; and the
    /// dispatcher.
    fn fused_dispatcher(
        &mut self,
        name: &str,
        params: &ast::Params,
        fused: &[Rc<FusedType>],
        specs: Vec<(Subst, Expr)>,
        span: ast::Span,
        line: u32,
    ) -> (Vec<Stmt>, Option<FuncId>) {
        let tag = self.program.functions.len();
        let sigs_name = format!("__pyx_fsigs{tag}");
        let gid = self.program.globals.len();
        self.program.globals.push(CGlobal {
            name: format!("signatures of {name}"),
            cname: format!("pyx_fsigs{gid}"),
            ty: Type::OBJECT,
        });
        self.module.insert(sigs_name.clone(), Sym::CGlobal(gid));
        let src = self.dispatcher_source(name, params, fused, &sigs_name, tag);
        let parsed = parse_text(&src, Dialect::Cython);
        let fixed = Rc::new(self.lines.fixed_at(line));
        let saved_lines = std::mem::replace(&mut self.lines, fixed);
        let made = self.in_source(&src, |ck| {
            let s = parsed.module.body.first()?;
            let S::FunctionDef(f) = &s.kind else {
                return None;
            };
            let (id, defaults, _) = ck.check_def(
                name,
                &f.params,
                None,
                super::func::FnBody::Block(&f.body),
                &[],
                span,
            );
            ck.program.functions[id].line = line;
            Some((
                id,
                Expr::new(ExprKind::MakeFunction(id, defaults), Type::OBJECT, span),
            ))
        });
        self.lines = saved_lines;
        let Some((id, made)) = made else {
            return (Vec::new(), None);
        };
        let items = specs
            .into_iter()
            .map(|(subst, f)| {
                let key = Expr::new(ExprKind::PyStr(spec_key(&subst)), Type::OBJECT, span);
                (key, f)
            })
            .collect();
        let dict = Expr::new(ExprKind::Dict(items), Type::Object(PyType::Dict), span);
        let sigs = Expr::new(ExprKind::CGlobal(gid), Type::OBJECT, span);
        let target = self.name_target(name, span);
        let bound = self.name(name, span);
        let stmt = |kind| Stmt { kind, line };
        let stmts = vec![
            stmt(StmtKind::Assign(Target::CGlobal(gid), dict)),
            stmt(StmtKind::Assign(target, made)),
            stmt(StmtKind::Assign(
                Target::Attr(bound, "__signatures__".into()),
                sigs,
            )),
        ];
        (stmts, Some(id))
    }

    /// The Cython source of a dispatcher: for each fused type, the argument that first
    /// mentions it decides its member; then the specialisation with those members is called.
    fn dispatcher_source(
        &mut self,
        name: &str,
        params: &ast::Params,
        fused: &[Rc<FusedType>],
        sigs: &str,
        tag: usize,
    ) -> String {
        let all: Vec<&ast::Param> = params.named().collect();
        let npos = params.posonly.len() + params.args.len();
        let required = all
            .iter()
            .take(npos)
            .filter(|p| p.default.is_none())
            .count();
        let mut decls = String::new();
        let mut body = String::new();
        for (k, f) in fused.iter().enumerate() {
            let _ = writeln!(decls, "    __pyx_s{k} = None");
            let Some(i) = all
                .iter()
                .position(|p| self.fused_in_param(p).iter().any(|g| g.name == f.name))
            else {
                continue;
            };
            let p = all[i];
            let pname = p.name.map(|n| self.text(n).to_string()).unwrap_or_default();
            // The argument, by position or keyword, else the default.
            let mut branch = "if";
            if i < npos {
                let _ = writeln!(body, "    if __pyx_n > {i}:\n        __pyx_arg = args[{i}]");
                branch = "elif";
            }
            if i >= params.posonly.len() {
                let _ = writeln!(
                    body,
                    "    {branch} '{pname}' in kwargs:\n        __pyx_arg = kwargs['{pname}']"
                );
                branch = "elif";
            }
            let missing = match &p.default {
                Some(ast::DefaultValue::Value(e)) => {
                    format!("__pyx_arg = ({})", &self.src[e.span.range()])
                }
                _ => format!(
                    "raise TypeError(f\"Expected at least {required} argument{}, got {{__pyx_n}}\")",
                    if required == 1 { "" } else { "s" }
                ),
            };
            if branch == "if" {
                let _ = writeln!(body, "    {missing}");
            } else {
                let _ = writeln!(body, "    else:\n        {missing}");
            }
            match self.probe(p, f) {
                Probe::Buffer(ndim) => {
                    let axes = vec![":"; ndim].join(", ");
                    for (j, m) in f.members.iter().enumerate() {
                        // The member as a type name the generated source can spell.
                        let alias = format!("__pyx_fi{tag}_{k}_{j}");
                        self.module.insert(alias.clone(), Sym::Type(m.clone()));
                        let konst = if m.is_object() { "" } else { "const " };
                        let _ = writeln!(decls, "    cdef {konst}{alias}[{axes}] __pyx_p{k}_{j}");
                        let _ = writeln!(
                            body,
                            "    if __pyx_s{k} is None:\n        try:\n            \
                             __pyx_p{k}_{j} = __pyx_arg\n            __pyx_s{k} = '{m}'\n        \
                             except Exception:\n            pass"
                        );
                    }
                }
                Probe::Scalar(checks) => {
                    let mut branch = "if";
                    for (ty, key) in checks {
                        match ty {
                            Some(t) => {
                                let _ = writeln!(
                                    body,
                                    "    {branch} isinstance(__pyx_arg, {t}):\n        __pyx_s{k} = '{key}'"
                                );
                                branch = "elif";
                            }
                            None if branch == "if" => {
                                let _ = writeln!(body, "    __pyx_s{k} = '{key}'");
                            }
                            None => {
                                let _ = writeln!(body, "    else:\n        __pyx_s{k} = '{key}'");
                            }
                        }
                    }
                }
                Probe::Unknown => {}
            }
        }
        let call = if fused.len() == 1 {
            format!(
                "    __pyx_f = {sigs}.get(__pyx_s0)\n    if __pyx_f is None:\n        \
                 raise TypeError('No matching signature found')\n"
            )
        } else {
            let conds: Vec<String> = (0..fused.len())
                .map(|k| format!("(__pyx_s{k} is None or __pyx_parts[{k}] == __pyx_s{k})"))
                .collect();
            format!(
                "    __pyx_f = None\n    for __pyx_key, __pyx_g in {sigs}.items():\n        \
                 __pyx_parts = __pyx_key.split('|')\n        if {}:\n            \
                 if __pyx_f is not None:\n                \
                 raise TypeError('Function call with ambiguous argument types')\n            \
                 __pyx_f = __pyx_g\n    if __pyx_f is None:\n        \
                 raise TypeError('No matching signature found')\n",
                conds.join(" and ")
            )
        };
        format!(
            "def {name}(*args, **kwargs):\n    cdef Py_ssize_t __pyx_n = len(args)\n    \
             __pyx_arg = None\n{decls}{body}{call}    return __pyx_f(*args, **kwargs)\n"
        )
    }

    /// The key `f[...]` names when `f` is a module-level fused function and the index is
    /// written with C types (`cython.double`, `double`, a tuple of them): Cython's
    /// specialisation name (`double`, `int|double`). Other indices are left to run time.
    pub(super) fn fused_index_key(&self, base: &ast::Expr, idx: &ast::Expr) -> Option<String> {
        let ast::ExprKind::Name(n) = &base.kind else {
            return None;
        };
        let name = self.text(*n);
        let fused = self.fused_defs.contains(name)
            || matches!(self.module.get(name), Some(Sym::FusedCFunc(ff)) if ff.cpdef);
        if !fused || self.func_scope_has(name) {
            return None;
        }
        let one = |e: &ast::Expr| -> Option<String> {
            if let Some(attr) = self.cython_attr(e) {
                return super::pure::pure_type_name(&attr).map(|t| t.to_string());
            }
            match &e.kind {
                // Python's own type names (`f[int]`) work at run time through `__name__`.
                ast::ExprKind::Name(n)
                    if PyType::from_name(self.text(*n)).is_some() && self.text(*n) != "long" =>
                {
                    None
                }
                _ => self.expr_as_ctype(e).map(|t| t.to_string()),
            }
        };
        match &idx.kind {
            ast::ExprKind::Tuple(items) => {
                let keys: Option<Vec<String>> = items.iter().map(one).collect();
                keys.map(|k| k.join("|"))
            }
            _ => one(idx),
        }
    }

    /// How the dispatcher decides fused type `f` from parameter `p`: the parameter's type in
    /// each specialisation tells.
    fn probe(&mut self, p: &ast::Param, f: &FusedType) -> Probe {
        let tys: Vec<Type> = f
            .members
            .iter()
            .map(|m| {
                let subst = vec![(f.name.clone(), m.clone())];
                self.quiet += 1;
                let t = self.with_subst(&subst, |ck| match (&p.ctype, &p.annotation) {
                    // A buffer parameter is told apart by its view, as a memoryview is.
                    (Some(t), _) => match ck.buffer_parts(t) {
                        Some((_, Some(view))) => Type::MemView(view),
                        Some((object, None)) => object,
                        None => ck.resolve_ctype(t),
                    },
                    (None, Some(a)) => ck.annotation_to_type(a),
                    _ => Type::Error,
                });
                self.quiet -= 1;
                t
            })
            .collect();
        if let Some(Type::MemView(v)) = tys.first() {
            if tys.iter().all(|t| matches!(t, Type::MemView(_))) {
                return Probe::Buffer(v.ndim());
            }
        }
        if tys.iter().zip(&f.members).all(|(t, m)| t == m) {
            return Probe::Scalar(scalar_checks(&f.members));
        }
        Probe::Unknown
    }
}

/// Cython's `isinstance` checks for scalar members: sorted so that wider numbers come first,
/// one check per Python type (a Python int matches the first C integer member left), the
/// `object` member last.
fn scalar_checks(members: &[Type]) -> Vec<(Option<String>, String)> {
    let mut sorted: Vec<&Type> = Vec::new();
    // A stable insertion sort with Cython's (partial) order.
    for m in members {
        let at = sorted
            .iter()
            .position(|s| cython_lt(m, s))
            .unwrap_or(sorted.len());
        sorted.insert(at, m);
    }
    let mut seen = Vec::new();
    let mut out = Vec::new();
    let mut fallback = None;
    for m in sorted {
        let py = match m {
            // Every C integer (bint included) takes Python ints.
            Type::Int(_) | Type::Bint => "int".to_string(),
            Type::Float(_) => "float".to_string(),
            Type::Complex(_) => "complex".to_string(),
            Type::Object(PyType::Any) => {
                fallback.get_or_insert(m.to_string());
                continue;
            }
            Type::Object(p) => p.name().to_string(),
            _ => continue,
        };
        if !seen.contains(&py) {
            seen.push(py.clone());
            out.push((Some(py), m.to_string()));
        }
    }
    if let Some(key) = fallback {
        out.push((None, key));
    }
    out
}

/// Cython's rank of a C number (`char` 0 ... `long long` 4, `float` 5, `double` 6, complex
/// numbers above the reals).
fn cython_rank(t: &Type) -> Option<u8> {
    Some(match t {
        Type::Int(k) => match k.kind {
            IntKind::Char | IntKind::SChar | IntKind::UChar => 0,
            IntKind::Short | IntKind::UShort => 1,
            IntKind::Int | IntKind::UInt | IntKind::UCS4 => 2,
            IntKind::Long | IntKind::ULong => 3,
            IntKind::SSize | IntKind::Size | IntKind::LongLong | IntKind::ULongLong => 4,
        },
        Type::Bint => 2,
        Type::Float(FloatKind::Float) => 5,
        Type::Float(FloatKind::Double) => 6,
        Type::Float(FloatKind::LongDouble) => 7,
        Type::Complex(k) => 8 + *k as u8,
        _ => return None,
    })
}

/// Cython's sort order of specialised types: a wider number first (signed before unsigned),
/// numbers before other types; a typedef (`int64_t`) never sorts before anything, so typedef
/// members keep their order.
fn cython_lt(a: &Type, b: &Type) -> bool {
    if matches!(a, Type::Int(t) if t.typedef.is_some()) {
        return false;
    }
    let signed = |t: &Type| match t {
        Type::Int(k) => k.kind.signed(),
        _ => true,
    };
    match (cython_rank(a), cython_rank(b)) {
        (Some(x), Some(y)) => x > y && signed(a) >= signed(b),
        (Some(_), None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(members: &[Type]) -> Vec<(Option<String>, String)> {
        scalar_checks(members)
    }

    #[test]
    fn python_numbers_take_the_widest_member() {
        let ms = [
            Type::int(IntKind::Int),
            Type::int(IntKind::Long),
            Type::Float(FloatKind::Float),
            Type::DOUBLE,
        ];
        let s = |a: &str, b: &str| (Some(a.to_string()), b.to_string());
        assert_eq!(keys(&ms), vec![s("float", "double"), s("int", "long")]);
    }

    #[test]
    fn typedefs_keep_their_order_and_object_comes_last() {
        let td = |k, n: &str| {
            Type::Int(IntType {
                kind: k,
                typedef: Some(n.into()),
                enum_tag: None,
            })
        };
        let ms = [
            Type::OBJECT,
            td(IntKind::Int, "int32_t"),
            td(IntKind::Long, "int64_t"),
            Type::Object(PyType::List),
        ];
        let got = keys(&ms);
        assert_eq!(got[0], (Some("int".into()), "int32_t".into()));
        assert_eq!(got[1], (Some("list".into()), "list".into()));
        assert_eq!(got[2], (None, "object".into()));
    }
}
