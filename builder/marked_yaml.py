"""The one YAML loader of eumk: parses text into plain data plus the line of every value."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Loc = tuple[str | int, ...]


class YamlSyntaxError(Exception):
    """A YAML document that does not parse; carries the 1-based line of the problem."""

    def __init__(self, problem: str, line: int | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


@dataclass(frozen=True)
class Duplicate:
    """A key given twice in one mapping: where (the key's location), and both lines."""

    loc: Loc
    first: int
    line: int


@dataclass
class Marked:
    """Parsed YAML data and `marks`: location tuple (keys / indexes) → 1-based line; and the
    keys given twice (the later value is kept, as YAML loaders do)."""

    data: Any
    marks: dict[Loc, int] = field(default_factory=dict)
    duplicates: list[Duplicate] = field(default_factory=list)

    def line(self, loc: Loc) -> int | None:
        """The line of `loc`, or of its nearest marked ancestor."""
        for end in range(len(loc), -1, -1):
            found = self.marks.get(tuple(loc[:end]))
            if found is not None:
                return found
        return None


class _Loader(yaml.SafeLoader):
    """Safe loader that also accepts unknown tags (e.g. mkdocs.yml's !!python/name:)."""


def _unknown_tag(loader: _Loader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):  # type: ignore[misc]
    """The same loader on libyaml (several times faster); see `_fast`."""


for _cls in (_Loader, _FastLoader):
    _cls.add_multi_constructor("!", _unknown_tag)
    _cls.add_multi_constructor("tag:", _unknown_tag)


MAX_DEPTH = 64         # deeper nesting is never a course file (and would exhaust the stack)
MAX_NODES = 200_000    # aliases may not blow a small file up into millions of values
_SURROGATE = re.compile("[\ud800-\udfff]")


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_VALUE = "tag:yaml.org,2002:value"


def _scalar(loader: _Loader, node: yaml.Node) -> Any:
    """A scalar's value; a bad timestamp like 2026-02-30 becomes a syntax error at its line."""
    if node.tag == _STR and type(node.value) is str:  # what construct_yaml_str gives
        value = node.value
        if _SURROGATE.search(value):
            value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return value
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, TypeError, OverflowError) as exc:
        raise YamlSyntaxError(f"{node.value!r}: {exc}", node.start_mark.line + 1) from None
    if isinstance(value, str) and _SURROGATE.search(value):
        # "\ud83d\ude00" escapes: join pairs, replace lone halves (they cannot be printed)
        value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


def _walk(loader: _Loader, node: yaml.Node, loc: Loc, marks: dict[Loc, int],
          duplicates: list[Duplicate], path: tuple[int, ...] = ()) -> Any:
    line = node.start_mark.line + 1
    if len(path) > MAX_DEPTH or id(node) in path:
        problem = "nested too deeply" if len(path) > MAX_DEPTH else "an alias refers to itself"
        raise YamlSyntaxError(problem, line)
    if len(marks) > MAX_NODES:
        raise YamlSyntaxError("too many values (aliases repeated too often)", line)
    marks[loc] = line
    path = (*path, id(node))
    if isinstance(node, yaml.MappingNode):
        # keys merged in by `<<: *alias` may be overridden; keys written here twice may not
        written = {id(k) for k, _ in node.value if k.tag != _MERGE}
        if len(written) < len(node.value) or any(k.tag == _VALUE for k, _ in node.value):
            loader.flatten_mapping(node)  # (merge keys, `=` keys: nothing to do without them)
        out: dict[Any, Any] = {}
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str | int | float | bool) and key is not None:
                key = str(key)
            if key is None and not isinstance(key_node, yaml.ScalarNode):
                key = f"<{key_node.id} at line {key_node.start_mark.line + 1}>"
            key_line = key_node.start_mark.line + 1
            if id(key_node) in written:
                if key in seen:  # also 1 and 1.0: one key once loaded, one value lost
                    duplicates.append(Duplicate((*loc, key), seen[key], key_line))
                seen[key] = key_line
            out[key] = _walk(loader, value_node, (*loc, key), marks, duplicates, path)
            marks[(*loc, key)] = key_line
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_walk(loader, item, (*loc, i), marks, duplicates, path)
                for i, item in enumerate(node.value)]
    return _scalar(loader, node)


def _fast(text: str) -> Marked | None:
    """A valid document parsed by libyaml (same data and lines); None on any problem, so that
    the pure-Python path of `parse` reports it exactly as before."""
    # tabs: libyaml accepts some that PyYAML refuses; control characters: refused by PyYAML only
    if _FastLoader is _Loader or "\t" in text or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        marks: dict[Loc, int] = {}
        duplicates: list[Duplicate] = []
        data = None if node is None else _walk(loader, node, (), marks, duplicates)
        return Marked(data, marks, duplicates)
    except Exception:  # noqa: BLE001 — any problem: the exact path below explains it
        return None
    finally:
        loader.dispose()


def parse(text: str, first_line: int = 1) -> Marked:
    """Parse one YAML document; lines are counted from `first_line` (front matter offsets)."""
    fast = _fast(text)
    if fast is not None:
        return _shifted(fast, first_line)
    try:
        loader = _Loader(text)  # refuses control characters here, before any parsing
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + first_line
        raise YamlSyntaxError(f"character U+{exc.character:04X} is not allowed in YAML text",
                              line) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return Marked(None, {})
        marks: dict[Loc, int] = {}
        duplicates: list[Duplicate] = []
        data = _walk(loader, node, (), marks, duplicates)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        problem = " ".join(filter(None, [exc.context, exc.problem])) or str(exc)
        raise YamlSyntaxError(problem, line) from None
    except YamlSyntaxError as exc:  # from _walk: lines of the text, not yet of the file
        line = exc.line + first_line - 1 if exc.line else None
        raise YamlSyntaxError(exc.problem, line) from None
    except RecursionError:  # the composer recurses once per nesting level
        raise YamlSyntaxError("nested too deeply", None) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        raise YamlSyntaxError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
                              None) from None
    finally:
        loader.dispose()
    return _shifted(Marked(data, marks, duplicates), first_line)


def _shifted(marked: Marked, first_line: int) -> Marked:
    """`marked` with its lines counted from `first_line` instead of 1."""
    if first_line == 1:
        return marked
    shift = first_line - 1
    return Marked(marked.data, {loc: line + shift for loc, line in marked.marks.items()},
                  [Duplicate(d.loc, d.first + shift, d.line + shift) for d in marked.duplicates])


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (BOM tolerated); undecodable bytes raise UnicodeDecodeError."""
    return path.read_text(encoding="utf-8-sig")


def load(path: Path) -> Marked:
    """Parse the YAML file at `path`."""
    return parse(read_text(path))
