//! The token kinds. Raw tokens come from the logos lexer; the layout pass (`layout.rs`) adds
//! the virtual ones (NEWLINE, INDENT, DEDENT, soft keywords, declaration-line markers).
//! Tokens carry no data: the parser reads a token's text through its span.

use logos::{Lexer, Logos};

/// Why the raw lexer rejected some input; turned into a diagnostic by the layout pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LexError {
    #[default]
    InvalidCharacter,
    UnterminatedString,
    UnterminatedTripleString,
    LeadingZeros,
    BadContinuation,
}

#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[logos(error = LexError)]
#[logos(skip r"[ \t\x0c]+")]
#[logos(skip r"#[^\r\n]*")]
pub enum Tok {
    // ---- layout (raw newline becomes NEWLINE or is dropped inside brackets) ----
    #[regex(r"\r\n|\r|\n")]
    Newline,
    #[regex(r"\\(\r\n|\r|\n)", logos::skip)]
    #[token("\\", bad_continuation)]
    Continuation,
    Indent,
    Dedent,
    EndOfFile,

    // ---- names and literals ----
    #[regex(r"[A-Za-z_][A-Za-z0-9_]*", extend_name)]
    #[regex(r"[^\x00-\x7F]", unicode_name)]
    Name,
    #[regex(r"[1-9](_?[0-9])*|0(_?0)*")]
    #[regex(r"0[xX](_?[0-9a-fA-F])+")]
    #[regex(r"0[oO](_?[0-7])+")]
    #[regex(r"0[bB](_?[01])+")]
    #[regex(r"0(_?[0-9])*", leading_zeros, priority = 1)]
    Int,
    #[regex(r"[0-9](_?[0-9])*\.([0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?")]
    #[regex(r"\.[0-9](_?[0-9])*([eE][+-]?[0-9](_?[0-9])*)?")]
    #[regex(r"[0-9](_?[0-9])*[eE][+-]?[0-9](_?[0-9])*")]
    Float,
    /// An integer with a C suffix (`10U`, `5LL`, `0xFFUL`): valid in Cython only.
    #[regex(r"([1-9](_?[0-9])*|0|0[xX](_?[0-9a-fA-F])+)([uU][lL]{0,2}|[lL]{1,2}[uU]?)")]
    IntSuffixed,
    #[regex(r"[0-9](_?[0-9])*[jJ]")]
    #[regex(r"[0-9](_?[0-9])*\.([0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?[jJ]")]
    #[regex(r"\.[0-9](_?[0-9])*([eE][+-]?[0-9](_?[0-9])*)?[jJ]")]
    #[regex(r"[0-9](_?[0-9])*[eE][+-]?[0-9](_?[0-9])*[jJ]")]
    Imag,
    /// Any string, bytes or f-string literal, or Cython's `c'x'` C char; the prefix is read
    /// back from the text.
    #[regex(
        r#"([rRuUbBfFcC]|[bB][rR]|[rR][bB]|[fF][rR]|[rR][fF])?['"]"#,
        lex_string
    )]
    Str,

    // ---- Python keywords ----
    #[token("False")]
    False,
    #[token("None")]
    None,
    #[token("True")]
    True,
    #[token("and")]
    And,
    #[token("as")]
    As,
    #[token("assert")]
    Assert,
    #[token("async")]
    Async,
    #[token("await")]
    Await,
    #[token("break")]
    Break,
    #[token("class")]
    Class,
    #[token("continue")]
    Continue,
    #[token("def")]
    Def,
    #[token("del")]
    Del,
    #[token("elif")]
    Elif,
    #[token("else")]
    Else,
    #[token("except")]
    Except,
    #[token("finally")]
    Finally,
    #[token("for")]
    For,
    #[token("from")]
    From,
    #[token("global")]
    Global,
    #[token("if")]
    If,
    #[token("import")]
    Import,
    #[token("in")]
    In,
    #[token("is")]
    Is,
    #[token("lambda")]
    Lambda,
    #[token("nonlocal")]
    Nonlocal,
    #[token("not")]
    Not,
    #[token("or")]
    Or,
    #[token("pass")]
    Pass,
    #[token("raise")]
    Raise,
    #[token("return")]
    Return,
    #[token("try")]
    Try,
    #[token("while")]
    While,
    #[token("with")]
    With,
    #[token("yield")]
    Yield,
    /// Soft keywords, produced by the layout pass from `Name` at the start of a statement.
    Match,
    Case,

    // ---- Cython keywords (only in .pyx/.pxd; the layout pass turns them into Name in .py) ----
    #[token("cdef")]
    Cdef,
    #[token("cpdef")]
    Cpdef,
    #[token("ctypedef")]
    Ctypedef,
    #[token("cimport")]
    Cimport,
    #[token("include")]
    Include,
    #[token("DEF")]
    CompileTimeDef,
    #[token("IF")]
    CompileTimeIf,
    #[token("ELIF")]
    CompileTimeElif,
    #[token("ELSE")]
    CompileTimeElse,
    /// Virtual: starts each line of a declaration block (`cdef:`, `cdef extern from`, struct
    /// bodies), so that such a line parses exactly like one that starts with `cdef`.
    DeclLine,
    /// Virtual: the first token, choosing the parser's entry (a file or one expression).
    StartFile,
    StartExpr,
    /// Virtual: the `(` of parenthesised `with` items (`with (a as b, c):`).
    WithParen,
    /// Keywords only inside Cython declaration lines (names elsewhere).
    Noexcept,
    Nogil,
    /// `const` right after a `*` in a declarator (`char * const p`): the pointer is read-only.
    PtrConst,
    /// Virtual: `sizeof` whose parenthesised argument is a type rather than an expression.
    SizeofType,

    // ---- operators and delimiters ----
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("**")]
    DoubleStar,
    #[token("/")]
    Slash,
    #[token("//")]
    DoubleSlash,
    #[token("%")]
    Percent,
    #[token("@")]
    At,
    #[token("<<")]
    LShift,
    #[token(">>")]
    RShift,
    #[token("&")]
    Amper,
    #[token("|")]
    Vbar,
    #[token("^")]
    Circumflex,
    #[token("~")]
    Tilde,
    #[token(":=")]
    ColonEqual,
    #[token("<")]
    Less,
    #[token(">")]
    Greater,
    #[token("<=")]
    LessEqual,
    #[token(">=")]
    GreaterEqual,
    #[token("==")]
    EqEqual,
    #[token("!=")]
    NotEqual,
    #[token("(")]
    Lpar,
    #[token(")")]
    Rpar,
    #[token("[")]
    Lsqb,
    #[token("]")]
    Rsqb,
    #[token("{")]
    Lbrace,
    #[token("}")]
    Rbrace,
    #[token(",")]
    Comma,
    #[token(":")]
    Colon,
    #[token(".")]
    Dot,
    #[token("...")]
    Ellipsis,
    #[token(";")]
    Semi,
    #[token("=")]
    Equal,
    #[token("->")]
    Arrow,
    #[token("+=")]
    PlusEqual,
    #[token("-=")]
    MinusEqual,
    #[token("*=")]
    StarEqual,
    #[token("/=")]
    SlashEqual,
    #[token("//=")]
    DoubleSlashEqual,
    #[token("%=")]
    PercentEqual,
    #[token("@=")]
    AtEqual,
    #[token("&=")]
    AmperEqual,
    #[token("|=")]
    VbarEqual,
    #[token("^=")]
    CircumflexEqual,
    #[token("<<=")]
    LShiftEqual,
    #[token(">>=")]
    RShiftEqual,
    #[token("**=")]
    DoubleStarEqual,
    /// Only meaningful in Cython casts (`<T?>x`) and `except? -1`.
    #[token("?")]
    Question,
    /// `!` on its own (outside `!=`) only occurs in f-string conversions.
    #[token("!")]
    Exclamation,
}

impl Tok {
    pub fn is_open_bracket(self) -> bool {
        matches!(self, Tok::Lpar | Tok::Lsqb | Tok::Lbrace | Tok::WithParen)
    }
    pub fn is_close_bracket(self) -> bool {
        matches!(self, Tok::Rpar | Tok::Rsqb | Tok::Rbrace)
    }
    /// Cython-only keywords that are plain names in `.py` files.
    pub fn is_cython_keyword(self) -> bool {
        matches!(
            self,
            Tok::Cdef
                | Tok::Cpdef
                | Tok::Ctypedef
                | Tok::Cimport
                | Tok::Include
                | Tok::CompileTimeDef
                | Tok::CompileTimeIf
                | Tok::CompileTimeElif
                | Tok::CompileTimeElse
        )
    }
    /// How the token reads in a diagnostic ("unexpected ...").
    pub fn describe(self) -> &'static str {
        use Tok::*;
        match self {
            Newline => "end of line",
            Indent => "indent",
            Dedent => "unindent",
            EndOfFile => "end of file",
            Name => "name",
            Int | Float | Imag => "number",
            Str => "string literal",
            DeclLine => "declaration",
            StartFile | StartExpr => "start of input",
            Continuation => "'\\'",
            _ => KEYWORD_SPELLINGS
                .iter()
                .find(|(t, _)| *t == self)
                .map(|(_, s)| *s)
                .unwrap_or("token"),
        }
    }
}

/// The spelling of each keyword and operator, for diagnostics.
const KEYWORD_SPELLINGS: &[(Tok, &str)] = &[
    (Tok::False, "'False'"),
    (Tok::None, "'None'"),
    (Tok::True, "'True'"),
    (Tok::And, "'and'"),
    (Tok::As, "'as'"),
    (Tok::Assert, "'assert'"),
    (Tok::Async, "'async'"),
    (Tok::Await, "'await'"),
    (Tok::Break, "'break'"),
    (Tok::Class, "'class'"),
    (Tok::Continue, "'continue'"),
    (Tok::Def, "'def'"),
    (Tok::Del, "'del'"),
    (Tok::Elif, "'elif'"),
    (Tok::Else, "'else'"),
    (Tok::Except, "'except'"),
    (Tok::Finally, "'finally'"),
    (Tok::For, "'for'"),
    (Tok::From, "'from'"),
    (Tok::Global, "'global'"),
    (Tok::If, "'if'"),
    (Tok::Import, "'import'"),
    (Tok::In, "'in'"),
    (Tok::Is, "'is'"),
    (Tok::Lambda, "'lambda'"),
    (Tok::Nonlocal, "'nonlocal'"),
    (Tok::Not, "'not'"),
    (Tok::Or, "'or'"),
    (Tok::Pass, "'pass'"),
    (Tok::Raise, "'raise'"),
    (Tok::Return, "'return'"),
    (Tok::Try, "'try'"),
    (Tok::While, "'while'"),
    (Tok::With, "'with'"),
    (Tok::Yield, "'yield'"),
    (Tok::Match, "'match'"),
    (Tok::Case, "'case'"),
    (Tok::Cdef, "'cdef'"),
    (Tok::Cpdef, "'cpdef'"),
    (Tok::Ctypedef, "'ctypedef'"),
    (Tok::Cimport, "'cimport'"),
    (Tok::Include, "'include'"),
    (Tok::CompileTimeDef, "'DEF'"),
    (Tok::CompileTimeIf, "'IF'"),
    (Tok::CompileTimeElif, "'ELIF'"),
    (Tok::CompileTimeElse, "'ELSE'"),
    (Tok::SizeofType, "'sizeof'"),
    (Tok::WithParen, "'('"),
    (Tok::Noexcept, "'noexcept'"),
    (Tok::Nogil, "'nogil'"),
    (Tok::PtrConst, "'const'"),
    (Tok::Plus, "'+'"),
    (Tok::Minus, "'-'"),
    (Tok::Star, "'*'"),
    (Tok::DoubleStar, "'**'"),
    (Tok::Slash, "'/'"),
    (Tok::DoubleSlash, "'//'"),
    (Tok::Percent, "'%'"),
    (Tok::At, "'@'"),
    (Tok::LShift, "'<<'"),
    (Tok::RShift, "'>>'"),
    (Tok::Amper, "'&'"),
    (Tok::Vbar, "'|'"),
    (Tok::Circumflex, "'^'"),
    (Tok::Tilde, "'~'"),
    (Tok::ColonEqual, "':='"),
    (Tok::Less, "'<'"),
    (Tok::Greater, "'>'"),
    (Tok::LessEqual, "'<='"),
    (Tok::GreaterEqual, "'>='"),
    (Tok::EqEqual, "'=='"),
    (Tok::NotEqual, "'!='"),
    (Tok::Lpar, "'('"),
    (Tok::Rpar, "')'"),
    (Tok::Lsqb, "'['"),
    (Tok::Rsqb, "']'"),
    (Tok::Lbrace, "'{'"),
    (Tok::Rbrace, "'}'"),
    (Tok::Comma, "','"),
    (Tok::Colon, "':'"),
    (Tok::Dot, "'.'"),
    (Tok::Ellipsis, "'...'"),
    (Tok::Semi, "';'"),
    (Tok::Equal, "'='"),
    (Tok::Arrow, "'->'"),
    (Tok::PlusEqual, "'+='"),
    (Tok::MinusEqual, "'-='"),
    (Tok::StarEqual, "'*='"),
    (Tok::SlashEqual, "'/='"),
    (Tok::DoubleSlashEqual, "'//='"),
    (Tok::PercentEqual, "'%='"),
    (Tok::AtEqual, "'@='"),
    (Tok::AmperEqual, "'&='"),
    (Tok::VbarEqual, "'|='"),
    (Tok::CircumflexEqual, "'^='"),
    (Tok::LShiftEqual, "'<<='"),
    (Tok::RShiftEqual, "'>>='"),
    (Tok::DoubleStarEqual, "'**='"),
    (Tok::Question, "'?'"),
    (Tok::Exclamation, "'!'"),
];

fn bad_continuation(_: &mut Lexer<Tok>) -> Result<(), LexError> {
    Err(LexError::BadContinuation)
}

fn leading_zeros(_: &mut Lexer<Tok>) -> Result<(), LexError> {
    Err(LexError::LeadingZeros)
}

/// An ASCII name that runs on into non-ASCII identifier characters (`café`).
fn extend_name(lex: &mut Lexer<Tok>) {
    let rest = lex.remainder();
    if rest.as_bytes().first().is_some_and(|b| *b >= 0x80) {
        let n = id_continue_len(rest);
        lex.bump(n);
    }
}

/// A name starting with a non-ASCII character; anything else non-ASCII is an invalid character.
fn unicode_name(lex: &mut Lexer<Tok>) -> Result<(), LexError> {
    let c = lex.slice().chars().next().unwrap_or('\0');
    if !unicode_ident::is_xid_start(c) {
        return Err(LexError::InvalidCharacter);
    }
    let n = id_continue_len(lex.remainder());
    lex.bump(n);
    Ok(())
}

fn id_continue_len(s: &str) -> usize {
    s.char_indices()
        .find(|(_, c)| {
            !(c.is_ascii_alphanumeric() || *c == '_' || unicode_ident::is_xid_continue(*c))
        })
        .map(|(i, _)| i)
        .unwrap_or(s.len())
}

/// After the prefix and opening quote: scan to the closing quote (honouring backslash escapes).
/// An unterminated literal still consumes its text so that lexing goes on after it.
fn lex_string(lex: &mut Lexer<Tok>) -> Result<(), LexError> {
    let head = lex.slice();
    let quote = head.as_bytes()[head.len() - 1];
    let rest = lex.remainder().as_bytes();
    let triple = rest.len() >= 2 && rest[0] == quote && rest[1] == quote;
    let mut i = if triple { 2 } else { 0 };
    let result = loop {
        match rest.get(i) {
            None => {
                break Err(if triple {
                    LexError::UnterminatedTripleString
                } else {
                    LexError::UnterminatedString
                })
            }
            Some(b'\\') => {
                i += if rest.get(i + 1) == Some(&b'\r') && rest.get(i + 2) == Some(&b'\n') {
                    3
                } else {
                    2
                }
            }
            Some(b'\n' | b'\r') if !triple => break Err(LexError::UnterminatedString),
            Some(&c) if c == quote => {
                if !triple {
                    i += 1;
                    break Ok(());
                }
                if rest.get(i + 1) == Some(&quote) && rest.get(i + 2) == Some(&quote) {
                    i += 3;
                    break Ok(());
                }
                i += 1;
            }
            Some(_) => i += 1,
        }
    };
    // A backslash may have stepped past the end; stay on a char boundary.
    let mut end = i.min(rest.len());
    while !lex.remainder().is_char_boundary(end) {
        end += 1;
    }
    lex.bump(end);
    result
}
