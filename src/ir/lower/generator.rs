//! Lowering generator functions: the start (create the generator, resume at the body), `yield`
//! and `yield from` as suspension points, and `return` as the generator's result. The body
//! reaches its generator as `pyx_g` and the value sent at a resumption as `pyx_sent` (see
//! `runtime/generator.h`).

use super::*;

/// The generator object inside its body, as an object operand.
fn this() -> Value {
    Value::C("(PyObject *)pyx_g".into())
}

impl<'p> FnLower<'p> {
    /// After argument conversion: return a new generator; its first `next()` continues here.
    pub(super) fn generator_start(&mut self) {
        // The runtime swaps the handled exception with `except`'s helpers.
        self.helper("except");
        self.helper("generator");
        let name = self.name_const(&self.src.name);
        let qualname = self.name_const(&self.src.qualname);
        let kind = match (self.src.coroutine, self.src.async_generator) {
            (_, true) => GenKind::AsyncGenerator,
            (true, false) => GenKind::Coroutine,
            (false, false) => GenKind::Generator,
        };
        self.f.generator = Some(GenInfo {
            name,
            qualname,
            kind,
        });
        let resume = self.new_block();
        self.terminate(Term::Yield {
            value: None,
            resume,
        });
        self.switch(resume);
        // NULL: an exception thrown in before the first `next()`.
        let _ = self.obj_call("pyx_gen_sent_value", vec![Value::C("pyx_sent".into())]);
    }

    /// `yield v`: suspend with `v`; the expression's value is what is sent back.
    pub(super) fn yield_value(&mut self, value: Value) -> Value {
        if self.src.async_generator {
            // Tells the awaitable driving it that this is a value, not an inner await.
            self.push(
                None,
                OpKind::Stmt {
                    template: "pyx_g->agen_value = 1".into(),
                    args: vec![],
                },
                ErrKind::Never,
            );
        }
        self.suspend(value)
    }

    /// Hands `value` to the caller and continues with what is sent back.
    fn suspend(&mut self, value: Value) -> Value {
        let resume = self.new_block();
        self.terminate(Term::Yield {
            value: Some(value),
            resume,
        });
        self.switch(resume);
        self.obj_call("pyx_gen_sent_value", vec![Value::C("pyx_sent".into())])
    }

    /// `yield from it`: the generator delegates `next`/`send`/`throw`/`close` to the iterator
    /// (in the runtime) until it finishes; its return value is the expression's value.
    pub(super) fn yield_from(&mut self, iterable: Value) -> Value {
        let sub = self.obj_call("PyObject_GetIter", vec![iterable]);
        self.delegate(sub)
    }

    /// `await x`: the same delegation, to the iterator `x.__await__()` gives.
    pub(super) fn await_value(&mut self, awaitable: Value) -> Value {
        let it = self.obj_call("pyx_coro_await_iter", vec![awaitable]);
        self.delegate(it)
    }

    /// Runs the iterator `sub` to its end through this generator's caller; its return value
    /// is the result.
    fn delegate(&mut self, sub: Value) -> Value {
        let sub = self.hold(sub);
        let result = self.local("pyx_yfr", RType::Obj);
        // The first value, or NULL when the iterator finished at once (or failed).
        let first = self.temp(RType::Obj, true);
        self.push(
            Some(first),
            OpKind::Call {
                func: "pyx_gen_yf_start".into(),
                args: vec![this(), Value::Reg(sub)],
                steals: vec![false, false],
            },
            ErrKind::Never,
        );
        let first_local = self.hold_as("pyx_yf", Value::Reg(first));
        let started = self.c_expr_obj("$0 != NULL", vec![Value::Reg(first_local)], "int");
        let (suspend, finished, join) = (self.new_block(), self.new_block(), self.new_block());
        self.terminate(Term::Branch(started, suspend, finished));

        self.switch(suspend);
        let v = self.take_local(first_local, &Type::OBJECT);
        let sent = self.suspend(v);
        self.assign(result, sent);
        self.goto(join);

        self.switch(finished);
        let v = self.obj_call("pyx_gen_yf_value", vec![this()]);
        self.assign(result, v);
        self.goto(join);

        self.switch(join);
        self.push(None, OpKind::Clear { local: sub }, ErrKind::Never);
        self.take_local(result, &Type::OBJECT)
    }

    /// `return [v]` in a generator: `v` becomes the value of the StopIteration that ends it.
    pub(super) fn generator_return(&mut self, value: Option<Value>) {
        if let Some(v) = value {
            self.void_call(
                "pyx_gen_set_result",
                vec![this(), v],
                vec![false, false],
                ErrKind::Never,
            );
        }
        self.run_cleanups_down_to(0);
        self.exit_gil_sections(0);
        self.terminate(Term::Return(None));
        let dead = self.new_block();
        self.switch(dead);
    }
}

impl<'p> FnLower<'p> {
    /// `async for target in iterable`: await `__anext__()` of `__aiter__()` until it raises
    /// StopAsyncIteration (which runs the `else` clause); other errors propagate.
    pub(super) fn async_for(
        &mut self,
        target: &'p t::Target,
        iterable: &'p t::Expr,
        body: &'p [t::Stmt],
        orelse: &'p [t::Stmt],
    ) {
        self.helper("generator");
        let x = self.expr(iterable);
        let aiter = self.obj_call("pyx_async_iter", vec![x]);
        let aiter = self.hold(aiter);
        let (head, stop, finished, done) = (
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
        );
        self.goto(head);
        self.switch(head);
        let outer = self.handler;
        self.handler = Some(stop);
        let awaitable = self.obj_call("pyx_async_next", vec![Value::Reg(aiter)]);
        let item = self.await_value(awaitable);
        self.handler = outer;
        self.store_item(target, item);
        self.loop_body(body, done, head);

        self.switch(stop);
        let ended = self.c_call("pyx_async_stop", vec![], "int", ErrKind::Never);
        let propagate = self.new_block();
        self.terminate(Term::Branch(ended, finished, propagate));
        self.switch(propagate);
        self.terminate(Term::Raise(outer, 0));

        self.switch(finished);
        self.block(orelse);
        self.goto(done);
        self.switch(done);
        self.push(None, OpKind::Clear { local: aiter }, ErrKind::Never);
    }
}
