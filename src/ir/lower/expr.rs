//! Lowering expressions: C arithmetic, conversions at the C/Python boundary, calls, object
//! construction (functions, classes, containers).

use super::*;

impl<'p> FnLower<'p> {
    /// Lowers `e`; its operations report the line of `e` itself in tracebacks (the
    /// statement's line is restored after it).
    pub(super) fn expr(&mut self, e: &'p t::Expr) -> Value {
        let outer = self.line;
        if let Some(line) = self.src.lines.op_line(e) {
            self.line = line;
        }
        let v = self.expr_at_line(e);
        self.line = outer;
        v
    }

    fn expr_at_line(&mut self, e: &'p t::Expr) -> Value {
        if e.ty.is_complex() {
            // Complex constants, conversions and <complex.h> calls.
            self.helper("complex");
        }
        match &e.kind {
            E::CConst(s) => Value::C(s.clone()),
            E::PyInt(s) => {
                let init = match s.parse::<i64>() {
                    Ok(n) if n > i32::MIN as i64 && n < i32::MAX as i64 => {
                        format!("PyLong_FromLong({n})")
                    }
                    _ => format!("PyLong_FromString({}, NULL, 10)", c_string(s.as_bytes())),
                };
                Value::C(self.consts.add(init))
            }
            E::PyFloat(f) => Value::C(
                self.consts
                    .add(format!("PyFloat_FromDouble({})", crate::sema::c_double(*f))),
            ),
            E::CComplex(re, im) => {
                let k = e.ty.complex_kind().unwrap_or_default();
                Value::C(format!(
                    "pyx_cplx_{}({}, {})",
                    k.suffix(),
                    crate::sema::c_double(*re),
                    crate::sema::c_double(*im)
                ))
            }
            E::PyComplex(re, im) => Value::C(self.consts.add(format!(
                "PyComplex_FromDoubles({}, {})",
                crate::sema::c_double(*re),
                crate::sema::c_double(*im)
            ))),
            E::PyStr(s) => self.str_const(s),
            E::PyBytes(b) => Value::C(self.consts.add(format!(
                "PyBytes_FromStringAndSize({}, {})",
                c_string(b),
                b.len()
            ))),
            E::PyBool(b) => Value::C(if *b { "Py_True" } else { "Py_False" }.into()),
            E::PyNone => Value::C("Py_None".into()),
            E::PyEllipsis => Value::C("Py_Ellipsis".into()),
            E::CString(b) => Value::C(c_string(b)),
            E::Local(l) if self.src.locals[*l].cell => {
                let cell = Value::Reg(self.locals[*l]);
                let local = &self.src.locals[*l];
                if local.ty.lives_in_cell_block() {
                    return self.cell_block(&cell, &local.ty);
                }
                let v = self.cell_get(cell, &local.name, true);
                self.unbox_cell_value(v, &e.ty)
            }
            E::FreeVar(i) => {
                let cell = Value::C(format!("PyTuple_GET_ITEM(pyx_self, {})", i + 1));
                let var = &self.src.freevars[*i];
                if var.ty.lives_in_cell_block() {
                    return self.cell_block(&cell, &var.ty);
                }
                let v = self.cell_get(cell, &var.name, false);
                self.unbox_cell_value(v, &e.ty)
            }
            E::Local(l) => {
                let r = self.locals[*l];
                // Reading a variable never assigned raises UnboundLocalError (pyxc's own
                // hidden locals are always assigned first).
                let check = match &e.ty {
                    Type::MemView(_) => Some(("memview", "pyx_mv_check_bound")),
                    t if t.is_object() => Some(("core", "pyx_check_bound")),
                    _ => None,
                };
                if let (Some((group, check)), false) = (check, self.src.locals[*l].hidden) {
                    self.helper(group);
                    let name = self.src.locals[*l].name.clone();
                    self.void_call(
                        check,
                        vec![Value::Reg(r), Value::C(c_string(name.as_bytes()))],
                        vec![false, false],
                        ErrKind::Neg,
                    );
                }
                Value::Reg(r)
            }
            E::CGlobal(g) if matches!(e.ty, Type::MemView(_)) => {
                self.borrowed_slice(self.prog.globals[*g].cname.clone())
            }
            E::CGlobal(g) => Value::C(self.prog.globals[*g].cname.clone()),
            E::CName(n) => {
                if n == crate::sema::memview::VIEW_ARRAY {
                    self.helper("memview");
                }
                self.use_cname(n);
                Value::C(n.clone())
            }
            E::ClassLookup(ns, name) => {
                self.helper("class");
                let n = self.name_const(name);
                let ns = Value::Reg(self.locals[*ns]);
                self.obj_call("pyx_class_lookup", vec![ns, n])
            }
            E::PyGlobal(name) => {
                self.helper("core");
                let n = self.name_const(name);
                self.obj_call(
                    "pyx_get_global",
                    vec![Value::C("pyx_module_dict".into()), n],
                )
            }
            E::Builtin(name) => {
                self.helper("core");
                // Through the module dict first: a module may shadow a builtin at run time.
                let n = self.name_const(name);
                self.obj_call(
                    "pyx_get_global",
                    vec![Value::C("pyx_module_dict".into()), n],
                )
            }
            E::FuncObject(_) => Value::C("Py_None".into()),
            E::CBinary(op, a, b) => self.c_binary(*op, a, b, &e.ty),
            E::CUnary(op, a) => {
                let v = self.expr(a);
                let x = self.text(&v);
                Value::C(match op {
                    CUnOp::Neg => format!("(-{x})"),
                    CUnOp::Pos => format!("(+{x})"),
                    CUnOp::Invert => format!("(~{x})"),
                    CUnOp::Not => format!("(!{x})"),
                })
            }
            E::CCompare(op, a, b) => {
                let av = self.expr(a);
                let av = self.materialize(av, &a.ty);
                let bv = self.expr(b);
                Value::C(format!(
                    "({} {} {})",
                    self.text(&av),
                    c_cmp(*op),
                    self.text(&bv)
                ))
            }
            E::Yield(v) => {
                let v = match v {
                    Some(v) => self.expr(v),
                    None => Value::C("Py_None".into()),
                };
                self.yield_value(v)
            }
            E::YieldFrom(it) => {
                let it = self.expr(it);
                self.yield_from(it)
            }
            E::Await(v) => {
                let v = self.expr(v);
                self.await_value(v)
            }
            E::AugCurrent => match self.aug.clone() {
                Some(AugTarget::Attr(o, n)) => {
                    self.helper("object");
                    self.obj_call("pyx_getattr", vec![o, n])
                }
                Some(AugTarget::Item(o, i)) => {
                    self.helper("object");
                    self.obj_call("pyx_getitem", vec![o, i])
                }
                None => Value::C("Py_None".into()),
            },
            E::PyBinary(op, a, b) | E::PyInPlace(op, a, b) => {
                let av = self.expr(a);
                let bv = self.expr(b);
                let inplace = matches!(e.kind, E::PyInPlace(..));
                if *op == BinOp::Pow {
                    let f = if inplace {
                        "PyNumber_InPlacePower"
                    } else {
                        "PyNumber_Power"
                    };
                    return self.obj_call(f, vec![av, bv, Value::C("Py_None".into())]);
                }
                let f = match fast_binop(*op, inplace) {
                    Some(f) => {
                        self.helper("object");
                        f
                    }
                    None => py_binop(*op, inplace),
                };
                self.obj_call(f, vec![av, bv])
            }
            E::PyUnary(op, a) => {
                let v = self.expr(a);
                let f = match op {
                    CUnOp::Neg => "PyNumber_Negative",
                    CUnOp::Pos => "PyNumber_Positive",
                    CUnOp::Invert => "PyNumber_Invert",
                    CUnOp::Not => unreachable!("not is lowered via truth values"),
                };
                self.obj_call(f, vec![v])
            }
            E::PyCompare(
                op @ (CmpOp::Eq | CmpOp::NotEq | CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE),
                a,
                b,
            ) => self.rich_compare(*op, a, b, false),
            E::PyCompare(op, a, b) => {
                let av = self.expr(a);
                let bv = self.expr(b);
                match op {
                    CmpOp::Is => self.c_expr_obj("($0 == $1)", vec![av, bv], "int"),
                    CmpOp::IsNot => self.c_expr_obj("($0 != $1)", vec![av, bv], "int"),
                    CmpOp::In => {
                        self.c_call("PySequence_Contains", vec![bv, av], "int", ErrKind::Neg)
                    }
                    CmpOp::NotIn => {
                        let r =
                            self.c_call("PySequence_Contains", vec![bv, av], "int", ErrKind::Neg);
                        Value::C(format!("(!{})", self.text(&r)))
                    }
                    _ => unreachable!("rich comparisons are lowered above"),
                }
            }
            E::Chain(links) => {
                let res = self.local("pyx_chain", RType::C("int".into()));
                let done = self.new_block();
                for (i, l) in links.iter().enumerate() {
                    let v = self.expr(l);
                    self.assign(res, v);
                    if i + 1 < links.len() {
                        let next = self.new_block();
                        self.terminate(Term::Branch(Value::Reg(res), next, done));
                        self.switch(next);
                    }
                }
                self.goto(done);
                self.switch(done);
                Value::Reg(res)
            }
            E::And(a, b) | E::Or(a, b) => {
                let is_and = matches!(e.kind, E::And(..));
                let res = self.local("pyx_bool", rtype(&e.ty));
                let av = self.expr(a);
                self.assign(res, av);
                let truth = if e.ty.is_object() {
                    self.helper("object");
                    self.c_call("pyx_istrue", vec![Value::Reg(res)], "int", ErrKind::Neg)
                } else {
                    Value::Reg(res)
                };
                let (rhs, done) = (self.new_block(), self.new_block());
                if is_and {
                    self.terminate(Term::Branch(truth, rhs, done));
                } else {
                    self.terminate(Term::Branch(truth, done, rhs));
                }
                self.switch(rhs);
                let bv = self.expr(b);
                self.assign(res, bv);
                self.goto(done);
                self.switch(done);
                self.take_local(res, &e.ty)
            }
            E::IfExp(test, a, b) => {
                let res = self.local("pyx_cond", rtype(&e.ty));
                let c = self.expr(test);
                let (tb, fb, done) = (self.new_block(), self.new_block(), self.new_block());
                self.terminate(Term::Branch(c, tb, fb));
                self.switch(tb);
                let av = self.expr(a);
                self.assign(res, av);
                self.goto(done);
                self.switch(fb);
                let bv = self.expr(b);
                self.assign(res, bv);
                self.goto(done);
                self.switch(done);
                self.take_local(res, &e.ty)
            }
            // `if a < b:` on objects: the comparison's truth without a bool object.
            E::Coerce(inner)
                if e.ty == Type::Bint
                    && matches!(
                        &inner.kind,
                        E::PyCompare(
                            CmpOp::Eq
                                | CmpOp::NotEq
                                | CmpOp::Lt
                                | CmpOp::LtE
                                | CmpOp::Gt
                                | CmpOp::GtE,
                            ..
                        )
                    ) =>
            {
                let E::PyCompare(op, a, b) = &inner.kind else {
                    unreachable!()
                };
                self.rich_compare(*op, a, b, true)
            }
            E::Coerce(inner) => {
                let v = self.expr(inner);
                self.convert(v, &inner.ty, &e.ty)
            }
            E::TypeCheck(inner) => {
                let v = self.expr(inner);
                self.type_test(v, &e.ty, false)
            }
            E::MvIndex {
                view,
                idx,
                wrap,
                check,
            } => self.memview_item(view, idx, *wrap, *check),
            E::MvSlice {
                view,
                items,
                wrap,
                check,
            } => self.memview_slice(view, items, *wrap, *check),
            E::MvProp(view, prop) => self.memview_prop(view, prop),
            E::MvTranspose(view) => self.memview_transpose(view),
            E::MvCopy(view, fortran) => self.memview_copy(view, *fortran),
            E::MvFromPtr(ptr, dims) => self.memview_from_pointer(ptr, dims, &e.ty),
            E::CCast(inner) => {
                let v = self.expr(inner);
                if e.ty.is_object() && inner.ty.is_object() {
                    return v;
                }
                if inner.ty.is_object() {
                    // <void*>obj: the pointer, borrowed.
                    return self.c_expr_obj(
                        &format!("(({})$0)", e.ty.c_type()),
                        vec![v],
                        &e.ty.c_type(),
                    );
                }
                if e.ty.is_object() {
                    // <object>ptr: a new reference to the object the pointer holds.
                    let r = self.temp(RType::Obj, true);
                    let txt = self.text(&v);
                    self.push(
                        Some(r),
                        OpKind::Expr {
                            template: format!("((PyObject *){txt})"),
                            args: vec![],
                        },
                        ErrKind::Never,
                    );
                    self.push(None, OpKind::IncRef(Value::Reg(r)), ErrKind::Never);
                    return Value::Reg(r);
                }
                Value::C(format!("(({}){})", e.ty.c_type(), self.text(&v)))
            }
            E::CCall(callee, args, sig) => {
                let f = self.expr(callee);
                let mut fname = self.text(&f);
                if self.entry_call(&fname, args) {
                    fname = format!("PYX_OUT_OF_LINE({fname})");
                }
                if fname.starts_with("pyx_match_") {
                    self.helper("match");
                }
                if fname == "pyx_len" {
                    self.helper("object");
                }
                let mut vals = Vec::new();
                for a in args {
                    let v = self.expr(a);
                    let v = if a.ty.is_object() {
                        v
                    } else {
                        self.materialize(v, &a.ty)
                    };
                    vals.push(v);
                }
                let err = match &sig.exc {
                    ExcCheck::None => ErrKind::Never,
                    ExcCheck::Value(v) => ErrKind::Value(v.clone()),
                    ExcCheck::MaybeValue(v) => ErrKind::MaybeValue(v.clone()),
                    ExcCheck::Always => ErrKind::Occurred,
                };
                let err = if sig.ret.is_object() {
                    ErrKind::Null
                } else {
                    err
                };
                if sig.ret.is_void() {
                    self.void_call(&fname, vals, vec![false; args.len()], err);
                    return Value::C("0".into());
                }
                if sig.ret.is_object() {
                    return self.obj_call(&fname, vals);
                }
                if let Type::MemView(_) = sig.ret {
                    return self.slice_call(&fname, vals, ErrKind::SliceFailed);
                }
                // The declaration text (with `{}` for the name) keeps pointer-to-function and
                // array results declarable.
                let decl = match rtype(&sig.ret) {
                    RType::C(d) => d,
                    RType::Obj | RType::Slice => sig.ret.c_type(),
                };
                self.c_call(&fname, vals, &decl, err)
            }
            E::PyCall(f, args) => self.py_call(f, args),
            E::PyMethodCall(obj, name, args) => {
                self.helper("call");
                let o = self.expr(obj);
                let mut vals = vec![o];
                for a in args {
                    vals.push(self.expr(a));
                }
                let count = vals.len();
                let name_v = self.name_const(name);
                let cache = Value::C(self.consts.method_cache());
                // list.append and dict.get inline on exact lists and dicts.
                match (name.as_str(), count) {
                    ("append", 2) => {
                        vals.extend([name_v, cache]);
                        return self.obj_call("pyx_method_append", vals);
                    }
                    ("get", 2 | 3) => {
                        if count == 2 {
                            vals.push(Value::C("NULL".into()));
                        }
                        vals.extend([name_v, cache]);
                        return self.obj_call("pyx_method_get", vals);
                    }
                    _ => {}
                }
                self.array_call(
                    "pyx_call_method",
                    vals,
                    vec![Value::C(count.to_string()), name_v, cache],
                )
            }
            E::Attribute(obj, name) => {
                let o = self.expr(obj);
                let n = self.name_const(name);
                self.helper("object");
                self.obj_call("pyx_getattr", vec![o, n])
            }
            E::Subscript(obj, idx) => {
                let o = self.expr(obj);
                self.helper("object");
                match self.ssize_index(idx) {
                    Some(i) => self.obj_call("pyx_getitem_int", vec![o, i]),
                    None => {
                        let i = self.expr(idx);
                        self.obj_call("pyx_getitem", vec![o, i])
                    }
                }
            }
            E::Slice(a, b, c) => {
                let part = |x: &'p Option<Box<t::Expr>>, s: &mut Self| match x {
                    Some(x) => s.expr(x),
                    None => Value::C("Py_None".into()),
                };
                let av = part(a, self);
                let bv = part(b, self);
                let cv = part(c, self);
                self.obj_call("PySlice_New", vec![av, bv, cv])
            }
            E::CStrSlice(base, lo, hi) => {
                let b = self.expr(base);
                let b = self.materialize(b, &base.ty);
                let start = match lo {
                    Some(x) => {
                        let v = self.expr(x);
                        let v = self.materialize(v, &x.ty);
                        self.text(&v)
                    }
                    None => "0".into(),
                };
                let p = Value::C(format!("({} + {start})", self.text(&b)));
                let len = match hi {
                    Some(x) => {
                        let v = self.expr(x);
                        Value::C(format!("({} - {start})", self.text(&v)))
                    }
                    None => Value::C("-1".into()),
                };
                match self.c_string_codec(&e.ty) {
                    Some(codec) => self.obj_call("pyx_cstr_decode", vec![p, len, codec]),
                    None if len == Value::C("-1".into()) => {
                        self.obj_call("PyBytes_FromString", vec![p])
                    }
                    None => self.obj_call("PyBytes_FromStringAndSize", vec![p, len]),
                }
            }
            E::CIndex(base, idx) => {
                let b = self.expr(base);
                let i = self.expr(idx);
                Value::C(format!("{}[{}]", self.text(&b), self.text(&i)))
            }
            E::ExtField(obj, cls, field) => self.ext_field(obj, *cls, field, &e.ty),
            E::NoneCheck(obj, attr) => self.none_check(obj, attr),
            E::CpdefOverride { obj, name, wrapper } => self.cpdef_override(obj, name, *wrapper),
            E::VtabMethod(local, origin, name) => self.vtab_method(*local, *origin, name),
            E::CField(base, field, arrow) => {
                let b = self.expr(base);
                Value::C(format!(
                    "{}{}{}",
                    self.text(&b),
                    if *arrow { "->" } else { "." },
                    crate::sema::mangle(field)
                ))
            }
            E::Deref(x) => {
                let v = self.expr(x);
                Value::C(format!("(*{})", self.text(&v)))
            }
            // GNU C's `__real__`/`__imag__` (gcc and clang): lvalues when the operand is one.
            E::ComplexPart(z, part) => {
                let v = self.expr(z);
                let op = match part {
                    t::ComplexPart::Real => "__real__",
                    t::ComplexPart::Imag => "__imag__",
                };
                Value::C(format!("({op} {})", self.text(&v)))
            }
            E::IncDec(x, step) => {
                let v = self.expr(x);
                let x = self.text(&v);
                let c = match step {
                    IncDec::PreInc => format!("(++{x})"),
                    IncDec::PostInc => format!("({x}++)"),
                    IncDec::PreDec => format!("(--{x})"),
                    IncDec::PostDec => format!("({x}--)"),
                };
                // A temp, so the side effect happens here even when the value is unused.
                let r = self.temp(rtype(&e.ty), false);
                self.push(
                    Some(r),
                    OpKind::Expr {
                        template: c,
                        args: vec![],
                    },
                    ErrKind::Never,
                );
                Value::Reg(r)
            }
            E::AddressOf(x) => {
                let v = self.expr(x);
                Value::C(format!("(&{})", self.text(&v)))
            }
            E::SizeOf(ty) => Value::C(format!("sizeof({})", ty.c_type())),
            E::Tuple(items) => self.build_seq("pyx_tuple_steal", items),
            E::List(items) => self.build_seq("pyx_list_steal", items),
            E::Set(items) => {
                let s = self.obj_call("PySet_New", vec![Value::C("NULL".into())]);
                let holder = self.hold(s);
                for it in items {
                    let v = self.expr(it);
                    self.void_call(
                        "PySet_Add",
                        vec![Value::Reg(holder), v],
                        vec![false, false],
                        ErrKind::Neg,
                    );
                }
                self.take_local(holder, &Type::OBJECT)
            }
            E::Unpacking(kind, items) => self.unpacking_display(*kind, items),
            E::Dict(items) => {
                let holder = self.new_dict();
                for (k, v) in items {
                    let kv = self.expr(k);
                    let vv = self.expr(v);
                    self.dict_set(holder, kv, vv);
                }
                self.take_local(holder, &Type::OBJECT)
            }
            E::LocalsDict(items) => self.locals_dict(items),
            E::CTuple(items) => {
                let name = ctuple_cname(match &e.ty {
                    Type::CTuple(ts) => ts,
                    _ => unreachable!(),
                });
                let mut parts = Vec::new();
                for it in items {
                    let v = self.expr(it);
                    let v = self.materialize(v, &it.ty);
                    parts.push(self.text(&v));
                }
                Value::C(format!("(({name}){{{}}})", parts.join(", ")))
            }
            E::CArrayInit(items) => {
                let mut parts = Vec::new();
                for it in items {
                    let v = self.expr(it);
                    let v = self.materialize(v, &it.ty);
                    parts.push(self.text(&v));
                }
                Value::C(format!("{{{}}}", parts.join(", ")))
            }
            E::CStruct(items) => {
                let mut parts = Vec::new();
                for (name, it) in items {
                    let v = self.expr(it);
                    // A brace list stays in place: it only initialises the field.
                    let v = if matches!(it.kind, E::CArrayInit(_)) {
                        v
                    } else {
                        self.materialize(v, &it.ty)
                    };
                    parts.push(format!(".{name} = {}", self.text(&v)));
                }
                Value::C(format!("(({}){{{}}})", e.ty.c_type(), parts.join(", ")))
            }
            E::Comprehension { acc, kind, body } => {
                let r = self.locals[*acc];
                let init = match kind {
                    ComprehensionKind::List => {
                        self.obj_call("PyList_New", vec![Value::C("0".into())])
                    }
                    ComprehensionKind::Set => {
                        self.obj_call("PySet_New", vec![Value::C("NULL".into())])
                    }
                    ComprehensionKind::Dict => self.obj_call("PyDict_New", vec![]),
                };
                self.assign(r, init);
                self.block(body);
                self.take_local(r, &e.ty)
            }
            E::Walrus(target, v) => {
                let val = self.expr(v);
                let held = if v.ty.is_object() {
                    let h = self.hold(val);
                    Value::Reg(h)
                } else {
                    self.materialize(val, &v.ty)
                };
                self.store(target, held.clone(), &v.ty);
                match held {
                    Value::Reg(h) if v.ty.is_object() => self.take_local(h, &v.ty),
                    other => other,
                }
            }
            E::MakeFunction(id, defaults) => {
                for (g, d) in defaults {
                    let v = self.expr(d);
                    self.store_cglobal(*g, v);
                }
                self.helper("function");
                let inner = &self.prog.functions[*id];
                let mdef = Value::C(format!("&pyx_mdef_{}.def", inner.cname));
                let qualname = self.str_const(&inner.qualname);
                if inner.freevars.is_empty() && !inner.defaults_in_self {
                    let f = self.obj_call("pyx_make_function", vec![mdef, qualname]);
                    return self.function_attributes(*id, f);
                }
                // A closure (or a nested def with defaults): the function's `self` is the
                // tuple of the module, its cells, then its default values.
                let module = Value::C("pyx_module".into());
                let mut cells: Vec<Value> = std::iter::once(module)
                    .chain(inner.freevars.iter().map(|f| match f.source {
                        t::CellSource::Local(l) => Value::Reg(self.locals[l]),
                        t::CellSource::Free(i) => {
                            Value::C(format!("PyTuple_GET_ITEM(pyx_self, {})", i + 1))
                        }
                    }))
                    .collect();
                if inner.defaults_in_self {
                    for (g, _) in defaults {
                        let gl = &self.prog.globals[*g];
                        let (cname, ty) = (gl.cname.clone(), gl.ty.clone());
                        cells.push(self.convert(Value::C(cname), &ty, &Type::OBJECT));
                    }
                }
                let cells = self.tuple_of(cells);
                self.helper("closure");
                let f = self.obj_call("pyx_make_closure", vec![mdef, cells, qualname]);
                self.function_attributes(*id, f)
            }
            E::MakeClass {
                name,
                qualname,
                bases,
                keywords,
                class_cell,
                ns,
                body,
                doc,
                ext,
            } => {
                if let Some(cls) = ext {
                    return self.fill_ext_class(*cls, *class_cell, *ns, body);
                }
                self.helper("function");
                self.helper("class");
                // A fresh `__class__` cell for each execution of the class statement.
                let captured = self.src.locals[*class_cell].cell;
                let cell_reg = self.locals[*class_cell];
                if captured {
                    let cell = self.obj_call("PyCell_New", vec![Value::C("NULL".into())]);
                    self.assign(cell_reg, cell);
                }
                let written = if bases.iter().any(|b| matches!(b, t::DisplayItem::Unpack(_))) {
                    self.unpacking_display(t::DisplayKind::Tuple, bases)
                } else {
                    let mut bvals = Vec::new();
                    for b in bases {
                        if let t::DisplayItem::One(e) | t::DisplayItem::Unpack(e) = b {
                            bvals.push(self.expr(e));
                        }
                    }
                    self.tuple_of(bvals)
                };
                let written_h = self.hold(written);
                let bases_t = self.obj_call("pyx_class_bases", vec![Value::Reg(written_h)]);
                let bases_h = self.hold(bases_t);
                // The keywords in a fresh dict (the helpers take `metaclass` out of it).
                let kw_h = self.new_dict();
                for (k, v) in keywords {
                    let val = self.expr(v);
                    match k {
                        Some(k) => {
                            let key = self.name_const(k);
                            self.dict_set(kw_h, key, val);
                        }
                        // `**mapping`: its items, a repeated keyword being a TypeError.
                        None => {
                            self.helper("call");
                            self.void_call(
                                "pyx_dict_merge_kw",
                                vec![Value::Reg(kw_h), val, Value::C("NULL".into())],
                                vec![false; 3],
                                ErrKind::Neg,
                            );
                        }
                    }
                }
                let meta = self.obj_call(
                    "pyx_class_meta",
                    vec![Value::Reg(bases_h), Value::Reg(kw_h)],
                );
                let meta_h = self.hold(meta);
                let nsr = self.locals[*ns];
                let n = self.str_const(name);
                let q = self.str_const(qualname);
                let d = match doc {
                    Some(d) => self.str_const(d),
                    None => Value::C("NULL".into()),
                };
                let nsv = self.obj_call(
                    "pyx_class_namespace",
                    vec![
                        Value::Reg(meta_h),
                        n.clone(),
                        Value::Reg(bases_h),
                        Value::Reg(kw_h),
                        q,
                        d,
                    ],
                );
                self.assign(nsr, nsv);
                self.block(body);
                if captured {
                    // type.__new__ fills the cell with the class.
                    let key = self.name_const("__classcell__");
                    self.void_call(
                        "PyObject_SetItem",
                        vec![Value::Reg(nsr), key, Value::Reg(cell_reg)],
                        vec![false; 3],
                        ErrKind::Neg,
                    );
                }
                let cls = self.obj_call(
                    "pyx_make_class",
                    vec![
                        Value::Reg(meta_h),
                        n,
                        Value::Reg(bases_h),
                        Value::Reg(written_h),
                        Value::Reg(nsr),
                        Value::Reg(kw_h),
                    ],
                );
                let held = self.hold(cls);
                for local in [nsr, bases_h, written_h, kw_h, meta_h] {
                    self.push(None, OpKind::Clear { local }, ErrKind::Never);
                }
                self.take_local(held, &Type::OBJECT)
            }
            E::JoinStr(parts) => {
                let mut vals = Vec::new();
                for p in parts {
                    vals.push(self.expr(p));
                }
                let t = self.tuple_of(vals);
                let empty = self.str_const("");
                self.obj_call("PyUnicode_Join", vec![empty, t])
            }
            E::Format(v, conv, spec) => {
                let x = self.expr(v);
                let x = match conv {
                    Some('r') => self.obj_call("PyObject_Repr", vec![x]),
                    Some('s') => self.obj_call("PyObject_Str", vec![x]),
                    Some('a') => self.obj_call("PyObject_ASCII", vec![x]),
                    _ => x,
                };
                let s = match spec {
                    Some(s) => self.expr(s),
                    None => Value::C("NULL".into()),
                };
                self.obj_call("PyObject_Format", vec![x, s])
            }
            E::Import(name, top) => {
                self.helper("import");
                let n = self.str_const(name);
                self.obj_call("pyx_import", vec![n, Value::C((*top as i32).to_string())])
            }
            E::ImportRelative {
                module,
                level,
                names,
            } => {
                self.helper("import");
                let m = self.str_const(module);
                let wanted = c_string(names.join(",").as_bytes());
                self.obj_call(
                    "pyx_import_relative",
                    vec![
                        m,
                        Value::C("pyx_module_dict".into()),
                        Value::C(level.to_string()),
                        Value::C(wanted),
                    ],
                )
            }
            E::ImportFrom(m, name) => {
                self.helper("import");
                let mv = self.expr(m);
                let n = self.name_const(name);
                self.obj_call("pyx_import_from", vec![mv, n])
            }
            E::Invalid => Value::C("0".into()),
        }
    }

    /// Sets a new function object's `__defaults__`, `__kwdefaults__` and `__annotations__`
    /// (from the defaults just stored and the annotation texts), when it has any.
    /// A display with unpacked items: a list (or set, or dict) grown item by item; a tuple is
    /// the list converted at the end.
    fn unpacking_display(&mut self, kind: t::DisplayKind, items: &'p [t::DisplayItem]) -> Value {
        use t::DisplayKind as K;
        self.helper("call");
        let holder = match kind {
            K::Dict => self.new_dict(),
            K::Set => {
                let s = self.obj_call("PySet_New", vec![Value::C("NULL".into())]);
                self.hold(s)
            }
            K::List | K::Tuple => {
                let l = self.obj_call("PyList_New", vec![Value::C("0".into())]);
                self.hold(l)
            }
        };
        for item in items {
            match item {
                t::DisplayItem::Pair(kv) => {
                    let (k, v) = &**kv;
                    let kv = self.expr(k);
                    let vv = self.expr(v);
                    self.dict_set(holder, kv, vv);
                }
                t::DisplayItem::One(v) => {
                    let v = self.expr(v);
                    let add = if kind == K::Set {
                        "PySet_Add"
                    } else {
                        "PyList_Append"
                    };
                    self.void_call(
                        add,
                        vec![Value::Reg(holder), v],
                        vec![false; 2],
                        ErrKind::Neg,
                    );
                }
                t::DisplayItem::Unpack(v) => {
                    let v = self.expr(v);
                    let merge = if kind == K::Dict {
                        "pyx_update_mapping"
                    } else {
                        "pyx_extend"
                    };
                    self.void_call(
                        merge,
                        vec![Value::Reg(holder), v],
                        vec![false; 2],
                        ErrKind::Neg,
                    );
                }
            }
        }
        let built = self.take_local(holder, &Type::OBJECT);
        if kind == K::Tuple {
            self.obj_call("PyList_AsTuple", vec![built])
        } else {
            built
        }
    }

    /// A union from a mapping with exactly one of its members as key (as Cython converts).
    pub(super) fn union_from_mapping(
        &mut self,
        v: Value,
        from: &Type,
        u: &std::rc::Rc<crate::sema::types::StructType>,
    ) -> Value {
        self.helper("convert");
        let obj = self.materialize(v, from);
        let names: Vec<Value> = u.fields.iter().map(|(n, _)| self.str_const(n)).collect();
        let names = self.tuple_of(names);
        let which = self.c_call(
            "pyx_union_member",
            vec![obj.clone(), names],
            "Py_ssize_t",
            ErrKind::Neg,
        );
        let which_l = self.local("pyx_um", RType::C("Py_ssize_t".into()));
        self.assign(which_l, which);
        let result = self.local("pyx_u", rtype(&Type::Struct(u.clone())));
        let done = self.new_block();
        for (i, (name, fty)) in u.fields.iter().enumerate() {
            let (this, next) = (self.new_block(), self.new_block());
            let hit = self.c_expr_obj(&format!("$0 == {i}"), vec![Value::Reg(which_l)], "int");
            self.terminate(Term::Branch(hit, this, next));
            self.switch(this);
            let key = self.str_const(name);
            let item = self.obj_call("PyObject_GetItem", vec![obj.clone(), key]);
            let c = self.convert(item, &Type::OBJECT, fty);
            self.push(
                None,
                OpKind::Stmt {
                    template: format!("$0.{name} = $1"),
                    args: vec![Value::Reg(result), c],
                },
                ErrKind::Never,
            );
            self.goto(done);
            self.switch(next);
        }
        self.goto(done);
        self.switch(done);
        Value::Reg(result)
    }

    /// For a `char *` turning into `ty`: the codec to decode it with when `ty` is `str` (under
    /// `c_string_type=unicode`), as a C string operand.
    pub(super) fn c_string_codec(&mut self, ty: &Type) -> Option<Value> {
        let enc = self.prog.c_string_encoding?;
        if *ty != Type::Object(PyType::Str) {
            return None;
        }
        self.helper("convert");
        Some(Value::C(c_string(enc.codec().as_bytes())))
    }

    pub(super) fn function_attributes(&mut self, id: t::FuncId, f: Value) -> Value {
        let func = &self.prog.functions[id];
        let npos = func.layout.npos;
        let positional: Vec<t::GlobalId> = func.params[..npos]
            .iter()
            .filter_map(|p| p.default)
            .collect();
        let keyword: Vec<(String, t::GlobalId)> = func.params[npos..]
            .iter()
            .filter_map(|p| p.default.map(|g| (p.name.clone(), g)))
            .collect();
        let annotations = func.annotations.clone();
        if positional.is_empty() && keyword.is_empty() && annotations.is_empty() {
            return f;
        }
        let fh = self.hold(f);
        let default_value = |lw: &mut Self, g: t::GlobalId| {
            let gl = &lw.prog.globals[g];
            let (cname, ty) = (gl.cname.clone(), gl.ty.clone());
            let v = match ty {
                Type::MemView(_) => lw.borrowed_slice(cname),
                _ => Value::C(cname),
            };
            lw.convert(v, &ty, &Type::OBJECT)
        };
        let mut attrs: Vec<(&str, Value)> = Vec::new();
        if !positional.is_empty() {
            let vals: Vec<Value> = positional.iter().map(|&g| default_value(self, g)).collect();
            attrs.push(("__defaults__", self.tuple_of(vals)));
        }
        let dict_of = |lw: &mut Self, items: Vec<(String, Value)>| {
            let dh = lw.new_dict();
            for (k, v) in items {
                let key = lw.str_const(&k);
                lw.dict_set(dh, key, v);
            }
            lw.take_local(dh, &Type::OBJECT)
        };
        if !keyword.is_empty() {
            let items = keyword
                .into_iter()
                .map(|(k, g)| (k, default_value(self, g)))
                .collect();
            let d = dict_of(self, items);
            attrs.push(("__kwdefaults__", d));
        }
        if !annotations.is_empty() {
            let items = annotations
                .into_iter()
                .map(|(k, a)| {
                    let v = self.str_const(&a);
                    (k, v)
                })
                .collect();
            let d = dict_of(self, items);
            attrs.push(("__annotations__", d));
        }
        for (name, v) in attrs {
            let n = self.name_const(name);
            self.void_call(
                "PyObject_SetAttr",
                vec![Value::Reg(fh), n, v],
                vec![false; 3],
                ErrKind::Neg,
            );
        }
        self.take_local(fh, &Type::OBJECT)
    }

    /// A new empty dict held in a local: fill it with `dict_set`, move it out with
    /// `take_local`.
    /// `a <op> b` on objects (`as_bool`: its truth as a C int, for a condition). A boxed C
    /// integer operand (`len(x)`, say) is compared unboxed when the other is a small int.
    fn rich_compare(&mut self, op: CmpOp, a: &'p t::Expr, b: &'p t::Expr, as_bool: bool) -> Value {
        self.helper("object");
        let opv = Value::C(py_cmp(op).into());
        let (func, args) = match (boxed_c_int(a), boxed_c_int(b)) {
            (None, Some(bi)) => {
                let av = self.expr(a);
                let bv = self.expr(bi);
                let bv = self.materialize(bv, &bi.ty);
                let bv = Value::C(format!("(long long){}", self.text(&bv)));
                ("pyx_richcmp_ll", vec![av, bv, opv, Value::C("0".into())])
            }
            (Some(ai), None) => {
                let av = self.expr(ai);
                let av = self.materialize(av, &ai.ty);
                let av = Value::C(format!("(long long){}", self.text(&av)));
                let bv = self.expr(b);
                ("pyx_richcmp_ll", vec![bv, av, opv, Value::C("1".into())])
            }
            _ => {
                let av = self.expr(a);
                let bv = self.expr(b);
                ("pyx_richcmp", vec![av, bv, opv])
            }
        };
        if as_bool {
            self.c_call(&format!("{func}_bool"), args, "int", ErrKind::Neg)
        } else {
            self.obj_call(func, args)
        }
    }

    pub(super) fn new_dict(&mut self) -> Reg {
        let d = self.obj_call("PyDict_New", vec![]);
        self.hold(d)
    }

    /// `locals()`: each variable by name, an unbound object variable (or empty cell) left out.
    fn locals_dict(&mut self, items: &'p [(String, t::Expr)]) -> Value {
        let holder = self.new_dict();
        for (name, var) in items {
            let key = self.str_const(name);
            let E::Local(l) = var.kind else {
                let v = self.expr(var);
                self.dict_set(holder, key, v);
                continue;
            };
            let mut v = Value::Reg(self.locals[l]);
            if self.src.locals[l].cell {
                let r = self.temp(RType::Obj, false);
                let get = OpKind::Expr {
                    template: "PyCell_GET($0)".into(),
                    args: vec![v],
                };
                self.push(Some(r), get, ErrKind::Never);
                v = Value::Reg(r);
            }
            self.helper("core");
            self.void_call(
                "pyx_dict_set_bound",
                vec![Value::Reg(holder), key, v],
                vec![false; 3],
                ErrKind::Neg,
            );
        }
        self.take_local(holder, &Type::OBJECT)
    }

    pub(super) fn dict_set(&mut self, dict: Reg, key: Value, value: Value) {
        self.void_call(
            "PyDict_SetItem",
            vec![Value::Reg(dict), key, value],
            vec![false; 3],
            ErrKind::Neg,
        );
    }

    /// Keeps an object in a fresh local so it survives across blocks.
    pub(super) fn hold(&mut self, v: Value) -> Reg {
        self.hold_as("pyx_h", v)
    }

    /// `hold`, with the local named by `prefix`.
    pub(super) fn hold_as(&mut self, prefix: &str, v: Value) -> Reg {
        let h = self.local(prefix, RType::Obj);
        self.assign(h, v);
        h
    }

    /// A captured C variable's value as its cell holds it: numbers boxed, pointers as their
    /// address (an int).
    pub(super) fn box_cell_value(&mut self, v: Value, ty: &Type) -> Value {
        match ty {
            Type::Ptr(_) => self.obj_call(
                "PyLong_FromVoidPtr",
                vec![Value::C(format!("(void *)({})", self.text(&v)))],
            ),
            _ => self.convert(v, ty, &Type::OBJECT),
        }
    }

    /// The lvalue of a captured struct, ctuple or array: the block its cell holds (see
    /// `Type::lives_in_cell_block`).
    pub(super) fn cell_block(&mut self, cell: &Value, ty: &Type) -> Value {
        self.helper("closure");
        Value::C(format!(
            "(*({})pyx_cell_block({}))",
            ty.declare("(*)"),
            self.text(cell)
        ))
    }

    /// The C value of a captured variable from its cell's object (see `box_cell_value`).
    pub(super) fn unbox_cell_value(&mut self, obj: Value, ty: &Type) -> Value {
        match ty {
            Type::Ptr(_) => {
                let p = self.c_call("PyLong_AsVoidPtr", vec![obj], "void *", ErrKind::Never);
                Value::C(format!("(({})({}))", ty.declare(""), self.text(&p)))
            }
            _ => self.convert(obj, &Type::OBJECT, ty),
        }
    }

    /// Moves a local's value out as an owned temp (objects) or reads it (C values).
    pub(super) fn take_local(&mut self, r: Reg, ty: &Type) -> Value {
        if !ty.is_object() {
            return Value::Reg(r);
        }
        let t = self.temp(RType::Obj, true);
        self.push(
            Some(t),
            OpKind::Expr {
                template: "$0".into(),
                args: vec![Value::Reg(r)],
            },
            ErrKind::Never,
        );
        self.push(None, OpKind::IncRef(Value::Reg(t)), ErrKind::Never);
        self.push(None, OpKind::Clear { local: r }, ErrKind::Never);
        Value::Reg(t)
    }

    pub(super) fn tuple_of(&mut self, vals: Vec<Value>) -> Value {
        self.seq_of("pyx_tuple_steal", vals)
    }

    /// A tuple or list (`func`: `pyx_tuple_steal`/`pyx_list_steal`) of new references.
    pub(super) fn seq_of(&mut self, func: &str, vals: Vec<Value>) -> Value {
        self.helper("core");
        let n = vals.len();
        let mut args = vec![Value::C(n.to_string())];
        let mut steals = vec![false];
        for v in vals {
            args.push(v);
            steals.push(true);
        }
        self.obj_call_steal(func, args, steals)
    }

    pub(super) fn build_seq(&mut self, func: &str, items: &'p [t::Expr]) -> Value {
        self.helper("core");
        let mut args = vec![Value::C(items.len().to_string())];
        let mut steals = vec![false];
        for it in items {
            args.push(self.expr(it));
            steals.push(true);
        }
        self.obj_call_steal(func, args, steals)
    }

    /// A call whose first `items.len()` arguments are passed as one C array
    /// (`func((PyObject *[]){...}, extra...)`), for vectorcall. The array items stay tracked
    /// uses of the call itself, so they live until it returns.
    pub(super) fn array_call(&mut self, func: &str, items: Vec<Value>, extra: Vec<Value>) -> Value {
        let n = items.len();
        let mut args = items;
        args.extend(extra);
        self.obj_call(&format!("@array{n}:{func}"), args)
    }

    pub(super) fn py_call(&mut self, f: &'p t::Expr, args: &'p [t::CallArg]) -> Value {
        self.helper("call");
        let fv = self.expr(f);
        let simple = args
            .iter()
            .all(|a| matches!(a, t::CallArg::Pos(_) | t::CallArg::Kw(..)));
        if simple {
            let mut vals = Vec::new();
            let mut kwnames = Vec::new();
            for a in args {
                match a {
                    t::CallArg::Pos(e) => vals.push(self.expr(e)),
                    t::CallArg::Kw(k, e) => {
                        vals.push(self.expr(e));
                        kwnames.push(k.clone());
                    }
                    _ => unreachable!(),
                }
            }
            let nargs = vals.len() - kwnames.len();
            let kw = if kwnames.is_empty() {
                Value::C("NULL".into())
            } else {
                let items: Vec<String> = kwnames
                    .iter()
                    .map(|k| format!("PyUnicode_InternFromString({})", c_string(k.as_bytes())))
                    .collect();
                Value::C(self.consts.add(format!(
                    "pyx_tuple_steal({}, {})",
                    items.len(),
                    items.join(", ")
                )))
            };
            let mut all = vec![fv];
            all.extend(vals);
            return self.array_call("pyx_vectorcall", all, vec![Value::C(nargs.to_string()), kw]);
        }
        // General case: build a tuple and a dict.
        let lst = self.obj_call("PyList_New", vec![Value::C("0".into())]);
        let lh = self.hold(lst);
        let d = self.obj_call("PyDict_New", vec![]);
        let dh = self.hold(d);
        // Positional arguments (a `*it` written after keywords too) are evaluated before the
        // keyword ones, as in CPython.
        let positional = |a: &&t::CallArg| matches!(a, t::CallArg::Pos(_) | t::CallArg::Star(_));
        let (pos, kw): (Vec<_>, Vec<_>) = args.iter().partition(positional);
        for a in pos.into_iter().chain(kw) {
            match a {
                t::CallArg::Pos(e) => {
                    let v = self.expr(e);
                    self.void_call(
                        "PyList_Append",
                        vec![Value::Reg(lh), v],
                        vec![false, false],
                        ErrKind::Neg,
                    );
                }
                t::CallArg::Star(e) => {
                    let v = self.expr(e);
                    self.void_call(
                        "pyx_extend_args",
                        vec![Value::Reg(lh), v, fv.clone()],
                        vec![false; 3],
                        ErrKind::Neg,
                    );
                }
                t::CallArg::Kw(k, e) => {
                    let v = self.expr(e);
                    let n = self.name_const(k);
                    self.void_call(
                        "pyx_dict_add_kw",
                        vec![Value::Reg(dh), n, v, fv.clone()],
                        vec![false; 4],
                        ErrKind::Neg,
                    );
                }
                t::CallArg::StarStar(e) => {
                    let v = self.expr(e);
                    self.void_call(
                        "pyx_dict_merge_kw",
                        vec![Value::Reg(dh), v, fv.clone()],
                        vec![false; 3],
                        ErrKind::Neg,
                    );
                }
            }
        }
        let tup = self.obj_call("PyList_AsTuple", vec![Value::Reg(lh)]);
        let r = self.obj_call("PyObject_Call", vec![fv, tup, Value::Reg(dh)]);
        let held = self.hold(r);
        self.push(None, OpKind::Clear { local: lh }, ErrKind::Never);
        self.push(None, OpKind::Clear { local: dh }, ErrKind::Never);
        self.take_local(held, &Type::OBJECT)
    }

    pub(super) fn c_binary(
        &mut self,
        op: CBinOp,
        a: &'p t::Expr,
        b: &'p t::Expr,
        ty: &Type,
    ) -> Value {
        let av = self.expr(a);
        let before = self.f.blocks[self.cur].ops.len();
        let bv = self.expr(b);
        let av = if self.f.blocks[self.cur].ops.len() != before {
            self.materialize(av, &a.ty)
        } else {
            av
        };
        let (x, y) = (self.text(&av), self.text(&bv));
        let int = ty.is_int() || a.ty.is_int();
        let signed = a.ty.int_kind().is_none_or(IntKind::signed);
        // C `/` and `%` are only chosen under cdivision (possibly a `with cython.cdivision`
        // block), where nothing is checked.
        let checked = matches!(op, CBinOp::FloorDiv | CBinOp::PyMod | CBinOp::TrueDiv);
        let overflow_builtin = match op {
            CBinOp::AddChecked => Some("__builtin_add_overflow"),
            CBinOp::SubChecked => Some("__builtin_sub_overflow"),
            CBinOp::MulChecked => Some("__builtin_mul_overflow"),
            _ => None,
        };
        if let Some(builtin) = overflow_builtin {
            // The result goes into a C temp; the builtin reports overflow in the operand type.
            self.helper("arith");
            let r = self.temp(RType::C(ty.c_type()), false);
            let name = self.f.regs[r].name.clone();
            self.void_call(
                "PYX_CHECKED_ARITH",
                vec![
                    Value::C(builtin.into()),
                    Value::C(x),
                    Value::C(y),
                    Value::C(format!("&{name}")),
                ],
                vec![false; 4],
                ErrKind::Neg,
            );
            return Value::Reg(r);
        }
        if checked && !self.src.cdivision {
            let yv = self.materialize(bv.clone(), &b.ty);
            let y2 = self.text(&yv);
            self.helper("arith");
            // Cython's messages: a C double's `%` says "float divmod()", `/` and `//` say
            // "float division"; a `.py` module has CPython's.
            let msg = match (op, int, self.prog.cpython_messages) {
                (CBinOp::PyMod, true, true) => "integer modulo by zero",
                (CBinOp::TrueDiv, true, true) => "division by zero",
                (_, true, _) => "integer division or modulo by zero",
                (CBinOp::PyMod, false, true) => "float modulo",
                (CBinOp::FloorDiv, false, true) => "float floor division by zero",
                (_, false, true) => "float division by zero",
                (CBinOp::PyMod, false, false) => "float divmod()",
                _ => "float division",
            };
            self.void_call(
                "pyx_check_nonzero",
                vec![
                    Value::C(format!("({y2} == 0)")),
                    Value::C(c_string(msg.as_bytes())),
                ],
                vec![false, false],
                ErrKind::Neg,
            );
            return self.c_binary_text(op, &x, &y2, ty, &a.ty, int, signed);
        }
        self.c_binary_text(op, &x, &y, ty, &a.ty, int, signed)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn c_binary_text(
        &mut self,
        op: CBinOp,
        x: &str,
        y: &str,
        ty: &Type,
        operand: &Type,
        int: bool,
        signed: bool,
    ) -> Value {
        let cty = ty.c_type();
        Value::C(match op {
            CBinOp::Add | CBinOp::AddChecked => format!("({x} + {y})"),
            CBinOp::Sub | CBinOp::SubChecked => format!("({x} - {y})"),
            CBinOp::Mul | CBinOp::MulChecked => format!("({x} * {y})"),
            CBinOp::Div => format!("({x} / {y})"),
            CBinOp::Rem => {
                if int {
                    format!("({x} % {y})")
                } else {
                    format!("fmod({x}, {y})")
                }
            }
            CBinOp::TrueDiv => format!("(({cty}){x} / ({cty}){y})"),
            CBinOp::FloorDiv if int && signed => {
                self.helper("arith");
                format!("(({cty})PYX_FLOORDIV_S({x}, {y}))")
            }
            CBinOp::FloorDiv if int => format!("({x} / {y})"),
            CBinOp::FloorDiv => {
                self.helper("arith");
                format!("pyx_floordiv_d({x}, {y})")
            }
            CBinOp::PyMod if int && signed => {
                self.helper("arith");
                format!("(({cty})PYX_MOD_S({x}, {y}))")
            }
            CBinOp::PyMod if int => format!("({x} % {y})"),
            CBinOp::PyMod => {
                self.helper("arith");
                format!("pyx_mod_d({x}, {y})")
            }
            CBinOp::Pow => match ty {
                Type::Float(k) => format!("{}({x}, {y})", k.math_fn("pow")),
                Type::Complex(k) => format!("{}({x}, {y})", k.math_fn("cpow")),
                _ => {
                    self.helper("arith");
                    let _ = operand;
                    format!("(({cty})pyx_ipow({x}, {y}))")
                }
            },
            CBinOp::LShift => format!("({x} << {y})"),
            CBinOp::RShift => format!("({x} >> {y})"),
            CBinOp::BitAnd => format!("({x} & {y})"),
            CBinOp::BitOr => format!("({x} | {y})"),
            CBinOp::BitXor => format!("({x} ^ {y})"),
        })
    }
}

/// The C integer inside `e` when `e` boxes one whose every value a `long long` holds.
fn boxed_c_int(e: &t::Expr) -> Option<&t::Expr> {
    let E::Coerce(inner) = &e.kind else {
        return None;
    };
    match &inner.ty {
        Type::Int(it)
            if e.ty.is_object()
                && it.typedef.is_none()
                && !matches!(
                    it.kind,
                    IntKind::ULong | IntKind::Size | IntKind::ULongLong | IntKind::UCS4
                ) =>
        {
            Some(inner)
        }
        _ => None,
    }
}

impl<'p> FnLower<'p> {
    /// An object index given as a C integer, as a `Py_ssize_t` value: the runtime's
    /// `pyx_getitem_int`/`pyx_setitem_int` then need not box it for lists and tuples.
    pub(super) fn ssize_index(&mut self, idx: &'p t::Expr) -> Option<Value> {
        let c_index = unboxed_index(idx)?;
        let i = self.expr(c_index);
        Some(Value::C(format!("(Py_ssize_t){}", self.text(&i))))
    }
}

/// The C integer an object index was converted from, when every value of its type is a
/// `Py_ssize_t` (not `Py_UCS4`, which boxes to a str, nor typedefs of unknown width).
fn unboxed_index(idx: &t::Expr) -> Option<&t::Expr> {
    let E::Coerce(inner) = &idx.kind else {
        return None;
    };
    let Type::Int(it) = &inner.ty else {
        return None;
    };
    let fits = matches!(
        it.kind,
        IntKind::Char
            | IntKind::SChar
            | IntKind::UChar
            | IntKind::Short
            | IntKind::UShort
            | IntKind::Int
            | IntKind::Long
            | IntKind::SSize
    );
    (idx.ty.is_object() && it.typedef.is_none() && it.enum_tag.is_none() && fits)
        .then_some(&**inner)
}
