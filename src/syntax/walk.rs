//! Walking an expression's direct sub-expressions, by shared or by mutable reference. Both
//! walkers come from one template, so they visit the same children in the same order.

use super::ast::*;

macro_rules! child_walkers {
    ($each:ident, $comps:ident, $fstring:ident $(, $m:ident)?) => {
        /// Calls `f` on each direct sub-expression of `e`, in source order (the parameters of a
        /// lambda and the types of casts are not expressions here).
        pub fn $each<'a>(e: &'a $($m)? Expr, mut f: impl FnMut(&'a $($m)? Expr)) {
            match &$($m)? e.kind {
                ExprKind::Tuple(v)
                | ExprKind::List(v)
                | ExprKind::Set(v)
                | ExprKind::BoolOp(_, v) => {
                    for x in v {
                        f(x);
                    }
                }
                ExprKind::Dict(items) => {
                    for (k, v) in items {
                        if let Some(k) = k {
                            f(k);
                        }
                        f(v);
                    }
                }
                ExprKind::ListComp(el, gens)
                | ExprKind::SetComp(el, gens)
                | ExprKind::GeneratorExp(el, gens) => {
                    f(el);
                    $comps(gens, &mut f);
                }
                ExprKind::DictComp(k, v, gens) => {
                    f(k);
                    f(v);
                    $comps(gens, &mut f);
                }
                ExprKind::Attribute(v, _)
                | ExprKind::Starred(v)
                | ExprKind::Unary(_, v)
                | ExprKind::Await(v)
                | ExprKind::YieldFrom(v)
                | ExprKind::AddressOf(v)
                | ExprKind::Cast { expr: v, .. }
                | ExprKind::Lambda(_, v)
                | ExprKind::TypeOption(_, v)
                | ExprKind::Yield(Some(v)) => f(v),
                ExprKind::Subscript(a, b)
                | ExprKind::Binary(_, a, b)
                | ExprKind::NamedExpr(a, b) => {
                    f(a);
                    f(b);
                }
                ExprKind::Slice(a, b, c) => {
                    for x in [a, b, c].into_iter().flatten() {
                        f(x);
                    }
                }
                ExprKind::Call(func, args) => {
                    f(func);
                    for a in args {
                        match a {
                            Arg::Positional(e)
                            | Arg::Star(e)
                            | Arg::Keyword(_, e)
                            | Arg::DoubleStar(e) => f(e),
                        }
                    }
                }
                ExprKind::Compare(a, rest) => {
                    f(a);
                    for (_, e) in rest {
                        f(e);
                    }
                }
                ExprKind::IfExp { test, body, orelse } => {
                    f(test);
                    f(body);
                    f(orelse);
                }
                ExprKind::FString(parts) => $fstring(parts, &mut f),
                _ => {}
            }
        }

        fn $comps<'a>(gens: &'a $($m)? [Comprehension], f: &mut impl FnMut(&'a $($m)? Expr)) {
            for g in gens {
                f(&$($m)? g.target);
                f(&$($m)? g.iter);
                for c in &$($m)? g.ifs {
                    f(c);
                }
            }
        }

        fn $fstring<'a>(parts: &'a $($m)? [FStringPart], f: &mut impl FnMut(&'a $($m)? Expr)) {
            for p in parts {
                if let FStringPart::Field(v) = p {
                    f(&$($m)? v.expr);
                    $fstring(&$($m)? v.format_spec, f);
                }
            }
        }
    };
}

child_walkers!(for_each_child, comp_children, fstring_children);
child_walkers!(
    for_each_child_mut,
    comp_children_mut,
    fstring_children_mut,
    mut
);
