"""cffi array types `T[N]` made from the type `T` without parsing a C declaration.

WeasyPrint subsets every embedded font through HarfBuzz with `ffi.new(f"hb_codepoint_t[{n}]",
…)`: cffi parses each new length as a C declaration with pycparser, about 11 ms, and a kit's
parts meet a dozen lengths each. `quick_arrays(ffi)` gives the FFI a table of parsed types
that makes such a type from its item type (parsed once), as cffi's own parse would make it.
"""

from __future__ import annotations

import re
from typing import Any

_ARRAY = re.compile(r"\s*([A-Za-z_]\w*)\s*\[\s*(\d+)\s*\]\s*\Z")


class _ArrayTypes(dict[Any, Any]):
    """cffi's table of parsed types (declaration → (ctype, is a function)); an array of a named
    type by a fixed length is made when first asked for."""

    def __init__(self, ffi: Any, parsed: dict[Any, Any]) -> None:
        super().__init__(parsed)
        self.ffi = ffi

    def __missing__(self, cdecl: Any) -> tuple[Any, bool]:
        found = _ARRAY.match(cdecl) if isinstance(cdecl, str) else None
        if found is None:
            raise KeyError(cdecl)  # cffi parses it
        backend = self.ffi._backend  # noqa: SLF001
        pointer = backend.new_pointer_type(self.ffi.typeof(found.group(1)))
        made = self[cdecl] = (backend.new_array_type(pointer, int(found.group(2))), False)
        return made


def quick_arrays(ffi: Any) -> None:
    """Let `ffi` make array types of a fixed length without parsing (once per FFI)."""
    if not isinstance(ffi._parsed_types, _ArrayTypes):  # noqa: SLF001
        ffi._parsed_types = _ArrayTypes(ffi, ffi._parsed_types)  # noqa: SLF001
