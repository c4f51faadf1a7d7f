//! The static description of a Python-callable function: its `PyMethodDef` and what its
//! `__code__` reports (parameter names and counts, the kind of function), so that `inspect`
//! reads a compiled function as it reads a Python one (`inspect.signature`,
//! `inspect.iscoroutinefunction`, ...). The type is `pyx_funcdef` (`runtime/function.h`).

use crate::ir::lower::c_string;
use crate::ir::{Function, GenKind};

/// `static pyx_funcdef pyx_mdef_<cname> = ...;` (after the array of its parameter names).
pub(super) fn function_def(f: &Function) -> String {
    let doc = f
        .doc
        .as_ref()
        .map_or("NULL".to_string(), |d| c_string(d.as_bytes()));
    let mut flags = vec![];
    let (mut names, mut counts) = (Vec::new(), (0, 0, 0));
    if let Some(a) = &f.args {
        names = a.names.iter().chain(&a.star_names).cloned().collect();
        counts = (a.npos, a.nposonly, a.nkwonly);
        if a.varargs.is_some() {
            flags.push("CO_VARARGS");
        }
        if a.kwargs.is_some() {
            flags.push("CO_VARKEYWORDS");
        }
    }
    flags.push(match f.generator.as_ref().map(|g| g.kind) {
        Some(GenKind::Generator) => "CO_GENERATOR",
        Some(GenKind::Coroutine) => "CO_COROUTINE",
        Some(GenKind::AsyncGenerator) => "CO_ASYNC_GENERATOR",
        None => "0",
    });
    let varnames = format!("pyx_varnames_{}", f.cname);
    let list: Vec<String> = names.iter().map(|n| c_string(n.as_bytes())).collect();
    format!(
        "static const char *const {varnames}[] = {{{}NULL}};\n\
         static pyx_funcdef pyx_mdef_{} = {{{{{}, (PyCFunction)(void (*)(void)){}, METH_FASTCALL | METH_KEYWORDS, {doc}}}, \
         {varnames}, {}, {}, {}, {}, {}, {}}};",
        list.iter().map(|n| format!("{n}, ")).collect::<String>(),
        f.cname,
        c_string(f.name.as_bytes()),
        f.cname,
        counts.0,
        counts.1,
        counts.2,
        flags.join(" | "),
        f.line,
        f.nfree,
    )
}
