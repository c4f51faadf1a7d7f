//! Conversions between C values and Python objects (and between C types), each explicit in
//! the typed program: the checks and the error messages Cython gives.

use super::*;
use crate::sema::directives::CStringEncoding;

impl<'p> FnLower<'p> {
    /// `v` checked to be an instance of object type `to` (exactly, for a builtin type), with
    /// Cython's TypeError; `None` passes when `none_ok`.
    pub(super) fn type_test(&mut self, v: Value, to: &Type, none_ok: bool) -> Value {
        let Type::Object(p) = to else { return v };
        if *p == PyType::ViewArray {
            self.helper("memview");
        }
        let tobj = p
            .type_object()
            .unwrap_or_else(|| "&PyBaseObject_Type".into());
        let exact = if matches!(p, PyType::Ext(_)) {
            "0"
        } else {
            "1"
        };
        self.void_call(
            "pyx_type_test",
            vec![
                v.clone(),
                Value::C(tobj),
                Value::C(if none_ok { "1" } else { "0" }.into()),
                Value::C(exact.into()),
            ],
            vec![false; 4],
            ErrKind::Neg,
        );
        v
    }

    /// Converts a value between types (the checker made every conversion explicit).
    pub(super) fn convert(&mut self, v: Value, from: &Type, to: &Type) -> Value {
        if from == to || to.is_error() || from.is_error() {
            return v;
        }
        match (from, to) {
            (Type::MemView(_), Type::MemView(_)) => return v,
            (Type::Object(_), Type::MemView(m)) => return self.memview_from_object(v, m),
            (Type::MemView(m), Type::Object(_)) => return self.memview_to_object(v, m),
            _ => {}
        }
        self.helper("convert");
        if from.is_complex() || to.is_complex() {
            self.helper("complex");
        }
        match (from, to) {
            (Type::Object(_), Type::Object(PyType::Any)) => v,
            // An instance of a subclass is an instance of the class.
            (Type::Object(PyType::Ext(a)), Type::Object(PyType::Ext(b)))
                if a.is_subclass_of(*b) =>
            {
                v
            }
            (Type::Object(_), Type::Object(_)) => self.type_test(v, to, true),
            (Type::Object(_), Type::Bint) => {
                self.helper("object");
                self.c_call("pyx_istrue", vec![v], "int", ErrKind::Neg)
            }
            (Type::Object(_), Type::Int(it)) if it.kind == IntKind::UCS4 => {
                self.helper("convert");
                let r = self.c_call("pyx_as_ucs4", vec![v], "long", ErrKind::MinusOneOccurred);
                Value::C(format!("((Py_UCS4){})", self.text(&r)))
            }
            // Py_ssize_t goes through __index__, as Cython converts it (other C integers take
            // only ints and __int__).
            (Type::Object(_), Type::Int(it))
                if it.kind == IntKind::SSize && it.typedef.is_none() =>
            {
                self.c_call(
                    "pyx_as_ssize_t",
                    vec![v],
                    "Py_ssize_t",
                    ErrKind::MinusOneOccurred,
                )
            }
            (Type::Object(_), Type::Int(it)) => {
                let cty = to.c_type();
                let (lo, hi) = match &it.typedef {
                    Some(_) => (format!("PYX_MIN({cty})"), format!("PYX_MAX({cty})")),
                    None => {
                        let (a, b) = it.kind.limits();
                        (a.to_string(), b.to_string())
                    }
                };
                let signed = it.typedef.is_none() && it.kind.signed();
                let r = if it.typedef.is_some() {
                    let tn = c_string(cty.as_bytes());
                    self.c_call(
                        "pyx_as_ll_typed",
                        vec![
                            v,
                            Value::C(format!("PYX_SIGNED({cty})")),
                            Value::C(lo),
                            Value::C(hi),
                            Value::C(format!("PYX_UMAX({cty})")),
                            Value::C(tn),
                        ],
                        "long long",
                        ErrKind::MinusOneOccurred,
                    )
                } else if signed {
                    let tn = c_string(it.message_name().as_bytes());
                    self.c_call(
                        "pyx_as_ll",
                        vec![v, Value::C(lo), Value::C(hi), Value::C(tn)],
                        "long long",
                        ErrKind::MinusOneOccurred,
                    )
                } else {
                    let tn = c_string(it.message_name().as_bytes());
                    self.c_call(
                        "pyx_as_ull",
                        vec![v, Value::C(hi), Value::C(tn)],
                        "unsigned long long",
                        ErrKind::MinusOneOccurred,
                    )
                };
                Value::C(format!("(({cty}){})", self.text(&r)))
            }
            (Type::Object(_), Type::Float(_)) => {
                let r = self.c_call(
                    "pyx_as_double",
                    vec![v],
                    "double",
                    ErrKind::MinusOneOccurred,
                );
                Value::C(format!("(({}){})", to.c_type(), self.text(&r)))
            }
            (Type::Object(_), Type::Complex(k)) => self.c_call(
                &format!("pyx_as_complex_{}", k.suffix()),
                vec![v],
                &to.c_type(),
                ErrKind::MinusOneOccurred,
            ),
            (Type::Object(_), t) if t.is_c_string() => match self.prog.c_string_encoding {
                // `c_string_encoding` lets a `str` through as its encoded text.
                Some(enc) => {
                    self.helper("convert");
                    let ascii = Value::C(i32::from(enc == CStringEncoding::Ascii).to_string());
                    self.c_call(
                        "pyx_as_cstr_text",
                        vec![v, ascii],
                        &to.c_type(),
                        ErrKind::Null,
                    )
                }
                None => self.c_call("pyx_as_cstr", vec![v], &to.c_type(), ErrKind::Null),
            },
            (Type::Object(_), Type::CTuple(items)) => {
                let n = items.len();
                self.helper("unpack");
                let seq = self.obj_call("pyx_to_ctuple_seq", vec![v, Value::C(n.to_string())]);
                let h = self.hold(seq);
                let mut parts = Vec::new();
                for (i, it) in items.iter().enumerate() {
                    let item = self.obj_call(
                        "pyx_tuple_item",
                        vec![Value::Reg(h), Value::C(i.to_string())],
                    );
                    let c = self.convert(item, &Type::OBJECT, it);
                    let c = self.materialize(c, it);
                    parts.push(self.text(&c));
                }
                self.push(None, OpKind::Clear { local: h }, ErrKind::Never);
                Value::C(format!("(({}){{{}}})", to.c_type(), parts.join(", ")))
            }
            (Type::Object(_), Type::Struct(s)) if s.is_union => self.union_from_mapping(v, from, s),
            (Type::Object(_), Type::Struct(s))
                if s.fields.iter().any(|(_, t)| matches!(t, Type::Array(..))) =>
            {
                self.struct_with_arrays_from_mapping(v, from, s, to)
            }
            (Type::Object(_), Type::Struct(s)) => {
                // A mapping with a key per field (Cython's struct from dict).
                self.helper("convert");
                let obj = self.materialize(v, from);
                let mut parts = Vec::new();
                for (name, fty) in &s.fields {
                    let key = self.str_const(name);
                    let item = self.obj_call("pyx_struct_field", vec![obj.clone(), key]);
                    let c = self.convert(item, &Type::OBJECT, fty);
                    let c = self.materialize(c, fty);
                    parts.push(self.text(&c));
                }
                Value::C(format!("(({}){{{}}})", to.c_type(), parts.join(", ")))
            }
            // A `cpdef enum` value inside a struct, ctuple or cell becomes its IntEnum member,
            // as the checker's conversions make it elsewhere.
            (Type::Int(it), Type::Object(_)) if it.py_enum().is_some() => {
                let cls = it.py_enum().unwrap_or_default();
                let plain = Type::int(it.kind);
                let n = self.convert(v, &plain, &Type::OBJECT);
                self.helper("core");
                let name = self.name_const(cls);
                let cls = self.obj_call(
                    "pyx_get_global",
                    vec![Value::C("pyx_module_dict".into()), name],
                );
                self.obj_call("PyObject_CallOneArg", vec![cls, n])
            }
            (Type::Int(it), Type::Object(_)) => {
                let x = self.text(&v);
                match (&it.typedef, it.kind) {
                    (Some(_), _) => {
                        let cty = from.c_type();
                        self.obj_call(
                            "pyx_int_to_py",
                            vec![
                                Value::C(format!("PYX_SIGNED({cty})")),
                                Value::C(format!("(long long){x}")),
                                Value::C(format!("(unsigned long long){x}")),
                            ],
                        )
                    }
                    (None, IntKind::UCS4) => {
                        self.obj_call("PyUnicode_FromOrdinal", vec![Value::C(format!("(int){x}"))])
                    }
                    (None, IntKind::Size) => self.obj_call("PyLong_FromSize_t", vec![v]),
                    (None, IntKind::SSize) => self.obj_call("PyLong_FromSsize_t", vec![v]),
                    (None, IntKind::ULong | IntKind::UInt) => self.obj_call(
                        "PyLong_FromUnsignedLong",
                        vec![Value::C(format!("(unsigned long){x}"))],
                    ),
                    (None, IntKind::LongLong) => self.obj_call("PyLong_FromLongLong", vec![v]),
                    (None, IntKind::ULongLong) => {
                        self.obj_call("PyLong_FromUnsignedLongLong", vec![v])
                    }
                    (None, _) => {
                        self.obj_call("PyLong_FromLong", vec![Value::C(format!("(long){x}"))])
                    }
                }
            }
            (Type::Float(_), Type::Object(_)) => {
                let x = self.text(&v);
                self.obj_call("PyFloat_FromDouble", vec![Value::C(format!("(double){x}"))])
            }
            (Type::Complex(_), Type::Object(_)) => self.obj_call("pyx_complex_box", vec![v]),
            (Type::Bint, Type::Object(_)) => {
                let x = self.text(&v);
                self.obj_call("pyx_bool", vec![Value::C(x)])
            }
            // An array field of a struct going to a dict: the list of its elements.
            (Type::Array(elt, Some(n)), Type::Object(_)) if !from.is_c_string() => {
                // An array is an lvalue (C has no array rvalues), read in place: a copy
                // into a temp is not even possible.
                let base = format!("({})", self.text(&v));
                let n = n
                    .known()
                    .expect("sema converts arrays of known length only");
                let items = (0..n)
                    .map(|i| self.convert(Value::C(format!("{base}[{i}]")), elt, &Type::OBJECT))
                    .collect();
                self.seq_of("pyx_list_steal", items)
            }
            (f, Type::Object(_)) if f.is_c_string() => match self.c_string_codec(to) {
                Some(codec) => {
                    self.obj_call("pyx_cstr_decode", vec![v, Value::C("-1".into()), codec])
                }
                None => self.obj_call("PyBytes_FromString", vec![v]),
            },
            (Type::CTuple(items), Type::Object(_)) => {
                let v = self.materialize(v, from);
                let base = self.text(&v);
                let mut vals = Vec::new();
                for (i, it) in items.iter().enumerate() {
                    let x = self.convert(Value::C(format!("{base}.f{i}")), it, &Type::OBJECT);
                    vals.push(x);
                }
                self.tuple_of(vals)
            }
            (Type::Struct(s), Type::Object(_)) => {
                let v = self.materialize(v, from);
                let base = self.text(&v);
                let h = self.new_dict();
                for (name, fty) in &s.fields {
                    let x = self.convert(
                        Value::C(format!("{base}.{}", crate::sema::mangle(name))),
                        fty,
                        &Type::OBJECT,
                    );
                    let n = self.str_const(name);
                    self.dict_set(h, n, x);
                }
                self.take_local(h, &Type::OBJECT)
            }
            (Type::CTuple(_), Type::CTuple(items)) => {
                let v = self.materialize(v, from);
                let base = self.text(&v);
                let Type::CTuple(fitems) = from else {
                    unreachable!()
                };
                let mut parts = Vec::new();
                for (i, (ft, tt)) in fitems.iter().zip(items).enumerate() {
                    let x = self.convert(Value::C(format!("{base}.f{i}")), ft, tt);
                    parts.push(self.text(&x));
                }
                Value::C(format!("(({}){{{}}})", to.c_type(), parts.join(", ")))
            }
            (Type::Ptr(_), Type::Bint) => {
                let x = self.text(&v);
                Value::C(format!("({x} != NULL)"))
            }
            (_, Type::Bint) => {
                let x = self.text(&v);
                Value::C(format!("({x} != 0)"))
            }
            _ => {
                let x = self.text(&v);
                Value::C(format!("(({}){x})", to.c_type()))
            }
        }
    }

    /// A struct with array fields from a mapping: built in a temp field by field, as an
    /// array has no value to put in a compound literal.
    fn struct_with_arrays_from_mapping(
        &mut self,
        v: Value,
        from: &Type,
        s: &crate::sema::types::StructType,
        to: &Type,
    ) -> Value {
        let obj = self.materialize(v, from);
        let dest = self.temp(rtype(to), false);
        for (name, fty) in &s.fields {
            let key = self.str_const(name);
            let item = self.obj_call("pyx_struct_field", vec![obj.clone(), key]);
            let path = format!(".{}", crate::sema::mangle(name));
            self.store_from_object(dest, path, item, fty);
        }
        Value::Reg(dest)
    }

    /// `dest<path> = item` converted to `ty`; an array takes exactly its length of items from
    /// an iterable (IndexError otherwise, as assigning to a whole array does).
    fn store_from_object(&mut self, dest: Reg, path: String, item: Value, ty: &Type) {
        if let Type::Array(elt, Some(n)) = ty {
            if let Some(n) = n.known() {
                self.helper("unpack");
                let seq = self.obj_call("pyx_carray_items", vec![item, Value::C(n.to_string())]);
                let h = self.hold(seq);
                for i in 0..n {
                    let it = self.obj_call(
                        "pyx_tuple_item",
                        vec![Value::Reg(h), Value::C(i.to_string())],
                    );
                    self.store_from_object(dest, format!("{path}[{i}]"), it, elt);
                }
                self.push(None, OpKind::Clear { local: h }, ErrKind::Never);
                return;
            }
        }
        let c = self.convert(item, &Type::OBJECT, ty);
        self.push(
            None,
            OpKind::Stmt {
                template: format!("$0{path} = $1"),
                args: vec![Value::Reg(dest), c],
            },
            ErrKind::Never,
        );
    }
}
