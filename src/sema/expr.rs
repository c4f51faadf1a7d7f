//! Expressions: name resolution, operator typing with Cython's rules, and explicit coercions
//! between C values and Python objects (calls are in call.rs).

use super::infer::binary_type;
use super::memview::VIEW_ARRAY;
use super::tree::*;
use super::types::*;
use super::{builtins, codes, Checker, Sym};
use crate::syntax::ast::{self, BinOp, CmpOp, ExprKind as E, UnaryOp};
use std::rc::Rc;

impl<'a> Checker<'a> {
    pub(super) fn expr(&mut self, e: &ast::Expr) -> Expr {
        let r = self.expr_kind(e);
        // Literals may still become C constants; they count when coerced to an object.
        if r.ty.is_object() && !is_py_literal(&r) {
            self.python_in_nogil(r.span);
        }
        r
    }

    /// The object of `obj.attr`: reaching a C field, C method or C-level property of an
    /// extension type needs no GIL, so the object itself is not a Python operation there.
    pub(super) fn member_object(&mut self, base: &ast::Expr, attr: &str) -> Expr {
        let r = self.expr_kind(base);
        let c_member = matches!(&r.ty, Type::Object(PyType::Ext(c)) if c.field(attr).is_some() || c.method(attr).is_some() || c.property(attr).is_some());
        if r.ty.is_object() && !is_py_literal(&r) && !c_member {
            self.python_in_nogil(r.span);
        }
        r
    }

    pub(super) fn expr_kind(&mut self, e: &ast::Expr) -> Expr {
        let span = e.span;
        let mk = |kind: ExprKind, ty: Type| Expr::new(kind, ty, span);
        match &e.kind {
            E::Name(id) => self.name(self.text(*id), span),
            E::Int(ast::IntLit::Small(n)) => {
                mk(ExprKind::PyInt(n.to_string()), Type::Object(PyType::Int))
            }
            E::Int(ast::IntLit::Big(s)) => {
                mk(ExprKind::PyInt(s.clone()), Type::Object(PyType::Int))
            }
            E::Float(f) => mk(ExprKind::CConst(c_double(*f)), Type::DOUBLE),
            // `2j` is a C `double complex` (Cython's type for imaginary literals); it becomes
            // a Python complex where an object is needed.
            E::Imag(f) => mk(
                ExprKind::CComplex(0.0, *f),
                Type::Complex(FloatKind::Double),
            ),
            E::Str(s) => mk(ExprKind::PyStr(s.clone()), Type::Object(PyType::Str)),
            E::Bytes(b) => mk(ExprKind::PyBytes(b.clone()), Type::Object(PyType::Bytes)),
            E::True => mk(ExprKind::CConst("1".into()), Type::Bint),
            E::False => mk(ExprKind::CConst("0".into()), Type::Bint),
            E::None => mk(ExprKind::PyNone, Type::OBJECT),
            E::Ellipsis => mk(ExprKind::PyEllipsis, Type::OBJECT),
            E::FString(parts) => self.fstring(parts, span),
            E::Tuple(es) | E::List(es) | E::Set(es)
                if es.iter().any(|e| matches!(e.kind, E::Starred(_))) =>
            {
                let (kind, ty) = match &e.kind {
                    E::Tuple(_) => (DisplayKind::Tuple, PyType::Tuple),
                    E::List(_) => (DisplayKind::List, PyType::List),
                    _ => (DisplayKind::Set, PyType::Set),
                };
                let items = es
                    .iter()
                    .map(|e| match &e.kind {
                        E::Starred(inner) => DisplayItem::Unpack(self.object(inner)),
                        _ => DisplayItem::One(self.object(e)),
                    })
                    .collect();
                mk(ExprKind::Unpacking(kind, items), Type::Object(ty))
            }
            E::Tuple(es) => {
                let items = self.object_items(es);
                mk(ExprKind::Tuple(items), Type::Object(PyType::Tuple))
            }
            E::List(es) => {
                let items = self.object_items(es);
                mk(ExprKind::List(items), Type::Object(PyType::List))
            }
            E::Set(es) => {
                let items = self.object_items(es);
                mk(ExprKind::Set(items), Type::Object(PyType::Set))
            }
            E::Dict(items) if items.iter().any(|(k, _)| k.is_none()) => {
                let items = items
                    .iter()
                    .map(|(k, v)| match k {
                        Some(k) => {
                            let k = self.object(k);
                            DisplayItem::Pair(Box::new((k, self.object(v))))
                        }
                        None => DisplayItem::Unpack(self.object(v)),
                    })
                    .collect();
                mk(
                    ExprKind::Unpacking(DisplayKind::Dict, items),
                    Type::Object(PyType::Dict),
                )
            }
            E::Dict(items) => {
                let mut out = Vec::new();
                for (k, v) in items {
                    let Some(k) = k else { continue };
                    let k = self.object(k);
                    let v = self.object(v);
                    out.push((k, v));
                }
                mk(ExprKind::Dict(out), Type::Object(PyType::Dict))
            }
            E::ListComp(elt, gens) => {
                self.comprehension(ComprehensionKind::List, elt, None, gens, span)
            }
            E::SetComp(elt, gens) => {
                self.comprehension(ComprehensionKind::Set, elt, None, gens, span)
            }
            E::DictComp(k, v, gens) => {
                self.comprehension(ComprehensionKind::Dict, k, Some(v), gens, span)
            }
            E::GeneratorExp(elt, gens) => self.generator_expression(elt, gens, span),
            E::Attribute(base, attr) => self.attribute(base, *attr, span),
            E::Subscript(base, idx) => self.subscript(base, idx, span),
            E::Slice(a, b, c) => {
                let mut part =
                    |x: &Option<Box<ast::Expr>>| x.as_ref().map(|x| Box::new(self.object(x)));
                let (a, b, c) = (part(a), part(b), part(c));
                mk(ExprKind::Slice(a, b, c), Type::Object(PyType::Slice))
            }
            E::Call(f, args) => self.call(f, args, span),
            E::Starred(_) => {
                self.error(
                    codes::OPERATION,
                    span,
                    "starred expression not allowed here",
                );
                Expr::invalid(span)
            }
            E::Unary(op, x) => self.unary(*op, x, span),
            E::Binary(op, a, b) => {
                let a = self.expr(a);
                let b = self.expr(b);
                self.binary(*op, a, b, span)
            }
            E::BoolOp(op, values) => {
                let mut it = values.iter();
                let first = it
                    .next()
                    .map(|v| self.expr(v))
                    .unwrap_or_else(|| Expr::invalid(span));
                it.fold(first, |acc, v| {
                    let v = self.expr(v);
                    self.bool_op(*op, acc, v, span)
                })
            }
            E::Compare(..) if self.fused_test(e).is_some() => {
                let v = self.fused_test(e) == Some(true);
                Expr::new(ExprKind::CConst(u8::from(v).to_string()), Type::Bint, span)
            }
            E::Compare(first, rest) => self.compare(first, rest, span),
            E::IfExp { test, body, orelse } => {
                let t = self.condition(test);
                let b = self.expr(body);
                let o = self.expr(orelse);
                // Int literal branches take the other branch's C int type (both literals:
                // `long`); beside a C float the literal stays a Python int and the expression
                // an object, as Cython's spanning type makes it.
                let int_like = |t: &Type| t.is_int() || *t == Type::Bint;
                let (b, o) = match (int_literal(&b), int_literal(&o)) {
                    (Some(_), Some(_)) => {
                        let long = Type::int(IntKind::Long);
                        (self.literal_as(b, &long), self.literal_as(o, &long))
                    }
                    (Some(_), None) if int_like(&o.ty) => (self.literal_as(b, &o.ty), o),
                    (None, Some(_)) if int_like(&b.ty) => {
                        let o = self.literal_as(o, &b.ty);
                        (b, o)
                    }
                    _ => (b, o),
                };
                let ty = join_branch(&b.ty, &o.ty);
                let b = self.coerce(b, &ty);
                let o = self.coerce(o, &ty);
                mk(ExprKind::IfExp(Box::new(t), Box::new(b), Box::new(o)), ty)
            }
            E::Lambda(params, body) => {
                self.lambda_count += 1;
                let (id, defaults, _) = self.check_def(
                    "<lambda>",
                    params,
                    None,
                    super::func::FnBody::Lambda(body),
                    &[],
                    span,
                );
                mk(ExprKind::MakeFunction(id, defaults), Type::OBJECT)
            }
            E::NamedExpr(target, value) => {
                let v = self.expr(value);
                let t = self.target(target);
                let ty = self.target_type(&t).unwrap_or(Type::OBJECT);
                let v = self.coerce(v, &ty);
                mk(ExprKind::Walrus(Box::new(t), Box::new(v)), ty)
            }
            E::Yield(v) => {
                let v = v.as_ref().map(|v| Box::new(self.object(v)));
                if !self.enter_generator(span) {
                    return Expr::invalid(span);
                }
                mk(ExprKind::Yield(v), Type::OBJECT)
            }
            E::YieldFrom(v) => {
                let v = self.object(v);
                if self.func.as_ref().is_some_and(|cx| cx.coroutine) {
                    self.error(codes::OPERATION, span, "'yield from' inside async function");
                    return Expr::invalid(span);
                }
                if !self.enter_generator(span) {
                    return Expr::invalid(span);
                }
                mk(ExprKind::YieldFrom(Box::new(v)), Type::OBJECT)
            }
            E::Await(v) => {
                let v = self.object(v);
                if !self.in_coroutine(span, "await") {
                    return Expr::invalid(span);
                }
                mk(ExprKind::Await(Box::new(v)), Type::OBJECT)
            }
            E::Cast { ty, checked, expr } => {
                // `<double[:n]>ptr`: a view over C memory.
                if let ast::CTypeKind::MemoryView { base, axes } = &ty.kind {
                    let dims: Option<Vec<&ast::Expr>> = axes
                        .iter()
                        .map(|a| match &a.kind {
                            E::Slice(None, Some(n), None) => Some(&**n),
                            _ => None,
                        })
                        .collect();
                    if let Some(dims) = dims.filter(|d| !d.is_empty()) {
                        let item = self.resolve_ctype(base);
                        let ssize = Type::int(IntKind::SSize);
                        let dims: Vec<Expr> = dims
                            .into_iter()
                            .map(|d| {
                                let d = self.expr(d);
                                self.coerce(d, &ssize)
                            })
                            .collect();
                        let v = self.expr(expr);
                        if item.is_error() || v.ty.is_error() {
                            return Expr::invalid(span);
                        }
                        return self.memview_from_pointer(v, item, dims, span);
                    }
                }
                let to = self.resolve_ctype(ty);
                let v = self.expr(expr);
                self.cast(v, to, *checked, span)
            }
            E::SizeofType(t) => {
                let t = self.resolve_ctype(t);
                self.sizeof(t, span)
            }
            E::AddressOf(x) => {
                let v = self.expr(x);
                if v.ty.is_object() || !is_lvalue(&v) {
                    if !v.ty.is_error() {
                        self.error(
                            codes::OPERATION,
                            span,
                            if v.ty.is_object() {
                                "Cannot take address of Python object variable"
                            } else {
                                "Cannot take address of this expression (not an lvalue)"
                            },
                        );
                    }
                    return Expr::invalid(span);
                }
                let ty = Type::Ptr(Box::new(v.ty.clone()));
                mk(ExprKind::AddressOf(Box::new(v)), ty)
            }
            E::TypeOption(k, _) => {
                self.error(
                    codes::OPERATION,
                    k.span,
                    "a keyword option is only allowed in the brackets of a buffer type",
                );
                Expr::invalid(span)
            }
            E::Invalid => Expr::invalid(span),
        }
    }

    /// An expression converted to a Python object.
    pub(super) fn object(&mut self, e: &ast::Expr) -> Expr {
        let v = self.expr(e);
        self.coerce(v, &Type::OBJECT)
    }

    fn object_items(&mut self, es: &[ast::Expr]) -> Vec<Expr> {
        es.iter().map(|e| self.object(e)).collect()
    }

    /// A condition: any expression, as a C truth value.
    pub(super) fn condition(&mut self, e: &ast::Expr) -> Expr {
        let v = self.expr(e);
        // A truth test is not a conversion: `if None:` and `while 'ab':` are fine.
        self.convert(v, &Type::Bint)
    }

    pub(super) fn name(&mut self, name: &str, span: ast::Span) -> Expr {
        let mk = |kind: ExprKind, ty: Type| Expr::new(kind, ty, span);
        if let Some(id) = self.comprehension_var(name) {
            let ty = self.func.as_ref().expect("function context").locals[id]
                .ty
                .clone();
            return mk(ExprKind::Local(id), ty);
        }
        if let Some((ns, _)) = &self.class_ns {
            let own_scope = self.in_comprehension && self.opts.pure_python;
            if self.class_body_names.contains(name) && !own_scope {
                return mk(ExprKind::ClassLookup(*ns, name.into()), Type::OBJECT);
            }
        }
        if let Some(cx) = &self.func {
            // In a function, a `global` name skips the locals (module code has only locals).
            if cx.kind == FuncKind::ModuleInit || !cx.globals.contains(name) {
                if let Some(&id) = cx.scope.get(name) {
                    return mk(ExprKind::Local(id), cx.locals[id].ty.clone());
                }
            }
        }
        if let Some(e) = self.free_var(name, span) {
            return e;
        }
        match self.module.get(name).cloned() {
            Some(Sym::CGlobal(g)) => {
                return mk(ExprKind::CGlobal(g), self.program.globals[g].ty.clone())
            }
            Some(Sym::CName { cname, ty, .. }) => return mk(ExprKind::CName(cname), ty),
            Some(Sym::CFunc(info)) => {
                if info.cpdef {
                    return mk(ExprKind::PyGlobal(name.into()), Type::OBJECT);
                }
                return mk(
                    ExprKind::CName(info.cname.clone()),
                    Type::Func(info.sig.clone()),
                );
            }
            Some(Sym::FusedCFunc(ff)) => {
                if ff.cpdef {
                    return mk(ExprKind::PyGlobal(name.into()), Type::OBJECT);
                }
                self.error(
                    codes::UNSUPPORTED,
                    span,
                    format!("using the fused function '{name}' other than by calling it is not supported by pyxc"),
                );
                return Expr::invalid(span);
            }
            Some(Sym::Fused(_)) => {
                self.error(
                    codes::OPERATION,
                    span,
                    format!("'{name}' is a fused type, not a value"),
                );
                return Expr::invalid(span);
            }
            Some(Sym::Type(_)) if self.view_arrays.contains(name) => {
                return mk(ExprKind::CName(VIEW_ARRAY.into()), Type::OBJECT);
            }
            Some(Sym::Type(Type::Object(PyType::Ext(c)))) => {
                return mk(
                    ExprKind::CName(c.get().type_var()),
                    Type::Object(PyType::Type),
                );
            }
            Some(Sym::Type(_)) if self.py_globals.contains(name) => {
                // A `cpdef enum`: its Python class.
                return mk(ExprKind::PyGlobal(name.into()), Type::OBJECT);
            }
            Some(Sym::Type(t)) => {
                if let Type::Object(p) = t {
                    return mk(
                        ExprKind::Builtin(p.name().into()),
                        Type::Object(PyType::Type),
                    );
                }
                self.error(
                    codes::OPERATION,
                    span,
                    format!("'{name}' is a type, not a value"),
                );
                return Expr::invalid(span);
            }
            // `import numpy as np` beside `cimport numpy as np`: the value is the module.
            Some(Sym::CModule(_)) if self.py_globals.contains(name) => {}
            Some(Sym::CModule(_)) => {
                self.error(
                    codes::OPERATION,
                    span,
                    format!("'{name}' is a cimported module, not a value"),
                );
                return Expr::invalid(span);
            }
            Some(Sym::PyGlobal) | None => {}
        }
        if self.py_globals.contains(name) {
            return mk(ExprKind::PyGlobal(name.into()), Type::OBJECT);
        }
        if name == "NULL" {
            return mk(ExprKind::CConst("NULL".into()), Type::NullPtr);
        }
        if builtins::is_builtin(name) {
            return mk(ExprKind::Builtin(name.into()), Type::OBJECT);
        }
        if name == "cython" {
            self.error(
                codes::UNDECLARED,
                span,
                "'cython' used as a value (missing 'cimport cython'?)",
            );
            return Expr::invalid(span);
        }
        if self.star_imported {
            return mk(ExprKind::PyGlobal(name.into()), Type::OBJECT);
        }
        self.error(
            codes::UNDECLARED,
            span,
            format!("undeclared name not builtin: {name}"),
        );
        Expr::invalid(span)
    }

    /// `super()` in a method: `super(__class__, <first argument>)`, as Python compiles it.
    pub(super) fn zero_arg_super(&mut self, span: ast::Span) -> Option<Expr> {
        let cx = self.func.as_ref()?;
        if cx.kind != FuncKind::Def || cx.locals.is_empty() || self.enclosing.is_empty() {
            return None;
        }
        let first = Expr::new(ExprKind::Local(0), cx.locals[0].ty.clone(), span);
        let first = self.coerce(first, &Type::OBJECT);
        let class = self.free_var(CLASS_CELL, span)?;
        let callee = Expr::new(ExprKind::Builtin("super".into()), Type::OBJECT, span);
        let args = vec![CallArg::Pos(class), CallArg::Pos(first)];
        Some(Expr::new(
            ExprKind::PyCall(Box::new(callee), args),
            Type::OBJECT,
            span,
        ))
    }

    /// A name that is a local of an enclosing function (not the module): the enclosing local
    /// becomes a cell and every function in between captures it.
    fn free_var(&mut self, name: &str, span: ast::Span) -> Option<Expr> {
        let i = self.free_var_index(name, span)?;
        let ty = self.func.as_ref()?.freevars[i].ty.clone();
        Some(Expr::new(ExprKind::FreeVar(i), ty, span))
    }

    /// The index in the current function's captured variables of `name`, a local of an
    /// enclosing function (captured on first use).
    pub(super) fn free_var_index(&mut self, name: &str, span: ast::Span) -> Option<usize> {
        let cx = self.func.as_ref()?;
        if cx.kind == FuncKind::ModuleInit || cx.globals.contains(name) {
            return None;
        }
        if let Some(i) = cx.freevars.iter().position(|f| f.name == name) {
            return Some(i);
        }
        let depth = self.enclosing.len();
        let (source, ty) = self.capture(depth, name, span)?;
        let cx = self.func.as_mut()?;
        cx.freevars.push(FreeVar {
            name: name.to_string(),
            ty,
            source,
        });
        Some(cx.freevars.len() - 1)
    }

    /// Finds `name` in `self.enclosing[..depth]` (innermost last) and returns how the function
    /// at `depth` reaches its cell.
    fn capture(&mut self, depth: usize, name: &str, span: ast::Span) -> Option<(CellSource, Type)> {
        let parent = self.enclosing.get(depth.checked_sub(1)?)?;
        // Module code has no locals to capture, except the `__class__` cell of a class body.
        if parent.kind == FuncKind::ModuleInit && name != CLASS_CELL
            || parent.globals.contains(name)
        {
            return None;
        }
        if let Some(&id) = parent.scope.get(name) {
            let ty = parent.locals[id].ty.clone();
            // A captured C number lives boxed in its cell, a pointer as its address, a
            // memoryview as its Python object, a struct or array in a block the cell owns.
            if !ty.is_object()
                && !ty.is_numeric()
                && !ty.lives_in_cell_block()
                && !matches!(ty, Type::Ptr(_) | Type::MemView(_))
            {
                self.error(
                    codes::UNSUPPORTED,
                    span,
                    format!("closures over C variables ('{name}' is '{ty}') are not supported yet by pyxc"),
                );
                return None;
            }
            self.enclosing[depth - 1].locals[id].cell = true;
            return Some((CellSource::Local(id), ty));
        }
        if let Some(i) = parent.freevars.iter().position(|f| f.name == name) {
            return Some((CellSource::Free(i), parent.freevars[i].ty.clone()));
        }
        let (source, ty) = self.capture(depth - 1, name, span)?;
        let parent = &mut self.enclosing[depth - 1];
        parent.freevars.push(FreeVar {
            name: name.to_string(),
            ty: ty.clone(),
            source,
        });
        Some((CellSource::Free(parent.freevars.len() - 1), ty))
    }

    fn attribute(&mut self, base: &ast::Expr, attr: ast::Ident, span: ast::Span) -> Expr {
        let name = self.text(attr).to_string();
        if let Some(e) = self.cython_constant(base, &name, span) {
            return e;
        }
        // `m.x` on a cimported module; a name it does not declare is the Python module's
        // when `m` is imported too (`import numpy as np` and `cimport numpy as np`).
        if let E::Name(b) = &base.kind {
            if let Some(Sym::CModule(m)) = self.module.get(self.text(*b)).cloned() {
                let imported_too = self.py_globals.contains(self.text(*b));
                let found = match m.get(&name) {
                    Some(Sym::CName { cname, ty, .. }) => {
                        Some(Expr::new(ExprKind::CName(cname.clone()), ty.clone(), span))
                    }
                    Some(Sym::CFunc(info)) => Some(Expr::new(
                        ExprKind::CName(info.cname.clone()),
                        Type::Func(info.sig.clone()),
                        span,
                    )),
                    // `isinstance(x, m.C)`: a cimported extension type's type object.
                    Some(Sym::Type(Type::Object(PyType::Ext(c)))) => Some(Expr::new(
                        ExprKind::CName(c.get().type_var()),
                        Type::Object(PyType::Type),
                        span,
                    )),
                    _ if imported_too => None,
                    _ => {
                        self.error(
                            codes::UNDECLARED,
                            attr.span,
                            format!("'{name}' not declared in cimported module"),
                        );
                        Some(Expr::invalid(span))
                    }
                };
                if let Some(e) = found {
                    return e;
                }
            }
        }
        // A buffer variable's dimensions are its view's (as Cython reads them from the
        // buffer), so the buffer syntax needs no numpy header.
        if matches!(name.as_str(), "shape" | "strides" | "ndim" | "size") {
            if let Some((view, mv)) = self.buffer_view(base) {
                return self.memview_attribute(view, mv, &name, span);
            }
        }
        let b = self.member_object(base, &name);
        let b = match self.ext_attribute(b, &name, span) {
            Ok(field) => return field,
            Err(b) => *b,
        };
        if b.ty == Type::Object(PyType::ViewArray) {
            if let Some(field) = self.view_array_field(&b, &name, span) {
                return field;
            }
        }
        match &b.ty {
            Type::MemView(mv) => {
                let mv = mv.clone();
                self.memview_attribute(b, mv, &name, span)
            }
            Type::Complex(k) if name == "real" || name == "imag" => {
                let part = if name == "real" {
                    ComplexPart::Real
                } else {
                    ComplexPart::Imag
                };
                let ty = Type::Float(*k);
                Expr::new(ExprKind::ComplexPart(Box::new(b), part), ty, span)
            }
            Type::Struct(s) => self.struct_field(b.clone(), s.clone(), &name, false, span),
            Type::Ptr(inner) if matches!(**inner, Type::Struct(_)) => {
                let Type::Struct(s) = &**inner else {
                    unreachable!()
                };
                let s = s.clone();
                self.struct_field(b, s, &name, true, span)
            }
            Type::Error => Expr::invalid(span),
            t if !t.is_object() && !t.converts_to_object() => {
                self.error(
                    codes::OPERATION,
                    span,
                    format!("Object of type '{t}' has no attribute '{name}'"),
                );
                Expr::invalid(span)
            }
            _ => {
                let b = self.coerce(b, &Type::OBJECT);
                Expr::new(ExprKind::Attribute(Box::new(b), name), Type::OBJECT, span)
            }
        }
    }

    /// The struct with its fields: one may have been completed after a value's type was taken.
    pub(super) fn completed_struct(&self, s: Rc<StructType>) -> Rc<StructType> {
        self.program
            .structs
            .iter()
            .find(|x| x.cname == s.cname)
            .cloned()
            .unwrap_or(s)
    }

    fn struct_field(
        &mut self,
        b: Expr,
        s: Rc<StructType>,
        name: &str,
        arrow: bool,
        span: ast::Span,
    ) -> Expr {
        let full = self.completed_struct(s);
        match full.fields.iter().find(|(n, _)| n == name) {
            Some((_, t)) => Expr::new(
                ExprKind::CField(Box::new(b), name.into(), arrow),
                t.clone(),
                span,
            ),
            None => {
                self.error(
                    codes::OPERATION,
                    span,
                    format!("struct '{}' has no field '{name}'", full.name),
                );
                Expr::invalid(span)
            }
        }
    }

    fn subscript(&mut self, base: &ast::Expr, idx: &ast::Expr, span: ast::Span) -> Expr {
        if let Some((view, mv)) = self.buffer_index(base, idx) {
            return self.memview_subscript(view, mv, idx, span);
        }
        let b = self.expr(base);
        match &b.ty {
            Type::Ptr(inner) | Type::Array(inner, _) => {
                let inner = (**inner).clone();
                if let E::Slice(lo, hi, None) = &idx.kind {
                    if matches!(b.ty, Type::Array(_, Some(_))) && !b.ty.is_c_string() {
                        return self.array_slice(b, lo.as_deref(), hi.as_deref(), span);
                    }
                    if b.ty.is_c_string() {
                        // `p[a:b]` on a char*: the bytes between, NULs included.
                        let ssize = Type::int(IntKind::SSize);
                        let mut bound = |x: &Option<Box<ast::Expr>>| {
                            x.as_ref().map(|x| {
                                let e = self.expr(x);
                                Box::new(self.coerce(e, &ssize))
                            })
                        };
                        let (lo, hi) = (bound(lo), bound(hi));
                        let ty = self.c_string_object_type();
                        return Expr::new(
                            ExprKind::CStrSlice(Box::new(b), lo, hi),
                            Type::Object(ty),
                            span,
                        );
                    }
                }
                let i = self.expr(idx);
                // Object indices convert to Py_ssize_t, as in Cython.
                let index_ok = i.ty.is_int() || i.ty.is_error() || i.ty.is_object();
                if !index_ok || i.ty == Type::Object(PyType::Slice) {
                    self.error(
                        codes::OPERATION,
                        idx.span,
                        format!("Invalid index type '{}'", i.ty),
                    );
                    return Expr::invalid(span);
                }
                let i = self.coerce(i, &Type::int(IntKind::SSize));
                Expr::new(ExprKind::CIndex(Box::new(b), Box::new(i)), inner, span)
            }
            Type::CTuple(items) => {
                let items = items.clone();
                self.ctuple_item(b, &items, idx, span)
            }
            Type::MemView(mv) => {
                let mv = mv.clone();
                self.memview_subscript(b, mv, idx, span)
            }
            Type::Error => Expr::invalid(span),
            Type::Object(PyType::Str) if self.str_index_type(idx) => {
                // A str indexed by a C integer is a Py_UCS4, as Cython types it.
                let i = self.expr(idx);
                let i = self.coerce(i, &Type::int(IntKind::SSize));
                let ucs4 = Type::int(IntKind::UCS4);
                let sig = super::builtin_calls::c_api(
                    ucs4.clone(),
                    vec![Type::OBJECT, Type::int(IntKind::SSize)],
                    ExcCheck::Value("(Py_UCS4)-1".into()),
                );
                let callee = Expr::new(
                    ExprKind::CName("pyx_str_item".into()),
                    Type::Func(sig.clone()),
                    span,
                );
                let b = b.coerce(Type::OBJECT);
                Expr::new(
                    ExprKind::CCall(Box::new(callee), vec![b, i], sig),
                    ucs4,
                    span,
                )
            }
            Type::Object(_) => {
                // `f[cython.double]`, `f[double, long]`: a fused function's specialisation.
                let i = match self.fused_index_key(base, idx) {
                    Some(key) => Expr::new(ExprKind::PyStr(key), Type::Object(PyType::Str), span),
                    None => self.object(idx),
                };
                Expr::new(
                    ExprKind::Subscript(Box::new(b), Box::new(i)),
                    Type::OBJECT,
                    span,
                )
            }
            t => {
                self.error(
                    codes::OPERATION,
                    span,
                    format!("Attempting to index non-array type '{t}'"),
                );
                Expr::invalid(span)
            }
        }
    }

    /// A tuple display as a ctuple: its length must match, items convert one by one (from
    /// their C values, not through the objects the display would have built).
    pub(super) fn ctuple_display(
        &mut self,
        items: Vec<Expr>,
        ts: &[Type],
        span: ast::Span,
    ) -> Expr {
        if items.len() != ts.len() {
            self.error(
                codes::TYPE_MISMATCH,
                span,
                format!(
                    "Cannot assign a tuple of length {} to a ctuple of length {}",
                    items.len(),
                    ts.len()
                ),
            );
            return Expr::invalid(span);
        }
        let mut out = Vec::new();
        for (item, t) in items.into_iter().zip(ts) {
            let item = match item.kind {
                ExprKind::Coerce(inner) if !inner.ty.is_object() => *inner,
                kind => Expr { kind, ..item },
            };
            out.push(self.coerce(item, t));
        }
        Expr::new(ExprKind::CTuple(out), Type::CTuple(ts.to_vec()), span)
    }

    /// `sizeof(T)`: `void` has no size (an extern struct declared with `pass` may be complete
    /// in its header, so C decides for those).
    pub(super) fn sizeof(&mut self, ty: Type, span: ast::Span) -> Expr {
        if ty.is_void() {
            self.error(
                codes::OPERATION,
                span,
                format!("Cannot take sizeof of incomplete type '{ty}'"),
            );
            return Expr::invalid(span);
        }
        Expr::new(ExprKind::SizeOf(ty), Type::int(IntKind::Size), span)
    }

    /// `t[i]` on a ctuple: a field of its C struct, so the index must be known at compile
    /// time (negative indices count from the end, as in Cython).
    fn ctuple_item(&mut self, t: Expr, items: &[Type], idx: &ast::Expr, span: ast::Span) -> Expr {
        let Some(i) = self.const_int(idx) else {
            self.error(
                codes::OPERATION,
                idx.span,
                "ctuple index must be a compile-time constant integer",
            );
            return Expr::invalid(span);
        };
        let n = items.len() as i128;
        let k = if i < 0 { i + n } else { i };
        if !(0..n).contains(&k) {
            self.error(
                codes::OPERATION,
                idx.span,
                format!("Index {i} out of range for ctuple of length {n}"),
            );
            return Expr::invalid(span);
        }
        let ty = items[k as usize].clone();
        Expr::new(
            ExprKind::CField(Box::new(t), format!("f{k}"), false),
            ty,
            span,
        )
    }

    fn unary(&mut self, op: UnaryOp, x: &ast::Expr, span: ast::Span) -> Expr {
        let v = self.expr(x);
        if let (UnaryOp::Neg, ExprKind::PyInt(s)) = (op, &v.kind) {
            let s = if let Some(r) = s.strip_prefix('-') {
                r.to_string()
            } else {
                format!("-{s}")
            };
            return Expr::new(ExprKind::PyInt(s), v.ty, span);
        }
        if let (UnaryOp::Neg, ExprKind::CComplex(re, im)) = (op, &v.kind) {
            return Expr::new(ExprKind::CComplex(-re, -im), v.ty, span);
        }
        if let (UnaryOp::Neg, ExprKind::CConst(s)) = (op, &v.kind) {
            if v.ty.is_float() {
                let s = if let Some(r) = s.strip_prefix('-') {
                    r.to_string()
                } else {
                    format!("-{s}")
                };
                return Expr::new(ExprKind::CConst(s), v.ty, span);
            }
        }
        let cop = match op {
            UnaryOp::Neg => CUnOp::Neg,
            UnaryOp::Pos => CUnOp::Pos,
            UnaryOp::Invert => CUnOp::Invert,
            UnaryOp::Not => CUnOp::Not,
        };
        if op == UnaryOp::Not {
            let c = self.convert(v, &Type::Bint);
            return Expr::new(ExprKind::CUnary(CUnOp::Not, Box::new(c)), Type::Bint, span);
        }
        match &v.ty {
            Type::Error => Expr::invalid(span),
            t if t.is_numeric() => {
                if op == UnaryOp::Invert && (t.is_float() || t.is_complex()) {
                    self.error(
                        codes::OPERATION,
                        span,
                        format!("Invalid operand type for '~' ({t})"),
                    );
                    return Expr::invalid(span);
                }
                let ty = if matches!(t, Type::Bint) {
                    Type::int(IntKind::Int)
                } else {
                    arithmetic_result(t, t)
                };
                let v = self.coerce(v, &ty);
                Expr::new(ExprKind::CUnary(cop, Box::new(v)), ty, span)
            }
            Type::Object(_) => Expr::new(ExprKind::PyUnary(cop, Box::new(v)), Type::OBJECT, span),
            t => {
                self.error(
                    codes::OPERATION,
                    span,
                    format!("Invalid operand type for unary operator ({t})"),
                );
                Expr::invalid(span)
            }
        }
    }

    /// `a op b` with Cython's typing: C arithmetic when both sides are C numbers (int literals
    /// adapt to the other side), Python arithmetic otherwise.
    /// `a op b` on Python objects (the operands converted).
    fn object_binary(&mut self, op: BinOp, a: Expr, b: Expr, span: ast::Span) -> Expr {
        let a = self.coerce(a, &Type::OBJECT);
        let b = self.coerce(b, &Type::OBJECT);
        Expr::new(
            ExprKind::PyBinary(op, Box::new(a), Box::new(b)),
            Type::OBJECT,
            span,
        )
    }

    pub(super) fn binary(&mut self, op: BinOp, a: Expr, b: Expr, span: ast::Span) -> Expr {
        if a.ty.is_error() || b.ty.is_error() {
            return Expr::invalid(span);
        }
        if is_ucs4(&a.ty) || is_ucs4(&b.ty) {
            // Cython does arithmetic with a Py_UCS4 operand on Python objects: the character
            // is a one-character str there (`c + 1` is a TypeError, `c * 2` repeats it).
            return self.object_binary(op, a, b, span);
        }
        let const_exponent = int_literal(&b);
        // Int literals take the C type of the other operand; two literals stay Python ints.
        // In a `**` a literal beside a C int is a `long`, as Cython types it (so `u ** 2` on an
        // `unsigned short` is computed in `long`); so is one beside an enum value.
        let is_enum = |t: &Type| matches!(t, Type::Int(it) if it.enum_name().is_some());
        let lit_type = |other: &Type| {
            if op == BinOp::Pow && other.is_int() || is_enum(other) {
                arithmetic_result(other, &Type::int(IntKind::Long))
            } else {
                other.clone()
            }
        };
        let (a, b) = match (int_literal(&a), int_literal(&b)) {
            (Some(_), None) if b.ty.is_numeric() => {
                let t = lit_type(&b.ty);
                (self.literal_as(a, &t), b)
            }
            (None, Some(_)) if a.ty.is_numeric() || a.ty.is_ptr_like() => {
                let t = if a.ty.is_ptr_like() {
                    Type::int(IntKind::SSize)
                } else {
                    lit_type(&a.ty)
                };
                let b = self.literal_as(b, &t);
                (a, b)
            }
            _ => (a, b),
        };
        if let Some(c) = fold_complex(op, &a, &b, span) {
            return c;
        }
        let ty = binary_type(op, &a.ty, &b.ty);
        if ty.is_error() {
            let msg = match arithmetic_result(&a.ty, &b.ty) {
                // Cython's wording for the operators complex numbers lack.
                t @ Type::Complex(_) if op == BinOp::Mod => {
                    format!("mod operator not supported for type '{t}'")
                }
                t @ Type::Complex(_) if a.ty.is_numeric() && b.ty.is_numeric() => {
                    format!("binary operator {} not supported for {t}", op.symbol())
                }
                _ => format!(
                    "Invalid operand types for '{}' ({}; {})",
                    op.symbol(),
                    a.ty,
                    b.ty
                ),
            };
            self.error(codes::OPERATION, span, msg);
            return Expr::invalid(span);
        }
        if ty.is_object() {
            for side in [&a, &b] {
                if !side.ty.converts_to_object() {
                    self.error(
                        codes::OPERATION,
                        span,
                        format!(
                            "Invalid operand types for '{}' ({}; {})",
                            op.symbol(),
                            a.ty,
                            b.ty
                        ),
                    );
                    return Expr::invalid(span);
                }
            }
            return self.object_binary(op, a, b, span);
        }
        if a.ty.is_ptr_like() {
            return Expr::new(
                ExprKind::CBinary(
                    if op == BinOp::Add {
                        CBinOp::Add
                    } else {
                        CBinOp::Sub
                    },
                    Box::new(a),
                    Box::new(b),
                ),
                ty,
                span,
            );
        }
        let operand_ty = arithmetic_result(&a.ty, &b.ty);
        let cdiv = self.directives.cdivision;
        let (cop, operand_ty) = match op {
            BinOp::Add => (CBinOp::Add, operand_ty),
            BinOp::Sub => (CBinOp::Sub, operand_ty),
            BinOp::Mul => (CBinOp::Mul, operand_ty),
            BinOp::Div if operand_ty.is_float() || operand_ty.is_complex() => {
                (if cdiv { CBinOp::Div } else { CBinOp::TrueDiv }, operand_ty)
            }
            // Under cdivision, `/` between C ints is C's truncating division (as in Cython).
            BinOp::Div if cdiv => (CBinOp::Div, operand_ty),
            BinOp::Div => (CBinOp::TrueDiv, Type::DOUBLE),
            BinOp::FloorDiv => (
                if cdiv && operand_ty.is_int() {
                    CBinOp::Div
                } else {
                    CBinOp::FloorDiv
                },
                operand_ty,
            ),
            BinOp::Mod => (if cdiv { CBinOp::Rem } else { CBinOp::PyMod }, operand_ty),
            BinOp::Pow => {
                // An int base with a constant non-negative exponent or an unsigned one stays
                // an int; any other exponent gives C's pow() on doubles (Cython 3: `0 ** -1`
                // is inf), a call rather than a `**` so that boxing it keeps C's result.
                let unsigned_exp = b.ty.int_kind().is_some_and(|k| !k.signed());
                if operand_ty.is_int()
                    && !unsigned_exp
                    && !matches!(const_exponent, Some(n) if n >= 0)
                {
                    let a = self.coerce(a, &Type::DOUBLE);
                    let b = self.coerce(b, &Type::DOUBLE);
                    let sig = super::builtin_calls::c_api(
                        Type::DOUBLE,
                        vec![Type::DOUBLE, Type::DOUBLE],
                        ExcCheck::None,
                    );
                    let callee =
                        Expr::new(ExprKind::CName("pow".into()), Type::Func(sig.clone()), span);
                    return Expr::new(
                        ExprKind::CCall(Box::new(callee), vec![a, b], sig),
                        Type::DOUBLE,
                        span,
                    );
                }
                (CBinOp::Pow, operand_ty)
            }
            BinOp::LShift => (CBinOp::LShift, operand_ty),
            BinOp::RShift => (CBinOp::RShift, operand_ty),
            BinOp::BitAnd => (CBinOp::BitAnd, operand_ty),
            BinOp::BitOr => (CBinOp::BitOr, operand_ty),
            BinOp::BitXor => (CBinOp::BitXor, operand_ty),
            BinOp::MatMul => unreachable!("rejected by binary_type"),
        };
        let signed_int = operand_ty.int_kind().is_some_and(IntKind::signed);
        let cop = match cop {
            CBinOp::Add if self.directives.overflowcheck && signed_int => CBinOp::AddChecked,
            CBinOp::Sub if self.directives.overflowcheck && signed_int => CBinOp::SubChecked,
            CBinOp::Mul if self.directives.overflowcheck && signed_int => CBinOp::MulChecked,
            other => other,
        };
        let result_ty = operand_ty.clone();
        let a = self.coerce(a, &operand_ty);
        let b = self.coerce(b, &operand_ty);
        Expr::new(
            ExprKind::CBinary(cop, Box::new(a), Box::new(b)),
            result_ty,
            span,
        )
    }

    /// An int literal as a C constant of type `ty` (or as a double constant).
    fn literal_as(&mut self, lit: Expr, ty: &Type) -> Expr {
        let Some(n) = int_literal(&lit) else {
            return lit;
        };
        let target = match ty {
            Type::Float(_) => {
                return Expr::new(ExprKind::CConst(format!("{n}.0")), ty.clone(), lit.span)
            }
            Type::Complex(_) => {
                return Expr::new(ExprKind::CComplex(n as f64, 0.0), ty.clone(), lit.span)
            }
            Type::Int(_) => ty.clone(),
            _ => Type::int(IntKind::Long),
        };
        if n > i64::MAX as i128 || n < i64::MIN as i128 {
            return lit;
        }
        Expr::new(ExprKind::CConst(c_int_literal(n)), target, lit.span)
    }

    fn bool_op(&mut self, op: ast::BoolOp, a: Expr, b: Expr, span: ast::Span) -> Expr {
        // A C complex has no truth value: `z and w` works on the Python objects (Cython).
        let ty = if a.ty.is_complex() || b.ty.is_complex() {
            Type::OBJECT
        } else if a.ty == b.ty && !a.ty.is_object() {
            a.ty.clone()
        } else if a.ty.is_numeric() && b.ty.is_numeric() {
            arithmetic_result(&a.ty, &b.ty)
        } else {
            Type::OBJECT
        };
        let a = self.coerce(a, &ty);
        let b = self.coerce(b, &ty);
        let kind = match op {
            ast::BoolOp::And => ExprKind::And(Box::new(a), Box::new(b)),
            ast::BoolOp::Or => ExprKind::Or(Box::new(a), Box::new(b)),
        };
        Expr::new(kind, ty, span)
    }

    fn compare(&mut self, first: &ast::Expr, rest: &[(CmpOp, ast::Expr)], span: ast::Span) -> Expr {
        let mut left = self.expr(first);
        let mut links = Vec::new();
        for (i, (op, right)) in rest.iter().enumerate() {
            let mut right = self.expr(right);
            // A middle operand is used by two links but evaluated once: unless it is a plain
            // value, the first link stores it in a hidden local that the next one reads.
            let mut next_left = right.clone();
            if i + 1 < rest.len() && !is_plain_value(&right) {
                let ty = right.ty.clone();
                let tmp = self
                    .func
                    .as_mut()
                    .expect("function context")
                    .add_hidden("mid", ty.clone());
                let rspan = right.span;
                next_left = Expr::new(ExprKind::Local(tmp), ty.clone(), rspan);
                right = Expr::new(
                    ExprKind::Walrus(Box::new(Target::Local(tmp)), Box::new(right)),
                    ty,
                    rspan,
                );
            }
            let link = self.compare_one(*op, left, right, span);
            if rest.len() == 1 {
                return link;
            }
            let link = self.coerce(link, &Type::Bint);
            links.push(link);
            left = next_left;
        }
        Expr::new(ExprKind::Chain(links), Type::Bint, span)
    }

    pub(super) fn compare_one(&mut self, op: CmpOp, a: Expr, b: Expr, span: ast::Span) -> Expr {
        if a.ty.is_error() || b.ty.is_error() {
            return Expr::invalid(span);
        }
        let (a, b) = match (int_literal(&a), int_literal(&b)) {
            (Some(_), None) if b.ty.is_numeric() => (self.literal_as(a, &b.ty), b),
            (None, Some(_)) if a.ty.is_numeric() => {
                let t = a.ty.clone();
                (a, self.literal_as(b, &t))
            }
            _ => (a, b),
        };
        // A Py_UCS4 beside a one-character str literal compares code points, as in Cython.
        let (a, b) = if matches!(op, CmpOp::In | CmpOp::NotIn | CmpOp::Is | CmpOp::IsNot) {
            (a, b)
        } else {
            let code_point = |lit: Expr, other: &Expr| match &lit.kind {
                ExprKind::PyStr(s) if is_ucs4(&other.ty) && s.chars().count() == 1 => {
                    let c = s.chars().next().map_or(0, u32::from);
                    Expr::new(
                        ExprKind::CConst(format!("{c}U")),
                        other.ty.clone(),
                        lit.span,
                    )
                }
                _ => lit,
            };
            let b = code_point(b, &a);
            (code_point(a, &b), b)
        };
        // `view is None`: the None slice has no memview.
        if matches!(op, CmpOp::Is | CmpOp::IsNot) {
            let (v, other) = match (&a.ty, &b.ty) {
                (Type::MemView(_), _) => (a.clone(), &b),
                (_, Type::MemView(_)) => (b.clone(), &a),
                _ => (Expr::invalid(span), &a),
            };
            if matches!(v.ty, Type::MemView(_)) && matches!(other.kind, ExprKind::PyNone) {
                let t = Expr::new(ExprKind::MvProp(Box::new(v), "is_none"), Type::Bint, span);
                return if op == CmpOp::Is {
                    t
                } else {
                    Expr::new(ExprKind::CUnary(CUnOp::Not, Box::new(t)), Type::Bint, span)
                };
            }
        }
        // A function compares as its address (`fptr == func`), as in C.
        let decay = |this: &mut Self, e: Expr| match &e.ty {
            Type::Func(_) => {
                let p = Type::Ptr(Box::new(e.ty.clone()));
                this.coerce(e, &p)
            }
            _ => e,
        };
        let (a, b) = (decay(self, a), decay(self, b));
        let c_ok = |t: &Type| t.is_numeric() || t.is_ptr_like();
        let ordering = matches!(op, CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE);
        if ordering && (a.ty.is_complex() || b.ty.is_complex()) {
            self.error(codes::OPERATION, span, "complex types are unordered");
            return Expr::invalid(span);
        }
        // Values of two different named enums do not compare (Cython).
        if let (Type::Int(x), Type::Int(y)) = (&a.ty, &b.ty) {
            if let (Some(m), Some(n)) = (x.enum_name(), y.enum_name()) {
                if m != n {
                    let msg = format!("Invalid types for '{}' ({m}, {n})", op.symbol());
                    self.error(codes::OPERATION, span, msg);
                    return Expr::invalid(span);
                }
            }
        }
        if c_ok(&a.ty) && c_ok(&b.ty) && !matches!(op, CmpOp::In | CmpOp::NotIn) {
            let (a, b) = if a.ty.is_numeric() && b.ty.is_numeric() {
                let t = arithmetic_result(&a.ty, &b.ty);
                (self.coerce(a, &t), self.coerce(b, &t))
            } else {
                (a, b)
            };
            let op = match op {
                CmpOp::Is => CmpOp::Eq,
                CmpOp::IsNot => CmpOp::NotEq,
                o => o,
            };
            return Expr::new(
                ExprKind::CCompare(op, Box::new(a), Box::new(b)),
                Type::Bint,
                span,
            );
        }
        for side in [&a, &b] {
            if !side.ty.converts_to_object() {
                self.error(
                    codes::OPERATION,
                    span,
                    format!("Invalid types for comparison ({}; {})", a.ty, b.ty),
                );
                return Expr::invalid(span);
            }
        }
        let a = self.coerce(a, &Type::OBJECT);
        let b = self.coerce(b, &Type::OBJECT);
        let ty = match op {
            CmpOp::Is | CmpOp::IsNot | CmpOp::In | CmpOp::NotIn => Type::Bint,
            _ => Type::OBJECT,
        };
        Expr::new(ExprKind::PyCompare(op, Box::new(a), Box::new(b)), ty, span)
    }

    fn fstring(&mut self, parts: &[ast::FStringPart], span: ast::Span) -> Expr {
        let mut out = Vec::new();
        for p in parts {
            match p {
                ast::FStringPart::Literal(s) => out.push(Expr::new(
                    ExprKind::PyStr(s.clone()),
                    Type::Object(PyType::Str),
                    span,
                )),
                ast::FStringPart::Field(fv) => {
                    if let Some(t) = &fv.debug_text {
                        out.push(Expr::new(
                            ExprKind::PyStr(t.clone()),
                            Type::Object(PyType::Str),
                            span,
                        ));
                    }
                    let v = self.object(&fv.expr);
                    let conv =
                        fv.conversion
                            .or(if fv.debug_text.is_some() && fv.format_spec.is_empty() {
                                Some('r')
                            } else {
                                None
                            });
                    let spec = if fv.format_spec.is_empty() {
                        None
                    } else {
                        Some(Box::new(self.fstring(&fv.format_spec, span)))
                    };
                    out.push(Expr::new(
                        ExprKind::Format(Box::new(v), conv, spec),
                        Type::Object(PyType::Str),
                        span,
                    ));
                }
            }
        }
        Expr::new(ExprKind::JoinStr(out), Type::Object(PyType::Str), span)
    }

    fn comprehension(
        &mut self,
        kind: ComprehensionKind,
        elt: &ast::Expr,
        value: Option<&ast::Expr>,
        gens: &[ast::Comprehension],
        span: ast::Span,
    ) -> Expr {
        let ty = Type::Object(match kind {
            ComprehensionKind::List => PyType::List,
            ComprehensionKind::Set => PyType::Set,
            ComprehensionKind::Dict => PyType::Dict,
        });
        let acc = self
            .func
            .as_mut()
            .expect("function context")
            .add_hidden("comp", ty.clone());
        let body = self.comprehension_loops(
            super::stmt::CompSink::Append(kind, acc),
            elt,
            value,
            gens,
            None,
        );
        Expr::new(ExprKind::Comprehension { acc, kind, body }, ty, span)
    }
}

pub(super) fn is_py_literal(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::PyInt(_)
            | ExprKind::PyFloat(_)
            | ExprKind::PyComplex(..)
            | ExprKind::PyStr(_)
            | ExprKind::PyBytes(_)
            | ExprKind::PyBool(_)
            | ExprKind::PyNone
    )
}

/// The name of the cell a class body offers its methods (`super()`, `__class__`).
pub(super) const CLASS_CELL: &str = "__class__";

impl Checker<'_> {
    /// The Python type a `char *` converts to: `bytes`, or `str` under
    /// `c_string_type=unicode` (decoded with the module's `c_string_encoding`).
    pub(super) fn c_string_object_type(&self) -> PyType {
        if self.directives.c_string_as_str && self.program.c_string_encoding.is_some() {
            PyType::Str
        } else {
            PyType::Bytes
        }
    }
}

/// A Python object made by the expression itself (released at the end of the statement), so
/// a C pointer into it must not outlive it.
pub(super) fn is_python_temporary(e: &Expr) -> bool {
    e.ty.is_object()
        && matches!(
            e.kind,
            ExprKind::PyBinary(..)
                | ExprKind::PyInPlace(..)
                | ExprKind::PyCall(..)
                | ExprKind::PyMethodCall(..)
                | ExprKind::List(_)
                | ExprKind::Tuple(_)
                | ExprKind::Set(_)
                | ExprKind::Dict(_)
                | ExprKind::Unpacking(..)
                | ExprKind::Comprehension { .. }
                | ExprKind::JoinStr(_)
        )
}

/// An expression that can be evaluated twice with no effect and no cost.
fn is_plain_value(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Local(_)
            | ExprKind::CGlobal(_)
            | ExprKind::CConst(_)
            | ExprKind::CComplex(..)
            | ExprKind::PyInt(_)
            | ExprKind::PyFloat(_)
            | ExprKind::PyStr(_)
            | ExprKind::PyNone
    )
}

pub(super) fn is_lvalue(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Local(_)
            | ExprKind::CGlobal(_)
            | ExprKind::CName(_)
            | ExprKind::CIndex(..)
            | ExprKind::MvIndex { .. }
            | ExprKind::CField(..)
            | ExprKind::ExtField(..)
            | ExprKind::Deref(_)
            | ExprKind::ComplexPart(..)
    )
}

/// The value of a Python int literal (possibly negated) that fits in i128.
pub fn int_literal(e: &Expr) -> Option<i128> {
    match &e.kind {
        ExprKind::PyInt(s) => s.parse().ok(),
        _ => None,
    }
}

pub fn c_int_literal(n: i128) -> String {
    if n == i64::MIN as i128 {
        "(-9223372036854775807LL - 1)".into()
    } else if n > i64::MAX as i128 {
        format!("{n}ULL")
    } else if n > i32::MAX as i128 || n < i32::MIN as i128 {
        format!("{n}LL")
    } else {
        n.to_string()
    }
}

pub fn c_double(f: f64) -> String {
    if f.is_infinite() {
        "Py_HUGE_VAL".into()
    } else if f.is_nan() {
        "Py_NAN".into()
    } else {
        format!("{f:?}")
    }
}

/// `2 + 3j`, `1.5 - 2j`: the sum or difference of complex and real constants is one complex
/// constant (componentwise, exactly what the C operation gives). Products and quotients are
/// left to C, whose infinities and NaNs follow C99's Annex G.
fn fold_complex(op: BinOp, a: &Expr, b: &Expr, span: ast::Span) -> Option<Expr> {
    fn parts(e: &Expr) -> Option<(f64, f64)> {
        match &e.kind {
            ExprKind::CComplex(re, im) => Some((*re, *im)),
            ExprKind::CConst(c) if e.ty.is_float() => Some((c.parse().ok()?, 0.0)),
            _ => int_literal(e).map(|n| (n as f64, 0.0)),
        }
    }
    if !a.ty.is_complex() && !b.ty.is_complex() {
        return None;
    }
    let ty = arithmetic_result(&a.ty, &b.ty);
    let ((ar, ai), (br, bi)) = (parts(a)?, parts(b)?);
    let (re, im) = match op {
        BinOp::Add => (ar + br, ai + bi),
        BinOp::Sub => (ar - br, ai - bi),
        _ => return None,
    };
    Some(Expr::new(ExprKind::CComplex(re, im), ty, span))
}

/// The type of `x if c else y` (Cython's independent spanning type): C numbers of one family
/// widen, but an int and a float branch give an object, so that each branch keeps its own
/// Python type.
pub fn is_ucs4(t: &Type) -> bool {
    t.int_kind() == Some(IntKind::UCS4)
}

fn join_branch(a: &Type, b: &Type) -> Type {
    if a == b {
        a.clone()
    } else if a.is_numeric()
        && b.is_numeric()
        && a.is_float() == b.is_float()
        && a.is_complex() == b.is_complex()
    {
        arithmetic_result(a, b)
    } else if a.is_ptr_like() && matches!(b, Type::NullPtr) {
        a.clone()
    } else if b.is_ptr_like() && matches!(a, Type::NullPtr) {
        b.clone()
    } else {
        Type::OBJECT
    }
}

/// What `cython.typeof` says of a type.
pub fn typeof_name(t: &Type) -> String {
    match t {
        Type::Object(PyType::Any) => "Python object".into(),
        Type::Object(p) => format!("{} object", p.name()),
        t => t.to_string(),
    }
}
