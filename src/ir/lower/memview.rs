//! Lowering typed memoryviews. A view value is a `RType::Slice` register: an owned temp when
//! an operation made a new slice (acquisition, slicing, copy, transpose), a local for a
//! variable. Operations that read a view's fields (indexing, `shape`) work on a local so that
//! C text may name it: a temp is first moved into a hidden local, which keeps the buffer
//! acquired until the local is reassigned or the function ends.

use super::*;
use crate::sema::memview::{format_char, item_info};
use crate::sema::tree::MvItem;
use crate::sema::types::{Axis, MemViewType};

impl<'p> FnLower<'p> {
    /// A call giving a new slice (an owned temp).
    pub(super) fn slice_call(&mut self, func: &str, args: Vec<Value>, err: ErrKind) -> Value {
        self.helper("memview");
        let steals = vec![false; args.len()];
        self.call_into(RType::Slice, true, func, args, steals, err)
    }

    /// A slice given as C text (a parameter, a default) as a borrowed register, so that
    /// storing it acquires it.
    pub(super) fn borrowed_slice(&mut self, text: String) -> Value {
        let r = self.temp(RType::Slice, false);
        self.push(
            Some(r),
            OpKind::Expr {
                template: text,
                args: vec![],
            },
            ErrKind::Never,
        );
        Value::Reg(r)
    }

    /// The name of a local holding the view `v` (a temp is moved into a new hidden local).
    fn view_local(&mut self, v: Value) -> String {
        match v {
            Value::Reg(r) if self.f.regs[r].kind == RegKind::Local => self.f.regs[r].name.clone(),
            v => {
                let l = self.local("pyx_mv", RType::Slice);
                self.assign(l, v);
                self.f.regs[l].name.clone()
            }
        }
    }

    fn view_of(&mut self, e: &'p t::Expr) -> (String, std::rc::Rc<MemViewType>) {
        let mv = match &e.ty {
            Type::MemView(m) => m.clone(),
            _ => unreachable!("a memoryview expression"),
        };
        self.helper("memview");
        // A field of an object a variable holds is read in place, as Cython does: no
        // acquisition per access.
        if let t::ExprKind::ExtField(obj, cls, field) = &e.kind {
            if matches!(obj.kind, t::ExprKind::Local(_)) {
                let lv = self.ext_field_lvalue(obj, *cls, field);
                self.check_view_field_set(lv.clone());
                return (lv, mv);
            }
        }
        let v = self.expr(e);
        (self.view_local(v), mv)
    }

    /// A read of the view field `lv` fails with AttributeError until the field is assigned.
    pub(super) fn check_view_field_set(&mut self, lv: String) {
        self.helper("memview");
        self.void_call(
            "pyx_mv_check_set",
            vec![Value::C(format!("&{lv}"))],
            vec![false],
            ErrKind::Neg,
        );
    }

    /// `obj` bound to a view of type `mv` (buffer acquisition with the format checks).
    pub(super) fn memview_from_object(&mut self, v: Value, mv: &MemViewType) -> Value {
        let (tname, group) = item_info(&mv.base);
        // Cython's dtype messages name a const view's item type with its qualifier.
        let tname = if mv.is_const {
            format!("const {tname}")
        } else {
            tname.to_string()
        };
        let args = vec![
            v,
            Value::C(c_string(tname.as_bytes())),
            Value::C(format!("'{group}'")),
            Value::C(format!("(Py_ssize_t)sizeof({})", mv.base.c_type())),
            Value::C(mv.ndim().to_string()),
            Value::C(mv.contig_code().to_string()),
            Value::C(if mv.is_const { "0" } else { "1" }.into()),
            Value::C(match &mv.base {
                Type::Struct(s) => struct_fields(s),
                _ => "NULL".into(),
            }),
        ];
        self.slice_call("pyx_mv_from_object", args, ErrKind::SliceFailed)
    }

    /// A view as a Python object (None for the None view).
    pub(super) fn memview_to_object(&mut self, v: Value, mv: &MemViewType) -> Value {
        self.helper("memview");
        let name = self.view_local(v);
        self.obj_call(
            "pyx_mv_to_object",
            vec![
                Value::C(format!("&{name}")),
                Value::C(mv.ndim().to_string()),
            ],
        )
    }

    /// `v[i, j]`: the item as a C lvalue.
    pub(super) fn memview_item(
        &mut self,
        view: &'p t::Expr,
        idx: &'p [t::Expr],
        wrap: bool,
        check: bool,
    ) -> Value {
        let (name, mv) = self.view_of(view);
        let ssize = Type::int(IntKind::SSize);
        let mut offset = Vec::new();
        for (k, x) in idx.iter().enumerate() {
            let i = self.expr(x);
            let i = self.materialize(i, &ssize);
            let extent = format!("{name}.shape[{k}]");
            let i = if check {
                self.c_call(
                    "pyx_mv_index",
                    vec![
                        i,
                        Value::C(extent),
                        Value::C(k.to_string()),
                        Value::C(i32::from(wrap).to_string()),
                    ],
                    "Py_ssize_t",
                    ErrKind::Value("-1".into()),
                )
            } else if wrap {
                let t = self.text(&i);
                Value::C(format!("({t} < 0 ? {t} + {extent} : {t})"))
            } else {
                i
            };
            let i = self.text(&i);
            let contig_axis = match mv.contig_code() {
                1 => k + 1 == mv.ndim(),
                2 => k == 0,
                _ => false,
            } && mv.axes[k] == Axis::Contig;
            offset.push(if contig_axis {
                format!("{i} * (Py_ssize_t)sizeof({})", mv.base.c_type())
            } else {
                format!("{i} * {name}.strides[{k}]")
            });
        }
        Value::C(format!(
            "(*({} *)({name}.data + {}))",
            mv.base.c_type(),
            offset.join(" + ")
        ))
    }

    /// `v[a:b, i, None]`: a new slice.
    pub(super) fn memview_slice(
        &mut self,
        view: &'p t::Expr,
        items: &'p [MvItem],
        wrap: bool,
        check: bool,
    ) -> Value {
        let (name, mv) = self.view_of(view);
        let mut spec = Vec::new();
        let part = |s: &mut Self, x: &'p Option<t::Expr>| match x {
            Some(x) => {
                let v = s.expr(x);
                (s.text(&v), true)
            }
            None => ("0".to_string(), false),
        };
        for it in items {
            match it {
                MvItem::Index(x) => {
                    let v = self.expr(x);
                    spec.push(format!("0, {}, 0, 0, 0", self.text(&v)));
                }
                MvItem::Slice(parts) => {
                    let [a, b, c] = &**parts;
                    let (a, ha) = part(self, a);
                    let (b, hb) = part(self, b);
                    let (c, hc) = part(self, c);
                    let has = i32::from(ha) | i32::from(hb) << 1 | i32::from(hc) << 2;
                    spec.push(format!("1, {a}, {b}, {c}, {has}"));
                }
                MvItem::NewAxis => spec.push("2, 0, 0, 0, 0".into()),
            }
        }
        self.slice_call(
            "pyx_mv_subview",
            vec![
                Value::C(format!("&{name}")),
                Value::C(mv.ndim().to_string()),
                Value::C(items.len().to_string()),
                Value::C(format!("(const Py_ssize_t[]){{{}}}", spec.join(", "))),
                Value::C(i32::from(wrap).to_string()),
                Value::C(i32::from(check).to_string()),
            ],
            ErrKind::SliceFailed,
        )
    }

    pub(super) fn memview_prop(&mut self, view: &'p t::Expr, prop: &str) -> Value {
        let (name, mv) = self.view_of(view);
        let n = mv.ndim();
        let item = format!("(Py_ssize_t)sizeof({})", mv.base.c_type());
        let size = (0..n)
            .map(|k| format!("{name}.shape[{k}]"))
            .collect::<Vec<_>>()
            .join(" * ");
        let size = if size.is_empty() { "1".into() } else { size };
        Value::C(match prop {
            "shape" => format!("{name}.shape"),
            "strides" => format!("{name}.strides"),
            "suboffsets" => format!("PYX_MV_SUBOFFSETS({n})"),
            "ndim" => n.to_string(),
            "itemsize" => item,
            "size" => format!("({size})"),
            "nbytes" => format!("({size} * {item})"),
            "is_none" => format!("({name}.memview == NULL)"),
            "is_c_contig" => format!("pyx_mv_is_contig_slice(&{name}, {n}, 0)"),
            _ => format!("pyx_mv_is_contig_slice(&{name}, {n}, 1)"),
        })
    }

    pub(super) fn memview_transpose(&mut self, view: &'p t::Expr) -> Value {
        let (name, mv) = self.view_of(view);
        self.slice_call(
            "pyx_mv_transpose",
            vec![
                Value::C(format!("&{name}")),
                Value::C(mv.ndim().to_string()),
            ],
            ErrKind::Never,
        )
    }

    pub(super) fn memview_copy(&mut self, view: &'p t::Expr, fortran: bool) -> Value {
        let (name, mv) = self.view_of(view);
        self.slice_call(
            "pyx_mv_copy",
            vec![
                Value::C(format!("&{name}")),
                Value::C(mv.ndim().to_string()),
                Value::C(i32::from(fortran).to_string()),
            ],
            ErrKind::SliceFailed,
        )
    }

    /// `<double[:n]>ptr`: a C-contiguous view over memory the view does not own.
    pub(super) fn memview_from_pointer(
        &mut self,
        ptr: &'p t::Expr,
        dims: &'p [t::Expr],
        ty: &Type,
    ) -> Value {
        let Type::MemView(mv) = ty else {
            return Value::C("PYX_MV_NONE".into());
        };
        self.helper("memview");
        let p = self.expr(ptr);
        let mut ds = Vec::new();
        for d in dims {
            let v = self.expr(d);
            ds.push(self.text(&v));
        }
        self.slice_call(
            "pyx_mv_from_pointer",
            vec![
                Value::C(format!("(void *){}", self.text(&p))),
                Value::C(mv.ndim().to_string()),
                Value::C(format!("(const Py_ssize_t[]){{{}}}", ds.join(", "))),
                Value::C(format!("(Py_ssize_t)sizeof({})", mv.base.c_type())),
                Value::C(c_string(format_char(&mv.base).as_bytes())),
            ],
            ErrKind::SliceFailed,
        )
    }

    /// `dst[...] = v`: copy from a view, or set every item to a scalar.
    pub(super) fn memview_store(&mut self, dst: &'p t::Expr, v: Value, ty: &Type) {
        let Type::MemView(mv) = &dst.ty else {
            return;
        };
        let mv = mv.clone();
        let n = mv.ndim().to_string();
        let v = match ty {
            Type::MemView(_) => Value::C(format!("&{}", self.view_local(v))),
            _ => self.materialize(v, ty),
        };
        let d = self.expr(dst);
        let d = Value::C(format!("&{}", self.view_local(d)));
        match ty {
            Type::MemView(_) => {
                self.void_call(
                    "pyx_mv_copy_into",
                    vec![d, v, Value::C(n)],
                    vec![false; 3],
                    ErrKind::Neg,
                );
            }
            _ if mv.base.is_object() => {
                self.void_call(
                    "pyx_mv_fill_object",
                    vec![d, Value::C(n), v],
                    vec![false; 3],
                    ErrKind::Neg,
                );
            }
            _ => {
                // The item in a C variable of the item type, passed by address.
                let item = self.temp(rtype(&mv.base), false);
                self.push(
                    Some(item),
                    OpKind::Expr {
                        template: "$0".into(),
                        args: vec![v],
                    },
                    ErrKind::Never,
                );
                let name = self.f.regs[item].name.clone();
                let size = format!("(Py_ssize_t)sizeof({})", mv.base.c_type());
                self.void_call(
                    "pyx_mv_fill",
                    vec![d, Value::C(n), Value::C(format!("&{name}")), Value::C(size)],
                    vec![false; 4],
                    ErrKind::Neg,
                );
            }
        }
    }
}

/// The scalars of a struct item type as the runtime checks them against a buffer's format:
/// `(const pyx_mv_field[]){{group, size, offset}..., {0}}` (nested structs flattened; a field
/// the check cannot describe makes every format mismatch).
fn struct_fields(s: &crate::sema::types::StructType) -> String {
    fn walk(s: &crate::sema::types::StructType, path: &str, top: &str, out: &mut Vec<String>) {
        for (name, ty) in &s.fields {
            let p = format!("{path}{}", crate::sema::mangle(name));
            match ty {
                Type::Struct(inner) => walk(inner, &format!("{p}."), top, out),
                Type::Int(_) | Type::Float(_) | Type::Complex(_) | Type::Object(_) | Type::Bint => {
                    let int = Type::int(IntKind::Int);
                    let (_, group) = item_info(if *ty == Type::Bint { &int } else { ty });
                    out.push(format!(
                        "{{'{group}', (Py_ssize_t)sizeof({}), (Py_ssize_t)offsetof({top}, {p})}}",
                        ty.c_type()
                    ));
                }
                _ => out.push("{'?', -1, -1}".into()),
            }
        }
    }
    let mut out = Vec::new();
    walk(s, "", &s.cname, &mut out);
    out.push("{0, 0, 0}".into());
    format!("(const pyx_mv_field[]){{{}}}", out.join(", "))
}
