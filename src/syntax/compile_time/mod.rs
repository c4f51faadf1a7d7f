//! Cython's compile-time language, run on the syntax tree right after parsing, as Cython runs
//! it while parsing:
//!
//! - `DEF NAME = expr` evaluates `expr` and removes the statement; from there on (in source
//!   order, in every scope) the name `NAME` in an expression stands for the value's literal.
//! - `IF c: ... ELIF c: ... ELSE: ...` is replaced by the statements of the first branch whose
//!   condition holds (the others are dropped unevaluated).
//!
//! The expressions may use literals, earlier `DEF` names, `UNAME_SYSNAME` and friends, the
//! operators, subscripts and a set of builtins (`eval.rs`). A value can be `None`, a bool, an
//! int, a float, a complex, a str, bytes, or a tuple of these.

mod eval;
mod value;

use super::ast::*;
use super::build::Ctx;
use super::source::Dialect;
use super::walk::for_each_child_mut;
use crate::diagnostics::codes;
use std::collections::HashMap;
use value::Value;

/// The top-level statements of each included file (or why it could not be read), by the
/// start of the `include` statement that names it.
pub type IncludedFiles = HashMap<usize, Result<Vec<Stmt>, String>>;

/// Expands `DEF` and `IF` in a `.pyx`/`.pxd`/`.pxi` tree (in `.py` files they are names),
/// and puts each included file's statements in place of the `include` reached (`include`
/// inside an `IF` branch only counts when the branch is taken).
pub fn expand(ctx: &Ctx, module: &mut Module, included: IncludedFiles) {
    // Most files have neither statement: skip the walk when the words never occur.
    let compile_time_words = ctx.src.contains("DEF") || ctx.src.contains("IF");
    if ctx.dialect == Dialect::Python || (!compile_time_words && included.is_empty()) {
        return;
    }
    Expander {
        ctx,
        defs: HashMap::new(),
        included,
    }
    .stmts(&mut module.body);
}

struct Expander<'c, 's> {
    ctx: &'c Ctx<'s>,
    /// The `DEF` constants seen so far, by name.
    defs: HashMap<String, Value>,
    included: IncludedFiles,
}

impl Expander<'_, '_> {
    fn text(&self, span: Span) -> String {
        self.ctx.text(span).to_string()
    }

    fn evaluate(&self, e: &Expr) -> Option<Value> {
        match eval::eval(e, &self.defs, &|s| self.text(s)) {
            Ok(v) => Some(v),
            Err(err) => {
                self.ctx.error(codes::COMPILE_TIME, err.span, err.message);
                None
            }
        }
    }

    /// Expands the compile-time statements of a block, then substitutes in the others.
    fn stmts(&mut self, body: &mut Vec<Stmt>) {
        let had_statements = !body.is_empty();
        let mut last_span = None;
        for mut s in std::mem::take(body) {
            last_span = Some(s.span);
            match s.kind {
                StmtKind::CompileTimeDef { name, value } => {
                    if let Some(v) = self.evaluate(&value) {
                        self.defs.insert(self.text(name.span), v);
                    }
                }
                StmtKind::CompileTimeIf { branches, orelse } => {
                    let mut chosen = self.choose(branches, orelse);
                    self.stmts(&mut chosen);
                    body.extend(chosen);
                }
                StmtKind::Include(_) if self.included.contains_key(&(s.span.start as usize)) => {
                    match self.included.remove(&(s.span.start as usize)) {
                        Some(Ok(mut stmts)) => {
                            self.stmts(&mut stmts);
                            body.extend(stmts);
                        }
                        Some(Err(msg)) => self.ctx.error(codes::SYNTAX, s.span, msg),
                        None => {}
                    }
                }
                _ => {
                    self.stmt(&mut s);
                    body.push(s);
                }
            }
        }
        // A block made empty (`def f(): IF False: ...`) still needs a statement.
        if let (true, true, Some(span)) = (had_statements, body.is_empty(), last_span) {
            body.push(Stmt::new(StmtKind::Pass, span));
        }
    }

    /// The statements of the first branch whose condition holds. A condition that cannot be
    /// evaluated is reported, and the whole `IF` then stands for nothing.
    fn choose(&mut self, branches: Vec<(Expr, Vec<Stmt>)>, orelse: Vec<Stmt>) -> Vec<Stmt> {
        for (test, body) in branches {
            match self.evaluate(&test) {
                Some(v) if v.truthy() => return body,
                Some(_) => {}
                None => return Vec::new(),
            }
        }
        orelse
    }

    fn stmt(&mut self, s: &mut Stmt) {
        match &mut s.kind {
            StmtKind::Expr(e) | StmtKind::Return(Some(e)) => self.expr(e),
            StmtKind::Assign { targets, value } => {
                targets.iter_mut().for_each(|t| self.target(t));
                self.expr(value);
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.target(target);
                self.expr(value);
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => {
                self.target(target);
                self.expr(annotation);
                value.iter_mut().for_each(|v| self.expr(v));
            }
            StmtKind::Raise { exc, cause } => {
                exc.iter_mut().chain(cause).for_each(|e| self.expr(e));
            }
            StmtKind::Del(targets) => targets.iter_mut().for_each(|t| self.target(t)),
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                msg.iter_mut().for_each(|m| self.expr(m));
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.target(target);
                self.expr(iter);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::With { items, body, .. } => {
                for item in items {
                    self.expr(&mut item.context);
                    item.target.iter_mut().for_each(|t| self.target(t));
                }
                self.stmts(body);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                ..
            } => {
                self.stmts(body);
                for h in handlers {
                    h.typ.iter_mut().for_each(|t| self.expr(t));
                    self.stmts(&mut h.body);
                }
                self.stmts(orelse);
                self.stmts(finalbody);
            }
            StmtKind::FunctionDef(f) => {
                f.decorators.iter_mut().for_each(|d| self.expr(d));
                self.params(&mut f.params);
                f.returns.iter_mut().for_each(|r| self.expr(r));
                self.stmts(&mut f.body);
            }
            StmtKind::ClassDef(c) => {
                c.decorators.iter_mut().for_each(|d| self.expr(d));
                c.args.iter_mut().for_each(|a| self.arg(a));
                self.stmts(&mut c.body);
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject);
                for case in cases {
                    case.guard.iter_mut().for_each(|g| self.expr(g));
                    self.stmts(&mut case.body);
                }
            }
            StmtKind::CVarDecl(d) => {
                for v in &mut d.vars {
                    self.ctype(&mut v.ty);
                    v.value.iter_mut().for_each(|e| self.expr(e));
                }
            }
            StmtKind::CFunction(f) => {
                f.decorators.iter_mut().for_each(|d| self.expr(d));
                self.cfunc(&mut f.ty);
                if let Some(body) = &mut f.body {
                    self.stmts(body);
                }
            }
            StmtKind::CStruct(st) => {
                for field in st.fields.iter_mut().flatten() {
                    self.ctype(&mut field.ty);
                }
            }
            StmtKind::CEnum(en) => {
                for (_, v) in &mut en.members {
                    v.iter_mut().for_each(|e| self.expr(e));
                }
            }
            StmtKind::CTypedef { ty, .. } | StmtKind::CTypeLine(ty) => self.ctype(ty),
            StmtKind::Fused { types, .. } => types.iter_mut().for_each(|t| self.ctype(t)),
            StmtKind::Extern(block) => self.stmts(&mut block.body),
            StmtKind::DeclBlock { body, .. } => self.stmts(body),
            StmtKind::ForFrom(ff) => {
                self.expr(&mut ff.lower);
                self.expr(&mut ff.upper);
                ff.step.iter_mut().for_each(|s| self.expr(s));
                self.stmts(&mut ff.body);
                self.stmts(&mut ff.orelse);
            }
            StmtKind::Return(None)
            | StmtKind::Pass
            | StmtKind::Break
            | StmtKind::Continue
            | StmtKind::Global(_)
            | StmtKind::Nonlocal(_)
            | StmtKind::Import(_)
            | StmtKind::ImportFrom { .. }
            | StmtKind::CImport(_)
            | StmtKind::FromCImport { .. }
            | StmtKind::Include(_)
            | StmtKind::CompileTimeDef { .. }
            | StmtKind::CompileTimeIf { .. }
            | StmtKind::Invalid => {}
        }
    }

    /// A name that is a `DEF` constant becomes the constant's literal.
    fn expr(&mut self, e: &mut Expr) {
        if self.defs.is_empty() {
            return;
        }
        match &mut e.kind {
            ExprKind::Name(n) => {
                if let Some(v) = self.defs.get(self.ctx.text(n.span)) {
                    *e = match literal(v, e.span) {
                        Ok(lit) => lit,
                        Err(message) => {
                            self.ctx.error(codes::COMPILE_TIME, e.span, message);
                            Expr::new(ExprKind::Invalid, e.span)
                        }
                    };
                }
            }
            ExprKind::NamedExpr(target, value) => {
                self.target(target);
                self.expr(value);
            }
            ExprKind::Lambda(params, body) => {
                self.params(params);
                self.expr(body);
            }
            ExprKind::ListComp(el, gens)
            | ExprKind::SetComp(el, gens)
            | ExprKind::GeneratorExp(el, gens) => {
                self.comprehensions(gens);
                self.expr(el);
            }
            ExprKind::DictComp(k, v, gens) => {
                self.comprehensions(gens);
                self.expr(k);
                self.expr(v);
            }
            ExprKind::Cast { ty, expr, .. } => {
                self.ctype(ty);
                self.expr(expr);
            }
            ExprKind::SizeofType(ty) => self.ctype(ty),
            _ => for_each_child_mut(e, |c| self.expr(c)),
        }
    }

    /// Where a value is stored, a `DEF` name is an error (Cython: "Cannot assign to or delete
    /// this"); the expressions inside a target (`a[i].x`) are substituted.
    fn target(&mut self, e: &mut Expr) {
        if self.defs.is_empty() {
            return;
        }
        match &mut e.kind {
            ExprKind::Name(n) => {
                let name = self.text(n.span);
                if self.defs.contains_key(&name) {
                    self.ctx.error(
                        codes::COMPILE_TIME,
                        n.span,
                        format!("cannot assign to or delete the compile-time constant '{name}'"),
                    );
                }
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                items.iter_mut().for_each(|i| self.target(i))
            }
            ExprKind::Starred(inner) => self.target(inner),
            _ => self.expr(e),
        }
    }

    fn comprehensions(&mut self, gens: &mut [Comprehension]) {
        for g in gens {
            self.expr(&mut g.iter);
            self.target(&mut g.target);
            g.ifs.iter_mut().for_each(|c| self.expr(c));
        }
    }

    fn arg(&mut self, a: &mut Arg) {
        match a {
            Arg::Positional(e) | Arg::Star(e) | Arg::Keyword(_, e) | Arg::DoubleStar(e) => {
                self.expr(e)
            }
        }
    }

    fn params(&mut self, p: &mut Params) {
        let all = p
            .posonly
            .iter_mut()
            .chain(&mut p.args)
            .chain(&mut p.vararg)
            .chain(&mut p.kwonly)
            .chain(&mut p.kwarg);
        for param in all {
            param.annotation.iter_mut().for_each(|a| self.expr(a));
            param.ctype.iter_mut().for_each(|t| self.ctype(t));
            if let Some(DefaultValue::Value(d)) = &mut param.default {
                self.expr(d);
            }
        }
    }

    fn cfunc(&mut self, f: &mut CFuncType) {
        self.ctype(&mut f.ret);
        self.params(&mut f.params);
        match &mut f.exception {
            ExceptionSpec::Value(e)
            | ExceptionSpec::MaybeValue(e)
            | ExceptionSpec::Cpp(Some(e)) => self.expr(e),
            _ => {}
        }
    }

    /// Array sizes (`int a[N]`) and the other expressions inside a C type.
    fn ctype(&mut self, t: &mut CType) {
        match &mut t.kind {
            CTypeKind::Array(inner, size) => {
                self.ctype(inner);
                size.iter_mut().for_each(|s| self.expr(s));
            }
            CTypeKind::Pointer(inner) | CTypeKind::Const(inner) => self.ctype(inner),
            CTypeKind::Function(f) => self.cfunc(f),
            CTypeKind::MemoryView { base, axes } => {
                self.ctype(base);
                axes.iter_mut().for_each(|a| self.expr(a));
            }
            CTypeKind::CTuple(items) => items.iter_mut().for_each(|i| self.ctype(i)),
            CTypeKind::Annotation(e) => self.expr(e),
            CTypeKind::Base { .. } => {}
        }
    }
}

/// The literal a constant stands for, spanning the name it replaces.
fn literal(v: &Value, span: Span) -> Result<Expr, String> {
    let lit = |kind| Expr::new(kind, span);
    let negated = |e: Expr| lit(ExprKind::Unary(UnaryOp::Neg, Box::new(e)));
    Ok(match v {
        Value::None => lit(ExprKind::None),
        Value::Bool(true) => lit(ExprKind::True),
        Value::Bool(false) => lit(ExprKind::False),
        Value::Int(i) => {
            let magnitude = i.unsigned_abs();
            let int = lit(ExprKind::Int(match u64::try_from(magnitude) {
                Ok(small) => IntLit::Small(small),
                Err(_) => IntLit::Big(magnitude.to_string()),
            }));
            if *i < 0 {
                negated(int)
            } else {
                int
            }
        }
        Value::Float(f) if f.is_sign_negative() && !f.is_nan() => negated(lit(ExprKind::Float(-f))),
        Value::Float(f) => lit(ExprKind::Float(*f)),
        Value::Complex(re, im) => {
            let imag = if im.is_sign_negative() {
                negated(lit(ExprKind::Imag(-im)))
            } else {
                lit(ExprKind::Imag(*im))
            };
            if *re == 0.0 && re.is_sign_positive() {
                imag
            } else {
                let real = literal(&Value::Float(*re), span)?;
                lit(ExprKind::Binary(BinOp::Add, Box::new(real), Box::new(imag)))
            }
        }
        Value::Str(s) => lit(ExprKind::Str(s.clone())),
        Value::Bytes(b) => lit(ExprKind::Bytes(b.clone())),
        Value::Tuple(items) => lit(ExprKind::Tuple(
            items
                .iter()
                .map(|i| literal(i, span))
                .collect::<Result<_, _>>()?,
        )),
        Value::List(_) => {
            return Err(format!(
                "Invalid type for compile-time constant: {} (type {})",
                v.repr(),
                v.type_name()
            ))
        }
    })
}
