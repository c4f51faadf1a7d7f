//! Conversions of Python literals that Cython rejects at compile time: their value is known, so
//! a conversion that could only fail at run time is an error (`cdef int x = 'abc'`,
//! `cdef double d = None`, `strlen(5)`, a ctuple from a tuple display of another length).

use super::tree::*;
use super::types::*;

/// Why the literal `e` cannot become a `to`, or `None` when the conversion is allowed (or is not
/// about a literal). Conversions to Python objects are always fine.
pub fn literal_coercion_error(e: &Expr, to: &Type) -> Option<String> {
    if to.is_object() || to.is_error() {
        return None;
    }
    if let Type::MemView(_) = to {
        // Only None (and objects with a buffer) can become a view.
        return match &e.kind {
            ExprKind::PyNone => None,
            ExprKind::PyInt(_)
            | ExprKind::PyFloat(_)
            | ExprKind::PyComplex(..)
            | ExprKind::PyStr(_)
            | ExprKind::PyBool(_)
            | ExprKind::List(_)
            | ExprKind::Tuple(_)
            | ExprKind::Dict(_)
            | ExprKind::Set(_) => Some(format!("Cannot convert '{}' to memoryviewslice", e.ty)),
            _ => None,
        };
    }
    match &e.kind {
        ExprKind::PyNone => Some(format!("Cannot assign None to {to}")),
        ExprKind::PyStr(s) => str_literal_error(s.chars().count(), to),
        ExprKind::PyBytes(b) => bytes_literal_error(b.len(), to),
        ExprKind::List(_) if is_scalar(to) => Some(format!("Cannot coerce list to type '{to}'")),
        ExprKind::Tuple(items) => match to {
            Type::CTuple(ts) if ts.len() != items.len() => Some(format!(
                "Cannot coerce a tuple of length {} to ctuple '{to}' (wrong length, expected {})",
                items.len(),
                ts.len()
            )),
            _ => None,
        },
        // An int is never a pointer (`NULL` is spelled `NULL`).
        ExprKind::PyInt(_) if matches!(to, Type::Ptr(_) | Type::Array(..)) => {
            Some(format!("Cannot convert int literal to '{to}'"))
        }
        _ => None,
    }
}

/// A C number or truth value: what a single value converts into.
fn is_scalar(t: &Type) -> bool {
    t.is_numeric()
}

const ONE_CHAR: &str = "Only single-character string literals can be coerced into ints";

/// `'a'` is a character code; longer strings are not numbers, and only `char *` takes text.
fn str_literal_error(chars: usize, to: &Type) -> Option<String> {
    match to {
        Type::Int(_) | Type::Bint if chars != 1 => Some(ONE_CHAR.into()),
        Type::Float(_) | Type::Complex(_) => Some(format!(
            "str literals cannot be coerced to '{to}' (only to C integer types, one character, \
             or to char *)"
        )),
        _ => None,
    }
}

/// `b'a'` is a character code; other bytes literals are not integers.
fn bytes_literal_error(len: usize, to: &Type) -> Option<String> {
    match to {
        Type::Int(_) | Type::Bint if len != 1 => Some(ONE_CHAR.into()),
        _ => None,
    }
}
