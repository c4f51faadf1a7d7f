# str objects at the C level: `from cpython.unicode cimport PyUnicode_GET_LENGTH,
# PyUnicode_READ_CHAR, PyUnicode_AsUTF8String`. Lengths and indices count code points.
# PyUnicode_AsUTF8 returns a buffer the object owns (it lives as long as the object).

from cpython.object cimport PyObject
from libc.stddef cimport wchar_t

cdef extern from "Python.h":
    ctypedef unsigned char Py_UCS1
    ctypedef unsigned short Py_UCS2

    # The storage kinds of PyUnicode_KIND
    enum:
        PyUnicode_1BYTE_KIND
        PyUnicode_2BYTE_KIND
        PyUnicode_4BYTE_KIND

    bint PyUnicode_Check(object o)
    bint PyUnicode_CheckExact(object o)

    # Length and characters
    Py_ssize_t PyUnicode_GetLength(object unicode) except -1
    Py_ssize_t PyUnicode_GET_LENGTH(object unicode)
    Py_UCS4 PyUnicode_ReadChar(object unicode, Py_ssize_t index) except? -1
    Py_UCS4 PyUnicode_READ_CHAR(object unicode, Py_ssize_t index)
    int PyUnicode_KIND(object unicode)
    void *PyUnicode_DATA(object unicode)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index)
    void PyUnicode_WRITE(int kind, void *data, Py_ssize_t index, Py_UCS4 value)
    Py_UCS4 PyUnicode_MAX_CHAR_VALUE(object unicode)
    bint PyUnicode_IS_ASCII(object unicode)
    bint PyUnicode_IS_COMPACT_ASCII(object unicode)
    int PyUnicode_WriteChar(object unicode, Py_ssize_t index, Py_UCS4 character) except -1
    Py_UCS4 *PyUnicode_AsUCS4(object unicode, Py_UCS4 *buffer, Py_ssize_t buflen,
                              int copy_null) except NULL
    # Allocated with PyMem_Malloc: free with PyMem_Free
    Py_UCS4 *PyUnicode_AsUCS4Copy(object unicode) except NULL

    # New strings
    str PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    str PyUnicode_FromString(const char *u)
    str PyUnicode_FromStringAndSize(const char *u, Py_ssize_t size)
    str PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
    str PyUnicode_FromFormat(const char *format, ...)
    str PyUnicode_FromOrdinal(int ordinal)
    str PyUnicode_FromObject(object obj)
    str PyUnicode_FromEncodedObject(object obj, const char *encoding, const char *errors)
    str PyUnicode_FromWideChar(const wchar_t *w, Py_ssize_t size)
    Py_ssize_t PyUnicode_AsWideChar(object unicode, wchar_t *w, Py_ssize_t size) except -1
    wchar_t *PyUnicode_AsWideCharString(object unicode, Py_ssize_t *size) except NULL
    Py_ssize_t PyUnicode_CopyCharacters(object to, Py_ssize_t to_start, object from_,
                                        Py_ssize_t from_start, Py_ssize_t how_many) except -1
    Py_ssize_t PyUnicode_Fill(object unicode, Py_ssize_t start, Py_ssize_t length,
                              Py_UCS4 fill_char) except -1
    str PyUnicode_Substring(object unicode, Py_ssize_t start, Py_ssize_t end)

    # Interning: InternInPlace replaces *string by the interned string (a reference held
    # by hand)
    str PyUnicode_InternFromString(const char *v)
    void PyUnicode_InternInPlace(PyObject **string)

    # Encoding and decoding (errors may be NULL for "strict")
    str PyUnicode_Decode(const char *s, Py_ssize_t size, const char *encoding,
                         const char *errors)
    bytes PyUnicode_AsEncodedString(object unicode, const char *encoding, const char *errors)
    str PyUnicode_DecodeUTF8(const char *s, Py_ssize_t size, const char *errors)
    str PyUnicode_DecodeUTF8Stateful(const char *s, Py_ssize_t size, const char *errors,
                                     Py_ssize_t *consumed)
    bytes PyUnicode_AsUTF8String(object unicode)
    const char *PyUnicode_AsUTF8(object unicode) except NULL
    const char *PyUnicode_AsUTF8AndSize(object unicode, Py_ssize_t *size) except NULL
    str PyUnicode_DecodeUTF16(const char *s, Py_ssize_t size, const char *errors,
                              int *byteorder)
    bytes PyUnicode_AsUTF16String(object unicode)
    str PyUnicode_DecodeUTF32(const char *s, Py_ssize_t size, const char *errors,
                              int *byteorder)
    bytes PyUnicode_AsUTF32String(object unicode)
    str PyUnicode_DecodeLatin1(const char *s, Py_ssize_t size, const char *errors)
    bytes PyUnicode_AsLatin1String(object unicode)
    str PyUnicode_DecodeASCII(const char *s, Py_ssize_t size, const char *errors)
    bytes PyUnicode_AsASCIIString(object unicode)
    str PyUnicode_DecodeUnicodeEscape(const char *s, Py_ssize_t size, const char *errors)
    bytes PyUnicode_AsUnicodeEscapeString(object unicode)
    str PyUnicode_DecodeRawUnicodeEscape(const char *s, Py_ssize_t size, const char *errors)
    bytes PyUnicode_AsRawUnicodeEscapeString(object unicode)
    str PyUnicode_DecodeFSDefault(const char *s)
    str PyUnicode_DecodeFSDefaultAndSize(const char *s, Py_ssize_t size)
    bytes PyUnicode_EncodeFSDefault(object unicode)
    str PyUnicode_DecodeLocale(const char *str, const char *errors)
    bytes PyUnicode_EncodeLocale(object unicode, const char *errors)

    # Operations as str's methods do them
    str PyUnicode_Concat(object left, object right)
    list PyUnicode_Split(object s, object sep, Py_ssize_t maxsplit)
    list PyUnicode_Splitlines(object s, int keepends)
    str PyUnicode_Join(object separator, object seq)
    str PyUnicode_Replace(object str, object substr, object replstr, Py_ssize_t maxcount)
    str PyUnicode_Format(object format, object args)
    # 1 when str[start:end] starts (direction -1) or ends (+1) with substr
    Py_ssize_t PyUnicode_Tailmatch(object str, object substr, Py_ssize_t start,
                                   Py_ssize_t end, int direction) except -1
    # Index of the first (direction 1) or last (-1) match; -1 when none, -2 on error
    Py_ssize_t PyUnicode_Find(object str, object substr, Py_ssize_t start, Py_ssize_t end,
                              int direction) except -2
    Py_ssize_t PyUnicode_FindChar(object str, Py_UCS4 ch, Py_ssize_t start, Py_ssize_t end,
                                  int direction) except -2
    Py_ssize_t PyUnicode_Count(object str, object substr, Py_ssize_t start,
                               Py_ssize_t end) except -1
    int PyUnicode_Contains(object container, object element) except -1
    # -1, 0 or 1; -1 with an exception set on error
    int PyUnicode_Compare(object left, object right) except? -1
    int PyUnicode_CompareWithASCIIString(object uni, const char *string)
    object PyUnicode_RichCompare(object left, object right, int op)
    bint PyUnicode_IsIdentifier(object s)

    # Character properties of code points
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)
    bint Py_UNICODE_ISLOWER(Py_UCS4 ch)
    bint Py_UNICODE_ISUPPER(Py_UCS4 ch)
    bint Py_UNICODE_ISTITLE(Py_UCS4 ch)
    bint Py_UNICODE_ISLINEBREAK(Py_UCS4 ch)
    bint Py_UNICODE_ISDECIMAL(Py_UCS4 ch)
    bint Py_UNICODE_ISDIGIT(Py_UCS4 ch)
    bint Py_UNICODE_ISNUMERIC(Py_UCS4 ch)
    bint Py_UNICODE_ISALPHA(Py_UCS4 ch)
    bint Py_UNICODE_ISALNUM(Py_UCS4 ch)
    bint Py_UNICODE_ISPRINTABLE(Py_UCS4 ch)
    Py_UCS4 Py_UNICODE_TOLOWER(Py_UCS4 ch)
    Py_UCS4 Py_UNICODE_TOUPPER(Py_UCS4 ch)
    Py_UCS4 Py_UNICODE_TOTITLE(Py_UCS4 ch)
    int Py_UNICODE_TODECIMAL(Py_UCS4 ch)
    int Py_UNICODE_TODIGIT(Py_UCS4 ch)
    double Py_UNICODE_TONUMERIC(Py_UCS4 ch)
