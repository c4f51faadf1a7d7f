//! Lowering statements: control flow into blocks (loops, GIL sections; exception handling is
//! in `exceptions.rs`), stores into every kind of target.

use super::*;

impl<'p> FnLower<'p> {
    pub(super) fn block(&mut self, body: &'p [t::Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    pub(super) fn stmt(&mut self, s: &'p t::Stmt) {
        self.line = s.line;
        match &s.kind {
            S::Expr(e) => {
                let _ = self.expr(e);
            }
            S::Assign(target, value) => {
                let v = self.expr(value);
                self.store(target, v, &value.ty);
            }
            S::AugAssign(target, value) => self.aug_assign(target, value),
            S::AsyncFor {
                target,
                iter,
                body,
                orelse,
            } => self.async_for(target, iter, body, orelse),
            S::Pass => {}
            S::If(test, body, orelse) => {
                let c = self.expr(test);
                let (tb, eb, done) = (self.new_block(), self.new_block(), self.new_block());
                self.terminate(Term::Branch(c, tb, eb));
                self.switch(tb);
                self.block(body);
                self.goto(done);
                self.switch(eb);
                self.block(orelse);
                self.goto(done);
                self.switch(done);
            }
            S::While(test, body, orelse) => {
                let (head, bb, eb, done) = (
                    self.new_block(),
                    self.new_block(),
                    self.new_block(),
                    self.new_block(),
                );
                self.goto(head);
                self.switch(head);
                let c = self.expr(test);
                self.terminate(Term::Branch(c, bb, eb));
                self.switch(bb);
                self.loop_body(body, done, head);
                self.switch(eb);
                self.block(orelse);
                self.goto(done);
                self.switch(done);
            }
            S::ForRange {
                var,
                var_ty,
                start,
                stop,
                step,
                step_const,
                body,
                orelse,
            } => self.for_range(var, var_ty, [start, stop, step], *step_const, body, orelse),
            S::ForIter {
                target,
                iter,
                body,
                orelse,
            } => {
                let it = self.expr(iter);
                self.helper("iter");
                let itv = self.obj_call("pyx_iter_start", vec![it]);
                let iter_local = self.hold_as("pyx_it", itv);
                let index = self.local("pyx_idx", RType::C("Py_ssize_t".into()));
                self.assign(index, Value::C("0".into()));
                let index_ptr = Value::C(format!("&{}", self.f.regs[index].name));
                let (head, bb, eb, done) = (
                    self.new_block(),
                    self.new_block(),
                    self.new_block(),
                    self.new_block(),
                );
                self.goto(head);
                self.switch(head);
                self.helper("iter");
                let item = self.temp(RType::Obj, true);
                self.push(
                    Some(item),
                    OpKind::Call {
                        func: "pyx_iter_step".into(),
                        args: vec![Value::Reg(iter_local), index_ptr],
                        steals: vec![false, false],
                    },
                    ErrKind::MaybeValue("NULL".into()),
                );
                let item_local = self.local("pyx_item", RType::Obj);
                self.assign(item_local, Value::Reg(item));
                let has = self.c_expr_obj("$0 != NULL", vec![Value::Reg(item_local)], "int");
                self.terminate(Term::Branch(has, bb, eb));
                self.switch(bb);
                // A C-typed loop variable takes each item converted.
                self.store_item(target, Value::Reg(item_local));
                // Released before the body: an item unpacked into names (`for k, v in
                // d.items()`) is then free for the iterator to reuse.
                self.push(None, OpKind::Clear { local: item_local }, ErrKind::Never);
                self.loop_body(body, done, head);
                self.switch(eb);
                self.block(orelse);
                self.goto(done);
                self.switch(done);
                self.push(None, OpKind::Clear { local: iter_local }, ErrKind::Never);
            }
            S::Break | S::Continue => {
                let Some(lp) = self.loops.last() else { return };
                let (target, depth) = (
                    if matches!(s.kind, S::Break) {
                        lp.brk
                    } else {
                        lp.cont
                    },
                    lp.cleanup_depth,
                );
                self.run_cleanups_down_to(depth);
                self.exit_gil_sections(self.loops.len());
                self.goto(target);
                let dead = self.new_block();
                self.switch(dead);
            }
            S::Return(v) if self.src.generator => {
                let val = v.as_ref().map(|e| self.expr(e));
                self.generator_return(val);
            }
            S::Return(v) => {
                let val = v.as_ref().map(|e| {
                    let x = self.expr(e);
                    if e.ty.is_object() {
                        x
                    } else {
                        self.materialize(x, &e.ty)
                    }
                });
                let val = if self.cleanups.is_empty() {
                    val
                } else {
                    // Keep the value while finally bodies run.
                    match val {
                        Some(x)
                            if matches!(self.f.style, FnStyle::Python)
                                || self.src.ret.is_object() =>
                        {
                            let hold = self.hold_as("pyx_ret", x);
                            self.run_cleanups_down_to(0);
                            Some(self.take_local(hold, &Type::OBJECT))
                        }
                        other => {
                            self.run_cleanups_down_to(0);
                            other
                        }
                    }
                };
                let val = match (val, self.f.style) {
                    (None, FnStyle::Python) => Some(Value::C("Py_None".into())),
                    (None, FnStyle::C) if self.src.ret.is_object() => {
                        Some(Value::C("Py_None".into()))
                    }
                    (None, FnStyle::C) if !self.src.ret.is_void() => {
                        Some(Value::C(zero_of(&self.src.ret)))
                    }
                    (v, _) => v,
                };
                self.exit_gil_sections(0);
                self.terminate(Term::Return(val));
                let dead = self.new_block();
                self.switch(dead);
            }
            S::Raise(exc, cause) => {
                self.helper("except");
                match exc {
                    Some(e) => {
                        let v = self.expr(e);
                        let c = match cause {
                            Some(c) => self.expr(c),
                            None => Value::C("NULL".into()),
                        };
                        self.void_call(
                            "pyx_raise",
                            vec![v, c],
                            vec![false, false],
                            ErrKind::Always,
                        );
                    }
                    None => match self.handling.last() {
                        Some(&exc) => self.void_call(
                            "pyx_reraise",
                            vec![Value::Reg(exc)],
                            vec![false],
                            ErrKind::Always,
                        ),
                        None => self.void_call(
                            "pyx_reraise",
                            vec![Value::C("NULL".into())],
                            vec![false],
                            ErrKind::Always,
                        ),
                    },
                }
                let dead = self.new_block();
                self.switch(dead);
            }
            S::Try {
                body,
                handlers,
                orelse,
                finalbody,
                star,
            } => self.try_stmt(body, handlers, orelse, finalbody, *star),
            S::Del(target) => self.del(target),
            S::Assert(test, msg) => {
                let c = self.expr(test);
                let (fail, ok) = (self.new_block(), self.new_block());
                self.terminate(Term::Branch(c, ok, fail));
                self.switch(fail);
                let m = match msg {
                    Some(m) => self.expr(m),
                    None => Value::C("NULL".into()),
                };
                self.helper("except");
                self.void_call("pyx_raise_assert", vec![m], vec![false], ErrKind::Always);
                self.switch(ok);
            }
            S::Nogil(body) => self.gil_section(GilChange::Release, body),
            S::Prange(p) => self.prange(p),
            S::ParallelBlock(body, threads) => self.parallel_block(body, threads.as_ref()),
            S::Gil(body) => self.gil_section(GilChange::Acquire, body),
            S::With {
                ctx,
                target,
                body,
                is_async,
            } => self.with_stmt(ctx, target.as_ref(), body, *is_async),
            S::ImportStar(m) => {
                self.helper("import");
                let m = self.expr(m);
                self.void_call(
                    "pyx_import_star",
                    vec![m, Value::C("pyx_module_dict".into())],
                    vec![false; 2],
                    ErrKind::Neg,
                );
            }
            S::Append(kind, acc, k, v) => {
                let accv = Value::Reg(self.locals[*acc]);
                let kv = self.expr(k);
                match kind {
                    ComprehensionKind::List => self.void_call(
                        "PyList_Append",
                        vec![accv, kv],
                        vec![false, false],
                        ErrKind::Neg,
                    ),
                    ComprehensionKind::Set => self.void_call(
                        "PySet_Add",
                        vec![accv, kv],
                        vec![false, false],
                        ErrKind::Neg,
                    ),
                    ComprehensionKind::Dict => {
                        let vv = match v {
                            Some(v) => self.expr(v),
                            None => Value::C("Py_None".into()),
                        };
                        self.void_call(
                            "PyDict_SetItem",
                            vec![accv, kv, vv],
                            vec![false; 3],
                            ErrKind::Neg,
                        );
                    }
                }
            }
        }
    }

    /// A loop's body, where `break` goes to `brk` and `continue` (and the end) to `cont`.
    pub(super) fn loop_body(&mut self, body: &'p [t::Stmt], brk: BlockId, cont: BlockId) {
        self.loops.push(LoopCx {
            brk,
            cont,
            cleanup_depth: self.cleanups.len(),
        });
        self.block(body);
        self.loops.pop();
        self.goto(cont);
    }

    /// Stores a loop's item (an object) into its target, converted to the target's type.
    pub(super) fn store_item(&mut self, target: &'p t::Target, item: Value) {
        let ty = target_type(self.prog, self.src, target);
        let v = self.convert(item, &Type::OBJECT, &ty);
        self.store(target, v, &ty);
    }

    /// A C counting loop, shaped as Cython shapes it. With a constant step `k > 0`:
    /// `for (c = start; c < stop; c += k)`. With `k < 0` the counter runs one step ahead and
    /// steps at the top of the body, `for (c = start - k; c > stop - k;) { c += k; ... }`, so an
    /// unsigned counter never has to go below `stop`. A step known at run time is checked for
    /// zero and its sign tested on every iteration.
    pub(super) fn for_range(
        &mut self,
        var: &'p t::Target,
        ty: &Type,
        [start, stop, step]: [&'p t::Expr; 3],
        step_const: Option<i64>,
        body: &'p [t::Stmt],
        orelse: &'p [t::Stmt],
    ) {
        let s0 = self.expr(start);
        let s0 = self.materialize(s0, ty);
        let stop_v = self.expr(stop);
        let stop_v = self.materialize(stop_v, &stop.ty);
        let counter = self.local("pyx_i", RType::C(ty.c_type()));
        let stop_l = self.local("pyx_stop", RType::C(stop.ty.c_type()));
        let c = self.f.regs[counter].name.clone();
        let st = self.f.regs[stop_l].name.clone();
        // (condition, statement at the top of the body, statement at the latch)
        let (cond, enter, latch_stmt) = match step_const {
            Some(k) if k > 0 => {
                self.assign(counter, s0);
                self.assign(stop_l, stop_v);
                (format!("{c} < {st}"), None, Some(format!("{c} += {k}")))
            }
            Some(k) => {
                let k = k.unsigned_abs();
                self.assign(counter, s0);
                self.assign(stop_l, stop_v);
                self.c_stmt(format!("{c} += {k}"));
                self.c_stmt(format!("{st} += {k}"));
                (format!("{c} > {st}"), Some(format!("{c} -= {k}")), None)
            }
            None => {
                let step_v = self.expr(step);
                let step_v = self.materialize(step_v, ty);
                let step_l = self.local("pyx_step", RType::C(ty.c_type()));
                self.assign(counter, s0);
                self.assign(stop_l, stop_v);
                self.assign(step_l, step_v);
                let sp = self.f.regs[step_l].name.clone();
                self.helper("arith");
                self.void_call(
                    "pyx_check_range_step",
                    vec![Value::C(format!("({sp} == 0)"))],
                    vec![false],
                    ErrKind::Neg,
                );
                (
                    format!("({sp} > 0 ? {c} < {st} : {c} > {st})"),
                    None,
                    Some(format!("{c} += {sp}")),
                )
            }
        };
        let (head, bb, latch, eb, done) = (
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
        );
        self.goto(head);
        self.switch(head);
        self.terminate(Term::Branch(Value::C(cond), bb, eb));
        self.switch(bb);
        if let Some(stmt) = enter {
            self.c_stmt(stmt);
        }
        self.store(var, Value::C(c.clone()), ty);
        self.loop_body(body, done, latch);
        self.switch(latch);
        if let Some(stmt) = latch_stmt {
            self.c_stmt(stmt);
        }
        self.goto(head);
        self.switch(eb);
        self.block(orelse);
        self.goto(done);
        self.switch(done);
    }

    /// A C statement that cannot fail and reads no registers.
    pub(super) fn c_stmt(&mut self, template: String) {
        self.push(
            None,
            OpKind::Stmt {
                template,
                args: vec![],
            },
            ErrKind::Never,
        );
    }

    /// `obj.attr op= v` / `obj[i] op= v`: the object and index are evaluated once, held in
    /// locals while the new value is computed (which reads the target through them).
    fn aug_assign(&mut self, target: &'p t::Target, value: &'p t::Expr) {
        let aug = match target {
            t::Target::Attr(obj, name) => {
                let o = self.expr(obj);
                let o = Value::Reg(self.hold(o));
                AugTarget::Attr(o, self.name_const(name))
            }
            t::Target::Item(obj, idx) => {
                let o = self.expr(obj);
                let o = Value::Reg(self.hold(o));
                let i = self.expr(idx);
                AugTarget::Item(o, Value::Reg(self.hold(i)))
            }
            _ => {
                let v = self.expr(value);
                self.store(target, v, &value.ty);
                return;
            }
        };
        let outer = self.aug.replace(aug.clone());
        let v = self.expr(value);
        self.aug = outer;
        let (func, o, k) = match &aug {
            AugTarget::Attr(o, n) => ("pyx_setattr", o, n),
            AugTarget::Item(o, i) => ("pyx_setitem", o, i),
        };
        self.helper("object");
        self.void_call(
            func,
            vec![o.clone(), k.clone(), v],
            vec![false; 3],
            ErrKind::Neg,
        );
        for held in [o, k] {
            if let Value::Reg(r) = held {
                if self.f.regs[*r].kind == RegKind::Local {
                    self.push(None, OpKind::Clear { local: *r }, ErrKind::Never);
                }
            }
        }
    }

    /// The cell a captured variable lives in (its own, or one its closure received), with the
    /// variable's name; `None` for any other target.
    pub(super) fn target_cell(&self, target: &t::Target) -> Option<(Value, String)> {
        match target {
            t::Target::FreeVar(i) => Some((
                Value::C(format!("PyTuple_GET_ITEM(pyx_self, {})", i + 1)),
                self.src.freevars[*i].name.clone(),
            )),
            t::Target::Local(l) if self.src.locals[*l].cell => Some((
                Value::Reg(self.locals[*l]),
                self.src.locals[*l].name.clone(),
            )),
            _ => None,
        }
    }

    pub(super) fn del(&mut self, target: &'p t::Target) {
        if let Some((cell, name)) = self.target_cell(target) {
            self.helper("closure");
            self.void_call(
                "pyx_cell_del",
                vec![cell, Value::C(c_string(name.as_bytes()))],
                vec![false; 2],
                ErrKind::Neg,
            );
            return;
        }
        match target {
            t::Target::Local(l) => {
                let r = self.locals[*l];
                self.push(None, OpKind::Clear { local: r }, ErrKind::Never);
            }
            t::Target::PyGlobal(name) => {
                // Deleted from the module object, as Cython does: AttributeError if unbound.
                let n = self.name_const(name);
                self.void_call(
                    "PyObject_DelAttr",
                    vec![Value::C("pyx_module".into()), n],
                    vec![false, false],
                    ErrKind::Neg,
                );
            }
            t::Target::Attr(obj, name) => {
                let o = self.expr(obj);
                let n = self.name_const(name);
                self.void_call(
                    "PyObject_DelAttr",
                    vec![o, n],
                    vec![false, false],
                    ErrKind::Neg,
                );
            }
            t::Target::Item(obj, idx) => {
                let o = self.expr(obj);
                let i = self.expr(idx);
                self.void_call(
                    "PyObject_DelItem",
                    vec![o, i],
                    vec![false, false],
                    ErrKind::Neg,
                );
            }
            t::Target::Unpack(ts, _) => {
                for t in ts {
                    self.del(t);
                }
            }
            // Cells are handled above; C variables cannot be deleted.
            t::Target::FreeVar(_)
            | t::Target::CGlobal(_)
            | t::Target::CLValue(_)
            | t::Target::MvAssign(_) => {}
        }
    }

    /// Stores a value (of type `ty`) into a target.
    pub(super) fn store(&mut self, target: &'p t::Target, v: Value, ty: &Type) {
        if let Some((cell, _)) = self.target_cell(target) {
            let var_ty = target_type(self.prog, self.src, target);
            if var_ty.lives_in_cell_block() {
                let lv = self.cell_block(&cell, &var_ty);
                let lv = self.text(&lv);
                self.store_c_lvalue(lv, false, v);
                return;
            }
            let v = self.box_cell_value(v, ty);
            self.void_call("PyCell_Set", vec![cell, v], vec![false; 2], ErrKind::Neg);
            return;
        }
        match target {
            // Stored through its cell above.
            t::Target::FreeVar(_) => {}
            t::Target::Local(l) => {
                let local = self.locals[*l];
                self.assign(local, v);
            }
            t::Target::CGlobal(g) => self.store_cglobal(*g, v),
            t::Target::PyGlobal(name) => {
                let n = self.name_const(name);
                self.void_call(
                    "PyDict_SetItem",
                    vec![Value::C("pyx_module_dict".into()), n, v],
                    vec![false; 3],
                    ErrKind::Neg,
                );
            }
            t::Target::Attr(obj, name) => {
                let o = self.expr(obj);
                let n = self.name_const(name);
                self.helper("object");
                self.void_call("pyx_setattr", vec![o, n, v], vec![false; 3], ErrKind::Neg);
            }
            t::Target::Item(obj, idx) => {
                let o = self.expr(obj);
                self.helper("object");
                let (call, i) = match self.ssize_index(idx) {
                    Some(i) => ("pyx_setitem_int", i),
                    None => ("pyx_setitem", self.expr(idx)),
                };
                self.void_call(call, vec![o, i, v], vec![false; 3], ErrKind::Neg);
            }
            t::Target::CLValue(e) if matches!(e.ty, Type::MemView(_)) => {
                let lv = self.lvalue(e);
                self.store_slice(format!("({lv})"), v);
            }
            t::Target::CLValue(e) => {
                let lv = self.lvalue(e);
                self.store_c_lvalue(format!("({lv})"), e.ty.is_object(), v);
            }
            t::Target::Unpack(ts, star) => self.store_unpack(ts, *star, v, ty),
            t::Target::MvAssign(dst) => self.memview_store(dst, v, ty),
        }
    }

    pub(super) fn store_cglobal(&mut self, g: usize, v: Value) {
        let gl = &self.prog.globals[g];
        let (name, is_object) = (gl.cname.clone(), gl.ty.is_object());
        if let Type::MemView(_) = gl.ty {
            self.store_slice(name, v);
            return;
        }
        self.store_c_lvalue(name, is_object, v);
    }

    /// `lv = v` on a slice lvalue (a global, a field): it takes over the slice and releases
    /// its old one.
    fn store_slice(&mut self, lv: String, v: Value) {
        self.helper("memview");
        self.void_call(
            "pyx_mv_store",
            vec![Value::C(format!("&{lv}")), v],
            vec![false, true],
            ErrKind::Never,
        );
    }

    /// `lv = v` on a C lvalue; an object one owns its value (the old one is released).
    fn store_c_lvalue(&mut self, lv: String, is_object: bool, v: Value) {
        if is_object {
            self.helper("core");
            self.void_call(
                "pyx_store_static",
                vec![Value::C(format!("&{lv}")), v],
                vec![false, true],
                ErrKind::Never,
            );
        } else {
            self.push(
                None,
                OpKind::Stmt {
                    template: format!("{lv} = $0"),
                    args: vec![v],
                },
                ErrKind::Never,
            );
        }
    }

    pub(super) fn store_unpack(
        &mut self,
        ts: &'p [t::Target],
        star: Option<usize>,
        v: Value,
        ty: &Type,
    ) {
        if let Type::CTuple(items) = ty {
            let v = self.materialize(v, ty);
            let base = self.text(&v);
            // Each field converts to its target's type (a Python variable boxes it).
            for (i, (t, ity)) in ts.iter().zip(items).enumerate() {
                let tty = target_type(self.prog, self.src, t);
                let item = self.convert(Value::C(format!("{base}.f{i}")), ity, &tty);
                self.store(t, item, &tty);
            }
            return;
        }
        self.helper("unpack");
        let n = ts.len();
        let seq = self.local("pyx_seq", RType::Obj);
        let (func, args) = match star {
            None => ("pyx_unpack", vec![v, Value::C(n.to_string())]),
            Some(s) => (
                "pyx_unpack_star",
                vec![
                    v,
                    Value::C(s.to_string()),
                    Value::C((n - s - 1).to_string()),
                ],
            ),
        };
        let r = self.obj_call(func, args);
        self.assign(seq, r);
        for (i, t) in ts.iter().enumerate() {
            let item = self.obj_call(
                "pyx_tuple_item",
                vec![Value::Reg(seq), Value::C(i.to_string())],
            );
            let tty = target_type(self.prog, self.src, t);
            let conv = self.convert(item, &Type::OBJECT, &tty);
            self.store(t, conv, &tty);
        }
        self.push(None, OpKind::Clear { local: seq }, ErrKind::Never);
    }

    /// The C text of an lvalue expression.
    pub(super) fn lvalue(&mut self, e: &'p t::Expr) -> String {
        if let t::ExprKind::ExtField(obj, cls, field) = &e.kind {
            return self.ext_field_lvalue(obj, *cls, field);
        }
        let v = self.expr(e);
        self.text(&v)
    }
}
