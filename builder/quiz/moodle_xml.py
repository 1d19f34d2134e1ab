"""Moodle XML: writing banks as Moodle's documented question types and reading them back."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from builder.model import Answer, Option, Pair, Question, number
from builder.quiz import pluginfile
from builder.quiz.bankfile import drop_default_weights, lms_weights, nearest_fraction
from builder.quiz.imported import Imported, read_tags, tags

TYPES = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse",
         "short": "shortanswer", "numerical": "numerical", "matching": "matching",
         "essay": "essay"}


# -- writing ---------------------------------------------------------------------------------
@dataclass
class Media:
    """Where a bank's links point from (`base`, its folder) and may reach (`root`, the course);
    `missing` collects links that could not travel, with their question."""

    base: Path | None = None
    root: Path | None = None
    missing: list[tuple[Question, str]] = field(default_factory=list)
    question: Question | None = None


_PLAIN_MEDIA = Media()


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "markdown",
          media: Media = _PLAIN_MEDIA, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, {**({"format": fmt} if fmt else {}), **attrs})
    files: dict[str, bytes] = {}
    if fmt == "markdown":
        text, files, missing = pluginfile.embed(text, media.base, media.root)
        if media.question is not None:
            media.missing.extend((media.question, m) for m in missing)
    ET.SubElement(node, "text").text = text
    for name, data in files.items():
        ET.SubElement(node, "file", name=name, path="/", encoding="base64").text = \
            base64.b64encode(data).decode("ascii")
    return node


def _answer(parent: ET.Element, fraction: float, text: str, feedback: str | None = None,
            fmt: str = "markdown", media: Media = _PLAIN_MEDIA) -> ET.Element:
    node = _text(parent, "answer", text, fmt, media,
                 fraction=f"{nearest_fraction(fraction):.7g}")
    _text(node, "feedback", feedback or "", media=media)
    return node


def _number(value: float) -> str:
    return repr(float(value)).removesuffix(".0")  # 1822, 3.1415, 1.5e-07: exactly the float


def _question(q: Question, media: Media) -> ET.Element:
    media.question = q
    node = ET.Element("question", type=TYPES[q.type])
    _text(node, "name", q.name or q.id, None)
    _text(node, "questiontext", q.text.strip(), media=media)
    _text(node, "generalfeedback", q.feedback or "", media=media)
    ET.SubElement(node, "defaultgrade").text = "1"
    ET.SubElement(node, "penalty").text = "0.3333333"
    ET.SubElement(node, "hidden").text = "0"
    ET.SubElement(node, "idnumber").text = q.id
    if q.type in ("single", "multiple"):
        ET.SubElement(node, "single").text = "true" if q.type == "single" else "false"
        ET.SubElement(node, "shuffleanswers").text = "true"
        ET.SubElement(node, "answernumbering").text = "abc"
        for o, w in zip(q.options, lms_weights(q), strict=True):
            _answer(node, w, o.text, o.feedback, media=media)
    elif q.type == "truefalse":
        _answer(node, 100 if q.answer else 0, "true", q.feedback_true, "moodle_auto_format",
                media)
        _answer(node, 0 if q.answer else 100, "false", q.feedback_false, "moodle_auto_format",
                media)
    elif q.type == "short":
        ET.SubElement(node, "usecase").text = "0"
        for a in q.answers:
            _answer(node, 100 if a.full else a.weight or 0, a.text, a.feedback,
                    "moodle_auto_format", media)
    elif q.type == "numerical":
        for a in q.answers:
            value = "*" if a.value is None else _number(a.value)
            sub = _answer(node, 100 if a.full else a.weight or 0, value, a.feedback,
                          "moodle_auto_format", media)
            ET.SubElement(sub, "tolerance").text = _number(a.tolerance)
        # units off: the answer is a bare number (qtype_numerical UNITNONE = 3)
        for tag, value in (("unitgradingtype", "0"), ("unitpenalty", "0.1000000"),
                           ("showunits", "3"), ("unitsleft", "0")):
            ET.SubElement(node, tag).text = value
    elif q.type == "matching":
        ET.SubElement(node, "shuffleanswers").text = "true"
        for p in q.pairs:
            sub = _text(node, "subquestion", p.left, media=media)
            _text(sub, "answer", p.right, None)
    elif q.type == "essay":
        for tag, value in (("responseformat", "editor"), ("responserequired", "1"),
                           ("responsefieldlines", "15"), ("attachments", "0"),
                           ("attachmentsrequired", "0")):
            ET.SubElement(node, tag).text = value
        _text(node, "graderinfo", "", "html")
        _text(node, "responsetemplate", "", "html")
    tag_list = ET.SubElement(node, "tags")
    for name in tags(q):
        _text(tag_list, "tag", name, None)
    return node


def category_path(*parts: str) -> str:
    """A Moodle category path under the course context ('/' inside a name is doubled)."""
    return "/".join(["$course$", *(p.replace("/", "//") for p in parts)])


def write(banks: list[tuple[list[str], list[Question]]],
          media: list[Media] | None = None) -> str:
    """One Moodle XML document: for each (category parts, questions), a category then questions;
    `media[i]` says where bank i's files are (none given: links stay as they are)."""
    quiz = ET.Element("quiz")
    for i, (category, questions) in enumerate(banks):
        own, current = category_path(*category), None

        def switch(path: str) -> None:
            node = ET.SubElement(quiz, "question", type="category")
            _text(node, "category", path, None)

        switch(own)
        for q in questions:
            if q.category != current:  # a sub-category, or back to the bank's own
                current = q.category
                switch(f"{own}/{current}" if current else own)
            quiz.append(_question(q, media[i] if media else Media()))
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, "unicode") + "\n"


# -- reading ---------------------------------------------------------------------------------
class _Lines(ET.TreeBuilder):
    """A tree builder remembering the line each element starts on."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, int] = {}
        self.expat: Any = None

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        node = super().start(tag, attrs)
        self.lines[id(node)] = self.expat.CurrentLineNumber
        return node


def _parse(data: bytes) -> tuple[ET.Element, dict[int, int]]:
    """The element tree of `data` through defusedxml: no DTD, no entities, nothing external."""
    builder = _Lines()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True,
                              forbid_external=True)
    builder.expat = parser.parser
    parser.feed(data)
    return parser.close(), builder.lines


_WRAP = re.compile(r"\A\s*<p>(?P<inner>(?:(?!</?p>).)*)</p>\s*\Z", re.S)


def _plain(node: ET.Element | None, tag: str = "text") -> str:
    """The text of `node`'s <text> child; a lone HTML paragraph is unwrapped."""
    if node is None:
        return ""
    found = node.find(tag)
    text = (found.text if found is not None else node.text) or ""
    wrapped = _WRAP.match(text)
    return (wrapped.group("inner") if wrapped else text).strip()


def _rich(result: Imported, node: ET.Element | None, media_link: str) -> str:
    """`_plain`, with embedded files kept for media/ and `\\(…\\)` formulas back as `$…$`."""
    text = _plain(node)
    if node is None:
        return text
    files = {f.get("name", ""): f.text or "" for f in node.findall("file")}
    text, used, broken = pluginfile.extract(text, files, media_link)
    result.media.update(used)
    for name in broken:
        result.report("import.xml.file", "warning", name=name)
    return text


def read(path: Path, data: bytes, media_link: str = "../media/") -> Imported:
    """Questions of a Moodle XML file; unsupported ones become findings with their line."""
    result = Imported(path)
    try:
        root, lines = _parse(data)
    except ET.ParseError as exc:
        result.problem("import.xml.syntax", line=exc.position[0],
                       problem=expat.ErrorString(exc.code))
        return result
    except DefusedXmlException:
        result.problem("import.xml.dtd", line=None)
        return result
    if root.tag != "quiz":
        result.problem("import.xml.root", line=1)
        return result
    for node in root.iter("question"):
        result.line = lines.get(id(node))
        kind = node.get("type", "")
        if kind == "category":
            result.category(_plain(node.find("category")))
            continue
        q = _read_question(result, node, kind, lambda n: _rich(result, n, media_link))
        if q is not None:
            given = (node.findtext("idnumber") or "").strip()
            if given and given != q.id:
                q.name, q.id = q.id, given
            read_tags(q, [t.text or "" for t in _tag_texts(node)])
            result.add(q)
    return result


def _tag_texts(node: ET.Element) -> list[ET.Element]:
    return [t for tag in node.iter("tag") for t in tag.iter("text")]


def _fraction(answer: ET.Element) -> float:
    try:
        return float(answer.get("fraction", "0"))
    except ValueError:
        return 0.0


def _read_question(result: Imported, node: ET.Element, kind: str,
                   rich: Callable[[ET.Element | None], str]) -> Question | None:
    name = _plain(node.find("name"))
    if kind not in TYPES.values():
        result.unsupported(kind or "?", name)
        return None
    q = Question(id=name, text=rich(node.find("questiontext")), type="essay",
                 feedback=rich(node.find("generalfeedback")) or None)
    answers = node.findall("answer")
    if kind == "multichoice":
        single = (node.findtext("single") or "true").strip().lower() in ("true", "1")
        q.type = "single" if single else "multiple"
        for a in answers:
            grade = _fraction(a)
            q.options.append(Option(text=rich(a), feedback=rich(a.find("feedback")) or None,
                                    correct=grade >= 99.99 if single else grade > 0,
                                    weight=grade))
        drop_default_weights(q)
    elif kind == "truefalse":
        right = [a for a in answers if _fraction(a) >= 99.99]
        if not right:
            result.problem("import.xml.truefalse")
            return None
        q.type, q.answer = "truefalse", _plain(right[0]).lower() == "true"
        for a in answers:
            key = "feedback_true" if _plain(a).lower() == "true" else "feedback_false"
            setattr(q, key, rich(a.find("feedback")) or None)
    elif kind in ("shortanswer", "numerical"):
        q.type = "short" if kind == "shortanswer" else "numerical"
        for a in answers:
            grade, text = _fraction(a), rich(a)
            answer = Answer(text=text, weight=None if grade >= 99.99 else grade,
                            feedback=rich(a.find("feedback")) or None)
            if kind == "numerical" and text != "*":
                answer.value = number(text)
                answer.tolerance = abs(number(a.findtext("tolerance") or "0") or 0)
                if answer.value is None:
                    result.problem("import.number", answer=text)
                    return None
            q.answers.append(answer)
    elif kind == "matching":
        q.type = "matching"
        for sub in node.findall("subquestion"):
            q.pairs.append(Pair(left=rich(sub), right=_plain(sub.find("answer"))))
    dropped = _dropped(node, kind)
    if dropped:
        result.report("import.dropped", "warning", name=q.id, parts=", ".join(dropped))
    return q


# Parts of a Moodle question an eumk bank has no place for (reported, never dropped quietly).
_UNKEPT = ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback", "graderinfo",
           "responsetemplate")


def _dropped(node: ET.Element, kind: str) -> list[str]:
    out = [tag for tag in _UNKEPT if _plain(node.find(tag))]
    if any(_plain(h) for h in node.findall("hint")):
        out.append("hint")
    grade = number(node.findtext("defaultgrade") or "1")
    if grade is not None and abs(grade - 1) > 1e-9:
        out.append(f"defaultgrade {grade:g}")
    if kind == "numerical" and node.find("units/unit") is not None:
        out.append("units")
    if kind == "shortanswer" and (node.findtext("usecase") or "0").strip() == "1":
        out.append("usecase")
    return [f"<{part}>" if " " not in part else part for part in out]
