//! The `pyxc` command line: parses arguments, calls the library, renders diagnostics.

use clap::{Parser, Subcommand};
use pyxc::diagnostics::render;
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse {
            files,
            dump_ast,
            jobs,
        } => parse_files(&files, dump_ast, jobs),
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
