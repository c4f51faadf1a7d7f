//! C for generator functions: the frame struct that keeps every register while suspended
//! (with the functions that clear and traverse its objects), the resume dispatch at the top of
//! the function, and the suspension at each `yield` (see `runtime/generator.h`).

use super::{declare, FnEmitter};
use crate::ir::*;
use std::fmt::Write;

/// The frame's name for a function.
fn frame(f: &Function) -> String {
    format!("pyx_fr_{}", f.cname)
}

/// Owned object variables: what the frame holds references to while suspended.
fn owned_objects(f: &Function) -> impl Iterator<Item = &RegInfo> {
    f.regs
        .iter()
        .filter(|r| r.ty == RType::Obj && r.kind == RegKind::Local)
}

/// Memoryview slice variables: the frame holds their acquisitions while suspended.
fn owned_slices(f: &Function) -> impl Iterator<Item = &RegInfo> {
    f.regs
        .iter()
        .filter(|r| r.ty == RType::Slice && r.kind == RegKind::Local)
}

/// The frame struct and its clear/traverse functions, before the generator function.
pub(super) fn frame_decls(f: &Function, out: &mut String) {
    let fr = frame(f);
    let _ = writeln!(out, "\nstruct {fr} {{");
    for r in &f.regs {
        let d = match r.ty {
            RType::Obj => format!("PyObject *{}", r.name),
            RType::Slice => format!("pyx_mvslice {}", r.name),
            _ => declare(&r.ty, &r.name),
        };
        let _ = writeln!(out, "    {d};");
    }
    let _ = writeln!(out, "    int pyx_lineno;\n}};");
    let _ = writeln!(out, "static void {fr}_clear(void *p) {{");
    let _ = writeln!(out, "    struct {fr} *fr = (struct {fr} *)p; (void)fr;");
    for r in owned_objects(f) {
        let _ = writeln!(out, "    Py_CLEAR(fr->{});", r.name);
    }
    for r in owned_slices(f) {
        let _ = writeln!(out, "    pyx_mv_release(&fr->{});", r.name);
    }
    let _ = writeln!(out, "}}");
    let _ = writeln!(
        out,
        "static int {fr}_traverse(void *p, visitproc visit, void *arg) {{"
    );
    let _ = writeln!(
        out,
        "    struct {fr} *fr = (struct {fr} *)p; (void)fr; (void)visit; (void)arg;"
    );
    for r in owned_objects(f) {
        let _ = writeln!(out, "    Py_VISIT(fr->{});", r.name);
    }
    let _ = writeln!(out, "    return 0;\n}}");
}

impl FnEmitter<'_> {
    /// At the top of a generator function: when resumed, reload the registers (the frame gives
    /// up its references) and jump to the resume point.
    pub(super) fn resume_dispatch(&mut self) {
        let f = self.f;
        let fr = frame(f);
        let _ = writeln!(
            self.out,
            "    pyx_gen *pyx_g = NULL; PyObject *pyx_sent = NULL; (void)pyx_sent;"
        );
        let _ = writeln!(self.out, "    if (pyx_nargs == PYX_GEN_RESUME) {{");
        let _ = writeln!(
            self.out,
            "        pyx_g = (pyx_gen *)pyx_self; pyx_sent = pyx_args[0]; pyx_self = pyx_g->closure;"
        );
        let _ = writeln!(
            self.out,
            "        struct {fr} *pyx_fr = (struct {fr} *)pyx_g->frame;"
        );
        for r in &f.regs {
            let _ = writeln!(
                self.out,
                "        memcpy(&{n}, &pyx_fr->{n}, sizeof({n}));",
                n = r.name
            );
        }
        for r in owned_objects(f) {
            let _ = writeln!(self.out, "        pyx_fr->{} = NULL;", r.name);
        }
        for r in owned_slices(f) {
            let _ = writeln!(self.out, "        pyx_fr->{}.memview = NULL;", r.name);
        }
        let _ = writeln!(self.out, "        pyx_lineno = pyx_fr->pyx_lineno;");
        let _ = writeln!(self.out, "        switch (pyx_g->label) {{");
        for b in &f.blocks {
            if let Term::Yield { resume, .. } = b.term {
                let _ = writeln!(self.out, "        case {resume}: goto pyx_B{resume};");
            }
        }
        let _ = writeln!(
            self.out,
            "        default: goto pyx_L_end;\n        }}\n    }}"
        );
    }

    /// A suspension: the start returns the new generator, a `yield` its value; the registers
    /// move into the frame.
    pub(super) fn yield_term(&mut self, value: &Option<Value>, resume: BlockId) {
        let f = self.f;
        let fr = frame(f);
        match value {
            Some(v) => {
                let _ = writeln!(self.out, "    pyx_r = {};", self.val(v));
            }
            None => {
                let (name, qualname, kind) = match &f.generator {
                    Some(g) => (self.val(&g.name), self.val(&g.qualname), g.kind.code()),
                    None => ("Py_None".into(), "Py_None".into(), 0),
                };
                let _ = writeln!(
                    self.out,
                    "    pyx_g = pyx_gen_new({c}, {kind}, sizeof(struct {fr}), {fr}_clear, {fr}_traverse, {name}, {qualname}, pyx_self);",
                    c = f.cname,
                );
                let _ = writeln!(self.out, "    if (!pyx_g) goto pyx_L_error;");
                let _ = writeln!(self.out, "    pyx_r = (PyObject *)pyx_g;");
            }
        }
        let _ = writeln!(
            self.out,
            "    {{ struct {fr} *pyx_fr = (struct {fr} *)pyx_g->frame;"
        );
        for r in &f.regs {
            let _ = writeln!(
                self.out,
                "      memcpy(&pyx_fr->{n}, &{n}, sizeof({n}));",
                n = r.name
            );
        }
        let _ = writeln!(self.out, "      pyx_fr->pyx_lineno = pyx_lineno; }}");
        let _ = writeln!(self.out, "    pyx_g->label = {resume};\n    return pyx_r;");
    }
}
