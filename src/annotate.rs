//! The annotation report (`pyxc annotate`, like `cython -a`): the source as HTML, each line
//! shaded by how much its C code works with Python objects (calls into the C-API or into
//! pyxc's object helpers), and a click away from that C code. White lines are plain C.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;

/// Helpers that do C work only: bounds and zero checks, loop bookkeeping (they raise only on
/// a failure, as plain C code with an error path would).
const PURE_C_HELPERS: &[&str] = &[
    "pyx_likely",
    "pyx_unlikely",
    "pyx_mv_index",
    "pyx_mv_check_bound",
    "pyx_mv_check_set",
    "pyx_check_nonzero",
    "pyx_check_range_step",
    "pyx_mod_d",
    "pyx_floordiv_d",
    "pyx_ipow",
    "pyx_parallel_stopped",
    "pyx_parallel_break",
    "pyx_threadid",
];

/// How many Python interactions C `code` makes: calls of `Py*`/`_Py*` functions and macros
/// (reference counting included) and of pyxc helpers other than the pure C ones and the
/// module's own functions (`own`, their C names).
pub fn python_calls(code: &str, own: &HashSet<&str>) -> usize {
    let bytes = code.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            let word = &code[start..i];
            let called = bytes.get(i) == Some(&b'(');
            let after_ident = start > 0 && {
                let p = bytes[start - 1];
                p.is_ascii_alphanumeric() || p == b'_'
            };
            if called && !after_ident && !own.contains(word) && is_python_call(word) {
                count += 1;
            }
        } else {
            i += 1;
        }
    }
    count
}

fn is_python_call(word: &str) -> bool {
    let py_api = word
        .strip_prefix("Py")
        .or_else(|| word.strip_prefix("_Py"))
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase() || c == '_'));
    py_api || word.starts_with("pyx_") && !PURE_C_HELPERS.contains(&word)
}

/// The shade of a line with `calls` Python interactions: 0 (white) to 4 (dark yellow).
fn shade(calls: usize) -> usize {
    match calls {
        0 => 0,
        1..=2 => 1,
        3..=5 => 2,
        6..=10 => 3,
        _ => 4,
    }
}

/// The HTML report of `source` (file `name`), with the C text of each line; `own` are the C
/// names of the module's functions.
pub fn report(
    name: &str,
    source: &str,
    c_lines: &BTreeMap<u32, String>,
    own: &HashSet<&str>,
) -> String {
    let mut out = String::with_capacity(source.len() * 4);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>pyxc: {n}</title>\n\
         <style>\n\
         body {{ font-family: monospace; font-size: 14px; }}\n\
         pre {{ margin: 0; white-space: pre-wrap; }}\n\
         .line {{ padding: 0 6px; }}\n\
         .line.c {{ cursor: pointer; }}\n\
         .code {{ display: none; margin: 2px 0 6px 5em; padding: 4px 8px; background: #f5f5f5; \
         border-left: 3px solid #bbb; font-size: 12px; }}\n\
         .open + .code {{ display: block; }}\n\
         .s0 {{ background: #ffffff; }} .s1 {{ background: #fffbd0; }} \
         .s2 {{ background: #fff59d; }} .s3 {{ background: #ffec4d; }} \
         .s4 {{ background: #fdd835; }}\n\
         </style>\n\
         <script>function t(e) {{ e.classList.toggle('open'); }}</script>\n\
         </head><body>\n<h3>{n}</h3>\n",
        n = escape(name)
    );
    let mut body = String::new();
    let (mut code_lines, mut plain) = (0, 0);
    for (i, text) in source.lines().enumerate() {
        let line = i as u32 + 1;
        let code = c_lines.get(&line).map(String::as_str).unwrap_or("");
        let calls = python_calls(code, own);
        let s = shade(calls);
        if code.trim().is_empty() {
            let _ = writeln!(
                body,
                "<pre class=\"line s0\">{line:>4}: {}</pre>",
                escape(text)
            );
            continue;
        }
        code_lines += 1;
        plain += usize::from(calls == 0);
        let _ = writeln!(
            body,
            "<pre class=\"line c s{s}\" data-calls=\"{calls}\" onclick=\"t(this)\">{line:>4}: {}</pre>\
             <pre class=\"code\">{}</pre>",
            escape(text),
            escape(code.trim_end())
        );
    }
    let _ = writeln!(
        out,
        "<p>Yellow lines work with Python objects: their C calls the Python C-API or pyxc's \
         object helpers (the darker, the more calls). White lines are plain C. Click a line \
         to see its C code.</p>\n<p>{plain} of {code_lines} lines with code are plain C.</p>"
    );
    out.push_str(&body);
    out.push_str("</body></html>\n");
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_python_calls_only() {
        let own = HashSet::from(["pyx_c_f"]);
        let calls = |c: &str| python_calls(c, &own);
        assert_eq!(calls("v_s = (v_s + v_x * 2.0); t = pyx_c_f(v_s);"), 0);
        assert_eq!(
            calls("if (pyx_unlikely(i >= n)) goto e; t = pyx_mv_index(i, n, 0, 1);"),
            0
        );
        assert_eq!(
            calls("t1 = PyLong_FromLong(x); if (pyx_unlikely(!t1)) goto e; Py_DECREF(t1);"),
            2
        );
        assert_eq!(calls("t = pyx_getattr(o, n); my_Py_thing(3);"), 1);
    }

    #[test]
    fn report_shades_and_attaches_code() {
        let mut lines = BTreeMap::new();
        lines.insert(2, "    v_x = v_y + 1;\n".to_string());
        lines.insert(3, "    t = PyNumber_Add(a, b); Py_DECREF(a);\n".to_string());
        let html = report(
            "m.pyx",
            "def f(a, b):\n    x = y + 1\n    return a + b\n",
            &lines,
            &HashSet::new(),
        );
        assert!(html.contains("class=\"line c s0\" data-calls=\"0\""));
        assert!(html.contains("class=\"line c s1\" data-calls=\"2\""));
        assert!(html.contains("PyNumber_Add(a, b)"));
        assert!(html.contains("1 of 2 lines with code are plain C"));
    }
}
