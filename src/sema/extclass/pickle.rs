//! Automatic pickling of extension types, as Cython provides it: a `__reduce__` that returns
//! the class's fields (its bases' included, private ones too) and a module-level function that
//! makes an instance from them without running `__init__`. Both are generated as Cython source
//! and checked like the module's own code.

use super::super::tree::*;
use super::super::types::*;
use super::super::Checker;
use crate::syntax::ast::{self, ExprKind as E, StmtKind as S};
use crate::syntax::{parse_text, Dialect};
use std::fmt::Write;

impl<'a> Checker<'a> {
    /// Pickling support for `cls` unless the class handles pickling itself or opted out.
    pub(in crate::sema) fn auto_pickle(
        &mut self,
        cls: ExtRef,
        c: &ast::ClassDef,
        line: u32,
        out: &mut Vec<Stmt>,
    ) {
        if !self.wants_auto_pickle(c) {
            return;
        }
        let name = cls.get().name.clone();
        let unpickle = format!("__pyx_unpickle_{name}");
        let fields: Vec<ExtField> = {
            let mut chain: Vec<ExtRef> = cls.chain().collect();
            chain.reverse();
            chain
                .iter()
                .flat_map(|k| k.get().members.borrow().fields.clone())
                .collect()
        };
        let cinit_args = self
            .program
            .ext_types
            .iter()
            .filter(|d| cls.is_subclass_of(d.class))
            .any(|d| d.cinit.is_some_and(|(_, args)| args) && self.cinit_requires_args(d))
            // Cython counts memoryview fields as a non-trivial __cinit__ too.
            || fields.iter().any(|f| matches!(f.ty, Type::MemView(_)));
        // As Cython: fields that cannot go to Python and back make pickling fail, and so do
        // struct fields unless the class asks for pickling with `@cython.auto_pickle(True)`.
        let non_py: Vec<&ExtField> = fields
            .iter()
            .filter(|f| {
                let t = &f.ty;
                let array_ok = matches!(t, Type::Array(elt, Some(_))
                    if elt.converts_to_object() && !elt.is_ptr_like());
                !array_ok && !(t.converts_to_object() && (!t.is_ptr_like() || t.is_c_string()))
            })
            .collect();
        let structs: Vec<&ExtField> = fields
            .iter()
            .filter(|f| matches!(f.ty, Type::Struct(_)))
            .collect();
        let names = |fs: &[&ExtField]| {
            fs.iter()
                .map(|f| format!("self.{}", f.name))
                .collect::<Vec<_>>()
                .join(",")
        };
        let unpicklable = if !non_py.is_empty() {
            Some(format!(
                "{} cannot be converted to a Python object for pickling",
                names(&non_py)
            ))
        } else if !structs.is_empty() && !self.auto_pickle_forced(c) {
            Some(format!(
                "Pickling of struct members such as {} must be explicitly requested with \
                 @auto_pickle(True)",
                names(&structs)
            ))
        } else {
            None
        };
        let mut src = String::from("def __reduce_cython__(self):\n");
        match (cinit_args, unpicklable) {
            (true, _) => src.push_str(
                "    raise TypeError('no default __reduce__ due to non-trivial __cinit__')\n",
            ),
            (_, Some(msg)) => {
                let _ = writeln!(src, "    raise TypeError({msg:?})");
            }
            (false, None) => {
                let state: Vec<String> = fields
                    .iter()
                    .map(|f| format!("(<{name}>self).{}", f.name))
                    .collect();
                let _ = writeln!(
                    src,
                    "    return ({unpickle}, (type(self), ({}{})))",
                    state.join(", "),
                    if state.len() == 1 { "," } else { "" }
                );
                let _ = writeln!(src, "\ndef {unpickle}(cls, state):");
                let _ = writeln!(src, "    cdef {name} obj = cls.__new__(cls)");
                for (i, f) in fields.iter().enumerate() {
                    // A C array field is filled from the list its state holds.
                    let slice = if matches!(f.ty, Type::Array(..)) {
                        "[:]"
                    } else {
                        ""
                    };
                    let _ = writeln!(src, "    obj.{}{slice} = state[{i}]", f.name);
                }
                src.push_str("    return obj\n");
            }
        }
        self.py_globals.insert(unpickle);
        self.generated_defs(&src, line, out, |name| {
            if name == "__reduce_cython__" {
                // Set on the type (still mutable: it is frozen after its decorators).
                let ty = Expr::new(
                    ExprKind::CName(cls.get().type_var()),
                    Type::Object(PyType::Type),
                    ast::Span { start: 0, end: 0 },
                );
                Target::Attr(ty, "__reduce__".into())
            } else {
                Target::PyGlobal(name.to_string())
            }
        });
    }

    /// Cython generates pickling unless the class defines its own or `auto_pickle(False)`.
    pub(in crate::sema) fn wants_auto_pickle(&self, c: &ast::ClassDef) -> bool {
        let off = c.decorators.iter().any(|d| match &d.kind {
            E::Call(f, args) => {
                self.cython_attr(f).as_deref() == Some("auto_pickle")
                    && matches!(args.first(), Some(ast::Arg::Positional(a)) if matches!(a.kind, E::False))
            }
            _ => false,
        });
        let own = c.body.iter().any(|s| match &s.kind {
            S::FunctionDef(f) => matches!(
                self.text(f.name),
                "__reduce__" | "__reduce_ex__" | "__getstate__" | "__setstate__"
            ),
            _ => false,
        });
        !off && !own
    }

    /// Whether the class says `@cython.auto_pickle(True)`.
    fn auto_pickle_forced(&self, c: &ast::ClassDef) -> bool {
        c.decorators.iter().any(|d| match &d.kind {
            E::Call(f, args) => {
                self.cython_attr(f).as_deref() == Some("auto_pickle")
                    && matches!(args.first(), Some(ast::Arg::Positional(a)) if matches!(a.kind, E::True))
            }
            _ => false,
        })
    }

    /// Whether `__cinit__` needs arguments (an instance cannot be made without them).
    pub(in crate::sema) fn cinit_requires_args(&self, d: &ExtTypeDef) -> bool {
        let Some((id, _)) = d.cinit else { return false };
        let f = &self.program.functions[id];
        f.params.iter().skip(1).any(|p| p.default.is_none()) && f.layout.npos > 1
    }

    /// Checks module-level `def`s written as source text and binds each (by name) to the
    /// target `bind` gives.
    pub(in crate::sema) fn generated_defs(
        &mut self,
        src: &str,
        line: u32,
        out: &mut Vec<Stmt>,
        bind: impl Fn(&str) -> Target,
    ) {
        let parsed = parse_text(src, Dialect::Cython);
        self.in_source(src, |ck| {
            ck.bind_generated(&parsed.module.body, line, out, bind)
        });
    }

    fn bind_generated(
        &mut self,
        body: &[ast::Stmt],
        line: u32,
        out: &mut Vec<Stmt>,
        bind: impl Fn(&str) -> Target,
    ) {
        for s in body {
            let S::FunctionDef(f) = &s.kind else { continue };
            let name = self.text(f.name).to_string();
            let (id, defaults, _) = self.check_def(
                &name,
                &f.params,
                None,
                super::super::func::FnBody::Block(&f.body),
                &[],
                s.span,
            );
            self.program.functions[id].line = line;
            let made = Expr::new(ExprKind::MakeFunction(id, defaults), Type::OBJECT, s.span);
            out.push(Stmt {
                kind: StmtKind::Assign(bind(&name), made),
                line,
            });
        }
    }
}
