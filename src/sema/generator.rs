//! Generators: `yield` makes the enclosing `def` a generator function; a generator expression
//! is an anonymous generator function over the iterator of its first iterable (evaluated where
//! the expression is, as Python does), called at once.

use super::codes;
use super::func::FnCx;
use super::stmt::CompSink;
use super::tree::*;
use super::types::*;
use super::Checker;
use crate::syntax::ast;
use std::rc::Rc;

impl Checker<'_> {
    /// Marks the function being checked as a generator; false (with a diagnostic) where
    /// `yield` is not allowed.
    pub(super) fn enter_generator(&mut self, span: ast::Span) -> bool {
        self.require_gil(span, "yield");
        if self.class_ns.is_some() {
            self.error(codes::OPERATION, span, "'yield' outside function");
            return false;
        }
        match self.func.as_mut() {
            Some(cx) if cx.kind == FuncKind::Def && cx.coroutine => {
                cx.async_generator = true;
                true
            }
            Some(cx) if cx.kind == FuncKind::Def => {
                cx.generator = true;
                true
            }
            Some(cx) if matches!(cx.kind, FuncKind::Cdef { .. }) => {
                self.error(
                    codes::UNSUPPORTED,
                    span,
                    "a cdef function cannot be a generator (use def)",
                );
                false
            }
            _ => {
                self.error(codes::OPERATION, span, "'yield' outside function");
                false
            }
        }
    }

    /// Whether `await`, `async for` and `async with` are allowed here (else a diagnostic).
    pub(super) fn in_coroutine(&mut self, span: ast::Span, what: &str) -> bool {
        self.require_gil(span, what);
        let ok = self.class_ns.is_none() && self.func.as_ref().is_some_and(|cx| cx.coroutine);
        if !ok {
            self.error(
                codes::OPERATION,
                span,
                format!("'{what}' outside async function"),
            );
        }
        ok
    }

    /// `(elt for x in it ...)`: `<genexpr>(iter(it))`.
    pub(super) fn generator_expression(
        &mut self,
        elt: &ast::Expr,
        gens: &[ast::Comprehension],
        span: ast::Span,
    ) -> Expr {
        let Some(first) = gens.first() else {
            return Expr::invalid(span);
        };
        // `(x async for x in it)`: an async generator, only inside a coroutine.
        let is_async = gens.iter().any(|g| g.is_async);
        if is_async && !self.in_coroutine(span, "asynchronous comprehension") {
            return Expr::invalid(span);
        }
        self.require_gil(span, "a generator expression");
        let iterable = self.object(&first.iter);
        let get_iter = Rc::new(FuncType {
            ret: Type::OBJECT,
            params: vec![Type::OBJECT],
            varargs: false,
            exc: ExcCheck::None,
            nogil: false,
        });
        // The first iterable is iterated at once, as Python does: `iter(it)`, or `aiter(it)`
        // for an `async for`.
        let get = if first.is_async {
            "pyx_async_iter"
        } else {
            "PyObject_GetIter"
        };
        let callee = Expr::new(
            ExprKind::CName(get.into()),
            Type::Func(get_iter.clone()),
            span,
        );
        let iterator = Expr::new(
            ExprKind::CCall(Box::new(callee), vec![iterable], get_iter),
            Type::OBJECT,
            span,
        );

        let name = "<genexpr>";
        let qualname = self.nested_qualname(name);
        let id = self.program.functions.len();
        self.program
            .functions
            .push(super::func::placeholder_function());
        if let Some(o) = self.func.take() {
            self.enclosing.push(o);
        }
        let saved_class = self.class_ns.take();
        let mut cx = FnCx::new(FuncKind::Def, qualname.clone(), Type::OBJECT);
        let param = cx.add_hidden("genexpr_iter", Type::OBJECT);
        cx.assigned.insert(param);
        // (An async generator is resumable as a generator is, and a coroutine.)
        cx.generator = true;
        cx.coroutine = is_async;
        cx.async_generator = is_async;
        self.func = Some(cx);
        let source = Expr::new(ExprKind::Local(param), Type::OBJECT, first.iter.span);
        let body = self.comprehension_loops(CompSink::Yield, elt, None, gens, Some(source));
        let cx = self.func.take().expect("function context");
        self.func = self.enclosing.pop();
        self.class_ns = saved_class;
        let line = self.line_of(span);
        let base = super::func::placeholder_function();
        self.program.functions[id] = Function {
            name: name.into(),
            qualname,
            cname: format!("pyx_f{id}_genexpr"),
            params: vec![Param {
                name: ".0".into(),
                local: param,
                ty: Type::OBJECT,
                default: None,
                allow_none: true,
                type_test: None,
                annotated: false,
            }],
            layout: ParamLayout {
                nposonly: 1,
                npos: 1,
                ..base.layout
            },
            locals: cx.locals,
            body,
            span,
            line,
            lines: self.lines.clone(),
            cdivision: self.directives.cdivision,
            freevars: cx.freevars,
            generator: true,
            coroutine: is_async,
            async_generator: is_async,
            ..base
        };
        let function = Expr::new(ExprKind::MakeFunction(id, Vec::new()), Type::OBJECT, span);
        Expr::new(
            ExprKind::PyCall(Box::new(function), vec![CallArg::Pos(iterator)]),
            Type::OBJECT,
            span,
        )
    }
}
