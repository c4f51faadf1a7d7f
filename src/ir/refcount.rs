//! Reference counting from ownership, mechanically. Object temps live within one block: each
//! owned temp holds one reference ("credit") from its defining operation. A stealing use
//! consumes the credit when it is the temp's last use, else an incref is inserted before it;
//! after the last non-stealing use a decref is inserted. When an operation fails, the temps
//! still holding credit are released before jumping to the handler (its `cleanup` list).
//! Borrowed operands (locals, constants) that are stolen get an incref first.

use super::*;

pub fn insert(f: &mut Function) {
    spill_cross_block_temps(f);
    for b in 0..f.blocks.len() {
        insert_block(f, b);
    }
}

/// An owned object temp used outside its defining block (an operand evaluated before a
/// short-circuiting or conditional sibling, say) becomes a hidden owned local: the defining
/// block stores the new reference into it and every use reads the local (borrowed), which the
/// per-block credit algorithm and the function's exit already handle.
fn spill_cross_block_temps(f: &mut Function) {
    let mut def_block: std::collections::HashMap<Reg, BlockId> = Default::default();
    for (b, block) in f.blocks.iter().enumerate() {
        for op in &block.ops {
            if let Some(d) = op.dest {
                if is_owned_temp(f, &Value::Reg(d)).is_some() {
                    def_block.insert(d, b);
                }
            }
        }
    }
    let mut spill: std::collections::HashMap<Reg, Reg> = Default::default();
    for (b, block) in f.blocks.iter().enumerate() {
        let mut note = |v: &Value| {
            if let Value::Reg(r) = v {
                if def_block.get(r).is_some_and(|d| *d != b) && !spill.contains_key(r) {
                    spill.insert(*r, usize::MAX);
                }
            }
        };
        for op in &block.ops {
            for (v, _) in uses(f, op) {
                note(&v);
            }
        }
        if let Some(v) = block.term.stolen_value() {
            note(v);
        }
    }
    if spill.is_empty() {
        return;
    }
    let mut temps: Vec<Reg> = spill.keys().copied().collect();
    temps.sort_unstable();
    for t in temps {
        let ty = f.regs[t].ty.clone();
        f.regs.push(RegInfo {
            name: format!("pyx_s{t}"),
            ty,
            kind: RegKind::Local,
            owned: true,
        });
        spill.insert(t, f.regs.len() - 1);
    }
    let rename = |v: &mut Value| {
        if let Value::Reg(r) = v {
            if let Some(l) = spill.get(r) {
                *r = *l;
            }
        }
    };
    for block in &mut f.blocks {
        let ops = std::mem::take(&mut block.ops);
        let mut out = Vec::with_capacity(ops.len());
        let mut pending: Option<(Reg, Reg)> = None;
        for mut op in ops {
            // The store goes after the definition (and after the IncRef of `take_local`).
            if let Some((t, l)) = pending.take() {
                if matches!(&op.kind, OpKind::IncRef(Value::Reg(r)) if *r == t) {
                    out.push(op);
                    out.push(simple(
                        OpKind::Assign {
                            local: l,
                            src: Value::Reg(t),
                        },
                        0,
                    ));
                    continue;
                }
                out.push(simple(
                    OpKind::Assign {
                        local: l,
                        src: Value::Reg(t),
                    },
                    0,
                ));
            }
            match &mut op.kind {
                OpKind::Call { args, .. }
                | OpKind::Expr { args, .. }
                | OpKind::Stmt { args, .. } => args.iter_mut().for_each(rename),
                OpKind::Assign { src, .. } => rename(src),
                OpKind::IncRef(v) | OpKind::DecRef(v) => rename(v),
                OpKind::Clear { .. } => {}
            }
            if let Some(d) = op.dest {
                if let Some(l) = spill.get(&d) {
                    pending = Some((d, *l));
                }
            }
            out.push(op);
        }
        if let Some((t, l)) = pending {
            out.push(simple(
                OpKind::Assign {
                    local: l,
                    src: Value::Reg(t),
                },
                0,
            ));
        }
        block.ops = out;
        if let Some(v) = block.term.stolen_value_mut() {
            rename(v);
        }
    }
}

/// Object operands of an op with their steal flags.
fn uses(f: &Function, op: &Op) -> Vec<(Value, bool)> {
    let is_obj = |v: &Value| match v {
        Value::Reg(r) => f.regs[*r].ty.is_owned_kind(),
        Value::C(_) => false,
    };
    match &op.kind {
        OpKind::Call { args, steals, .. } => args
            .iter()
            .zip(steals)
            .filter(|(a, _)| is_obj(a) || **a != Value::C(String::new()))
            .map(|(a, s)| (a.clone(), *s))
            .collect(),
        OpKind::Expr { args, .. } | OpKind::Stmt { args, .. } => {
            args.iter().map(|a| (a.clone(), false)).collect()
        }
        OpKind::Assign { local, src } => {
            let steal = f.regs[*local].ty.is_owned_kind();
            vec![(src.clone(), steal)]
        }
        OpKind::IncRef(v) | OpKind::DecRef(v) => vec![(v.clone(), false)],
        OpKind::Clear { .. } => vec![],
    }
}

fn is_owned_temp(f: &Function, v: &Value) -> Option<Reg> {
    match v {
        Value::Reg(r)
            if f.regs[*r].kind == RegKind::Temp
                && f.regs[*r].ty.is_owned_kind()
                && f.regs[*r].owned =>
        {
            Some(*r)
        }
        _ => None,
    }
}

fn needs_object(f: &Function, v: &Value, stolen: bool) -> bool {
    // A stolen operand must be an object: a Value::C stolen by an object sink is a borrowed
    // object reference (a constant or static).
    match v {
        Value::Reg(r) => f.regs[*r].ty.is_owned_kind(),
        Value::C(_) => stolen,
    }
}

fn insert_block(f: &mut Function, b: BlockId) {
    let ops = std::mem::take(&mut f.blocks[b].ops);
    // Last use of each owned temp (index into ops; ops.len() is the terminator).
    let mut last_use: std::collections::HashMap<Reg, usize> = Default::default();
    for (i, op) in ops.iter().enumerate() {
        for (v, _) in uses(f, op) {
            if let Some(r) = is_owned_temp(f, &v) {
                last_use.insert(r, i);
            }
        }
    }
    let term_use = f.blocks[b]
        .term
        .stolen_value()
        .and_then(|v| is_owned_temp(f, v));
    if let Some(r) = term_use {
        last_use.insert(r, ops.len());
    }
    let mut held: Vec<Reg> = Vec::new();
    let mut out: Vec<Op> = Vec::with_capacity(ops.len());
    for (i, mut op) in ops.into_iter().enumerate() {
        let mut before = Vec::new();
        let mut consumed = Vec::new();
        for (v, stolen) in uses(f, &op) {
            if !stolen || !needs_object(f, &v, stolen) {
                continue;
            }
            match is_owned_temp(f, &v) {
                Some(r)
                    if last_use.get(&r) == Some(&i)
                        && held.contains(&r)
                        && !consumed.contains(&r) =>
                {
                    consumed.push(r)
                }
                _ => before.push(v.clone()),
            }
        }
        for v in before {
            out.push(simple(OpKind::IncRef(v), op.line));
        }
        held.retain(|r| !consumed.contains(r));
        // On failure: everything still held (the op's stolen arguments are gone either way).
        if op.err != ErrKind::Never {
            op.cleanup = held.clone();
        }
        // Release temps whose last use this was.
        let mut release: Vec<Reg> = held
            .iter()
            .copied()
            .filter(|r| last_use.get(r) == Some(&i))
            .collect();
        held.retain(|r| last_use.get(r) != Some(&i));
        if let Some(d) = op.dest {
            if is_owned_temp(f, &Value::Reg(d)).is_some() && !matches!(op.kind, OpKind::Expr { .. })
            {
                if last_use.contains_key(&d) {
                    held.push(d);
                } else {
                    release.push(d);
                }
            }
        }
        let line = op.line;
        let is_expr_def = matches!(op.kind, OpKind::Expr { .. })
            && op
                .dest
                .is_some_and(|d| is_owned_temp(f, &Value::Reg(d)).is_some());
        let dest = op.dest;
        op.release_after = Vec::new();
        out.push(op);
        if is_expr_def {
            // `t = local` followed by an explicit IncRef (see lower::take_local): the temp
            // holds credit from the IncRef on.
            if let Some(d) = dest {
                if last_use.contains_key(&d) {
                    held.push(d);
                }
            }
        }
        for r in release {
            out.push(simple(OpKind::DecRef(Value::Reg(r)), line));
        }
    }
    // The terminator steals a returned (or yielded) object.
    if let Some(v) = f.blocks[b].term.stolen_value() {
        let v = v.clone();
        let is_obj = match &v {
            Value::Reg(r) => f.regs[*r].ty.is_owned_kind(),
            Value::C(_) => f.style == FnStyle::Python || f.c_ret.contains("PyObject"),
        };
        if is_obj {
            match is_owned_temp(f, &v) {
                Some(r) if held.contains(&r) => held.retain(|x| *x != r),
                _ => out.push(simple(OpKind::IncRef(v), 0)),
            }
        }
    }
    for r in held {
        out.push(simple(OpKind::DecRef(Value::Reg(r)), 0));
    }
    f.blocks[b].ops = out;
}

fn simple(kind: OpKind, line: u32) -> Op {
    Op {
        dest: None,
        kind,
        err: ErrKind::Never,
        handler: None,
        line,
        cleanup: Vec::new(),
        release_after: Vec::new(),
        nogil: false,
    }
}
