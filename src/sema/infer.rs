//! Type inference for untyped locals, with Cython's default ("safe") rules: a local gets a C
//! type when every value assigned to it has that C type (Python int literals excepted, since
//! C ints could overflow where Python's cannot — unless `infer_types=True`). Anything else is
//! a Python object, typed as precisely as the assigned values allow.

use super::tree::LocalId;
use super::types::*;
use super::{Checker, Sym};
use crate::syntax::ast::{self, ExprKind as E, StmtKind as S};
use std::collections::HashMap;

impl<'a> Checker<'a> {
    pub(super) fn infer_locals(&mut self, body: &[ast::Stmt], ids: &[LocalId]) {
        let mut assigns: HashMap<LocalId, Vec<Rhs>> = HashMap::new();
        {
            let cx = self.func.as_ref().expect("function context");
            let mut found: Vec<(String, Rhs)> = Vec::new();
            collect_assigns(body, self.src, &mut |n: &str, r| {
                found.push((n.to_string(), r))
            });
            for (name, rhs) in found {
                if let Some(id) = cx.scope.get(&name) {
                    if ids.contains(id) {
                        assigns.entry(*id).or_default().push(rhs);
                    }
                }
            }
        }
        // Iterate to a fixed point: a local's type is known once every value assigned to it
        // has a known type.
        for _ in 0..8 {
            let mut changed = false;
            for &id in ids {
                if !self
                    .func
                    .as_ref()
                    .is_some_and(|cx| cx.unresolved.contains(&id))
                {
                    continue;
                }
                let rhs = assigns.get(&id).map(Vec::as_slice).unwrap_or(&[]);
                if let Some(t) = self.join_rhs(rhs) {
                    let cx = self.func.as_mut().expect("function context");
                    cx.locals[id].ty = t;
                    cx.unresolved.remove(&id);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let cx = self.func.as_mut().expect("function context");
        for id in std::mem::take(&mut cx.unresolved) {
            cx.locals[id].ty = Type::OBJECT;
        }
    }

    fn join_rhs(&self, rhs: &[Rhs]) -> Option<Type> {
        let mut acc: Option<Type> = None;
        for r in rhs {
            let t = match r {
                Rhs::Value(e) => self.shallow_type(e)?,
                Rhs::AugAssign(op, e) => {
                    let cur = acc.clone().unwrap_or(Type::OBJECT);
                    let t = self.shallow_type(e)?;
                    binary_type(*op, &cur, &t)
                }
                Rhs::RangeOf(bounds) => self.range_var_type(bounds)?,
                Rhs::Object => Type::OBJECT,
            };
            acc = Some(match acc {
                None => t,
                Some(a) => join(&a, &t),
            });
        }
        Some(acc.unwrap_or(Type::OBJECT))
    }

    /// The type Cython infers for the variable of `for v in range(bounds)`: the C integer type
    /// of the bounds, where small int literals count as C `long`; any other bound makes it an
    /// object. `None` while a bound's type is still being inferred.
    pub(super) fn range_var_type(&self, bounds: &[&ast::Expr]) -> Option<Type> {
        let mut acc: Option<Type> = None;
        for b in bounds {
            let t = match self.const_int(b) {
                Some(n) if i32::try_from(n).is_ok() => Type::int(IntKind::Long),
                _ => self.shallow_type(b)?,
            };
            if !t.is_int() {
                return Some(Type::OBJECT);
            }
            acc = Some(match acc {
                None => t,
                Some(a) => join(&a, &t),
            });
        }
        Some(acc.unwrap_or(Type::OBJECT))
    }

    /// The type an expression will have, without checking it; `None` while it depends on a
    /// local still being inferred.
    pub(super) fn shallow_type(&self, e: &ast::Expr) -> Option<Type> {
        Some(match &e.kind {
            E::Name(n) => {
                let name = self.text(*n);
                let cx = self.func.as_ref()?;
                if let Some(&id) = cx.scope.get(name) {
                    if cx.unresolved.contains(&id) {
                        return None;
                    }
                    return Some(cx.locals[id].ty.clone());
                }
                match self.module.get(name) {
                    Some(Sym::CGlobal(g)) => self.program.globals[*g].ty.clone(),
                    Some(Sym::CName { ty, .. }) => ty.clone(),
                    _ => Type::OBJECT,
                }
            }
            E::Int(_) if self.directives.infer_types == Some(true) => Type::int(IntKind::Long),
            E::Float(_) => Type::DOUBLE,
            E::Imag(_) => Type::Complex(FloatKind::Double),
            E::True | E::False => Type::Object(PyType::Bool),
            E::Str(_) | E::FString(_) => Type::Object(PyType::Str),
            E::Bytes(_) => Type::Object(PyType::Bytes),
            E::List(_) | E::ListComp(..) => Type::Object(PyType::List),
            E::Dict(_) | E::DictComp(..) => Type::Object(PyType::Dict),
            E::Set(_) | E::SetComp(..) => Type::Object(PyType::Set),
            E::Tuple(_) => Type::Object(PyType::Tuple),
            E::Binary(op, a, b) => {
                let (ta, tb) = (self.shallow_type(a)?, self.shallow_type(b)?);
                // An int literal takes the C type of the other operand, as in the checker.
                let lit = |x: &ast::Expr| matches!(x.kind, E::Int(ast::IntLit::Small(_)));
                // As the checker: in a `**` a literal beside a C int is a `long`.
                let lit_type = |other: &Type| {
                    if *op == ast::BinOp::Pow && other.is_int() {
                        arithmetic_result(other, &Type::int(IntKind::Long))
                    } else {
                        other.clone()
                    }
                };
                let ta = if lit(a) && tb.is_numeric() {
                    lit_type(&tb)
                } else {
                    ta
                };
                let tb = if lit(b) && ta.is_numeric() {
                    lit_type(&ta)
                } else {
                    tb
                };
                let unsigned_exp = tb.int_kind().is_some_and(|k| !k.signed());
                match binary_type(*op, &ta, &tb) {
                    // Only a constant non-negative or an unsigned exponent keeps an int power
                    // an int.
                    t if *op == ast::BinOp::Pow
                        && t.is_int()
                        && !unsigned_exp
                        && !matches!(b.kind, E::Int(_)) =>
                    {
                        Type::DOUBLE
                    }
                    t => t,
                }
            }
            E::Unary(op, a) => {
                let t = self.shallow_type(a)?;
                match (op, &t) {
                    (ast::UnaryOp::Not, _) if !t.is_object() => Type::Bint,
                    (ast::UnaryOp::Not, _) => Type::Object(PyType::Bool),
                    (_, Type::Bint) => Type::int(IntKind::Int),
                    (_, t) if t.is_numeric() => t.clone(),
                    _ => Type::OBJECT,
                }
            }
            E::Compare(a, rest) => {
                let mut all_c = !self.shallow_type(a)?.is_object();
                for (_, x) in rest {
                    all_c &= !self.shallow_type(x)?.is_object();
                }
                if all_c {
                    Type::Bint
                } else {
                    Type::OBJECT
                }
            }
            E::Subscript(base, idx) => {
                let bt = self.shallow_type(base)?;
                match (&bt, &idx.kind) {
                    (t, E::Slice(..)) if t.is_c_string() => Type::Object(PyType::Bytes),
                    (Type::Object(PyType::Str), _) if self.str_index_type(idx) => {
                        Type::int(IntKind::UCS4)
                    }
                    (Type::Ptr(p) | Type::Array(p, _), _) => (**p).clone(),
                    // An item of a view (one integer per axis); a slice stays unknown.
                    (Type::MemView(m), k) => {
                        let n = match k {
                            E::Tuple(xs) => xs.len(),
                            _ => 1,
                        };
                        let plain = match k {
                            E::Tuple(xs) => xs
                                .iter()
                                .all(|x| !matches!(x.kind, E::Slice(..) | E::None | E::Ellipsis)),
                            k => !matches!(k, E::Slice(..) | E::None | E::Ellipsis),
                        };
                        if plain && n == m.ndim() {
                            m.base.clone()
                        } else {
                            // A slice: Cython's safe inference leaves such locals objects.
                            Type::OBJECT
                        }
                    }
                    _ => Type::OBJECT,
                }
            }
            E::Call(f, args) => match &f.kind {
                E::Name(n) if self.text(*n) == "len" && self.is_plain_builtin("len") => {
                    Type::int(IntKind::SSize)
                }
                E::Name(n) if self.text(*n) == "abs" && self.is_plain_builtin("abs") => {
                    match args.as_slice() {
                        [ast::Arg::Positional(x)] => match self.shallow_type(x)? {
                            Type::Complex(k) => Type::Float(k),
                            // A signed int's abs() is of the promoted type, as in the checker.
                            t if t.int_kind().is_some_and(IntKind::signed) => {
                                arithmetic_result(&t, &Type::int(IntKind::Int))
                            }
                            t if t.is_numeric() => t,
                            _ => Type::OBJECT,
                        },
                        _ => Type::OBJECT,
                    }
                }
                E::Name(n)
                    if matches!(self.text(*n), "min" | "max")
                        && self.is_plain_builtin(self.text(*n)) =>
                {
                    // Of two or more C numbers: their spanning type (builtin_calls.rs).
                    self.c_min_max_type(args)?.unwrap_or(Type::OBJECT)
                }
                E::Name(n) => match self.module.get(self.text(*n)) {
                    Some(Sym::CFunc(info)) if !self.func_scope_has(self.text(*n)) => {
                        info.sig.ret.clone()
                    }
                    Some(Sym::FusedCFunc(ff)) if !self.func_scope_has(self.text(*n)) => {
                        self.fused_call_type(ff, args)
                    }
                    // Constructing an extension type gives an instance of it.
                    Some(Sym::Type(t @ Type::Object(PyType::Ext(_))))
                        if !self.func_scope_has(self.text(*n)) =>
                    {
                        t.clone()
                    }
                    _ => Type::OBJECT,
                },
                E::Attribute(base, attr) => match self.shallow_type(base)? {
                    Type::Object(PyType::Ext(cls)) => match cls.method(self.text(*attr)) {
                        Some((_, m)) => m.info.sig.ret.clone(),
                        None => Type::OBJECT,
                    },
                    t @ Type::Complex(_) if self.text(*attr) == "conjugate" => t,
                    // A view's copy is a view, as Cython infers it.
                    Type::MemView(mv) if args.is_empty() => match self.text(*attr) {
                        "copy" => super::memview::copy_type(&mv, false),
                        "copy_fortran" => super::memview::copy_type(&mv, true),
                        _ => Type::OBJECT,
                    },
                    _ => Type::OBJECT,
                },
                _ => Type::OBJECT,
            },
            E::Attribute(base, attr) => match self.shallow_type(base)? {
                Type::Complex(k) if matches!(self.text(*attr), "real" | "imag") => Type::Float(k),
                Type::MemView(_) => match self.text(*attr) {
                    "shape" | "strides" | "suboffsets" => {
                        Type::array(Type::int(IntKind::SSize), MAX_DIMS as u64)
                    }
                    "ndim" => Type::int(IntKind::Int),
                    "itemsize" | "nbytes" | "size" => Type::int(IntKind::SSize),
                    _ => Type::OBJECT,
                },
                Type::Object(PyType::Ext(cls)) => match cls.field(self.text(*attr)) {
                    Some((_, f)) => f.ty,
                    None => Type::OBJECT,
                },
                _ => Type::OBJECT,
            },
            E::Cast { ty, .. } => {
                // Resolving here has no side effects worth keeping; unknown types stay objects.
                return Some(self.peek_ctype(ty).unwrap_or(Type::OBJECT));
            }
            E::SizeofType(_) => Type::int(IntKind::Size),
            E::AddressOf(x) => Type::Ptr(Box::new(self.shallow_type(x)?)),
            E::IfExp { body, orelse, .. } => {
                let (tb, to) = (self.shallow_type(body)?, self.shallow_type(orelse)?);
                // Cython infers an int literal beside a C float as a C long, which the float
                // spans (the expression's own value stays an object, see the checker).
                let lit = |x: &ast::Expr| matches!(x.kind, E::Int(ast::IntLit::Small(_)));
                match (lit(body), lit(orelse)) {
                    (true, false) if to.is_float() => to,
                    (false, true) if tb.is_float() => tb,
                    _ => join(&tb, &to),
                }
            }
            _ => Type::OBJECT,
        })
    }

    /// The C type `min()`/`max()` of these arguments computes in (`Some(None)` when it stays a
    /// Python call): two or more positional arguments, C numbers or number literals (a small
    /// int literal counts as a `long`, as Cython types it).
    pub(super) fn c_min_max_type(&self, args: &[ast::Arg]) -> Option<Option<Type>> {
        let mut ty: Option<Type> = None;
        for a in args {
            let ast::Arg::Positional(x) = a else {
                return Some(None);
            };
            let t = match number_literal_type(x) {
                Some(t) => t,
                None => {
                    let t = self.shallow_type(x)?;
                    if !(t.is_int() || t.is_float()) {
                        return Some(None);
                    }
                    t
                }
            };
            ty = Some(ty.map_or(t.clone(), |acc| arithmetic_result(&acc, &t)));
        }
        Some(ty.filter(|_| args.len() >= 2))
    }

    /// Whether `idx` indexes a str in C: a C integer (not a `Py_UCS4`, which is a str) or a
    /// small int literal.
    pub(super) fn str_index_type(&self, idx: &ast::Expr) -> bool {
        number_literal_type(idx).is_some_and(|t| t.is_int())
            || !matches!(idx.kind, E::Slice(..))
                && self
                    .shallow_type(idx)
                    .is_some_and(|t| t.is_int() && t.int_kind() != Some(IntKind::UCS4))
    }

    pub(super) fn func_scope_has(&self, name: &str) -> bool {
        self.func
            .as_ref()
            .is_some_and(|cx| cx.scope.contains_key(name))
    }

    /// Resolves simple written types without reporting anything.
    fn peek_ctype(&self, t: &ast::CType) -> Option<Type> {
        match &t.kind {
            ast::CTypeKind::Pointer(i) => Some(Type::Ptr(Box::new(self.peek_ctype(i)?))),
            ast::CTypeKind::Base { modifiers, name } if modifiers.is_empty() => {
                let n = self.dotted(name.as_ref()?);
                match n.as_str() {
                    "int" => Some(Type::int(IntKind::Int)),
                    "long" => Some(Type::int(IntKind::Long)),
                    "double" => Some(Type::DOUBLE),
                    "float" => Some(Type::Float(FloatKind::Float)),
                    "char" => Some(Type::int(IntKind::Char)),
                    "bint" => Some(Type::Bint),
                    "Py_ssize_t" => Some(Type::int(IntKind::SSize)),
                    "size_t" => Some(Type::int(IntKind::Size)),
                    other => self
                        .lookup_type(other)
                        .or_else(|| PyType::from_name(other).map(Type::Object)),
                }
            }
            _ => None,
        }
    }
}

/// The result type of a binary operator on operands of these types (shared with the checker).
pub fn binary_type(op: ast::BinOp, a: &Type, b: &Type) -> Type {
    use ast::BinOp::*;
    let ucs4 = |t: &Type| super::expr::is_ucs4(t);
    if a.is_object() || b.is_object() || a.is_error() || b.is_error() || ucs4(a) || ucs4(b) {
        return Type::OBJECT;
    }
    if a.is_ptr_like() {
        return match op {
            Add | Sub if b.is_int() => match a {
                Type::Array(t, _) => Type::Ptr(t.clone()),
                _ => a.clone(),
            },
            Sub if b.is_ptr_like() => Type::int(IntKind::SSize),
            _ => Type::Error,
        };
    }
    if !a.is_numeric() || !b.is_numeric() {
        return Type::Error;
    }
    let ar = arithmetic_result(a, b);
    match op {
        Div if ar.is_int() || matches!(ar, Type::Bint) => Type::DOUBLE,
        Pow if ar.is_int() => ar, // refined by the checker for non-constant exponents
        LShift | RShift | BitAnd | BitOr | BitXor if !ar.is_int() => Type::Error,
        FloorDiv | Mod if ar.is_complex() => Type::Error,
        MatMul => Type::Error,
        _ => ar,
    }
}

/// The type that holds values of both types (for inference).
/// The C type Cython gives a (negated) number literal where it meets C values: `long` for a
/// small int, `double` for a float.
fn number_literal_type(e: &ast::Expr) -> Option<Type> {
    let literal = match &e.kind {
        E::Unary(ast::UnaryOp::Neg, inner) => &inner.kind,
        k => k,
    };
    match literal {
        E::Int(ast::IntLit::Small(_)) => Some(Type::int(IntKind::Long)),
        E::Float(_) => Some(Type::DOUBLE),
        _ => None,
    }
}

fn join(a: &Type, b: &Type) -> Type {
    if a == b {
        return a.clone();
    }
    if a.is_numeric() && b.is_numeric() && !matches!(a, Type::Bint) && !matches!(b, Type::Bint) {
        return arithmetic_result(a, b);
    }
    Type::OBJECT
}

enum Rhs<'e> {
    Value(&'e ast::Expr),
    AugAssign(ast::BinOp, &'e ast::Expr),
    /// The loop variable of `for x in range(...)`: typed by the bounds.
    RangeOf(Vec<&'e ast::Expr>),
    Object,
}

fn collect_assigns<'e, F: FnMut(&str, Rhs<'e>)>(body: &'e [ast::Stmt], src: &str, f: &mut F) {
    let name_of = |e: &ast::Expr| match &e.kind {
        E::Name(n) => Some(src[n.span.range()].to_string()),
        _ => None,
    };
    for s in body {
        match &s.kind {
            S::Assign { targets, value } => {
                for t in targets {
                    match name_of(t) {
                        Some(n) => f(&n, Rhs::Value(value)),
                        None => all_names_object(t, src, f),
                    }
                }
            }
            S::AnnAssign { target, value, .. } => {
                if let Some(n) = name_of(target) {
                    f(&n, value.as_ref().map_or(Rhs::Object, Rhs::Value));
                }
            }
            S::AugAssign { target, op, value } => {
                if let Some(n) = name_of(target) {
                    f(&n, Rhs::AugAssign(*op, value));
                }
            }
            S::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                match (name_of(target), range_bounds(iter, src)) {
                    (Some(n), Some(b)) => f(&n, Rhs::RangeOf(b)),
                    _ => all_names_object(target, src, f),
                }
                collect_assigns(body, src, f);
                collect_assigns(orelse, src, f);
            }
            S::ForFrom(ff) => {
                f(&src[ff.target.span.range()], Rhs::RangeOf(vec![&ff.upper]));
                collect_assigns(&ff.body, src, f);
            }
            S::If { body, orelse, .. } | S::While { body, orelse, .. } => {
                collect_assigns(body, src, f);
                collect_assigns(orelse, src, f);
            }
            S::Try {
                body,
                handlers,
                orelse,
                finalbody,
                ..
            } => {
                collect_assigns(body, src, f);
                collect_assigns(orelse, src, f);
                collect_assigns(finalbody, src, f);
                for h in handlers {
                    if let Some(n) = h.name {
                        f(&src[n.span.range()], Rhs::Object);
                    }
                    collect_assigns(&h.body, src, f);
                }
            }
            S::With { body, items, .. } => {
                for i in items {
                    if let Some(t) = &i.target {
                        all_names_object(t, src, f);
                    }
                }
                collect_assigns(body, src, f);
            }
            _ => {
                let mut names = Vec::new();
                super::func::bound_names(s, src, &mut names);
                for n in names {
                    f(&n, Rhs::Object);
                }
            }
        }
    }
}

fn all_names_object<'e>(t: &ast::Expr, src: &str, f: &mut impl FnMut(&str, Rhs<'e>)) {
    let mut names = Vec::new();
    let st = ast::Stmt::new(ast::StmtKind::Del(vec![t.clone()]), t.span);
    super::func::bound_names(&st, src, &mut names);
    for n in names {
        f(&n, Rhs::Object);
    }
}

/// `range(n)` / `range(a, b[, step])`: the bounds (not the step), whose types the loop
/// variable takes.
pub fn range_bounds<'e>(iter: &'e ast::Expr, src: &str) -> Option<Vec<&'e ast::Expr>> {
    let E::Call(f, args) = &iter.kind else {
        return None;
    };
    let E::Name(n) = &f.kind else { return None };
    if &src[n.span.range()] != "range" || args.is_empty() || args.len() > 3 {
        return None;
    }
    let pos: Vec<&ast::Expr> = args
        .iter()
        .filter_map(|a| match a {
            ast::Arg::Positional(e) => Some(e),
            _ => None,
        })
        .collect();
    if pos.len() != args.len() {
        return None;
    }
    Some(pos.into_iter().take(2).collect())
}
