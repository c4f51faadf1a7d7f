//! Evaluating a compile-time expression: literals, `DEF` names, `UNAME_*`, operators,
//! subscripts and the builtins Cython allows there.

use super::value::{self, raise, Raised, Value};
use crate::syntax::ast::*;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Why an expression has no compile-time value; each becomes one diagnostic at `span`.
pub struct EvalError {
    pub span: Span,
    pub message: String,
}

fn error(span: Span, message: impl Into<String>) -> EvalError {
    EvalError {
        span,
        message: message.into(),
    }
}

/// Evaluates `e` with the `DEF` constants `defs`; `text` gives a name's spelling.
pub fn eval(
    e: &Expr,
    defs: &HashMap<String, Value>,
    text: &dyn Fn(Span) -> String,
) -> Result<Value, EvalError> {
    Evaluator { defs, text }.eval(e)
}

struct Evaluator<'a> {
    defs: &'a HashMap<String, Value>,
    text: &'a dyn Fn(Span) -> String,
}

impl Evaluator<'_> {
    fn eval(&self, e: &Expr) -> Result<Value, EvalError> {
        let raised = |r: Raised| error(e.span, format!("Error in compile-time expression: {r}"));
        Ok(match &e.kind {
            ExprKind::Int(IntLit::Small(u)) => Value::Int(i128::from(*u)),
            ExprKind::Int(IntLit::Big(digits)) => Value::Int(digits.parse().map_err(|_| {
                error(
                    e.span,
                    "integer literal too large for compile-time arithmetic (128 bits)",
                )
            })?),
            ExprKind::Float(f) => Value::Float(*f),
            ExprKind::Imag(f) => Value::Complex(0.0, *f),
            ExprKind::Str(s) => Value::Str(s.clone()),
            ExprKind::Bytes(b) => Value::Bytes(b.clone()),
            ExprKind::True => Value::Bool(true),
            ExprKind::False => Value::Bool(false),
            ExprKind::None => Value::None,
            ExprKind::Name(n) => self.name(n)?,
            ExprKind::Tuple(items) => Value::Tuple(self.all(items)?),
            ExprKind::List(items) => Value::List(self.all(items)?),
            ExprKind::Unary(op, v) => value::unary(*op, &self.eval(v)?).map_err(raised)?,
            ExprKind::Binary(op, a, b) => {
                value::binary(*op, &self.eval(a)?, &self.eval(b)?).map_err(raised)?
            }
            ExprKind::BoolOp(op, values) => {
                // Python's `and`/`or` give the deciding operand, evaluating no further.
                let mut last = Value::None;
                for v in values {
                    last = self.eval(v)?;
                    if last.truthy() == (*op == BoolOp::Or) {
                        break;
                    }
                }
                last
            }
            ExprKind::Compare(first, rest) => {
                let mut left = self.eval(first)?;
                for (op, right) in rest {
                    let right = self.eval(right)?;
                    if !value::compare(*op, &left, &right).map_err(raised)? {
                        return Ok(Value::Bool(false));
                    }
                    left = right;
                }
                Value::Bool(true)
            }
            ExprKind::Subscript(seq, key) => {
                let seq = self.eval(seq)?;
                match &key.kind {
                    ExprKind::Slice(a, b, c) => {
                        let bound = |x: &Option<Box<Expr>>| -> Result<Option<i128>, EvalError> {
                            match x {
                                None => Ok(None),
                                Some(x) => match self.eval(x)? {
                                    Value::None => Ok(None),
                                    v => v.int().map(Some).ok_or_else(|| {
                                        raised(raise(
                                            "TypeError",
                                            "slice indices must be integers or None",
                                        ))
                                    }),
                                },
                            }
                        };
                        value::slice(&seq, bound(a)?, bound(b)?, bound(c)?).map_err(raised)?
                    }
                    _ => value::index(&seq, &self.eval(key)?).map_err(raised)?,
                }
            }
            ExprKind::Call(func, args) => self.call(e.span, func, args)?,
            _ => return Err(error(e.span, "Invalid compile-time expression")),
        })
    }

    fn all(&self, items: &[Expr]) -> Result<Vec<Value>, EvalError> {
        items.iter().map(|i| self.eval(i)).collect()
    }

    fn name(&self, n: &Ident) -> Result<Value, EvalError> {
        let name = (self.text)(n.span);
        if let Some(v) = self.defs.get(&name) {
            return Ok(v.clone());
        }
        if let Some(v) = uname(&name) {
            return Ok(Value::Str(v));
        }
        Err(error(
            n.span,
            if BUILTINS.contains(&name.as_str()) {
                format!("the builtin '{name}' can only be called in a compile-time expression")
            } else {
                format!("Compile-time name '{name}' not defined")
            },
        ))
    }

    fn call(&self, span: Span, func: &Expr, args: &[Arg]) -> Result<Value, EvalError> {
        let ExprKind::Name(n) = &func.kind else {
            return Err(error(span, "Invalid compile-time expression"));
        };
        let name = (self.text)(n.span);
        if self.defs.contains_key(&name) || !BUILTINS.contains(&name.as_str()) {
            return Err(error(
                func.span,
                format!("'{name}' cannot be called in a compile-time expression"),
            ));
        }
        let mut values = Vec::new();
        for a in args {
            match a {
                Arg::Positional(e) => values.push(self.eval(e)?),
                Arg::Star(e) => values.extend(
                    self.eval(e)?
                        .items()
                        .map_err(|r| error(e.span, format!("Error in compile-time expression: {r}")))?,
                ),
                Arg::Keyword(k, _) => {
                    return Err(error(
                        k.span,
                        format!("keyword arguments of '{name}' are not supported in a compile-time expression"),
                    ))
                }
                Arg::DoubleStar(e) => return Err(error(e.span, "Invalid compile-time expression")),
            }
        }
        builtin(&name, &values)
            .map_err(|r| error(span, format!("Error in compile-time expression: {r}")))
    }
}

/// Cython's `UNAME_SYSNAME`, `UNAME_NODENAME`, `UNAME_RELEASE`, `UNAME_VERSION` and
/// `UNAME_MACHINE`: Python's `platform.uname()` of the compiling machine.
fn uname(name: &str) -> Option<String> {
    let field = name.strip_prefix("UNAME_")?;
    static UNAME: OnceLock<HashMap<&'static str, String>> = OnceLock::new();
    let table = UNAME.get_or_init(|| {
        let sysname = match std::env::consts::OS {
            "linux" => "Linux",
            "macos" => "Darwin",
            "windows" => "Windows",
            "freebsd" => "FreeBSD",
            "netbsd" => "NetBSD",
            "openbsd" => "OpenBSD",
            other => other,
        };
        let machine = match (std::env::consts::OS, std::env::consts::ARCH) {
            ("macos", "aarch64") => "arm64",
            ("windows", "x86_64") => "AMD64",
            (_, arch) => arch,
        };
        let uname = |flag: &str| {
            std::process::Command::new("uname")
                .arg(flag)
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
                .unwrap_or_default()
        };
        HashMap::from([
            ("SYSNAME", sysname.to_string()),
            ("NODENAME", uname("-n")),
            ("RELEASE", uname("-r")),
            ("VERSION", uname("-v")),
            ("MACHINE", machine.to_string()),
        ])
    });
    table.get(field).cloned()
}

/// The builtins a compile-time expression may call.
const BUILTINS: &[&str] = &[
    "abs", "all", "any", "bin", "bool", "chr", "divmod", "float", "hex", "int", "len", "list",
    "max", "min", "oct", "ord", "pow", "range", "repr", "round", "sorted", "str", "sum", "tuple",
];

fn arity(name: &str, args: &[Value], range: std::ops::RangeInclusive<usize>) -> Result<(), Raised> {
    if range.contains(&args.len()) {
        Ok(())
    } else {
        Err(raise(
            "TypeError",
            format!(
                "{name}() takes {} arguments ({} given)",
                describe(&range),
                args.len()
            ),
        ))
    }
}

fn describe(range: &std::ops::RangeInclusive<usize>) -> String {
    if range.start() == range.end() {
        format!("exactly {}", range.start())
    } else {
        format!("{} to {}", range.start(), range.end())
    }
}

fn want_int(v: &Value, what: &str) -> Result<i128, Raised> {
    v.int().ok_or_else(|| {
        raise(
            "TypeError",
            format!(
                "'{}' object cannot be interpreted as an integer ({what})",
                v.type_name()
            ),
        )
    })
}

fn builtin(name: &str, args: &[Value]) -> Result<Value, Raised> {
    let one = |args: &[Value]| arity(name, args, 1..=1).map(|()| args[0].clone());
    Ok(match name {
        "abs" => match one(args)? {
            Value::Int(i) => Value::Int(
                i.checked_abs()
                    .ok_or_else(|| raise("OverflowError", "integer too large"))?,
            ),
            Value::Bool(b) => Value::Int(i128::from(b)),
            Value::Float(f) => Value::Float(f.abs()),
            Value::Complex(re, im) => Value::Float(re.hypot(im)),
            v => {
                return Err(raise(
                    "TypeError",
                    format!("bad operand type for abs(): '{}'", v.type_name()),
                ))
            }
        },
        "all" => Value::Bool(one(args)?.items()?.iter().all(Value::truthy)),
        "any" => Value::Bool(one(args)?.items()?.iter().any(Value::truthy)),
        "bin" | "oct" | "hex" => {
            let i = want_int(&one(args)?, name)?;
            let digits = match name {
                "bin" => format!("0b{:b}", i.unsigned_abs()),
                "oct" => format!("0o{:o}", i.unsigned_abs()),
                _ => format!("0x{:x}", i.unsigned_abs()),
            };
            Value::Str(if i < 0 { format!("-{digits}") } else { digits })
        }
        "bool" => {
            arity(name, args, 0..=1)?;
            Value::Bool(args.first().is_some_and(Value::truthy))
        }
        "chr" => {
            let i = want_int(&one(args)?, name)?;
            let c = u32::try_from(i)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| raise("ValueError", "chr() arg not in range(0x110000)"))?;
            Value::Str(c.to_string())
        }
        "ord" => match one(args)? {
            Value::Str(s) if s.chars().count() == 1 => {
                Value::Int(i128::from(s.chars().next().map_or(0, u32::from)))
            }
            Value::Bytes(b) if b.len() == 1 => Value::Int(i128::from(b[0])),
            v => {
                return Err(raise(
                    "TypeError",
                    format!(
                        "ord() expected a character, but got {} of length {}",
                        v.type_name(),
                        v.len().unwrap_or(0)
                    ),
                ))
            }
        },
        "divmod" => {
            arity(name, args, 2..=2)?;
            let q = value::binary(BinOp::FloorDiv, &args[0], &args[1])?;
            let r = value::binary(BinOp::Mod, &args[0], &args[1])?;
            Value::Tuple(vec![q, r])
        }
        "pow" => {
            arity(name, args, 2..=3)?;
            match args.get(2) {
                None => value::binary(BinOp::Pow, &args[0], &args[1])?,
                Some(m) => {
                    let (b, e, m) = (
                        want_int(&args[0], name)?,
                        want_int(&args[1], name)?,
                        want_int(m, name)?,
                    );
                    if e < 0 || m == 0 {
                        return Err(raise("ValueError", "pow() 3rd argument not allowed unless all arguments are integers and the exponent is non-negative, and the modulus is non-zero"));
                    }
                    Value::Int(mod_pow(b, e, m)?)
                }
            }
        }
        "float" => {
            arity(name, args, 0..=1)?;
            Value::Float(match args.first() {
                None => 0.0,
                Some(Value::Str(s)) => parse_float(s).ok_or_else(|| {
                    raise(
                        "ValueError",
                        format!(
                            "could not convert string to float: {}",
                            value::Value::Str(s.clone()).repr()
                        ),
                    )
                })?,
                Some(v) => match (v.int(), v) {
                    (Some(i), _) => i as f64,
                    (None, Value::Float(f)) => *f,
                    _ => {
                        return Err(raise(
                            "TypeError",
                            format!(
                                "float() argument must be a string or a real number, not '{}'",
                                v.type_name()
                            ),
                        ))
                    }
                },
            })
        }
        "int" => {
            arity(name, args, 0..=2)?;
            Value::Int(match (args.first(), args.get(1)) {
                (None, _) => 0,
                (Some(Value::Str(s)), base) => {
                    let base = base.map(|b| want_int(b, name)).transpose()?.unwrap_or(10);
                    parse_int(s, base).ok_or_else(|| raise("ValueError", format!("invalid literal for int() with base {base}: {}", Value::Str(s.clone()).repr())))?
                }
                (Some(v), None) => match (v.int(), v) {
                    (Some(i), _) => i,
                    (None, Value::Float(f)) if f.is_finite() && f.abs() < 1.7e38 => f.trunc() as i128,
                    (None, Value::Float(_)) => return Err(raise("OverflowError", "cannot convert float to integer")),
                    _ => return Err(raise("TypeError", format!("int() argument must be a string, a bytes-like object or a real number, not '{}'", v.type_name()))),
                },
                (Some(_), Some(_)) => return Err(raise("TypeError", "int() can't convert non-string with explicit base")),
            })
        }
        "len" => Value::Int(one(args)?.len()? as i128),
        "list" | "tuple" | "sorted" => {
            arity(name, args, 0..=1)?;
            let mut items = match args.first() {
                None => vec![],
                Some(v) => v.items()?,
            };
            if name == "sorted" {
                sort(&mut items)?;
            }
            if name == "tuple" {
                Value::Tuple(items)
            } else {
                Value::List(items)
            }
        }
        "max" | "min" => {
            let items = if args.len() == 1 {
                args[0].items()?
            } else {
                args.to_vec()
            };
            let mut best = items
                .first()
                .cloned()
                .ok_or_else(|| raise("ValueError", format!("{name}() arg is an empty sequence")))?;
            let better = if name == "max" { CmpOp::Gt } else { CmpOp::Lt };
            for v in &items[1..] {
                if value::compare(better, v, &best)? {
                    best = v.clone();
                }
            }
            best
        }
        "range" => {
            arity(name, args, 1..=3)?;
            let ints = args
                .iter()
                .map(|a| want_int(a, name))
                .collect::<Result<Vec<_>, _>>()?;
            let (start, stop, step) = match ints[..] {
                [stop] => (0, stop, 1),
                [start, stop] => (start, stop, 1),
                [start, stop, step] => (start, stop, step),
                _ => unreachable!("arity checked"),
            };
            if step == 0 {
                return Err(raise("ValueError", "range() arg 3 must not be zero"));
            }
            let count = if step > 0 {
                (stop - start + step - 1) / step
            } else {
                (start - stop - step - 1) / -step
            };
            if count > 1 << 20 {
                return Err(raise("MemoryError", "compile-time range too long"));
            }
            Value::List(
                (0..count.max(0))
                    .map(|k| Value::Int(start + k * step))
                    .collect(),
            )
        }
        "repr" => Value::Str(one(args)?.repr()),
        "str" => {
            arity(name, args, 0..=1)?;
            Value::Str(args.first().map(Value::str).unwrap_or_default())
        }
        "round" => {
            arity(name, args, 1..=2)?;
            let digits = args.get(1).map(|d| want_int(d, name)).transpose()?;
            match (&args[0], digits) {
                (v, None) if v.int().is_some() => Value::Int(v.int().unwrap_or(0)),
                (Value::Float(f), None) if f.abs() < 1.7e38 => {
                    Value::Int(f.round_ties_even() as i128)
                }
                (Value::Float(f), None) if f.is_finite() => {
                    return Err(raise(
                        "OverflowError",
                        "integer result out of range for compile-time arithmetic (128 bits)",
                    ))
                }
                (Value::Float(_), None) => {
                    return Err(raise(
                        "OverflowError",
                        "cannot convert float infinity to integer",
                    ))
                }
                (Value::Float(f), Some(n)) => {
                    let scale = 10f64.powi(n.clamp(-308, 308) as i32);
                    Value::Float((f * scale).round_ties_even() / scale)
                }
                (v, Some(n)) if v.int().is_some() => {
                    let i = v.int().unwrap_or(0);
                    if n >= 0 {
                        Value::Int(i)
                    } else {
                        let m = 10i128.checked_pow((-n).min(38) as u32).unwrap_or(i128::MAX);
                        let (q, r) = value::floor_div_mod(i, m)?;
                        let up = r * 2 > m || (r * 2 == m && q % 2 != 0);
                        Value::Int((q + i128::from(up)) * m)
                    }
                }
                (v, _) => {
                    return Err(raise(
                        "TypeError",
                        format!("type {} doesn't define __round__ method", v.type_name()),
                    ))
                }
            }
        }
        "sum" => {
            arity(name, args, 1..=2)?;
            let mut total = args.get(1).cloned().unwrap_or(Value::Int(0));
            for v in args[0].items()? {
                total = value::binary(BinOp::Add, &total, &v)?;
            }
            total
        }
        _ => return Err(raise("NameError", format!("name '{name}' is not defined"))),
    })
}

fn mod_pow(base: i128, mut exp: i128, m: i128) -> Result<i128, Raised> {
    let overflow = || {
        raise(
            "OverflowError",
            "integer result out of range for compile-time arithmetic (128 bits)",
        )
    };
    let mut result: i128 = 1;
    let mut b = value::floor_div_mod(base, m)?.1;
    while exp > 0 {
        if exp & 1 == 1 {
            result = value::floor_div_mod(result.checked_mul(b).ok_or_else(overflow)?, m)?.1;
        }
        b = value::floor_div_mod(b.checked_mul(b).ok_or_else(overflow)?, m)?.1;
        exp >>= 1;
    }
    Ok(value::floor_div_mod(result, m)?.1)
}

fn sort(items: &mut [Value]) -> Result<(), Raised> {
    let mut failure = None;
    items.sort_by(|a, b| match value::compare(CmpOp::Lt, a, b) {
        Ok(true) => std::cmp::Ordering::Less,
        Ok(false) if value::equal(a, b) => std::cmp::Ordering::Equal,
        Ok(false) => std::cmp::Ordering::Greater,
        Err(e) => {
            failure.get_or_insert(e);
            std::cmp::Ordering::Equal
        }
    });
    failure.map_or(Ok(()), Err)
}

fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim().replace('_', "");
    match t.to_ascii_lowercase().trim_start_matches(['+', '-']) {
        "inf" | "infinity" | "nan" => {}
        other if other.chars().any(|c| c.is_ascii_alphabetic() && c != 'e') => return None,
        _ => {}
    }
    t.parse().ok()
}

fn parse_int(s: &str, base: i128) -> Option<i128> {
    let t = s.trim().replace('_', "");
    let (negative, digits) = match t.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, t.strip_prefix('+').unwrap_or(&t)),
    };
    let lower = digits.to_ascii_lowercase();
    let (base, digits) = match (base, lower.get(..2)) {
        (0 | 16, Some("0x")) => (16, &lower[2..]),
        (0 | 8, Some("0o")) => (8, &lower[2..]),
        (0 | 2, Some("0b")) => (2, &lower[2..]),
        (0, _) => (10, &lower[..]),
        (b, _) => (
            u32::try_from(b).ok().filter(|b| (2..=36).contains(b))?,
            &lower[..],
        ),
    };
    let v = i128::from_str_radix(digits, base).ok()?;
    Some(if negative { -v } else { v })
}
