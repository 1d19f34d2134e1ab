"""The bank writer: whatever the data, `yaml.safe_load` reads back exactly what was written."""

from __future__ import annotations

import math

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.quiz import yamlout

texts = st.text(max_size=40) | st.sampled_from(
    ["yes", "No", "null", "~", "1e5", "0x1F", "12:30", "2026-02-03", "- a", "a: b", "a #b",
     "line\nline", " lead", "trail ", "tab\tin", "\ufeffbom", "x\x85y", "Өрт қауіпсіздігі",
     "a\n\n b", "#hash", "'q'", "\"dq\"", "|", ">", "a\r\nb", "\u2028", "\x7f\x80"])
scalars = (texts | st.integers() | st.booleans() | st.none()
           | st.floats(allow_nan=False) | st.sampled_from([1e-05, 45.0, -0.5, 1e300]))
data = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.sampled_from(["id", "text", "options", "weight", "a b"]),
                                      inner, max_size=3), max_leaves=12)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "questions", "x"]), data, min_size=1))
def test_reads_back_exactly(value: dict) -> None:
    assert yaml.safe_load(yamlout.dump(value)) == value


def test_readable_forms() -> None:
    text = yamlout.dump({"title": "Модуль 1", "questions": [
        {"id": "q1", "text": "First line\nsecond line", "answer": True, "weight": 1e-05},
        {"id": "yes", "answers": ["no", "4"]}]})
    assert text == ('title: Модуль 1\nquestions:\n  - id: q1\n    text: |-\n      First line\n'
                    '      second line\n    answer: true\n    weight: 1.0e-05\n'
                    '  - id: "yes"\n    answers:\n      - "no"\n      - "4"\n')
    assert math.isinf(yaml.safe_load(yamlout.dump({"w": math.inf}))["w"])
