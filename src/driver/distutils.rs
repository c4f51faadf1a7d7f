//! `# distutils: key = value` header comments, as Cython reads them: extra C sources to compile
//! into the module, libraries to link, include directories, macros and flags. They sit in the
//! comment lines at the top of the file (blank lines allowed), before any code. Relative paths
//! are relative to the source file's directory.

use std::path::{Path, PathBuf};

/// What the header comments ask of the build.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BuildDirectives {
    pub sources: Vec<PathBuf>,
    pub include_dirs: Vec<PathBuf>,
    /// Compile flags (`-D`/`-U` from macros, then `extra_compile_args`).
    pub cflags: Vec<String>,
    /// Link arguments (`-L`, `-l`, rpaths, extra objects, then `extra_link_args`).
    pub link_args: Vec<String>,
}

/// Reads the directives of `source` (a file in `dir`).
pub fn parse(source: &str, dir: &Path) -> Result<BuildDirectives, String> {
    let mut d = BuildDirectives::default();
    let path = |p: &str| dir.join(p);
    for line in source.lines() {
        let line = line.trim_start();
        if line.is_empty() {
            continue;
        }
        let Some(comment) = line.strip_prefix('#') else {
            break;
        };
        let Some(setting) = comment.trim_start().strip_prefix("distutils:") else {
            continue;
        };
        let (key, value) = setting.split_once('=').unwrap_or((setting, ""));
        let values = parse_list(value.trim());
        match key.trim() {
            "sources" => d.sources.extend(values.iter().map(|v| path(v))),
            "include_dirs" => d.include_dirs.extend(values.iter().map(|v| path(v))),
            "libraries" => d.link_args.extend(values.iter().map(|v| format!("-l{v}"))),
            "library_dirs" => d
                .link_args
                .extend(values.iter().map(|v| format!("-L{}", path(v).display()))),
            "runtime_library_dirs" => d.link_args.extend(
                values
                    .iter()
                    .map(|v| format!("-Wl,-rpath,{}", path(v).display())),
            ),
            "extra_objects" => d
                .link_args
                .extend(values.iter().map(|v| path(v).display().to_string())),
            "define_macros" => d.cflags.extend(values.iter().map(|v| format!("-D{v}"))),
            "undef_macros" => d.cflags.extend(values.iter().map(|v| format!("-U{v}"))),
            "extra_compile_args" => d.cflags.extend(values),
            "extra_link_args" => d.link_args.extend(values),
            "language" if value.trim() != "c" => {
                return Err(format!(
                    "`# distutils: language = {}`: pyxc compiles C only",
                    value.trim()
                ))
            }
            // Dependencies only matter to build tools deciding what to rebuild.
            "language" | "depends" | "name" => {}
            other => return Err(format!("unknown `# distutils:` setting '{other}'")),
        }
    }
    Ok(d)
}

/// Cython's list syntax: `[a, b]`, `a, b` or `a b`, items optionally quoted.
fn parse_list(s: &str) -> Vec<String> {
    let s = s
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .unwrap_or(s);
    let parts: Vec<&str> = if s.contains(',') {
        s.split(',').collect()
    } else {
        s.split_whitespace().collect()
    };
    parts
        .into_iter()
        .map(|p| p.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_header_only() {
        let src = "# cython: boundscheck=False\n\n# distutils: sources = a.c, sub/b.c\n\
                   # distutils: libraries = z m\n# distutils: define_macros = X=1\n\
                   # distutils: extra_compile_args = [\"-O3\"]\nimport os\n# distutils: libraries = late\n";
        let d = parse(src, Path::new("/p")).unwrap();
        assert_eq!(
            d.sources,
            vec![PathBuf::from("/p/a.c"), PathBuf::from("/p/sub/b.c")]
        );
        assert_eq!(d.link_args, vec!["-lz", "-lm"]);
        assert_eq!(d.cflags, vec!["-DX=1", "-O3"]);
    }

    #[test]
    fn rejects_unknown_settings_and_cplusplus() {
        assert!(parse("# distutils: sourcez = a.c\n", Path::new(".")).is_err());
        assert!(parse("# distutils: language = c++\n", Path::new(".")).is_err());
        assert!(parse("# distutils: language = c\n", Path::new(".")).is_ok());
    }
}
