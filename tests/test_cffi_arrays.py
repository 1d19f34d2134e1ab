"""cffi array types made without parsing (builder/case/cffi_arrays.py) are cffi's own."""

from __future__ import annotations

import cffi

from builder.case.cffi_arrays import quick_arrays


def _ffi() -> cffi.FFI:
    ffi = cffi.FFI()
    ffi.cdef("typedef uint32_t hb_codepoint_t; typedef struct { int x, y; } point_t;")
    return ffi


def test_an_array_type_is_the_one_cffi_parses() -> None:
    quick = _ffi()
    quick_arrays(quick)
    quick_arrays(quick)  # once is enough; twice changes nothing
    for decl in ("hb_codepoint_t[89]", "hb_codepoint_t[1]", "point_t[3]", "char[4]",
                 " unsigned int * "):
        made = quick.typeof(decl)
        with quick._lock:  # noqa: SLF001 - as cffi calls it
            parsed = quick._get_cached_btype(quick._parser.parse_type(decl))  # noqa: SLF001
        assert made is parsed, decl
    made = quick.new("hb_codepoint_t[5]", [5, 4, 3, 2, 1])
    assert list(made) == [5, 4, 3, 2, 1] and quick.sizeof(made) == 20
    assert "hb_codepoint_t[5]" in quick._parsed_types  # noqa: SLF001 - kept, as cffi keeps it


def test_weasyprint_prints_with_it() -> None:
    from weasyprint import HTML
    from weasyprint.text.ffi import ffi

    quick_arrays(ffi)
    pdf = HTML(string="<p>Әә Ққ Ңң Өө 123</p>").write_pdf()
    assert pdf.startswith(b"%PDF-")
    assert any(isinstance(k, str) and k.startswith("hb_codepoint_t[")
               for k in ffi._parsed_types)  # noqa: SLF001
