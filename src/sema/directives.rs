//! Compiler directives: one table of defaults, read from `# cython: ...` header comments and
//! overridden per function by decorators (`@cython.cdivision(True)`).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Directives {
    pub cdivision: bool,
    pub boundscheck: bool,
    pub wraparound: bool,
    /// `None` is Cython's default "safe" inference; `Some(true)` infers C types for literals too.
    pub infer_types: Option<bool>,
    pub overflowcheck: bool,
    pub language_level: u8,
    /// `c_string_type=unicode` (or `str`): a `char *` becomes a `str` in Python, decoded with
    /// `c_string_encoding`.
    pub c_string_as_str: bool,
    /// `c_string_encoding`: also lets a `str` convert to `char *` (encoded).
    pub c_string_encoding: Option<CStringEncoding>,
    /// Field access and C method calls through a typed extension type reference check for
    /// None first (AttributeError instead of a crash).
    pub nonecheck: bool,
}

/// The encodings a `char *` may carry text in (`c_string_encoding`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CStringEncoding {
    Ascii,
    Utf8,
}

impl CStringEncoding {
    /// The codec name CPython's decoders take.
    pub fn codec(self) -> &'static str {
        match self {
            CStringEncoding::Ascii => "ascii",
            CStringEncoding::Utf8 => "utf-8",
        }
    }
}

impl Default for Directives {
    fn default() -> Directives {
        Directives {
            cdivision: false,
            boundscheck: true,
            wraparound: true,
            infer_types: None,
            overflowcheck: false,
            language_level: 3,
            c_string_as_str: false,
            c_string_encoding: None,
            nonecheck: false,
        }
    }
}

impl Directives {
    /// Applies `name=value`; returns false for an unknown directive or value.
    pub fn set(&mut self, name: &str, value: &str) -> bool {
        let flag = match value.trim() {
            "True" | "true" => Some(true),
            "False" | "false" => Some(false),
            _ => None,
        };
        match (name.trim(), flag) {
            ("cdivision", Some(b)) => self.cdivision = b,
            ("boundscheck", Some(b)) => self.boundscheck = b,
            ("wraparound", Some(b)) => self.wraparound = b,
            ("overflowcheck", Some(b)) => self.overflowcheck = b,
            ("nonecheck", Some(b)) => self.nonecheck = b,
            ("infer_types", b) => {
                self.infer_types = if value.trim() == "None" {
                    None
                } else {
                    Some(b.unwrap_or(false))
                }
            }
            ("language_level", _) => {
                self.language_level = if value.trim().starts_with('2') { 2 } else { 3 }
            }
            ("c_string_type", _) => match value.trim() {
                "unicode" | "str" => self.c_string_as_str = true,
                "bytes" | "bytearray" => self.c_string_as_str = false,
                _ => return false,
            },
            ("c_string_encoding", _) => {
                self.c_string_encoding = match value.trim().to_ascii_lowercase().as_str() {
                    "ascii" | "us-ascii" => Some(CStringEncoding::Ascii),
                    "utf8" | "utf-8" | "default" => Some(CStringEncoding::Utf8),
                    _ => return false,
                }
            }
            // Accepted and without effect on generated code so far.
            (
                "initializedcheck"
                | "embedsignature"
                | "binding"
                | "profile"
                | "linetrace"
                | "always_allow_keywords"
                | "cpow"
                | "annotation_typing"
                | "emit_code_comments",
                _,
            ) => {}
            _ => return false,
        }
        true
    }
}

/// Directives from `# cython: a=b, c=d` comments before the first statement.
pub fn from_header(src: &str) -> Directives {
    let mut d = Directives::default();
    for line in src.lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let Some(rest) = t.strip_prefix('#') else {
            break;
        };
        let Some(body) = rest.trim().strip_prefix("cython:") else {
            continue;
        };
        for item in body.split(',') {
            if let Some((k, v)) = item.split_once('=') {
                d.set(k, v);
            }
        }
    }
    d
}
