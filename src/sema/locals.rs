//! `locals()`, `vars()` and `dir()` without arguments, computed from what the compiler knows
//! of the scope, as Cython does (a compiled function has no frame for the builtins to read):
//! in a function, a dict of its own bound variables sorted by name (C variables converted when
//! they convert to Python, the enclosing functions' variables left out) and `dir()` the sorted
//! names; in a class body, the class namespace; in module code, the module dict.

use super::tree::*;
use super::types::*;
use super::Checker;
use crate::syntax::ast;

impl Checker<'_> {
    /// The value of `locals()`/`vars()` (`names_only`: `dir()`) called with no arguments here.
    pub(super) fn scope_namespace(&mut self, names_only: bool, span: ast::Span) -> Expr {
        let mk = |kind: ExprKind, ty: Type| Expr::new(kind, ty, span);
        let cx = self.func.as_ref().expect("function context");
        let namespace = match &self.class_ns {
            Some((ns, _)) => Some(mk(ExprKind::Local(*ns), Type::OBJECT)),
            None if cx.kind == FuncKind::ModuleInit => {
                Some(mk(ExprKind::CName("pyx_module_dict".into()), Type::OBJECT))
            }
            None => None,
        };
        if let Some(ns) = namespace {
            if !names_only {
                return ns;
            }
            let sorted = mk(ExprKind::Builtin("sorted".into()), Type::OBJECT);
            let call = ExprKind::PyCall(Box::new(sorted), vec![CallArg::Pos(ns)]);
            return mk(call, Type::Object(PyType::List));
        }
        let mut vars: Vec<(String, LocalId)> = cx
            .scope
            .iter()
            // (A comprehension's variables are hidden locals the scope names while it runs.)
            .filter(|(name, _)| !cx.globals.contains(*name) && !cx.nonlocals.contains(*name))
            .map(|(name, &id)| (name.clone(), id))
            .collect();
        vars.sort();
        if names_only {
            let names = vars
                .into_iter()
                .map(|(n, _)| mk(ExprKind::PyStr(n), Type::Object(PyType::Str)));
            return mk(ExprKind::List(names.collect()), Type::Object(PyType::List));
        }
        let mut items = Vec::new();
        for (name, id) in vars {
            let ty = self.func.as_ref().expect("function context").locals[id]
                .ty
                .clone();
            let var = mk(ExprKind::Local(id), ty.clone());
            if ty.is_object() {
                // Read as it is: an unbound variable is left out.
                items.push((name, var));
            } else if ty.converts_to_object() {
                items.push((name, self.convert(var, &Type::OBJECT)));
            }
        }
        mk(ExprKind::LocalsDict(items), Type::Object(PyType::Dict))
    }

    /// `eval(code)`: run with the module's globals and this scope's locals (in module code, the
    /// globals alone); `exec(code)` with the module's globals alone, as in Cython.
    pub(super) fn eval_in_scope(&mut self, name: &str, code: &ast::Expr, span: ast::Span) -> Expr {
        let mk = |kind: ExprKind, ty: Type| Expr::new(kind, ty, span);
        let code = self.object(code);
        let globals = mk(ExprKind::CName("pyx_module_dict".into()), Type::OBJECT);
        let mut args = vec![CallArg::Pos(code), CallArg::Pos(globals)];
        let module_code = self.class_ns.is_none()
            && self
                .func
                .as_ref()
                .is_some_and(|cx| cx.kind == FuncKind::ModuleInit);
        if !module_code && name == "eval" {
            args.push(CallArg::Pos(self.scope_namespace(false, span)));
        }
        let builtin = mk(ExprKind::Builtin(name.into()), Type::OBJECT);
        mk(ExprKind::PyCall(Box::new(builtin), args), Type::OBJECT)
    }
}
