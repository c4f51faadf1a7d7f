//! Extern blocks of cimported `.pxd` files whose header is included only when used: a block
//! declaring nothing but functions, variables and constants (no types, which C code could
//! name without any expression saying so) becomes a `LazyHeader`, and lowering includes it
//! when the module's code names one of its C names. numpy's `.pxd` relies on it: cimporting
//! numpy for its scalar types or buffers needs no numpy headers, its C API does.

use super::tree::LazyHeader;
use super::{Checker, Sym};
use crate::syntax::ast::{self, ExprKind, StmtKind};

/// Whether the block declares only names an expression refers to (and verbatim C).
pub(super) fn declares_only_names(body: &[ast::Stmt]) -> bool {
    body.iter().all(|s| match &s.kind {
        StmtKind::CFunction(_) | StmtKind::CVarDecl(_) | StmtKind::Pass => true,
        StmtKind::CEnum(e) => e.name.is_none(),
        StmtKind::Expr(e) => matches!(e.kind, ExprKind::Str(_)),
        _ => false,
    })
}

impl Checker<'_> {
    /// Declares a lazy block's names and records its include, its verbatim C and its C names.
    pub(super) fn declare_lazy_extern(&mut self, block: &ast::ExternBlock, include: String) {
        let saved = std::mem::replace(&mut self.extern_nogil, block.nogil);
        let saved_extern = std::mem::replace(&mut self.in_extern, true);
        let mut lazy = LazyHeader {
            include,
            verbatim: Vec::new(),
            names: Default::default(),
        };
        for st in &block.body {
            match &st.kind {
                StmtKind::Expr(ast::Expr {
                    kind: ExprKind::Str(code),
                    ..
                }) => lazy.verbatim.push(code.clone()),
                _ => self.declare_stmt(st, Some(&block.header)),
            }
        }
        self.extern_nogil = saved;
        self.in_extern = saved_extern;
        let declared = block.body.iter().flat_map(|st| match &st.kind {
            StmtKind::CFunction(f) => vec![f.name],
            StmtKind::CVarDecl(d) => d.vars.iter().map(|v| v.name).collect(),
            StmtKind::CEnum(e) => e.members.iter().map(|m| m.0).collect(),
            _ => vec![],
        });
        for id in declared.collect::<Vec<_>>() {
            match self.module.get(self.text(id)) {
                Some(Sym::CFunc(info)) => lazy.names.insert(info.cname.clone()),
                Some(Sym::CName { cname, .. }) => lazy.names.insert(cname.clone()),
                _ => false,
            };
        }
        self.program.lazy_headers.push(lazy);
    }
}
