"""Writing bank data as block YAML in one linear pass (PyYAML's emitter takes minutes on big banks).

Only what banks hold: mappings with plain keys, lists, strings, numbers, booleans and None.
Strings come out plain when that is unambiguous, as literal blocks when they span lines, and
double-quoted (with YAML escapes) otherwise; `yaml.safe_load` reads back exactly the same data.
"""

from __future__ import annotations

import math
import re

# Plain scalars we allow: start with a letter (any script) or _, then words, spaces and mild
# punctuation, no ': ' / ' #' / trailing space; never a word YAML 1.1 reads as bool or null.
_PLAIN = re.compile(r"[^\W\d][\w .,()/+'-]*(?<![ ])\Z")
_SPECIAL_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}
# Characters YAML lets a stream hold unescaped (c-printable) minus the line breaks it folds.
_UNPRINTABLE = re.compile("[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BLOCK_BAD = re.compile("[\r\x85\u2028\u2029\ufeff]|[ \t]\n|[ \t]\\Z")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0",
            "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\uFEFF"}
_QUOTE = re.compile('[\\\\"\n\t\r\0\x85\u2028\u2029\ufeff]|' + _UNPRINTABLE.pattern)


def _escape(found: re.Match[str]) -> str:
    known = _ESCAPES.get(found.group())
    if known:
        return known
    code = ord(found.group())
    return f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 \
        else f"\\U{code:08X}"


def quoted(text: str) -> str:
    return '"' + _QUOTE.sub(_escape, text) + '"'


def scalar(value: object) -> str:
    """One scalar on one line."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value).lower()
        return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _SPECIAL_WORDS:
        return text
    return quoted(text)


def _block(text: str, indent: str) -> str | None:
    """`text` as a literal block scalar, or None when one cannot hold it exactly."""
    if "\n" not in text or _BLOCK_BAD.search(text) or _UNPRINTABLE.search(text):
        return None
    if text.startswith((" ", "\n")) or text.endswith("\n"):
        return None
    return "|-\n" + "\n".join(indent + line if line else "" for line in text.split("\n"))


def _lines(value: object, indent: str, out: list[str]) -> None:
    """Append the block lines of a mapping or list, each prefixed by `indent`, to `out`."""
    if isinstance(value, dict):
        for key, item in value.items():
            _entry(f"{indent}{scalar(key)}:", item, indent, out)
    elif isinstance(value, list):
        deeper = indent + "  "
        for item in value:
            if isinstance(item, dict | list) and item:
                first = len(out)
                _lines(item, deeper, out)
                out[first] = f"{indent}- {out[first][len(deeper):]}"
            else:
                _entry(f"{indent}-", item, indent, out)


def _entry(head: str, item: object, indent: str, out: list[str]) -> None:
    if isinstance(item, str):
        block = _block(item, indent + "  ") if "\n" in item else None
        out.append(f"{head} {block if block is not None else scalar(item)}")
    elif isinstance(item, dict | list):
        if item:
            out.append(head)
            _lines(item, indent + "  ", out)
        else:
            out.append(f"{head} {{}}" if isinstance(item, dict) else f"{head} []")
    else:
        out.append(f"{head} {scalar(item)}")


def dump(data: dict[str, object]) -> str:
    """`data` as a YAML document."""
    out: list[str] = []
    _lines(data, "", out)
    return "\n".join(out) + "\n"
