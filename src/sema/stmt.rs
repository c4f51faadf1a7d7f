//! Statements and assignment targets.

use super::expr::{int_literal, is_lvalue};
use super::func::FnBody;
use super::tree::*;
use super::types::*;
use super::{codes, Checker, Directives, Sym};
use crate::syntax::ast::{self, ExprKind as E, StmtKind as S};

impl<'a> Checker<'a> {
    pub(super) fn check_block(&mut self, body: &[ast::Stmt]) -> Vec<Stmt> {
        let mut out = Vec::new();
        for s in body {
            self.stmt(s, &mut out);
        }
        out
    }

    /// Whether every item of a `with` is a directive call (`cython.boundscheck(False)`).
    fn directive_items(&self, items: &[ast::WithItem]) -> bool {
        items.iter().all(|i| {
            i.target.is_none()
                && matches!(&i.context.kind, E::Call(f, _)
                    if self.cython_attr(f).is_some_and(|n| Directives::default().set(&n, "True")))
        })
    }

    pub(super) fn in_module(&self) -> bool {
        self.func
            .as_ref()
            .is_some_and(|f| f.kind == FuncKind::ModuleInit)
    }

    pub(super) fn stmt(&mut self, s: &ast::Stmt, out: &mut Vec<Stmt>) {
        let start = out.len();
        self.stmt_kind(s, out);
        self.rebind_buffers(out, start);
    }

    fn stmt_kind(&mut self, s: &ast::Stmt, out: &mut Vec<Stmt>) {
        self.gil_error_reported = false;
        if self.ext_body_stmt(s, out) {
            return;
        }
        if self.class_ns.is_some() && matches!(s.kind, S::CVarDecl(_) | S::CFunction(_)) {
            self.error(
                codes::DECLARATION,
                s.span,
                "cdef statement not allowed here",
            );
            return;
        }
        let line = self.line_of(s.span);
        let mut push = |kind: StmtKind| out.push(Stmt { kind, line });
        match &s.kind {
            S::Expr(e) => {
                if matches!(e.kind, E::Str(_)) {
                    return; // docstrings and string statements have no effect
                }
                let v = self.expr(e);
                push(StmtKind::Expr(v));
            }
            S::Assign { targets, value } => {
                if targets.len() == 1 {
                    self.assign(&targets[0], value, line, out);
                } else {
                    // `a = b = v`: evaluate v once.
                    let v = self.expr(value);
                    let tmp = self
                        .func
                        .as_mut()
                        .expect("fn")
                        .add_hidden("chain", v.ty.clone());
                    let span = v.span;
                    let ty = v.ty.clone();
                    out.push(Stmt {
                        kind: StmtKind::Assign(Target::Local(tmp), v),
                        line,
                    });
                    for t in targets {
                        let target = self.assign_target(t);
                        let src = Expr::new(ExprKind::Local(tmp), ty.clone(), span);
                        let tty = self.target_type(&target).unwrap_or(Type::OBJECT);
                        let src = self.coerce(src, &tty);
                        out.push(Stmt {
                            kind: StmtKind::Assign(target, src),
                            line,
                        });
                    }
                }
            }
            S::AnnAssign {
                target,
                annotation,
                value,
            } => {
                if let Some(v) = value.as_ref().filter(|v| !self.is_bare_declare(v)) {
                    self.assign(target, v, line, out);
                }
                self.class_annotation(target, annotation, line, out);
            }
            S::AugAssign { target, op, value } => {
                let t = self.assign_target(target);
                // An attribute or item target reads and writes through one evaluation of its
                // object and index.
                let once = matches!(t, Target::Attr(..) | Target::Item(..));
                let current = if once {
                    Expr::new(ExprKind::AugCurrent, Type::OBJECT, target.span)
                } else {
                    self.expr(target)
                };
                let v = self.expr(value);
                let r = if current.ty.is_object() {
                    let v = self.coerce(v, &Type::OBJECT);
                    let span = current.span;
                    Expr::new(
                        ExprKind::PyInPlace(*op, Box::new(current), Box::new(v)),
                        Type::OBJECT,
                        span,
                    )
                } else {
                    self.binary(*op, current, v, s.span)
                };
                let tty = self.target_type(&t).unwrap_or(Type::OBJECT);
                let r = self.coerce(r, &tty);
                push(if once {
                    StmtKind::AugAssign(t, r)
                } else {
                    StmtKind::Assign(t, r)
                });
            }
            S::Pass => push(StmtKind::Pass),
            S::Break => push(StmtKind::Break),
            S::Continue => push(StmtKind::Continue),
            S::Return(v) => {
                let ret = self
                    .func
                    .as_ref()
                    .map(|f| f.ret.clone())
                    .unwrap_or(Type::OBJECT);
                let v = match v {
                    Some(e) => {
                        let x = self.expr(e);
                        if ret.is_void() {
                            self.error(codes::RETURN, e.span, "Return with value in void function");
                            None
                        } else {
                            Some(self.coerce(x, &ret))
                        }
                    }
                    None if ret.is_object() => None,
                    None => None,
                };
                push(StmtKind::Return(v));
            }
            S::Raise { exc, cause } => {
                let e = exc.as_ref().map(|e| self.object(e));
                let c = cause.as_ref().map(|e| self.object(e));
                self.require_gil(s.span, "raising an exception");
                push(StmtKind::Raise(e, c));
            }
            S::Global(_) => {}
            S::Nonlocal(_) => {} // collected with the function's declarations
            S::Del(targets) => {
                for t in targets {
                    let span = t.span;
                    let t = self.target(t);
                    // Only Python objects can be deleted: not view items, C fields, pointer
                    // items or the parts of a complex.
                    let c_value = match &t {
                        Target::MvAssign(_) => true,
                        Target::CLValue(e) => {
                            matches!(e.kind, ExprKind::MvIndex { .. })
                                || !e.ty.is_object() && !e.ty.is_error()
                        }
                        _ => false,
                    };
                    if c_value {
                        self.error(
                            codes::OPERATION,
                            span,
                            "Deletion of non-Python, non-C++ object",
                        );
                    }
                    push(StmtKind::Del(t));
                }
            }
            S::Assert { test, msg } => {
                let t = self.condition(test);
                let m = msg.as_ref().map(|m| self.object(m));
                push(StmtKind::Assert(t, m));
            }
            S::Import(aliases) => {
                for a in aliases {
                    let full = self.dotted(&a.name);
                    let (bind, top) = match a.asname {
                        Some(n) => (self.text(n).to_string(), false),
                        None => (self.text(a.name.parts[0]).to_string(), true),
                    };
                    let imp = self.import_expr(&full, top, a.span);
                    let target = self.name_target(&bind, a.span);
                    out.push(Stmt {
                        kind: StmtKind::Assign(target, imp),
                        line,
                    });
                }
            }
            S::ImportFrom {
                level,
                module,
                names,
            } => {
                let full = module.as_ref().map(|m| self.dotted(m)).unwrap_or_default();
                let module_expr = if *level > 0 {
                    let mut wanted: Vec<String> =
                        names.iter().map(|a| self.dotted(&a.name)).collect();
                    if wanted.is_empty() {
                        wanted.push("*".into());
                    }
                    Expr::new(
                        ExprKind::ImportRelative {
                            module: full.clone(),
                            level: *level,
                            names: wanted,
                        },
                        Type::OBJECT,
                        s.span,
                    )
                } else {
                    self.import_expr(&full, false, s.span)
                };
                if names.is_empty() {
                    out.push(Stmt {
                        kind: StmtKind::ImportStar(module_expr),
                        line,
                    });
                    return;
                }
                // `cython.parallel`'s names are the compiler's (bound at declaration).
                if *level == 0 && (full == "__future__" || full == "cython.parallel") {
                    return;
                }
                let tmp = self
                    .func
                    .as_mut()
                    .expect("fn")
                    .add_hidden("mod", Type::OBJECT);
                out.push(Stmt {
                    kind: StmtKind::Assign(Target::Local(tmp), module_expr),
                    line,
                });
                for a in names {
                    let name = self.dotted(&a.name);
                    let bind = a.asname.map_or(name.clone(), |n| self.text(n).to_string());
                    let m = Expr::new(ExprKind::Local(tmp), Type::OBJECT, a.span);
                    let v = Expr::new(
                        ExprKind::ImportFrom(Box::new(m), name),
                        Type::OBJECT,
                        a.span,
                    );
                    let target = self.name_target(&bind, a.span);
                    out.push(Stmt {
                        kind: StmtKind::Assign(target, v),
                        line,
                    });
                }
            }
            // `if number is int:` in a specialisation: only the branch taken is checked.
            S::If { test, body, orelse } if self.fused_test(test).is_some() => {
                let taken = if self.fused_test(test) == Some(true) {
                    body
                } else {
                    orelse
                };
                let b = self.check_block(taken);
                let t = Expr::new(ExprKind::CConst("1".into()), Type::Bint, test.span);
                push(StmtKind::If(t, b, Vec::new()));
            }
            S::If { test, body, orelse } => {
                let t = self.condition(test);
                let b = self.check_block(body);
                let o = self.check_block(orelse);
                push(StmtKind::If(t, b, o));
            }
            S::While { test, body, orelse } => {
                let t = self.condition(test);
                self.enter_loop();
                let b = self.check_block(body);
                self.leave_loop();
                let o = self.check_block(orelse);
                push(StmtKind::While(t, b, o));
            }
            S::For {
                is_async: false,
                target,
                iter,
                body,
                orelse,
            } => self.for_loop(target, iter, body, orelse, line, out),
            S::For {
                is_async: true,
                target,
                iter,
                body,
                orelse,
            } => {
                if !self.in_coroutine(s.span, "async for") {
                    return;
                }
                let iter = self.object(iter);
                let target = self.target(target);
                self.enter_loop();
                let body = self.check_block(body);
                self.leave_loop();
                let orelse = self.check_block(orelse);
                push(StmtKind::AsyncFor {
                    target,
                    iter,
                    body,
                    orelse,
                });
            }
            S::With {
                items,
                body,
                is_async: true,
            } => {
                if !self.in_coroutine(s.span, "async with") {
                    return;
                }
                self.with_stmt(items, body, true, line, out);
            }
            S::ForFrom(f) => self.for_from(f, line, out),
            S::Try {
                body,
                handlers,
                orelse,
                finalbody,
                star,
            } => {
                let b = self.check_block(body);
                let mut hs = Vec::new();
                for h in handlers {
                    let types = h.typ.as_ref().map(|t| self.object(t));
                    let name = h.name.map(|n| self.name_target(self.text(n), n.span));
                    if *star {
                        for span in jumps_out(&h.body, false) {
                            self.error(
                                codes::OPERATION,
                                span,
                                "'break', 'continue' and 'return' cannot appear in an except* block",
                            );
                        }
                    }
                    let body = self.check_block(&h.body);
                    hs.push(Handler { types, name, body });
                }
                let o = self.check_block(orelse);
                let f = self.check_block(finalbody);
                push(StmtKind::Try {
                    body: b,
                    handlers: hs,
                    orelse: o,
                    finalbody: f,
                    star: *star,
                });
            }
            S::With {
                items,
                body,
                is_async: false,
            } if self.directive_items(items) => {
                // `with cython.cdivision(True):` scopes the directives to the block.
                let saved = self.directives;
                for item in items {
                    if let E::Call(f, args) = &item.context.kind {
                        let name = self.cython_attr(f).unwrap_or_default();
                        let v = match args.first() {
                            Some(ast::Arg::Positional(e)) => &self.src[e.span.range()],
                            _ => "True",
                        };
                        self.directives.set(&name, v);
                    }
                }
                for st in body {
                    self.stmt(st, out);
                }
                self.directives = saved;
            }
            S::With {
                items,
                body,
                is_async: false,
            } if !items.is_empty()
                && items.iter().all(|i| i.target.is_none())
                && items.iter().any(|i| self.is_parallel_block(&i.context))
                && items.iter().all(|i| {
                    self.is_parallel_block(&i.context)
                        || self.gil_block(&i.context) == Some("nogil")
                }) =>
            {
                // `with nogil, parallel():`: the block runs in each OpenMP thread.
                let release = items
                    .iter()
                    .any(|i| self.gil_block(&i.context) == Some("nogil"));
                let num_threads = items
                    .iter()
                    .find_map(|i| self.parallel_block_threads(&i.context));
                let saved = self.nogil;
                self.nogil |= release;
                let b = self.check_block(body);
                self.nogil = saved;
                let block = StmtKind::ParallelBlock(b, num_threads);
                push(if release {
                    StmtKind::Nogil(vec![Stmt { kind: block, line }])
                } else {
                    block
                });
            }
            S::With {
                items,
                body,
                is_async: false,
            } if items.len() == 1 && items[0].target.is_none() => {
                let ctx = &items[0].context;
                match self.gil_block(ctx) {
                    Some("nogil") => {
                        let saved = self.nogil;
                        self.nogil = true;
                        let b = self.check_block(body);
                        self.nogil = saved;
                        push(StmtKind::Nogil(b));
                    }
                    Some("gil") => {
                        if !self.nogil {
                            self.error(
                                codes::NOGIL,
                                ctx.span,
                                "Trying to acquire the GIL while it is already held",
                            );
                        }
                        let saved = self.nogil;
                        self.nogil = false;
                        let b = self.check_block(body);
                        self.nogil = saved;
                        push(StmtKind::Gil(b));
                    }
                    _ => self.with_stmt(items, body, false, line, out),
                }
            }
            S::With {
                items,
                body,
                is_async: false,
            } => self.with_stmt(items, body, false, line, out),
            S::FunctionDef(f) if !self.fused_in_params(&f.params).is_empty() => {
                self.fused_def(f, s.span, out)
            }
            S::FunctionDef(f) => {
                let name = self.text(f.name).to_string();
                let (id, defaults, decorators) = self.check_def(
                    &name,
                    &f.params,
                    f.returns.as_ref(),
                    if f.is_async {
                        FnBody::AsyncBlock(&f.body)
                    } else {
                        FnBody::Block(&f.body)
                    },
                    &f.decorators,
                    s.span,
                );
                let target = self.name_target(&name, f.name.span);
                let made = Expr::new(ExprKind::MakeFunction(id, defaults), Type::OBJECT, s.span);
                let v = decorate(decorators, made);
                push(StmtKind::Assign(target, v));
            }
            S::ClassDef(c) if c.is_cdef => self.ext_class_def(c, s.span, line, out),
            S::ClassDef(c) if self.is_property_block(c) => self.property_block(c, line, out),
            S::ClassDef(c) => self.class_def(c, s.span, line, out, None),
            S::CFunction(f) => {
                if f.body.is_some() {
                    self.check_cfunction(f, s.span);
                }
            }
            S::CVarDecl(d) => {
                for v in &d.vars {
                    let Some(value) = &v.value else { continue };
                    let name = self.text(v.name).to_string();
                    let target = if self.in_module() {
                        match self.module.get(&name) {
                            Some(Sym::CGlobal(g)) => Target::CGlobal(*g),
                            _ => continue,
                        }
                    } else {
                        match self.func.as_ref().and_then(|f| f.scope.get(&name)) {
                            Some(&id) => Target::Local(id),
                            None => continue,
                        }
                    };
                    let ty = self.target_type(&target).unwrap_or(Type::OBJECT);
                    if let (Type::Array(elt, _), E::List(items)) = (&ty, &value.kind) {
                        // `cdef double[3] a = [1, 2, 3]`: element by element.
                        let arr = self.target_expr(&target, &ty, v.span);
                        self.array_items(&arr, elt, items, line, out);
                        continue;
                    }
                    if let Type::Array(_, Some(_)) = ty {
                        let arr = self.target_expr(&target, &ty, v.span);
                        self.assign_array(arr, value, line, out);
                        continue;
                    }
                    let x = self.expr(value);
                    let x = self.coerce(x, &ty);
                    out.push(Stmt {
                        kind: StmtKind::Assign(target, x),
                        line,
                    });
                }
            }
            S::DeclBlock { body, .. } => {
                for st in body {
                    self.stmt(st, out);
                }
            }
            S::CImport(_)
            | S::FromCImport { .. }
            | S::CStruct(_)
            | S::CEnum(_)
            | S::CTypedef { .. }
            | S::Extern(_)
            | S::Fused { .. }
            | S::CTypeLine(_)
            // The front end's statement-order pass has already replaced these.
            | S::CompileTimeDef { .. }
            | S::CompileTimeIf { .. }
            | S::Include(_)
            | S::Invalid => {}
            S::Match { subject, cases } => self.match_stmt(subject, cases, line, out),
        }
    }

    /// Any Python object operation in a nogil section is an error, reported once per statement
    /// (a statement usually has several).
    pub(super) fn python_in_nogil(&mut self, span: ast::Span) {
        if self.nogil && !self.gil_error_reported && self.quiet == 0 {
            self.gil_error_reported = true;
            self.error(
                codes::NOGIL,
                span,
                "Python object operation requires the gil; not allowed in a nogil section",
            );
        }
    }

    pub(super) fn require_gil(&mut self, span: ast::Span, what: &str) {
        if self.nogil {
            self.error(
                codes::NOGIL,
                span,
                format!("{what} requires the gil; not allowed in a nogil section"),
            );
        }
    }

    pub(super) fn enter_loop(&mut self) {
        if let Some(f) = self.func.as_mut() {
            f.loop_depth += 1;
        }
    }
    pub(super) fn leave_loop(&mut self) {
        if let Some(f) = self.func.as_mut() {
            f.loop_depth -= 1;
        }
    }

    fn import_expr(&mut self, name: &str, top: bool, span: ast::Span) -> Expr {
        Expr::new(ExprKind::Import(name.to_string(), top), Type::OBJECT, span)
    }

    /// `target = value`, with tuple unpacking of displays done element-wise (so C-typed
    /// targets get C values directly).
    fn assign(&mut self, target: &ast::Expr, value: &ast::Expr, line: u32, out: &mut Vec<Stmt>) {
        let outer = std::mem::replace(&mut self.buffer_assign_ok, true);
        let whole_array = self.whole_array_target(target);
        self.buffer_assign_ok = outer;
        match whole_array {
            Some(Ok(arr)) => return self.assign_array(arr, value, line, out),
            Some(Err(t)) => {
                let v = self.object(value);
                out.push(Stmt {
                    kind: StmtKind::Assign(t, v),
                    line,
                });
                return;
            }
            None => {}
        }
        if let (E::Tuple(ts) | E::List(ts), E::Tuple(vs)) = (&target.kind, &value.kind) {
            if ts.len() == vs.len() && !ts.iter().any(|t| matches!(t.kind, E::Starred(_))) {
                // Evaluate every value first, then assign (`a, b = b, a`).
                let mut tmps = Vec::new();
                for v in vs {
                    let x = self.expr(v);
                    let ty = if int_literal(&x).is_some() {
                        Type::OBJECT
                    } else {
                        x.ty.clone()
                    };
                    let x = self.coerce(x, &ty);
                    let tmp = self
                        .func
                        .as_mut()
                        .expect("fn")
                        .add_hidden("tup", ty.clone());
                    let span = x.span;
                    out.push(Stmt {
                        kind: StmtKind::Assign(Target::Local(tmp), x),
                        line,
                    });
                    tmps.push((tmp, ty, span));
                }
                for (t, (tmp, ty, span)) in ts.iter().zip(tmps) {
                    let tgt = self.assign_target(t);
                    let tty = self.target_type(&tgt).unwrap_or(Type::OBJECT);
                    let src = Expr::new(ExprKind::Local(tmp), ty, span);
                    let src = self.coerce(src, &tty);
                    out.push(Stmt {
                        kind: StmtKind::Assign(tgt, src),
                        line,
                    });
                }
                return;
            }
        }
        let t = self.assign_target(target);
        if let Target::MvAssign(dst) = &t {
            if let Some(v) = self.memview_assign(dst.clone(), value) {
                out.push(Stmt {
                    kind: StmtKind::Assign(t, v),
                    line,
                });
            }
            return;
        }
        let v = self.expr(value);
        let tty = match &t {
            Target::Unpack(..) => {
                if let Type::CTuple(_) = v.ty {
                    v.ty.clone()
                } else {
                    Type::OBJECT
                }
            }
            t => self.target_type(t).unwrap_or(Type::OBJECT),
        };
        if tty.is_ptr_like() && super::expr::is_python_temporary(&v) {
            self.error(
                codes::TYPE_MISMATCH,
                value.span,
                format!("Obtaining '{tty}' from temporary Python value"),
            );
            return;
        }
        if let (Type::Array(elt, _), Type::Array(..)) = (&tty, &v.ty) {
            let _ = elt;
            self.error(
                codes::TYPE_MISMATCH,
                value.span,
                "Assignment to whole C arrays is not supported",
            );
            return;
        }
        let v = self.coerce(v, &tty);
        out.push(Stmt {
            kind: StmtKind::Assign(t, v),
            line,
        });
    }

    /// The static type a target stores (`None` for unpacking).
    pub(super) fn target_type(&self, t: &Target) -> Option<Type> {
        let cx = self.func.as_ref()?;
        match t {
            Target::Local(id) => Some(cx.locals[*id].ty.clone()),
            Target::FreeVar(i) if cx.freevars[*i].ty.lives_in_cell_block() => {
                Some(cx.freevars[*i].ty.clone())
            }
            Target::CGlobal(g) => Some(self.program.globals[*g].ty.clone()),
            Target::CLValue(e) => Some(e.ty.clone()),
            Target::PyGlobal(_) | Target::FreeVar(_) | Target::Attr(..) | Target::Item(..) => {
                Some(Type::OBJECT)
            }
            Target::Unpack(..) => None,
            Target::MvAssign(e) => Some(e.ty.clone()),
        }
    }

    pub(super) fn target_expr(&self, t: &Target, ty: &Type, span: ast::Span) -> Expr {
        let kind = match t {
            Target::Local(id) => ExprKind::Local(*id),
            Target::CGlobal(g) => ExprKind::CGlobal(*g),
            Target::FreeVar(i) => ExprKind::FreeVar(*i),
            _ => ExprKind::Invalid,
        };
        Expr::new(kind, ty.clone(), span)
    }

    /// The variable of an enclosing comprehension in a class body named `name`: a hidden
    /// local of the function, not a name of the class namespace.
    pub(super) fn comprehension_var(&self, name: &str) -> Option<LocalId> {
        self.class_ns.as_ref()?;
        let cx = self.func.as_ref()?;
        let id = *cx.scope.get(name)?;
        cx.locals[id].hidden.then_some(id)
    }

    /// The target of an `=` or `op=`, the statements after which buffer views are bound again.
    fn assign_target(&mut self, t: &ast::Expr) -> Target {
        let outer = std::mem::replace(&mut self.buffer_assign_ok, true);
        let target = self.target(t);
        self.buffer_assign_ok = outer;
        target
    }

    /// A name as an assignment target in the current scope.
    pub(super) fn name_target(&mut self, name: &str, span: ast::Span) -> Target {
        if !self.buffer_assign_ok && self.is_buffer_local(name) {
            self.error(
                codes::UNSUPPORTED,
                span,
                format!("a buffer variable ('{name}') can only be assigned with '=' in pyxc"),
            );
        }
        if let Some(id) = self.comprehension_var(name) {
            return Target::Local(id);
        }
        if let Some((ns, _)) = &self.class_ns {
            // Names bound in a class body go into the class namespace.
            let ns_expr = Expr::new(ExprKind::Local(*ns), Type::Object(PyType::Dict), span);
            let key = Expr::new(
                ExprKind::PyStr(name.to_string()),
                Type::Object(PyType::Str),
                span,
            );
            return Target::Item(ns_expr, key);
        }
        if self
            .func
            .as_ref()
            .is_some_and(|cx| cx.nonlocals.contains(name))
        {
            if let Some(i) = self.free_var_index(name, span) {
                return Target::FreeVar(i);
            }
        }
        let cx = self.func.as_ref().expect("function context");
        let is_global = cx.kind == FuncKind::ModuleInit || cx.globals.contains(name);
        if !is_global {
            if let Some(&id) = cx.scope.get(name) {
                self.check_not_const(id, name, span);
                return Target::Local(id);
            }
        } else if cx.kind == FuncKind::ModuleInit {
            if let Some(&id) = cx.scope.get(name) {
                return Target::Local(id); // comprehension variables at module level
            }
        }
        match self.module.get(name) {
            Some(Sym::CGlobal(g)) => Target::CGlobal(*g),
            Some(Sym::CName { is_const: true, .. }) => {
                self.error(
                    codes::DECLARATION,
                    span,
                    format!("Assignment to const '{name}'"),
                );
                Target::PyGlobal(name.into())
            }
            Some(Sym::CName { cname, ty, .. }) => {
                Target::CLValue(Expr::new(ExprKind::CName(cname.clone()), ty.clone(), span))
            }
            _ => Target::PyGlobal(name.into()),
        }
    }

    /// `z.real = x`: `z` must be an lvalue that may be written (not a `const` local or an
    /// item of a `const` view).
    fn complex_part_target(&mut self, e: Expr, base: &ast::Expr, span: ast::Span) -> Target {
        let ExprKind::ComplexPart(z, _) = &e.kind else {
            return Target::CLValue(e);
        };
        if !is_lvalue(z) {
            self.error(
                codes::OPERATION,
                span,
                "Assignment to a part of a complex value that is not a variable",
            );
            return Target::CLValue(Expr::invalid(span));
        }
        match &z.kind {
            ExprKind::Local(id) => {
                let (id, name) = (*id, self.src[base.span.range()].to_string());
                self.check_not_const(id, &name, base.span);
            }
            ExprKind::MvIndex { view, .. } if view.ty.memview().is_some_and(|m| m.is_const) => {
                self.error(codes::DECLARATION, span, "Assignment to const dereference");
                return Target::CLValue(Expr::invalid(span));
            }
            _ => {}
        }
        Target::CLValue(e)
    }

    pub(super) fn target(&mut self, t: &ast::Expr) -> Target {
        match &t.kind {
            E::Name(n) => self.name_target(self.text(*n), n.span),
            E::Attribute(base, attr) => {
                let e = self.expr(t);
                match e.kind {
                    ExprKind::CField(..) if self.check_const_write(&e, t.span) => {
                        let _ = attr;
                        Target::CLValue(Expr::invalid(t.span))
                    }
                    ExprKind::CField(..) | ExprKind::ExtField(..) => Target::CLValue(e),
                    ExprKind::ComplexPart(..) => self.complex_part_target(e, base, t.span),
                    ExprKind::Attribute(obj, name) => Target::Attr(*obj, name),
                    ExprKind::MvProp(..) | ExprKind::MvTranspose(_) => {
                        self.error(
                            codes::OPERATION,
                            t.span,
                            "Cannot assign to an attribute of a memoryview",
                        );
                        Target::CLValue(Expr::invalid(t.span))
                    }
                    // A C-level property (numpy's `a.shape`) is read by a call.
                    ExprKind::CCall(..) => {
                        let msg = format!("Cannot assign to property '{}'", self.text(*attr));
                        self.error(codes::OPERATION, t.span, msg);
                        Target::CLValue(Expr::invalid(t.span))
                    }
                    _ => {
                        let _ = base;
                        Target::CLValue(Expr::invalid(t.span))
                    }
                }
            }
            E::Subscript(..) => {
                let e = self.expr(t);
                if let ExprKind::MvIndex { view, .. } | ExprKind::MvSlice { view, .. } = &e.kind {
                    if view.ty.memview().is_some_and(|m| m.is_const) {
                        self.error(
                            codes::DECLARATION,
                            t.span,
                            "Assignment to const dereference",
                        );
                        return Target::CLValue(Expr::invalid(t.span));
                    }
                }
                match e.kind {
                    ExprKind::CIndex(..) if self.check_const_write(&e, t.span) => {
                        Target::CLValue(Expr::invalid(t.span))
                    }
                    ExprKind::CIndex(..) | ExprKind::MvIndex { .. } => Target::CLValue(e),
                    ExprKind::MvSlice { .. } => Target::MvAssign(e),
                    ExprKind::Subscript(obj, idx) => Target::Item(*obj, *idx),
                    _ => Target::CLValue(Expr::invalid(t.span)),
                }
            }
            E::Tuple(items) | E::List(items) => {
                let mut star = None;
                let mut ts = Vec::new();
                for (i, it) in items.iter().enumerate() {
                    if let E::Starred(inner) = &it.kind {
                        star = Some(i);
                        ts.push(self.target(inner));
                    } else {
                        ts.push(self.target(it));
                    }
                }
                Target::Unpack(ts, star)
            }
            E::Invalid => Target::CLValue(Expr::invalid(t.span)),
            _ => {
                // The front end reports invalid targets; here only C-level ones remain.
                let e = self.expr(t);
                if !matches!(e.kind, ExprKind::Invalid) {
                    if let ExprKind::Deref(_) = e.kind {
                        if self.check_const_write(&e, t.span) {
                            return Target::CLValue(Expr::invalid(t.span));
                        }
                        return Target::CLValue(e);
                    }
                    self.error(codes::OPERATION, t.span, "Cannot assign to this expression");
                }
                Target::CLValue(Expr::invalid(t.span))
            }
        }
    }

    fn for_loop(
        &mut self,
        target: &ast::Expr,
        iter: &ast::Expr,
        body: &[ast::Stmt],
        orelse: &[ast::Stmt],
        line: u32,
        out: &mut Vec<Stmt>,
    ) {
        if let E::Call(f, _) = &iter.kind {
            if self.parallel_name(f) == Some("prange") {
                return self.prange_loop(target, iter, body, orelse, line, out);
            }
        }
        if let (E::Name(_), Some(_)) = (&target.kind, super::infer::range_bounds(iter, self.src)) {
            let tgt = self.target(target);
            let var_ty = self.target_type(&tgt).unwrap_or(Type::OBJECT);
            if var_ty.is_int() {
                let args = self.range_args(iter);
                self.enter_loop();
                let b = self.check_block(body);
                self.leave_loop();
                let o = self.check_block(orelse);
                let kind = self.range_loop(tgt, var_ty, args, b, o);
                out.push(Stmt { kind, line });
                return;
            }
        }
        let it = self.expr(iter);
        let tgt = self.target(target);
        if let Some(t) = self.text_loop_type(&it, &tgt) {
            self.enter_loop();
            let b = self.check_block(body);
            self.leave_loop();
            let o = self.check_block(orelse);
            out.extend(self.text_loop(tgt, t, it, b, o, line));
            return;
        }
        let it = self.coerce(it, &Type::OBJECT);
        if let Some(t) = self.target_type(&tgt) {
            // Items are objects: a C-typed variable must convert from one.
            let item = Expr::new(ExprKind::Invalid, Type::OBJECT, target.span);
            self.coerce(item, &t);
        }
        self.enter_loop();
        let b = self.check_block(body);
        self.leave_loop();
        let o = self.check_block(orelse);
        out.push(Stmt {
            kind: StmtKind::ForIter {
                target: tgt,
                iter: it,
                body: b,
                orelse: o,
            },
            line,
        });
    }

    /// The checked start, stop and step of a `range(...)` call `range_bounds` accepted.
    pub(super) fn range_args(&mut self, iter: &ast::Expr) -> [Expr; 3] {
        let span = iter.span;
        let c = |v: &str| Expr::new(ExprKind::PyInt(v.into()), Type::Object(PyType::Int), span);
        let args: Vec<&ast::Expr> = match &iter.kind {
            E::Call(_, args) => args
                .iter()
                .filter_map(|a| match a {
                    ast::Arg::Positional(e) => Some(e),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let mut vals = args
            .iter()
            .map(|a| self.expr(a))
            .collect::<Vec<_>>()
            .into_iter();
        match args.len() {
            1 => [c("0"), vals.next().unwrap_or_else(|| c("0")), c("1")],
            n => [
                vals.next().unwrap_or_else(|| c("0")),
                vals.next().unwrap_or_else(|| c("0")),
                if n >= 3 {
                    vals.next().unwrap_or_else(|| c("1"))
                } else {
                    c("1")
                },
            ],
        }
    }

    /// A C loop over `range` for a C integer variable.
    pub(super) fn range_loop(
        &mut self,
        var: Target,
        var_ty: Type,
        [start, stop, step]: [Expr; 3],
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    ) -> StmtKind {
        let var_ty = counting_type(var_ty);
        let step_const = int_literal(&step).and_then(|n| i64::try_from(n).ok());
        if step_const == Some(0) {
            self.error(codes::OPERATION, step.span, "range() step must not be zero");
        }
        let widest = |acc: Type, t: &Type| {
            if t.is_int() {
                arithmetic_result(&acc, t)
            } else {
                acc
            }
        };
        // Like Cython, count in the variable's type when every bound fits in it (the loop
        // is then the instructions Cython's is). A bound wider than the variable, or a step
        // known only at run time, gets a counter wide enough for every bound, so that the
        // loop ends where Python's would (`for c in range(256)` with an `unsigned char c`
        // runs 256 times; Cython's counter would wrap and never reach the stop).
        let fits = |b: &Expr| match (int_literal(b), var_ty.int_kind()) {
            (Some(n), Some(k)) => k.holds(n),
            _ if b.ty.is_int() => arithmetic_result(&var_ty, &b.ty).int_kind() == var_ty.int_kind(),
            _ => true,
        };
        let count_ty = if step_const.is_some() && fits(&start) && fits(&stop) {
            var_ty
        } else {
            // Integer literals count as `long`, as Cython types them.
            let literal = [&start, &stop, &step]
                .iter()
                .any(|b| int_literal(b).is_some());
            let wide = [&start.ty, &stop.ty, &step.ty]
                .into_iter()
                .fold(var_ty, widest);
            if literal {
                widest(wide, &Type::int(IntKind::Long))
            } else {
                wide
            }
        };
        let stop_ty = widest(count_ty.clone(), &stop.ty);
        StmtKind::ForRange {
            var,
            start: self.coerce(start, &count_ty),
            stop: self.coerce(stop, &stop_ty),
            step: self.coerce(step, &count_ty),
            step_const,
            var_ty: count_ty,
            body,
            orelse,
        }
    }

    /// `for i from a <= i < b [by s]`: a range loop.
    fn for_from(&mut self, f: &ast::ForFrom, line: u32, out: &mut Vec<Stmt>) {
        use ast::CmpOp::*;
        let tgt = self.name_target(self.text(f.target), f.target.span);
        let var_ty = counting_type(self.target_type(&tgt).unwrap_or(Type::OBJECT));
        if !var_ty.is_int() {
            self.error(
                codes::OPERATION,
                f.target.span,
                "for-from loop variable must be a C integer",
            );
            return;
        }
        let lo = self.expr(&f.lower);
        let hi = self.expr(&f.upper);
        let step = match &f.step {
            Some(s) => self.expr(s),
            None => Expr::new(
                ExprKind::PyInt("1".into()),
                Type::Object(PyType::Int),
                f.lower.span,
            ),
        };
        let step_lit = int_literal(&step).and_then(|n| i64::try_from(n).ok());
        let lo = self.coerce(lo, &var_ty);
        let hi = self.coerce(hi, &var_ty);
        let step = self.coerce(step, &var_ty);
        let one = Expr::new(ExprKind::CConst("1".into()), var_ty.clone(), f.lower.span);
        let up = matches!(f.lower_op, Lt | LtE);
        // Normalise to a half-open range with a signed step.
        let (start, stop, step) = if up {
            let start = if f.lower_op == Lt {
                Expr::new(
                    ExprKind::CBinary(CBinOp::Add, Box::new(lo), Box::new(one.clone())),
                    var_ty.clone(),
                    f.lower.span,
                )
            } else {
                lo
            };
            let stop = if f.upper_op == LtE {
                Expr::new(
                    ExprKind::CBinary(CBinOp::Add, Box::new(hi), Box::new(one)),
                    var_ty.clone(),
                    f.upper.span,
                )
            } else {
                hi
            };
            (start, stop, step)
        } else {
            let start = if f.lower_op == Gt {
                Expr::new(
                    ExprKind::CBinary(CBinOp::Sub, Box::new(lo), Box::new(one.clone())),
                    var_ty.clone(),
                    f.lower.span,
                )
            } else {
                lo
            };
            let stop = if f.upper_op == GtE {
                Expr::new(
                    ExprKind::CBinary(CBinOp::Sub, Box::new(hi), Box::new(one)),
                    var_ty.clone(),
                    f.upper.span,
                )
            } else {
                hi
            };
            let span = step.span;
            (
                start,
                stop,
                Expr::new(
                    ExprKind::CUnary(CUnOp::Neg, Box::new(step)),
                    var_ty.clone(),
                    span,
                ),
            )
        };
        self.enter_loop();
        let b = self.check_block(&f.body);
        self.leave_loop();
        let o = self.check_block(&f.orelse);
        out.push(Stmt {
            kind: StmtKind::ForRange {
                var: tgt,
                var_ty,
                start,
                stop,
                step,
                step_const: if up {
                    step_lit
                } else {
                    step_lit.and_then(i64::checked_neg)
                },
                body: b,
                orelse: o,
            },
            line,
        });
    }

    /// `name: T` in a class body records `T` (as source text, as Cython 3 keeps annotations)
    /// in the namespace's `__annotations__`.
    fn class_annotation(
        &mut self,
        target: &ast::Expr,
        annotation: &ast::Expr,
        line: u32,
        out: &mut Vec<Stmt>,
    ) {
        let (Some((ns, _)), E::Name(n)) = (&self.class_ns, &target.kind) else {
            return;
        };
        let span = target.span;
        let s = |text: &str| {
            Expr::new(
                ExprKind::PyStr(text.to_string()),
                Type::Object(PyType::Str),
                span,
            )
        };
        let ns_expr = Expr::new(ExprKind::Local(*ns), Type::Object(PyType::Dict), span);
        let annotations = Expr::new(
            ExprKind::Subscript(Box::new(ns_expr), Box::new(s("__annotations__"))),
            Type::OBJECT,
            span,
        );
        let text = self.src[annotation.span.range()].trim().to_string();
        out.push(Stmt {
            kind: StmtKind::Assign(Target::Item(annotations, s(self.text(*n))), s(&text)),
            line,
        });
    }

    /// `with a as x, b as y: body` is `with a as x: with b as y: body` (`async with` too).
    fn with_stmt(
        &mut self,
        items: &[ast::WithItem],
        body: &[ast::Stmt],
        is_async: bool,
        line: u32,
        out: &mut Vec<Stmt>,
    ) {
        let Some((item, rest)) = items.split_first() else {
            out.extend(self.check_block(body));
            return;
        };
        let ctx = self.object(&item.context);
        let target = item.target.as_ref().map(|t| self.target(t));
        let mut b = Vec::new();
        if rest.is_empty() {
            b = self.check_block(body);
        } else {
            self.with_stmt(rest, body, is_async, line, &mut b);
        }
        out.push(Stmt {
            kind: StmtKind::With {
                ctx,
                target,
                body: b,
                is_async,
            },
            line,
        });
    }

    pub(super) fn class_def(
        &mut self,
        c: &ast::ClassDef,
        span: ast::Span,
        line: u32,
        out: &mut Vec<Stmt>,
        ext: Option<ExtRef>,
    ) {
        let name = self.text(c.name).to_string();
        // Decorators, then bases and keywords, are evaluated before the body, as in Python.
        let decorators = self.class_decorators(&c.decorators, ext.is_some());
        let mut bases = Vec::new();
        let mut keywords = Vec::new();
        for a in &c.args {
            match a {
                ast::Arg::Positional(e) => bases.push(DisplayItem::One(self.object(e))),
                ast::Arg::Star(e) => bases.push(DisplayItem::Unpack(self.object(e))),
                ast::Arg::Keyword(k, e) => {
                    let v = self.object(e);
                    keywords.push((Some(self.text(*k).to_string()), v));
                }
                ast::Arg::DoubleStar(e) => {
                    let v = self.object(e);
                    keywords.push((None, v));
                }
            }
        }
        let outer_q = self
            .func
            .as_ref()
            .map(|f| f.qualname.clone())
            .unwrap_or_default();
        let qualname = if self.in_module() || outer_q.is_empty() {
            name.clone()
        } else {
            format!("{outer_q}.<locals>.{name}")
        };
        // The class body runs in its own namespace: names assigned there go into `ns`.
        let ns = self
            .func
            .as_mut()
            .expect("fn")
            .add_hidden("ns", Type::Object(PyType::Dict));
        let cx = self.func.as_mut().expect("fn");
        let class_cell = cx.add_hidden("classcell", Type::OBJECT);
        let saved_cell = cx
            .scope
            .insert(super::expr::CLASS_CELL.to_string(), class_cell);
        let saved_class = self.class_ns.replace((ns, qualname.clone()));
        let mut assigned = Vec::new();
        for s in &c.body {
            super::func::bound_names(s, self.src, &mut assigned);
        }
        let saved_names =
            std::mem::replace(&mut self.class_body_names, assigned.into_iter().collect());
        let mut body = Vec::new();
        // A body with variable annotations starts `__annotations__` (filled as they run).
        let annotated = c.body.iter().any(
            |s| matches!(&s.kind, S::AnnAssign { target, .. } if matches!(target.kind, E::Name(_))),
        );
        if annotated {
            let key = Expr::new(
                ExprKind::PyStr("__annotations__".into()),
                Type::Object(PyType::Str),
                c.name.span,
            );
            let ns_expr = Expr::new(ExprKind::Local(ns), Type::Object(PyType::Dict), c.name.span);
            let empty = Expr::new(
                ExprKind::Dict(Vec::new()),
                Type::Object(PyType::Dict),
                c.name.span,
            );
            body.push(Stmt {
                kind: StmtKind::Assign(Target::Item(ns_expr, key), empty),
                line,
            });
        }
        for s in &c.body {
            self.stmt(s, &mut body);
        }
        self.class_ns = saved_class;
        self.class_body_names = saved_names;
        let cx = self.func.as_mut().expect("fn");
        match saved_cell {
            Some(old) => cx.scope.insert(super::expr::CLASS_CELL.to_string(), old),
            None => cx.scope.remove(super::expr::CLASS_CELL),
        };
        let v = Expr::new(
            ExprKind::MakeClass {
                name: name.clone(),
                qualname,
                bases,
                keywords,
                class_cell,
                ns,
                body,
                doc: super::docstring(&c.body),
                ext,
            },
            Type::OBJECT,
            span,
        );
        let v = decorate(decorators, v);
        let target = self.name_target(&name, c.name.span);
        out.push(Stmt {
            kind: StmtKind::Assign(target, v),
            line,
        });
    }

    /// The loops of a comprehension, the innermost handing each element to `sink`. `first`,
    /// when given, is what the first loop iterates instead of its written iterable (a generator
    /// expression receives it evaluated).
    pub(super) fn comprehension_loops(
        &mut self,
        sink: CompSink,
        elt: &ast::Expr,
        value: Option<&ast::Expr>,
        gens: &[ast::Comprehension],
        first: Option<Expr>,
    ) -> Vec<Stmt> {
        let Some((g, rest)) = gens.split_first() else {
            let line = self.line_of(elt.span);
            let k = self.object(elt);
            let kind = match sink {
                CompSink::Append(kind, acc) => {
                    let v = value.map(|v| self.object(v));
                    StmtKind::Append(kind, acc, k, v)
                }
                CompSink::Yield => {
                    let span = k.span;
                    StmtKind::Expr(Expr::new(
                        ExprKind::Yield(Some(Box::new(k))),
                        Type::OBJECT,
                        span,
                    ))
                }
            };
            return vec![Stmt { kind, line }];
        };
        let line = self.line_of(g.iter.span);
        // A loop variable named like a C-typed variable of the function takes its type, as in
        // Cython (`cdef Py_UCS4 ch` then `[ch for ch in s]`).
        let declared = match &g.target.kind {
            E::Name(n) => self.func.as_ref().and_then(|cx| {
                let id = *cx.scope.get(self.text(*n))?;
                Some(cx.locals[id].ty.clone()).filter(|t| !t.is_object())
            }),
            _ => None,
        };
        // `v in range(...)` with C integer bounds: a C loop with a C integer `v`, as Cython
        // infers. The iterable is evaluated in the enclosing scope.
        let range_ty = match (
            &g.target.kind,
            super::infer::range_bounds(&g.iter, self.src),
        ) {
            _ if first.is_some() || g.is_async => None,
            (E::Name(_), Some(bounds)) => declared
                .clone()
                .or_else(|| self.range_var_type(&bounds))
                .filter(Type::is_int),
            _ => None,
        };
        let (range, it) = match (&range_ty, first) {
            (_, Some(it)) => (None, Some(it)),
            (Some(_), None) => (Some(self.range_args(&g.iter)), None),
            (None, None) => (None, Some(self.expr(&g.iter))),
        };
        // Comprehension variables are local to the comprehension.
        let mut names = Vec::new();
        let st = ast::Stmt::new(ast::StmtKind::Del(vec![g.target.clone()]), g.target.span);
        super::func::bound_names(&st, self.src, &mut names);
        let cx = self.func.as_mut().expect("fn");
        let mut saved = Vec::new();
        for n in &names {
            let ty = range_ty.clone().or_else(|| declared.clone());
            let id = cx.add_hidden(n, ty.unwrap_or(Type::OBJECT));
            saved.push((n.clone(), cx.scope.insert(n.clone(), id)));
        }
        let in_globals: Vec<bool> = names.iter().map(|n| cx.globals.remove(n)).collect();
        // Past its first iterable a comprehension is a scope of its own: in a `.py` module it
        // does not see the names of a class body it stands in (CPython); Cython's does.
        let outer_comprehension = std::mem::replace(&mut self.in_comprehension, true);
        let tgt = self.target(&g.target);
        let mut inner = self.comprehension_loops(sink, elt, value, rest, None);
        for cond in g.ifs.iter().rev() {
            let c = self.condition(cond);
            inner = vec![Stmt {
                kind: StmtKind::If(c, inner, Vec::new()),
                line,
            }];
        }
        self.in_comprehension = outer_comprehension;
        let cx = self.func.as_mut().expect("fn");
        for ((n, old), was_global) in saved.into_iter().zip(in_globals) {
            match old {
                Some(o) => cx.scope.insert(n.clone(), o),
                None => cx.scope.remove(&n),
            };
            if was_global {
                cx.globals.insert(n);
            }
        }
        let kind = match (range, it, range_ty) {
            (Some(args), _, Some(ty)) => self.range_loop(tgt, ty, args, inner, Vec::new()),
            (_, Some(iter), _) if g.is_async => {
                if !self.in_coroutine(g.iter.span, "async for") {
                    return Vec::new();
                }
                StmtKind::AsyncFor {
                    target: tgt,
                    iter: self.coerce(iter, &Type::OBJECT),
                    body: inner,
                    orelse: Vec::new(),
                }
            }
            (_, Some(iter), _) => match self.text_loop_type(&iter, &tgt) {
                Some(t) => return self.text_loop(tgt, t, iter, inner, Vec::new(), line),
                None => StmtKind::ForIter {
                    target: tgt,
                    iter: self.coerce(iter, &Type::OBJECT),
                    body: inner,
                    orelse: Vec::new(),
                },
            },
            _ => return Vec::new(),
        };
        vec![Stmt { kind, line }]
    }
}

/// Where a comprehension's innermost loop puts each element.
#[derive(Clone, Copy)]
pub(super) enum CompSink {
    /// Appended to (or added to, stored in) the accumulator local.
    Append(ComprehensionKind, LocalId),
    /// Yielded (a generator expression's body).
    Yield,
}

/// `return`, and `break`/`continue` outside a loop of their own, in `body` (not in nested
/// functions or classes): what may not leave an `except*` handler.
fn jumps_out(body: &[ast::Stmt], in_loop: bool) -> Vec<ast::Span> {
    let mut out = Vec::new();
    for s in body {
        match &s.kind {
            S::Return(_) => out.push(s.span),
            S::Break | S::Continue if !in_loop => out.push(s.span),
            S::FunctionDef(_) | S::ClassDef(_) => {}
            S::For { body, orelse, .. } | S::While { body, orelse, .. } => {
                out.extend(jumps_out(body, true));
                out.extend(jumps_out(orelse, in_loop));
            }
            _ => crate::syntax::validate::for_each_child_block(s, |b| {
                out.extend(jumps_out(b, in_loop))
            }),
        }
    }
    out
}

/// The type a range loop counts in for its variable: an enum variable counts in its C
/// integer type (Cython allows `for c in range(n)`, which assigning `n` would not).
fn counting_type(t: Type) -> Type {
    match t {
        Type::Int(it) if it.enum_name().is_some() => Type::int(it.kind),
        t => t,
    }
}
