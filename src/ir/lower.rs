//! Lowering the typed program to IR: expressions become operations on registers, control flow
//! becomes blocks, every fallible operation gets its error edge. No reference counting here:
//! `refcount` adds it from the operations' declared ownership.

use super::*;
use crate::sema::tree::{
    self as t, CBinOp, CUnOp, ComprehensionKind, ExprKind as E, FuncKind, IncDec, StmtKind as S,
};
use crate::sema::types::{ctuple_cname, ExcCheck, IntKind, PyType, Type};
use crate::syntax::ast::{BinOp, CmpOp};
use std::collections::HashMap;

mod convert;
mod exceptions;
mod expr;
mod exttype;
mod generator;
mod memview;
mod parallel;
mod stmt;

/// Lowers a checked program.
pub fn lower_program(p: &t::Program) -> Module {
    let mut m = Module {
        name: p.name.clone(),
        file: p.file.clone(),
        doc: p.doc.clone(),
        cpython_messages: p.cpython_messages,
        numpy_api: false,
        included_files: p.included_files.clone(),
        target: Target::FullApi,
        functions: Vec::new(),
        consts: Vec::new(),
        names: Vec::new(),
        statics: Vec::new(),
        slice_statics: Vec::new(),
        imported_funcs: p.imported_funcs.iter().map(exttype::linked).collect(),
        exported_funcs: p.exported_funcs.iter().map(exttype::linked).collect(),
        public_names: p.public.iter().map(|d| d.name.clone()).collect(),
        public_decls: p.public.iter().map(|d| d.ty.declare(&d.name)).collect(),
        // In `<module>_api.h` each function is a pointer variable of its own name.
        api_funcs: p
            .api_funcs
            .iter()
            .map(|f| {
                exttype::linked(&t::LinkedFunc {
                    cname: format!("pyx_api_{}_{}", p.name, f.name),
                    ..f.clone()
                })
            })
            .collect(),
        type_decls: Vec::new(),
        includes: p.includes.clone(),
        verbatim: p.verbatim.clone(),
        py_functions: Vec::new(),
        helpers: Default::default(),
        ext_types: Vec::new(),
    };
    for s in &p.structs {
        let mut d = format!("{} {{\n", s.cname);
        for (n, ty) in &s.fields {
            d.push_str(&format!("    {};\n", ty.declare(&crate::sema::mangle(n))));
        }
        d.push_str(if s.packed {
            "} __attribute__((packed));\n"
        } else {
            "};\n"
        });
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
    let slice_fields = p
        .ext_types
        .iter()
        .map(|d| d.class)
        .chain(p.imported_types.iter().copied())
        .any(|c| {
            c.get()
                .members
                .borrow()
                .fields
                .iter()
                .any(|f| matches!(f.ty, Type::MemView(_)))
        });
    if slice_fields || p.globals.iter().any(|g| matches!(g.ty, Type::MemView(_))) {
        m.helpers.insert("memview");
    }
    for g in &p.globals {
        let init = if g.ty.is_object() { " = NULL" } else { "" };
        let linkage = if m.public_names.contains(&g.cname) {
            ""
        } else {
            "static "
        };
        m.statics.push((
            format!("{linkage}{}{init};", g.ty.declare(&g.cname)),
            g.ty.is_object().then(|| g.cname.clone()),
        ));
        if matches!(g.ty, Type::MemView(_)) {
            m.slice_statics.push(g.cname.clone());
        }
    }
    for &cls in &p.imported_types {
        m.statics.push((String::new(), Some(cls.get().type_var())));
        m.ext_types.push(exttype::imported_ext_type(cls));
    }
    for def in &p.ext_types {
        m.statics
            .push((String::new(), Some(def.class.get().type_var())));
        m.ext_types.push(exttype::ext_type(p, def));
    }
    let links_types = m
        .ext_types
        .iter()
        .any(|t| t.imported.is_some() || t.exported && !t.vtab_fill.is_empty());
    if links_types || !m.imported_funcs.is_empty() || !m.exported_funcs.is_empty() {
        m.helpers.insert("linking");
    }
    if !m.ext_types.is_empty() {
        // The slots convert `__len__`'s, `__hash__`'s and `__bool__`'s results.
        m.helpers.insert("convert");
        m.helpers.insert("function");
        m.helpers.insert("class");
        m.helpers.insert("exttype");
    }
    let mut consts = Consts::default();
    let mut lazy_used = std::collections::BTreeSet::new();
    for (i, f) in p.functions.iter().enumerate() {
        let lowered = FnLower::run(p, f, &mut consts, &mut m.helpers, &mut lazy_used);
        if matches!(f.kind, FuncKind::Def) {
            m.py_functions.push(i);
        }
        m.functions.push(lowered);
    }
    for h in lazy_used.into_iter().map(|i| &p.lazy_headers[i]) {
        m.numpy_api |= h.include.contains("numpy/");
        if !m.includes.contains(&h.include) {
            m.includes.push(h.include.clone());
        }
        m.verbatim.extend(h.verbatim.iter().cloned());
    }
    m.consts = consts.inits;
    m.names = consts.names;
    if consts.method_caches > 0 {
        m.statics.push((
            format!("static pyx_mcache pyx_mc[{}];", consts.method_caches),
            None,
        ));
    }
    m
}

#[derive(Default)]
struct Consts {
    inits: Vec<String>,
    index: HashMap<String, usize>,
    names: Vec<String>,
    name_index: HashMap<String, usize>,
    /// Call sites of `obj.name(...)`, each with its cache (`pyx_mc[i]`, call.h).
    method_caches: usize,
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
    /// A new call site's method cache (a pointer to it).
    fn method_cache(&mut self) -> String {
        self.method_caches += 1;
        format!("&pyx_mc[{}]", self.method_caches - 1)
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

/// The `with parallel():` block being lowered.
#[derive(Clone)]
struct BlockCx {
    /// Its `pyx_parallel` state (C name), shared by its threads.
    state: String,
    /// Its last block: where a thread goes once an exception is kept.
    end: BlockId,
    /// Something inside needs the block to run serially.
    serial: bool,
    /// Something inside (a `prange`) may keep an exception.
    may_fail: bool,
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
    /// Depth of the cleanup stack when the loop started.
    cleanup_depth: usize,
}

/// An augmented assignment's target: the object (held in a local) and the attribute name or
/// the index (held in a local).
#[derive(Clone)]
enum AugTarget {
    Attr(Value, Value),
    Item(Value, Value),
}

/// Work that runs when control jumps out of a protected region.
#[derive(Clone, Copy)]
enum Cleanup<'p> {
    /// A `finally:` body; errors in it go to `outer`, the handler outside its `try`.
    Finally {
        body: &'p [t::Stmt],
        outer: Option<BlockId>,
    },
    /// Leaving an exception handler (or a `finally:` run for an exception): the exception
    /// handled before comes back (`saved`, from `pyx_exc_enter`) and the `as` name is unbound.
    Handled {
        saved: Reg,
        name: Option<&'p t::Target>,
    },
    /// Leaving a `with` body: `__exit__(None, None, None)` (awaited for `async with`); errors
    /// go to `outer`.
    WithExit {
        exit: Reg,
        mgr: Reg,
        outer: Option<BlockId>,
        is_async: bool,
    },
}

struct FnLower<'p> {
    prog: &'p t::Program,
    src: &'p t::Function,
    consts: &'p mut Consts,
    helpers: &'p mut std::collections::BTreeSet<&'static str>,
    /// The `lazy_headers` of the program whose names the code uses.
    lazy_used: &'p mut std::collections::BTreeSet<usize>,
    f: Function,
    cur: BlockId,
    handler: Option<BlockId>,
    loops: Vec<LoopCx>,
    locals: Vec<Reg>,
    line: u32,
    /// Exceptions being handled (for bare `raise`).
    handling: Vec<Reg>,
    /// What must run on `return`/`break`/`continue` out of a `try` or an exception handler,
    /// innermost last.
    cleanups: Vec<Cleanup<'p>>,
    /// The target of the augmented assignment being lowered, its parts evaluated once.
    aug: Option<AugTarget>,
    /// Where each parameter's converted value goes (its local's register, or for a captured
    /// C-typed parameter a C register boxed into the cell).
    param_regs: Vec<Reg>,
    /// Whether the code being lowered runs without the GIL.
    nogil: bool,
    /// Open `with nogil`/`with gil` sections, innermost last, with the loop depth at entry (a
    /// `break` leaves the sections opened inside its loop; `return` leaves all of them).
    gil_frames: Vec<(GilChange, usize)>,
    /// Inside a `with parallel():` block: a `prange` shares its iterations out among the
    /// block's threads, keeping an exception in the block's state.
    parallel_block: Option<BlockCx>,
}

impl<'p> FnLower<'p> {
    fn run(
        prog: &'p t::Program,
        src: &'p t::Function,
        consts: &'p mut Consts,
        helpers: &'p mut std::collections::BTreeSet<&'static str>,
        lazy_used: &'p mut std::collections::BTreeSet<usize>,
    ) -> Function {
        let style = match src.kind {
            FuncKind::Def => FnStyle::Python,
            FuncKind::Cdef { .. } => FnStyle::C,
            FuncKind::ModuleInit => FnStyle::ModuleExec,
        };
        let (error_value, noexcept) = match (&src.kind, &src.sig) {
            (FuncKind::Cdef { .. }, Some(sig)) if matches!(sig.ret, Type::MemView(_)) => {
                (Some("PYX_MV_ERROR".into()), false)
            }
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
            lazy_used,
            f: Function {
                name: src.name.clone(),
                qualname: src.qualname.clone(),
                cname: src.cname.clone(),
                style,
                c_params: Vec::new(),
                c_ret: if style == FnStyle::C {
                    match rtype(&src.ret) {
                        RType::C(decl) if decl.contains("{}") => decl,
                        _ => src.ret.c_type(),
                    }
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
                generator: None,
                doc: src.doc.clone(),
                nfree: src.freevars.len(),
            },
            cur: 0,
            handler: None,
            loops: Vec::new(),
            locals: Vec::new(),
            line: src.line,
            handling: Vec::new(),
            cleanups: Vec::new(),
            aug: None,
            param_regs: Vec::new(),
            nogil: src.sig.as_ref().is_some_and(|s| s.nogil),
            gil_frames: Vec::new(),
            parallel_block: None,
        };
        for (i, l) in src.locals.iter().enumerate() {
            let name = if l.hidden {
                format!("pyx_t_{}", crate::sema::mangle(&l.name))
            } else {
                format!("v_{}", crate::sema::mangle(&l.name))
            };
            // A captured variable's register holds its cell (a C value is boxed in it).
            let ty = if l.cell { RType::Obj } else { rtype(&l.ty) };
            let r = lw.new_reg(format!("{name}_{i}"), ty, RegKind::Local, false);
            lw.locals.push(r);
        }
        // Parameters arrive in their own register: for a captured C-typed one, a C register
        // whose value make_cells boxes into the cell.
        lw.param_regs = lw.locals.clone();
        for p in &src.params {
            let l = &src.locals[p.local];
            if l.cell && !l.ty.is_object() {
                let name = format!("a_{}_{}", crate::sema::mangle(&l.name), p.local);
                lw.param_regs[p.local] = lw.new_reg(name, rtype(&l.ty), RegKind::Local, false);
            }
        }
        lw.entry();
        lw.make_cells();
        if src.generator {
            lw.generator_start();
        }
        for s in &src.body {
            lw.stmt(s);
        }
        // Falling off the end.
        let ret = match style {
            FnStyle::Python if src.generator => None,
            FnStyle::Python => Some(Value::C("Py_None".into())),
            FnStyle::ModuleExec => None,
            FnStyle::C if src.ret.is_void() => None,
            FnStyle::C if src.ret.is_object() => Some(Value::C("Py_None".into())),
            FnStyle::C => Some(Value::C(zero_of(&src.ret))),
        };
        lw.terminate(Term::Return(ret));
        if lw.f.regs.iter().any(|r| r.ty == RType::Slice)
            || src
                .locals
                .iter()
                .any(|l| l.ty == Type::Object(PyType::ViewArray))
            || src.params.iter().any(|p| matches!(p.ty, Type::MemView(_)))
            || matches!(src.ret, Type::MemView(_))
        {
            lw.helper("memview");
        }
        super::bound::drop_bound_checks(&mut lw.f);
        super::params::borrow_params(&mut lw.f);
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
    /// A fresh variable (local register) of type `ty`, named `prefix` and a number.
    fn local(&mut self, prefix: &str, ty: RType) -> Reg {
        let name = format!("{prefix}{}", self.f.regs.len());
        self.new_reg(name, ty, RegKind::Local, false)
    }
    /// `local = src`; an object local steals `src` and releases its old value.
    fn assign(&mut self, local: Reg, src: Value) {
        self.push(None, OpKind::Assign { local, src }, ErrKind::Never);
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

    /// Notes a use of C name `n`: a lazy header declaring it gets included.
    fn use_cname(&mut self, n: &str) {
        let used = self.prog.lazy_headers.iter().enumerate();
        self.lazy_used
            .extend(used.filter(|(_, h)| h.names.contains(n)).map(|(i, _)| i));
    }

    /// A call returning a new object reference (NULL on error).
    fn obj_call(&mut self, func: &str, args: Vec<Value>) -> Value {
        let steals = vec![false; args.len()];
        self.obj_call_steal(func, args, steals)
    }
    fn obj_call_steal(&mut self, func: &str, args: Vec<Value>, steals: Vec<bool>) -> Value {
        self.call_into(RType::Obj, true, func, args, steals, ErrKind::Null)
    }
    /// A call returning a C value.
    /// Whether a call of the C function `cname` stays a call: one from a `def` function,
    /// outside any loop, to a C function of this module not declared `inline`, whose
    /// arguments are plain values. It runs once per Python call, so inlining it saves a call
    /// next to the Python call's own cost; but it lets gcc reshape the callee's hot code
    /// around the wrapper's argument handling: it peels a level of a recursive function into
    /// the wrapper (fib ran 11% slower than its out-of-line copy) or spills a loop nest's
    /// variables (fannkuch, 3%). An argument pointing into the caller's locals is different:
    /// inlined, the callee's loops may keep that local in a register.
    fn entry_call(&self, cname: &str, args: &[t::Expr]) -> bool {
        self.src.kind == FuncKind::Def
            && self.loops.is_empty()
            && !args.iter().any(points_into_locals)
            && self
                .prog
                .functions
                .iter()
                .any(|f| matches!(f.kind, FuncKind::Cdef { .. }) && !f.inline && f.cname == cname)
    }

    fn c_call(&mut self, func: &str, args: Vec<Value>, ty: &str, err: ErrKind) -> Value {
        let steals = vec![false; args.len()];
        self.call_into(RType::C(ty.into()), false, func, args, steals, err)
    }
    /// A call whose result goes in a new temp of type `ty` (`owned`: a new reference).
    fn call_into(
        &mut self,
        ty: RType,
        owned: bool,
        func: &str,
        args: Vec<Value>,
        steals: Vec<bool>,
        err: ErrKind,
    ) -> Value {
        let r = self.temp(ty, owned);
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
                    let local = self.param_regs[p.local];
                    let v = if let Type::MemView(_) = p.ty {
                        self.borrowed_slice(pname)
                    } else {
                        Value::C(pname)
                    };
                    self.assign(local, v);
                }
                // `cdef f(int n, ...)`: the extra arguments are only reachable from C.
                if self.src.sig.as_ref().is_some_and(|s| s.varargs) {
                    self.f.c_params.push("...".into());
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
            if local.ty.lives_in_cell_block() {
                self.make_block_cell(l, params.contains(&l));
                continue;
            }
            let init = if !params.contains(&l) {
                Value::C("NULL".into())
            } else if local.ty.is_object() {
                Value::Reg(r)
            } else {
                self.box_cell_value(Value::Reg(self.param_regs[l]), &local.ty)
            };
            let cell = self.obj_call("PyCell_New", vec![init]);
            self.assign(r, cell);
        }
    }

    /// The cell of a captured struct, ctuple or array: it holds a zeroed block of the
    /// variable's size for its whole life (a parameter's value is copied in).
    fn make_block_cell(&mut self, l: t::LocalId, param: bool) {
        self.helper("closure");
        let ty = self.src.locals[l].ty.clone();
        let block = self.obj_call(
            "pyx_cell_block_new",
            vec![Value::C(format!("sizeof({})", ty.declare("")))],
        );
        let cell = self.obj_call("PyCell_New", vec![block]);
        let r = self.locals[l];
        self.assign(r, cell);
        if param {
            let lv = self.cell_block(&Value::Reg(r), &ty);
            let lv = self.text(&lv);
            self.push(
                None,
                OpKind::Stmt {
                    template: format!("{lv} = $0"),
                    args: vec![Value::Reg(self.param_regs[l])],
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
            implicit_self: src.implicit_self,
            kwonly_required: src.params[lay.npos..]
                .iter()
                .map(|p| p.default.is_none())
                .collect(),
            varargs: lay.vararg.map(|l| self.locals[l]),
            kwargs: lay.kwarg.map(|l| self.locals[l]),
            star_names: (lay.vararg.iter().chain(&lay.kwarg))
                .map(|&l| src.locals[l].name.clone())
                .collect(),
        });
        for (i, p) in src.params.iter().enumerate() {
            let arg = Value::C(format!("pyx_values[{i}]"));
            let local = self.param_regs[p.local];
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
                    let value = if src.defaults_in_self {
                        // This function object's own value, after the module and the cells.
                        let k = src.params[..i]
                            .iter()
                            .filter(|q| q.default.is_some())
                            .count();
                        let item =
                            format!("PyTuple_GET_ITEM(pyx_self, {})", 1 + src.freevars.len() + k);
                        self.convert(Value::C(item), &Type::OBJECT, &p.ty)
                    } else if let Type::MemView(_) = p.ty {
                        self.borrowed_slice(gname)
                    } else {
                        Value::C(gname)
                    };
                    self.assign(local, value);
                    self.goto(done);
                }
                None => self.goto(given),
            }
            self.switch(given);
            if p.annotated && p.type_test == Some(PyType::Int) {
                // `x: int` converts other numbers with int(), as Cython 3 does.
                self.helper("convert");
                let v = self.obj_call(
                    "pyx_arg_to_int",
                    vec![
                        arg,
                        Value::C((p.allow_none as i32).to_string()),
                        Value::C(c_string(p.name.as_bytes())),
                    ],
                );
                self.assign(local, v);
                self.goto(done);
                self.switch(done);
                continue;
            }
            if let Some(pt) = p.type_test {
                self.helper("convert");
                // 0: subclasses too (an extension type); 1: the exact builtin type; 2: exact,
                // from an annotation (the error explains why a subclass is refused).
                let exact = match pt {
                    PyType::Any | PyType::Ext(_) => 0,
                    _ if p.annotated => 2,
                    _ => 1,
                };
                let tobj = pt
                    .type_object()
                    .unwrap_or_else(|| "&PyBaseObject_Type".into());
                self.void_call(
                    "pyx_arg_type_test",
                    vec![
                        arg.clone(),
                        Value::C(tobj),
                        Value::C((p.allow_none as i32).to_string()),
                        Value::C(c_string(p.name.as_bytes())),
                        Value::C(exact.to_string()),
                    ],
                    vec![false; 5],
                    ErrKind::Neg,
                );
            }
            if matches!(p.ty, Type::MemView(_)) && !p.allow_none {
                self.helper("memview");
                self.void_call(
                    "pyx_mv_arg_not_none",
                    vec![arg.clone(), Value::C(c_string(p.name.as_bytes()))],
                    vec![false; 2],
                    ErrKind::Neg,
                );
            }
            // An object argument was just tested; a C one is converted.
            let v = if p.type_test.is_some() {
                arg
            } else {
                self.convert(arg, &Type::OBJECT, &p.ty)
            };
            self.assign(local, v);
            self.goto(done);
            self.switch(done);
        }
    }
}

fn target_type(prog: &t::Program, f: &t::Function, t: &t::Target) -> Type {
    match t {
        t::Target::Local(l) => f.locals[*l].ty.clone(),
        t::Target::CGlobal(g) => prog.globals[*g].ty.clone(),
        t::Target::CLValue(e) => e.ty.clone(),
        t::Target::FreeVar(i) if f.freevars[*i].ty.lives_in_cell_block() => {
            f.freevars[*i].ty.clone()
        }
        _ => Type::OBJECT,
    }
}

pub fn rtype(t: &Type) -> RType {
    if t.is_object() || t.is_error() {
        RType::Obj
    } else if let Type::MemView(_) = t {
        RType::Slice
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
        Type::MemView(_) => "PYX_MV_NONE".into(),
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

/// The runtime's operator with fast paths for exact ints (and floats), when there is one
/// (object.h).
fn fast_binop(op: BinOp, inplace: bool) -> Option<&'static str> {
    Some(match (op, inplace) {
        (BinOp::Add, false) => "pyx_add",
        (BinOp::Sub, false) => "pyx_sub",
        (BinOp::Mul, false) => "pyx_mul",
        (BinOp::FloorDiv, false) => "pyx_floordiv",
        (BinOp::Mod, false) => "pyx_mod",
        (BinOp::LShift, false) => "pyx_lshift",
        (BinOp::RShift, false) => "pyx_rshift",
        (BinOp::BitAnd, false) => "pyx_and",
        (BinOp::BitOr, false) => "pyx_or",
        (BinOp::BitXor, false) => "pyx_xor",
        (BinOp::Add, true) => "pyx_iadd",
        (BinOp::Sub, true) => "pyx_isub",
        (BinOp::Mul, true) => "pyx_imul",
        (BinOp::FloorDiv, true) => "pyx_ifloordiv",
        (BinOp::Mod, true) => "pyx_imod",
        (BinOp::LShift, true) => "pyx_ilshift",
        (BinOp::RShift, true) => "pyx_irshift",
        (BinOp::BitAnd, true) => "pyx_iand",
        (BinOp::BitOr, true) => "pyx_ior",
        (BinOp::BitXor, true) => "pyx_ixor",
        _ => return None,
    })
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

/// A pointer into a local variable's storage: `&x`, `&s.field`, `&a[i]`, a local array, or
/// such a pointer cast or offset.
fn points_into_locals(e: &t::Expr) -> bool {
    fn local_storage(e: &t::Expr) -> bool {
        match &e.kind {
            E::Local(_) => true,
            E::CField(base, _, false) => local_storage(base),
            E::CIndex(base, _) => matches!(base.ty, Type::Array(..)) && local_storage(base),
            _ => false,
        }
    }
    match &e.kind {
        E::AddressOf(x) => local_storage(x),
        E::Local(_) => matches!(e.ty, Type::Array(..)),
        E::CCast(x) | E::Coerce(x) => points_into_locals(x),
        E::CBinary(_, a, b) => points_into_locals(a) || points_into_locals(b),
        _ => false,
    }
}
