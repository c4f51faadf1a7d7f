//! The typed program: what the checker hands to IR lowering. Every expression carries its
//! resolved type; every conversion between C values and Python objects is an explicit
//! `Coerce` node, so lowering never re-derives types.

use super::types::{ExtRef, FuncType, PyType, StructType, Type};
use crate::syntax::ast::{BinOp, CmpOp, Span};
use std::rc::Rc;

pub type LocalId = usize;
pub type FuncId = usize;
pub type GlobalId = usize;

#[derive(Clone, Debug)]
pub struct Local {
    pub name: String,
    pub ty: Type,
    /// A compiler-made temporary (not visible to the user).
    pub hidden: bool,
    /// Captured by a nested function: the variable lives in a cell object.
    pub cell: bool,
}

/// Where a nested function's captured cell comes from, in the function that creates it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CellSource {
    /// A cell local of the creating function.
    Local(LocalId),
    /// A cell the creating function itself captured.
    Free(usize),
}

/// A variable of an enclosing function that a nested function reads.
#[derive(Clone, Debug)]
pub struct FreeVar {
    pub name: String,
    pub ty: Type,
    pub source: CellSource,
}

/// A module-level C variable (`cdef int x` at module level), a static in the C file.
#[derive(Clone, Debug)]
pub struct CGlobal {
    pub name: String,
    pub cname: String,
    pub ty: Type,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FuncKind {
    /// A Python-callable `def`.
    Def,
    /// A C function; `cpdef` ones also get a Python wrapper.
    Cdef { cpdef: bool },
    /// The module's top-level code, run at import.
    ModuleInit,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub local: LocalId,
    pub ty: Type,
    /// The default, evaluated when the `def` statement runs, kept in a C static.
    pub default: Option<GlobalId>,
    pub allow_none: bool,
    /// For builtin-typed object parameters: the type to test the argument against.
    pub type_test: Option<PyType>,
    /// Typed by a Python annotation (`x: list`): a refused subclass gets Cython's note, and
    /// `x: int` takes int subclasses.
    pub annotated: bool,
}

#[derive(Clone, Debug)]
pub struct ParamLayout {
    pub nposonly: usize,
    pub npos: usize,
    pub nkwonly: usize,
    pub vararg: Option<LocalId>,
    pub kwarg: Option<LocalId>,
}

#[derive(Clone, Debug)]
pub struct Function {
    pub name: String,
    pub qualname: String,
    pub cname: String,
    pub kind: FuncKind,
    /// A C function declared `inline`: its callers may always take its body.
    pub inline: bool,
    pub params: Vec<Param>,
    pub layout: ParamLayout,
    pub ret: Type,
    pub sig: Option<Rc<FuncType>>,
    pub locals: Vec<Local>,
    pub body: Vec<Stmt>,
    pub doc: Option<String>,
    pub span: Span,
    /// Source line of the `def`, for tracebacks.
    pub line: u32,
    /// The lines of the text the body's spans point into (each operation's traceback line).
    pub lines: Rc<super::LineMap>,
    pub cdivision: bool,
    /// Captured variables of enclosing functions (a closure's cells, in order).
    pub freevars: Vec<FreeVar>,
    /// `def` annotations as source text (Cython 3 keeps them as strings): parameter names,
    /// then `return`.
    pub annotations: Vec<(String, String)>,
    /// A generator function (its body yields): calling it returns a generator.
    pub generator: bool,
    /// An `async def`: calling it returns a coroutine (run by the generator machinery).
    pub coroutine: bool,
    /// An `async def` that yields: calling it returns an async generator.
    pub async_generator: bool,
    /// A nested `def` (run each time its enclosing function runs): its default values travel
    /// with each function object, after the cells in its `self` tuple, instead of in C globals.
    pub defaults_in_self: bool,
    /// A method of a cdef class: argument-count messages leave `self` out, as Cython's do.
    pub implicit_self: bool,
}

/// A `cdef extern from "h"` block of a cimported `.pxd` declaring only functions, variables
/// and constants: its `#include` (and verbatim C) is emitted only when the module's code names
/// one of them, so that cimporting a `.pxd` (numpy's) does not require its headers.
#[derive(Clone, Debug)]
pub struct LazyHeader {
    pub include: String,
    pub verbatim: Vec<String>,
    /// The C names the block declares.
    pub names: std::collections::HashSet<String>,
}

#[derive(Clone, Debug)]
pub struct Program {
    pub name: String,
    pub file: String,
    pub doc: Option<String>,
    /// A `.py` module: the errors the compiled code raises itself carry CPython 3.11's
    /// messages (Cython's otherwise).
    pub cpython_messages: bool,
    /// The files `include`d into the module's text (as found), for traceback positions.
    pub included_files: Vec<String>,
    pub functions: Vec<Function>,
    /// Index of the module-init function in `functions`.
    pub init: FuncId,
    pub globals: Vec<CGlobal>,
    pub structs: Vec<Rc<StructType>>,
    pub ctuples: Vec<Vec<Type>>,
    /// `#include` lines for `cdef extern from` headers, in order of first use.
    pub includes: Vec<String>,
    /// Verbatim C from `cdef extern from *` blocks.
    pub verbatim: Vec<String>,
    /// Extern blocks of cimported `.pxd` files that are included only if used (see
    /// `LazyHeader`).
    pub lazy_headers: Vec<LazyHeader>,
    /// The module's `c_string_encoding` (its header directive): how `char *` text becomes a
    /// `str` and back.
    pub c_string_encoding: Option<super::directives::CStringEncoding>,
    /// The module's `cdef class`es, in definition order (a base before its subclasses).
    pub ext_types: Vec<ExtTypeDef>,
    /// `cdef class`es of other modules, cimported from their `.pxd` (a base before its
    /// subclasses): their type objects are imported at module initialisation.
    pub imported_types: Vec<ExtRef>,
    /// C functions of other modules cimported from their `.pxd`, reached through the
    /// function pointers those modules export.
    pub imported_funcs: Vec<LinkedFunc>,
    /// C functions the module's own `.pxd` declares: exported for modules that cimport them.
    pub exported_funcs: Vec<LinkedFunc>,
    /// `cdef public` functions and variables: C names with external linkage, declared in the
    /// generated `<module>.h` for C code built with or embedding the module.
    pub public: Vec<PublicDecl>,
    /// `cdef api` functions: exported through `__pyx_capi__` and reached from C through the
    /// generated `<module>_api.h`.
    pub api_funcs: Vec<LinkedFunc>,
}

/// A `cdef public` name: `name` is also its C name.
#[derive(Clone, Debug)]
pub struct PublicDecl {
    pub name: String,
    pub ty: Type,
}

/// A C function shared between modules through `__pyx_capi__`.
#[derive(Clone, Debug)]
pub struct LinkedFunc {
    /// The module that defines it.
    pub module: String,
    pub name: String,
    pub cname: String,
    pub sig: Rc<FuncType>,
}

/// What lowering needs of one `cdef class` besides its declaration.
#[derive(Clone, Debug)]
pub struct ExtTypeDef {
    pub class: ExtRef,
    pub doc: Option<String>,
    /// `__cinit__`, and whether it takes the constructor's arguments.
    pub cinit: Option<(FuncId, bool)>,
    pub dealloc: Option<FuncId>,
    /// `__richcmp__`, called by the type's comparison slot.
    pub richcmp: Option<FuncId>,
    /// `__getbuffer__(self, Py_buffer *view, int flags)` and `__releasebuffer__(self, view)`:
    /// C functions behind the type's buffer slots.
    pub getbuffer: Option<FuncId>,
    pub releasebuffer: Option<FuncId>,
    pub getsets: Vec<GetSet>,
    /// Special methods defined plainly in the class body (`__getitem__`, `__len__`...):
    /// the type's C slots call them directly, not through a lookup by name.
    pub slots: Vec<(String, FuncId)>,
    /// Every method name the class body defines (so a slot knows what the class may have
    /// beyond `slots`).
    pub defined: Vec<String>,
}

impl ExtTypeDef {
    /// A class with nothing beyond its declaration yet (the class body adds the rest).
    pub fn new(class: ExtRef, doc: Option<String>) -> Self {
        ExtTypeDef {
            class,
            doc,
            cinit: None,
            dealloc: None,
            richcmp: None,
            getbuffer: None,
            releasebuffer: None,
            getsets: Vec::new(),
            slots: Vec::new(),
            defined: Vec::new(),
        }
    }
}

/// A `public`/`readonly` field's descriptor.
#[derive(Clone, Debug)]
pub struct GetSet {
    pub name: String,
    pub get: FuncId,
    pub set: Option<FuncId>,
    /// `del obj.f` sets an object field to None (a C field cannot be deleted).
    pub del_to_none: bool,
}

#[derive(Clone, Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub line: u32,
}

#[derive(Clone, Debug)]
pub enum Target {
    Local(LocalId),
    CGlobal(GlobalId),
    /// A Python module global (`global x` or module-level code).
    PyGlobal(String),
    /// A `nonlocal` variable: the cell of `Function::freevars[i]`.
    FreeVar(usize),
    Attr(Expr, String),
    Item(Expr, Expr),
    /// `p[i] = v` / `*p = v` / `s.x = v` on C values: an lvalue expression.
    CLValue(Expr),
    /// `a, b = ...`: unpack an object into several targets (`star` is the index of `*rest`).
    Unpack(Vec<Target>, Option<usize>),
    /// `v[:] = x` / `v[...] = x` on a memoryview (an `MvSlice` expression): copies a view of
    /// the same shape, or sets every item to a scalar.
    MvAssign(Expr),
}

/// A `prange` loop and what OpenMP needs to know about the variables its body assigns
/// (Cython's rules: an in-place operator makes a reduction, any other assignment makes the
/// variable lastprivate, holding the last iteration's value afterwards).
#[derive(Clone, Debug)]
pub struct Prange {
    pub range: Stmt,
    /// Variables assigned with `op=`, and the C operator (`+`, `*`, `&`...).
    pub reductions: Vec<(LocalId, &'static str)>,
    pub lastprivate: Vec<LocalId>,
    pub num_threads: Option<Expr>,
    /// `schedule=` (static, dynamic, guided, runtime) and its `chunksize=`.
    pub schedule: Option<(String, Option<Expr>)>,
}

#[derive(Clone, Debug)]
pub struct Handler {
    /// `None` for a bare `except:`.
    pub types: Option<Expr>,
    pub name: Option<Target>,
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug)]
// Statements are built once per source statement: the size of the range loop variant costs
// nothing worth the noise of boxing it.
#[allow(clippy::large_enum_variant)]
pub enum StmtKind {
    Expr(Expr),
    Assign(Target, Expr),
    /// `obj.attr op= v` / `obj[i] op= v`: `obj` (and `i`) are evaluated once, and
    /// `ExprKind::AugCurrent` in the expression reads the target's current value.
    AugAssign(Target, Expr),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    While(Expr, Vec<Stmt>, Vec<Stmt>),
    /// `for v in range(start, stop, step)` with a C integer `v`. With a constant step
    /// (`step_const`) the counter has `v`'s type, as in Cython; otherwise a type wide enough for
    /// every bound (`var_ty`), and the step's sign is tested at run time.
    ForRange {
        var: Target,
        var_ty: Type,
        start: Expr,
        stop: Expr,
        step: Expr,
        step_const: Option<i64>,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `for target in iterable` over any Python iterable.
    ForIter {
        target: Target,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    Break,
    Continue,
    Return(Option<Expr>),
    Raise(Option<Expr>, Option<Expr>),
    Try {
        body: Vec<Stmt>,
        handlers: Vec<Handler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
        /// `except*`: handlers take the matching parts of an exception group.
        star: bool,
    },
    Del(Target),
    Assert(Expr, Option<Expr>),
    /// Run the body without the GIL (`with nogil:`).
    Nogil(Vec<Stmt>),
    /// `for i in prange(...)`: `range` is the loop (a `ForRange`), run as one OpenMP
    /// `parallel for` when the module is built with `-fopenmp` and the body allows it.
    Prange(Box<Prange>),
    /// `with parallel():` (`num_threads`): the body runs once in each OpenMP thread.
    ParallelBlock(Vec<Stmt>, Option<Expr>),
    /// Take the GIL back inside a nogil section (`with gil:`).
    Gil(Vec<Stmt>),
    /// `with ctx [as target]: body`, or `async with` (in a coroutine).
    With {
        ctx: Expr,
        target: Option<Target>,
        body: Vec<Stmt>,
        is_async: bool,
    },
    /// `async for target in iterable` (in a coroutine).
    AsyncFor {
        target: Target,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// Comprehension step: add the element (or key and value) to the accumulator.
    Append(ComprehensionKind, LocalId, Expr, Option<Expr>),
    /// `from m import *` (module level): the module's public names into the module dict.
    ImportStar(Expr),
    Pass,
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub ty: Type,
    pub span: Span,
}

/// An operation on C values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CBinOp {
    Add,
    Sub,
    Mul,
    /// C `/` (truncating on ints).
    Div,
    /// C `%`
    Rem,
    /// Python `//` on C ints or doubles (floor), checked for zero.
    FloorDiv,
    /// Python `%` on C ints or doubles (sign of divisor), checked for zero.
    PyMod,
    /// `/` in Python semantics on C numbers: true division, checked for zero.
    TrueDiv,
    Pow,
    /// `+`, `-`, `*` on signed C ints under `overflowcheck=True`: `OverflowError` instead of
    /// wrapping.
    AddChecked,
    SubChecked,
    MulChecked,
    LShift,
    RShift,
    BitAnd,
    BitOr,
    BitXor,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CUnOp {
    Neg,
    Pos,
    Invert,
    Not,
}

#[derive(Clone, Debug)]
pub enum CallArg {
    Pos(Expr),
    Star(Expr),
    Kw(String, Expr),
    StarStar(Expr),
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    /// A C literal spelled for C (`42`, `1.5`, `'a'`), of the node's type.
    CConst(String),
    /// A C complex constant from its real and imaginary parts, of the node's complex type.
    CComplex(f64, f64),
    /// Python constants, made once per module.
    PyInt(String),
    PyFloat(f64),
    PyComplex(f64, f64),
    PyStr(String),
    PyBytes(Vec<u8>),
    PyBool(bool),
    PyNone,
    PyEllipsis,
    /// A C string literal (`char *`).
    CString(Vec<u8>),
    Local(LocalId),
    /// A captured variable of an enclosing function (index into `Function::freevars`).
    FreeVar(usize),
    CGlobal(GlobalId),
    /// A C name from an extern block or `.pxd` (constant, variable or function).
    CName(String),
    /// A Python global: module dict, then builtins.
    PyGlobal(String),
    /// A name read in a class body that the body assigns: the class namespace (this local),
    /// then globals and builtins.
    ClassLookup(LocalId, String),
    /// A builtin looked up directly (names the module does not define).
    Builtin(String),
    /// A Python function defined in this module, as a callable object.
    FuncObject(FuncId),
    CBinary(CBinOp, Box<Expr>, Box<Expr>),
    CUnary(CUnOp, Box<Expr>),
    CCompare(CmpOp, Box<Expr>, Box<Expr>),
    PyBinary(BinOp, Box<Expr>, Box<Expr>),
    PyInPlace(BinOp, Box<Expr>, Box<Expr>),
    /// The current value of the target of the enclosing `StmtKind::AugAssign`.
    AugCurrent,
    /// `yield v` (in a generator function): the value sent back.
    Yield(Option<Box<Expr>>),
    /// `yield from it`: the iterator's return value.
    YieldFrom(Box<Expr>),
    /// `await x` (in a coroutine).
    Await(Box<Expr>),
    PyUnary(CUnOp, Box<Expr>),
    /// Python rich comparison (result an object), or `is`/`in` tests (result bint).
    PyCompare(CmpOp, Box<Expr>, Box<Expr>),
    /// `a < b < c`: each link evaluated once, short-circuiting; every link has bint type.
    Chain(Vec<Expr>),
    /// `and`/`or`; C bint when the type is bint, else Python object semantics.
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    IfExp(Box<Expr>, Box<Expr>, Box<Expr>),
    /// A conversion between C types or between a C type and an object, checked as Cython does.
    Coerce(Box<Expr>),
    /// `<T>x` between C types, or from an object to a pointer (no check).
    CCast(Box<Expr>),
    /// `<T?>x` on an object: `x`, checked to be an instance of the expression's type (`None`
    /// is not, unlike in an assignment).
    TypeCheck(Box<Expr>),
    /// A call of a C function (by C name or through a function pointer expression).
    CCall(Box<Expr>, Vec<Expr>, Rc<FuncType>),
    PyCall(Box<Expr>, Vec<CallArg>),
    /// A method call `obj.name(args)` without building a bound method.
    PyMethodCall(Box<Expr>, String, Vec<Expr>),
    Attribute(Box<Expr>, String),
    Subscript(Box<Expr>, Box<Expr>),
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// `p[a:b]` on a `char *`: a bytes object of `b - a` bytes from `p + a` (up to the NUL
    /// without `b`). The bounds are `Py_ssize_t`.
    CStrSlice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// `p[i]` on a C pointer or array.
    CIndex(Box<Expr>, Box<Expr>),
    /// `s.field` on a C struct (`arrow` through a pointer).
    CField(Box<Expr>, String, bool),
    /// `z.real` / `z.imag` on a C complex number (an lvalue when `z` is one).
    ComplexPart(Box<Expr>, ComplexPart),
    /// `obj.field` on a typed extension type reference (the class declaring the field).
    ExtField(Box<Expr>, ExtRef, String),
    /// The object, after checking it is not None (`nonecheck`): AttributeError naming `attr`.
    NoneCheck(Box<Expr>, String),
    /// The override of cpdef method `name` that `obj`'s Python subclass defines, or None when
    /// the method is the class's own (`wrapper`, its Python side).
    CpdefOverride {
        obj: Box<Expr>,
        name: String,
        wrapper: FuncId,
    },
    /// The vtable entry of C method `name` (introduced by the class given) of the object in a
    /// local: a function pointer.
    VtabMethod(LocalId, ExtRef, String),
    Deref(Box<Expr>),
    /// `++x`, `x++`, `--x`, `x--` on a C number or pointer lvalue (`cython.operator`).
    IncDec(Box<Expr>, IncDec),
    AddressOf(Box<Expr>),
    SizeOf(Type),
    Tuple(Vec<Expr>),
    List(Vec<Expr>),
    Set(Vec<Expr>),
    Dict(Vec<(Expr, Expr)>),
    /// `locals()` in a function: a dict of the variables (by name); an object variable that is
    /// unbound is left out.
    LocalsDict(Vec<(String, Expr)>),
    /// A display with `*it` (or `**m`) items: `[*a, b]`, `(*a,)`, `{*a}`, `{**m, k: v}`.
    Unpacking(DisplayKind, Vec<DisplayItem>),
    /// A ctuple value from C values.
    CTuple(Vec<Expr>),
    /// A struct value from field values (a union's: its one given field), by field name.
    CStruct(Vec<(String, Expr)>),
    /// The elements of an array field in a struct value (`S(p, [1, 2, 3])`): a brace list,
    /// valid only there.
    CArrayInit(Vec<Expr>),
    /// `[elt for ...]`-style comprehension: evaluated by statements that append to `acc`.
    Comprehension {
        acc: LocalId,
        kind: ComprehensionKind,
        body: Vec<Stmt>,
    },
    /// `x := v` on a local.
    Walrus(Box<Target>, Box<Expr>),
    /// `lambda`/nested function object creation: the function and its default values.
    MakeFunction(FuncId, Vec<(GlobalId, Expr)>),
    /// A Python class built from a namespace dict: name, bases, body statements that fill
    /// the `ns` local.
    MakeClass {
        name: String,
        qualname: String,
        /// The bases, `*it` ones unpacked.
        bases: Vec<DisplayItem>,
        /// Class keywords (`metaclass=M`, `__init_subclass__` arguments); a `None` name is a
        /// `**mapping` of them.
        keywords: Vec<(Option<String>, Expr)>,
        /// The `__class__` cell local the methods may capture (given to the metaclass as
        /// `__classcell__` when they do).
        class_cell: LocalId,
        ns: LocalId,
        body: Vec<Stmt>,
        doc: Option<String>,
        /// A `cdef class`: the body fills the dict of this already created type.
        ext: Option<ExtRef>,
    },
    /// `import a.b`: the module `a.b` (or, when `top`, the top package `a`).
    Import(String, bool),
    /// `from .m import a, b` (level 1) / `from .. import a`: the module `m` relative to the
    /// current module's package, asked for the names `a`, `b` (`*` for a star import).
    ImportRelative {
        module: String,
        level: u32,
        names: Vec<String>,
    },
    /// `from m import name`: the attribute, or the submodule, with ImportError if missing.
    ImportFrom(Box<Expr>, String),
    /// f-string: the pieces are objects (formatted fields and literal strings) joined.
    JoinStr(Vec<Expr>),
    /// `format(value, spec)` with an optional conversion (`!r`, `!s`, `!a`).
    Format(Box<Expr>, Option<char>, Option<Box<Expr>>),
    /// `v[i, j]` on a typed memoryview with one integer (`Py_ssize_t`) per axis: the item
    /// (an lvalue). `wrap`/`check`: the wraparound and boundscheck directives.
    MvIndex {
        view: Box<Expr>,
        idx: Vec<Expr>,
        wrap: bool,
        check: bool,
    },
    /// `v[a:b, i, None]`: a new slice of the view (the node's type); Ellipsis already expanded.
    MvSlice {
        view: Box<Expr>,
        items: Vec<MvItem>,
        wrap: bool,
        check: bool,
    },
    /// A C-level property of a view: `shape`, `strides` (C arrays), `ndim`, `itemsize`,
    /// `nbytes`, `size`, `is_none`, `is_c_contig()`, `is_f_contig()`.
    MvProp(Box<Expr>, &'static str),
    /// `v.T`
    MvTranspose(Box<Expr>),
    /// `v.copy()` / `v.copy_fortran()` (`true`).
    MvCopy(Box<Expr>, bool),
    /// `<double[:n]>ptr`: a view over C memory (the node's type gives the item type).
    MvFromPtr(Box<Expr>, Vec<Expr>),
    Invalid,
}

/// One item of a memoryview subscript that makes a new view.
#[derive(Clone, Debug)]
pub enum MvItem {
    Index(Box<Expr>),
    /// `start:stop:step`, each part optional.
    Slice(Box<[Option<Expr>; 3]>),
    NewAxis,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComplexPart {
    Real,
    Imag,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IncDec {
    PreInc,
    PostInc,
    PreDec,
    PostDec,
}

/// The C operators `cython.operator` provides as functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CythonOp {
    Dereference,
    Step(IncDec),
}

impl CythonOp {
    pub fn from_name(name: &str) -> Option<CythonOp> {
        Some(match name {
            "dereference" => CythonOp::Dereference,
            "preincrement" => CythonOp::Step(IncDec::PreInc),
            "postincrement" => CythonOp::Step(IncDec::PostInc),
            "predecrement" => CythonOp::Step(IncDec::PreDec),
            "postdecrement" => CythonOp::Step(IncDec::PostDec),
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DisplayKind {
    Tuple,
    List,
    Set,
    Dict,
}

#[derive(Clone, Debug)]
pub enum DisplayItem {
    /// One element (a key and value in a dict).
    One(Expr),
    Pair(Box<(Expr, Expr)>),
    /// `*it` (`**m` in a dict).
    Unpack(Expr),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComprehensionKind {
    List,
    Set,
    Dict,
}

impl Expr {
    pub fn new(kind: ExprKind, ty: Type, span: Span) -> Expr {
        Expr { kind, ty, span }
    }
    pub fn invalid(span: Span) -> Expr {
        Expr::new(ExprKind::Invalid, Type::Error, span)
    }
    pub fn coerce(self, to: Type) -> Expr {
        if self.ty == to || self.ty.is_error() {
            return self;
        }
        let span = self.span;
        Expr::new(ExprKind::Coerce(Box::new(self)), to, span)
    }
}

/// `v` passed through `decorators` (written top-down, applied bottom-up). Each application
/// is a call spanning just its decorator, so a traceback names the decorator's line.
pub fn decorate(decorators: Vec<Expr>, v: Expr) -> Expr {
    decorators.into_iter().rev().fold(v, |v, d| {
        let span = d.span;
        let call = ExprKind::PyCall(Box::new(d), vec![CallArg::Pos(v)]);
        Expr::new(call, Type::OBJECT, span)
    })
}
