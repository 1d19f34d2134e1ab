"""Exchange files as text: the encoding found by charset-normalizer, .docx read by python-docx.

Kazakh LMS banks travel as text in UTF-8 (with or without BOM), UTF-16, Windows-1251, KZ-1048 or
KOI8, and as Word documents whose pictures sit inline among the paragraphs.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

ENCODINGS = ["utf_8", "cp1251", "kz1048", "koi8_r", "koi8_u"]
DOCX = (".docx", ".docm")


class Undecodable(ValueError):
    """No candidate encoding reads the file."""


class BadDocx(ValueError):
    """A .docx that is not a Word document, is damaged, or unpacks beyond the size limit."""


@dataclass
class Source:
    """The text of an exchange file and the pictures it holds (name → bytes)."""

    text: str
    encoding: str
    pictures: dict[str, bytes] = field(default_factory=dict)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a text file's bytes; universal newlines."""
    if data.startswith(b"\xef\xbb\xbf"):
        text, name = data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, name = data.decode("utf-16"), "utf-16"
    else:
        try:
            text, name = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes

            best = from_bytes(data, cp_isolation=ENCODINGS).best()
            if best is None:
                raise Undecodable from None
            text, name = str(best), best.encoding
    return text.replace("\r\n", "\n").replace("\r", "\n"), name


def read_docx(path: Path, max_bytes: int) -> Source:
    """`_docx` with every failure of a damaged or hostile document as BadDocx."""
    try:
        with zipfile.ZipFile(path) as archive:  # a small zip may unpack to gigabytes
            if sum(i.file_size for i in archive.infolist()) > max_bytes:
                raise BadDocx("too large")
        return _docx(path)
    except OSError:
        raise
    except Exception as exc:  # python-docx / lxml / zipfile on a broken file: many types
        raise BadDocx(str(exc)) from None


def _docx(path: Path) -> Source:
    """The paragraphs of a .docx (tables' cells too) as lines; each inline picture becomes a
    `<#picture=NAME#>` tag where it stands, its bytes kept under NAME."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    pictures: dict[str, bytes] = {}
    lines: list[str] = []

    def paragraph(p: object) -> str:
        parts: list[str] = []
        for node in p._p.iter():  # type: ignore[attr-defined]
            if node.tag == qn("w:t") and node.text:
                parts.append(node.text)
            elif node.tag in (qn("w:br"), qn("w:cr")):
                parts.append("\n")
            elif node.tag == qn("w:tab"):
                parts.append("\t")
            elif node.tag == qn("a:blip"):
                rel = node.get(qn("r:embed"))
                part = p.part.related_parts.get(rel) if rel else None  # type: ignore[attr-defined]
                if part is not None:
                    name = PurePosixPath(str(part.partname)).name
                    pictures[name] = part.blob
                    parts.append(f"<#picture={name}#>")
        return "".join(parts)

    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            lines.append(paragraph(docx.text.paragraph.Paragraph(block, document)))
        elif block.tag == qn("w:tbl"):
            table = docx.table.Table(block, document)
            for row in table.rows:
                for cell in row.cells:
                    lines.extend(paragraph(p) for p in cell.paragraphs)
    return Source("\n".join(lines), "docx", pictures)


def read(path: Path, max_bytes: int) -> Source:
    """The text of `path` (.docx or text in any encoding above); raises Undecodable, BadDocx
    (also for a .docx unpacking beyond `max_bytes`) or OSError."""
    if path.suffix.lower() in DOCX:
        return read_docx(path, max_bytes)
    text, name = decode(path.read_bytes())
    return Source(text, name)
