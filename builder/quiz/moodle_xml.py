"""Moodle XML: writing banks as Moodle's documented question types and reading them back."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.parsers import expat

from builder.model import Option, Pair, Question
from builder.quiz.bankfile import drop_default_weights, weights
from builder.quiz.imported import Imported, read_tags, tags

TYPES = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse",
         "short": "shortanswer", "matching": "matching", "essay": "essay"}


# -- writing ---------------------------------------------------------------------------------
def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "markdown",
          **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, {**({"format": fmt} if fmt else {}), **attrs})
    ET.SubElement(node, "text").text = text
    return node


def _answer(parent: ET.Element, fraction: float, text: str, feedback: str | None = None,
            fmt: str = "markdown") -> None:
    node = _text(parent, "answer", text, fmt, fraction=f"{fraction:.7g}")
    _text(node, "feedback", feedback or "")


def _question(q: Question) -> ET.Element:
    node = ET.Element("question", type=TYPES[q.type])
    _text(node, "name", q.id, None)
    _text(node, "questiontext", q.text.strip())
    _text(node, "generalfeedback", q.feedback or "")
    ET.SubElement(node, "defaultgrade").text = "1"
    ET.SubElement(node, "penalty").text = "0.3333333"
    ET.SubElement(node, "hidden").text = "0"
    if q.type in ("single", "multiple"):
        ET.SubElement(node, "single").text = "true" if q.type == "single" else "false"
        ET.SubElement(node, "shuffleanswers").text = "true"
        ET.SubElement(node, "answernumbering").text = "abc"
        for o, w in zip(q.options, weights(q), strict=True):
            _answer(node, w, o.text, o.feedback)
    elif q.type == "truefalse":
        _answer(node, 100 if q.answer else 0, "true", fmt="moodle_auto_format")
        _answer(node, 0 if q.answer else 100, "false", fmt="moodle_auto_format")
    elif q.type == "short":
        ET.SubElement(node, "usecase").text = "0"
        for a in q.answers:
            _answer(node, 100, a, fmt="moodle_auto_format")
    elif q.type == "matching":
        ET.SubElement(node, "shuffleanswers").text = "true"
        for p in q.pairs:
            sub = _text(node, "subquestion", p.left)
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


def write(banks: list[tuple[list[str], list[Question]]]) -> str:
    """One Moodle XML document: for each (category parts, questions), a category then questions."""
    quiz = ET.Element("quiz")
    for category, questions in banks:
        node = ET.SubElement(quiz, "question", type="category")
        _text(node, "category", category_path(*category), None)
        for q in questions:
            quiz.append(_question(q))
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, "unicode") + "\n"


# -- reading ---------------------------------------------------------------------------------
class _Tree:
    """An ElementTree built by expat, remembering the line each element starts on."""

    def __init__(self) -> None:
        self.lines: dict[int, int] = {}
        self.stack: list[ET.Element] = []
        self.root: ET.Element | None = None
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.data

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        node = ET.Element(tag, attrs)
        self.lines[id(node)] = self.parser.CurrentLineNumber
        if self.stack:
            self.stack[-1].append(node)
        else:
            self.root = node
        self.stack.append(node)

    def end(self, tag: str) -> None:
        self.stack.pop()

    def data(self, text: str) -> None:
        if self.stack:
            node = self.stack[-1]
            if len(node):
                node[-1].tail = (node[-1].tail or "") + text
            else:
                node.text = (node.text or "") + text


_WRAP = re.compile(r"\A\s*<p>(?P<inner>(?:(?!</?p>).)*)</p>\s*\Z", re.S)


def _plain(node: ET.Element | None, tag: str = "text") -> str:
    """The text of `node`'s <text> child; a lone HTML paragraph is unwrapped."""
    if node is None:
        return ""
    found = node.find(tag)
    text = (found.text if found is not None else node.text) or ""
    wrapped = _WRAP.match(text)
    return (wrapped.group("inner") if wrapped else text).strip()


def read(path: Path, data: bytes) -> Imported:
    """Questions of a Moodle XML file; unsupported ones become findings with their line."""
    result = Imported(path)
    tree = _Tree()
    try:
        tree.parser.Parse(data, True)
    except expat.ExpatError as exc:
        result.problem("import.xml.syntax", line=exc.lineno,
                       problem=expat.ErrorString(exc.code))
        return result
    if tree.root is None or tree.root.tag != "quiz":
        result.problem("import.xml.root", line=1)
        return result
    for node in tree.root.iter("question"):
        result.line = tree.lines.get(id(node))
        kind = node.get("type", "")
        if kind == "category":
            result.category(_plain(node.find("category")))
            continue
        q = _read_question(result, node, kind)
        if q is not None:
            read_tags(q, " ".join(t.text or "" for t in _tag_texts(node)))
            result.add(q)
    return result


def _tag_texts(node: ET.Element) -> list[ET.Element]:
    return [t for tag in node.iter("tag") for t in tag.iter("text")]


def _fraction(answer: ET.Element) -> float:
    try:
        return float(answer.get("fraction", "0"))
    except ValueError:
        return 0.0


def _read_question(result: Imported, node: ET.Element, kind: str) -> Question | None:
    name = _plain(node.find("name"))
    if kind not in TYPES.values():
        result.unsupported(kind or "?", name)
        return None
    q = Question(id=name, text=_plain(node.find("questiontext")), type="essay",
                 feedback=_plain(node.find("generalfeedback")) or None)
    answers = node.findall("answer")
    if kind == "multichoice":
        single = (node.findtext("single") or "true").strip().lower() in ("true", "1")
        q.type = "single" if single else "multiple"
        for a in answers:
            grade = _fraction(a)
            q.options.append(Option(text=_plain(a), feedback=_plain(a.find("feedback")) or None,
                                    correct=grade >= 99.99 if single else grade > 0,
                                    weight=grade))
        drop_default_weights(q)
    elif kind == "truefalse":
        right = [a for a in answers if _fraction(a) >= 99.99]
        if not right:
            result.problem("import.xml.truefalse")
            return None
        q.type, q.answer = "truefalse", _plain(right[0]).lower() == "true"
    elif kind == "shortanswer":
        q.type = "short"
        for a in answers:
            if _fraction(a) >= 99.99:
                q.answers.append(_plain(a))
            else:
                result.partial(name, _plain(a), _fraction(a))
    elif kind == "matching":
        q.type = "matching"
        for sub in node.findall("subquestion"):
            q.pairs.append(Pair(left=_plain(sub), right=_plain(sub.find("answer"))))
    return q
