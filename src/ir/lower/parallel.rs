//! Lowering `prange` loops and `with parallel():` blocks. Each is a `CountedLoop`: its body's
//! blocks nested in C inside a structured `for` (a block: braces run once per thread), so that
//! OpenMP can run it. Nothing jumps out of it: an exception goes to a handler inside that
//! keeps it (the first one) and makes the remaining iterations skip, as `break` does; after
//! the loop the kept exception is raised again.
//!
//! A loop runs in parallel when it is in a nogil section and its body writes no object or
//! view variable, changes no thread state of its own and does not `return`. Otherwise, and in
//! modules built without `-fopenmp`, it runs serially: one of the orders a parallel run may
//! take, with the same results. Inside a parallel block a `prange` shares its iterations out
//! among the block's threads (`omp for`); one that can fail or break makes the block serial.

use super::*;
use std::collections::HashSet;
use std::fmt::Write;

impl<'p> FnLower<'p> {
    pub(super) fn prange(&mut self, p: &'p t::Prange) {
        let t::StmtKind::ForRange {
            var,
            var_ty,
            start,
            stop,
            step,
            step_const,
            body,
            orelse,
        } = &p.range.kind
        else {
            return self.stmt(&p.range);
        };
        // An unsigned variable counting down (or by a step known only at run time) has its
        // bounds and count computed in a signed type, where a negative step is negative.
        let unsigned = var_ty.int_kind().is_some_and(|k| !k.signed());
        let bound_ty = if unsigned && step_const.is_none_or(|c| c < 0) {
            Type::int(IntKind::LongLong)
        } else {
            var_ty.clone()
        };
        let cty = bound_ty.c_type();
        let bound = |me: &mut Self, prefix: &str, e: &'p t::Expr| {
            let v = me.expr(e);
            let v = me.materialize(v, &bound_ty);
            let l = me.local(prefix, RType::C(cty.clone()));
            me.assign(l, v);
            me.f.regs[l].name.clone()
        };
        let first = bound(self, "pyx_pstart", start);
        let last = bound(self, "pyx_pstop", stop);
        let step = bound(self, "pyx_pstep", step);
        // (A zero constant step is a compile-time error.)
        if step_const.is_none() {
            self.helper("arith");
            self.void_call(
                "pyx_check_range_step",
                vec![Value::C(format!("({step} == 0)"))],
                vec![false],
                ErrKind::Neg,
            );
        }
        let count = self.local("pyx_pcount", RType::C(cty.clone()));
        self.push(
            Some(count),
            OpKind::Expr {
                template: format!(
                    "{step} > 0 ? ({first} < {last} ? ({last} - {first} - 1) / {step} + 1 : 0) \
                     : ({first} > {last} ? ({first} - {last} - 1) / (0 - {step}) + 1 : 0)"
                ),
                args: vec![],
            },
            ErrKind::Never,
        );
        let mut parallel_clauses = String::new();
        if let Some(e) = &p.num_threads {
            let v = self.expr(e);
            let _ = write!(parallel_clauses, " num_threads({})", self.text(&v));
        }
        // Each thread reads the start and step from its own copy (registers), not through
        // the pointer to the shared variable. (In a parallel block they are the thread's.)
        let mut for_clauses = if self.parallel_block.is_some() {
            String::new()
        } else {
            format!(" firstprivate({first}, {step})")
        };
        if let Some((kind, chunk)) = &p.schedule {
            let chunk = match chunk {
                Some(e) => {
                    let v = self.expr(e);
                    format!(", {}", self.text(&v))
                }
                None => String::new(),
            };
            let _ = write!(for_clauses, " schedule({kind}{chunk})");
        }
        self.helper("parallel");
        // In a parallel block the loop keeps an exception in the block's state (initialised
        // once, before the block's threads start).
        let block = self.parallel_block.clone();
        let st = match &block {
            Some(b) => b.state.clone(),
            None => {
                let state = self.local("pyx_par", RType::C("pyx_parallel".into()));
                self.assign(state, Value::C("PYX_PARALLEL_INIT".into()));
                self.f.regs[state].name.clone()
            }
        };
        let counter = self.local("pyx_pk", RType::C(cty));
        let k = self.f.regs[counter].name.clone();
        let (entry, next, after, else_block, done) = (
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
            self.new_block(),
        );
        let head = self.cur;
        let body_blocks = self.f.blocks.len();
        let (iteration, on_error, on_break) =
            (self.new_block(), self.new_block(), self.new_block());

        // Each iteration: skip it once an iteration failed or broke out.
        self.switch(entry);
        self.terminate(Term::Branch(
            Value::C(format!("pyx_parallel_stopped(&{st})")),
            next,
            iteration,
        ));
        self.keep_exception(on_error, &st, next);
        self.switch(on_break);
        self.c_stmt(format!("pyx_parallel_break(&{st})"));
        self.goto(next);

        let outer_handler = self.handler.replace(on_error);
        self.switch(iteration);
        // A constant step is written as such, so the index arithmetic folds.
        let stride = step_const.map_or(step.clone(), |c| c.to_string());
        self.store(var, Value::C(format!("{first} + {k} * {stride}")), var_ty);
        self.loop_body(body, on_break, next);
        self.handler = outer_handler;
        self.switch(next);
        self.terminate(Term::LoopNext {
            first: entry,
            after,
        });
        let region: Vec<BlockId> = std::iter::once(entry)
            .chain(body_blocks..self.f.blocks.len())
            .chain([next])
            .collect();

        // Only a body that can fail or break needs the per-iteration test and thread states.
        let may_fail = self.reaches(&region, on_error);
        let may_break = self.reaches(&region, on_break);
        if !may_fail && !may_break {
            self.f.blocks[entry].term = Term::Goto(iteration);
        }
        let in_block = block.is_some();
        let sharing =
            self.data_sharing(&p.reductions, &p.lastprivate, &region, &[counter], in_block);
        let omp = match sharing {
            Some(c) if in_block && !may_break => Some(OmpLoop {
                parallel: None,
                for_clauses: Some(for_clauses + &c),
                thread_states: false,
            }),
            Some(c) if !in_block => Some(OmpLoop {
                parallel: Some(parallel_clauses),
                for_clauses: Some(for_clauses + &c),
                thread_states: may_fail,
            }),
            // In a parallel block a loop that breaks (the break would stay in the state the
            // block's threads share), or one that must run serially, makes the block serial.
            _ => None,
        };
        if let Some(b) = &mut self.parallel_block {
            b.serial |= omp.is_none();
            b.may_fail |= may_fail;
        }
        if omp.is_some() {
            self.one_level_of_threads(&region);
        }
        let shared = p
            .reductions
            .iter()
            .map(|(l, _)| *l)
            .chain(p.lastprivate.iter().copied())
            .map(|l| self.locals[l])
            .collect();
        self.f.blocks[head].term = Term::CountedLoop(Box::new(CountedLoop {
            iterations: Some((counter, self.f.regs[count].name.clone())),
            region,
            after,
            omp,
            shared,
        }));

        // After the loop: raise the kept exception (in a parallel block: leave the block's
        // body, which raises it), or skip the `else` after a break.
        let raise = match &block {
            Some(b) => b.end,
            None => self.new_block(),
        };
        let not_raised = self.new_block();
        self.switch(after);
        self.terminate(Term::Branch(
            Value::C(format!("{st}.why == PYX_PAR_ERROR")),
            raise,
            not_raised,
        ));
        if block.is_none() {
            self.reraise_kept(raise, &st);
        }
        self.switch(not_raised);
        let broke = match &block {
            // The block's later loops must not see this loop's break (the block is serial).
            Some(_) if may_break => {
                let reset = self.new_block();
                self.switch(reset);
                self.c_stmt(format!("{st}.why = 0"));
                self.goto(done);
                self.switch(not_raised);
                reset
            }
            _ => done,
        };
        self.terminate(Term::Branch(
            Value::C(format!("{st}.why == PYX_PAR_BREAK")),
            broke,
            else_block,
        ));
        self.switch(else_block);
        self.block(orelse);
        self.goto(done);
        self.switch(done);
    }

    /// `with parallel():` (`num_threads`): the body runs once in each thread, its variables
    /// private to the thread (those a `prange` inside reduces or keeps stay shared).
    pub(super) fn parallel_block(&mut self, body: &'p [t::Stmt], threads: Option<&'p t::Expr>) {
        let mut clauses = String::new();
        if let Some(e) = threads {
            let v = self.expr(e);
            let _ = write!(clauses, " num_threads({})", self.text(&v));
        }
        self.helper("parallel");
        let state = self.local("pyx_par", RType::C("pyx_parallel".into()));
        self.assign(state, Value::C("PYX_PARALLEL_INIT".into()));
        let st = self.f.regs[state].name.clone();
        let (end, after, done) = (self.new_block(), self.new_block(), self.new_block());
        let head = self.cur;
        let body_blocks = self.f.blocks.len();
        let (entry, on_error) = (self.new_block(), self.new_block());
        self.keep_exception(on_error, &st, end);

        let outer_handler = self.handler.replace(on_error);
        let outer_block = self.parallel_block.replace(BlockCx {
            state: st.clone(),
            end,
            serial: false,
            may_fail: false,
        });
        self.switch(entry);
        self.block(body);
        self.goto(end);
        self.switch(end);
        self.terminate(Term::LoopNext {
            first: entry,
            after,
        });
        let inner = std::mem::replace(&mut self.parallel_block, outer_block);
        self.handler = outer_handler;
        let region: Vec<BlockId> = (body_blocks..self.f.blocks.len()).chain([end]).collect();

        let inner_fails = inner.as_ref().is_some_and(|b| b.may_fail);
        let may_fail = inner_fails || self.reaches(&region, on_error);
        let serial = inner.is_some_and(|b| b.serial);
        let nested = self.parallel_block.is_some();
        let sharing = self.data_sharing(&[], &[], &region, &[], true);
        let omp = match sharing {
            Some(c) if !serial && !nested => Some(OmpLoop {
                parallel: Some(clauses + &c),
                for_clauses: None,
                thread_states: may_fail,
            }),
            _ => None,
        };
        if let Some(b) = &mut self.parallel_block {
            b.serial = true;
            b.may_fail |= may_fail;
        }
        if omp.is_none() {
            // Serial: a `prange` inside is not shared out either.
            self.one_level_of_threads(&region);
        }
        self.f.blocks[head].term = Term::CountedLoop(Box::new(CountedLoop {
            iterations: None,
            region,
            after,
            omp,
            shared: Vec::new(),
        }));

        let raise = self.new_block();
        self.switch(after);
        self.terminate(Term::Branch(
            Value::C(format!("{st}.why == PYX_PAR_ERROR")),
            raise,
            done,
        ));
        self.reraise_kept(raise, &st);
        self.switch(done);
    }

    /// `block`: an iteration's (or a thread's) handler, keeping the exception in the state
    /// `st`, then going on at `then`.
    fn keep_exception(&mut self, block: BlockId, st: &str, then: BlockId) {
        self.switch(block);
        self.c_stmt(format!("pyx_parallel_error(&{st}, pyx_lineno)"));
        self.goto(then);
    }

    /// `block`: after the loop or block, raises the exception kept in `st` again, at the line
    /// where it was raised.
    fn reraise_kept(&mut self, block: BlockId, st: &str) {
        self.switch(block);
        self.c_stmt(format!("pyx_parallel_reraise(&{st})"));
        self.c_stmt(format!("pyx_lineno = {st}.lineno"));
        self.terminate(Term::Raise(self.handler, 0));
    }

    /// Whether control can go from the blocks of `region` to `target`.
    fn reaches(&self, region: &[BlockId], target: BlockId) -> bool {
        region.iter().any(|&b| {
            let block = &self.f.blocks[b];
            block.term.successors().contains(&target)
                || block
                    .ops
                    .iter()
                    .any(|op| op.err != ErrKind::Never && op.handler == Some(target))
        })
    }

    /// What is nested in a loop or block running in parallel (or in one running serially,
    /// for a `prange` in a parallel block) runs serially.
    fn one_level_of_threads(&mut self, region: &[BlockId]) {
        for &b in region {
            if let Term::CountedLoop(inner) = &mut self.f.blocks[b].term {
                inner.omp = None;
            }
        }
    }

    /// The data-sharing clauses of a loop or block whose body is the blocks `region`, when it
    /// may run in parallel: `reductions`, `lastprivate` variables (also firstprivate, as Cython
    /// has them), and as private every other register the body writes except `counters` (a
    /// `for`'s own). In a parallel block (`keep_shared`) what a nested loop reduces or keeps
    /// stays shared. None when it must run serially.
    fn data_sharing(
        &self,
        reductions: &[(usize, &str)],
        lastprivate: &[usize],
        region: &[BlockId],
        counters: &[Reg],
        keep_shared: bool,
    ) -> Option<String> {
        if !self.nogil || self.f.generator.is_some() {
            return None;
        }
        let inside: HashSet<BlockId> = region.iter().copied().collect();
        let mut shared: Vec<Reg> = Vec::new();
        let mut written: Vec<Reg> = Vec::new();
        let mut write = |r: Reg| {
            if !written.contains(&r) {
                written.push(r);
            }
        };
        for &b in region {
            let block = &self.f.blocks[b];
            for op in &block.ops {
                if op.err != ErrKind::Never && op.handler.is_some_and(|h| !inside.contains(&h)) {
                    return None;
                }
                let dest = match &op.kind {
                    OpKind::Assign { local, .. } => Some(*local),
                    // A nogil section inside would keep its thread state in the function's
                    // variable, shared by the threads.
                    OpKind::Stmt { template, .. } if template.contains("THREADS") => return None,
                    OpKind::Clear { .. } => return None,
                    _ => op.dest,
                };
                if let Some(r) = dest {
                    // Object and view variables are released at the function's end, once.
                    let reg = &self.f.regs[r];
                    if reg.kind == RegKind::Local && !matches!(reg.ty, RType::C(_)) {
                        return None;
                    }
                    write(r);
                }
            }
            // A loop nested in the body counts in its own (private) counter.
            if let Term::CountedLoop(inner) = &block.term {
                if let Some((counter, _)) = inner.iterations {
                    write(counter);
                }
                if keep_shared {
                    shared.extend(inner.shared.iter().copied());
                }
            }
            match &block.term {
                // The end of an iteration (this loop's or a nested one's) stays inside.
                Term::LoopNext { .. } | Term::Unreachable => {}
                Term::Goto(_)
                | Term::Branch(..)
                | Term::CountedLoop(_)
                | Term::Raise(Some(_), _) => {
                    if block.term.successors().iter().any(|s| !inside.contains(s)) {
                        return None;
                    }
                }
                Term::Return(_) | Term::Raise(None, _) | Term::Yield { .. } => return None,
            }
        }
        let name = |r: Reg| self.f.regs[r].name.clone();
        let mut clauses = String::new();
        let mut reduced = HashSet::new();
        for &(l, op) in reductions {
            if !matches!(&self.src.locals[l].ty, Type::Int(_) | Type::Float(_)) {
                return None;
            }
            let r = self.locals[l];
            reduced.insert(r);
            let _ = write!(clauses, " reduction({op}:{})", name(r));
        }
        let last: Vec<Reg> = lastprivate
            .iter()
            .map(|&l| self.locals[l])
            .filter(|r| !reduced.contains(r))
            .collect();
        if !last.is_empty() {
            let names: Vec<String> = last.iter().map(|&r| name(r)).collect();
            let names = names.join(", ");
            let _ = write!(clauses, " firstprivate({names}) lastprivate({names})");
        }
        let private: Vec<String> = written
            .iter()
            .filter(|r| {
                !counters.contains(r)
                    && !reduced.contains(r)
                    && !last.contains(r)
                    && !shared.contains(r)
            })
            .map(|&r| name(r))
            .collect();
        if !private.is_empty() {
            let _ = write!(clauses, " private({})", private.join(", "));
        }
        Some(clauses)
    }
}
