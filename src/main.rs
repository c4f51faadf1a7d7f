//! The `pyxc` command line: parses arguments, calls the library, renders diagnostics.

use clap::{Parser, Subcommand};
use pyxc::diagnostics::render;
use pyxc::pipeline::{self, BuildOptions};
use pyxc::syntax::{self, Dialect};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

// Parsing allocates many small nodes; mimalloc makes that markedly cheaper than glibc malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "pyxc",
    version,
    about = "Compiles Cython (.pyx/.pxd) and annotated Python to CPython extension modules"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse files and report syntax errors (exit status 1 if any file has an error).
    Parse {
        /// Files to parse (.pyx, .pxd, .pxi, .py).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print the syntax tree of each file.
        #[arg(long)]
        dump_ast: bool,
        /// Worker threads (default: the number of cores).
        #[arg(short = 'j', long)]
        jobs: Option<usize>,
    },
    /// Build each file into an importable extension module `<stem><EXT_SUFFIX>`.
    Build {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        opts: BuildArgs,
        /// Modules built in parallel (default: the number of cores).
        #[arg(short = 'j', long)]
        jobs: Option<usize>,
    },
    /// Build a file into a cache directory and run it as `python FILE.py ARGS` would.
    Run {
        file: PathBuf,
        #[command(flatten)]
        opts: BuildArgs,
        /// Arguments for the program (`sys.argv[1:]`).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Check files (everything up to C generation) and print diagnostics only.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(short = 'I', long = "include")]
        include: Vec<PathBuf>,
    },
    /// Write `.pyi` stubs of what each compiled module shows Python (`<stem>.pyi`, next to
    /// the source unless --out-dir).
    Stubs(ReportArgs),
    /// Write an HTML report of each file (`<stem>.html`, next to the source unless
    /// --out-dir): lines shaded by how much their C works with Python objects, each opening
    /// to its C code (like `cython -a`).
    Annotate(ReportArgs),
    /// Translate a file to C.
    Translate {
        file: PathBuf,
        /// Output file (default: stdout).
        #[arg(short = 'o')]
        output: Option<PathBuf>,
        #[arg(short = 'I', long = "include")]
        include: Vec<PathBuf>,
    },
}

/// The files of a command that writes one report file per source.
#[derive(clap::Args, Clone)]
struct ReportArgs {
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Where the reports go (default: next to each source).
    #[arg(long)]
    out_dir: Option<PathBuf>,
    #[arg(short = 'I', long = "include")]
    include: Vec<PathBuf>,
}

#[derive(clap::Args, Clone)]
struct BuildArgs {
    /// Where modules go (default: next to each source).
    #[arg(long)]
    out_dir: Option<PathBuf>,
    /// Directories searched for `.pxd` files and C headers.
    #[arg(short = 'I', long = "include")]
    include: Vec<PathBuf>,
    /// The interpreter to build for.
    #[arg(long, default_value = "python3")]
    python: String,
    /// C optimisation level (0-3).
    #[arg(short = 'O', default_value_t = 2)]
    opt: u8,
    /// Debug build: -g and #line directives pointing at the source.
    #[arg(long)]
    debug: bool,
    /// Keep the generated .c file next to the module.
    #[arg(long)]
    keep_c: bool,
}

impl BuildArgs {
    fn options(&self, color: bool) -> BuildOptions {
        BuildOptions {
            python: self.python.clone(),
            out_dir: self.out_dir.clone(),
            include_dirs: self.include.clone(),
            opt_level: self.opt.min(3),
            debug: self.debug,
            keep_c: self.keep_c,
            main_entry: false,
            color,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse {
            files,
            dump_ast,
            jobs,
        } => parse_files(&files, dump_ast, jobs),
        Command::Build { files, opts, jobs } => build_files(&files, &opts, jobs),
        Command::Run { file, opts, args } => run_file(&file, &opts, &args),
        Command::Check { files, include } => check_files(&files, &include),
        Command::Stubs(r) => write_beside(&r, "pyi", pipeline::stubs),
        Command::Annotate(r) => write_beside(&r, "html", pipeline::annotate),
        Command::Translate {
            file,
            output,
            include,
        } => translate_file(&file, output.as_deref(), &include),
    }
}

fn on_big_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(pyxc::syntax::PARSER_STACK)
            .spawn_scoped(s, f)
            .expect("spawning a compiler thread")
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    })
}

fn build_files(files: &[PathBuf], args: &BuildArgs, jobs: Option<usize>) -> ExitCode {
    let color = std::io::stderr().is_terminal();
    let py = match pyxc::driver::probe(&args.python) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let opts = args.options(color);
    let jobs = jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Result<PathBuf, String>>>> =
        files.iter().map(|_| Default::default()).collect();
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(files.len()) {
            std::thread::Builder::new()
                .stack_size(pyxc::syntax::PARSER_STACK)
                .spawn_scoped(scope, || loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    let r = pipeline::build(path, &py, &opts);
                    *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
                })
                .expect("spawning a build thread");
        }
    });
    let mut failed = 0;
    for r in results
        .into_iter()
        .filter_map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
    {
        if let Err(e) = r {
            failed += 1;
            eprint!("{e}");
        }
    }
    if failed > 0 {
        eprintln!("{failed} of {} module(s) failed to build", files.len());
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_file(file: &PathBuf, args: &BuildArgs, prog_args: &[String]) -> ExitCode {
    let color = std::io::stderr().is_terminal();
    let py = match pyxc::driver::probe(&args.python) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let mut opts = args.options(color);
    opts.main_entry = true;
    if opts.out_dir.is_none() {
        let abs = std::fs::canonicalize(file).unwrap_or_else(|_| file.clone());
        let key = pyxc::driver::cache::stable_hash(abs.to_string_lossy().as_bytes());
        opts.out_dir = Some(pyxc::driver::cache_dir().join(format!("run-{key:016x}")));
    }
    let built = match on_big_stack(|| pipeline::build(file, &py, &opts)) {
        Ok(p) => p,
        Err(e) => {
            eprint!("{e}");
            return ExitCode::from(1);
        }
    };
    // Load the extension as __main__, with sys.argv as `python FILE ARGS` would set it.
    let script = "import sys, importlib.machinery, importlib.util\n\
path = sys.argv[1]\n\
sys.argv = sys.argv[2:]\n\
loader = importlib.machinery.ExtensionFileLoader('__main__', path)\n\
spec = importlib.util.spec_from_file_location('__main__', path, loader=loader)\n\
mod = importlib.util.module_from_spec(spec)\n\
sys.modules['__main__'] = mod\n\
loader.exec_module(mod)\n";
    let status = std::process::Command::new(&py.executable)
        .arg("-c")
        .arg(script)
        .arg(&built)
        .arg(file)
        .args(prog_args)
        .status();
    match status {
        Ok(s) => ExitCode::from(s.code().unwrap_or(1).clamp(0, 255) as u8),
        Err(e) => {
            eprintln!("error: cannot run {}: {e}", py.executable);
            ExitCode::from(1)
        }
    }
}

fn check_files(files: &[PathBuf], include: &[PathBuf]) -> ExitCode {
    let color = std::io::stderr().is_terminal();
    let opts = BuildOptions {
        include_dirs: include.to_vec(),
        color,
        ..Default::default()
    };
    let mut failed = 0;
    for f in files {
        if let Err(e) = on_big_stack(|| pipeline::translate(f, &opts)) {
            failed += 1;
            eprint!("{e}");
        }
    }
    if failed > 0 {
        eprintln!("{failed} of {} file(s) had errors", files.len());
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn translate_file(
    file: &std::path::Path,
    output: Option<&std::path::Path>,
    include: &[PathBuf],
) -> ExitCode {
    let color = std::io::stderr().is_terminal();
    let opts = BuildOptions {
        include_dirs: include.to_vec(),
        color,
        ..Default::default()
    };
    match on_big_stack(|| pipeline::translate_with_headers(file, &opts)) {
        Ok(pipeline::Translation { c, headers, .. }) => {
            // With -o, the `public`/`api` headers go beside the C file, as `build` writes them.
            let r = match output {
                Some(p) => std::fs::write(p, c).and_then(|_| {
                    let dir = p.parent().unwrap_or(std::path::Path::new(""));
                    headers
                        .iter()
                        .try_for_each(|(name, text)| std::fs::write(dir.join(name), text))
                }),
                None => std::io::stdout().write_all(c.as_bytes()),
            };
            if let Err(e) = r {
                eprintln!("error: cannot write output: {e}");
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprint!("{e}");
            ExitCode::from(1)
        }
    }
}

/// Writes `make(file)` to `<stem>.<ext>` for each file, next to it or in `out_dir`.
fn write_beside(
    args: &ReportArgs,
    ext: &str,
    make: fn(&std::path::Path, &BuildOptions) -> Result<String, String>,
) -> ExitCode {
    let (files, out_dir, include) = (&args.files, args.out_dir.as_deref(), &args.include);
    let opts = BuildOptions {
        include_dirs: include.to_vec(),
        color: std::io::stderr().is_terminal(),
        ..Default::default()
    };
    let mut failed = false;
    for file in files {
        let text = match on_big_stack(|| make(file, &opts)) {
            Ok(s) => s,
            Err(e) => {
                eprint!("{e}");
                failed = true;
                continue;
            }
        };
        let dir = match out_dir {
            Some(d) => d.to_path_buf(),
            None => file.parent().map(|p| p.to_path_buf()).unwrap_or_default(),
        };
        let target = dir.join(format!("{}.{ext}", pipeline::module_name(file)));
        if let Err(e) = std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&target, text)) {
            eprintln!("error: cannot write {}: {e}", target.display());
            failed = true;
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The report for one file: diagnostics and, if asked, the tree.
struct FileReport {
    failed: bool,
    text: String,
}

fn parse_one(path: &PathBuf, dump_ast: bool, color: bool) -> FileReport {
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return FileReport {
                failed: true,
                text: format!("error: cannot read {name}: {e}\n"),
            }
        }
    };
    let (text, parsed) = syntax::parse_bytes(&bytes, Dialect::from_path(&name));
    let mut out = render(&name, &text, &parsed.diagnostics, color);
    if dump_ast {
        out.push_str(&syntax::dump::dump(&parsed.module, &text));
        out.push('\n');
    }
    FileReport {
        failed: parsed.has_errors(),
        text: out,
    }
}

/// Parses every file, `jobs` at a time, each on a thread with a deep stack (deeply nested
/// input makes deep trees), printing reports in the order the files were given.
fn parse_files(files: &[PathBuf], dump_ast: bool, jobs: Option<usize>) -> ExitCode {
    let color = std::io::stderr().is_terminal();
    let jobs = jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let reports: Vec<std::sync::Mutex<Option<FileReport>>> =
        files.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(files.len()) {
            std::thread::Builder::new()
                .stack_size(pyxc::syntax::PARSER_STACK)
                .spawn_scoped(scope, || loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    let report = parse_one(path, dump_ast, color);
                    *reports[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(report);
                })
                .expect("spawning a parser thread");
        }
    });
    let mut failed = 0;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for r in reports
        .into_iter()
        .filter_map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
    {
        if r.failed {
            failed += 1;
            let _ = err.write_all(r.text.as_bytes());
        } else {
            let _ = out.write_all(r.text.as_bytes());
        }
    }
    if failed > 0 {
        let _ = writeln!(err, "{failed} of {} file(s) had errors", files.len());
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
