//! C for `cdef class` types: the instance struct and vtable, the slots that allocate, run
//! `__cinit__`, destroy and traverse instances, the field descriptors, and the PyType_Spec the
//! type is made from at import. Behaviour written in Python (methods, accessors) is compiled
//! functions the slots call; nothing here touches a user-visible value's reference count
//! except the fields an instance owns.

use crate::ir::lower::c_string;
use crate::ir::{group_slot_member, ExtType, Module, SlotShape, SLOT_GROUPS, SLOT_TABLE};
use std::fmt::Write;

/// The C functions behind a type's direct slots and `pyx_install_slots_<cid>`, which points
/// the slots at them once the class body has filled the type's dict.
fn direct_slots(m: &Module, t: &ExtType, out: &mut String) {
    if t.direct_slots.is_empty() && t.slot_groups.is_empty() && t.inherited_slots.is_empty() {
        return;
    }
    let cid = &t.cid;
    let method = |name: &str| {
        t.direct_slots
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, f)| f.as_str())
    };
    let no_modulus = no_modulus_adapters(t, out);
    // A power method without modulus is reached through its adapter.
    let method = |name: &str| {
        no_modulus
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, a)| a.as_str())
            .or_else(|| method(name))
    };
    let mut installs = Vec::new();
    // Method descriptors set on the type before its slots are pointed at the C functions.
    let mut methods: Vec<String> = Vec::new();
    // Calls adding slot wrappers for methods the class lacks (before the slots are set).
    let mut wrappers: Vec<String> = Vec::new();
    for &(name, members, shape) in SLOT_TABLE {
        let Some(f) = method(name) else { continue };
        let slot = format!("pyx_slot_{cid}_{}", name.trim_matches('_'));
        let (sig, body) = match shape {
            SlotShape::Unary => (
                format!("PyObject *{slot}(PyObject *s)"),
                format!("pyx_slot_call({f}, s, NULL, NULL)"),
            ),
            SlotShape::Binary => (
                format!("PyObject *{slot}(PyObject *s, PyObject *a)"),
                format!("pyx_slot_call({f}, s, a, NULL)"),
            ),
            SlotShape::Len => (
                format!("Py_ssize_t {slot}(PyObject *s)"),
                format!("pyx_slot_len({f}, s)"),
            ),
            SlotShape::Hash => (
                format!("Py_hash_t {slot}(PyObject *s)"),
                format!("pyx_slot_hash({f}, s)"),
            ),
            SlotShape::Bool => (
                format!("int {slot}(PyObject *s)"),
                format!("pyx_slot_bool({f}, s)"),
            ),
            SlotShape::Contains => (
                format!("int {slot}(PyObject *s, PyObject *v)"),
                format!("pyx_slot_contains({f}, s, v)"),
            ),
            SlotShape::Call => (
                format!("PyObject *{slot}(PyObject *s, PyObject *a, PyObject *k)"),
                format!("pyx_call_method_tuple({f}, s, a, k)"),
            ),
            SlotShape::Init => (
                format!("int {slot}(PyObject *s, PyObject *a, PyObject *k)"),
                format!("pyx_slot_init({f}, s, a, k)"),
            ),
            SlotShape::Ternary => (
                format!("PyObject *{slot}(PyObject *s, PyObject *a, PyObject *m)"),
                format!("pyx_slot_call({f}, s, a, m == Py_None ? NULL : m)"),
            ),
            SlotShape::DescrGet => (
                format!("PyObject *{slot}(PyObject *s, PyObject *i, PyObject *c)"),
                format!("pyx_slot_call({f}, s, i ? i : Py_None, c ? c : Py_None)"),
            ),
        };
        let _ = writeln!(out, "static {sig} {{ return {body}; }}");
        for m in members {
            installs.push(format!("tp->{m} = {slot};"));
        }
    }
    // The slots serving several methods (each found along the class's chain, or absent).
    let or_null = |name: &str| method(name).unwrap_or("NULL");
    for group in &t.slot_groups {
        let slot = format!("pyx_slot_{cid}_{group}");
        match group.as_str() {
            "ass_subscript" => {
                let _ = writeln!(
                    out,
                    "static int {slot}(PyObject *s, PyObject *k, PyObject *v) {{ return pyx_slot_ass_subscript({}, {}, s, k, v); }}",
                    or_null("__setitem__"),
                    or_null("__delitem__")
                );
            }
            "getattro" => {
                let _ = writeln!(
                    out,
                    "static PyObject *{slot}(PyObject *s, PyObject *n) {{ return pyx_slot_getattro({}, {}, s, n); }}",
                    or_null("__getattribute__"),
                    or_null("__getattr__")
                );
                // As in Cython, the type's `__getattribute__` is this slot (a Python
                // subclass's `__getattr__` runs only after the class's own).
                let _ = writeln!(
                    out,
                    "static PyObject *{slot}_m(PyObject *s, PyObject *n) {{ return {slot}(s, n); }}\nstatic PyMethodDef {slot}_def = {{\"__getattribute__\", (PyCFunction){slot}_m, METH_O, NULL}};"
                );
                methods.push(format!("{slot}_def"));
            }
            "descr_set" => {
                let _ = writeln!(
                    out,
                    "static int {slot}(PyObject *s, PyObject *i, PyObject *v) {{ return pyx_slot_descr_set({}, {}, s, i, v); }}",
                    or_null("__set__"),
                    or_null("__delete__")
                );
            }
            "richcompare" => {
                // In the order of Py_LT, Py_LE, Py_EQ, Py_NE, Py_GT, Py_GE.
                let ops = ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"]
                    .map(or_null)
                    .join(", ");
                let _ = writeln!(
                    out,
                    "static PyObject *{slot}(PyObject *a, PyObject *b, int op) {{\n    static const pyx_fastcall_kw f[6] = {{{ops}}};\n    return pyx_slot_richcompare(f, a, b, op);\n}}"
                );
            }
            op => {
                let Some((_, [fwd, rev])) = SLOT_GROUPS.iter().find(|(g, _)| *g == op) else {
                    continue;
                };
                let rev_first = t.reflected_first.iter().any(|g| g == op);
                let (f, r) = (or_null(fwd), or_null(rev));
                operator_slot(t, op, [(fwd, f), (rev, r)], rev_first, out);
                for side in ['l', 'r'] {
                    wrappers.push(format!(
                        "pyx_ext_slot_wrapper(type, &{slot}_w{side}, (void *){slot})"
                    ));
                }
            }
        }
        installs.push(format!("tp->{} = {slot};", group_slot_member(group)));
    }
    if let (true, Some(init)) = (t.vectorcall, method("__init__")) {
        // The fast path only while the type still has this class's tp_new and __init__ (a
        // subclass, or a decorator replacing __init__, takes type.__call__'s path).
        let _ = writeln!(
            out,
            "static PyObject *pyx_tp_vectorcall_{cid}(PyObject *type, PyObject *const *args, size_t nargsf, PyObject *kwnames) {{\n    PyTypeObject *t = (PyTypeObject *)type;\n    if (t->tp_new != pyx_tp_new_{cid} || t->tp_init != pyx_slot_{cid}_init)\n        return pyx_type_call_vector(type, args, nargsf, kwnames);\n    PyObject *o = pyx_tp_new_{cid}(t, NULL, NULL);\n    if (o && pyx_init_vector({init}, o, args, nargsf, kwnames) < 0)\n        Py_CLEAR(o);\n    return o;\n}}"
        );
        installs.push(format!("tp->tp_vectorcall = pyx_tp_vectorcall_{cid};"));
    }
    if let Some(b) = base(m, t) {
        for member in &t.inherited_slots {
            installs.push(format!(
                "tp->{member} = ((PyTypeObject *){})->{member};",
                b.type_var
            ));
        }
    }
    let _ = writeln!(
        out,
        "static int pyx_install_slots_{cid}(PyObject *type) {{\n    PyTypeObject *tp = (PyTypeObject *)type;"
    );
    for m in methods {
        let _ = writeln!(
            out,
            "    if (pyx_ext_set_method(type, &{m}) < 0)\n        return -1;"
        );
    }
    for w in wrappers {
        let _ = writeln!(out, "    if ({w} < 0)\n        return -1;");
    }
    for i in installs {
        let _ = writeln!(out, "    {i}");
    }
    let _ = writeln!(out, "    PyType_Modified(tp);\n    return 0;\n}}");
}

/// The slot `pyx_slot_<cid>_<op>` of a binary operator over the class's method and its
/// reflection ((name, C function or NULL) each), and the slot wrappers `<slot>_wl`/`_wr`
/// standing for whichever of the two the class lacks (`C.__radd__` of a class defining only
/// `__add__` exists, as in Cython).
fn operator_slot(
    t: &ExtType,
    op: &str,
    methods: [(&str, &str); 2],
    rev_first: bool,
    out: &mut String,
) {
    let slot = format!("pyx_slot_{}_{op}", t.cid);
    // `pow()` passes a modulus (None for `**`), which a method may leave out.
    let (params, modulus, kind) = match op {
        "power" => (", PyObject *m", "m == Py_None ? NULL : m", "power"),
        _ => ("", "NULL", "binop"),
    };
    for ((name, _), side) in methods.iter().zip(['l', 'r']) {
        let _ = writeln!(
            out,
            "static struct wrapperbase {slot}_w{side} = {{.name = \"{name}\", .wrapper = pyx_wrap_{kind}_{side}}};"
        );
    }
    let [(_, fwd), (_, rev)] = methods;
    let _ = writeln!(
        out,
        "static PyObject *{slot}(PyObject *a, PyObject *b{params}) {{\n    static const pyx_binop_slot s = {{(void *){slot}, offsetof(PyNumberMethods, nb_{op}), {fwd}, {rev}, {}}};\n    return pyx_slot_binop(&s, (PyTypeObject *){}, a, b, {modulus});\n}}",
        rev_first as i32,
        t.type_var
    );
}

/// For each `__pow__`/`__rpow__` without a modulus, a function taking its place in the power
/// slot that refuses a modulus with Cython's message: (method, adapter).
fn no_modulus_adapters(t: &ExtType, out: &mut String) -> Vec<(String, String)> {
    let mut adapters = Vec::new();
    for name in &t.no_modulus {
        let Some((_, f)) = t.direct_slots.iter().find(|(n, _)| n == name) else {
            continue;
        };
        let adapter = format!("pyx_nomod_{}_{}", t.cid, name.trim_matches('_'));
        let what = c_string(format!("{}.{name}", t.tp_name).as_bytes());
        let _ = writeln!(
            out,
            "static PyObject *{adapter}(PyObject *m, PyObject *const *a, Py_ssize_t n, PyObject *k) {{ return n > 2 ? pyx_pow_no_modulus({what}) : {f}(m, a, n, k); }}"
        );
        adapters.push((name.clone(), adapter));
    }
    adapters
}

fn has_vtab(t: &ExtType) -> bool {
    !t.vtab_fill.is_empty()
}

fn find<'m>(m: &'m Module, cid: &str) -> Option<&'m ExtType> {
    m.ext_types.iter().find(|t| t.cid == cid)
}

fn base<'m>(m: &'m Module, t: &ExtType) -> Option<&'m ExtType> {
    t.base_cid.as_deref().and_then(|b| find(m, b))
}

/// The first class in `t`'s chain (`t` included) that another module defines: its slots
/// finish what this module's classes start.
fn imported_ancestor<'m>(m: &'m Module, t: &'m ExtType) -> Option<&'m ExtType> {
    let mut k = Some(t);
    while let Some(c) = k {
        if c.imported.is_some() {
            return Some(c);
        }
        k = base(m, c);
    }
    None
}

/// The struct of the class at the root of `t`'s chain (where the vtable pointer is).
fn root<'m>(m: &'m Module, mut t: &'m ExtType) -> &'m ExtType {
    while let Some(b) = t.base_cid.as_deref().and_then(|b| find(m, b)) {
        t = b;
    }
    t
}

/// Instance structs and vtable structs: needed before any function body.
pub fn structs(m: &Module, out: &mut String) {
    for t in &m.ext_types {
        let _ = writeln!(out, "{} {{", t.struct_name);
        match &t.base_cid {
            Some(b) => {
                let base = find(m, b).map_or("", |b| &b.struct_name);
                let _ = writeln!(out, "    {base} pyx_base;");
            }
            None => {
                let _ = writeln!(out, "    PyObject_HEAD\n    void *pyx_vtab;");
            }
        }
        for f in &t.fields {
            let _ = writeln!(out, "    {};", f.decl);
        }
        if t.weakref {
            let _ = writeln!(out, "    PyObject *pyx_weakref;");
        }
        if t.dict {
            let _ = writeln!(out, "    PyObject *pyx_dict;");
        }
        let _ = writeln!(out, "}};");
        if has_vtab(t) {
            let _ = writeln!(out, "{} {{", t.vtab_struct);
            if let Some(b) = t.base_cid.as_deref().and_then(|b| find(m, b)) {
                if has_vtab(b) {
                    let _ = writeln!(out, "    {} pyx_base;", b.vtab_struct);
                }
            }
            for e in &t.vtab_entries {
                let _ = writeln!(out, "    {e};");
            }
            let _ = writeln!(out, "}};");
            match t.imported {
                // Read from the type at import.
                Some(_) => {
                    let _ = writeln!(out, "static {} *pyx_vtabptr_{};", t.vtab_struct, t.cid);
                }
                None => {
                    let _ = writeln!(out, "static {} pyx_vtable_{};", t.vtab_struct, t.cid);
                }
            }
        }
    }
}

/// The slots, descriptors and specs of every type, and `pyx_init_types` making them.
pub fn types(m: &Module, out: &mut String) {
    for t in m.ext_types.iter().filter(|t| t.imported.is_none()) {
        slots(m, t, out);
        direct_slots(m, t, out);
    }
    let _ = writeln!(out, "\nstatic int pyx_init_types(void) {{");
    // What other modules define, first: local classes may extend their types.
    for t in &m.ext_types {
        let Some(module) = &t.imported else { continue };
        let _ = writeln!(
            out,
            "    {{ PyObject *t = pyx_import_type({}, {}, sizeof({})); if (!t) return -1; Py_DECREF({var}); {var} = t; }}",
            c_string(module.as_bytes()),
            c_string(t.tp_name.rsplit('.').next().unwrap_or_default().as_bytes()),
            t.struct_name,
            var = t.type_var
        );
        if has_vtab(t) {
            let _ = writeln!(
                out,
                "    if (!(pyx_vtabptr_{cid} = ({} *)pyx_get_vtable({})))\n        return -1;",
                t.vtab_struct,
                t.type_var,
                cid = t.cid
            );
        }
    }
    for f in &m.imported_funcs {
        let _ = writeln!(
            out,
            "    if (pyx_import_function({}, {}, (void (**)(void))&{}, {}) < 0)\n        return -1;",
            c_string(f.module.as_bytes()),
            c_string(f.name.as_bytes()),
            f.cname,
            c_string(f.signature.as_bytes())
        );
    }
    for t in m.ext_types.iter().filter(|t| t.imported.is_none()) {
        for (path, imp) in &t.vtab_fill {
            let _ = writeln!(out, "    pyx_vtable_{}.{path} = {imp};", t.cid);
        }
        let base = t
            .base_cid
            .as_ref()
            .and_then(|b| find(m, b))
            .map_or("NULL".to_string(), |b| b.type_var.clone());
        let _ = writeln!(
            out,
            "    {{ PyObject *t = pyx_ext_type_new(&pyx_spec_{cid}, {base}); if (!t) return -1; Py_DECREF({var}); {var} = t; }}",
            cid = t.cid,
            var = t.type_var
        );
        if t.exported && has_vtab(t) {
            let _ = writeln!(
                out,
                "    if (pyx_set_vtable({}, &pyx_vtable_{}) < 0)\n        return -1;",
                t.type_var, t.cid
            );
        }
    }
    for f in &m.exported_funcs {
        let _ = writeln!(
            out,
            "    if (pyx_export_function({}, (void (*)(void)){}, {}) < 0)\n        return -1;",
            c_string(f.name.as_bytes()),
            f.cname,
            c_string(f.signature.as_bytes())
        );
    }
    let _ = writeln!(out, "    return 0;\n}}");
}

fn slots(m: &Module, t: &ExtType, out: &mut String) {
    let cid = &t.cid;
    let obj = format!("(({} *)o)", t.struct_name);
    let base = base(m, t);
    // A base another module defines is reached through its type's slots.
    let foreign_base = base.filter(|b| b.imported.is_some());
    let foreign_slot =
        |slot: &str| foreign_base.map(|b| format!("((PyTypeObject *){})->{slot}", b.type_var));
    let object_fields: Vec<&str> = t
        .fields
        .iter()
        .filter(|f| f.is_object)
        .map(|f| f.cname.as_str())
        .collect();
    // Object members that start NULL rather than None.
    let owned_slots: Vec<&str> = if t.dict { vec!["pyx_dict"] } else { vec![] };

    // Destruction: this class's __dealloc__ and fields, then the base's.
    let _ = writeln!(out, "\nstatic void pyx_destroy_{cid}(PyObject *o) {{");
    if let Some(d) = &t.dealloc {
        let where_ = c_string(format!("{}.__dealloc__", t.tp_name).as_bytes());
        let _ = writeln!(out, "    pyx_ext_dealloc({d}, o, {where_});");
    }
    for f in object_fields.iter().chain(&owned_slots) {
        let _ = writeln!(out, "    Py_CLEAR({obj}->{f});");
    }
    for f in t.fields.iter().filter(|f| f.is_slice) {
        let _ = writeln!(out, "    pyx_mv_release(&{obj}->{});", f.cname);
    }
    if let (Some(b), None) = (&t.base_cid, foreign_base) {
        let _ = writeln!(out, "    pyx_destroy_{b}(o);");
    }
    let _ = writeln!(out, "}}");
    let untrack = if t.gc {
        "\n    PyObject_GC_UnTrack(o);"
    } else {
        ""
    };
    match imported_ancestor(m, t) {
        // This module's part is destroyed here; the other module's type frees the instance
        // (tracked again for it, as its deallocator untracks).
        Some(a) => {
            let _ = writeln!(
                out,
                "static void pyx_tp_dealloc_{cid}(PyObject *o) {{{untrack}\n    pyx_destroy_{cid}(o);{}\n    ((PyTypeObject *){})->tp_dealloc(o);\n}}",
                if a.gc { "\n    PyObject_GC_Track(o);" } else { "" },
                a.type_var
            );
        }
        None => {
            // `@cython.freelist(n)`: instances of exactly this layout are kept for reuse.
            let free = if t.freelist > 0 {
                let _ = writeln!(
                    out,
                    "static PyObject *pyx_freelist_{cid}[{n}];\nstatic int pyx_freecount_{cid};",
                    n = t.freelist
                );
                format!(
                    "if (pyx_freecount_{cid} < {n} && tp->tp_basicsize == sizeof({s}))\n        pyx_freelist_{cid}[pyx_freecount_{cid}++] = o;\n    else\n        tp->tp_free(o);",
                    n = t.freelist,
                    s = t.struct_name
                )
            } else {
                "tp->tp_free(o);".to_string()
            };
            let _ = writeln!(
                out,
                "static void pyx_tp_dealloc_{cid}(PyObject *o) {{\n    PyTypeObject *tp = Py_TYPE(o);{untrack}\n    pyx_ext_clear_weakrefs(o);\n    pyx_destroy_{cid}(o);\n    {free}\n    Py_DECREF(tp);\n}}"
            );
        }
    }

    // Allocation: the base's part (and its __cinit__) first.
    let _ = writeln!(
        out,
        "static PyObject *pyx_tp_new_{cid}(PyTypeObject *t, PyObject *a, PyObject *k) {{"
    );
    match (&t.base_cid, foreign_slot("tp_new")) {
        (_, Some(new)) => {
            let _ = writeln!(out, "    PyObject *o = {new}(t, a, k);");
        }
        (Some(b), None) => {
            let _ = writeln!(out, "    PyObject *o = pyx_tp_new_{b}(t, a, k);");
        }
        (None, None) if t.freelist > 0 => {
            let _ = writeln!(
                out,
                "    PyObject *o;\n    (void)a; (void)k;\n    if (pyx_freecount_{cid} > 0 && t->tp_basicsize == sizeof({s})) {{\n        o = pyx_freelist_{cid}[--pyx_freecount_{cid}];\n        memset(o, 0, sizeof({s}));\n        (void)PyObject_INIT(o, t);{track}\n    }} else {{\n        o = t->tp_alloc(t, 0);\n    }}",
                s = t.struct_name,
                track = if t.gc { "\n        PyObject_GC_Track(o);" } else { "" }
            );
        }
        (None, None) => {
            let _ = writeln!(
                out,
                "    PyObject *o = t->tp_alloc(t, 0);\n    (void)a; (void)k;"
            );
        }
    }
    let _ = writeln!(out, "    if (!o) return NULL;");
    if has_vtab(t) {
        let _ = writeln!(
            out,
            "    (({} *)o)->pyx_vtab = &pyx_vtable_{cid};",
            root(m, t).struct_name
        );
    }
    for f in &object_fields {
        let _ = writeln!(out, "    Py_INCREF(Py_None); {obj}->{f} = Py_None;");
    }
    for f in t.fields.iter().filter(|f| f.is_slice) {
        let _ = writeln!(out, "    {obj}->{}.memview = PYX_MV_UNSET;", f.cname);
    }
    if let Some((c, pass_args)) = &t.cinit {
        let _ = writeln!(
            out,
            "    if (pyx_ext_cinit({c}, o, a, k, {}) < 0) {{ Py_DECREF(o); return NULL; }}",
            *pass_args as i32
        );
    }
    let _ = writeln!(out, "    return o;\n}}");

    if t.gc {
        let base_gc = base.is_some_and(|b| b.gc);
        let base_clears = base.is_some_and(|b| b.gc && !b.no_gc_clear);
        let _ = writeln!(
            out,
            "static int pyx_tp_traverse_{cid}(PyObject *o, visitproc visit, void *arg) {{"
        );
        match (&t.base_cid, base_gc, foreign_slot("tp_traverse")) {
            (_, true, Some(f)) => {
                let _ = writeln!(
                    out,
                    "    if ({f}) {{ int e = {f}(o, visit, arg); if (e) return e; }}"
                );
            }
            (Some(b), true, None) => {
                let _ = writeln!(
                    out,
                    "    {{ int e = pyx_tp_traverse_{b}(o, visit, arg); if (e) return e; }}"
                );
            }
            // Instances of a heap type hold a reference to it.
            _ => {
                let _ = writeln!(out, "    Py_VISIT(Py_TYPE(o));");
            }
        }
        for f in object_fields.iter().chain(&owned_slots) {
            let _ = writeln!(out, "    Py_VISIT({obj}->{f});");
        }
        let _ = writeln!(out, "    return 0;\n}}");
        let _ = writeln!(out, "static int pyx_tp_clear_{cid}(PyObject *o) {{");
        match (&t.base_cid, base_clears, foreign_slot("tp_clear")) {
            (_, true, Some(f)) => {
                let _ = writeln!(out, "    if ({f}) {f}(o);");
            }
            (Some(b), true, None) => {
                let _ = writeln!(out, "    pyx_tp_clear_{b}(o);");
            }
            _ => {}
        }
        for f in &owned_slots {
            let _ = writeln!(out, "    Py_CLEAR({obj}->{f});");
        }
        for f in &object_fields {
            let _ = writeln!(
                out,
                "    {{ PyObject *old = {obj}->{f}; Py_INCREF(Py_None); {obj}->{f} = Py_None; Py_XDECREF(old); }}"
            );
        }
        let _ = writeln!(out, "    return 0;\n}}");
    }

    if !t.getsets.is_empty() || t.dict {
        for g in &t.getsets {
            let _ = writeln!(
                out,
                "static const pyx_accessors pyx_acc_{cid}_{} = {{{}, {}}};",
                g.name,
                g.get,
                g.set.as_deref().unwrap_or("NULL")
            );
        }
        let _ = writeln!(out, "static PyGetSetDef pyx_getset_{cid}[] = {{");
        for g in &t.getsets {
            let setter = match (&g.set, g.del_to_none) {
                (None, _) => "NULL",
                (Some(_), true) => "pyx_ext_set_or_none",
                (Some(_), false) => "pyx_ext_set",
            };
            let _ = writeln!(
                out,
                "    {{{}, pyx_ext_get, {setter}, NULL, (void *)&pyx_acc_{cid}_{}}},",
                c_string(g.name.as_bytes()),
                g.name
            );
        }
        // The instance dict cannot be replaced, as in Cython.
        if t.dict {
            let _ = writeln!(
                out,
                "    {{\"__dict__\", PyObject_GenericGetDict, NULL, NULL, NULL}},"
            );
        }
        let _ = writeln!(out, "    {{NULL, NULL, NULL, NULL, NULL}}\n}};");
    }
    if t.weakref || t.dict {
        let _ = writeln!(out, "static PyMemberDef pyx_members_{cid}[] = {{");
        for (flag, name, member) in [
            (t.weakref, "__weaklistoffset__", "pyx_weakref"),
            (t.dict, "__dictoffset__", "pyx_dict"),
        ] {
            if flag {
                let _ = writeln!(
                    out,
                    "    {{\"{name}\", T_PYSSIZET, offsetof({}, {member}), READONLY, NULL}},",
                    t.struct_name
                );
            }
        }
        let _ = writeln!(out, "    {{NULL, 0, 0, 0, NULL}}\n}};");
    }

    if let Some(f) = &t.richcmp {
        let _ = writeln!(
            out,
            "static PyObject *pyx_tp_richcompare_{cid}(PyObject *a, PyObject *b, int op) {{ return pyx_ext_richcmp({f}, a, b, op); }}"
        );
    }
    // The buffer slots: `view->obj` starts as None (what the method may replace), as Cython
    // arranges, and is dropped again on failure or when left None.
    if let Some(f) = &t.getbuffer {
        let _ = writeln!(
            out,
            "static int pyx_bf_getbuffer_{cid}(PyObject *o, Py_buffer *view, int flags) {{\n    if (view == NULL) {{ PyErr_SetString(PyExc_BufferError, \"PyObject_GetBuffer: view==NULL argument is obsolete\"); return -1; }}\n    Py_INCREF(Py_None); view->obj = Py_None;\n    {f}(o, view, flags);\n    if (PyErr_Occurred()) {{ Py_CLEAR(view->obj); return -1; }}\n    if (view->obj == Py_None) {{ Py_DECREF(Py_None); view->obj = NULL; }}\n    return 0;\n}}"
        );
    }
    if let Some(f) = &t.releasebuffer {
        let _ = writeln!(
            out,
            "static void pyx_bf_releasebuffer_{cid}(PyObject *o, Py_buffer *view) {{ {f}(o, view); }}"
        );
    }
    let _ = writeln!(out, "static PyType_Slot pyx_slots_{cid}[] = {{");
    let _ = writeln!(out, "    {{Py_tp_new, (void *)pyx_tp_new_{cid}}},");
    let _ = writeln!(out, "    {{Py_tp_dealloc, (void *)pyx_tp_dealloc_{cid}}},");
    if t.gc {
        let _ = writeln!(
            out,
            "    {{Py_tp_traverse, (void *)pyx_tp_traverse_{cid}}},"
        );
        if !t.no_gc_clear {
            let _ = writeln!(out, "    {{Py_tp_clear, (void *)pyx_tp_clear_{cid}}},");
        }
    }
    if t.weakref || t.dict {
        let _ = writeln!(out, "    {{Py_tp_members, (void *)pyx_members_{cid}}},");
    }
    if !t.getsets.is_empty() || t.dict {
        let _ = writeln!(out, "    {{Py_tp_getset, (void *)pyx_getset_{cid}}},");
    }
    if t.getbuffer.is_some() {
        let _ = writeln!(
            out,
            "    {{Py_bf_getbuffer, (void *)pyx_bf_getbuffer_{cid}}},"
        );
    }
    if t.releasebuffer.is_some() {
        let _ = writeln!(
            out,
            "    {{Py_bf_releasebuffer, (void *)pyx_bf_releasebuffer_{cid}}},"
        );
    }
    if t.richcmp.is_some() {
        let _ = writeln!(
            out,
            "    {{Py_tp_richcompare, (void *)pyx_tp_richcompare_{cid}}},"
        );
    }
    if let Some(d) = &t.doc {
        let _ = writeln!(
            out,
            "    {{Py_tp_doc, (void *){}}},",
            c_string(d.as_bytes())
        );
    }
    let _ = writeln!(out, "    {{0, NULL}}\n}};");
    let _ = writeln!(
        out,
        "static PyType_Spec pyx_spec_{cid} = {{{}, sizeof({}), 0, Py_TPFLAGS_DEFAULT{}{}, pyx_slots_{cid}}};",
        c_string(t.tp_name.as_bytes()),
        t.struct_name,
        if t.is_final { "" } else { " | Py_TPFLAGS_BASETYPE" },
        if t.gc { " | Py_TPFLAGS_HAVE_GC" } else { "" }
    );
}
