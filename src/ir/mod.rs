//! The intermediate representation: functions of basic blocks whose operations state, in one
//! place each, whether their object result is owned or borrowed, which arguments they steal,
//! and how they signal failure. `refcount` derives every incref, decref and error cleanup from
//! those facts; the C emitter only prints.

pub mod bound;
pub mod lower;
pub mod params;
pub mod refcount;

pub type Reg = usize;
pub type BlockId = usize;

/// What a register holds.
#[derive(Clone, Debug, PartialEq)]
pub enum RType {
    /// A `PyObject *`.
    Obj,
    /// A C value of this C type (its declaration text, with `{}` where the name goes).
    C(String),
    /// A typed memoryview slice (`pyx_mvslice`): owned like an object (one buffer
    /// acquisition), so the refcount pass treats it as one; codegen acquires and releases it
    /// with the memview runtime's helpers.
    Slice,
}

impl RType {
    /// Values of the type carry ownership (an object reference or a slice acquisition).
    pub fn is_owned_kind(&self) -> bool {
        matches!(self, RType::Obj | RType::Slice)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum RegKind {
    /// Defined once, used within the same block.
    Temp,
    /// A variable: object variables own their value (NULL when unbound).
    Local,
    /// A C function's object parameter that the body never rebinds: a copy of the borrowed C
    /// parameter, read like a variable, never assigned again nor released.
    Param,
}

#[derive(Clone, Debug)]
pub struct RegInfo {
    pub name: String,
    pub ty: RType,
    pub kind: RegKind,
    /// For object temps: whether the defining operation returns a new reference.
    pub owned: bool,
}

/// An operand.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Reg(Reg),
    /// C text: a literal, a static, or a pure C expression over C registers. As an object
    /// operand it is a borrowed reference.
    C(String),
}

/// How an operation reports failure (with a Python exception set).
#[derive(Clone, Debug, PartialEq)]
pub enum ErrKind {
    Never,
    /// Returns NULL.
    Null,
    /// Returns a negative int.
    Neg,
    /// Returns `-1` (of its type) with an exception set.
    MinusOneOccurred,
    /// Returns exactly this value.
    Value(String),
    /// Returns this value and `PyErr_Occurred()` is set.
    MaybeValue(String),
    /// Check `PyErr_Occurred()` after the call.
    Occurred,
    /// Always fails (raise).
    Always,
    /// A memoryview slice result marked failed (`PYX_MV_FAILED`).
    SliceFailed,
}

#[derive(Clone, Debug)]
pub enum OpKind {
    /// A call of a C function: C-API, runtime helper or compiled C function.
    Call {
        func: String,
        args: Vec<Value>,
        steals: Vec<bool>,
    },
    /// A pure C expression; `$0`, `$1`... stand for the arguments.
    Expr {
        template: String,
        args: Vec<Value>,
    },
    /// A C statement without failure (stores into C lvalues); `$n` placeholders.
    Stmt {
        template: String,
        args: Vec<Value>,
    },
    /// Stores into a local register. Object locals steal the value and release the old one.
    Assign {
        local: Reg,
        src: Value,
    },
    /// Sets an object local to NULL, releasing its value (`del x`, end of a temporary's use).
    Clear {
        local: Reg,
    },
    /// Inserted by `refcount`.
    IncRef(Value),
    DecRef(Value),
}

#[derive(Clone, Debug)]
pub struct Op {
    pub dest: Option<Reg>,
    pub kind: OpKind,
    pub err: ErrKind,
    /// Where failures go: a handler block, or the function's error exit.
    pub handler: Option<BlockId>,
    pub line: u32,
    /// Filled by `refcount`: owned temps to release when this op fails.
    pub cleanup: Vec<Reg>,
    /// Runs without the GIL (nogil function or block): checking for an exception must take
    /// the GIL first.
    pub nogil: bool,
    /// Filled by `refcount`: the op may fail and, when it does, these are released first.
    /// Object temps released right after this op succeeds (their last use).
    pub release_after: Vec<Reg>,
}

#[derive(Clone, Debug)]
pub enum Term {
    Goto(BlockId),
    /// Branch on a C truth value.
    Branch(Value, BlockId, BlockId),
    /// Return; an object value is stolen.
    Return(Option<Value>),
    /// Propagate the current exception to `handler` (or the function's error exit).
    Raise(Option<BlockId>, u32),
    /// A generator suspends, returning `value` (stolen) to its caller; it continues at
    /// `resume`. With no value it is the generator function's start: the generator object is
    /// created and returned, and the body begins at `resume` on the first `next()`.
    Yield {
        value: Option<Value>,
        resume: BlockId,
    },
    Unreachable,
    /// `for (counter = 0; counter < count; counter++)` around the blocks of `region` (a
    /// `prange`): nested in C as a structured loop, and with `omp` clauses an OpenMP
    /// `parallel for`. Afterwards `after`.
    CountedLoop(Box<CountedLoop>),
    /// The end of an iteration of the `CountedLoop` whose body starts at `first` (the last
    /// block of its region).
    LoopNext {
        first: BlockId,
        after: BlockId,
    },
}

#[derive(Clone, Debug)]
pub struct CountedLoop {
    /// The counter and the iteration count (a C local's name); None for a parallel block,
    /// whose region runs once in each thread.
    pub iterations: Option<(Reg, String)>,
    /// The body's blocks in emission order: the first entered each iteration, the last the
    /// one ending it with `LoopNext`.
    pub region: Vec<BlockId>,
    pub after: BlockId,
    /// How the loop runs in parallel (None: serially).
    pub omp: Option<OmpLoop>,
    /// Variables the loop reduces or keeps the last value of: shared in an enclosing
    /// parallel block.
    pub shared: Vec<Reg>,
}

/// A counted loop or block run by OpenMP threads.
#[derive(Clone, Debug)]
pub struct OmpLoop {
    /// The clauses of `#pragma omp parallel`; None for a loop inside a parallel block (its
    /// threads share the loop out).
    pub parallel: Option<String>,
    /// The clauses of `#pragma omp for`; None for a parallel block (no loop).
    pub for_clauses: Option<String>,
    /// The body may raise: each thread holds a Python thread state for the whole region, so
    /// an exception it sets without the GIL is still there when the handler takes it.
    pub thread_states: bool,
}

impl Term {
    /// The blocks control may go to next (a failing operation's handler aside).
    pub fn successors(&self) -> Vec<BlockId> {
        match self {
            Term::Goto(b) => vec![*b],
            Term::Branch(_, a, b) => vec![*a, *b],
            Term::Raise(Some(h), _) => vec![*h],
            Term::Yield { resume, .. } => vec![*resume],
            Term::CountedLoop(l) => l
                .region
                .first()
                .copied()
                .into_iter()
                .chain([l.after])
                .collect(),
            Term::LoopNext { first, after } => vec![*first, *after],
            Term::Return(_) | Term::Raise(None, _) | Term::Unreachable => vec![],
        }
    }
}

#[derive(Clone, Debug)]
pub struct Block {
    pub ops: Vec<Op>,
    pub term: Term,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FnStyle {
    /// `PyObject *f(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)`
    Python,
    /// A C function with C parameters.
    C,
    /// The module's exec body: `int f(PyObject *module)`, 0 or -1.
    ModuleExec,
}

#[derive(Clone, Debug)]
pub struct Function {
    pub name: String,
    pub qualname: String,
    pub cname: String,
    pub style: FnStyle,
    /// C parameters (`style == C`): declaration texts.
    pub c_params: Vec<String>,
    /// C return type (declaration with `{}`), for `style == C`.
    pub c_ret: String,
    /// The value returned when the function fails (C style).
    pub error_value: Option<String>,
    /// For no-except C functions: exceptions are written as unraisable instead.
    pub noexcept: bool,
    /// A `nogil` C function: its error exit takes the GIL to record the traceback.
    pub nogil: bool,
    pub regs: Vec<RegInfo>,
    pub blocks: Vec<Block>,
    pub line: u32,
    /// For Python-style functions: argument parsing.
    pub args: Option<ArgSpec>,
    /// For generator functions (and coroutines): what the object they return needs.
    pub generator: Option<GenInfo>,
    /// The cells after the module in a closure's `self` tuple (its `__closure__`).
    pub nfree: usize,
    pub doc: Option<String>,
}

/// The object a resumable function returns: its kind, `__name__` and `__qualname__`
/// (constants).
#[derive(Clone, Debug)]
pub struct GenInfo {
    pub name: Value,
    pub qualname: Value,
    pub kind: GenKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenKind {
    Generator,
    /// `async def`
    Coroutine,
    /// `async def` that yields
    AsyncGenerator,
}

impl GenKind {
    /// The runtime's code for it (`pyx_gen_new`'s `kind`).
    pub fn code(self) -> i32 {
        match self {
            GenKind::Generator => 0,
            GenKind::Coroutine => 1,
            GenKind::AsyncGenerator => 2,
        }
    }
}

#[derive(Clone, Debug)]
pub struct ArgSpec {
    pub names: Vec<String>,
    pub nposonly: usize,
    pub npos: usize,
    pub nkwonly: usize,
    pub nrequired_pos: usize,
    pub kwonly_required: Vec<bool>,
    /// See `tree::Function::implicit_self`.
    pub implicit_self: bool,
    pub varargs: Option<Reg>,
    pub kwargs: Option<Reg>,
    /// The source names of the `*args` and `**kwargs` parameters (for `__code__`).
    pub star_names: Vec<String>,
}

/// Whether this module build targets the full C API (abi3 and free-threaded builds would be
/// other settings carried the same way).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Target {
    #[default]
    FullApi,
}

#[derive(Clone, Debug)]
pub struct Module {
    pub name: String,
    pub file: String,
    pub doc: Option<String>,
    /// Runtime helpers raise with CPython's messages (`PYX_CPYTHON_MESSAGES`, a `.py` module).
    pub cpython_messages: bool,
    /// The module uses numpy's C API (numpy's header is among `includes`): its API table is
    /// imported when the module executes, as Cython 3 does for a module that cimports numpy
    /// (`import_array()` may still be called).
    pub numpy_api: bool,
    /// The files `include`d into the module (positions in them name them: `sema::lines`).
    pub included_files: Vec<String>,
    pub target: Target,
    pub functions: Vec<Function>,
    /// Python constants: C initialiser expressions producing new references.
    pub consts: Vec<String>,
    /// Interned names.
    pub names: Vec<String>,
    /// Module-level statics: (declaration, the C name when it holds an object). Object
    /// globals start as `None`, as in Cython.
    pub statics: Vec<(String, Option<String>)>,
    /// Module-level memoryview slices (C names), released when the module is freed.
    pub slice_statics: Vec<String>,
    /// C functions of other modules (function pointers filled at import) and the module's
    /// own C functions other modules may cimport.
    pub imported_funcs: Vec<LinkedC>,
    pub exported_funcs: Vec<LinkedC>,
    /// `cdef public` functions and variables: their C names (external linkage) and their
    /// declarations for the module's header.
    pub public_names: Vec<String>,
    pub public_decls: Vec<String>,
    /// `cdef api` functions, for the module's `_api.h` (their C names are the header's
    /// pointer variables).
    pub api_funcs: Vec<LinkedC>,
    /// C declarations to emit before functions (structs, ctuples).
    pub type_decls: Vec<String>,
    pub includes: Vec<String>,
    pub verbatim: Vec<String>,
    /// Python-callable functions: (index into functions, name, doc) for PyMethodDef tables.
    pub py_functions: Vec<usize>,
    /// Runtime helper groups the module uses.
    pub helpers: std::collections::BTreeSet<&'static str>,
    /// `cdef class` types, bases first.
    pub ext_types: Vec<ExtType>,
}

/// A C function shared between modules: a capsule in the defining module's `__pyx_capi__`
/// dict, named by the function's signature (checked when it is imported).
#[derive(Clone, Debug)]
pub struct LinkedC {
    pub module: String,
    pub name: String,
    pub cname: String,
    /// `double (double)`
    pub signature: String,
    /// The declaration of a function pointer variable named `cname`.
    pub pointer_decl: String,
}

/// How a slot calls its special method: the slot's C signature and the runtime helper that
/// checks the result as CPython's generic slot would.
#[derive(Clone, Copy)]
pub enum SlotShape {
    /// `PyObject *(PyObject *self)`
    Unary,
    /// `PyObject *(PyObject *self, PyObject *arg)`
    Binary,
    Len,
    Hash,
    Bool,
    Contains,
    Call,
    Init,
    /// `PyObject *(PyObject *self, PyObject *arg, PyObject *mod)`: `mod` is passed on only
    /// when it is not None (a method may leave it out).
    Ternary,
    /// tp_descr_get: a missing instance or owner is None, as in Cython.
    DescrGet,
}

/// Special methods a type's own C slot calls directly (the checker records every plain special
/// method; the rest keep CPython's generic slots), the slot members they fill and their shape. `__setitem__`/`__delitem__` share one slot.
pub const SLOT_TABLE: &[(&str, &[&str], SlotShape)] = &[
    ("__init__", &["tp_init"], SlotShape::Init),
    ("__call__", &["tp_call"], SlotShape::Call),
    ("__repr__", &["tp_repr"], SlotShape::Unary),
    ("__str__", &["tp_str"], SlotShape::Unary),
    ("__hash__", &["tp_hash"], SlotShape::Hash),
    ("__iter__", &["tp_iter"], SlotShape::Unary),
    ("__next__", &["tp_iternext"], SlotShape::Unary),
    (
        "__len__",
        &["tp_as_mapping->mp_length", "tp_as_sequence->sq_length"],
        SlotShape::Len,
    ),
    (
        "__getitem__",
        &["tp_as_mapping->mp_subscript"],
        SlotShape::Binary,
    ),
    (
        "__contains__",
        &["tp_as_sequence->sq_contains"],
        SlotShape::Contains,
    ),
    ("__bool__", &["tp_as_number->nb_bool"], SlotShape::Bool),
    ("__get__", &["tp_descr_get"], SlotShape::DescrGet),
    ("__neg__", &["tp_as_number->nb_negative"], SlotShape::Unary),
    ("__pos__", &["tp_as_number->nb_positive"], SlotShape::Unary),
    ("__abs__", &["tp_as_number->nb_absolute"], SlotShape::Unary),
    ("__invert__", &["tp_as_number->nb_invert"], SlotShape::Unary),
    ("__int__", &["tp_as_number->nb_int"], SlotShape::Unary),
    ("__float__", &["tp_as_number->nb_float"], SlotShape::Unary),
    ("__index__", &["tp_as_number->nb_index"], SlotShape::Unary),
    (
        "__iadd__",
        &["tp_as_number->nb_inplace_add"],
        SlotShape::Binary,
    ),
    (
        "__isub__",
        &["tp_as_number->nb_inplace_subtract"],
        SlotShape::Binary,
    ),
    (
        "__imul__",
        &["tp_as_number->nb_inplace_multiply"],
        SlotShape::Binary,
    ),
    (
        "__imatmul__",
        &["tp_as_number->nb_inplace_matrix_multiply"],
        SlotShape::Binary,
    ),
    (
        "__itruediv__",
        &["tp_as_number->nb_inplace_true_divide"],
        SlotShape::Binary,
    ),
    (
        "__ifloordiv__",
        &["tp_as_number->nb_inplace_floor_divide"],
        SlotShape::Binary,
    ),
    (
        "__imod__",
        &["tp_as_number->nb_inplace_remainder"],
        SlotShape::Binary,
    ),
    (
        "__ilshift__",
        &["tp_as_number->nb_inplace_lshift"],
        SlotShape::Binary,
    ),
    (
        "__irshift__",
        &["tp_as_number->nb_inplace_rshift"],
        SlotShape::Binary,
    ),
    (
        "__iand__",
        &["tp_as_number->nb_inplace_and"],
        SlotShape::Binary,
    ),
    (
        "__ior__",
        &["tp_as_number->nb_inplace_or"],
        SlotShape::Binary,
    ),
    (
        "__ixor__",
        &["tp_as_number->nb_inplace_xor"],
        SlotShape::Binary,
    ),
    (
        "__ipow__",
        &["tp_as_number->nb_inplace_power"],
        SlotShape::Ternary,
    ),
];

/// Slots that serve several methods (an operator and its reflection, item assignment and
/// deletion, the six comparisons, attribute lookup and its fallback, a descriptor's setter and
/// deleter), by the name codegen knows them under (an operator's is its `nb_` member's suffix).
pub const SLOT_GROUPS: &[(&str, &[&str])] = &[
    ("getattro", &["__getattribute__", "__getattr__"]),
    ("descr_set", &["__set__", "__delete__"]),
    (
        "richcompare",
        &["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"],
    ),
    ("ass_subscript", &["__setitem__", "__delitem__"]),
    ("add", &["__add__", "__radd__"]),
    ("subtract", &["__sub__", "__rsub__"]),
    ("multiply", &["__mul__", "__rmul__"]),
    ("matrix_multiply", &["__matmul__", "__rmatmul__"]),
    ("true_divide", &["__truediv__", "__rtruediv__"]),
    ("floor_divide", &["__floordiv__", "__rfloordiv__"]),
    ("remainder", &["__mod__", "__rmod__"]),
    ("lshift", &["__lshift__", "__rlshift__"]),
    ("rshift", &["__rshift__", "__rrshift__"]),
    ("and", &["__and__", "__rand__"]),
    ("or", &["__or__", "__ror__"]),
    ("xor", &["__xor__", "__rxor__"]),
    ("power", &["__pow__", "__rpow__"]),
];

/// The type member a `SLOT_GROUPS` slot fills.
pub fn group_slot_member(group: &str) -> String {
    match group {
        "richcompare" | "getattro" | "descr_set" => format!("tp_{group}"),
        "ass_subscript" => "tp_as_mapping->mp_ass_subscript".into(),
        op => format!("tp_as_number->nb_{op}"),
    }
}

/// What the C type object of a `cdef class` is made of. Its Python-visible behaviour is in
/// compiled functions (named here by C name) that the type's slots call.
#[derive(Clone, Debug)]
pub struct ExtType {
    /// `module.Name`
    pub tp_name: String,
    /// The module defining a type cimported from its `.pxd`: only its structs are emitted,
    /// and its type object and vtable are imported.
    pub imported: Option<String>,
    /// Declared in the module's own `.pxd`: other modules may cimport it, so its vtable is
    /// published in the type.
    pub exported: bool,
    /// Special methods (name, compiled function) the type's C slots call directly.
    pub direct_slots: Vec<(String, String)>,
    /// The multi-method slots (`SLOT_GROUPS`) to install, whose methods are
    /// in `direct_slots` or absent from the class.
    pub slot_groups: Vec<String>,
    /// `__pow__`/`__rpow__` methods among `direct_slots` that take no modulus: three-argument
    /// `pow()` reaching them is a TypeError, as in Cython.
    pub no_modulus: Vec<String>,
    /// Operator groups whose reflection this class defines without the forward method: when
    /// both operands are instances the reflection is tried first, as Cython does.
    pub reflected_first: Vec<String>,
    /// Slot members (`tp_as_number->nb_add`...) copied from the base once the class body ran:
    /// those of methods the class does not define. Setting the base's methods pointed them at
    /// CPython's generic slots (the type existed already), not at the base's own.
    pub inherited_slots: Vec<String>,
    /// Calling the type is a vectorcall that makes the instance and runs `__init__` without
    /// packing the arguments into a tuple (no `__cinit__` in the chain takes arguments).
    pub vectorcall: bool,
    /// The identifier in the names of the type's own C helpers (`pyx_tp_new_<cid>`...).
    pub cid: String,
    /// The C names the checker gave the type: its instance struct, its vtable struct and the
    /// module-state variable holding the type object.
    pub struct_name: String,
    pub vtab_struct: String,
    pub type_var: String,
    pub base_cid: Option<String>,
    pub doc: Option<String>,
    /// The class's own fields (a base's come first, inside its struct).
    pub fields: Vec<ExtSlotField>,
    /// The class or a base has object fields: instances take part in garbage collection.
    pub gc: bool,
    /// Function pointer members the class adds to its base's vtable.
    pub vtab_entries: Vec<String>,
    /// Every vtable member (as a path into the struct) and the C method it points to.
    pub vtab_fill: Vec<(String, String)>,
    /// `__cinit__` (a Python-style function) and whether it takes the constructor's arguments.
    pub cinit: Option<(String, bool)>,
    pub dealloc: Option<String>,
    /// `__richcmp__(self, other, op)`: the type's tp_richcompare.
    pub richcmp: Option<String>,
    /// The buffer protocol's C functions (`__getbuffer__`, `__releasebuffer__`).
    pub getbuffer: Option<String>,
    pub releasebuffer: Option<String>,
    pub getsets: Vec<ExtGetSet>,
    /// `@cython.final`: not subclassable.
    pub is_final: bool,
    /// The class adds a weak reference list (`cdef object __weakref__`).
    pub weakref: bool,
    /// The class adds an instance dict (`cdef dict __dict__`).
    pub dict: bool,
    /// No tp_clear (`@cython.no_gc_clear`).
    pub no_gc_clear: bool,
    /// `@cython.freelist(n)`: freed instances kept for reuse.
    pub freelist: usize,
}

#[derive(Clone, Debug)]
pub struct ExtSlotField {
    /// The member's C declaration.
    pub decl: String,
    pub cname: String,
    pub is_object: bool,
    /// A memoryview slice: the instance holds an acquisition of its buffer.
    pub is_slice: bool,
}

/// A descriptor of a `public`/`readonly` field: its accessor functions (Python-style).
#[derive(Clone, Debug)]
pub struct ExtGetSet {
    pub name: String,
    pub get: String,
    pub set: Option<String>,
    /// `del obj.f` stores None (object fields); otherwise deleting is an error.
    pub del_to_none: bool,
}

impl Function {
    /// The function name its traceback entries show: its qualified name, or in a `.py`
    /// module the plain name, as CPython's code objects have it.
    pub fn traceback_name(&self, cpython: bool) -> &str {
        match cpython {
            true => &self.name,
            false => &self.qualname,
        }
    }
    /// Whether `name` is one of this C function's parameters (declared `... name` or
    /// `...*name` in `c_params`).
    pub fn has_c_param(&self, name: &str) -> bool {
        self.c_params.iter().any(|decl| {
            decl.strip_suffix(name)
                .is_some_and(|head| head.ends_with([' ', '*']))
        })
    }
}

impl Term {
    /// The object value this terminator hands over (stolen): a returned or yielded one.
    pub fn stolen_value(&self) -> Option<&Value> {
        match self {
            Term::Return(Some(v)) | Term::Yield { value: Some(v), .. } => Some(v),
            _ => None,
        }
    }
    pub fn stolen_value_mut(&mut self) -> Option<&mut Value> {
        match self {
            Term::Return(Some(v)) | Term::Yield { value: Some(v), .. } => Some(v),
            _ => None,
        }
    }
}
