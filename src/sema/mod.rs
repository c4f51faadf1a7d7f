//! Semantic analysis: scopes, declarations (including `.pxd` files reached by `cimport`), the
//! C type system, directives, type inference and checks. Produces a typed `Program`.

mod buffer;
mod builtin_calls;
mod builtins;
mod call;
mod carray;
mod complex;
mod constness;
mod convert;
mod ctype;
mod decl;
pub mod directives;
mod expr;
mod extclass;
mod flow;
mod func;
mod fused;
mod fused_dispatch;
mod generator;
mod infer;
mod lazy_extern;
mod lines;
mod literal;
mod locals;
mod matching;
pub mod memview;
mod parallel;
mod pure;
mod stmt;
mod text_loop;
pub mod tree;
pub mod types;

pub use directives::Directives;
pub use expr::c_double;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::syntax::ast::{self, Span};
pub use lines::{split_source_pos, LineMap};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use tree::*;
use types::*;

/// Error codes of semantic checks.
pub mod codes {
    /// A name that is not declared, assigned, imported or a builtin.
    pub const UNDECLARED: &str = "E0101";
    /// A value of one type where another is needed and no conversion exists.
    pub const TYPE_MISMATCH: &str = "E0102";
    /// Wrong arguments in a call of a C function.
    pub const CALL: &str = "E0103";
    /// A name that is not a type where a type is needed.
    pub const NOT_A_TYPE: &str = "E0104";
    /// A name declared twice.
    pub const REDECLARED: &str = "E0105";
    /// A `return` that does not match the function's return type.
    pub const RETURN: &str = "E0106";
    /// A `cimport` of a module with no `.pxd`.
    pub const CIMPORT: &str = "E0107";
    /// An operation the operand types do not support.
    pub const OPERATION: &str = "E0108";
    /// Python operations without the GIL.
    pub const NOGIL: &str = "E0109";
    /// A feature pyxc does not compile yet.
    pub const UNSUPPORTED: &str = "E0110";
    /// A local used before any assignment.
    pub const UNBOUND: &str = "E0111";
    /// A misused declaration (const assignment, bad except clause, misplaced modifier).
    pub const DECLARATION: &str = "E0112";
}

/// Where `cimport` looks for `.pxd` files.
pub trait PxdLoader {
    /// The display path and source of the `.pxd` for a dotted module name.
    fn load(&self, module: &str) -> Option<(String, String)>;
}

/// What a name means at module level.
#[derive(Clone, Debug)]
pub enum Sym {
    /// A module-level C variable.
    CGlobal(GlobalId),
    /// An extern C variable or constant.
    CName {
        cname: String,
        ty: Type,
        is_const: bool,
    },
    /// A C function (`cdef`, `cpdef` or extern).
    CFunc(Rc<CFuncInfo>),
    /// A type: typedef, struct, enum, builtin.
    Type(Type),
    /// A cimported module (`cimport libc.math as m`): its declarations.
    CModule(Rc<HashMap<String, Sym>>),
    /// A Python-level module global (def, class, import, assignment).
    PyGlobal,
    /// A fused type (`ctypedef fused`, `cython.fused_type(...)`).
    Fused(Rc<FusedType>),
    /// A `cdef`/`cpdef` function whose signature mentions fused types: its specialisations.
    FusedCFunc(Rc<fused::FusedFunc>),
}

#[derive(Debug)]
pub struct CFuncInfo {
    pub name: String,
    pub cname: String,
    pub sig: Rc<FuncType>,
    /// Parameter names and whether each has a default (for keyword calls and checks).
    pub param_names: Vec<Option<String>>,
    /// Each parameter's default: an expression, or `=*` (a `.pxd`'s "given in the
    /// implementation").
    pub defaults: Vec<Option<ast::DefaultValue>>,
    /// `cpdef`: also a Python function.
    pub cpdef: bool,
    /// A C method whose first declaration has optional arguments: a last, hidden C `int`
    /// parameter (in `sig`, not in `param_names`) says how many arguments (`self` included)
    /// the caller gave, so that the implementation called (an override, through the vtable)
    /// supplies its own defaults for the others, as in Cython.
    pub opt_count: bool,
}

impl CFuncInfo {
    /// A `cpdef` method with a dispatcher (looking for a Python override) in front of its
    /// implementation; a `nogil` one cannot look and is its implementation.
    pub fn dispatches(&self) -> bool {
        self.cpdef && !self.sig.nogil
    }

    /// The C function with the body: `<cname>_impl` behind a dispatcher.
    pub fn impl_cname(&self) -> String {
        if self.dispatches() {
            format!("{}_impl", self.cname)
        } else {
            self.cname.clone()
        }
    }
}

/// Options of one compilation.
pub struct CheckOptions<'a> {
    pub module_name: String,
    pub file_name: String,
    pub loader: &'a dyn PxdLoader,
    /// The module's own `.pxd` (path and text), whose declarations the module implements.
    pub own_pxd: Option<(String, String)>,
    /// The module is a `.py` file: its own `.pxd` augments it (Cython's pure mode), turning
    /// the defs and classes it declares into C functions and extension types.
    pub pure_python: bool,
    /// The files the source text is made of (`include`d ones appended to the module's).
    pub segments: Vec<crate::syntax::include::Segment>,
}

pub struct Checker<'a> {
    src: &'a str,
    opts: &'a CheckOptions<'a>,
    diags: Diagnostics,
    module: HashMap<String, Sym>,
    program: Program,
    /// Module-level `def`/class names and assigned names: Python globals.
    py_globals: std::collections::HashSet<String>,
    func: Option<func::FnCx>,
    /// The functions enclosing `func`, innermost last (for closures).
    enclosing: Vec<func::FnCx>,
    directives: Directives,
    /// Diagnostics are dropped while types are computed speculatively (type inference).
    quiet: u32,
    /// Line numbers of the text spans point into (shared by the functions checked in it).
    lines: Rc<LineMap>,
    /// Prefix of the C names of functions and structs a `.pxd` being loaded defines (empty for
    /// the module itself), so they cannot clash with the module's own.
    pxd_prefix: String,
    nogil: bool,
    /// A nogil violation was reported for the current statement.
    gil_error_reported: bool,
    /// Declaring the body of a `cdef extern from ... nogil:` block.
    extern_nogil: bool,
    /// Declaring the body of a `cdef extern` block: function types in it are `noexcept`.
    in_extern: bool,
    /// The module has `from m import *`: unknown names are looked up at run time.
    star_imported: bool,
    pxd_cache: HashMap<String, Option<Rc<HashMap<String, Sym>>>>,
    /// The `.pxd` modules being declared (a cimport inside one nests), to stop at a cycle.
    pxd_loading: Vec<String>,
    /// A cimport cycle found while declaring, reported by the outermost cimport.
    pxd_cycle: Option<String>,
    lambda_count: usize,
    /// Inside a class body: the namespace local and the class's qualified name.
    class_ns: Option<(LocalId, String)>,
    /// The names the current class body assigns.
    class_body_names: std::collections::HashSet<String>,
    /// Checking a comprehension past its first iterable.
    in_comprehension: bool,
    /// Defaults of `cpdef` parameters, evaluated at import.
    pending_defaults: Vec<(GlobalId, ast::Expr)>,
    /// `cpdef` functions' Python wrappers, bound at import.
    cpdef_wrappers: Vec<(String, FuncId)>,
    /// Enum members whose values are known: compile-time constants (array sizes).
    int_consts: HashMap<String, i128>,
    /// Module C variables and struct fields declared as pointers to `const`.
    const_pointees: std::collections::HashSet<constness::ConstPointee>,
    /// `cpdef enum` names and members, made into IntEnum classes at import.
    cpdef_enums: Vec<(String, Vec<String>)>,
    /// Members of anonymous `cpdef enum`s: module attributes holding their values.
    anonymous_cpdef_members: Vec<String>,
    /// Names bound by `from cython.operator cimport dereference as deref, ...`.
    cython_ops: HashMap<String, CythonOp>,
    /// Names bound to `cython.view.array` by `from cython.view cimport array`.
    view_arrays: std::collections::HashSet<String>,
    /// Names bound to `cython.parallel` functions (`prange`, `parallel`, `threadid`).
    parallel_names: HashMap<String, &'static str>,
    /// Declaring the members of a `cdef class` (memoryview fields are refused).
    declaring_fields: bool,
    /// Computing the targets of an `=` (or `op=`): the one way a buffer variable may be bound.
    buffer_assign_ok: bool,
    /// The `cdef class` whose body is being checked, and its index in `Program::ext_types`.
    ext_class: Option<(ExtRef, usize)>,
    /// Declaring the module's own `.pxd`.
    in_own_pxd: bool,
    /// Checking a cdef class's special method whose C slot will call it directly.
    in_slot_def: bool,
    /// Declaring the `.pxd` of this (dotted) module, cimported: its classes and C functions
    /// live in that module.
    pxd_module: Option<String>,
    /// Defs (by the start of their name) that an augmenting `.pxd` turned into C functions or
    /// methods: they take the declared signature instead of being compared with it.
    augmented: HashSet<u32>,
    /// The member each fused type stands for in the specialisation being checked, by name.
    fused_subst: Vec<(String, Type)>,
    /// Module-init statements binding `cpdef` fused functions' dispatchers (run with the other
    /// `cpdef` wrappers, before the module's code).
    fused_prologue: Vec<Stmt>,
    /// Module-level `def` functions over fused types (indexable by C type names).
    fused_defs: std::collections::HashSet<String>,
}

impl<'a> Checker<'a> {
    fn text(&self, id: ast::Ident) -> &'a str {
        &self.src[id.span.range()]
    }
    fn error(&mut self, code: &'static str, span: Span, msg: impl Into<String>) {
        if self.quiet == 0 {
            self.diags.push(Diagnostic::error(code, span, msg));
        }
    }
    /// Runs `f` with `text` (another file's source, or generated source) as the text that
    /// spans point into; it is leaked, as declarations made from it live for the whole run.
    fn in_source<R>(&mut self, text: &str, f: impl FnOnce(&mut Self) -> R) -> R {
        let leaked: &'static str = Box::leak(text.to_string().into_boxed_str());
        let saved_src = std::mem::replace(&mut self.src, leaked);
        let lines = Rc::new(self.lines.for_text(leaked));
        let saved_lines = std::mem::replace(&mut self.lines, lines);
        let r = f(self);
        self.lines = saved_lines;
        self.src = saved_src;
        r
    }
    fn line_of(&self, span: Span) -> u32 {
        self.lines.line(span.start)
    }
}

/// Checks a parsed module. Always returns a program; it is only usable when no errors were
/// reported.
pub fn check(module: &ast::Module, src: &str, opts: &CheckOptions) -> (Program, Vec<Diagnostic>) {
    let lines = LineMap::new(src, opts.segments.clone(), opts.pure_python);
    let mut ck = Checker {
        src,
        opts,
        diags: Diagnostics::default(),
        module: HashMap::new(),
        program: Program {
            name: opts.module_name.clone(),
            file: opts.file_name.clone(),
            doc: None,
            cpython_messages: opts.pure_python,
            // Found beside a source given without a directory: named as that source is.
            included_files: (opts.segments.iter().skip(1))
                .map(|g| g.name.strip_prefix("./").unwrap_or(&g.name).to_string())
                .collect(),
            functions: Vec::new(),
            init: 0,
            globals: Vec::new(),
            structs: Vec::new(),
            ctuples: Vec::new(),
            includes: Vec::new(),
            verbatim: Vec::new(),
            lazy_headers: Vec::new(),
            c_string_encoding: None,
            ext_types: Vec::new(),
            imported_types: Vec::new(),
            imported_funcs: Vec::new(),
            exported_funcs: Vec::new(),
            public: Vec::new(),
            api_funcs: Vec::new(),
        },
        py_globals: Default::default(),
        func: None,
        enclosing: Vec::new(),
        class_body_names: Default::default(),
        in_comprehension: false,
        gil_error_reported: false,
        extern_nogil: false,
        in_extern: false,
        star_imported: false,
        directives: directives::from_header(src),
        quiet: 0,
        lines: Rc::new(lines),
        pxd_prefix: String::new(),
        nogil: false,
        pxd_cache: HashMap::new(),
        pxd_loading: Vec::new(),
        pxd_cycle: None,
        lambda_count: 0,
        class_ns: None,
        pending_defaults: Vec::new(),
        cpdef_wrappers: Vec::new(),
        int_consts: HashMap::new(),
        const_pointees: Default::default(),
        cpdef_enums: Vec::new(),
        anonymous_cpdef_members: Vec::new(),
        cython_ops: HashMap::new(),
        view_arrays: Default::default(),
        parallel_names: HashMap::new(),
        declaring_fields: false,
        buffer_assign_ok: false,
        ext_class: None,
        in_own_pxd: false,
        in_slot_def: false,
        pxd_module: None,
        augmented: HashSet::new(),
        fused_subst: Vec::new(),
        fused_prologue: Vec::new(),
        fused_defs: Default::default(),
    };
    ck.program.doc = docstring(&module.body);
    ck.program.c_string_encoding = ck.directives.c_string_encoding;
    // The own .pxd first: in a .py file it decides which defs and classes become C ones.
    if let Some((path, text)) = &opts.own_pxd {
        ck.declare_own_pxd(path, text);
    }
    let module = ast::Module {
        body: ck.rewrite_pure_functions(&module.body),
        span: module.span,
    };
    ck.declare_module(&module.body);
    ck.check_module_body(&module);
    let diags = ck.diags.into_sorted();
    (ck.program, diags)
}

/// The docstring of a body: its first statement when that is a string literal.
pub fn docstring(body: &[ast::Stmt]) -> Option<String> {
    match body.first().map(|s| &s.kind) {
        Some(ast::StmtKind::Expr(ast::Expr {
            kind: ast::ExprKind::Str(s),
            ..
        })) => Some(s.clone()),
        _ => None,
    }
}

/// A C identifier for any Python identifier (non-ASCII characters are escaped).
pub fn mangle(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            s.push(c);
        } else {
            s.push_str(&format!("_u{:x}_", c as u32));
        }
    }
    s
}

/// CPython's `Py_buffer`, a builtin type in Cython (`__getbuffer__` fills one).
pub(crate) fn py_buffer_type() -> Rc<StructType> {
    let ssize = Type::int(IntKind::SSize);
    let ssize_ptr = Type::Ptr(Box::new(ssize.clone()));
    let void_ptr = Type::Ptr(Box::new(Type::Void));
    let field = |n: &str, t: &Type| (n.to_string(), t.clone());
    Rc::new(StructType {
        name: "Py_buffer".into(),
        cname: "Py_buffer".into(),
        is_union: false,
        packed: false,
        fields: vec![
            field("buf", &void_ptr),
            field("obj", &Type::OBJECT),
            field("len", &ssize),
            field("itemsize", &ssize),
            field("readonly", &Type::int(IntKind::Int)),
            field("ndim", &Type::int(IntKind::Int)),
            field("format", &Type::Ptr(Box::new(Type::int(IntKind::Char)))),
            field("shape", &ssize_ptr),
            field("strides", &ssize_ptr),
            field("suboffsets", &ssize_ptr),
            field("internal", &void_ptr),
        ],
        opaque: false,
    })
}
