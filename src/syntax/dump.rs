//! `pyxc parse --dump-ast`: the tree's debug form with every name shown as its text.

use super::ast::Module;

/// Pretty-prints the module, replacing `Ident@start..end` with `Ident("text")`.
pub fn dump(module: &Module, src: &str) -> String {
    let raw = format!("{module:#?}");
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw.as_str();
    while let Some(pos) = rest.find("Ident@") {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 6..];
        let end = after
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(after.len());
        let range = &after[..end];
        let text = range
            .split_once("..")
            .and_then(|(a, b)| Some((a.parse::<usize>().ok()?, b.parse::<usize>().ok()?)))
            .and_then(|(a, b)| src.get(a..b));
        match text {
            Some(t) => out.push_str(&format!("Ident({t:?})")),
            None => out.push_str(&rest[pos..pos + 6 + end]),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}
