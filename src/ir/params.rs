//! A C function's object parameters are borrowed from its caller, as in Cython: one that the
//! body never rebinds is used in place, without the copy into an owned local (an incref on
//! entry and a decref on exit per call). Runs after lowering, before `refcount`.

use super::*;

pub fn borrow_params(f: &mut Function) {
    if f.style != FnStyle::C {
        return;
    }
    let entry_block = 0;
    let candidates: Vec<(usize, Reg, String)> = f.blocks[entry_block]
        .ops
        .iter()
        .enumerate()
        .filter_map(|(i, op)| match &op.kind {
            OpKind::Assign {
                local,
                src: Value::C(name),
            } if f.regs[*local].ty == RType::Obj
                && f.regs[*local].kind == RegKind::Local
                && f.has_c_param(name) =>
            {
                Some((i, *local, name.clone()))
            }
            _ => None,
        })
        .collect();
    for (i, r, name) in candidates {
        if written_elsewhere(f, entry_block, i, r) || address_taken(f, r) {
            continue;
        }
        // The variable aliases the parameter: a plain C copy, no reference taken.
        f.regs[r].kind = RegKind::Param;
        f.blocks[entry_block].ops[i].kind = OpKind::Stmt {
            template: format!("{} = {name}", f.regs[r].name),
            args: Vec::new(),
        };
    }
}

/// Any write of `r` other than op `at` of block `b`.
fn written_elsewhere(f: &Function, b: BlockId, at: usize, r: Reg) -> bool {
    f.blocks.iter().enumerate().any(|(bi, blk)| {
        blk.ops.iter().enumerate().any(|(oi, op)| {
            (bi, oi) != (b, at)
                && (op.dest == Some(r)
                    || matches!(&op.kind, OpKind::Assign { local, .. } | OpKind::Clear { local } if *local == r))
        })
    })
}

/// `&name` in C text: written through a pointer.
fn address_taken(f: &Function, r: Reg) -> bool {
    let amp = format!("&{}", f.regs[r].name);
    let text = |v: &Value| matches!(v, Value::C(s) if s.contains(&amp));
    f.blocks
        .iter()
        .flat_map(|b| &b.ops)
        .any(|op| match &op.kind {
            OpKind::Call { args, .. } => args.iter().any(text),
            OpKind::Expr { template, args } | OpKind::Stmt { template, args } => {
                template.contains(&amp) || args.iter().any(text)
            }
            OpKind::Assign { src, .. } => text(src),
            _ => false,
        })
}
