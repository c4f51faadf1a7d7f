//! Builds the C test module for the runtime helpers (src/runtime/tests/rt_test.c, which includes
//! args.h and convert.h) with pyxc's driver and runs src/runtime/tests/check_runtime.py on it:
//! argument parsing and conversions against Cython's messages, and reference counts.

use pyxc::driver::{compile_extension, probe, CompileOptions};
use std::path::Path;
use std::process::Command;

#[test]
fn runtime_helpers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tests = root.join("src").join("runtime").join("tests");
    let py = probe("python3").expect("python3 with headers is needed for this test");
    let out_dir = std::env::temp_dir().join(format!("pyxc-rt-test-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let out = out_dir.join(format!("rt_test{}", py.ext_suffix));
    // The helpers must compile without warnings.
    let opts = CompileOptions {
        extra_cflags: [
            "-Wall",
            "-Wextra",
            "-Werror",
            "-Wno-unused-parameter",
            "-Wno-missing-field-initializers",
        ]
        .map(String::from)
        .to_vec(),
        ..CompileOptions::default()
    };
    compile_extension(&tests.join("rt_test.c"), &out, &py, &opts).expect("rt_test.c builds");
    let run = Command::new(&py.executable)
        .arg(tests.join("check_runtime.py"))
        .arg(&out_dir)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    let _ = std::fs::remove_dir_all(&out_dir);
    assert!(run.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("runtime helpers OK"), "{stdout}\n{stderr}");
}
