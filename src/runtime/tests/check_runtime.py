"""Checks the runtime helpers (src/runtime/args.h, convert.h) through the rt_test module.

Usage: python3 check_runtime.py [DIR]
DIR holds a built rt_test extension (tests/runtime_helpers.rs builds it with pyxc's driver).
Without DIR the script builds rt_test.c itself into a temporary directory with `cc`.

The expected messages are Cython 3.3's for the same signatures and conversions. Reference
counts and traced memory are compared before and after many calls, so a leak fails.
"""

import collections
import decimal
import fractions
import gc
import os
import subprocess
import sys
import sysconfig
import tempfile
import tracemalloc
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
failures = []


def build(outdir):
    src = os.path.join(HERE, "rt_test.c")
    out = os.path.join(outdir, "rt_test" + sysconfig.get_config_var("EXT_SUFFIX"))
    cmd = [os.environ.get("CC", "cc"), "-O2", "-fPIC", "-shared", "-fno-strict-aliasing",
           "-Wall", "-Wextra", "-Werror", "-Wno-unused-parameter", "-Wno-missing-field-initializers",
           "-I", sysconfig.get_paths()["include"], src, "-o", out]
    subprocess.check_call(cmd)


if len(sys.argv) > 1:
    sys.path.insert(0, sys.argv[1])
else:
    tmp = tempfile.mkdtemp(prefix="rt_test-")
    build(tmp)
    sys.path.insert(0, tmp)

import rt_test as rt  # noqa: E402

E = ...  # what rt_test reports for a parameter that was not given


def outcome(fn, *args, **kwargs):
    try:
        return ("ok", fn(*args, **kwargs))
    except Exception as e:  # noqa: BLE001
        return ("err", type(e).__name__, str(e))


def check(label, got, want):
    if got != want:
        failures.append(f"{label}:\n    got  {got!r}\n    want {want!r}")


def ok(v):
    return ("ok", v)


def te(msg):
    return ("err", "TypeError", msg)


def oe(msg):
    return ("err", "OverflowError", msg)


# ---------------------------------------------------------------- argument parsing
ARGS = [
    # call, expected (Cython 3.3.1 messages for the same signatures)
    ("f3(1, 2, 3)", ok((1, 2, 3))),
    ("f3(a=1, b=2, c=3)", ok((1, 2, 3))),
    ("f3(c=1, b=2, a=3)", ok((3, 2, 1))),
    ("f3(1, c=3, b=2)", ok((1, 2, 3))),
    ("f3(1, 2, 3, 4)", te("f3() takes exactly 3 positional arguments (4 given)")),
    ("f3(1, 2)", te("f3() takes exactly 3 positional arguments (2 given)")),
    ("f3()", te("f3() takes exactly 3 positional arguments (0 given)")),
    ("f3(1, 2, 3, d=4)", te("f3() got an unexpected keyword argument 'd'")),
    ("f3(1, 2, a=1)", te("f3() got multiple values for keyword argument 'a'")),
    ("f3(1, b=2)", te("f3() takes exactly 3 positional arguments (2 given)")),
    ("f3(1, c=3)", te("f3() takes exactly 3 positional arguments (1 given)")),
    ("f3(1, x=2)", te("f3() got an unexpected keyword argument 'x'")),
    ("f3(1, 2, 3, 4, d=5)", te("f3() takes exactly 3 positional arguments (4 given)")),
    ("f3(1, 2, 3, 4, a=5)", te("f3() takes exactly 3 positional arguments (4 given)")),
    ("f3(1, 2, **{'c\\x00': 3})", te("f3() got an unexpected keyword argument 'c\x00'")),
    ("f3(1, 2, 3, **{'a': 1, 1: 2})", te("keywords must be strings")),
    ("f3(1, 2, **{1: 2, 'c': 3})", te("keywords must be strings")),
    ("f3(1, 2, **{'\\udc80': 3})", te("f3() got an unexpected keyword argument '\udc80'")),
    ("fdef(1)", ok((1, E, E))),
    ("fdef(1, c=5)", ok((1, E, 5))),
    ("fdef()", te("fdef() takes at least 1 positional argument (0 given)")),
    ("fdef(1, 2, 3, 4)", te("fdef() takes at most 3 positional arguments (4 given)")),
    ("fdef(1, 2, b=3)", te("fdef() got multiple values for keyword argument 'b'")),
    ("fdef(1, x=1)", te("fdef() got an unexpected keyword argument 'x'")),
    ("fdef(1, 2, 3, 4, x=1)", te("fdef() takes at most 3 positional arguments (4 given)")),
    ("fdef(b=2)", te("fdef() takes at least 1 positional argument (0 given)")),
    ("fdef(b=2, x=1)", te("fdef() got an unexpected keyword argument 'x'")),
    ("fkw(1, k=2)", ok((1, 2, E))),
    ("fkw(1, m=4, k=2)", ok((1, 2, 4))),
    ("fkw(1)", te("fkw() needs keyword-only argument k")),
    ("fkw(1, 2)", te("fkw() takes exactly 1 positional argument (2 given)")),
    ("fkw(1, m=2)", te("fkw() needs keyword-only argument k")),
    ("fkw(k=1)", te("fkw() takes exactly 1 positional argument (0 given)")),
    ("fkw(x=1)", te("fkw() got an unexpected keyword argument 'x'")),
    ("fkw(1, 2, x=3)", te("fkw() takes exactly 1 positional argument (2 given)")),
    ("fkw(1, k=1, k2=3)", te("fkw() got an unexpected keyword argument 'k2'")),
    ("fpo(1, 2, 3)", ok((1, 2, 3))),
    ("fpo(1, 2, c=3)", ok((1, 2, 3))),
    ("fpo(1, 2)", te("fpo() takes exactly 3 positional arguments (2 given)")),
    ("fpo(1, b=2, c=3)", te("fpo() takes exactly 3 positional arguments (1 given)")),
    ("fpo(1, 2, 3, 4)", te("fpo() takes exactly 3 positional arguments (4 given)")),
    ("fpo(a=1, b=2, c=3)", te("fpo() takes exactly 3 positional arguments (0 given)")),
    ("fpo(1, 2, b=3)", te("fpo() got an unexpected keyword argument 'b'")),
    ("fpo(1, 2, c=3, b=4)", te("fpo() got an unexpected keyword argument 'b'")),
    ("fpo(1, c=3)", te("fpo() takes exactly 3 positional arguments (1 given)")),
    ("fpo(1, 2, 3, c=4)", te("fpo() got multiple values for keyword argument 'c'")),
    ("fva(1)", ok((1, ()))),
    ("fva(1, 2, 3)", ok((1, (2, 3)))),
    ("fva(a=1)", ok((1, ()))),
    ("fva()", te("fva() takes at least 1 positional argument (0 given)")),
    ("fva(b=1)", te("fva() got an unexpected keyword argument 'b'")),
    ("fva(1, 2, a=3)", te("fva() got multiple values for keyword argument 'a'")),
    ("fkwa(1)", ok((1, {}))),
    ("fkwa(1, x=2, y=3)", ok((1, {"x": 2, "y": 3}))),
    ("fkwa(a=1, x=2)", ok((1, {"x": 2}))),
    ("fkwa(1, **{'a\\x00': 2})", ok((1, {"a\x00": 2}))),
    ("fkwa(1, 2)", te("fkwa() takes exactly 1 positional argument (2 given)")),
    ("fkwa(1, a=2)", te("fkwa() got multiple values for keyword argument 'a'")),
    ("fkwa()", te("fkwa() takes exactly 1 positional argument (0 given)")),
    ("fkwa(1, **{1: 2})", te("keywords must be strings")),
    ("fkwa(1, **{'a': 1, 1: 2})", te("keywords must be strings")),
    ("fpokw(1, a=2)", ok((1, {"a": 2}))),
    ("fpokw(1, 2)", te("fpokw() takes exactly 1 positional argument (2 given)")),
    ("fpokw()", te("fpokw() takes exactly 1 positional argument (0 given)")),
    ("fpokw(a=2)", te("fpokw() takes exactly 1 positional argument (0 given)")),
    ("f0()", ok(())),
    ("f0(1)", te("f0() takes no arguments (1 given)")),
    ("f0(a=1)", te("f0() takes no keyword arguments")),
    ("f0(1, a=2)", te("f0() takes no keyword arguments")),
    ("f1(1)", ok((1,))),
    ("f1(a=1)", ok((1,))),
    ("f1()", te("f1() takes exactly 1 positional argument (0 given)")),
    ("f1(1, 2)", te("f1() takes exactly 1 positional argument (2 given)")),
    ("f1(b=1)", te("f1() got an unexpected keyword argument 'b'")),
    ("f1(a=1, b=2)", te("f1() got an unexpected keyword argument 'b'")),
    ("fall(1, 2, 3, k=4, z=5)", ok((1, 2, 4, (3,), {"z": 5}))),
    ("fall(1, k=1, b=3)", ok((1, 3, 1, (), {}))),
    ("fall()", te("fall() takes at least 1 positional argument (0 given)")),
    ("fall(1)", te("fall() needs keyword-only argument k")),
    ("fall(1, a=1, k=2)", te("fall() got multiple values for keyword argument 'a'")),
    ("fall(1, 2, 3, 4, a=5, k=6)", te("fall() got multiple values for keyword argument 'a'")),
    ("fall(k=1)", te("fall() takes at least 1 positional argument (0 given)")),
    ("fall(1, 2, b=3, k=1)", te("fall() got multiple values for keyword argument 'b'")),
    ("fkwonly2(k1=1, k2=2)", ok((1, 2))),
    ("fkwonly2()", te("fkwonly2() needs keyword-only argument k1")),
    ("fkwonly2(k1=1)", te("fkwonly2() needs keyword-only argument k2")),
    ("fkwonly2(k2=1)", te("fkwonly2() needs keyword-only argument k1")),
    ("fkwonly2(k2=1, z=3)", te("fkwonly2() got an unexpected keyword argument 'z'")),
    ("fkwonly2(1)", te("fkwonly2() takes exactly 0 positional arguments (1 given)")),
    ("fkwonly2(1, k1=1, k2=2)", te("fkwonly2() takes exactly 0 positional arguments (1 given)")),
    ("fgr(größe=3)", ok((3,))),
    ("fgr(**{'gr\\u00f6\\u00dfe': 4})", ok((4,))),
    ("fgr(**{'gro\\u0308\\u00dfe': 4})", te("fgr() got an unexpected keyword argument 'gro\u0308\u00dfe'")),
    ("fgr(größ=3)", te("fgr() got an unexpected keyword argument 'größ'")),
    ("fgr(gr=3)", te("fgr() got an unexpected keyword argument 'gr'")),
    ("fargs()", ok(((), {}))),
    ("fargs(1, 2, x=3)", ok(((1, 2), {"x": 3}))),
    ("fopt()", ok((E, E))),
    ("fopt(5)", ok((5, E))),
    ("fopt(k=5)", ok((E, 5))),
    ("fopt(1, 2)", te("fopt() takes at most 1 positional argument (2 given)")),
]
for call, want in ARGS:
    check(call, eval(f"outcome(lambda: rt.{call})"), want)

# Unicode subclasses and non-interned, non-ASCII keys work too.
class S(str):
    pass
check("str subclass key", outcome(lambda: rt.f3(1, 2, **{S("c"): 3})), ok((1, 2, 3)))
key = "".join(["gr", "ö", "ße"])
check("runtime-built non-ASCII key", outcome(lambda: rt.fgr(**{key: 9})), ok((9,)))

# ---------------------------------------------------------------- integer conversions
class IndexOnly:
    def __index__(self):
        return 5

class IntR:
    def __int__(self):
        return 7

class BadInt:
    def __int__(self):
        return "x"

class SubInt(int):
    pass

class IntSub:
    def __int__(self):
        return SubInt(9)

BIG = 2**70
CONV = [
    # (function, argument, expected) -- Cython 3.3.1 behaviour on LP64
    ("as_int", 3, ok(3)),
    ("as_int", -2**31, ok(-2**31)),
    ("as_int", 2**31 - 1, ok(2**31 - 1)),
    ("as_int", 3.9, ok(3)),
    ("as_int", -3.9, ok(-3)),
    ("as_int", True, ok(1)),
    ("as_int", SubInt(3), ok(3)),
    ("as_int", decimal.Decimal("4.7"), ok(4)),
    # Fraction has __int__ from 3.11 on (before, only __trunc__)
    ("as_int", fractions.Fraction(7, 2),
     ok(3) if sys.version_info >= (3, 11) else te("an integer is required")),
    ("as_int", IntR(), ok(7)),
    ("as_int", "3", te("an integer is required")),
    ("as_int", b"1", te("an integer is required")),
    ("as_int", None, te("an integer is required")),
    ("as_int", [], te("an integer is required")),
    # complex lost its (always failing) __int__ in 3.10
    ("as_int", 1 + 2j, te("an integer is required" if sys.version_info >= (3, 10)
                          else "can't convert complex to int")),
    ("as_int", IndexOnly(), te("an integer is required")),
    ("as_int", BadInt(), te("__int__ returned non-int (type str)")),
    ("as_int", float("nan"), ("err", "ValueError", "cannot convert float NaN to integer")),
    ("as_int", float("inf"), oe("cannot convert float infinity to integer")),
    ("as_int", 2**31, oe("value too large to convert to int")),
    ("as_int", -2**31 - 1, oe("value too large to convert to int")),
    ("as_int", 2**63, oe("Python int too large to convert to C long")),
    ("as_int", -BIG, oe("Python int too large to convert to C long")),
    ("as_int", 1e30, oe("Python int too large to convert to C long")),
    ("as_long", 2**31, ok(2**31)),
    ("as_long", 2**63, oe("Python int too large to convert to C long")),
    ("as_ll", 2**63 - 1, ok(2**63 - 1)),
    ("as_ll", -2**63, ok(-2**63)),
    ("as_ll", 2**63, oe("Python int too large to convert to C long")),
    ("as_ll", -2**63 - 1, oe("Python int too large to convert to C long")),
    ("as_i64", -1.5, ok(-1)),
    ("as_char", 127, ok(127)),
    ("as_char", 128, oe("value too large to convert to char")),
    ("as_char", -129, oe("value too large to convert to char")),
    ("as_schar", -128, ok(-128)),
    ("as_schar", 128, oe("value too large to convert to signed char")),
    ("as_short", 2**31, oe("value too large to convert to short")),
    ("as_short", -2**15, ok(-2**15)),
    ("as_i8", 128, oe("value too large to convert to int8_t")),
    ("as_i8", -129, oe("value too large to convert to int8_t")),
    ("as_i8", -128, ok(-128)),
    ("as_i8", BIG, oe("Python int too large to convert to C long")),
    ("as_uint", 2**32 - 1, ok(2**32 - 1)),
    ("as_uint", 3.9, ok(3)),
    ("as_uint", -1, oe("can't convert negative value to unsigned int")),
    ("as_uint", 2**32, oe("value too large to convert to unsigned int")),
    ("as_uint", IndexOnly(), te("an integer is required")),
    ("as_uchar", 255, ok(255)),
    ("as_uchar", 256, oe("value too large to convert to unsigned char")),
    ("as_uchar", -1, oe("can't convert negative value to unsigned char")),
    ("as_ull", 2**64 - 1, ok(2**64 - 1)),
    ("as_ull", 2**63, ok(2**63)),
    ("as_ull", -0.5, ok(0)),
    ("as_ull", -1, oe("can't convert negative value to unsigned long long")),
    ("as_ull", -BIG, oe("can't convert negative value to unsigned long long")),
    ("as_ull", 2**64, oe("Python int too large to convert to C unsigned long")),
    ("as_ulong", -1.5, oe("can't convert negative value to unsigned long")),
    ("as_ulong", 1e30, oe("Python int too large to convert to C unsigned long")),
    ("as_u8", 2**63, oe("value too large to convert to uint8_t")),
    ("as_u8", -2**63 - 1, oe("can't convert negative value to uint8_t")),
    ("as_u64", -1, oe("can't convert negative value to uint64_t")),
    ("as_u64", True, ok(1)),
    ("as_size_t", -129, oe("can't convert negative value to size_t")),
    ("as_size_t", 2**63, ok(2**63)),
    ("as_ssize", 2**63 - 1, ok(2**63 - 1)),
    ("as_ssize", IndexOnly(), ok(5)),
    ("as_ssize", BIG, oe("Python int too large to convert to C ssize_t")),
    ("as_ssize", 1.5, te("'float' object cannot be interpreted as an integer")),
    # ---- double and bint
    ("as_double", 3, ok(3.0)),
    ("as_double", 2.5, ok(2.5)),
    ("as_double", 2**60 + 1, ok(float(2**60 + 1))),
    ("as_double", True, ok(1.0)),
    ("as_double", decimal.Decimal("1.5"), ok(1.5)),
    ("as_double", IndexOnly(), ok(5.0)),
    ("as_double", "x", te("must be real number, not str")),
    ("as_double", None, te("must be real number, not NoneType")),
    ("as_double", 2**5000, oe("int too large to convert to float")),
    ("as_bint", 3, ok(True)),
    ("as_bint", None, ok(False)),
    ("as_bint", "x", ok(True)),
    ("as_bint", [], ok(False)),
    ("as_bint", BIG, ok(True)),
    ("as_bint", 0.0, ok(False)),
    # ---- char*
    ("cstr_roundtrip", b"abc", ok(b"abc")),
    ("cstr_roundtrip", b"ab\x00cd", ok(b"ab")),
    ("cstr_roundtrip", bytearray(b"xy"), ok(b"xy")),
    ("cstr_roundtrip", "x", te("expected bytes, str found")),
    ("cstr_roundtrip", None, te("expected bytes, NoneType found")),
    ("cstr_roundtrip", 3, te("expected bytes, int found")),
    ("cstr_roundtrip", memoryview(b"x"), te("expected bytes, memoryview found")),
]
for fn, arg, want in CONV:
    check(f"{fn}({arg!r})", outcome(getattr(rt, fn), arg), want)

check("bytes_from_null", outcome(rt.bytes_from_null),
      ("err", "ValueError", "cannot convert a NULL char pointer to bytes"))

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    check("as_int(IntSub())", outcome(rt.as_int, IntSub()), ok(9))
check("as_int(IntSub()) warns", [w.category for w in caught], [DeprecationWarning])
with warnings.catch_warnings():
    warnings.simplefilter("error")
    got = outcome(rt.as_int, IntSub())
check("as_int(IntSub()) warning as error", got[:2], ("err", "DeprecationWarning"))

# ---------------------------------------------------------------- type tests
class MyList(list):
    pass

TYPES = [
    (([1], list, False, "items", 1), ok(True)),
    (((), list, False, "items", 1), te("Argument 'items' has incorrect type (expected list, got tuple)")),
    ((None, list, True, "items", 1), ok(True)),
    ((None, list, False, "items", 1), te("Argument 'items' has incorrect type (expected list, got NoneType)")),
    ((collections.UserList(), list, True, "items", 1), te("Argument 'items' has incorrect type (expected list, got UserList)")),
    ((collections.OrderedDict(), dict, True, "d", 1), te("Argument 'd' has incorrect type (expected dict, got collections.OrderedDict)")),
    ((MyList(), list, True, "items", 0), ok(True)),
    ((MyList(), list, True, "items", 1), te("Argument 'items' has incorrect type (expected list, got MyList)")),
    ((True, int, False, "x", 0), ok(True)),
    (("s", int, False, "x", 1), te("Argument 'x' has incorrect type (expected int, got str)")),
    ((collections.OrderedDict(), collections.OrderedDict, False, "o", 0), ok(True)),
    (({}, collections.OrderedDict, False, "o", 0), te("Argument 'o' has incorrect type (expected collections.OrderedDict, got dict)")),
]
for args, want in TYPES:
    check(f"arg_type_test{args!r}", outcome(rt.arg_type_test, *args), want)
got = outcome(rt.arg_type_test, MyList(), list, True, "items", 2)
check("annotation note", got[:2], ("err", "TypeError"))
if got[0] == "err" and not got[2].startswith(
        "Argument 'items' has incorrect type (expected list, got MyList). Note that"):
    failures.append(f"annotation note message: {got[2]!r}")

check("type_test exact", outcome(rt.type_test, (1,), list, True, 1), te("Expected list, got tuple"))
check("type_test none", outcome(rt.type_test, None, list, True, 1), ok(True))
check("type_test none refused", outcome(rt.type_test, None, list, False, 1), te("Expected list, got NoneType"))
check("type_test subclass", outcome(rt.type_test, MyList(), list, False, 0), ok(True))
check("type_test ext", outcome(rt.type_test, "s", collections.OrderedDict, True, 0),
      te("Cannot convert str to collections.OrderedDict"))

# ---------------------------------------------------------------- reference counts
def refcounts(objs):
    return [sys.getrefcount(o) for o in objs]

a, b, c, k = object(), object(), object(), object()
big_value = 2**100 + 12345
class BigInt:
    def __int__(self):
        return big_value
class SmallInt:
    def __int__(self):
        return 2**40 + 7
bi, si = BigInt(), SmallInt()
tracked = [a, b, c, k, (), big_value, "x", None]


def workload():
    for _ in range(200):
        rt.f3(a, b, c)
        rt.f3(a, c=c, b=b)
        rt.fdef(a)
        rt.fkw(a, k=k)
        rt.fva(a, b, c)
        rt.fva(a)
        rt.fkwa(a, x=b, y=c)
        rt.fkwa(a)
        rt.fpokw(a, a=b)
        rt.fall(a, b, c, k=k, z=a)
        rt.fargs(a, b, x=c)
        rt.fkwonly2(k1=a, k2=b)
        rt.fgr(größe=a)
        for bad in (lambda: rt.f3(a, b, c, k),
                    lambda: rt.f3(a, b, d=c),
                    lambda: rt.f3(a, b, a=c),
                    lambda: rt.fkwa(a, x=b, a=c),      # kwargs dict filled, then an error
                    lambda: rt.fkwa(a, x=b, **{1: c}),
                    lambda: rt.fva(b=c),
                    lambda: rt.fall(a, b, c, x=k),      # varargs + kwargs built, then missing k
                    lambda: rt.fall(a, b, c, a=k),
                    lambda: rt.fkw(a),
                    lambda: rt.as_int(big_value),
                    lambda: rt.as_int(bi),
                    lambda: rt.as_uint(-big_value),
                    lambda: rt.as_i8(si),
                    lambda: rt.as_u64(si),
                    lambda: rt.as_ull(bi),
                    lambda: rt.as_double("x"),
                    lambda: rt.arg_type_test(a, list, True, "x", 1),
                    lambda: rt.type_test(a, list, True, 1),
                    lambda: rt.cstr_roundtrip("x")):
            try:
                bad()
            except Exception:  # noqa: BLE001
                pass
        rt.as_ll(si)
        rt.as_ull(si)
        rt.as_double(big_value)
        rt.as_bint(b)
        rt.cstr_roundtrip(b"abc")


workload()  # warm up caches (interned strings, method caches, UTF-8 forms)
gc.collect()
before = refcounts(tracked)
tracemalloc.start()
workload()
gc.collect()
mem_before = tracemalloc.get_traced_memory()[0]
for _ in range(5):
    workload()
gc.collect()
mem_after = tracemalloc.get_traced_memory()[0]
tracemalloc.stop()
after = refcounts(tracked)
if before != after:
    failures.append(f"reference counts changed: {before} -> {after} for {tracked!r}")
if mem_after - mem_before > 4096:
    failures.append(f"traced memory grew by {mem_after - mem_before} bytes over 5 workloads")

if failures:
    print(f"{len(failures)} failure(s):")
    for f in failures:
        print(" -", f)
    sys.exit(1)
print(f"runtime helpers OK on Python {sys.version.split()[0]}: {len(ARGS)} argument cases, "
      f"{len(CONV)} conversions, {len(TYPES)} type tests, refcounts and memory stable")
