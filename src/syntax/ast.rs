//! The syntax tree. Every node carries the byte span of its source text. Names are spans too:
//! their text is read from the source (`Module::text`), which keeps the tree small and fast to
//! build. Cython declarations have their own nodes next to the Python ones.

use std::fmt;

/// A byte range in the source file.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// An identifier: its text is `source[span]`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ident {
    pub span: Span,
}

impl fmt::Debug for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ident@{:?}", self.span)
    }
}

/// A dotted name such as `libc.math`.
#[derive(Clone, Debug, PartialEq)]
pub struct DottedName {
    pub parts: Vec<Ident>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    Expr(Expr),
    Assign {
        targets: Vec<Expr>,
        value: Expr,
    },
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    AnnAssign {
        target: Expr,
        annotation: Expr,
        value: Option<Expr>,
    },
    Pass,
    Break,
    Continue,
    Return(Option<Expr>),
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    Global(Vec<Ident>),
    Nonlocal(Vec<Ident>),
    Del(Vec<Expr>),
    Assert {
        test: Expr,
        msg: Option<Expr>,
    },
    Import(Vec<Alias>),
    /// `from .mod import a as b`; an empty `names` means `import *`.
    ImportFrom {
        level: u32,
        module: Option<DottedName>,
        names: Vec<Alias>,
    },
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    While {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    For {
        is_async: bool,
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    With {
        is_async: bool,
        items: Vec<WithItem>,
        body: Vec<Stmt>,
    },
    Try {
        body: Vec<Stmt>,
        handlers: Vec<Handler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
        star: bool,
    },
    FunctionDef(Box<FunctionDef>),
    ClassDef(Box<ClassDef>),
    Match {
        subject: Expr,
        cases: Vec<MatchCase>,
    },

    // ---- Cython ----
    /// `cimport a.b as c, d`
    CImport(Vec<Alias>),
    /// `from a.b cimport x as y`; empty `names` means `cimport *`.
    FromCImport {
        level: u32,
        module: Option<DottedName>,
        names: Vec<Alias>,
    },
    /// `include "file.pxi"`
    Include(Expr),
    /// `cdef int a, *b = NULL` and friends.
    CVarDecl(Box<CVarDecl>),
    /// `cdef`/`cpdef` functions, with or without a body (a body-less one is a prototype).
    CFunction(Box<CFunctionDef>),
    /// `cdef struct`/`cdef union`, possibly packed, possibly a `ctypedef`.
    CStruct(Box<CStructDef>),
    /// `cdef enum`/`cpdef enum`, possibly a `ctypedef`.
    CEnum(Box<CEnumDef>),
    /// `ctypedef T name`
    CTypedef {
        ty: CType,
        name: Ident,
        visibility: Visibility,
    },
    /// `ctypedef fused name: types...`
    Fused {
        name: Ident,
        types: Vec<CType>,
    },
    /// `cdef extern from "header.h" [nogil]:` (header `None` for `from *`)
    Extern(Box<ExternBlock>),
    /// `cdef:` block (or `cdef public:`): declarations sharing the keyword.
    DeclBlock {
        visibility: Visibility,
        body: Vec<Stmt>,
    },
    /// A line of a declaration block that names a type only (a `fused` member such as `double*`).
    CTypeLine(CType),
    /// `DEF NAME = value`: a compile-time constant. The compile-time pass
    /// (`syntax/compile_time`) evaluates it and removes the statement.
    CompileTimeDef {
        name: Ident,
        value: Expr,
    },
    /// `IF c: ... ELIF c: ... ELSE: ...`: the compile-time pass replaces it by the statements of
    /// the branch whose condition holds.
    CompileTimeIf {
        branches: Vec<(Expr, Vec<Stmt>)>,
        orelse: Vec<Stmt>,
    },
    /// Cython's legacy `for i from 0 <= i < n by step:`
    ForFrom(Box<ForFrom>),
    /// A statement that failed to parse; the error was already reported.
    Invalid,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    pub name: DottedName,
    pub asname: Option<Ident>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WithItem {
    pub context: Expr,
    pub target: Option<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Handler {
    pub typ: Option<Expr>,
    pub name: Option<Ident>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FunctionDef {
    pub is_async: bool,
    pub name: Ident,
    pub params: Params,
    pub returns: Option<Expr>,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ClassDef {
    pub name: Ident,
    pub args: Vec<Arg>,
    /// Empty only for a forward declaration (`cdef class Name` without a block).
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    /// `cdef class`: an extension type.
    pub is_cdef: bool,
    pub visibility: Visibility,
}

/// Parameters of a `def`, `lambda` or C function.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Params {
    pub posonly: Vec<Param>,
    pub args: Vec<Param>,
    pub vararg: Option<Param>,
    pub kwonly: Vec<Param>,
    pub kwarg: Option<Param>,
    /// C functions: a trailing `...` (varargs).
    pub c_varargs: bool,
    pub span: Span,
}

impl Params {
    /// The named parameters in order: positional-only, positional, keyword-only (not `*args`
    /// and `**kwargs`).
    pub fn named(&self) -> impl Iterator<Item = &Param> {
        self.posonly.iter().chain(&self.args).chain(&self.kwonly)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// `None` only for unnamed parameters of C prototypes (`int f(int, char*)`).
    pub name: Option<Ident>,
    /// Python annotation (`x: int`).
    pub annotation: Option<Expr>,
    /// C type (`int x`, `double[:] v`); `None` for an untyped (object) parameter.
    pub ctype: Option<CType>,
    pub default: Option<DefaultValue>,
    /// `obj not None` / `obj or None`
    pub not_none: Option<bool>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum DefaultValue {
    Value(Expr),
    /// `=*` in a `.pxd` prototype: a default given in the implementation.
    Declared,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MatchCase {
    pub pattern: Pattern,
    pub guard: Option<Expr>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    pub kind: PatternKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PatternKind {
    /// Literal or dotted-name value pattern (`1`, `-1.5`, `"s"`, `Color.RED`).
    Value(Expr),
    /// `None`, `True`, `False`
    Singleton(Expr),
    /// Capture (`x`) or wildcard (`_`, name `None`).
    Capture(Option<Ident>),
    Sequence(Vec<Pattern>),
    /// `*rest` / `*_` inside a sequence pattern.
    Star(Option<Ident>),
    Mapping {
        keys: Vec<Expr>,
        patterns: Vec<Pattern>,
        rest: Option<Ident>,
    },
    Class {
        cls: Expr,
        patterns: Vec<Pattern>,
        kwd_names: Vec<Ident>,
        kwd_patterns: Vec<Pattern>,
    },
    As {
        pattern: Option<Box<Pattern>>,
        name: Option<Ident>,
    },
    Or(Vec<Pattern>),
    Invalid,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Name(Ident),
    Int(IntLit),
    Float(f64),
    Imag(f64),
    Str(String),
    Bytes(Vec<u8>),
    /// An f-string (possibly concatenated with plain strings): literal text and fields.
    FString(Vec<FStringPart>),
    True,
    False,
    None,
    Ellipsis,
    Tuple(Vec<Expr>),
    List(Vec<Expr>),
    Set(Vec<Expr>),
    /// `{k: v, **m}`: a `None` key is a `**` unpacking.
    Dict(Vec<(Option<Expr>, Expr)>),
    ListComp(Box<Expr>, Vec<Comprehension>),
    SetComp(Box<Expr>, Vec<Comprehension>),
    GeneratorExp(Box<Expr>, Vec<Comprehension>),
    DictComp(Box<Expr>, Box<Expr>, Vec<Comprehension>),
    Attribute(Box<Expr>, Ident),
    Subscript(Box<Expr>, Box<Expr>),
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    Call(Box<Expr>, Vec<Arg>),
    Starred(Box<Expr>),
    Unary(UnaryOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    BoolOp(BoolOp, Vec<Expr>),
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    Lambda(Box<Params>, Box<Expr>),
    NamedExpr(Box<Expr>, Box<Expr>),
    Await(Box<Expr>),
    Yield(Option<Box<Expr>>),
    YieldFrom(Box<Expr>),

    // ---- Cython ----
    /// `<T>x` (`checked` for `<T?>x`)
    Cast {
        ty: Box<CType>,
        checked: bool,
        expr: Box<Expr>,
    },
    /// `sizeof(T)` where T can only be a type; `sizeof(x)` stays a call.
    SizeofType(Box<CType>),
    /// `&x`
    AddressOf(Box<Expr>),
    /// `ndim=2` in a type's brackets (`ndarray[double, ndim=2]`): read by `cdecl.rs` only.
    TypeOption(Ident, Box<Expr>),
    /// An expression that failed to parse; the error was already reported.
    Invalid,
}

#[derive(Clone, Debug, PartialEq)]
pub enum IntLit {
    Small(u64),
    /// Decimal digits of a value that does not fit in 64 bits.
    Big(String),
}

#[derive(Clone, Debug, PartialEq)]
pub enum FStringPart {
    Literal(String),
    Field(Box<FormattedValue>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct FormattedValue {
    pub expr: Expr,
    /// `f"{x=}"`: the text shown before the value.
    pub debug_text: Option<String>,
    /// `!r`, `!s`, `!a`
    pub conversion: Option<char>,
    pub format_spec: Vec<FStringPart>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Comprehension {
    pub is_async: bool,
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Positional(Expr),
    /// `*args` (the expression is the iterable)
    Star(Expr),
    Keyword(Ident, Expr),
    /// `**kwargs`
    DoubleStar(Expr),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Neg,
    Pos,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitAnd,
    BitOr,
    BitXor,
}

impl BinOp {
    /// The operator as written (`//`, `**`).
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

impl CmpOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::NotEq => "!=",
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            CmpOp::GtE => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Cython declarations

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Visibility {
    #[default]
    Private,
    Public,
    Api,
    Readonly,
    /// Declared inside `cdef extern from`.
    Extern,
}

/// A C type as written.
#[derive(Clone, Debug, PartialEq)]
pub struct CType {
    pub kind: CTypeKind,
    pub span: Span,
}

impl CType {
    /// No type written (`cdef x`, an untyped C function's result): a Python object.
    pub fn object(span: Span) -> CType {
        CType {
            kind: CTypeKind::Base {
                modifiers: Vec::new(),
                name: None,
            },
            span,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum CTypeKind {
    /// A named base type with its C modifiers: `unsigned long long`, `const char`, `Py_ssize_t`,
    /// `libc.stdint.int64_t`, `object`. `name` is `None` when the modifiers alone name the type
    /// (`unsigned`, `long long`).
    Base {
        modifiers: Vec<CModifier>,
        name: Option<DottedName>,
    },
    Pointer(Box<CType>),
    /// `T[n]` (`None` for `T[]`)
    Array(Box<CType>, Option<Box<Expr>>),
    Function(Box<CFuncType>),
    /// `double[:, ::1]`: one entry per axis.
    MemoryView {
        base: Box<CType>,
        axes: Vec<Expr>,
    },
    /// `(int, double)`
    CTuple(Vec<CType>),
    /// `T` with a `const` that applies to a pointer (`char * const p`).
    Const(Box<CType>),
    /// A pure-mode annotation (`x: cython.int`) standing where a C type is expected.
    Annotation(Box<Expr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CModifier {
    Unsigned,
    Signed,
    Short,
    Long,
    Const,
    Volatile,
    /// `double complex`
    Complex,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CFuncType {
    pub ret: CType,
    pub params: Params,
    pub exception: ExceptionSpec,
    pub nogil: bool,
    pub with_gil: bool,
}

/// How a C function reports Python exceptions.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum ExceptionSpec {
    /// Nothing written: Cython 3's default for the return type.
    #[default]
    Default,
    /// `noexcept`
    NoExcept,
    /// `except VALUE`
    Value(Box<Expr>),
    /// `except? VALUE`
    MaybeValue(Box<Expr>),
    /// `except *`
    Star,
    /// `except +` (C++), with an optional handler
    Cpp(Option<Box<Expr>>),
}

/// `cdef [public] T a = 1, *b`
#[derive(Clone, Debug, PartialEq)]
pub struct CVarDecl {
    pub visibility: Visibility,
    pub is_cpdef: bool,
    pub vars: Vec<CVar>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CVar {
    pub name: Ident,
    pub ty: CType,
    pub value: Option<Expr>,
    /// `int x "c_name"`
    pub cname: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CFunctionDef {
    pub name: Ident,
    pub ty: CFuncType,
    pub is_cpdef: bool,
    pub inline: bool,
    pub visibility: Visibility,
    pub cname: Option<String>,
    /// `None` for a prototype.
    pub body: Option<Vec<Stmt>>,
    pub decorators: Vec<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CStructDef {
    pub name: Ident,
    pub is_union: bool,
    pub packed: bool,
    pub is_typedef: bool,
    pub visibility: Visibility,
    pub cname: Option<String>,
    /// `None` for a forward declaration or an extern `pass` body.
    pub fields: Option<Vec<CVar>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CEnumDef {
    pub name: Option<Ident>,
    pub is_cpdef: bool,
    pub is_typedef: bool,
    pub visibility: Visibility,
    pub members: Vec<(Ident, Option<Expr>)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExternBlock {
    /// `None` for `from *`.
    pub header: Option<String>,
    pub nogil: bool,
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ForFrom {
    pub target: Ident,
    pub lower: Expr,
    pub lower_op: CmpOp,
    pub upper_op: CmpOp,
    pub upper: Expr,
    pub step: Option<Expr>,
    pub body: Vec<Stmt>,
    pub orelse: Vec<Stmt>,
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }
}

impl Stmt {
    pub fn new(kind: StmtKind, span: Span) -> Stmt {
        Stmt { kind, span }
    }
}
