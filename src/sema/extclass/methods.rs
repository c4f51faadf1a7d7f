//! C methods: their bodies, the dispatcher a `cpdef` method's vtable entry points to, and calls
//! through a typed reference (the vtable) or the class (direct).

use super::super::tree::*;
use super::super::types::*;
use super::super::{Checker, Sym};
use crate::syntax::ast;
use std::rc::Rc;

impl<'a> Checker<'a> {
    /// A C method's body. A `cpdef` one is compiled as `<cname>_impl`, called by its Python
    /// wrapper (which goes in the type's dict); the vtable points to a dispatcher that first
    /// looks for an override in a Python subclass.
    pub(in crate::sema) fn cmethod(
        &mut self,
        cls: ExtRef,
        m: &ExtMethod,
        f: &ast::CFunctionDef,
        span: ast::Span,
        out: &mut Vec<Stmt>,
    ) {
        if !m.info.cpdef {
            self.check_cfunction_with(&m.info, f, span);
            return;
        }
        let info = &m.info;
        let dispatch = info.dispatches();
        let impl_info = super::super::CFuncInfo {
            name: info.name.clone(),
            cname: info.impl_cname(),
            sig: info.sig.clone(),
            param_names: info.param_names.clone(),
            defaults: info.defaults.clone(),
            cpdef: true,
            opt_count: info.opt_count,
        };
        let id = self.check_cfunction_with(&impl_info, f, span);
        let Some((_, wid)) = self.cpdef_wrappers.pop() else {
            return;
        };
        // Its argument-count messages leave `self` out, as Cython's do.
        self.program.functions[wid].implicit_self = !m.is_static;
        let line = self.line_of(span);
        let target = self.name_target(&m.name, f.name.span);
        let made = Expr::new(ExprKind::MakeFunction(wid, Vec::new()), Type::OBJECT, span);
        out.push(Stmt {
            kind: StmtKind::Assign(target, made),
            line,
        });
        if dispatch {
            self.cpdef_dispatcher(cls, id, wid, &info.cname, info.opt_count);
        }
    }

    /// `override = <Python override>; if override is not None: return override(args...)`,
    /// else the implementation: the C function the vtable holds for a cpdef method.
    pub(in crate::sema) fn cpdef_dispatcher(
        &mut self,
        cls: ExtRef,
        impl_id: FuncId,
        wrapper: FuncId,
        cname: &str,
        imp_opt_count: bool,
    ) {
        let imp = self.program.functions[impl_id].clone();
        let Some(sig) = imp.sig.clone() else { return };
        let span = imp.span;
        let (params, mut locals) = super::super::func::param_copies(&imp);
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
            name: imp.name.clone(),
            wrapper,
        };
        let none = Expr::new(ExprKind::PyNone, Type::OBJECT, span);
        let is_set = ExprKind::PyCompare(ast::CmpOp::IsNot, Box::new(ov_expr()), Box::new(none));
        // Not the count of arguments given (a C method's hidden last parameter).
        let py_len = params.len() - imp_opt_count as usize;
        let py_args = (1..py_len)
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
        // The arguments a caller left out are this class's defaults, also for an override.
        let mut body = Vec::new();
        if imp_opt_count {
            let values = params
                .iter()
                .enumerate()
                .filter_map(|(i, p)| Some((i, p.default?)))
                .map(|(i, gid)| {
                    (
                        i,
                        Expr::new(ExprKind::CGlobal(gid), params[i].ty.clone(), span),
                    )
                })
                .collect();
            body = super::super::func::fill_left_out(&params, values, imp.line);
        }
        body.push(stmt(StmtKind::If(
            Expr::new(maybe, Type::Bint, span),
            look,
            Vec::new(),
        )));
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

    /// `obj.method(args)` for a C method of a typed extension type reference: a C call through
    /// the vtable (directly for final classes), `obj` evaluated once.
    pub(in crate::sema) fn ext_method_call(
        &mut self,
        obj: &ast::Expr,
        cls: ExtRef,
        name: &str,
        args: &[ast::Arg],
        span: ast::Span,
    ) -> Option<Expr> {
        let (owner, m) = match cls.method(name) {
            Some(found) => found,
            None => match self.fused_method_spec(cls, name, 1, args, span)? {
                Some(found) => found,
                None => return Some(Expr::invalid(span)),
            },
        };
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
    pub(in crate::sema) fn ext_method_call_on(
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

    /// The specialisation of fused C method `name` a call with these arguments uses (`None`
    /// when the class has no such method, `Some(None)` after reporting that none fits).
    /// `offset`: how many leading parameters the arguments leave out (`self`).
    fn fused_method_spec(
        &mut self,
        cls: ExtRef,
        name: &str,
        offset: usize,
        args: &[ast::Arg],
        span: ast::Span,
    ) -> Option<Option<(ExtRef, ExtMethod)>> {
        let (_, fm) = cls.fused_method(name)?;
        let found: Vec<_> = fm
            .specs
            .iter()
            .filter_map(|(subst, spec)| Some((subst, cls.method(spec)?)))
            .collect();
        let specs: Vec<_> = found.iter().map(|(s, (_, m))| (*s, &*m.info)).collect();
        let i = self.choose_among(name, &specs, offset, args, span);
        Some(i.map(|i| found[i].1.clone()))
    }

    /// `Class.method(obj, args)` for a C method: a direct call of that class's
    /// implementation (no virtual dispatch), `obj` converted to the class.
    pub(in crate::sema) fn ext_unbound_call(
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
        let (_, m) = match cls.method(method) {
            Some(found) => found,
            None => match self.fused_method_spec(*cls, method, 0, args, span)? {
                Some(found) => found,
                None => return Some(Expr::invalid(span)),
            },
        };
        let info = &m.info;
        let callee = Expr::new(
            ExprKind::CName(info.impl_cname()),
            Type::Func(info.sig.clone()),
            span,
        );
        Some(self.c_call_value(callee, info, None, args, span))
    }
}
