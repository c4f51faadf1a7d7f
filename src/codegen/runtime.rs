//! The C runtime helpers, embedded in the binary and pasted into modules by group.

pub const CORE: &str = include_str!("../runtime/core.h");

/// The text of one helper group (see `ir::Module::helpers`).
pub fn group(name: &str) -> &'static str {
    match name {
        "convert" => concat!(
            include_str!("../runtime/convert.h"),
            include_str!("../runtime/convert_extra.h")
        ),
        "args" => include_str!("../runtime/args.h"),
        "call" => include_str!("../runtime/call.h"),
        "iter" => include_str!("../runtime/iter.h"),
        "arith" => include_str!("../runtime/arith.h"),
        "except" => include_str!("../runtime/except.h"),
        "unpack" => include_str!("../runtime/unpack.h"),
        "class" => include_str!("../runtime/class.h"),
        "import" => include_str!("../runtime/import.h"),
        "closure" => include_str!("../runtime/closure.h"),
        _ => "",
    }
}
