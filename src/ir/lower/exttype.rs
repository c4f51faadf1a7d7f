//! Extension types in the IR: field access on typed references, C method lookup through the
//! vtable, the class statement filling the type's dict, and the per-type description the C
//! emitter turns into a type object.

use super::*;
use crate::ir::{group_slot_member, SLOT_GROUPS, SLOT_TABLE};
use crate::sema::mangle;
use crate::sema::types::ExtRef;

impl<'p> FnLower<'p> {
    /// `obj.field`: a C lvalue when `obj` is a variable; otherwise the value is read at once
    /// (an object field as a new reference), while the object is surely alive.
    pub(super) fn ext_field(
        &mut self,
        obj: &'p t::Expr,
        cls: ExtRef,
        field: &str,
        ty: &Type,
    ) -> Value {
        let o = self.expr(obj);
        let template = format!(
            "(({} *)$0)->{}",
            cls.get().struct_name(),
            field_cname(field)
        );
        let is_temp = matches!(o, Value::Reg(r) if self.f.regs[r].kind == RegKind::Temp);
        let is_slice = matches!(ty, Type::MemView(_));
        if is_slice {
            self.check_view_field_set(template.replace("$0", &self.text(&o)));
            // Borrowed from an object a variable holds; from a temporary one, acquired again
            // (below) before the object goes.
            if !is_temp {
                return self.borrowed_slice(template.replace("$0", &self.text(&o)));
            }
        } else if !is_temp && !ty.is_object() {
            return Value::C(template.replace("$0", &self.text(&o)));
        }
        if is_slice || ty.is_object() {
            let (rty, newref) = if is_slice {
                (RType::Slice, "pyx_mv_newref")
            } else {
                self.helper("core");
                (RType::Obj, "pyx_newref")
            };
            let r = self.temp(rty, true);
            self.push(
                Some(r),
                OpKind::Expr {
                    template: format!("{newref}({template})"),
                    args: vec![o],
                },
                ErrKind::Never,
            );
            return Value::Reg(r);
        }
        self.c_expr_obj(&template, vec![o], &ty.c_type())
    }

    /// The C lvalue of `obj.field` for a store: the object is kept in a variable first when it
    /// is a temporary.
    pub(super) fn ext_field_lvalue(
        &mut self,
        obj: &'p t::Expr,
        cls: ExtRef,
        field: &str,
    ) -> String {
        let o = self.expr(obj);
        let o = match o {
            Value::Reg(r) if self.f.regs[r].kind == RegKind::Temp => Value::Reg(self.hold(o)),
            o => o,
        };
        format!(
            "(({} *){})->{}",
            cls.get().struct_name(),
            self.text(&o),
            field_cname(field)
        )
    }

    /// `obj`, after raising AttributeError (naming `attr`) if it is None.
    pub(super) fn none_check(&mut self, obj: &'p t::Expr, attr: &str) -> Value {
        let v = self.expr(obj);
        let a = Value::C(c_string(attr.as_bytes()));
        self.helper("exttype");
        self.void_call(
            "pyx_none_check",
            vec![v.clone(), a],
            vec![false; 2],
            ErrKind::Neg,
        );
        v
    }

    /// The Python override of a cpdef method, or None (`wrapper` is the method's own).
    pub(super) fn cpdef_override(
        &mut self,
        obj: &'p t::Expr,
        name: &str,
        wrapper: t::FuncId,
    ) -> Value {
        let v = self.expr(obj);
        let n = self.name_const(name);
        let w = Value::C(self.prog.functions[wrapper].cname.clone());
        self.helper("exttype");
        self.obj_call("pyx_cpdef_override", vec![v, n, w])
    }

    /// The vtable entry of C method `name` for the object in `local`.
    pub(super) fn vtab_method(&mut self, local: t::LocalId, origin: ExtRef, name: &str) -> Value {
        let o = Value::Reg(self.locals[local]);
        let root = origin.chain().last().unwrap_or(origin);
        Value::C(format!(
            "(({} *)(({} *){})->pyx_vtab)->{}",
            origin.get().vtab_struct(),
            root.get().struct_name(),
            self.text(&o),
            mangle(name)
        ))
    }

    /// The class statement of a `cdef class`: the body fills a namespace whose items become
    /// the type's attributes; the value is the type.
    pub(super) fn fill_ext_class(
        &mut self,
        cls: ExtRef,
        class_cell: t::LocalId,
        ns: t::LocalId,
        body: &'p [t::Stmt],
    ) -> Value {
        self.helper("class");
        let captured = self.src.locals[class_cell].cell;
        let cell_reg = self.locals[class_cell];
        if captured {
            let cell = self.obj_call("PyCell_New", vec![Value::C("NULL".into())]);
            self.assign(cell_reg, cell);
        }
        let nsr = self.locals[ns];
        let d = self.obj_call("PyDict_New", vec![]);
        self.assign(nsr, d);
        self.block(body);
        let ty = Value::C(cls.get().type_var());
        self.void_call(
            "pyx_ext_fill",
            vec![ty.clone(), Value::Reg(nsr)],
            vec![false; 2],
            ErrKind::Neg,
        );
        // Setting the attributes made the slots look the methods up; point them at the
        // methods instead.
        let def = self.prog.ext_types.iter().find(|d| d.class == cls);
        if def.is_some_and(|d| {
            let (slots, groups) = direct_slots(self.prog, d);
            !slots.is_empty() || !groups.is_empty() || !inherited_slots(self.prog, d).is_empty()
        }) {
            self.void_call(
                &format!("pyx_install_slots_{}", cls.get().cid),
                vec![ty.clone()],
                vec![false],
                ErrKind::Neg,
            );
        }
        if captured {
            self.void_call(
                "PyCell_Set",
                vec![Value::Reg(cell_reg), ty.clone()],
                vec![false; 2],
                ErrKind::Neg,
            );
        }
        self.push(None, OpKind::Clear { local: nsr }, ErrKind::Never);
        ty
    }
}

/// The C member of a field: prefixed, since a Python name may be a C keyword (`unsigned`).
fn field_cname(name: &str) -> String {
    format!("f_{}", mangle(name))
}

/// A C function shared with other modules, as the IR describes it.
pub(super) fn linked(f: &t::LinkedFunc) -> LinkedC {
    let func = Type::Func(f.sig.clone());
    LinkedC {
        module: f.module.clone(),
        name: f.name.clone(),
        cname: f.cname.clone(),
        signature: signature(&f.sig),
        pointer_decl: Type::Ptr(Box::new(func)).declare(&f.cname),
    }
}

/// The signature two modules agree on: the `.pxd`'s type names, not their C names (which
/// carry the module's prefix in the importer).
fn signature(sig: &crate::sema::types::FuncType) -> String {
    let params: Vec<String> = sig.params.iter().map(|p| p.to_string()).collect();
    let varargs = if sig.varargs { ", ..." } else { "" };
    format!("{} ({}{varargs})", sig.ret, params.join(", "))
}

/// A `cdef class` cimported from another module's `.pxd`: its structs, for field access and
/// vtable calls, and what its subclasses here need.
pub(super) fn imported_ext_type(cls: ExtRef) -> ExtType {
    let def = t::ExtTypeDef::new(cls, None);
    // The definition names no function of this module.
    ext_type_with(&def, &|_| String::new())
}

/// The C type object's description for one `cdef class`.
pub(super) fn ext_type(p: &t::Program, def: &t::ExtTypeDef) -> ExtType {
    let (direct_slots, slot_groups) = direct_slots(p, def);
    // Every class of the chain is this module's, none with a `__cinit__` wanting the
    // constructor's arguments (the vectorcall gives none to tp_new).
    let plain_new = def.class.chain().all(|k| {
        p.ext_types
            .iter()
            .find(|d| d.class == k)
            .is_some_and(|d| !d.cinit.is_some_and(|(_, args)| args))
    });
    let vectorcall = plain_new && direct_slots.iter().any(|(n, _)| n == "__init__");
    let no_modulus = direct_slots
        .iter()
        .filter(|(n, c)| {
            matches!(n.as_str(), "__pow__" | "__rpow__")
                && p.functions
                    .iter()
                    .find(|f| &f.cname == c)
                    .is_some_and(|f| f.layout.npos < 3 && f.layout.vararg.is_none())
        })
        .map(|(n, _)| n.clone())
        .collect();
    let defines = |n: &str| def.defined.iter().any(|d| d == n);
    let reflected_first = slot_groups
        .iter()
        .filter(|g| {
            SLOT_GROUPS.iter().any(|(name, members)| {
                name == g
                    && matches!(members, [fwd, rev] if rev.starts_with("__r") && defines(rev) && !defines(fwd))
            })
        })
        .cloned()
        .collect();
    ExtType {
        direct_slots,
        slot_groups,
        no_modulus,
        reflected_first,
        inherited_slots: inherited_slots(p, def),
        vectorcall,
        ..ext_type_with(def, &|id| p.functions[id].cname.clone())
    }
}

/// The special methods a slot may call directly: a compiled function whose `self` is the
/// module (one with cells or run-time defaults reads them from its function object).
fn own_direct(p: &t::Program, def: &t::ExtTypeDef) -> Vec<(String, String)> {
    def.slots
        .iter()
        .map(|(name, id)| (name, &p.functions[*id]))
        .filter(|(_, f)| f.freevars.is_empty() && !f.defaults_in_self)
        .map(|(name, f)| (name.clone(), f.cname.clone()))
        .collect()
}

/// What a slot finds for a special method along a class's chain.
enum Found {
    Direct(String),
    /// Nowhere in the chain (nor in `object`, for the groups below).
    Absent,
    /// Defined where a slot cannot call it directly (decorated, a closure, another module).
    Unknown,
}

fn find_method(p: &t::Program, cls: ExtRef, name: &str) -> Found {
    for k in cls.chain() {
        let Some(def) = p.ext_types.iter().find(|d| d.class == k) else {
            return Found::Unknown; // cimported: its methods are not known here
        };
        if def.defined.iter().any(|n| n == name) {
            return match own_direct(p, def).into_iter().find(|(n, _)| n == name) {
                Some((_, f)) => Found::Direct(f),
                None => Found::Unknown,
            };
        }
    }
    Found::Absent
}

/// The methods the type's slots call directly: its own single-method ones (a subclass
/// inherits the slot of a method it does not redefine), and, for each group it defines a
/// member of, every member found along its chain, when each is direct or absent.
fn direct_slots(p: &t::Program, def: &t::ExtTypeDef) -> (Vec<(String, String)>, Vec<String>) {
    let own = own_direct(p, def);
    let mut slots: Vec<(String, String)> = own
        .iter()
        .filter(|(n, _)| SLOT_TABLE.iter().any(|(m, ..)| m == n))
        .cloned()
        .collect();
    let mut groups = Vec::new();
    for (group, members) in SLOT_GROUPS {
        if !members.iter().any(|m| def.defined.iter().any(|d| d == m)) {
            continue;
        }
        let found: Vec<(&str, Found)> = members
            .iter()
            .map(|m| (*m, find_method(p, def.class, m)))
            .collect();
        if found.iter().any(|(_, f)| matches!(f, Found::Unknown)) {
            continue;
        }
        for (m, f) in found {
            if let Found::Direct(c) = f {
                slots.push((m.to_string(), c));
            }
        }
        groups.push(group.to_string());
    }
    (slots, groups)
}

/// The slot members a class with a base of this module takes from it after its body ran:
/// those of the special methods it defines none of.
fn inherited_slots(p: &t::Program, def: &t::ExtTypeDef) -> Vec<String> {
    let local_base = def
        .class
        .get()
        .base
        .is_some_and(|b| p.ext_types.iter().any(|d| d.class == b));
    if !local_base {
        return Vec::new();
    }
    let defines = |n: &str| def.defined.iter().any(|d| d == n);
    let mut out = Vec::new();
    // A comparison without `__hash__` made the class unhashable.
    let compares = SLOT_GROUPS
        .iter()
        .find(|(g, _)| *g == "richcompare")
        .is_some_and(|(_, ms)| ms.iter().any(|m| defines(m)))
        || defines("__richcmp__");
    for (name, members, _) in SLOT_TABLE {
        if defines(name) || (*name == "__hash__" && compares) {
            continue;
        }
        out.extend(members.iter().map(|m| m.to_string()));
    }
    for (group, members) in SLOT_GROUPS {
        // `__richcmp__` is the class's own tp_richcompare.
        if members.iter().any(|m| defines(m)) || (*group == "richcompare" && defines("__richcmp__"))
        {
            continue;
        }
        out.push(group_slot_member(group));
    }
    out
}

fn ext_type_with(def: &t::ExtTypeDef, fname: &dyn Fn(usize) -> String) -> ExtType {
    let cls = def.class;
    let c = cls.get();
    let members = c.members.borrow();
    let fields = members
        .fields
        .iter()
        .map(|f| ExtSlotField {
            decl: f.ty.declare(&field_cname(&f.name)),
            cname: field_cname(&f.name),
            is_object: f.ty.is_object(),
            is_slice: matches!(f.ty, Type::MemView(_)),
        })
        .collect();
    let gc = !members.no_gc
        && cls.chain().any(|k| {
            let m = k.get().members.borrow();
            m.dict || m.fields.iter().any(|f| f.ty.is_object())
        });
    let mut vtab_entries = Vec::new();
    for m in &members.methods {
        if m.is_static || cls.method_origin(&m.name) != Some(cls) {
            continue;
        }
        let ptr = Type::Ptr(Box::new(Type::Func(m.info.sig.clone())));
        vtab_entries.push(ptr.declare(&mangle(&m.name)));
        // A cpdef method's vtable holds its dispatcher and, under `<name>_impl`, its
        // implementation (what `Class.method(obj)` calls, here or in a module that cimports
        // the class).
        if m.info.dispatches() {
            vtab_entries.push(ptr.declare(&format!("{}_impl", mangle(&m.name))));
        }
    }
    // Every slot of every class in the chain points at the most derived implementation.
    let depth = |k: ExtRef| k.chain().count();
    let mut vtab_fill = Vec::new();
    for k in cls.chain() {
        for m in &k.get().members.borrow().methods {
            if m.is_static || cls.method_origin(&m.name) != Some(k) {
                continue;
            }
            let Some((_, imp)) = cls.method(&m.name) else {
                continue;
            };
            let path = "pyx_base.".repeat(depth(cls) - depth(k)) + &mangle(&m.name);
            if m.info.dispatches() {
                vtab_fill.push((format!("{path}_impl"), imp.info.impl_cname()));
            }
            vtab_fill.push((path, imp.info.cname.clone()));
        }
    }
    ExtType {
        tp_name: c.tp_name.clone(),
        imported: c.home.clone(),
        exported: members.from_pxd,
        direct_slots: Vec::new(),
        slot_groups: Vec::new(),
        no_modulus: Vec::new(),
        reflected_first: Vec::new(),
        inherited_slots: Vec::new(),
        vectorcall: false,
        cid: c.cid.clone(),
        struct_name: c.struct_name(),
        vtab_struct: c.vtab_struct(),
        type_var: c.type_var(),
        base_cid: c.base.map(|b| b.get().cid.clone()),
        doc: def.doc.clone(),
        fields,
        gc,
        vtab_entries,
        vtab_fill,
        cinit: def.cinit.map(|(id, args)| (fname(id), args)),
        dealloc: def.dealloc.map(fname),
        richcmp: def.richcmp.map(fname),
        getbuffer: def.getbuffer.map(fname),
        releasebuffer: def.releasebuffer.map(fname),
        getsets: def
            .getsets
            .iter()
            .map(|g| ExtGetSet {
                name: g.name.clone(),
                get: fname(g.get),
                set: g.set.map(fname),
                del_to_none: g.del_to_none,
            })
            .collect(),
        is_final: members.is_final,
        weakref: members.weakref,
        dict: members.dict,
        no_gc_clear: members.no_gc_clear,
        freelist: members.freelist,
    }
}
