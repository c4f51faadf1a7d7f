//! Loops over text in C, as Cython compiles them: `for c in b` over a typed `bytes` into a C
//! integer walks its `char` buffer, `for ch in s` over a typed `str` into a `Py_UCS4` its code
//! points. Both become a `range()` loop over the object's items, checked here.

use super::tree::*;
use super::types::*;
use super::Checker;

impl Checker<'_> {
    /// The C integer type of `tgt` when a loop over `it` walks the text in C: the char buffer
    /// of a `bytes` into any C integer, the code points of a `str` into a `Py_UCS4`.
    pub(super) fn text_loop_type(&self, it: &Expr, tgt: &Target) -> Option<Type> {
        let t = self.target_type(tgt)?;
        match &it.ty {
            Type::Object(PyType::Bytes) => Some(t).filter(Type::is_int),
            Type::Object(PyType::Str) => Some(t).filter(|t| t.int_kind() == Some(IntKind::UCS4)),
            _ => None,
        }
    }

    /// `for c in b` over a `bytes` into a C integer variable, or over a `str` into a
    /// `Py_UCS4` (the body and `else` checked): as in Cython, a C loop over the object's
    /// `char` buffer (each item a C `char`, so `b'\xff'` is -1 in a signed target) or its code
    /// points (`PyUnicode_READ`); `None` is "not iterable".
    pub(super) fn text_loop(
        &mut self,
        tgt: Target,
        var_ty: Type,
        it: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
        line: u32,
    ) -> Vec<Stmt> {
        let span = it.span;
        let ssize = Type::int(IntKind::SSize);
        let chars = Type::Ptr(Box::new(Type::int(IntKind::Char)));
        let Some(cx) = self.func.as_mut() else {
            return Vec::new();
        };
        let b = cx.add_hidden("text", it.ty.clone());
        let n = cx.add_hidden("n", ssize.clone());
        let i = cx.add_hidden("i", ssize.clone());
        let local = |id: LocalId, ty: &Type| Expr::new(ExprKind::Local(id), ty.clone(), span);
        let c_call = |name: &str, ret: &Type, exc: ExcCheck, arg: Expr| {
            let sig = super::builtin_calls::c_api(ret.clone(), vec![Type::OBJECT], exc);
            let callee = Expr::new(ExprKind::CName(name.into()), Type::Func(sig.clone()), span);
            Expr::new(
                ExprKind::CCall(Box::new(callee), vec![arg], sig),
                ret.clone(),
                span,
            )
        };
        let int = Type::int(IntKind::Int);
        let is_str = it.ty == Type::Object(PyType::Str);
        let text_ty = it.ty.clone();
        let text = || local(b, &text_ty);
        let text_obj = || text().coerce(Type::OBJECT);
        let assign = |t: Target, v: Expr| Stmt {
            kind: StmtKind::Assign(t, v),
            line,
        };
        let mut pre = vec![
            assign(Target::Local(b), it),
            Stmt {
                kind: StmtKind::Expr(c_call(
                    "pyx_check_iterable",
                    &int,
                    ExcCheck::Value("-1".into()),
                    text_obj(),
                )),
                line,
            },
            assign(
                Target::Local(n),
                c_call(
                    if is_str {
                        "PyUnicode_GET_LENGTH"
                    } else {
                        "PyBytes_GET_SIZE"
                    },
                    &ssize,
                    ExcCheck::None,
                    text_obj(),
                ),
            ),
        ];
        let item = if is_str {
            // The code point at `i`: PyUnicode_READ(kind, data, i), kind and data read once.
            let data_ty = Type::Ptr(Box::new(Type::Void));
            let cx = self.func.as_mut().expect("checked above");
            let (kind, data) = (
                cx.add_hidden("kind", int.clone()),
                cx.add_hidden("data", data_ty.clone()),
            );
            pre.push(assign(
                Target::Local(kind),
                c_call("PyUnicode_KIND", &int, ExcCheck::None, text_obj()),
            ));
            pre.push(assign(
                Target::Local(data),
                c_call("PyUnicode_DATA", &data_ty, ExcCheck::None, text_obj()),
            ));
            let ucs4 = Type::int(IntKind::UCS4);
            let sig = super::builtin_calls::c_api(
                ucs4.clone(),
                vec![int.clone(), data_ty.clone(), ssize.clone()],
                ExcCheck::None,
            );
            let callee = Expr::new(
                ExprKind::CName("PyUnicode_READ".into()),
                Type::Func(sig.clone()),
                span,
            );
            let args = vec![local(kind, &int), local(data, &data_ty), local(i, &ssize)];
            Expr::new(ExprKind::CCall(Box::new(callee), args, sig), ucs4, span)
        } else {
            let cx = self.func.as_mut().expect("checked above");
            let p = cx.add_hidden("chars", chars.clone());
            let p_val = self.coerce(text(), &chars);
            pre.push(assign(Target::Local(p), p_val));
            Expr::new(
                ExprKind::CIndex(Box::new(local(p, &chars)), Box::new(local(i, &ssize))),
                Type::int(IntKind::Char),
                span,
            )
        };
        let item = self.coerce(item, &var_ty);
        let mut b_body = vec![assign(tgt, item)];
        b_body.extend(body);
        let zero = Expr::new(ExprKind::CConst("0".into()), ssize.clone(), span);
        let one = Expr::new(ExprKind::CConst("1".into()), ssize.clone(), span);
        pre.push(Stmt {
            kind: StmtKind::ForRange {
                var: Target::Local(i),
                var_ty: ssize.clone(),
                start: zero,
                stop: local(n, &ssize),
                step: one,
                step_const: Some(1),
                body: b_body,
                orelse,
            },
            line,
        });
        pre
    }
}
