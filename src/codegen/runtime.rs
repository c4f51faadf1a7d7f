//! The C runtime helpers, embedded in the binary and pasted into modules by group.

/// Headers and compiler attributes: the start of every module, also compiled on its own into
/// the driver's precompiled header.
pub const PRELUDE: &str = include_str!("../runtime/prelude.h");

pub const CORE: &str = concat!(
    include_str!("../runtime/prelude.h"),
    include_str!("../runtime/core.h")
);

/// The C source of the runtime library: the larger, cold helpers, compiled once per
/// interpreter and flag set by the driver and linked into every module (see prelude.h).
pub const LIBRARY_SOURCE: &str = concat!(
    "/* pyxc runtime library */\n#define PYX_RT_IMPLEMENTATION 1\n",
    include_str!("../runtime/prelude.h"),
    include_str!("../runtime/args.h"),
    include_str!("../runtime/convert.h")
);

/// Every helper group, in the order they are pasted (a group may use those before it).
pub const GROUPS: &[&str] = &[
    "convert",
    "complex",
    "args",
    "call",
    "iter",
    "object",
    "arith",
    "except",
    "memview",
    "parallel",
    "unpack",
    "import",
    "function",
    "closure",
    "class",
    "exttype",
    "linking",
    "generator",
    "match",
];

/// Groups whose helpers another group calls: (the caller, the groups it calls).
const REQUIRES: &[(&str, &[&str])] = &[
    // Item assignment from Python converts like a C argument (`pyx_as_ll`...).
    ("memview", &["convert"]),
];

/// Whether group `g` is pasted into a module whose code uses the groups `used`: for its own
/// helpers, or for those of a group that calls it.
pub fn needed(g: &str, used: &std::collections::BTreeSet<&str>) -> bool {
    used.contains(g)
        || REQUIRES
            .iter()
            .any(|(caller, calls)| calls.contains(&g) && used.contains(caller))
}

/// The text of one helper group (see `ir::Module::helpers`).
pub fn group(name: &str) -> &'static str {
    match name {
        "convert" => concat!(
            include_str!("../runtime/convert.h"),
            include_str!("../runtime/convert_extra.h")
        ),
        "complex" => include_str!("../runtime/complex.h"),
        "args" => include_str!("../runtime/args.h"),
        "call" => include_str!("../runtime/call.h"),
        "iter" => include_str!("../runtime/iter.h"),
        "object" => include_str!("../runtime/object.h"),
        "arith" => include_str!("../runtime/arith.h"),
        "except" => include_str!("../runtime/except.h"),
        "unpack" => include_str!("../runtime/unpack.h"),
        "memview" => include_str!("../runtime/memview.h"),
        "parallel" => include_str!("../runtime/parallel.h"),
        "class" => include_str!("../runtime/class.h"),
        "exttype" => include_str!("../runtime/exttype.h"),
        "linking" => include_str!("../runtime/linking.h"),
        "import" => include_str!("../runtime/import.h"),
        "closure" => include_str!("../runtime/closure.h"),
        "function" => include_str!("../runtime/function.h"),
        "generator" => concat!(
            include_str!("../runtime/generator.h"),
            include_str!("../runtime/coroutine.h")
        ),
        "match" => include_str!("../runtime/match.h"),
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_group_has_an_order_and_a_text() {
        for g in super::GROUPS {
            assert!(!super::group(g).is_empty(), "{g}");
        }
        assert_eq!(super::group("no such group"), "");
    }
}
