//! The C type system as Cython defines it, plus Python object types.

use std::fmt;
use std::rc::Rc;

/// The C integer kinds, in increasing rank. `Char` is plain `char` (signedness of the platform,
/// treated as signed as on x86 and as Cython does for arithmetic).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IntKind {
    Char,
    SChar,
    UChar,
    Short,
    UShort,
    Int,
    UInt,
    Long,
    ULong,
    SSize,
    Size,
    LongLong,
    ULongLong,
    /// `Py_UCS4`: an unsigned code point that converts from a one-character str and boxes to
    /// a str.
    UCS4,
}

impl IntKind {
    pub fn signed(self) -> bool {
        !matches!(
            self,
            IntKind::UChar
                | IntKind::UShort
                | IntKind::UInt
                | IntKind::ULong
                | IntKind::Size
                | IntKind::ULongLong
                | IntKind::UCS4
        )
    }
    /// Conversion rank (C's usual arithmetic conversions); `Py_ssize_t`/`size_t` rank as `long`
    /// on the LP64 platforms we target.
    pub fn rank(self) -> u8 {
        match self {
            IntKind::Char | IntKind::SChar | IntKind::UChar => 1,
            IntKind::Short | IntKind::UShort => 2,
            IntKind::Int | IntKind::UInt | IntKind::UCS4 => 3,
            IntKind::Long | IntKind::ULong => 4,
            IntKind::SSize | IntKind::Size => 5,
            IntKind::LongLong | IntKind::ULongLong => 6,
        }
    }
    pub fn c_name(self) -> &'static str {
        match self {
            IntKind::Char => "char",
            IntKind::SChar => "signed char",
            IntKind::UChar => "unsigned char",
            IntKind::Short => "short",
            IntKind::UShort => "unsigned short",
            IntKind::Int => "int",
            IntKind::UInt => "unsigned int",
            IntKind::Long => "long",
            IntKind::ULong => "unsigned long",
            IntKind::SSize => "Py_ssize_t",
            IntKind::Size => "size_t",
            IntKind::LongLong => "long long",
            IntKind::ULongLong => "unsigned long long",
            IntKind::UCS4 => "Py_UCS4",
        }
    }
    /// The name conversion errors give the type: Cython spells `long long` as its C macro.
    pub fn message_name(self) -> &'static str {
        match self {
            IntKind::LongLong => "PY_LONG_LONG",
            IntKind::ULongLong => "unsigned PY_LONG_LONG",
            k => k.c_name(),
        }
    }
    /// The unsigned kind of the same rank.
    pub fn to_unsigned(self) -> IntKind {
        match self {
            IntKind::Char | IntKind::SChar => IntKind::UChar,
            IntKind::Short => IntKind::UShort,
            IntKind::Int => IntKind::UInt,
            IntKind::Long => IntKind::ULong,
            IntKind::SSize => IntKind::Size,
            IntKind::LongLong => IntKind::ULongLong,
            k => k,
        }
    }
    /// Whether `n` is a value of the kind (LP64, as the C limits below).
    pub fn holds(self, n: i128) -> bool {
        let (bits, signed) = match self {
            IntKind::Char | IntKind::SChar => (8, true),
            IntKind::UChar => (8, false),
            IntKind::Short => (16, true),
            IntKind::UShort => (16, false),
            IntKind::Int => (32, true),
            IntKind::UInt => (32, false),
            IntKind::UCS4 => return (0..=0x10FFFF).contains(&n),
            IntKind::Long | IntKind::SSize | IntKind::LongLong => (64, true),
            IntKind::ULong | IntKind::Size | IntKind::ULongLong => (64, false),
        };
        if signed {
            (-(1i128 << (bits - 1))..(1i128 << (bits - 1))).contains(&n)
        } else {
            (0..(1i128 << bits)).contains(&n)
        }
    }
    /// C limits of the kind, as C expressions.
    pub fn limits(self) -> (&'static str, &'static str) {
        match self {
            IntKind::Char => ("CHAR_MIN", "CHAR_MAX"),
            IntKind::SChar => ("SCHAR_MIN", "SCHAR_MAX"),
            IntKind::UChar => ("0", "UCHAR_MAX"),
            IntKind::Short => ("SHRT_MIN", "SHRT_MAX"),
            IntKind::UShort => ("0", "USHRT_MAX"),
            IntKind::Int => ("INT_MIN", "INT_MAX"),
            IntKind::UInt => ("0", "UINT_MAX"),
            IntKind::Long => ("LONG_MIN", "LONG_MAX"),
            IntKind::ULong => ("0", "ULONG_MAX"),
            IntKind::SSize => ("PY_SSIZE_T_MIN", "PY_SSIZE_T_MAX"),
            IntKind::Size => ("0", "SIZE_MAX"),
            IntKind::LongLong => ("LLONG_MIN", "LLONG_MAX"),
            IntKind::ULongLong => ("0", "ULLONG_MAX"),
            IntKind::UCS4 => ("0", "0x10FFFF"),
        }
    }
}

/// A C integer type: its kind for arithmetic and, for typedefs (`int64_t`), the C spelling.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IntType {
    pub kind: IntKind,
    pub typedef: Option<Rc<str>>,
    /// A named enum's type.
    pub enum_tag: Option<Rc<EnumTag>>,
}

/// What an integer type that is a named enum is.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct EnumTag {
    pub name: Rc<str>,
    /// A `cpdef enum`: its values become members of the Python `IntEnum` class of the name.
    pub cpdef: bool,
    /// Declared in pyxc's code, not `extern`: its values are known, and the type is distinct
    /// from other integers in compile-time checks and messages.
    pub own: bool,
    /// `ctypedef enum`: messages name it without `enum `.
    pub typedef: bool,
    /// The signed kind its values compute in: Cython types them as `int` (C's unsigned
    /// enum would wrap `c - 5`), `long` when a value does not fit.
    pub arithmetic: IntKind,
}

impl IntType {
    /// A `cpdef enum`'s Python class name.
    pub fn py_enum(&self) -> Option<&str> {
        self.enum_tag.as_ref().filter(|t| t.cpdef).map(|t| &*t.name)
    }
    /// One of this module's named enums: its name as Cython's compile errors show it (`Color`).
    pub fn enum_name(&self) -> Option<&str> {
        self.enum_tag.as_ref().filter(|t| t.own).map(|t| &*t.name)
    }
    /// The type's name in conversion errors ("value too large to convert to int"): Cython
    /// says `enum Color`, or the name of a `ctypedef enum`.
    pub fn message_name(&self) -> String {
        match &self.enum_tag {
            Some(t) if t.own && t.typedef => t.name.to_string(),
            Some(t) if t.own => format!("enum {}", t.name),
            _ => self.kind.message_name().to_string(),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FloatKind {
    Float,
    #[default]
    Double,
    LongDouble,
}

impl FloatKind {
    pub fn c_name(self) -> &'static str {
        match self {
            FloatKind::Float => "float",
            FloatKind::Double => "double",
            FloatKind::LongDouble => "long double",
        }
    }
    /// The suffix of C's functions and pyxc's helpers for the kind (`powf`, `cabsl`,
    /// `pyx_cplx_d`).
    pub fn suffix(self) -> &'static str {
        match self {
            FloatKind::Float => "f",
            FloatKind::Double => "d",
            FloatKind::LongDouble => "l",
        }
    }
    /// The name of C's math function `base` for the kind (`pow` → `powf`, `pow`, `powl`).
    pub fn math_fn(self, base: &str) -> String {
        match self {
            FloatKind::Float => format!("{base}f"),
            FloatKind::Double => base.to_string(),
            FloatKind::LongDouble => format!("{base}l"),
        }
    }
}

/// Python object types the checker knows precisely. `Any` is a plain `object`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PyType {
    Any,
    Int,
    Float,
    Complex,
    Bool,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    ByteArray,
    Slice,
    Type,
    NoneType,
    /// `cython.view.array` (pyxc's memoryview object type, `pyx_memview` in memview.h).
    ViewArray,
    /// An extension type (`cdef class`).
    Ext(ExtRef),
}

impl PyType {
    pub fn from_name(name: &str) -> Option<PyType> {
        Some(match name {
            "object" => PyType::Any,
            "int" | "long" => PyType::Int,
            "float" => PyType::Float,
            "complex" => PyType::Complex,
            "bool" => PyType::Bool,
            "str" | "unicode" | "basestring" => PyType::Str,
            "bytes" => PyType::Bytes,
            "list" => PyType::List,
            "tuple" => PyType::Tuple,
            "dict" => PyType::Dict,
            "set" => PyType::Set,
            "frozenset" => PyType::FrozenSet,
            "bytearray" => PyType::ByteArray,
            "slice" => PyType::Slice,
            "type" => PyType::Type,
            _ => return None,
        })
    }
    pub fn name(self) -> &'static str {
        match self {
            PyType::Any => "object",
            PyType::Int => "int",
            PyType::Float => "float",
            PyType::Complex => "complex",
            PyType::Bool => "bool",
            PyType::Str => "str",
            PyType::Bytes => "bytes",
            PyType::List => "list",
            PyType::Tuple => "tuple",
            PyType::Dict => "dict",
            PyType::Set => "set",
            PyType::FrozenSet => "frozenset",
            PyType::ByteArray => "bytearray",
            PyType::Slice => "slice",
            PyType::Type => "type",
            PyType::NoneType => "NoneType",
            PyType::ViewArray => "array",
            PyType::Ext(c) => c.get().name.as_str(),
        }
    }
    /// A C expression for the type's `PyTypeObject *`, for type tests.
    pub fn type_object(self) -> Option<String> {
        Some(match self {
            PyType::Any | PyType::NoneType => return None,
            PyType::Ext(c) => return Some(c.get().type_ptr()),
            PyType::Int => "PyLong_Type",
            PyType::Float => "PyFloat_Type",
            PyType::Complex => "PyComplex_Type",
            PyType::Bool => "PyBool_Type",
            PyType::Str => "PyUnicode_Type",
            PyType::Bytes => "PyBytes_Type",
            PyType::List => "PyList_Type",
            PyType::Tuple => "PyTuple_Type",
            PyType::Dict => "PyDict_Type",
            PyType::Set => "PySet_Type",
            PyType::FrozenSet => "PyFrozenSet_Type",
            PyType::ByteArray => "PyByteArray_Type",
            PyType::Slice => "PySlice_Type",
            PyType::Type => "PyType_Type",
            PyType::ViewArray => "pyx_memview_type",
        })
        .map(|t| format!("&{t}"))
    }
}

/// An extension type (`cdef class`). Classes live for the whole compilation, so they are
/// leaked once when declared: a `&'static` reference keeps `PyType` a small `Copy` value.
#[derive(Debug)]
pub struct ExtClass {
    pub name: String,
    /// `module.Name`, the type's `tp_name`.
    pub tp_name: String,
    /// C identifier part shared by the class's C names (`pyx_obj_<id>`, `pyx_type_<id>`).
    pub cid: String,
    pub base: Option<ExtRef>,
    /// The module defining the class, when it is cimported from another module's `.pxd`.
    pub home: Option<String>,
    /// Filled when the class body is declared (a forward declaration leaves it empty).
    pub members: std::cell::RefCell<ExtMembers>,
}

#[derive(Debug, Default)]
pub struct ExtMembers {
    pub fields: Vec<ExtField>,
    pub methods: Vec<ExtMethod>,
    /// The class body has been declared.
    pub defined: bool,
    /// `@cython.final`: no subclasses, C methods called directly.
    pub is_final: bool,
    /// Declared in the module's own `.pxd`: the module's class statement implements it.
    pub from_pxd: bool,
    /// `cdef object __weakref__`: instances can be weakly referenced.
    pub weakref: bool,
    /// `cdef dict __dict__`: instances have a dict for any other attribute.
    pub dict: bool,
    /// `@cython.no_gc_clear`: the collector never clears the fields (no tp_clear).
    pub no_gc_clear: bool,
    /// `@cython.no_gc`: instances do not take part in garbage collection.
    pub no_gc: bool,
    /// `@cython.freelist(n)`: up to n freed instances are kept for reuse.
    pub freelist: usize,
    /// `cdef` methods over fused types: each specialisation is a method of `methods`.
    pub fused_methods: Vec<ExtFusedMethod>,
    /// Properties of a class cimported from a `.pxd`, each read by calling a C function on
    /// the object (`@property` whose body is `return f(self)`: numpy's `ndarray.shape`).
    pub properties: Vec<(String, Rc<super::CFuncInfo>)>,
}

/// A `cdef` method over fused types: the members of each specialisation (by fused type name)
/// and the name of the C method compiled for it (`m__fuse_0`, a vtable entry of its own).
#[derive(Clone, Debug)]
pub struct ExtFusedMethod {
    pub name: String,
    pub specs: Vec<(Vec<(String, Type)>, String)>,
}

#[derive(Clone, Debug)]
pub struct ExtField {
    pub name: String,
    pub ty: Type,
    /// `cdef public`: readable and writable from Python.
    pub public: bool,
    /// `cdef readonly`: readable from Python.
    pub readonly: bool,
}

/// A `cdef`/`cpdef` method: a C function taking `self` first, called through the vtable.
#[derive(Clone, Debug)]
pub struct ExtMethod {
    pub name: String,
    pub info: Rc<super::CFuncInfo>,
    /// `@cython.final`: called directly, never overridden.
    pub is_final: bool,
    /// `@staticmethod`: no `self`, not in the vtable.
    pub is_static: bool,
}

impl ExtClass {
    /// The C struct of an instance.
    pub fn struct_name(&self) -> String {
        format!("struct pyx_obj_{}", self.cid)
    }
    pub fn vtab_struct(&self) -> String {
        format!("struct pyx_vtab_{}", self.cid)
    }
    /// The module-state slot holding the type object.
    pub fn type_var(&self) -> String {
        format!("pyx_type_{}", self.cid)
    }
    /// The pointer to a cimported class's vtable (read from its type at import).
    pub fn vtab_ptr(&self) -> String {
        format!("pyx_vtabptr_{}", self.cid)
    }
    pub fn type_ptr(&self) -> String {
        format!("((PyTypeObject *){})", self.type_var())
    }
}

#[derive(Clone, Copy)]
pub struct ExtRef(pub &'static ExtClass);

impl ExtRef {
    pub fn get(self) -> &'static ExtClass {
        self.0
    }
    /// The class and its bases, most derived first.
    pub fn chain(self) -> impl Iterator<Item = ExtRef> {
        std::iter::successors(Some(self), |c| c.0.base)
    }
    pub fn is_subclass_of(self, other: ExtRef) -> bool {
        self.chain().any(|c| c == other)
    }
    /// A field of this class or a base, with the class declaring it.
    pub fn field(self, name: &str) -> Option<(ExtRef, ExtField)> {
        self.chain().find_map(|c| {
            let m = c.0.members.borrow();
            m.fields
                .iter()
                .find(|f| f.name == name)
                .map(|f| (c, f.clone()))
        })
    }
    /// A C-level property of this class or a base: the C function reading it.
    pub fn property(self, name: &str) -> Option<Rc<super::CFuncInfo>> {
        self.chain().find_map(|c| {
            let m = c.0.members.borrow();
            m.properties
                .iter()
                .find(|p| p.0 == name)
                .map(|p| p.1.clone())
        })
    }
    /// A C method of this class or a base (the most derived definition), with its class.
    pub fn method(self, name: &str) -> Option<(ExtRef, ExtMethod)> {
        self.chain().find_map(|c| {
            let m = c.0.members.borrow();
            m.methods
                .iter()
                .find(|f| f.name == name)
                .map(|f| (c, f.clone()))
        })
    }
    /// A `cdef` method over fused types of this class or a base, with its class.
    pub fn fused_method(self, name: &str) -> Option<(ExtRef, ExtFusedMethod)> {
        self.chain().find_map(|c| {
            let m = c.0.members.borrow();
            m.fused_methods
                .iter()
                .find(|f| f.name == name)
                .map(|f| (c, f.clone()))
        })
    }
    /// The class that introduced the vtable slot of method `name` (its first declaration).
    pub fn method_origin(self, name: &str) -> Option<ExtRef> {
        self.chain()
            .filter(|c| c.0.members.borrow().methods.iter().any(|m| m.name == name))
            .last()
    }
}

impl PartialEq for ExtRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}
impl Eq for ExtRef {}
impl std::hash::Hash for ExtRef {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        std::ptr::hash(self.0, h)
    }
}
impl fmt::Debug for ExtRef {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "ExtRef({})", self.0.name)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct StructType {
    pub name: String,
    /// The C spelling (`struct point`, or the typedef name).
    pub cname: String,
    pub is_union: bool,
    /// `cdef packed struct`: no padding between fields.
    pub packed: bool,
    pub fields: Vec<(String, Type)>,
    /// Declared with a `pass` body or forward: fields unknown.
    pub opaque: bool,
}

/// A fused type (`ctypedef fused number: int; double`, or `cython.floating`): the member types
/// a function mentioning it is specialised over (nested fused types already flattened).
#[derive(Debug, PartialEq)]
pub struct FusedType {
    /// The name it is written with (`number`, `cython.floating`), also its substitution key.
    pub name: String,
    pub members: Vec<Type>,
}

/// How one axis of a memoryview is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Axis {
    /// `:`: any stride.
    Strided,
    /// `::1`: this axis is the contiguous one (C order when last, Fortran order when first).
    Contig,
}

/// A typed memoryview: item type, axes, and whether items are read-only (`const`).
#[derive(Clone, Debug, PartialEq)]
pub struct MemViewType {
    pub base: Type,
    pub axes: Vec<Axis>,
    pub is_const: bool,
}

/// The largest number of dimensions a memoryview may have (as in Cython).
pub const MAX_DIMS: usize = 8;

impl MemViewType {
    pub fn ndim(&self) -> usize {
        self.axes.len()
    }
    /// 0 strided, 1 C-contiguous, 2 Fortran-contiguous (the runtime's codes).
    pub fn contig_code(&self) -> u8 {
        match (self.axes.first(), self.axes.last()) {
            (_, Some(Axis::Contig)) => 1,
            (Some(Axis::Contig), _) => 2,
            _ => 0,
        }
    }
    /// The same view type with other axes (all strided but the contiguity given).
    pub fn with_axes(&self, axes: Vec<Axis>) -> MemViewType {
        MemViewType {
            base: self.base.clone(),
            axes,
            is_const: self.is_const,
        }
    }
    pub fn strided(&self, ndim: usize) -> MemViewType {
        self.with_axes(vec![Axis::Strided; ndim])
    }
}

impl fmt::Display for MemViewType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_const {
            f.write_str("const ")?;
        }
        write!(f, "{}[", self.base)?;
        for (i, a) in self.axes.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(match a {
                Axis::Strided => ":",
                Axis::Contig => "::1",
            })?;
        }
        f.write_str("]")
    }
}

/// How a C function signals a Python exception to its caller.
#[derive(Clone, Debug, PartialEq)]
pub enum ExcCheck {
    /// Never raises (`noexcept`, or an extern function).
    None,
    /// Returns this C value exactly when it raised (`except -1`).
    Value(String),
    /// Returns this value, and the caller checks `PyErr_Occurred()` (`except? -1`).
    MaybeValue(String),
    /// The caller always checks `PyErr_Occurred()` (`except *`).
    Always,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FuncType {
    pub ret: Type,
    pub params: Vec<Type>,
    pub varargs: bool,
    pub exc: ExcCheck,
    pub nogil: bool,
}

/// The length of a C array: a number, or a constant only the C compiler knows (the name of an
/// extern enum member or macro, or an expression over such names: `int items[MAX_ITEMS]`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ArrayLen {
    Known(u64),
    InC(Rc<str>),
}

impl ArrayLen {
    pub fn known(&self) -> Option<u64> {
        match self {
            ArrayLen::Known(n) => Some(*n),
            ArrayLen::InC(_) => None,
        }
    }
}

impl fmt::Display for ArrayLen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArrayLen::Known(n) => write!(f, "{n}"),
            ArrayLen::InC(c) => f.write_str(c),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Type {
    Int(IntType),
    Float(FloatKind),
    /// A C complex number (`double complex`): C99's `_Complex` of the kind.
    Complex(FloatKind),
    Bint,
    Void,
    Ptr(Box<Type>),
    /// A C array; no length for `T[]` (an extern array, a parameter).
    Array(Box<Type>, Option<ArrayLen>),
    CTuple(Vec<Type>),
    Struct(Rc<StructType>),
    Func(Rc<FuncType>),
    Object(PyType),
    /// A typed memoryview slice (`double[:, ::1]`).
    MemView(Rc<MemViewType>),
    /// `NULL`
    NullPtr,
    /// The type of something that failed to check; it silences follow-up errors.
    Error,
}

impl Type {
    /// `elt[n]`
    pub fn array(elt: Type, n: u64) -> Type {
        Type::Array(Box::new(elt), Some(ArrayLen::Known(n)))
    }

    /// The length of an array whose length pyxc knows.
    pub fn known_len(&self) -> Option<u64> {
        match self {
            Type::Array(_, Some(n)) => n.known(),
            _ => None,
        }
    }

    pub fn int(kind: IntKind) -> Type {
        Type::Int(IntType {
            kind,
            typedef: None,
            enum_tag: None,
        })
    }
    pub const OBJECT: Type = Type::Object(PyType::Any);
    pub const DOUBLE: Type = Type::Float(FloatKind::Double);

    pub fn is_object(&self) -> bool {
        matches!(self, Type::Object(_))
    }
    pub fn is_int(&self) -> bool {
        matches!(self, Type::Int(_))
    }
    pub fn is_float(&self) -> bool {
        matches!(self, Type::Float(_))
    }
    pub fn is_complex(&self) -> bool {
        matches!(self, Type::Complex(_))
    }
    /// The kind of a complex type's parts.
    pub fn complex_kind(&self) -> Option<FloatKind> {
        match self {
            Type::Complex(k) => Some(*k),
            _ => None,
        }
    }
    /// A C number: integer, float, complex or bint.
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            Type::Int(_) | Type::Float(_) | Type::Complex(_) | Type::Bint
        )
    }
    /// A captured variable of this type (struct, union, ctuple, sized array) lives in a zeroed
    /// block of memory its cell owns, read and written in place, so the outer and the inner
    /// functions share it as in Cython's closure struct; a captured number or pointer is boxed.
    pub fn lives_in_cell_block(&self) -> bool {
        matches!(
            self,
            Type::Struct(_) | Type::CTuple(_) | Type::Array(_, Some(_))
        )
    }
    pub fn is_ptr_like(&self) -> bool {
        matches!(self, Type::Ptr(_) | Type::Array(..) | Type::NullPtr)
    }
    pub fn memview(&self) -> Option<&Rc<MemViewType>> {
        match self {
            Type::MemView(m) => Some(m),
            _ => None,
        }
    }
    pub fn is_error(&self) -> bool {
        matches!(self, Type::Error)
    }
    pub fn is_void(&self) -> bool {
        matches!(self, Type::Void)
    }
    pub fn int_kind(&self) -> Option<IntKind> {
        match self {
            Type::Int(t) => Some(t.kind),
            _ => None,
        }
    }
    /// `char *` / `const char *`: converts to and from `bytes`.
    pub fn is_c_string(&self) -> bool {
        match self {
            Type::Ptr(t) | Type::Array(t, _) => {
                matches!(
                    **t,
                    Type::Int(IntType {
                        kind: IntKind::Char | IntKind::UChar | IntKind::SChar,
                        ..
                    })
                )
            }
            _ => false,
        }
    }
    /// Whether values of the type can cross into Python objects and back.
    pub fn converts_to_object(&self) -> bool {
        match self {
            Type::Int(_)
            | Type::Float(_)
            | Type::Complex(_)
            | Type::Bint
            | Type::Object(_)
            | Type::MemView(_) => true,
            Type::CTuple(ts) => ts.iter().all(Type::converts_to_object),
            Type::Struct(s) => !s.opaque && s.fields.iter().all(|(_, t)| t.converts_to_object()),
            // Arrays of known length become lists (char arrays: bytes).
            Type::Array(t, Some(n)) => {
                n.known().is_some() && t.converts_to_object() || self.is_c_string()
            }
            t => t.is_c_string(),
        }
    }
    /// The element type of a pointer or array.
    pub fn pointee(&self) -> Option<&Type> {
        match self {
            Type::Ptr(t) | Type::Array(t, _) => Some(t),
            _ => None,
        }
    }

    /// The C declaration of a variable `name` of this type.
    pub fn declare(&self, name: &str) -> String {
        match self {
            Type::Ptr(inner) => match &**inner {
                Type::Func(_) | Type::Array(..) => inner.declare(&format!("(*{name})")),
                _ => inner.declare(&format!("*{name}")),
            },
            Type::Array(inner, n) => {
                let n = n.as_ref().map(|n| n.to_string()).unwrap_or_default();
                inner.declare(&format!("{name}[{n}]"))
            }
            Type::Func(f) => {
                let mut ps: Vec<String> = f.params.iter().map(|p| p.declare("")).collect();
                if f.varargs {
                    ps.push("...".into());
                }
                if ps.is_empty() {
                    ps.push("void".into());
                }
                f.ret.declare(&format!("{name}({})", ps.join(", ")))
            }
            _ => {
                let base = self.c_base();
                if name.is_empty() {
                    base
                } else {
                    format!("{base} {name}")
                }
            }
        }
    }
    /// The C spelling of the type (for casts).
    pub fn c_type(&self) -> String {
        self.declare("")
    }
    fn c_base(&self) -> String {
        match self {
            Type::Int(t) => t.typedef.as_deref().unwrap_or(t.kind.c_name()).to_string(),
            Type::Float(k) => k.c_name().to_string(),
            Type::Complex(k) => format!("{} _Complex", k.c_name()),
            Type::Bint => "int".into(),
            Type::Void => "void".into(),
            Type::CTuple(ts) => ctuple_cname(ts),
            Type::Struct(s) => s.cname.clone(),
            Type::Object(_) | Type::Error => "PyObject *".into(),
            Type::MemView(_) => "pyx_mvslice".into(),
            Type::NullPtr => "void *".into(),
            Type::Ptr(_) | Type::Array(..) | Type::Func(_) => unreachable!("handled by declare"),
        }
    }
}

/// The C struct name of a ctuple type: one struct per distinct member list.
pub fn ctuple_cname(ts: &[Type]) -> String {
    let mut s = String::from("pyx_ctuple");
    for t in ts {
        s.push('_');
        for c in t.c_type().chars() {
            s.push(match c {
                'a'..='z' | 'A'..='Z' | '0'..='9' => c,
                '*' => 'p',
                _ => '_',
            });
        }
    }
    s
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Int(t) => f.write_str(t.typedef.as_deref().unwrap_or(t.kind.c_name())),
            Type::Float(k) => f.write_str(k.c_name()),
            Type::Complex(k) => write!(f, "{} complex", k.c_name()),
            Type::Bint => f.write_str("bint"),
            Type::Void => f.write_str("void"),
            // Cython's spelling: `int (int)` is a function, `int (*)(int)` a pointer to one.
            Type::Ptr(t) => match &**t {
                Type::Func(ft) => write_signature(f, ft, "(*)"),
                _ => write!(f, "{t} *"),
            },
            // Written as C declares it: `int[2][3]` is two arrays of three ints.
            Type::Array(..) => {
                let mut dims = String::new();
                let mut t = self;
                while let Type::Array(inner, n) = t {
                    match n {
                        Some(n) => dims.push_str(&format!("[{n}]")),
                        None => dims.push_str("[]"),
                    }
                    t = inner;
                }
                write!(f, "{t}{dims}")
            }
            Type::CTuple(ts) => {
                f.write_str("(")?;
                for (i, t) in ts.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{t}")?;
                }
                f.write_str(")")
            }
            Type::Struct(s) => f.write_str(&s.name),
            Type::Func(ft) => write_signature(f, ft, ""),
            Type::Object(p) => f.write_str(p.name()),
            Type::MemView(m) => write!(f, "{m}"),
            Type::NullPtr => f.write_str("NULL"),
            Type::Error => f.write_str("<error>"),
        }
    }
}

/// `ret <declarator>(params)` with the exception clause when the function can raise.
fn write_signature(f: &mut fmt::Formatter<'_>, ft: &FuncType, declarator: &str) -> fmt::Result {
    write!(f, "{} {declarator}(", ft.ret)?;
    for (i, t) in ft.params.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{t}")?;
    }
    f.write_str(")")?;
    match &ft.exc {
        ExcCheck::None => {}
        ExcCheck::Value(v) => write!(f, " except {v}")?,
        ExcCheck::MaybeValue(v) => write!(f, " except? {v}")?,
        ExcCheck::Always => f.write_str(" except *")?,
    }
    if ft.nogil {
        f.write_str(" nogil")?;
    }
    Ok(())
}

/// The type of `a op b` for C numbers under C's usual arithmetic conversions (Cython's rules).
pub fn arithmetic_result(a: &Type, b: &Type) -> Type {
    // A complex operand makes the result complex, of the wider real part (Cython's
    // `widest_numeric_type`: `float complex * double` is `double complex`).
    let real_part = |t: &Type| match t {
        Type::Complex(k) => Type::Float(*k),
        t => t.clone(),
    };
    if a.is_complex() || b.is_complex() {
        return match arithmetic_result(&real_part(a), &real_part(b)) {
            Type::Float(k) => Type::Complex(k),
            _ => Type::Complex(FloatKind::Double),
        };
    }
    match (a, b) {
        (Type::Float(x), Type::Float(y)) => Type::Float((*x).max(*y)),
        (Type::Float(x), _) | (_, Type::Float(x)) => Type::Float(*x),
        _ => {
            let (ka, kb) = (arithmetic_kind(a), arithmetic_kind(b));
            // Promotion to int first, as C does.
            let promote = |k: IntKind| if k.rank() < 3 { IntKind::Int } else { k };
            let (ka, kb) = (promote(ka), promote(kb));
            let k = if ka.rank() != kb.rank() {
                let (hi, lo) = if ka.rank() > kb.rank() {
                    (ka, kb)
                } else {
                    (kb, ka)
                };
                // A signed type of higher rank holds every value of the lower unsigned one on
                // LP64 except when the sizes are equal (long vs unsigned long long).
                if hi.signed() && !lo.signed() && hi.rank() >= 4 && lo.rank() >= 4 {
                    hi.to_unsigned()
                } else {
                    hi
                }
            } else if ka.signed() && kb.signed() {
                ka
            } else {
                ka.to_unsigned()
            };
            // Keep a typedef spelling when both sides share it; arithmetic on a `cpdef enum`
            // gives a plain int, not a member (Cython's `CIRCLE + 1` is 2).
            match (a, b) {
                (Type::Int(x), Type::Int(y)) if x == y && x.kind == k && x.py_enum().is_none() => {
                    a.clone()
                }
                _ => Type::int(k),
            }
        }
    }
}

/// An integer type's kind in arithmetic and comparisons (see `EnumTag::arithmetic`).
fn arithmetic_kind(t: &Type) -> IntKind {
    match t {
        Type::Int(IntType {
            enum_tag: Some(tag),
            ..
        }) if tag.own => tag.arithmetic,
        t => t.int_kind().unwrap_or(IntKind::Int),
    }
}
