//! Lowering the typed program to IR: expressions become operations on registers, control flow
//! becomes blocks, every fallible operation gets its error edge. No reference counting here:
//! `refcount` adds it from the operations' declared ownership.

use super::*;
use crate::sema::tree::{
    self as t, CBinOp, CUnOp, ComprehensionKind, ExprKind as E, FuncKind, IncDec, StmtKind as S,
};
use crate::sema::types::{ctuple_cname, ExcCheck, FloatKind, IntKind, PyType, Type};
use crate::syntax::ast::{BinOp, CmpOp};
use std::collections::HashMap;

/// Lowers a checked program.
pub fn lower_program(p: &t::Program) -> Module {
    let mut m = Module {
        name: p.name.clone(),
        file: p.file.clone(),
        doc: p.doc.clone(),
        target: Target::FullApi,
        functions: Vec::new(),
        consts: Vec::new(),
        names: Vec::new(),
        statics: Vec::new(),
        type_decls: Vec::new(),
        includes: p.includes.clone(),
        verbatim: p.verbatim.clone(),
        py_functions: Vec::new(),
        helpers: Default::default(),
    };
    for s in &p.structs {
        let kw = if s.is_union { "union" } else { "struct" };
        let _ = kw;
        let mut d = format!("{} {{\n", s.cname);
        for (n, ty) in &s.fields {
            d.push_str(&format!("    {};\n", ty.declare(&crate::sema::mangle(n))));
        }
        d.push_str("};\n");
        m.type_decls.push(d);
    }
    for ts in &p.ctuples {
        let name = ctuple_cname(ts);
        let mut d = "typedef struct {\n".to_string();
        for (i, ty) in ts.iter().enumerate() {
            d.push_str(&format!("    {};\n", ty.declare(&format!("f{i}"))));
        }
        d.push_str(&format!("}} {name};\n"));
        m.type_decls.push(d);
    }
    for g in &p.globals {
        let init = if g.ty.is_object() { " = NULL" } else { "" };
        m.statics.push((
            format!("static {}{init};", g.ty.declare(&g.cname)),
            g.ty.is_object().then(|| g.cname.clone()),
        ));
    }
    let mut consts = Consts::default();
    for (i, f) in p.functions.iter().enumerate() {
        let lowered = FnLower::run(p, f, &mut consts, &mut m.helpers);
        if matches!(f.kind, FuncKind::Def) {
            m.py_functions.push(i);
        }
        m.functions.push(lowered);
    }
    m.consts = consts.inits;
    m.names = consts.names;
    m
}

#[derive(Default)]
struct Consts {
    inits: Vec<String>,
    index: HashMap<String, usize>,
    names: Vec<String>,
    name_index: HashMap<String, usize>,
}

impl Consts {
    fn add(&mut self, init: String) -> String {
        let n = self.inits.len();
        let i = *self.index.entry(init.clone()).or_insert_with(|| {
            self.inits.push(init);
            n
        });
        format!("pyx_k[{i}]")
    }
    fn name(&mut self, s: &str) -> String {
        let n = self.names.len();
        let i = *self.name_index.entry(s.to_string()).or_insert_with(|| {
            self.names.push(s.to_string());
            n
        });
        format!("pyx_n[{i}]")
    }
}

/// A C string literal for any bytes.
pub fn c_string(bytes: &[u8]) -> String {
    let mut s = String::from("\"");
    for &b in bytes {
        match b {
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            b'\n' => s.push_str("\\n"),
            b'?' => s.push_str("\\?"),
            0x20..=0x7e => s.push(b as char),
            _ => s.push_str(&format!("\\{b:03o}")),
        }
    }
    s.push('"');
    s
}

/// A `with nogil:` / `with gil:` section: how it changes the GIL on entry.
#[derive(Clone, Copy)]
enum GilChange {
    Release,
    Acquire,
}

impl GilChange {
    fn enter(self) -> &'static str {
        match self {
            GilChange::Release => "pyx_save = PyEval_SaveThread()",
            GilChange::Acquire => "pyx_gil = PyGILState_Ensure()",
        }
    }
    /// Undoes `enter`: on the normal exit, on the error edge, and before a jump out.
    fn exit(self) -> &'static str {
        match self {
            GilChange::Release => "PyEval_RestoreThread(pyx_save)",
            GilChange::Acquire => "PyGILState_Release(pyx_gil)",
        }
    }
}

struct LoopCx {
    brk: BlockId,
    cont: BlockId,
    /// Depth of the finally stack when the loop started.
    finally_depth: usize,
}

struct FnLower<'p> {
    prog: &'p t::Program,
    src: &'p t::Function,
    consts: &'p mut Consts,
    helpers: &'p mut std::collections::BTreeSet<&'static str>,
    f: Function,
    cur: BlockId,
    handler: Option<BlockId>,
    loops: Vec<LoopCx>,
    locals: Vec<Reg>,
    line: u32,
    /// Exceptions being handled (for bare `raise`).
    handling: Vec<Reg>,
    /// `finally` bodies to run on `return`/`break`/`continue` out of a try.
    finally: Vec<&'p [t::Stmt]>,
    /// Whether the code being lowered runs without the GIL.
    nogil: bool,
    /// Open `with nogil`/`with gil` sections, innermost last, with the loop depth at entry (a
    /// `break` leaves the sections opened inside its loop; `return` leaves all of them).
    gil_frames: Vec<(GilChange, usize)>,
}

impl<'p> FnLower<'p> {
    fn run(
        prog: &'p t::Program,
        src: &'p t::Function,
        consts: &'p mut Consts,
        helpers: &'p mut std::collections::BTreeSet<&'static str>,
    ) -> Function {
        let style = match src.kind {
            FuncKind::Def => FnStyle::Python,
            FuncKind::Cdef { .. } => FnStyle::C,
            FuncKind::ModuleInit => FnStyle::ModuleExec,
        };
        let (error_value, noexcept) = match (&src.kind, &src.sig) {
            (FuncKind::Cdef { .. }, Some(sig)) => match &sig.exc {
                ExcCheck::Value(v) | ExcCheck::MaybeValue(v) => (Some(v.clone()), false),
                ExcCheck::Always => (Some(zero_of(&sig.ret)), false),
                ExcCheck::None if sig.ret.is_object() => (Some("NULL".into()), false),
                ExcCheck::None => (Some(zero_of(&sig.ret)), true),
            },
            _ => (None, false),
        };
        let mut lw = FnLower {
            prog,
            src,
            consts,
            helpers,
            f: Function {
                name: src.name.clone(),
                qualname: src.qualname.clone(),
                cname: src.cname.clone(),
                style,
                c_params: Vec::new(),
                c_ret: if style == FnStyle::C {
                    src.ret.c_type()
                } else {
                    String::new()
                },
                error_value,
                noexcept,
                nogil: src.sig.as_ref().is_some_and(|s| s.nogil),
                regs: Vec::new(),
                blocks: vec![Block {
                    ops: Vec::new(),
                    term: Term::Unreachable,
                }],
                line: src.line,
                args: None,
                doc: src.doc.clone(),
            },
            cur: 0,
            handler: None,
            loops: Vec::new(),
            locals: Vec::new(),
            line: src.line,
            handling: Vec::new(),
            finally: Vec::new(),
            nogil: src.sig.as_ref().is_some_and(|s| s.nogil),
            gil_frames: Vec::new(),
        };
        for (i, l) in src.locals.iter().enumerate() {
            let name = if l.hidden {
                format!("pyx_t_{}", crate::sema::mangle(&l.name))
            } else {
                format!("v_{}", crate::sema::mangle(&l.name))
            };
            let r = lw.new_reg(format!("{name}_{i}"), rtype(&l.ty), RegKind::Local, false);
            lw.locals.push(r);
        }
        lw.entry();
        lw.make_cells();
        for s in &src.body {
            lw.stmt(s);
        }
        // Falling off the end.
        let ret = match style {
            FnStyle::Python => Some(Value::C("Py_None".into())),
            FnStyle::ModuleExec => None,
            FnStyle::C if src.ret.is_void() => None,
            FnStyle::C if src.ret.is_object() => Some(Value::C("Py_None".into())),
            FnStyle::C => Some(Value::C(zero_of(&src.ret))),
        };
        lw.terminate(Term::Return(ret));
        super::refcount::insert(&mut lw.f);
        lw.f
    }

    // ---- building blocks ----

    fn new_reg(&mut self, name: String, ty: RType, kind: RegKind, owned: bool) -> Reg {
        self.f.regs.push(RegInfo {
            name,
            ty,
            kind,
            owned,
        });
        self.f.regs.len() - 1
    }
    fn new_block(&mut self) -> BlockId {
        self.f.blocks.push(Block {
            ops: Vec::new(),
            term: Term::Unreachable,
        });
        self.f.blocks.len() - 1
    }
    fn terminate(&mut self, term: Term) {
        self.f.blocks[self.cur].term = term;
    }
    fn switch(&mut self, b: BlockId) {
        self.cur = b;
    }
    fn goto(&mut self, b: BlockId) {
        self.terminate(Term::Goto(b));
    }
    fn push(&mut self, dest: Option<Reg>, kind: OpKind, err: ErrKind) {
        let op = Op {
            dest,
            kind,
            err,
            handler: self.handler,
            line: self.line,
            cleanup: Vec::new(),
            release_after: Vec::new(),
            nogil: self.nogil,
        };
        self.f.blocks[self.cur].ops.push(op);
    }
    fn temp(&mut self, ty: RType, owned: bool) -> Reg {
        let n = self.f.regs.len();
        self.new_reg(format!("t{n}"), ty, RegKind::Temp, owned)
    }
    fn helper(&mut self, h: &'static str) {
        self.helpers.insert(h);
    }

    /// A call returning a new object reference (NULL on error).
    fn obj_call(&mut self, func: &str, args: Vec<Value>) -> Value {
        let steals = vec![false; args.len()];
        self.obj_call_steal(func, args, steals)
    }
    fn obj_call_steal(&mut self, func: &str, args: Vec<Value>, steals: Vec<bool>) -> Value {
        let r = self.temp(RType::Obj, true);
        self.push(
            Some(r),
            OpKind::Call {
                func: func.into(),
                args,
                steals,
            },
            ErrKind::Null,
        );
        Value::Reg(r)
    }
    /// A call returning a C value.
    fn c_call(&mut self, func: &str, args: Vec<Value>, ty: &str, err: ErrKind) -> Value {
        let r = self.temp(RType::C(ty.into()), false);
        let steals = vec![false; args.len()];
        self.push(
            Some(r),
            OpKind::Call {
                func: func.into(),
                args,
                steals,
            },
            err,
        );
        Value::Reg(r)
    }
    /// A call for its effect only.
    fn void_call(&mut self, func: &str, args: Vec<Value>, steals: Vec<bool>, err: ErrKind) {
        self.push(
            None,
            OpKind::Call {
                func: func.into(),
                args,
                steals,
            },
            err,
        );
    }
    /// A C expression over object operands (tracked uses), giving a C value.
    fn c_expr_obj(&mut self, template: &str, args: Vec<Value>, ty: &str) -> Value {
        let r = self.temp(RType::C(ty.into()), false);
        self.push(
            Some(r),
            OpKind::Expr {
                template: template.into(),
                args,
            },
            ErrKind::Never,
        );
        Value::Reg(r)
    }
    fn text(&self, v: &Value) -> String {
        match v {
            Value::Reg(r) => self.f.regs[*r].name.clone(),
            Value::C(s) => s.clone(),
        }
    }
    /// Puts a C value in a temp so later side effects cannot change it.
    fn materialize(&mut self, v: Value, ty: &Type) -> Value {
        match &v {
            Value::Reg(_) => v,
            Value::C(s) if is_simple(s) => v,
            Value::C(_) => {
                let r = self.temp(rtype(ty), false);
                self.push(
                    Some(r),
                    OpKind::Expr {
                        template: "$0".into(),
                        args: vec![v],
                    },
                    ErrKind::Never,
                );
                Value::Reg(r)
            }
        }
    }

    fn name_const(&mut self, s: &str) -> Value {
        Value::C(self.consts.name(s))
    }
    fn str_const(&mut self, s: &str) -> Value {
        Value::C(self.consts.add(format!(
            "PyUnicode_DecodeUTF8({}, {}, NULL)",
            c_string(s.as_bytes()),
            s.len()
        )))
    }

    // ---- function entry: arguments ----

    fn entry(&mut self) {
        match self.f.style {
            FnStyle::Python => self.python_entry(),
            FnStyle::C => {
                for p in &self.src.params {
                    let pname = format!("a_{}", crate::sema::mangle(&p.name));
                    self.f.c_params.push(p.ty.declare(&pname));
                    let local = self.locals[p.local];
                    self.push(
                        None,
                        OpKind::Assign {
                            local,
                            src: Value::C(pname),
                        },
                        ErrKind::Never,
                    );
                }
            }
            FnStyle::ModuleExec => {}
        }
    }

    fn gil_stmt(&mut self, template: &str) {
        self.push(
            None,
            OpKind::Stmt {
                template: template.into(),
                args: vec![],
            },
            ErrKind::Never,
        );
    }

    /// A `with nogil:` or `with gil:` body. Errors inside leave through a block that undoes the
    /// change before going on to the outer handler.
    fn gil_section(&mut self, change: GilChange, body: &'p [t::Stmt]) {
        self.gil_stmt(change.enter());
        let (outer_handler, outer_nogil) = (self.handler, self.nogil);
        let undo = self.new_block();
        self.handler = Some(undo);
        self.nogil = matches!(change, GilChange::Release);
        self.gil_frames.push((change, self.loops.len()));
        self.block(body);
        self.gil_frames.pop();
        self.handler = outer_handler;
        self.nogil = outer_nogil;
        self.gil_stmt(change.exit());
        let after = self.new_block();
        self.goto(after);
        self.switch(undo);
        self.gil_stmt(change.exit());
        // Line 0: the failing operation already set the line.
        self.terminate(Term::Raise(outer_handler, 0));
        self.switch(after);
    }

    /// Leaves the GIL sections opened at loop depth `depth` or deeper (all for `return`).
    fn exit_gil_sections(&mut self, depth: usize) {
        let frames: Vec<GilChange> = self
            .gil_frames
            .iter()
            .rev()
            .filter(|(_, d)| *d >= depth)
            .map(|(c, _)| *c)
            .collect();
        for c in frames {
            self.gil_stmt(c.exit());
        }
    }

    /// Captured locals live in cells, made on entry; a captured parameter moves its value
    /// into its cell.
    fn make_cells(&mut self) {
        let lay = &self.src.layout;
        let params: Vec<t::LocalId> = self
            .src
            .params
            .iter()
            .map(|p| p.local)
            .chain(lay.vararg)
            .chain(lay.kwarg)
            .collect();
        for (l, local) in self.src.locals.iter().enumerate() {
            if !local.cell {
                continue;
            }
            let r = self.locals[l];
            let init = if params.contains(&l) {
                Value::Reg(r)
            } else {
                Value::C("NULL".into())
            };
            let cell = self.obj_call("PyCell_New", vec![init]);
            self.push(
                None,
                OpKind::Assign {
                    local: r,
                    src: cell,
                },
                ErrKind::Never,
            );
        }
    }

    /// A new reference to a cell's value; an empty cell raises UnboundLocalError (`own`: the
    /// function's variable) or NameError (a captured one), as CPython does.
    fn cell_get(&mut self, cell: Value, name: &str, own: bool) -> Value {
        self.helper("closure");
        let name = Value::C(c_string(name.as_bytes()));
        let own = Value::C(i32::from(own).to_string());
        self.obj_call("pyx_cell_get", vec![cell, name, own])
    }

    fn python_entry(&mut self) {
        self.helper("args");
        let src = self.src;
        let lay = &src.layout;
        let nrequired_pos = src.params[..lay.npos]
            .iter()
            .take_while(|p| p.default.is_none())
            .count();
        self.f.args = Some(ArgSpec {
            names: src.params.iter().map(|p| p.name.clone()).collect(),
            nposonly: lay.nposonly,
            npos: lay.npos,
            nkwonly: lay.nkwonly,
            nrequired_pos,
            kwonly_required: src.params[lay.npos..]
                .iter()
                .map(|p| p.default.is_none())
                .collect(),
            varargs: lay.vararg.map(|l| self.locals[l]),
            kwargs: lay.kwarg.map(|l| self.locals[l]),
        });
        for (i, p) in src.params.iter().enumerate() {
            let arg = Value::C(format!("pyx_values[{i}]"));
            let local = self.locals[p.local];
            let given = self.new_block();
            let done = self.new_block();
            match p.default {
                Some(g) => {
                    let missing = self.new_block();
                    self.terminate(Term::Branch(
                        Value::C(format!("pyx_values[{i}] != NULL")),
                        given,
                        missing,
                    ));
                    self.switch(missing);
                    let gname = self.prog.globals[g].cname.clone();
                    self.push(
                        None,
                        OpKind::Assign {
                            local,
                            src: Value::C(gname),
                        },
                        ErrKind::Never,
                    );
                    self.goto(done);
                }
                None => self.goto(given),
            }
            self.switch(given);
            if let Some(pt) = p.type_test {
                self.helper("convert");
                let exact = !matches!(pt, PyType::Any);
                let tobj = format!("&{}", pt.type_object().unwrap_or("PyBaseObject_Type"));
                self.void_call(
                    "pyx_arg_type_test",
                    vec![
                        arg.clone(),
                        Value::C(tobj),
                        Value::C((p.allow_none as i32).to_string()),
                        Value::C(c_string(p.name.as_bytes())),
                        Value::C((exact as i32).to_string()),
                    ],
                    vec![false; 5],
                    ErrKind::Neg,
                );
            }
            let v = self.convert(arg, &Type::OBJECT, &p.ty);
            self.push(None, OpKind::Assign { local, src: v }, ErrKind::Never);
            self.goto(done);
            self.switch(done);
        }
    }

    // ---- statements ----

    fn block(&mut self, body: &'p [t::Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &'p t::Stmt) {
        self.line = s.line;
        match &s.kind {
            S::Expr(e) => {
                let _ = self.expr(e);
            }
            S::Assign(target, value) => {
                let v = self.expr(value);
                self.store(target, v, &value.ty);
            }
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
                self.loops.push(LoopCx {
                    brk: done,
                    cont: head,
                    finally_depth: self.finally.len(),
                });
                self.block(body);
                self.loops.pop();
                self.goto(head);
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
                body,
                orelse,
            } => self.for_range(var, var_ty, start, stop, step, body, orelse),
            S::ForIter {
                target,
                iter,
                body,
                orelse,
            } => {
                let it = self.expr(iter);
                let iter_local = self.new_reg(
                    format!("pyx_it{}", self.f.regs.len()),
                    RType::Obj,
                    RegKind::Local,
                    false,
                );
                let itv = self.obj_call("PyObject_GetIter", vec![it]);
                self.push(
                    None,
                    OpKind::Assign {
                        local: iter_local,
                        src: itv,
                    },
                    ErrKind::Never,
                );
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
                        func: "pyx_iter_next".into(),
                        args: vec![Value::Reg(iter_local)],
                        steals: vec![false],
                    },
                    ErrKind::Occurred,
                );
                let item_local = self.new_reg(
                    format!("pyx_item{}", self.f.regs.len()),
                    RType::Obj,
                    RegKind::Local,
                    false,
                );
                self.push(
                    None,
                    OpKind::Assign {
                        local: item_local,
                        src: Value::Reg(item),
                    },
                    ErrKind::Never,
                );
                let has = self.c_expr_obj("$0 != NULL", vec![Value::Reg(item_local)], "int");
                self.terminate(Term::Branch(has, bb, eb));
                self.switch(bb);
                // A C-typed loop variable takes each item converted.
                let tty = target_type(self.prog, self.src, target);
                let v = self.convert(Value::Reg(item_local), &Type::OBJECT, &tty);
                self.store(target, v, &tty);
                self.loops.push(LoopCx {
                    brk: done,
                    cont: head,
                    finally_depth: self.finally.len(),
                });
                self.block(body);
                self.loops.pop();
                self.goto(head);
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
                    lp.finally_depth,
                );
                self.run_finally_down_to(depth);
                self.exit_gil_sections(self.loops.len());
                self.goto(target);
                let dead = self.new_block();
                self.switch(dead);
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
                let val = if self.finally.is_empty() {
                    val
                } else {
                    // Keep the value while finally bodies run.
                    match val {
                        Some(x)
                            if matches!(self.f.style, FnStyle::Python)
                                || self.src.ret.is_object() =>
                        {
                            let hold = self.new_reg(
                                format!("pyx_ret{}", self.f.regs.len()),
                                RType::Obj,
                                RegKind::Local,
                                false,
                            );
                            self.push(
                                None,
                                OpKind::Assign {
                                    local: hold,
                                    src: x,
                                },
                                ErrKind::Never,
                            );
                            self.run_finally_down_to(0);
                            let r = self.temp(RType::Obj, true);
                            self.push(
                                Some(r),
                                OpKind::Expr {
                                    template: "$0".into(),
                                    args: vec![Value::Reg(hold)],
                                },
                                ErrKind::Never,
                            );
                            self.push(None, OpKind::IncRef(Value::Reg(r)), ErrKind::Never);
                            self.push(None, OpKind::Clear { local: hold }, ErrKind::Never);
                            Some(Value::Reg(r))
                        }
                        other => {
                            self.run_finally_down_to(0);
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
            } => self.try_stmt(body, handlers, orelse, finalbody),
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
            S::Gil(body) => self.gil_section(GilChange::Acquire, body),
            S::With(ctx, target, body) => self.with_stmt(ctx, target.as_ref(), body),
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

    /// Runs the finally bodies of enclosing try statements (innermost first) for a jump out.
    fn run_finally_down_to(&mut self, depth: usize) {
        let bodies: Vec<&'p [t::Stmt]> = self.finally[depth..].iter().rev().copied().collect();
        let saved = std::mem::take(&mut self.finally);
        for (i, b) in bodies.iter().enumerate() {
            self.finally = saved[..saved.len() - 1 - i].to_vec();
            self.block(b);
        }
        self.finally = saved;
    }

    #[allow(clippy::too_many_arguments)]
    fn for_range(
        &mut self,
        var: &'p t::Target,
        ty: &Type,
        start: &'p t::Expr,
        stop: &'p t::Expr,
        step: &'p t::Expr,
        body: &'p [t::Stmt],
        orelse: &'p [t::Stmt],
    ) {
        let cty = ty.c_type();
        let s0 = self.expr(start);
        let s0 = self.materialize(s0, ty);
        let stop_v = self.expr(stop);
        let stop_v = self.materialize(stop_v, ty);
        let step_v = self.expr(step);
        let step_v = self.materialize(step_v, ty);
        let counter = self.new_reg(
            format!("pyx_i{}", self.f.regs.len()),
            RType::C(cty.clone()),
            RegKind::Local,
            false,
        );
        let (stop_l, step_l) = (
            self.new_reg(
                format!("pyx_stop{}", self.f.regs.len()),
                RType::C(cty.clone()),
                RegKind::Local,
                false,
            ),
            self.new_reg(
                format!("pyx_step{}", self.f.regs.len() + 1),
                RType::C(cty.clone()),
                RegKind::Local,
                false,
            ),
        );
        self.push(
            None,
            OpKind::Assign {
                local: counter,
                src: s0,
            },
            ErrKind::Never,
        );
        self.push(
            None,
            OpKind::Assign {
                local: stop_l,
                src: stop_v,
            },
            ErrKind::Never,
        );
        self.push(
            None,
            OpKind::Assign {
                local: step_l,
                src: step_v.clone(),
            },
            ErrKind::Never,
        );
        let (c, sp, st) = (
            self.f.regs[counter].name.clone(),
            self.f.regs[step_l].name.clone(),
            self.f.regs[stop_l].name.clone(),
        );
        let step_const: Option<i64> = match &step_v {
            Value::C(s) => s.trim_start_matches('(').trim_end_matches(')').parse().ok(),
            _ => None,
        };
        if step_const.is_none() {
            self.helper("arith");
            self.void_call(
                "pyx_check_range_step",
                vec![Value::C(format!("({sp} == 0)"))],
                vec![false],
                ErrKind::Neg,
            );
        }
        let cond = match step_const {
            Some(n) if n > 0 => format!("{c} < {st}"),
            Some(_) => format!("{c} > {st}"),
            None => format!("({sp} > 0 ? {c} < {st} : {c} > {st})"),
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
        self.store(var, Value::C(c.clone()), ty);
        self.loops.push(LoopCx {
            brk: done,
            cont: latch,
            finally_depth: self.finally.len(),
        });
        self.block(body);
        self.loops.pop();
        self.goto(latch);
        self.switch(latch);
        self.push(
            None,
            OpKind::Stmt {
                template: format!("{c} += {sp}"),
                args: vec![],
            },
            ErrKind::Never,
        );
        self.goto(head);
        self.switch(eb);
        self.block(orelse);
        self.goto(done);
        self.switch(done);
    }

    fn try_stmt(
        &mut self,
        body: &'p [t::Stmt],
        handlers: &'p [t::Handler],
        orelse: &'p [t::Stmt],
        finalbody: &'p [t::Stmt],
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
            self.finally.push(finalbody);
        }
        self.handler = exc_block.or(after_except_handler);
        self.block(body);
        self.handler = after_except_handler;
        self.block(orelse);
        self.goto(done);
        if let Some(eb) = exc_block {
            self.switch(eb);
            // The frame's traceback entry is added where the exception is caught (as CPython's
            // traceback has the frame that handles it); an unmatched exception re-raised from
            // here must not get a second one at the function's exit.
            let name = match self.f.style {
                FnStyle::ModuleExec => "<module>".to_string(),
                _ => self.f.qualname.clone(),
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
            let exc = self.new_reg(
                format!("pyx_exc{}", self.f.regs.len()),
                RType::Obj,
                RegKind::Local,
                false,
            );
            let fetched = self.obj_call("pyx_exc_fetch", vec![]);
            self.push(
                None,
                OpKind::Assign {
                    local: exc,
                    src: fetched,
                },
                ErrKind::Never,
            );
            for h in handlers {
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
                if let Some(n) = &h.name {
                    self.store(n, Value::Reg(exc), &Type::OBJECT);
                }
                self.handling.push(exc);
                let saved_loops_depth = self.loops.len();
                self.block(&h.body);
                let _ = saved_loops_depth;
                self.handling.pop();
                self.push(None, OpKind::Clear { local: exc }, ErrKind::Never);
                self.goto(done);
                self.switch(next);
            }
            // No handler matched: re-raise.
            self.void_call(
                "pyx_reraise",
                vec![Value::Reg(exc)],
                vec![false],
                ErrKind::Always,
            );
            self.push(None, OpKind::Clear { local: exc }, ErrKind::Never);
        }
        if has_finally {
            self.finally.pop();
        }
        self.handler = outer;
        self.switch(done);
        if let Some(fe) = fin_err {
            self.block(finalbody);
            let after = self.new_block();
            self.goto(after);
            // The error path: save the exception, run the finally body, re-raise.
            self.switch(fe);
            let exc = self.new_reg(
                format!("pyx_fexc{}", self.f.regs.len()),
                RType::Obj,
                RegKind::Local,
                false,
            );
            let fetched = self.obj_call("pyx_exc_fetch", vec![]);
            self.push(
                None,
                OpKind::Assign {
                    local: exc,
                    src: fetched,
                },
                ErrKind::Never,
            );
            self.block(finalbody);
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

    fn with_stmt(&mut self, ctx: &'p t::Expr, target: Option<&'p t::Target>, body: &'p [t::Stmt]) {
        self.helper("except");
        let cv = self.expr(ctx);
        let mgr = self.new_reg(
            format!("pyx_mgr{}", self.f.regs.len()),
            RType::Obj,
            RegKind::Local,
            false,
        );
        self.push(
            None,
            OpKind::Assign {
                local: mgr,
                src: cv,
            },
            ErrKind::Never,
        );
        let exit = self.new_reg(
            format!("pyx_exit{}", self.f.regs.len()),
            RType::Obj,
            RegKind::Local,
            false,
        );
        let ev = self.obj_call("pyx_with_exit", vec![Value::Reg(mgr)]);
        self.push(
            None,
            OpKind::Assign {
                local: exit,
                src: ev,
            },
            ErrKind::Never,
        );
        let entered = self.obj_call("pyx_with_enter", vec![Value::Reg(mgr)]);
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
        self.block(body);
        self.handler = outer;
        let r = self.obj_call("pyx_with_exit_ok", vec![Value::Reg(exit)]);
        let _ = r;
        self.goto(done);
        self.switch(eb);
        // On error: call __exit__ with the exception; re-raise unless it returns true.
        let exc = self.new_reg(
            format!("pyx_wexc{}", self.f.regs.len()),
            RType::Obj,
            RegKind::Local,
            false,
        );
        let fetched = self.obj_call("pyx_exc_fetch", vec![]);
        self.push(
            None,
            OpKind::Assign {
                local: exc,
                src: fetched,
            },
            ErrKind::Never,
        );
        let suppress = self.c_call(
            "pyx_with_exit_exc",
            vec![Value::Reg(exit), Value::Reg(exc)],
            "int",
            ErrKind::Neg,
        );
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
        self.push(None, OpKind::Clear { local: exc }, ErrKind::Never);
        self.goto(done);
        self.switch(done);
        self.push(None, OpKind::Clear { local: exit }, ErrKind::Never);
        self.push(None, OpKind::Clear { local: mgr }, ErrKind::Never);
    }

    fn del(&mut self, target: &'p t::Target) {
        match target {
            t::Target::FreeVar(i) => {
                let cell = Value::C(format!("PyTuple_GET_ITEM(pyx_self, {})", i + 1));
                let name = c_string(self.src.freevars[*i].name.as_bytes());
                self.helper("closure");
                self.void_call(
                    "pyx_cell_del",
                    vec![cell, Value::C(name)],
                    vec![false; 2],
                    ErrKind::Neg,
                );
            }
            t::Target::Local(l) if self.src.locals[*l].cell => {
                let cell = Value::Reg(self.locals[*l]);
                let name = c_string(self.src.locals[*l].name.as_bytes());
                self.helper("closure");
                self.void_call(
                    "pyx_cell_del",
                    vec![cell, Value::C(name)],
                    vec![false; 2],
                    ErrKind::Neg,
                );
            }
            t::Target::Local(l) => {
                let r = self.locals[*l];
                self.push(None, OpKind::Clear { local: r }, ErrKind::Never);
            }
            t::Target::PyGlobal(name) => {
                let n = self.name_const(name);
                self.void_call(
                    "PyDict_DelItem",
                    vec![Value::C("pyx_module_dict".into()), n],
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
            t::Target::CGlobal(_) | t::Target::CLValue(_) => {}
        }
    }

    /// Stores a value (of type `ty`) into a target.
    fn store(&mut self, target: &'p t::Target, v: Value, ty: &Type) {
        match target {
            t::Target::Local(l) if self.src.locals[*l].cell => {
                let cell = Value::Reg(self.locals[*l]);
                self.void_call("PyCell_Set", vec![cell, v], vec![false; 2], ErrKind::Neg);
            }
            t::Target::FreeVar(i) => {
                let cell = Value::C(format!("PyTuple_GET_ITEM(pyx_self, {})", i + 1));
                self.void_call("PyCell_Set", vec![cell, v], vec![false; 2], ErrKind::Neg);
            }
            t::Target::Local(l) => {
                let local = self.locals[*l];
                self.push(None, OpKind::Assign { local, src: v }, ErrKind::Never);
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
                self.void_call(
                    "PyObject_SetAttr",
                    vec![o, n, v],
                    vec![false; 3],
                    ErrKind::Neg,
                );
            }
            t::Target::Item(obj, idx) => {
                let o = self.expr(obj);
                let i = self.expr(idx);
                self.void_call(
                    "PyObject_SetItem",
                    vec![o, i, v],
                    vec![false; 3],
                    ErrKind::Neg,
                );
            }
            t::Target::CLValue(e) => {
                let lv = self.lvalue(e);
                if e.ty.is_object() {
                    self.helper("core");
                    self.void_call(
                        "pyx_store_static",
                        vec![Value::C(format!("&({lv})")), v],
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
            t::Target::Unpack(ts, star) => self.store_unpack(ts, *star, v, ty),
        }
    }

    fn store_cglobal(&mut self, g: usize, v: Value) {
        let gl = &self.prog.globals[g];
        let name = gl.cname.clone();
        if gl.ty.is_object() {
            self.helper("core");
            self.void_call(
                "pyx_store_static",
                vec![Value::C(format!("&{name}")), v],
                vec![false, true],
                ErrKind::Never,
            );
        } else {
            self.push(
                None,
                OpKind::Stmt {
                    template: format!("{name} = $0"),
                    args: vec![v],
                },
                ErrKind::Never,
            );
        }
    }

    fn store_unpack(&mut self, ts: &'p [t::Target], star: Option<usize>, v: Value, ty: &Type) {
        if let Type::CTuple(items) = ty {
            let v = self.materialize(v, ty);
            let base = self.text(&v);
            for (i, (t, ity)) in ts.iter().zip(items).enumerate() {
                self.store(t, Value::C(format!("{base}.f{i}")), ity);
            }
            return;
        }
        self.helper("unpack");
        let n = ts.len();
        let seq = self.new_reg(
            format!("pyx_seq{}", self.f.regs.len()),
            RType::Obj,
            RegKind::Local,
            false,
        );
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
        self.push(None, OpKind::Assign { local: seq, src: r }, ErrKind::Never);
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
    fn lvalue(&mut self, e: &'p t::Expr) -> String {
        let v = self.expr(e);
        self.text(&v)
    }

    // ---- expressions ----

    fn expr(&mut self, e: &'p t::Expr) -> Value {
        match &e.kind {
            E::CConst(s) => Value::C(s.clone()),
            E::PyInt(s) => {
                let init = match s.parse::<i64>() {
                    Ok(n) if n > i32::MIN as i64 && n < i32::MAX as i64 => {
                        format!("PyLong_FromLong({n})")
                    }
                    _ => format!("PyLong_FromString({}, NULL, 10)", c_string(s.as_bytes())),
                };
                Value::C(self.consts.add(init))
            }
            E::PyFloat(f) => Value::C(
                self.consts
                    .add(format!("PyFloat_FromDouble({})", crate::sema::c_double(*f))),
            ),
            E::PyStr(s) => self.str_const(s),
            E::PyBytes(b) => Value::C(self.consts.add(format!(
                "PyBytes_FromStringAndSize({}, {})",
                c_string(b),
                b.len()
            ))),
            E::PyBool(b) => Value::C(if *b { "Py_True" } else { "Py_False" }.into()),
            E::PyNone => Value::C("Py_None".into()),
            E::PyEllipsis => Value::C("Py_Ellipsis".into()),
            E::CString(b) => Value::C(c_string(b)),
            E::Local(l) if self.src.locals[*l].cell => {
                let cell = Value::Reg(self.locals[*l]);
                self.cell_get(cell, &self.src.locals[*l].name, true)
            }
            E::FreeVar(i) => {
                let cell = Value::C(format!("PyTuple_GET_ITEM(pyx_self, {})", i + 1));
                self.cell_get(cell, &self.src.freevars[*i].name, false)
            }
            E::Local(l) => {
                let r = self.locals[*l];
                if e.ty.is_object() {
                    if self.src.locals[*l].hidden {
                        return Value::Reg(r);
                    }
                    // Reading an unbound local raises UnboundLocalError.
                    self.helper("core");
                    let name = self.src.locals[*l].name.clone();
                    self.void_call(
                        "pyx_check_bound",
                        vec![Value::Reg(r), Value::C(c_string(name.as_bytes()))],
                        vec![false, false],
                        ErrKind::Neg,
                    );
                }
                Value::Reg(r)
            }
            E::CGlobal(g) => Value::C(self.prog.globals[*g].cname.clone()),
            E::CName(n) => Value::C(n.clone()),
            E::ClassLookup(ns, name) => {
                self.helper("class");
                let n = self.name_const(name);
                let ns = Value::Reg(self.locals[*ns]);
                self.obj_call("pyx_class_lookup", vec![ns, n])
            }
            E::PyGlobal(name) => {
                self.helper("core");
                let n = self.name_const(name);
                self.obj_call(
                    "pyx_get_global",
                    vec![Value::C("pyx_module_dict".into()), n],
                )
            }
            E::Builtin(name) => {
                self.helper("core");
                // Through the module dict first: a module may shadow a builtin at run time.
                let n = self.name_const(name);
                self.obj_call(
                    "pyx_get_global",
                    vec![Value::C("pyx_module_dict".into()), n],
                )
            }
            E::FuncObject(_) => Value::C("Py_None".into()),
            E::CBinary(op, a, b) => self.c_binary(*op, a, b, &e.ty),
            E::CUnary(op, a) => {
                let v = self.expr(a);
                let x = self.text(&v);
                Value::C(match op {
                    CUnOp::Neg => format!("(-{x})"),
                    CUnOp::Pos => format!("(+{x})"),
                    CUnOp::Invert => format!("(~{x})"),
                    CUnOp::Not => format!("(!{x})"),
                })
            }
            E::CCompare(op, a, b) => {
                let av = self.expr(a);
                let av = self.materialize(av, &a.ty);
                let bv = self.expr(b);
                Value::C(format!(
                    "({} {} {})",
                    self.text(&av),
                    c_cmp(*op),
                    self.text(&bv)
                ))
            }
            E::PyBinary(op, a, b) | E::PyInPlace(op, a, b) => {
                let av = self.expr(a);
                let bv = self.expr(b);
                let inplace = matches!(e.kind, E::PyInPlace(..));
                if *op == BinOp::Pow {
                    let f = if inplace {
                        "PyNumber_InPlacePower"
                    } else {
                        "PyNumber_Power"
                    };
                    return self.obj_call(f, vec![av, bv, Value::C("Py_None".into())]);
                }
                self.obj_call(py_binop(*op, inplace), vec![av, bv])
            }
            E::PyUnary(op, a) => {
                let v = self.expr(a);
                let f = match op {
                    CUnOp::Neg => "PyNumber_Negative",
                    CUnOp::Pos => "PyNumber_Positive",
                    CUnOp::Invert => "PyNumber_Invert",
                    CUnOp::Not => unreachable!("not is lowered via truth values"),
                };
                self.obj_call(f, vec![v])
            }
            E::PyCompare(op, a, b) => {
                let av = self.expr(a);
                let bv = self.expr(b);
                match op {
                    CmpOp::Is => self.c_expr_obj("($0 == $1)", vec![av, bv], "int"),
                    CmpOp::IsNot => self.c_expr_obj("($0 != $1)", vec![av, bv], "int"),
                    CmpOp::In => {
                        self.c_call("PySequence_Contains", vec![bv, av], "int", ErrKind::Neg)
                    }
                    CmpOp::NotIn => {
                        let r =
                            self.c_call("PySequence_Contains", vec![bv, av], "int", ErrKind::Neg);
                        Value::C(format!("(!{})", self.text(&r)))
                    }
                    _ => self.obj_call(
                        "PyObject_RichCompare",
                        vec![av, bv, Value::C(py_cmp(*op).into())],
                    ),
                }
            }
            E::Chain(links) => {
                let res = self.new_reg(
                    format!("pyx_chain{}", self.f.regs.len()),
                    RType::C("int".into()),
                    RegKind::Local,
                    false,
                );
                let done = self.new_block();
                for (i, l) in links.iter().enumerate() {
                    let v = self.expr(l);
                    self.push(None, OpKind::Assign { local: res, src: v }, ErrKind::Never);
                    if i + 1 < links.len() {
                        let next = self.new_block();
                        self.terminate(Term::Branch(Value::Reg(res), next, done));
                        self.switch(next);
                    }
                }
                self.goto(done);
                self.switch(done);
                Value::Reg(res)
            }
            E::And(a, b) | E::Or(a, b) => {
                let is_and = matches!(e.kind, E::And(..));
                let res = self.new_reg(
                    format!("pyx_bool{}", self.f.regs.len()),
                    rtype(&e.ty),
                    RegKind::Local,
                    false,
                );
                let av = self.expr(a);
                self.push(
                    None,
                    OpKind::Assign {
                        local: res,
                        src: av,
                    },
                    ErrKind::Never,
                );
                let truth = if e.ty.is_object() {
                    self.c_call(
                        "PyObject_IsTrue",
                        vec![Value::Reg(res)],
                        "int",
                        ErrKind::Neg,
                    )
                } else {
                    Value::Reg(res)
                };
                let (rhs, done) = (self.new_block(), self.new_block());
                if is_and {
                    self.terminate(Term::Branch(truth, rhs, done));
                } else {
                    self.terminate(Term::Branch(truth, done, rhs));
                }
                self.switch(rhs);
                let bv = self.expr(b);
                self.push(
                    None,
                    OpKind::Assign {
                        local: res,
                        src: bv,
                    },
                    ErrKind::Never,
                );
                self.goto(done);
                self.switch(done);
                self.take_local(res, &e.ty)
            }
            E::IfExp(test, a, b) => {
                let res = self.new_reg(
                    format!("pyx_cond{}", self.f.regs.len()),
                    rtype(&e.ty),
                    RegKind::Local,
                    false,
                );
                let c = self.expr(test);
                let (tb, fb, done) = (self.new_block(), self.new_block(), self.new_block());
                self.terminate(Term::Branch(c, tb, fb));
                self.switch(tb);
                let av = self.expr(a);
                self.push(
                    None,
                    OpKind::Assign {
                        local: res,
                        src: av,
                    },
                    ErrKind::Never,
                );
                self.goto(done);
                self.switch(fb);
                let bv = self.expr(b);
                self.push(
                    None,
                    OpKind::Assign {
                        local: res,
                        src: bv,
                    },
                    ErrKind::Never,
                );
                self.goto(done);
                self.switch(done);
                self.take_local(res, &e.ty)
            }
            E::Coerce(inner) => {
                let v = self.expr(inner);
                self.convert(v, &inner.ty, &e.ty)
            }
            E::CCast(inner) => {
                let v = self.expr(inner);
                if e.ty.is_object() && inner.ty.is_object() {
                    return v;
                }
                if inner.ty.is_object() {
                    // <void*>obj: the pointer, borrowed.
                    return self.c_expr_obj(
                        &format!("(({})$0)", e.ty.c_type()),
                        vec![v],
                        &e.ty.c_type(),
                    );
                }
                if e.ty.is_object() {
                    // <object>ptr: a new reference to the object the pointer holds.
                    let r = self.temp(RType::Obj, true);
                    let txt = self.text(&v);
                    self.push(
                        Some(r),
                        OpKind::Expr {
                            template: format!("((PyObject *){txt})"),
                            args: vec![],
                        },
                        ErrKind::Never,
                    );
                    self.push(None, OpKind::IncRef(Value::Reg(r)), ErrKind::Never);
                    return Value::Reg(r);
                }
                Value::C(format!("(({}){})", e.ty.c_type(), self.text(&v)))
            }
            E::CCall(callee, args, sig) => {
                let f = self.expr(callee);
                let fname = self.text(&f);
                let mut vals = Vec::new();
                for a in args {
                    let v = self.expr(a);
                    let v = if a.ty.is_object() {
                        v
                    } else {
                        self.materialize(v, &a.ty)
                    };
                    vals.push(v);
                }
                let err = match &sig.exc {
                    ExcCheck::None => ErrKind::Never,
                    ExcCheck::Value(v) => ErrKind::Value(v.clone()),
                    ExcCheck::MaybeValue(v) => ErrKind::MaybeValue(v.clone()),
                    ExcCheck::Always => ErrKind::Occurred,
                };
                let err = if sig.ret.is_object() {
                    ErrKind::Null
                } else {
                    err
                };
                if sig.ret.is_void() {
                    self.void_call(&fname, vals, vec![false; args.len()], err);
                    return Value::C("0".into());
                }
                if sig.ret.is_object() {
                    return self.obj_call(&fname, vals);
                }
                self.c_call(&fname, vals, &sig.ret.c_type(), err)
            }
            E::PyCall(f, args) => self.py_call(f, args),
            E::PyMethodCall(obj, name, args) => {
                self.helper("call");
                let o = self.expr(obj);
                let mut vals = vec![o];
                for a in args {
                    vals.push(self.expr(a));
                }
                let n = self.name_const(name);
                let count = vals.len();
                let mut items = vec![n];
                items.extend(vals);
                let _ = items.remove(0);
                let name_v = self.name_const(name);
                self.array_call(
                    "pyx_call_method",
                    items,
                    vec![Value::C(count.to_string()), name_v],
                )
            }
            E::Attribute(obj, name) => {
                let o = self.expr(obj);
                let n = self.name_const(name);
                self.obj_call("PyObject_GetAttr", vec![o, n])
            }
            E::Subscript(obj, idx) => {
                let o = self.expr(obj);
                let i = self.expr(idx);
                self.obj_call("PyObject_GetItem", vec![o, i])
            }
            E::Slice(a, b, c) => {
                let part = |x: &'p Option<Box<t::Expr>>, s: &mut Self| match x {
                    Some(x) => s.expr(x),
                    None => Value::C("Py_None".into()),
                };
                let av = part(a, self);
                let bv = part(b, self);
                let cv = part(c, self);
                self.obj_call("PySlice_New", vec![av, bv, cv])
            }
            E::CStrSlice(base, lo, hi) => {
                let b = self.expr(base);
                let b = self.materialize(b, &base.ty);
                let start = match lo {
                    Some(x) => {
                        let v = self.expr(x);
                        let v = self.materialize(v, &x.ty);
                        self.text(&v)
                    }
                    None => "0".into(),
                };
                let p = Value::C(format!("({} + {start})", self.text(&b)));
                match hi {
                    Some(x) => {
                        let v = self.expr(x);
                        let len = Value::C(format!("({} - {start})", self.text(&v)));
                        self.obj_call("PyBytes_FromStringAndSize", vec![p, len])
                    }
                    None => self.obj_call("PyBytes_FromString", vec![p]),
                }
            }
            E::CIndex(base, idx) => {
                let b = self.expr(base);
                let i = self.expr(idx);
                Value::C(format!("{}[{}]", self.text(&b), self.text(&i)))
            }
            E::CField(base, field, arrow) => {
                let b = self.expr(base);
                Value::C(format!(
                    "{}{}{}",
                    self.text(&b),
                    if *arrow { "->" } else { "." },
                    crate::sema::mangle(field)
                ))
            }
            E::Deref(x) => {
                let v = self.expr(x);
                Value::C(format!("(*{})", self.text(&v)))
            }
            E::IncDec(x, step) => {
                let v = self.expr(x);
                let x = self.text(&v);
                let c = match step {
                    IncDec::PreInc => format!("(++{x})"),
                    IncDec::PostInc => format!("({x}++)"),
                    IncDec::PreDec => format!("(--{x})"),
                    IncDec::PostDec => format!("({x}--)"),
                };
                // A temp, so the side effect happens here even when the value is unused.
                let r = self.temp(rtype(&e.ty), false);
                self.push(
                    Some(r),
                    OpKind::Expr {
                        template: c,
                        args: vec![],
                    },
                    ErrKind::Never,
                );
                Value::Reg(r)
            }
            E::AddressOf(x) => {
                let v = self.expr(x);
                Value::C(format!("(&{})", self.text(&v)))
            }
            E::SizeOf(ty) => Value::C(format!("sizeof({})", ty.c_type())),
            E::Tuple(items) => self.build_seq("pyx_tuple_steal", items),
            E::List(items) => self.build_seq("pyx_list_steal", items),
            E::Set(items) => {
                let s = self.obj_call("PySet_New", vec![Value::C("NULL".into())]);
                let holder = self.hold(s);
                for it in items {
                    let v = self.expr(it);
                    self.void_call(
                        "PySet_Add",
                        vec![Value::Reg(holder), v],
                        vec![false, false],
                        ErrKind::Neg,
                    );
                }
                self.take_local(holder, &Type::OBJECT)
            }
            E::Dict(items) => {
                let holder = self.new_dict();
                for (k, v) in items {
                    let kv = self.expr(k);
                    let vv = self.expr(v);
                    self.dict_set(holder, kv, vv);
                }
                self.take_local(holder, &Type::OBJECT)
            }
            E::CTuple(items) => {
                let name = ctuple_cname(match &e.ty {
                    Type::CTuple(ts) => ts,
                    _ => unreachable!(),
                });
                let mut parts = Vec::new();
                for it in items {
                    let v = self.expr(it);
                    let v = self.materialize(v, &it.ty);
                    parts.push(self.text(&v));
                }
                Value::C(format!("(({name}){{{}}})", parts.join(", ")))
            }
            E::CStruct(items) => {
                let mut parts = Vec::new();
                for it in items {
                    let v = self.expr(it);
                    let v = self.materialize(v, &it.ty);
                    parts.push(self.text(&v));
                }
                Value::C(format!("(({}){{{}}})", e.ty.c_type(), parts.join(", ")))
            }
            E::Comprehension { acc, kind, body } => {
                let r = self.locals[*acc];
                let init = match kind {
                    ComprehensionKind::List => {
                        self.obj_call("PyList_New", vec![Value::C("0".into())])
                    }
                    ComprehensionKind::Set => {
                        self.obj_call("PySet_New", vec![Value::C("NULL".into())])
                    }
                    ComprehensionKind::Dict => self.obj_call("PyDict_New", vec![]),
                };
                self.push(
                    None,
                    OpKind::Assign {
                        local: r,
                        src: init,
                    },
                    ErrKind::Never,
                );
                self.block(body);
                self.take_local(r, &e.ty)
            }
            E::Walrus(target, v) => {
                let val = self.expr(v);
                let held = if v.ty.is_object() {
                    let h = self.hold(val);
                    Value::Reg(h)
                } else {
                    self.materialize(val, &v.ty)
                };
                self.store(target, held.clone(), &v.ty);
                match held {
                    Value::Reg(h) if v.ty.is_object() => self.take_local(h, &v.ty),
                    other => other,
                }
            }
            E::MakeFunction(id, defaults) => {
                for (g, d) in defaults {
                    let v = self.expr(d);
                    self.store_cglobal(*g, v);
                }
                self.helper("function");
                let inner = &self.prog.functions[*id];
                let mdef = Value::C(format!("&pyx_mdef_{}", inner.cname));
                let qualname = self.str_const(&inner.qualname);
                if inner.freevars.is_empty() {
                    let f = self.obj_call("pyx_make_function", vec![mdef, qualname]);
                    return self.function_attributes(*id, f);
                }
                // A closure: the function's `self` is the tuple of its cells.
                let module = Value::C("pyx_module".into());
                let cells: Vec<Value> = std::iter::once(module)
                    .chain(inner.freevars.iter().map(|f| match f.source {
                        t::CellSource::Local(l) => Value::Reg(self.locals[l]),
                        t::CellSource::Free(i) => {
                            Value::C(format!("PyTuple_GET_ITEM(pyx_self, {})", i + 1))
                        }
                    }))
                    .collect();
                let cells = self.tuple_of(cells);
                self.helper("closure");
                let f = self.obj_call("pyx_make_closure", vec![mdef, cells, qualname]);
                self.function_attributes(*id, f)
            }
            E::MakeClass {
                name,
                qualname,
                bases,
                keywords,
                class_cell,
                ns,
                body,
                doc,
            } => {
                self.helper("function");
                self.helper("class");
                // A fresh `__class__` cell for each execution of the class statement.
                let captured = self.src.locals[*class_cell].cell;
                let cell_reg = self.locals[*class_cell];
                if captured {
                    let cell = self.obj_call("PyCell_New", vec![Value::C("NULL".into())]);
                    self.push(
                        None,
                        OpKind::Assign {
                            local: cell_reg,
                            src: cell,
                        },
                        ErrKind::Never,
                    );
                }
                let mut bvals = Vec::new();
                for b in bases {
                    bvals.push(self.expr(b));
                }
                let bases_t = self.tuple_of(bvals);
                let bases_h = self.hold(bases_t);
                // The keywords in a fresh dict (the helpers take `metaclass` out of it).
                let kw_h = self.new_dict();
                for (k, v) in keywords {
                    let key = self.name_const(k);
                    let val = self.expr(v);
                    self.dict_set(kw_h, key, val);
                }
                let meta = self.obj_call(
                    "pyx_class_meta",
                    vec![Value::Reg(bases_h), Value::Reg(kw_h)],
                );
                let meta_h = self.hold(meta);
                let nsr = self.locals[*ns];
                let n = self.str_const(name);
                let q = self.str_const(qualname);
                let d = match doc {
                    Some(d) => self.str_const(d),
                    None => Value::C("NULL".into()),
                };
                let nsv = self.obj_call(
                    "pyx_class_namespace",
                    vec![
                        Value::Reg(meta_h),
                        n.clone(),
                        Value::Reg(bases_h),
                        Value::Reg(kw_h),
                        q,
                        d,
                    ],
                );
                self.push(
                    None,
                    OpKind::Assign {
                        local: nsr,
                        src: nsv,
                    },
                    ErrKind::Never,
                );
                self.block(body);
                if captured {
                    // type.__new__ fills the cell with the class.
                    let key = self.name_const("__classcell__");
                    self.void_call(
                        "PyObject_SetItem",
                        vec![Value::Reg(nsr), key, Value::Reg(cell_reg)],
                        vec![false; 3],
                        ErrKind::Neg,
                    );
                }
                let cls = self.obj_call(
                    "pyx_make_class",
                    vec![
                        Value::Reg(meta_h),
                        n,
                        Value::Reg(bases_h),
                        Value::Reg(nsr),
                        Value::Reg(kw_h),
                    ],
                );
                let held = self.hold(cls);
                for local in [nsr, bases_h, kw_h, meta_h] {
                    self.push(None, OpKind::Clear { local }, ErrKind::Never);
                }
                self.take_local(held, &Type::OBJECT)
            }
            E::JoinStr(parts) => {
                let mut vals = Vec::new();
                for p in parts {
                    vals.push(self.expr(p));
                }
                let t = self.tuple_of(vals);
                let empty = self.str_const("");
                self.obj_call("PyUnicode_Join", vec![empty, t])
            }
            E::Format(v, conv, spec) => {
                let x = self.expr(v);
                let x = match conv {
                    Some('r') => self.obj_call("PyObject_Repr", vec![x]),
                    Some('s') => self.obj_call("PyObject_Str", vec![x]),
                    Some('a') => self.obj_call("PyObject_ASCII", vec![x]),
                    _ => x,
                };
                let s = match spec {
                    Some(s) => self.expr(s),
                    None => Value::C("NULL".into()),
                };
                self.obj_call("PyObject_Format", vec![x, s])
            }
            E::Import(name, top) => {
                self.helper("import");
                let n = self.str_const(name);
                self.obj_call("pyx_import", vec![n, Value::C((*top as i32).to_string())])
            }
            E::ImportFrom(m, name) => {
                self.helper("import");
                let mv = self.expr(m);
                let n = self.name_const(name);
                self.obj_call("pyx_import_from", vec![mv, n])
            }
            E::Invalid => Value::C("0".into()),
        }
    }

    /// Keeps an object in a fresh local so it survives across blocks.
    /// Sets a new function object's `__defaults__`, `__kwdefaults__` and `__annotations__`
    /// (from the defaults just stored and the annotation texts), when it has any.
    fn function_attributes(&mut self, id: t::FuncId, f: Value) -> Value {
        let func = &self.prog.functions[id];
        let npos = func.layout.npos;
        let positional: Vec<t::GlobalId> = func.params[..npos]
            .iter()
            .filter_map(|p| p.default)
            .collect();
        let keyword: Vec<(String, t::GlobalId)> = func.params[npos..]
            .iter()
            .filter_map(|p| p.default.map(|g| (p.name.clone(), g)))
            .collect();
        let annotations = func.annotations.clone();
        if positional.is_empty() && keyword.is_empty() && annotations.is_empty() {
            return f;
        }
        let fh = self.hold(f);
        let default_value = |lw: &mut Self, g: t::GlobalId| {
            let gl = &lw.prog.globals[g];
            let (cname, ty) = (gl.cname.clone(), gl.ty.clone());
            lw.convert(Value::C(cname), &ty, &Type::OBJECT)
        };
        let mut attrs: Vec<(&str, Value)> = Vec::new();
        if !positional.is_empty() {
            let vals: Vec<Value> = positional.iter().map(|&g| default_value(self, g)).collect();
            attrs.push(("__defaults__", self.tuple_of(vals)));
        }
        let dict_of = |lw: &mut Self, items: Vec<(String, Value)>| {
            let dh = lw.new_dict();
            for (k, v) in items {
                let key = lw.str_const(&k);
                lw.dict_set(dh, key, v);
            }
            lw.take_local(dh, &Type::OBJECT)
        };
        if !keyword.is_empty() {
            let items = keyword
                .into_iter()
                .map(|(k, g)| (k, default_value(self, g)))
                .collect();
            let d = dict_of(self, items);
            attrs.push(("__kwdefaults__", d));
        }
        if !annotations.is_empty() {
            let items = annotations
                .into_iter()
                .map(|(k, a)| {
                    let v = self.str_const(&a);
                    (k, v)
                })
                .collect();
            let d = dict_of(self, items);
            attrs.push(("__annotations__", d));
        }
        for (name, v) in attrs {
            let n = self.name_const(name);
            self.void_call(
                "PyObject_SetAttr",
                vec![Value::Reg(fh), n, v],
                vec![false; 3],
                ErrKind::Neg,
            );
        }
        self.take_local(fh, &Type::OBJECT)
    }

    /// A new empty dict held in a local: fill it with `dict_set`, move it out with
    /// `take_local`.
    fn new_dict(&mut self) -> Reg {
        let d = self.obj_call("PyDict_New", vec![]);
        self.hold(d)
    }

    fn dict_set(&mut self, dict: Reg, key: Value, value: Value) {
        self.void_call(
            "PyDict_SetItem",
            vec![Value::Reg(dict), key, value],
            vec![false; 3],
            ErrKind::Neg,
        );
    }

    fn hold(&mut self, v: Value) -> Reg {
        let h = self.new_reg(
            format!("pyx_h{}", self.f.regs.len()),
            RType::Obj,
            RegKind::Local,
            false,
        );
        self.push(None, OpKind::Assign { local: h, src: v }, ErrKind::Never);
        h
    }

    /// Moves a local's value out as an owned temp (objects) or reads it (C values).
    fn take_local(&mut self, r: Reg, ty: &Type) -> Value {
        if !ty.is_object() {
            return Value::Reg(r);
        }
        let t = self.temp(RType::Obj, true);
        self.push(
            Some(t),
            OpKind::Expr {
                template: "$0".into(),
                args: vec![Value::Reg(r)],
            },
            ErrKind::Never,
        );
        self.push(None, OpKind::IncRef(Value::Reg(t)), ErrKind::Never);
        self.push(None, OpKind::Clear { local: r }, ErrKind::Never);
        Value::Reg(t)
    }

    fn tuple_of(&mut self, vals: Vec<Value>) -> Value {
        self.helper("core");
        let n = vals.len();
        let mut args = vec![Value::C(n.to_string())];
        let mut steals = vec![false];
        for v in vals {
            args.push(v);
            steals.push(true);
        }
        self.obj_call_steal("pyx_tuple_steal", args, steals)
    }

    fn build_seq(&mut self, func: &str, items: &'p [t::Expr]) -> Value {
        self.helper("core");
        let mut args = vec![Value::C(items.len().to_string())];
        let mut steals = vec![false];
        for it in items {
            args.push(self.expr(it));
            steals.push(true);
        }
        self.obj_call_steal(func, args, steals)
    }

    /// A call whose first `items.len()` arguments are passed as one C array
    /// (`func((PyObject *[]){...}, extra...)`), for vectorcall. The array items stay tracked
    /// uses of the call itself, so they live until it returns.
    fn array_call(&mut self, func: &str, items: Vec<Value>, extra: Vec<Value>) -> Value {
        let n = items.len();
        let mut args = items;
        args.extend(extra);
        self.obj_call(&format!("@array{n}:{func}"), args)
    }

    fn py_call(&mut self, f: &'p t::Expr, args: &'p [t::CallArg]) -> Value {
        self.helper("call");
        let fv = self.expr(f);
        let simple = args
            .iter()
            .all(|a| matches!(a, t::CallArg::Pos(_) | t::CallArg::Kw(..)));
        if simple {
            let mut vals = Vec::new();
            let mut kwnames = Vec::new();
            for a in args {
                match a {
                    t::CallArg::Pos(e) => vals.push(self.expr(e)),
                    t::CallArg::Kw(k, e) => {
                        vals.push(self.expr(e));
                        kwnames.push(k.clone());
                    }
                    _ => unreachable!(),
                }
            }
            let nargs = vals.len() - kwnames.len();
            let kw = if kwnames.is_empty() {
                Value::C("NULL".into())
            } else {
                let items: Vec<String> = kwnames
                    .iter()
                    .map(|k| format!("PyUnicode_InternFromString({})", c_string(k.as_bytes())))
                    .collect();
                Value::C(self.consts.add(format!(
                    "pyx_tuple_steal({}, {})",
                    items.len(),
                    items.join(", ")
                )))
            };
            let mut all = vec![fv];
            all.extend(vals);
            return self.array_call("pyx_vectorcall", all, vec![Value::C(nargs.to_string()), kw]);
        }
        // General case: build a tuple and a dict.
        let lst = self.obj_call("PyList_New", vec![Value::C("0".into())]);
        let lh = self.hold(lst);
        let d = self.obj_call("PyDict_New", vec![]);
        let dh = self.hold(d);
        for a in args {
            match a {
                t::CallArg::Pos(e) => {
                    let v = self.expr(e);
                    self.void_call(
                        "PyList_Append",
                        vec![Value::Reg(lh), v],
                        vec![false, false],
                        ErrKind::Neg,
                    );
                }
                t::CallArg::Star(e) => {
                    let v = self.expr(e);
                    self.void_call(
                        "pyx_list_extend",
                        vec![Value::Reg(lh), v],
                        vec![false, false],
                        ErrKind::Neg,
                    );
                }
                t::CallArg::Kw(k, e) => {
                    let v = self.expr(e);
                    let n = self.name_const(k);
                    self.void_call(
                        "pyx_dict_add_kw",
                        vec![Value::Reg(dh), n, v],
                        vec![false; 3],
                        ErrKind::Neg,
                    );
                }
                t::CallArg::StarStar(e) => {
                    let v = self.expr(e);
                    self.void_call(
                        "pyx_dict_merge_kw",
                        vec![Value::Reg(dh), v],
                        vec![false, false],
                        ErrKind::Neg,
                    );
                }
            }
        }
        let tup = self.obj_call("PyList_AsTuple", vec![Value::Reg(lh)]);
        let r = self.obj_call("PyObject_Call", vec![fv, tup, Value::Reg(dh)]);
        let held = self.hold(r);
        self.push(None, OpKind::Clear { local: lh }, ErrKind::Never);
        self.push(None, OpKind::Clear { local: dh }, ErrKind::Never);
        self.take_local(held, &Type::OBJECT)
    }

    fn c_binary(&mut self, op: CBinOp, a: &'p t::Expr, b: &'p t::Expr, ty: &Type) -> Value {
        let av = self.expr(a);
        let before = self.f.blocks[self.cur].ops.len();
        let bv = self.expr(b);
        let av = if self.f.blocks[self.cur].ops.len() != before {
            self.materialize(av, &a.ty)
        } else {
            av
        };
        let (x, y) = (self.text(&av), self.text(&bv));
        let int = ty.is_int() || a.ty.is_int();
        let signed = a.ty.int_kind().is_none_or(IntKind::signed);
        // C `/` and `%` are only chosen under cdivision (possibly a `with cython.cdivision`
        // block), where nothing is checked.
        let checked = matches!(op, CBinOp::FloorDiv | CBinOp::PyMod | CBinOp::TrueDiv);
        let overflow_builtin = match op {
            CBinOp::AddChecked => Some("__builtin_add_overflow"),
            CBinOp::SubChecked => Some("__builtin_sub_overflow"),
            CBinOp::MulChecked => Some("__builtin_mul_overflow"),
            _ => None,
        };
        if let Some(builtin) = overflow_builtin {
            // The result goes into a C temp; the builtin reports overflow in the operand type.
            self.helper("arith");
            let r = self.temp(RType::C(ty.c_type()), false);
            let name = self.f.regs[r].name.clone();
            self.void_call(
                "PYX_CHECKED_ARITH",
                vec![
                    Value::C(builtin.into()),
                    Value::C(x),
                    Value::C(y),
                    Value::C(format!("&{name}")),
                ],
                vec![false; 4],
                ErrKind::Neg,
            );
            return Value::Reg(r);
        }
        if checked && !self.src.cdivision {
            let yv = self.materialize(bv.clone(), &b.ty);
            let y2 = self.text(&yv);
            self.helper("arith");
            let msg = match (op, int) {
                (_, true) => "integer division or modulo by zero",
                (CBinOp::TrueDiv, false) | (CBinOp::Div, false) => "float division",
                (CBinOp::PyMod, false) => "float modulo",
                _ => "float divmod()",
            };
            self.void_call(
                "pyx_check_nonzero",
                vec![
                    Value::C(format!("({y2} == 0)")),
                    Value::C(c_string(msg.as_bytes())),
                ],
                vec![false, false],
                ErrKind::Neg,
            );
            return self.c_binary_text(op, &x, &y2, ty, &a.ty, int, signed);
        }
        self.c_binary_text(op, &x, &y, ty, &a.ty, int, signed)
    }

    #[allow(clippy::too_many_arguments)]
    fn c_binary_text(
        &mut self,
        op: CBinOp,
        x: &str,
        y: &str,
        ty: &Type,
        operand: &Type,
        int: bool,
        signed: bool,
    ) -> Value {
        let cty = ty.c_type();
        Value::C(match op {
            CBinOp::Add | CBinOp::AddChecked => format!("({x} + {y})"),
            CBinOp::Sub | CBinOp::SubChecked => format!("({x} - {y})"),
            CBinOp::Mul | CBinOp::MulChecked => format!("({x} * {y})"),
            CBinOp::Div => format!("({x} / {y})"),
            CBinOp::Rem => {
                if int {
                    format!("({x} % {y})")
                } else {
                    format!("fmod({x}, {y})")
                }
            }
            CBinOp::TrueDiv => format!("((double){x} / (double){y})"),
            CBinOp::FloorDiv if int && signed => {
                self.helper("arith");
                format!("(({cty})PYX_FLOORDIV_S({x}, {y}))")
            }
            CBinOp::FloorDiv if int => format!("({x} / {y})"),
            CBinOp::FloorDiv => {
                self.helper("arith");
                format!("pyx_floordiv_d({x}, {y})")
            }
            CBinOp::PyMod if int && signed => {
                self.helper("arith");
                format!("(({cty})PYX_MOD_S({x}, {y}))")
            }
            CBinOp::PyMod if int => format!("({x} % {y})"),
            CBinOp::PyMod => {
                self.helper("arith");
                format!("pyx_mod_d({x}, {y})")
            }
            CBinOp::Pow if ty.is_float() => {
                if matches!(ty, Type::Float(FloatKind::Float)) {
                    format!("powf({x}, {y})")
                } else {
                    format!("pow({x}, {y})")
                }
            }
            CBinOp::Pow => {
                self.helper("arith");
                let _ = operand;
                format!("(({cty})pyx_ipow({x}, {y}))")
            }
            CBinOp::LShift => format!("({x} << {y})"),
            CBinOp::RShift => format!("({x} >> {y})"),
            CBinOp::BitAnd => format!("({x} & {y})"),
            CBinOp::BitOr => format!("({x} | {y})"),
            CBinOp::BitXor => format!("({x} ^ {y})"),
        })
    }

    /// Converts a value between types (the checker made every conversion explicit).
    fn convert(&mut self, v: Value, from: &Type, to: &Type) -> Value {
        if from == to || to.is_error() || from.is_error() {
            return v;
        }
        self.helper("convert");
        match (from, to) {
            (Type::Object(_), Type::Object(PyType::Any)) => v,
            (Type::Object(_), Type::Object(p)) => {
                let tobj = format!("&{}", p.type_object().unwrap_or("PyBaseObject_Type"));
                self.void_call(
                    "pyx_type_test",
                    vec![
                        v.clone(),
                        Value::C(tobj),
                        Value::C("1".into()),
                        Value::C("1".into()),
                    ],
                    vec![false; 4],
                    ErrKind::Neg,
                );
                v
            }
            (Type::Object(_), Type::Bint) => {
                self.c_call("PyObject_IsTrue", vec![v], "int", ErrKind::Neg)
            }
            (Type::Object(_), Type::Int(it)) if it.kind == IntKind::UCS4 => {
                self.helper("convert");
                let r = self.c_call("pyx_as_ucs4", vec![v], "long", ErrKind::MinusOneOccurred);
                Value::C(format!("((Py_UCS4){})", self.text(&r)))
            }
            (Type::Object(_), Type::Int(it)) => {
                let cty = to.c_type();
                let (lo, hi) = match &it.typedef {
                    Some(_) => (format!("PYX_MIN({cty})"), format!("PYX_MAX({cty})")),
                    None => {
                        let (a, b) = it.kind.limits();
                        (a.to_string(), b.to_string())
                    }
                };
                let signed = it.typedef.is_none() && it.kind.signed();
                let r = if it.typedef.is_some() {
                    let tn = c_string(cty.as_bytes());
                    self.c_call(
                        "pyx_as_ll_typed",
                        vec![
                            v,
                            Value::C(format!("PYX_SIGNED({cty})")),
                            Value::C(lo),
                            Value::C(hi),
                            Value::C(format!("PYX_UMAX({cty})")),
                            Value::C(tn),
                        ],
                        "long long",
                        ErrKind::MinusOneOccurred,
                    )
                } else if signed {
                    let tn = c_string(cty.as_bytes());
                    self.c_call(
                        "pyx_as_ll",
                        vec![v, Value::C(lo), Value::C(hi), Value::C(tn)],
                        "long long",
                        ErrKind::MinusOneOccurred,
                    )
                } else {
                    let tn = c_string(cty.as_bytes());
                    self.c_call(
                        "pyx_as_ull",
                        vec![v, Value::C(hi), Value::C(tn)],
                        "unsigned long long",
                        ErrKind::MinusOneOccurred,
                    )
                };
                Value::C(format!("(({cty}){})", self.text(&r)))
            }
            (Type::Object(_), Type::Float(_)) => {
                let r = self.c_call(
                    "pyx_as_double",
                    vec![v],
                    "double",
                    ErrKind::MinusOneOccurred,
                );
                Value::C(format!("(({}){})", to.c_type(), self.text(&r)))
            }
            (Type::Object(_), t) if t.is_c_string() => {
                self.c_call("pyx_as_cstr", vec![v], &to.c_type(), ErrKind::Null)
            }
            (Type::Object(_), Type::CTuple(items)) => {
                let n = items.len();
                self.helper("unpack");
                let seq = self.obj_call("pyx_to_ctuple_seq", vec![v, Value::C(n.to_string())]);
                let h = self.hold(seq);
                let mut parts = Vec::new();
                for (i, it) in items.iter().enumerate() {
                    let item = self.obj_call(
                        "pyx_tuple_item",
                        vec![Value::Reg(h), Value::C(i.to_string())],
                    );
                    let c = self.convert(item, &Type::OBJECT, it);
                    let c = self.materialize(c, it);
                    parts.push(self.text(&c));
                }
                self.push(None, OpKind::Clear { local: h }, ErrKind::Never);
                Value::C(format!("(({}){{{}}})", to.c_type(), parts.join(", ")))
            }
            (Type::Object(_), Type::Struct(s)) => {
                // A mapping with a key per field (Cython's struct from dict).
                self.helper("convert");
                let obj = self.materialize(v, from);
                let mut parts = Vec::new();
                for (name, fty) in &s.fields {
                    let key = self.str_const(name);
                    let item = self.obj_call("pyx_struct_field", vec![obj.clone(), key]);
                    let c = self.convert(item, &Type::OBJECT, fty);
                    let c = self.materialize(c, fty);
                    parts.push(self.text(&c));
                }
                Value::C(format!("(({}){{{}}})", to.c_type(), parts.join(", ")))
            }
            (Type::Int(it), Type::Object(_)) => {
                let x = self.text(&v);
                match (&it.typedef, it.kind) {
                    (Some(_), _) => {
                        let cty = from.c_type();
                        self.obj_call(
                            "pyx_int_to_py",
                            vec![
                                Value::C(format!("PYX_SIGNED({cty})")),
                                Value::C(format!("(long long){x}")),
                                Value::C(format!("(unsigned long long){x}")),
                            ],
                        )
                    }
                    (None, IntKind::UCS4) => {
                        self.obj_call("PyUnicode_FromOrdinal", vec![Value::C(format!("(int){x}"))])
                    }
                    (None, IntKind::Size) => self.obj_call("PyLong_FromSize_t", vec![v]),
                    (None, IntKind::SSize) => self.obj_call("PyLong_FromSsize_t", vec![v]),
                    (None, IntKind::ULong | IntKind::UInt) => self.obj_call(
                        "PyLong_FromUnsignedLong",
                        vec![Value::C(format!("(unsigned long){x}"))],
                    ),
                    (None, IntKind::LongLong) => self.obj_call("PyLong_FromLongLong", vec![v]),
                    (None, IntKind::ULongLong) => {
                        self.obj_call("PyLong_FromUnsignedLongLong", vec![v])
                    }
                    (None, _) => {
                        self.obj_call("PyLong_FromLong", vec![Value::C(format!("(long){x}"))])
                    }
                }
            }
            (Type::Float(_), Type::Object(_)) => {
                let x = self.text(&v);
                self.obj_call("PyFloat_FromDouble", vec![Value::C(format!("(double){x}"))])
            }
            (Type::Bint, Type::Object(_)) => {
                let x = self.text(&v);
                self.obj_call("pyx_bool", vec![Value::C(x)])
            }
            (f, Type::Object(_)) if f.is_c_string() => self.obj_call("PyBytes_FromString", vec![v]),
            (Type::CTuple(items), Type::Object(_)) => {
                let v = self.materialize(v, from);
                let base = self.text(&v);
                let mut vals = Vec::new();
                for (i, it) in items.iter().enumerate() {
                    let x = self.convert(Value::C(format!("{base}.f{i}")), it, &Type::OBJECT);
                    vals.push(x);
                }
                self.tuple_of(vals)
            }
            (Type::Struct(s), Type::Object(_)) => {
                let v = self.materialize(v, from);
                let base = self.text(&v);
                let h = self.new_dict();
                for (name, fty) in &s.fields {
                    let x = self.convert(
                        Value::C(format!("{base}.{}", crate::sema::mangle(name))),
                        fty,
                        &Type::OBJECT,
                    );
                    let n = self.str_const(name);
                    self.dict_set(h, n, x);
                }
                self.take_local(h, &Type::OBJECT)
            }
            (Type::CTuple(_), Type::CTuple(items)) => {
                let v = self.materialize(v, from);
                let base = self.text(&v);
                let Type::CTuple(fitems) = from else {
                    unreachable!()
                };
                let mut parts = Vec::new();
                for (i, (ft, tt)) in fitems.iter().zip(items).enumerate() {
                    let x = self.convert(Value::C(format!("{base}.f{i}")), ft, tt);
                    parts.push(self.text(&x));
                }
                Value::C(format!("(({}){{{}}})", to.c_type(), parts.join(", ")))
            }
            (Type::Ptr(_), Type::Bint) => {
                let x = self.text(&v);
                Value::C(format!("({x} != NULL)"))
            }
            (_, Type::Bint) => {
                let x = self.text(&v);
                Value::C(format!("({x} != 0)"))
            }
            _ => {
                let x = self.text(&v);
                Value::C(format!("(({}){x})", to.c_type()))
            }
        }
    }
}

fn target_type(prog: &t::Program, f: &t::Function, t: &t::Target) -> Type {
    match t {
        t::Target::Local(l) => f.locals[*l].ty.clone(),
        t::Target::CGlobal(g) => prog.globals[*g].ty.clone(),
        t::Target::CLValue(e) => e.ty.clone(),
        _ => Type::OBJECT,
    }
}

pub fn rtype(t: &Type) -> RType {
    if t.is_object() || t.is_error() {
        RType::Obj
    } else if let Type::Func(_) = t {
        // A function value is held as a pointer to it.
        rtype(&Type::Ptr(Box::new(t.clone())))
    } else if matches!(t, Type::Array(..))
        || matches!(t, Type::Ptr(p) if matches!(**p, Type::Func(_) | Type::Array(..)))
    {
        // The name goes inside these declarators (`int v[3]`, `int (*v)(int)`).
        RType::C(t.declare("{}"))
    } else {
        RType::C(t.c_type())
    }
}

fn zero_of(t: &Type) -> String {
    match t {
        Type::Void => "0".into(),
        Type::Object(_) => "NULL".into(),
        Type::Ptr(_) => "NULL".into(),
        Type::CTuple(_) | Type::Struct(_) => format!("(({}){{0}})", t.c_type()),
        _ => "0".into(),
    }
}

fn is_simple(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
}

fn c_cmp(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq | CmpOp::Is => "==",
        CmpOp::NotEq | CmpOp::IsNot => "!=",
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::In | CmpOp::NotIn => "==",
    }
}

fn py_cmp(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "Py_EQ",
        CmpOp::NotEq => "Py_NE",
        CmpOp::Lt => "Py_LT",
        CmpOp::LtE => "Py_LE",
        CmpOp::Gt => "Py_GT",
        _ => "Py_GE",
    }
}

fn py_binop(op: BinOp, inplace: bool) -> &'static str {
    match (op, inplace) {
        (BinOp::Add, false) => "PyNumber_Add",
        (BinOp::Sub, false) => "PyNumber_Subtract",
        (BinOp::Mul, false) => "PyNumber_Multiply",
        (BinOp::MatMul, false) => "PyNumber_MatrixMultiply",
        (BinOp::Div, false) => "PyNumber_TrueDivide",
        (BinOp::FloorDiv, false) => "PyNumber_FloorDivide",
        (BinOp::Mod, false) => "PyNumber_Remainder",
        (BinOp::LShift, false) => "PyNumber_Lshift",
        (BinOp::RShift, false) => "PyNumber_Rshift",
        (BinOp::BitAnd, false) => "PyNumber_And",
        (BinOp::BitOr, false) => "PyNumber_Or",
        (BinOp::BitXor, false) => "PyNumber_Xor",
        (BinOp::Add, true) => "PyNumber_InPlaceAdd",
        (BinOp::Sub, true) => "PyNumber_InPlaceSubtract",
        (BinOp::Mul, true) => "PyNumber_InPlaceMultiply",
        (BinOp::MatMul, true) => "PyNumber_InPlaceMatrixMultiply",
        (BinOp::Div, true) => "PyNumber_InPlaceTrueDivide",
        (BinOp::FloorDiv, true) => "PyNumber_InPlaceFloorDivide",
        (BinOp::Mod, true) => "PyNumber_InPlaceRemainder",
        (BinOp::LShift, true) => "PyNumber_InPlaceLshift",
        (BinOp::RShift, true) => "PyNumber_InPlaceRshift",
        (BinOp::BitAnd, true) => "PyNumber_InPlaceAnd",
        (BinOp::BitOr, true) => "PyNumber_InPlaceOr",
        (BinOp::BitXor, true) => "PyNumber_InPlaceXor",
        (BinOp::Pow, _) => "PyNumber_Power",
    }
}
