"""Pictures, files and formulas in Moodle XML texts, both ways.

Out: a file a question links (`![](../media/plan.svg)`) travels inside the question as
`<file name="plan.svg" path="/" encoding="base64">` and the link becomes `@@PLUGINFILE@@/plan.svg`;
inline formulas `$…$` become `\\(…\\)`, which Moodle's MathJax filter renders (`$$…$$` it
renders as is). In: the reverse, the files going to the course's media/ folder.
"""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote

from builder.model import Question

PLUGINFILE = "@@PLUGINFILE@@/"
# Markdown links and images to a local file: ![alt](path "title") / [text](path)
_LINK = re.compile(r"(!?\[[^\]]*\]\()([^)\s]+)((?:\s+\"[^\"]*\")?\))")
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?=\S)([^$\n]+?)(?<=\S)\$(?!\$)")
_MOODLE_MATH = re.compile(r"\\\\\((.+?)\\\\\)")
_PLUGIN_LINK = re.compile(re.escape(PLUGINFILE) + r"([^)\s\"'<>]+)")


def _local(target: str) -> bool:
    return not re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", target, re.I)


def local_links(q: Question) -> list[str]:
    """The files a question's texts link (not web addresses)."""
    texts = [q.text, q.feedback or "", *(o.text for o in q.options),
             *(o.feedback or "" for o in q.options), *(a.text for a in q.answers),
             *(a.feedback or "" for a in q.answers), *(p.left for p in q.pairs)]
    return [m.group(2) for t in texts for m in _LINK.finditer(t) if _local(m.group(2))]


def embed(text: str, base: Path | None, root: Path | None
          ) -> tuple[str, dict[str, bytes], list[str]]:
    """`text` for Moodle: (text, files to embed by name, links to files that could not be
    embedded: missing, or outside `root`)."""
    files: dict[str, bytes] = {}
    missing: list[str] = []

    def link(found: re.Match[str]) -> str:
        target = found.group(2)
        if base is None or not _local(target):
            return found.group(0)
        path = (base / unquote(target.split("#")[0])).resolve()
        inside = root is None or path.is_relative_to(root.resolve())
        if not inside or not path.is_file():
            missing.append(target)
            return found.group(0)
        name, data = path.name, path.read_bytes()
        if files.get(name, data) != data:  # the same name, another file
            name = f"{path.parent.name}-{name}"
        files[name] = data
        return found.group(1) + PLUGINFILE + quote(name) + found.group(3)

    text = _LINK.sub(link, text)
    return _INLINE_MATH.sub(lambda m: "\\\\(" + m.group(1) + "\\\\)", text), files, missing


def extract(text: str, files: dict[str, str], media_link: str
            ) -> tuple[str, dict[str, bytes], list[str]]:
    """`text` from Moodle with its embedded `files` (name → base64): (text with links into
    media/, the files used by their safe names, names that were not embedded or broken)."""
    used: dict[str, bytes] = {}
    broken: list[str] = []

    def link(found: re.Match[str]) -> str:
        name = unquote(found.group(1))
        safe = PurePosixPath(name.replace("\\", "/")).name
        try:
            data = base64.b64decode(files[name], validate=False) if name in files else None
        except (binascii.Error, ValueError):
            data = None
        if data is None or not safe or safe in (".", ".."):
            broken.append(name)
            return found.group(0)
        used[safe] = data
        return media_link + quote(safe)

    text = _PLUGIN_LINK.sub(link, text)
    return _MOODLE_MATH.sub(lambda m: "$" + m.group(1) + "$", text), used, broken
