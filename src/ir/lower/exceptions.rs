//! Lowering exception handling: `try`/`except`/`else`/`finally` (and `except*`), `with`, the
//! handled-exception state around handlers, and the cleanups a `return`, `break` or
//! `continue` runs on its way out of them.

use super::*;

impl<'p> FnLower<'p> {
    /// Runs the cleanups of enclosing `try` statements and handlers (innermost first) for a
    /// jump out of them.
    pub(super) fn run_cleanups_down_to(&mut self, depth: usize) {
        let saved = std::mem::take(&mut self.cleanups);
        let handler = self.handler;
        for (i, c) in saved[depth..].iter().enumerate().rev() {
            self.cleanups = saved[..depth + i].to_vec();
            match *c {
                Cleanup::Finally { body, outer } => {
                    self.handler = outer;
                    self.block(body);
                }
                Cleanup::Handled { saved, name } => self.leave_handled(saved, name),
                Cleanup::WithExit {
                    exit,
                    mgr,
                    outer,
                    is_async,
                } => {
                    self.handler = outer;
                    self.exit_with(exit, mgr, is_async);
                }
            }
        }
        self.handler = handler;
        self.cleanups = saved;
    }

    pub(super) fn try_stmt(
        &mut self,
        body: &'p [t::Stmt],
        handlers: &'p [t::Handler],
        orelse: &'p [t::Stmt],
        finalbody: &'p [t::Stmt],
        star: bool,
    ) {
        self.helper("except");
        let outer = self.handler;
        let has_finally = !finalbody.is_empty();
        // Errors escaping the try/except part go to the finally handler, if any.
        let fin_err = if has_finally {
            Some(self.new_block())
        } else {
            None
        };
        let after_except_handler = fin_err.or(outer);
        let exc_block = if handlers.is_empty() {
            None
        } else {
            Some(self.new_block())
        };
        let done = self.new_block();
        if has_finally {
            self.cleanups.push(Cleanup::Finally {
                body: finalbody,
                outer,
            });
        }
        self.handler = exc_block.or(after_except_handler);
        self.block(body);
        self.handler = after_except_handler;
        self.block(orelse);
        self.goto(done);
        if let Some(eb) = exc_block {
            self.switch(eb);
            self.catch_here();
            let exc = self.caught("pyx_exc");
            if star {
                self.star_handlers(exc, handlers);
                self.push(None, OpKind::Clear { local: exc }, ErrKind::Never);
                self.goto(done);
            }
            for h in handlers.iter().filter(|_| !star) {
                let (hb, next) = (self.new_block(), self.new_block());
                match &h.types {
                    Some(ty) => {
                        let tv = self.expr(ty);
                        let m = self.c_call(
                            "pyx_exc_matches",
                            vec![Value::Reg(exc), tv],
                            "int",
                            ErrKind::Neg,
                        );
                        self.terminate(Term::Branch(m, hb, next));
                    }
                    None => self.goto(hb),
                }
                self.switch(hb);
                self.push(
                    None,
                    OpKind::Stmt {
                        template: "pyx_tb_added = 0".into(),
                        args: vec![],
                    },
                    ErrKind::Never,
                );
                self.handled(exc, h.name.as_ref(), after_except_handler, |this| {
                    if let Some(n) = &h.name {
                        this.store(n, Value::Reg(exc), &Type::OBJECT);
                    }
                    this.handling.push(exc);
                    this.block(&h.body);
                    this.handling.pop();
                });
                self.push(None, OpKind::Clear { local: exc }, ErrKind::Never);
                self.goto(done);
                self.switch(next);
            }
            if !star {
                // No handler matched: re-raise.
                self.void_call(
                    "pyx_reraise",
                    vec![Value::Reg(exc)],
                    vec![false],
                    ErrKind::Always,
                );
                self.push(None, OpKind::Clear { local: exc }, ErrKind::Never);
            }
        }
        if has_finally {
            self.cleanups.pop();
        }
        self.handler = outer;
        self.switch(done);
        if let Some(fe) = fin_err {
            self.block(finalbody);
            let after = self.new_block();
            self.goto(after);
            // The error path: save the exception, run the finally body, re-raise.
            self.switch(fe);
            let exc = self.caught("pyx_fexc");
            self.handled(exc, None, outer, |this| this.block(finalbody));
            self.void_call(
                "pyx_reraise",
                vec![Value::Reg(exc)],
                vec![false],
                ErrKind::Always,
            );
            self.push(None, OpKind::Clear { local: exc }, ErrKind::Never);
            self.switch(after);
        }
    }

    /// Runs `body` as the handler of `exc`: inside it `exc` is the exception being handled
    /// (`sys.exc_info()`, the `__context__` of a new exception), and every way out (the end,
    /// an error, a jump) restores the one handled before and unbinds `name`, as CPython does.
    fn handled(
        &mut self,
        exc: Reg,
        name: Option<&'p t::Target>,
        outer: Option<BlockId>,
        body: impl FnOnce(&mut Self),
    ) {
        let before = self.handler;
        // pyx_exc_enter cannot fail: it returns the previous exception or None.
        let prev = self.temp(RType::Obj, true);
        self.push(
            Some(prev),
            OpKind::Call {
                func: "pyx_exc_enter".into(),
                args: vec![Value::Reg(exc)],
                steals: vec![false],
            },
            ErrKind::Never,
        );
        let saved = self.hold_as("pyx_esave", Value::Reg(prev));
        let fail = self.new_block();
        self.handler = Some(fail);
        self.cleanups.push(Cleanup::Handled { saved, name });
        body(self);
        self.cleanups.pop();
        self.leave_handled(saved, name);
        let cont = self.new_block();
        self.goto(cont);
        self.switch(fail);
        self.handler = outer;
        self.leave_handled(saved, name);
        self.terminate(Term::Raise(outer, self.line));
        self.switch(cont);
        self.handler = before;
    }

    /// The end of a handler: the exception handled before comes back; the `as` name goes.
    pub(super) fn leave_handled(&mut self, saved: Reg, name: Option<&'p t::Target>) {
        self.void_call(
            "pyx_exc_restore",
            vec![Value::Reg(saved)],
            vec![false],
            ErrKind::Never,
        );
        self.push(None, OpKind::Clear { local: saved }, ErrKind::Never);
        if let Some(n) = name {
            self.unbind(n);
        }
    }

    /// Makes a name unbound without failing (and without touching a pending exception).
    fn unbind(&mut self, target: &'p t::Target) {
        if let Some((cell, _)) = self.target_cell(target) {
            self.push(
                None,
                OpKind::Stmt {
                    template: "(void)PyCell_Set($0, NULL)".into(),
                    args: vec![cell],
                },
                ErrKind::Never,
            );
            return;
        }
        match target {
            t::Target::Local(l) => {
                let r = self.locals[*l];
                self.push(None, OpKind::Clear { local: r }, ErrKind::Never);
            }
            t::Target::PyGlobal(name) => {
                let n = self.name_const(name);
                self.void_call(
                    "pyx_dict_unbind",
                    vec![Value::C("pyx_module_dict".into()), n],
                    vec![false, false],
                    ErrKind::Never,
                );
            }
            _ => {}
        }
    }

    /// The handlers of `except*`: each takes the part of the exception group (a lone exception
    /// is wrapped in one) its types match; exceptions they raise, and the part no handler
    /// took, are raised together at the end (see `pyx_star_finish`).
    fn star_handlers(&mut self, exc: Reg, handlers: &'p [t::Handler]) {
        let st = self.obj_call("pyx_star_begin", vec![Value::Reg(exc)]);
        let state = self.hold(st);
        for h in handlers {
            let Some(ty) = &h.types else { continue };
            let tv = self.expr(ty);
            let m = self.obj_call("pyx_star_match", vec![Value::Reg(state), tv]);
            let m = self.hold(m);
            let matched = self.c_expr_obj("$0 != Py_None", vec![Value::Reg(m)], "int");
            let (hb, record, next) = (self.new_block(), self.new_block(), self.new_block());
            self.terminate(Term::Branch(matched, hb, next));
            self.switch(hb);
            self.push(
                None,
                OpKind::Stmt {
                    template: "pyx_tb_added = 0".into(),
                    args: vec![],
                },
                ErrKind::Never,
            );
            self.handled(m, h.name.as_ref(), Some(record), |this| {
                if let Some(n) = &h.name {
                    this.store(n, Value::Reg(m), &Type::OBJECT);
                }
                this.handling.push(m);
                this.block(&h.body);
                this.handling.pop();
            });
            self.goto(next);
            self.switch(record);
            self.void_call(
                "pyx_star_record",
                vec![Value::Reg(state)],
                vec![false],
                ErrKind::Never,
            );
            self.goto(next);
            self.switch(next);
            self.push(None, OpKind::Clear { local: m }, ErrKind::Never);
        }
        self.void_call(
            "pyx_star_finish",
            vec![Value::Reg(state)],
            vec![false],
            ErrKind::Neg,
        );
        self.push(None, OpKind::Clear { local: state }, ErrKind::Never);
    }

    /// The exception being propagated, taken out of the error indicator into a local.
    fn caught(&mut self, prefix: &str) -> Reg {
        let fetched = self.obj_call("pyx_exc_fetch", vec![]);
        self.hold_as(prefix, fetched)
    }

    /// Where an exception is caught: the frame's traceback entry is added here (CPython's
    /// traceback has the frame that handles it); re-raised from here, it must not get a second
    /// one at the function's exit.
    fn catch_here(&mut self) {
        let name = match self.f.style {
            FnStyle::ModuleExec => "<module>".to_string(),
            _ => self
                .f
                .traceback_name(self.prog.cpython_messages)
                .to_string(),
        };
        self.push(
            None,
            OpKind::Stmt {
                template: format!(
                    "pyx_add_traceback({}, pyx_lineno); pyx_tb_added = 1",
                    c_string(name.as_bytes())
                ),
                args: vec![],
            },
            ErrKind::Never,
        );
    }

    /// `__exit__(None, None, None)` (awaited for `async with`) when the body is left without
    /// an exception.
    fn exit_with(&mut self, exit: Reg, mgr: Reg, is_async: bool) {
        let r = self.obj_call("pyx_with_exit_ok", vec![Value::Reg(exit)]);
        if is_async {
            let _ = self.await_value(r);
        }
        self.push(None, OpKind::Clear { local: exit }, ErrKind::Never);
        self.push(None, OpKind::Clear { local: mgr }, ErrKind::Never);
    }

    /// `with` (and `async with`, whose `__aenter__`/`__aexit__` results are awaited).
    pub(super) fn with_stmt(
        &mut self,
        ctx: &'p t::Expr,
        target: Option<&'p t::Target>,
        body: &'p [t::Stmt],
        is_async: bool,
    ) {
        self.helper("except");
        let (get_exit, enter) = if is_async {
            self.helper("generator");
            ("pyx_async_with_exit", "pyx_async_with_enter")
        } else {
            ("pyx_with_exit", "pyx_with_enter")
        };
        let cv = self.expr(ctx);
        let mgr = self.hold_as("pyx_mgr", cv);
        let ev = self.obj_call(get_exit, vec![Value::Reg(mgr)]);
        let exit = self.hold_as("pyx_exit", ev);
        let mut entered = self.obj_call(enter, vec![Value::Reg(mgr)]);
        if is_async {
            entered = self.await_value(entered);
        }
        match target {
            Some(t) => self.store(t, entered, &Type::OBJECT),
            None => {
                let _ = entered;
            }
        }
        let outer = self.handler;
        let eb = self.new_block();
        let done = self.new_block();
        self.handler = Some(eb);
        self.cleanups.push(Cleanup::WithExit {
            exit,
            mgr,
            outer,
            is_async,
        });
        self.block(body);
        self.cleanups.pop();
        self.handler = outer;
        self.exit_with(exit, mgr, is_async);
        self.goto(done);
        self.switch(eb);
        self.catch_here();
        // On error: call __exit__ with the exception; re-raise unless it returns true.
        let exc = self.caught("pyx_wexc");
        let suppress = self.local("pyx_sup", RType::C("int".into()));
        self.handled(exc, None, outer, |this| {
            // `__exit__(type, exc, tb)` (awaited for `async with`); a true result suppresses.
            let mut res = this.obj_call(
                "pyx_with_exit_call",
                vec![Value::Reg(exit), Value::Reg(exc)],
            );
            if is_async {
                res = this.await_value(res);
            }
            let r = this.c_call("PyObject_IsTrue", vec![res], "int", ErrKind::Neg);
            this.assign(suppress, r);
        });
        let suppress = Value::Reg(suppress);
        let (sup, raise) = (self.new_block(), self.new_block());
        self.terminate(Term::Branch(suppress, sup, raise));
        self.switch(raise);
        self.void_call(
            "pyx_reraise",
            vec![Value::Reg(exc)],
            vec![false],
            ErrKind::Always,
        );
        self.switch(sup);
        self.push(
            None,
            OpKind::Stmt {
                template: "pyx_tb_added = 0".into(),
                args: vec![],
            },
            ErrKind::Never,
        );
        self.push(None, OpKind::Clear { local: exc }, ErrKind::Never);
        self.goto(done);
        self.switch(done);
        self.push(None, OpKind::Clear { local: exit }, ErrKind::Never);
        self.push(None, OpKind::Clear { local: mgr }, ErrKind::Never);
    }
}
