//! Lowering `prange` loops. The loop is a `CountedLoop`: a structured C `for` over the
//! iteration count with its body's blocks nested inside, so that it can be an OpenMP
//! `parallel for`. Nothing jumps out of it: an exception in an iteration goes to a handler
//! inside the loop that keeps it (the first one) and makes the remaining iterations skip, as
//! `break` does; after the loop the kept exception is raised again.
//!
//! The loop runs in parallel when it is in a nogil section and its body writes no object or
//! view variable, changes no thread state of its own and does not `return`. Otherwise, and in
//! modules built without `-fopenmp`, it runs serially: one of the orders a parallel run may
//! take, with the same results.

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
        let cty = var_ty.c_type();
        let bound = |me: &mut Self, prefix: &str, e: &'p t::Expr| {
            let v = me.expr(e);
            let v = me.materialize(v, var_ty);
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
        let mut for_clauses = String::new();
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
        let state = self.local("pyx_par", RType::C("pyx_parallel".into()));
        self.assign(state, Value::C("PYX_PARALLEL_INIT".into()));
        let st = self.f.regs[state].name.clone();
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
        self.switch(on_error);
        self.c_stmt(format!("pyx_parallel_error(&{st}, pyx_lineno)"));
        self.goto(next);
        self.switch(on_break);
        self.c_stmt(format!("pyx_parallel_break(&{st})"));
        self.goto(next);

        let outer_handler = self.handler.replace(on_error);
        self.switch(iteration);
        self.store(var, Value::C(format!("{first} + {k} * {step}")), var_ty);
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
        let reaches = |me: &Self, target: BlockId| {
            region.iter().any(|&b| {
                let block = &me.f.blocks[b];
                block.term.successors().contains(&target)
                    || block
                        .ops
                        .iter()
                        .any(|op| op.err != ErrKind::Never && op.handler == Some(target))
            })
        };
        let may_fail = reaches(self, on_error);
        if !may_fail && !reaches(self, on_break) {
            self.f.blocks[entry].term = Term::Goto(iteration);
        }
        let omp = self.data_sharing(p, &region, counter).map(|c| OmpLoop {
            parallel_clauses,
            for_clauses: for_clauses + &c,
            thread_states: may_fail,
        });
        if omp.is_some() {
            // One level of threads: a prange inside runs serially in each.
            for &b in &region {
                if let Term::CountedLoop(inner) = &mut self.f.blocks[b].term {
                    inner.omp = None;
                }
            }
        }
        self.f.blocks[head].term = Term::CountedLoop(Box::new(CountedLoop {
            counter,
            count: self.f.regs[count].name.clone(),
            region,
            after,
            omp,
        }));

        // After the loop: raise the kept exception, or skip the `else` after a break.
        let (raise, not_raised) = (self.new_block(), self.new_block());
        self.switch(after);
        self.terminate(Term::Branch(
            Value::C(format!("{st}.why == PYX_PAR_ERROR")),
            raise,
            not_raised,
        ));
        self.switch(raise);
        self.c_stmt(format!("pyx_parallel_reraise(&{st})"));
        self.c_stmt(format!("pyx_lineno = {st}.lineno"));
        self.terminate(Term::Raise(self.handler, 0));
        self.switch(not_raised);
        self.terminate(Term::Branch(
            Value::C(format!("{st}.why == PYX_PAR_BREAK")),
            done,
            else_block,
        ));
        self.switch(else_block);
        self.block(orelse);
        self.goto(done);
        self.switch(done);
    }

    /// The data-sharing clauses of the loop when its body (the blocks `region`) may run in
    /// parallel: reductions, lastprivate variables (also firstprivate, as Cython has them) and
    /// every other register the body writes as private. None when it must run serially.
    fn data_sharing(&self, p: &t::Prange, region: &[BlockId], counter: Reg) -> Option<String> {
        if !self.nogil || self.f.generator.is_some() {
            return None;
        }
        let inside: HashSet<BlockId> = region.iter().copied().collect();
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
                write(inner.counter);
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
        for &(l, op) in &p.reductions {
            if !matches!(&self.src.locals[l].ty, Type::Int(_) | Type::Float(_)) {
                return None;
            }
            let r = self.locals[l];
            reduced.insert(r);
            let _ = write!(clauses, " reduction({op}:{})", name(r));
        }
        let last: Vec<Reg> = p
            .lastprivate
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
            .filter(|r| **r != counter && !reduced.contains(r) && !last.contains(r))
            .map(|&r| name(r))
            .collect();
        if !private.is_empty() {
            let _ = write!(clauses, " private({})", private.join(", "));
        }
        Some(clauses)
    }
}
