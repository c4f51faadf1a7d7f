//! The values of Cython's compile-time expressions (`DEF`, `IF`) and the Python semantics of
//! their operators. Integers are 128-bit here (Python's are unbounded): a result past that is
//! an error, not a wrong value.

use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use std::cmp::Ordering;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    None,
    Bool(bool),
    Int(i128),
    Float(f64),
    Complex(f64, f64),
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<Value>),
    /// Allowed while computing (`len([1, 2])`), but not as a constant's value (as in Cython).
    List(Vec<Value>),
}

/// A Python exception raised by compile-time evaluation: `"ZeroDivisionError: division by zero"`.
pub type Raised = String;

pub fn raise(kind: &str, msg: impl std::fmt::Display) -> Raised {
    format!("{kind}: {msg}")
}

fn overflow() -> Raised {
    raise(
        "OverflowError",
        "integer result out of range for compile-time arithmetic (128 bits)",
    )
}

/// A number widened as Python widens operands: bool < int < float < complex.
#[derive(Clone, Copy)]
enum Num {
    Int(i128),
    Float(f64),
    Complex(f64, f64),
}

impl Num {
    fn float(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
            Num::Complex(re, _) => re,
        }
    }
    fn complex(self) -> (f64, f64) {
        match self {
            Num::Complex(re, im) => (re, im),
            other => (other.float(), 0.0),
        }
    }
}

impl Value {
    /// Python's `type(x).__name__`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Complex(..) => "complex",
            Value::Str(_) => "str",
            Value::Bytes(_) => "bytes",
            Value::Tuple(_) => "tuple",
            Value::List(_) => "list",
        }
    }

    fn num(&self) -> Option<Num> {
        match *self {
            Value::Bool(b) => Some(Num::Int(i128::from(b))),
            Value::Int(i) => Some(Num::Int(i)),
            Value::Float(f) => Some(Num::Float(f)),
            Value::Complex(re, im) => Some(Num::Complex(re, im)),
            _ => None,
        }
    }

    pub fn int(&self) -> Option<i128> {
        match self.num()? {
            Num::Int(i) => Some(i),
            _ => None,
        }
    }

    pub fn truthy(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Complex(re, im) => *re != 0.0 || *im != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::Tuple(v) | Value::List(v) => !v.is_empty(),
        }
    }

    /// The items of an iterable (`str` gives its characters, `bytes` its ints).
    pub fn items(&self) -> Result<Vec<Value>, Raised> {
        match self {
            Value::Tuple(v) | Value::List(v) => Ok(v.clone()),
            Value::Str(s) => Ok(s.chars().map(|c| Value::Str(c.to_string())).collect()),
            Value::Bytes(b) => Ok(b.iter().map(|&c| Value::Int(i128::from(c))).collect()),
            other => Err(raise(
                "TypeError",
                format!("'{}' object is not iterable", other.type_name()),
            )),
        }
    }

    pub fn len(&self) -> Result<usize, Raised> {
        match self {
            Value::Str(s) => Ok(s.chars().count()),
            Value::Bytes(b) => Ok(b.len()),
            Value::Tuple(v) | Value::List(v) => Ok(v.len()),
            other => Err(raise(
                "TypeError",
                format!("object of type '{}' has no len()", other.type_name()),
            )),
        }
    }

    /// Python's `repr()`.
    pub fn repr(&self) -> String {
        match self {
            Value::None => "None".into(),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => float_repr(*f),
            Value::Complex(re, im) => complex_repr(*re, *im),
            Value::Str(s) => str_repr(s),
            Value::Bytes(b) => bytes_repr(b),
            Value::Tuple(v) if v.len() == 1 => format!("({},)", v[0].repr()),
            Value::Tuple(v) => format!("({})", join_reprs(v)),
            Value::List(v) => format!("[{}]", join_reprs(v)),
        }
    }

    /// Python's `str()`.
    pub fn str(&self) -> String {
        match self {
            Value::Str(s) => s.clone(),
            other => other.repr(),
        }
    }
}

fn join_reprs(v: &[Value]) -> String {
    v.iter().map(Value::repr).collect::<Vec<_>>().join(", ")
}

/// Python's shortest round-trip float repr (`1e+300`, `1e-05`, `2.5`, `inf`).
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    let a = f.abs();
    if a != 0.0 && !(1e-4..1e16).contains(&a) {
        // Rust's `{:e}` is shortest round-trip too; Python writes the exponent signed, 2 digits.
        let s = format!("{f:e}");
        let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mantissa}e{sign}{:02}", exp.abs());
    }
    format!("{f:?}")
}

fn complex_repr(re: f64, im: f64) -> String {
    let part = |f: f64| {
        let s = float_repr(f);
        s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
    };
    if re == 0.0 && re.is_sign_positive() {
        format!("{}j", part(im))
    } else {
        let sign = if im < 0.0 || (im == 0.0 && im.is_sign_negative()) {
            "-"
        } else {
            "+"
        };
        format!("({}{sign}{}j)", part(re), part(im.abs()))
    }
}

fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = format!("b{}", quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote as char);
    out
}

pub fn unary(op: UnaryOp, v: &Value) -> Result<Value, Raised> {
    let bad = || {
        let sym = match op {
            UnaryOp::Neg => "-",
            UnaryOp::Pos => "+",
            UnaryOp::Invert => "~",
            UnaryOp::Not => "not",
        };
        raise(
            "TypeError",
            format!("bad operand type for unary {sym}: '{}'", v.type_name()),
        )
    };
    Ok(match (op, v.num()) {
        (UnaryOp::Not, _) => Value::Bool(!v.truthy()),
        (UnaryOp::Neg, Some(Num::Int(i))) => Value::Int(i.checked_neg().ok_or_else(overflow)?),
        (UnaryOp::Neg, Some(Num::Float(f))) => Value::Float(-f),
        (UnaryOp::Neg, Some(Num::Complex(re, im))) => Value::Complex(-re, -im),
        (UnaryOp::Pos, Some(Num::Int(i))) => Value::Int(i),
        (UnaryOp::Pos, Some(_)) => v.clone(),
        (UnaryOp::Invert, Some(Num::Int(i))) => Value::Int(!i),
        _ => return Err(bad()),
    })
}

pub fn binary(op: BinOp, a: &Value, b: &Value) -> Result<Value, Raised> {
    let unsupported = || {
        raise(
            "TypeError",
            format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                // Python names `**` with its builtin.
                if op == BinOp::Pow {
                    "** or pow()"
                } else {
                    op.symbol()
                },
                a.type_name(),
                b.type_name()
            ),
        )
    };
    if let (Some(x), Some(y)) = (a.num(), b.num()) {
        if let (Value::Bool(p), Value::Bool(q)) = (a, b) {
            // bool & bool stays a bool, as in Python.
            match op {
                BinOp::BitAnd => return Ok(Value::Bool(*p & *q)),
                BinOp::BitOr => return Ok(Value::Bool(*p | *q)),
                BinOp::BitXor => return Ok(Value::Bool(*p ^ *q)),
                _ => {}
            }
        }
        return numeric(op, x, y).unwrap_or_else(|| Err(unsupported()));
    }
    match (op, a, b) {
        (BinOp::Add, Value::Str(x), Value::Str(y)) => Ok(Value::Str(format!("{x}{y}"))),
        (BinOp::Add, Value::Bytes(x), Value::Bytes(y)) => Ok(Value::Bytes([&x[..], y].concat())),
        (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => Ok(Value::Tuple([&x[..], y].concat())),
        (BinOp::Add, Value::List(x), Value::List(y)) => Ok(Value::List([&x[..], y].concat())),
        (BinOp::Mul, seq, n) | (BinOp::Mul, n, seq) if n.int().is_some() => {
            repeat(seq, n.int().unwrap_or(0)).ok_or_else(unsupported)?
        }
        _ => Err(unsupported()),
    }
}

/// `seq * n`; `None` when `seq` is not a sequence.
fn repeat(seq: &Value, n: i128) -> Option<Result<Value, Raised>> {
    let memory = || Err(raise("MemoryError", "compile-time value too large"));
    if !matches!(
        seq,
        Value::Str(_) | Value::Bytes(_) | Value::Tuple(_) | Value::List(_)
    ) {
        return None;
    }
    let Ok(n) = usize::try_from(n.max(0)) else {
        return Some(memory());
    };
    let too_big = |len: usize| len.checked_mul(n).is_none_or(|l| l > 1 << 28);
    Some(match seq {
        Value::Str(s) if too_big(s.len()) => memory(),
        Value::Str(s) => Ok(Value::Str(s.repeat(n))),
        Value::Bytes(b) if too_big(b.len()) => memory(),
        Value::Bytes(b) => Ok(Value::Bytes(b.repeat(n))),
        Value::Tuple(v) | Value::List(v) if too_big(v.len()) => memory(),
        Value::Tuple(v) => Ok(Value::Tuple(repeat_items(v, n))),
        Value::List(v) => Ok(Value::List(repeat_items(v, n))),
        _ => return None,
    })
}

fn repeat_items(v: &[Value], n: usize) -> Vec<Value> {
    (0..n).flat_map(|_| v.iter().cloned()).collect()
}

/// Arithmetic on numbers; `None` for an operator the operand types lack.
fn numeric(op: BinOp, x: Num, y: Num) -> Option<Result<Value, Raised>> {
    Some(match (x, y) {
        (Num::Int(a), Num::Int(b)) => int_op(op, a, b)?,
        (Num::Complex(..), _) | (_, Num::Complex(..)) => complex_op(op, x.complex(), y.complex())?,
        _ => float_op(op, x.float(), y.float())?,
    })
}

fn zero_division(what: &str) -> Raised {
    raise("ZeroDivisionError", what)
}

pub fn floor_div_mod(a: i128, b: i128) -> Result<(i128, i128), Raised> {
    if b == 0 {
        return Err(zero_division("integer division or modulo by zero"));
    }
    let q = a.checked_div(b).ok_or_else(overflow)?;
    let r = a - q * b;
    Ok(if r != 0 && ((r < 0) != (b < 0)) {
        (q - 1, r + b)
    } else {
        (q, r)
    })
}

fn int_op(op: BinOp, a: i128, b: i128) -> Option<Result<Value, Raised>> {
    let checked = |r: Option<i128>| r.map(Value::Int).ok_or_else(overflow);
    Some(match op {
        BinOp::Add => checked(a.checked_add(b)),
        BinOp::Sub => checked(a.checked_sub(b)),
        BinOp::Mul => checked(a.checked_mul(b)),
        BinOp::Div if b == 0 => Err(zero_division("division by zero")),
        BinOp::Div => Ok(Value::Float(a as f64 / b as f64)),
        BinOp::FloorDiv => floor_div_mod(a, b).map(|(q, _)| Value::Int(q)),
        BinOp::Mod => floor_div_mod(a, b).map(|(_, r)| Value::Int(r)),
        BinOp::Pow if b < 0 => float_op(BinOp::Pow, a as f64, b as f64)?,
        BinOp::Pow => checked(u32::try_from(b).ok().and_then(|e| a.checked_pow(e))),
        BinOp::LShift | BinOp::RShift if b < 0 => Err(raise("ValueError", "negative shift count")),
        BinOp::LShift => checked(
            u32::try_from(b)
                .ok()
                .and_then(|s| a.checked_shl(s))
                .filter(|r| r >> b == a),
        ),
        BinOp::RShift => Ok(Value::Int(a >> b.min(127))),
        BinOp::BitAnd => Ok(Value::Int(a & b)),
        BinOp::BitOr => Ok(Value::Int(a | b)),
        BinOp::BitXor => Ok(Value::Int(a ^ b)),
        BinOp::MatMul => return None,
    })
}

fn float_op(op: BinOp, a: f64, b: f64) -> Option<Result<Value, Raised>> {
    let float = |f: f64| Ok(Value::Float(f));
    Some(match op {
        BinOp::Add => float(a + b),
        BinOp::Sub => float(a - b),
        BinOp::Mul => float(a * b),
        BinOp::Div if b == 0.0 => Err(zero_division("float division by zero")),
        BinOp::Div => float(a / b),
        BinOp::FloorDiv | BinOp::Mod if b == 0.0 => Err(zero_division("float modulo")),
        BinOp::FloorDiv => float(((a - python_fmod(a, b)) / b).round()),
        BinOp::Mod => float(python_fmod(a, b)),
        BinOp::Pow if a == 0.0 && b < 0.0 => {
            Err(zero_division("0.0 cannot be raised to a negative power"))
        }
        BinOp::Pow if a < 0.0 && b.fract() != 0.0 => {
            return complex_op(BinOp::Pow, (a, 0.0), (b, 0.0))
        }
        BinOp::Pow => float(a.powf(b)),
        _ => return None,
    })
}

/// `a % b` with the sign of `b`, as Python's float `%`.
fn python_fmod(a: f64, b: f64) -> f64 {
    let r = a % b;
    if r != 0.0 && ((r < 0.0) != (b < 0.0)) {
        r + b
    } else {
        r
    }
}

fn complex_op(op: BinOp, (a, b): (f64, f64), (c, d): (f64, f64)) -> Option<Result<Value, Raised>> {
    let complex = |re: f64, im: f64| Ok(Value::Complex(re, im));
    Some(match op {
        BinOp::Add => complex(a + c, b + d),
        BinOp::Sub => complex(a - c, b - d),
        BinOp::Mul => complex(a * c - b * d, a * d + b * c),
        BinOp::Div if c == 0.0 && d == 0.0 => Err(zero_division("complex division by zero")),
        BinOp::Div => {
            let n = c * c + d * d;
            complex((a * c + b * d) / n, (b * c - a * d) / n)
        }
        BinOp::Pow if c == 0.0 && d == 0.0 => complex(1.0, 0.0),
        BinOp::Pow if a == 0.0 && b == 0.0 => {
            if d != 0.0 || c < 0.0 {
                Err(zero_division("0.0 to a negative or complex power"))
            } else {
                complex(0.0, 0.0)
            }
        }
        BinOp::Pow => {
            // exp((c + di) * log(a + bi))
            let (r, theta) = (a.hypot(b), b.atan2(a));
            let (lr, li) = (r.ln(), theta);
            let (er, ei) = (c * lr - d * li, c * li + d * lr);
            let m = er.exp();
            complex(m * ei.cos(), m * ei.sin())
        }
        _ => return None,
    })
}

/// `a == b` as Python compares (numbers by value across types, containers item by item).
pub fn equal(a: &Value, b: &Value) -> bool {
    match (a.num(), b.num()) {
        (Some(x), Some(y)) => match (x, y) {
            (Num::Int(p), Num::Int(q)) => p == q,
            _ => x.complex() == y.complex(),
        },
        _ => match (a, b) {
            (Value::Tuple(x), Value::Tuple(y)) | (Value::List(x), Value::List(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(p, q)| equal(p, q))
            }
            _ => a == b,
        },
    }
}

/// `a < b` and friends: numbers (not complex), strings, bytes, and same-kind sequences.
fn order(op: CmpOp, a: &Value, b: &Value) -> Result<Ordering, Raised> {
    let unsupported = || {
        let sym = match op {
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            _ => ">=",
        };
        raise(
            "TypeError",
            format!(
                "'{sym}' not supported between instances of '{}' and '{}'",
                a.type_name(),
                b.type_name()
            ),
        )
    };
    match (a.num(), b.num()) {
        (Some(Num::Complex(..)), _) | (_, Some(Num::Complex(..))) => Err(unsupported()),
        (Some(Num::Int(p)), Some(Num::Int(q))) => Ok(p.cmp(&q)),
        (Some(x), Some(y)) => x.float().partial_cmp(&y.float()).ok_or_else(unsupported),
        _ => match (a, b) {
            (Value::Str(x), Value::Str(y)) => Ok(x.cmp(y)),
            (Value::Bytes(x), Value::Bytes(y)) => Ok(x.cmp(y)),
            (Value::Tuple(x), Value::Tuple(y)) | (Value::List(x), Value::List(y)) => {
                for (p, q) in x.iter().zip(y) {
                    if !equal(p, q) {
                        return order(op, p, q);
                    }
                }
                Ok(x.len().cmp(&y.len()))
            }
            _ => Err(unsupported()),
        },
    }
}

pub fn compare(op: CmpOp, a: &Value, b: &Value) -> Result<bool, Raised> {
    Ok(match op {
        CmpOp::Eq => equal(a, b),
        CmpOp::NotEq => !equal(a, b),
        // Identity is only well defined for the singletons.
        CmpOp::Is => same_singleton(a, b),
        CmpOp::IsNot => !same_singleton(a, b),
        CmpOp::In => contains(b, a)?,
        CmpOp::NotIn => !contains(b, a)?,
        CmpOp::Lt => order(op, a, b)?.is_lt(),
        CmpOp::LtE => order(op, a, b)?.is_le(),
        CmpOp::Gt => order(op, a, b)?.is_gt(),
        CmpOp::GtE => order(op, a, b)?.is_ge(),
    })
}

fn same_singleton(a: &Value, b: &Value) -> bool {
    matches!(
        (a, b),
        (Value::None, Value::None)
            | (Value::Bool(true), Value::Bool(true))
            | (Value::Bool(false), Value::Bool(false))
    )
}

fn contains(container: &Value, item: &Value) -> Result<bool, Raised> {
    match (container, item) {
        (Value::Str(s), Value::Str(sub)) => Ok(s.contains(sub.as_str())),
        (Value::Bytes(s), Value::Bytes(sub)) => {
            Ok(sub.is_empty() || s.windows(sub.len()).any(|w| w == &sub[..]))
        }
        (Value::Bytes(s), other) if other.int().is_some() => Ok(other
            .int()
            .is_some_and(|i| s.iter().any(|&c| i128::from(c) == i))),
        (Value::Tuple(v) | Value::List(v), _) => Ok(v.iter().any(|x| equal(x, item))),
        (Value::Str(_), other) => Err(raise(
            "TypeError",
            format!(
                "'in <string>' requires string as left operand, not {}",
                other.type_name()
            ),
        )),
        _ => Err(raise(
            "TypeError",
            format!(
                "argument of type '{}' is not iterable",
                container.type_name()
            ),
        )),
    }
}

/// The items of a value that can be indexed (a str gives its characters).
fn subscriptable_items(seq: &Value) -> Result<Vec<Value>, Raised> {
    match seq {
        Value::Str(_) | Value::Bytes(_) | Value::Tuple(_) | Value::List(_) => seq.items(),
        other => Err(raise(
            "TypeError",
            format!("'{}' object is not subscriptable", other.type_name()),
        )),
    }
}

/// `seq[i]`.
pub fn index(seq: &Value, i: &Value) -> Result<Value, Raised> {
    let Some(i) = i.int() else {
        return Err(raise(
            "TypeError",
            format!(
                "{} indices must be integers or slices, not {}",
                seq.type_name(),
                i.type_name()
            ),
        ));
    };
    let items = subscriptable_items(seq)?;
    let len = items.len() as i128;
    let at = if i < 0 { i + len } else { i };
    if !(0..len).contains(&at) {
        return Err(raise(
            "IndexError",
            format!("{} index out of range", seq.type_name()),
        ));
    }
    Ok(items[at as usize].clone())
}

/// `seq[start:stop:step]` with Python's clamping.
pub fn slice(
    seq: &Value,
    start: Option<i128>,
    stop: Option<i128>,
    step: Option<i128>,
) -> Result<Value, Raised> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(raise("ValueError", "slice step cannot be zero"));
    }
    let items = subscriptable_items(seq)?;
    let len = items.len() as i128;
    let clamp = |v: i128, lo: i128, hi: i128| {
        let v = if v < 0 { v + len } else { v };
        v.clamp(lo, hi)
    };
    let picked: Vec<Value> = if step > 0 {
        let a = start.map_or(0, |s| clamp(s, 0, len));
        let b = stop.map_or(len, |s| clamp(s, 0, len));
        let mut out = vec![];
        let mut i = a;
        while i < b {
            out.push(items[i as usize].clone());
            i += step;
        }
        out
    } else {
        let a = start.map_or(len - 1, |s| clamp(s, -1, len - 1));
        let b = stop.map_or(-1, |s| clamp(s, -1, len - 1));
        let mut out = vec![];
        let mut i = a;
        while i > b {
            out.push(items[i as usize].clone());
            i += step;
        }
        out
    };
    Ok(match seq {
        Value::Str(_) => Value::Str(picked.iter().map(Value::str).collect()),
        Value::Bytes(_) => {
            Value::Bytes(picked.iter().map(|v| v.int().unwrap_or(0) as u8).collect())
        }
        Value::Tuple(_) => Value::Tuple(picked),
        _ => Value::List(picked),
    })
}
