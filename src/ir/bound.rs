//! Drops the unbound-local checks (`pyx_check_bound`, `pyx_mv_check_bound` for views) of
//! locals that are bound on every path to the read: parameters, and variables assigned on
//! every path before it. A forward "definitely bound" analysis over the blocks, conservative
//! wherever it cannot tell: an object local counts as bound only after an `Assign` of a value
//! known not to be NULL, and any other write (`Clear`, an operation's destination, its address
//! taken in C text) makes it unknown. A view local is bound by any assignment (no slice value
//! is the unbound marker; views are written only by assignments and operation results).

use super::*;
use std::collections::HashSet;

pub fn drop_bound_checks(f: &mut Function) {
    let n = f.blocks.len();
    if n == 0 {
        return;
    }
    let escaped = address_taken(f);
    // None: not reached yet (the top of the lattice).
    let mut entry: Vec<Option<HashSet<Reg>>> = vec![None; n];
    entry[0] = Some(HashSet::new());
    let mut work = vec![0];
    while let Some(b) = work.pop() {
        let Some(mut cur) = entry[b].clone() else {
            continue;
        };
        let mut edges: Vec<(BlockId, HashSet<Reg>)> = Vec::new();
        let mut nonnull_temps: HashSet<Reg> = HashSet::new();
        for op in &f.blocks[b].ops {
            if op.err != ErrKind::Never {
                if let Some(h) = op.handler {
                    // A failing operation may have stored NULL in a local it writes.
                    let mut at_fail = cur.clone();
                    if let Some(d) = op.dest {
                        at_fail.remove(&d);
                    }
                    edges.push((h, at_fail));
                }
            }
            transfer(f, op, &mut cur, &mut nonnull_temps, &escaped);
        }
        // `if (local != NULL)` (a loop's next item): bound on the true side.
        if let Term::Branch(Value::Reg(c), yes, no) = &f.blocks[b].term {
            if let Some(l) = tested_local(f, b, *c) {
                let mut bound = cur.clone();
                if !escaped.contains(&l) {
                    bound.insert(l);
                }
                edges.push((*yes, bound));
                edges.push((*no, cur.clone()));
            } else {
                edges.extend(
                    f.blocks[b]
                        .term
                        .successors()
                        .into_iter()
                        .map(|s| (s, cur.clone())),
                );
            }
        } else {
            for s in f.blocks[b].term.successors() {
                edges.push((s, cur.clone()));
            }
        }
        for (s, set) in edges {
            let changed = match &mut entry[s] {
                None => {
                    entry[s] = Some(set);
                    true
                }
                Some(old) => {
                    let before = old.len();
                    old.retain(|r| set.contains(r));
                    old.len() != before
                }
            };
            if changed {
                work.push(s);
            }
        }
    }
    for (b, start) in entry.into_iter().enumerate() {
        let Some(mut cur) = start else { continue };
        let mut nonnull_temps: HashSet<Reg> = HashSet::new();
        let ops = std::mem::take(&mut f.blocks[b].ops);
        let mut kept = Vec::with_capacity(ops.len());
        for op in ops {
            let redundant = matches!(
                &op.kind,
                OpKind::Call { func, args, .. }
                    if (func == "pyx_check_bound" || func == "pyx_mv_check_bound")
                        && matches!(args.first(), Some(Value::Reg(r)) if cur.contains(r))
            );
            transfer(f, &op, &mut cur, &mut nonnull_temps, &escaped);
            if !redundant {
                kept.push(op);
            }
        }
        f.blocks[b].ops = kept;
    }
}

/// The object local that the C temp `c` tests for being non-NULL (`$0 != NULL`), when `c` is
/// computed so in block `b` and the local is not written after the test.
fn tested_local(f: &Function, b: BlockId, c: Reg) -> Option<Reg> {
    let ops = &f.blocks[b].ops;
    let at = ops.iter().position(|op| op.dest == Some(c))?;
    let OpKind::Expr { template, args } = &ops[at].kind else {
        return None;
    };
    let Some(Value::Reg(l)) = args.first() else {
        return None;
    };
    if template != "$0 != NULL" || !is_obj_local(f, *l) {
        return None;
    }
    let written_after = ops[at + 1..].iter().any(|op| {
        op.dest == Some(*l)
            || matches!(&op.kind, OpKind::Assign { local, .. } | OpKind::Clear { local } if local == l)
    });
    (!written_after).then_some(*l)
}

fn is_obj_local(f: &Function, r: Reg) -> bool {
    f.regs[r].kind == RegKind::Local && f.regs[r].ty == RType::Obj
}

/// Object locals whose address appears in C text: written behind the analysis' back.
fn address_taken(f: &Function) -> HashSet<Reg> {
    let mut texts: Vec<&str> = Vec::new();
    for b in &f.blocks {
        for op in &b.ops {
            match &op.kind {
                OpKind::Call { args, .. } => texts.extend(args.iter().filter_map(c_text)),
                OpKind::Expr { template, args } | OpKind::Stmt { template, args } => {
                    texts.push(template);
                    texts.extend(args.iter().filter_map(c_text));
                }
                OpKind::Assign { src, .. } => texts.extend(c_text(src)),
                _ => {}
            }
        }
    }
    if let Some(a) = &f.args {
        // pyx_parse_args fills *args and **kwargs through pointers.
        return a
            .varargs
            .into_iter()
            .chain(a.kwargs)
            .chain(escaped_in(f, &texts))
            .collect();
    }
    escaped_in(f, &texts).collect()
}

fn escaped_in<'a>(f: &'a Function, texts: &'a [&'a str]) -> impl Iterator<Item = Reg> + 'a {
    (0..f.regs.len()).filter(move |r| {
        is_obj_local(f, *r) && {
            let amp = format!("&{}", f.regs[*r].name);
            texts.iter().any(|t| {
                t.match_indices(&amp).any(|(i, _)| {
                    // `&name` not followed by more of an identifier
                    !t[i + amp.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_')
                })
            })
        }
    })
}

fn c_text(v: &Value) -> Option<&str> {
    match v {
        Value::C(s) => Some(s),
        Value::Reg(_) => None,
    }
}

/// Whether an object operand is certainly not NULL here.
fn nonnull(f: &Function, v: &Value, cur: &HashSet<Reg>, temps: &HashSet<Reg>) -> bool {
    match v {
        Value::Reg(r) => cur.contains(r) || temps.contains(r),
        // Constants, interned names, singletons, and the arguments of a parameter's "given"
        // block (required, or tested for NULL before).
        Value::C(s) => {
            s.starts_with("pyx_k[")
                || s.starts_with("pyx_n[")
                || s.starts_with("pyx_values[")
                || matches!(
                    s.as_str(),
                    "Py_None" | "Py_True" | "Py_False" | "Py_Ellipsis"
                )
                // A C function's object parameter: callers pass an object.
                || f.style == FnStyle::C && f.has_c_param(s)
        }
    }
}

fn transfer(
    f: &Function,
    op: &Op,
    cur: &mut HashSet<Reg>,
    temps: &mut HashSet<Reg>,
    escaped: &HashSet<Reg>,
) {
    let is_view_local = |r: Reg| f.regs[r].kind == RegKind::Local && f.regs[r].ty == RType::Slice;
    match &op.kind {
        OpKind::Assign { local, .. } if is_view_local(*local) => {
            cur.insert(*local);
        }
        OpKind::Assign { local, src } if is_obj_local(f, *local) => {
            if nonnull(f, src, cur, temps) && !escaped.contains(local) {
                cur.insert(*local);
            } else {
                cur.remove(local);
            }
        }
        OpKind::Clear { local } => {
            cur.remove(local);
        }
        _ => {}
    }
    if let Some(d) = op.dest {
        if is_view_local(d) {
            cur.insert(d);
        } else if is_obj_local(f, d) {
            cur.remove(&d);
        } else if f.regs[d].kind == RegKind::Temp && f.regs[d].ty == RType::Obj {
            // Past a NULL-checked call, its result is an object.
            let checked = matches!(op.kind, OpKind::Call { .. }) && op.err == ErrKind::Null;
            // `t = local` (take_local) of a bound local.
            let copy = matches!(&op.kind, OpKind::Expr { template, args }
                if template == "$0" && matches!(args.first(), Some(a) if nonnull(f, a, cur, temps)));
            if checked || copy {
                temps.insert(d);
            } else {
                temps.remove(&d);
            }
        }
    }
}
