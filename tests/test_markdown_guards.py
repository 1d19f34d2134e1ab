"""The inline-pattern guards (builder/plugin/markdown_guards.py) change no page: Markdown with the
portal's extensions gives the same HTML with and without them, for code spans, maths, escapes."""

from __future__ import annotations

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.plugin import markdown_guards
from tests.sites import REPO


def _extensions() -> tuple[list[str], dict[str, dict[str, object]]]:
    """The markdown_extensions of the shipped mkdocs.yml (the slugify tag read as a name)."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!!python", lambda *_: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python", lambda *_: None)
    data = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names, configs = [], {}
    for entry in data["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, config), = entry.items()
            configs[name] = {k: v for k, v in (config or {}).items() if v is not None}
        else:
            name = entry
        names.append(name)
    return names, configs


NAMES, CONFIGS = _extensions()


def _html(text: str, guarded: bool) -> str:
    names = [*NAMES, markdown_guards.__name__] if guarded else NAMES
    return markdown.Markdown(extensions=names, extension_configs=CONFIGS).convert(text)


CASES = [
    "Plain words, no marks at all.",
    "A `code span` and ``two `ticks` inside``.",
    "Escaped \\`not code\\` and \\\\`code after two backslashes`.",
    "Inline maths $x^2 + y^2$ and \\(a + b\\), a price \\$5, and $ 5 $ with spaces.",
    "Both: `$x$` in code, $`y`$ in maths, \\\\(not maths\\\\).",
    "Across lines: $a +\nb$ and `c\nd`.",
    "| a | `b` |\n|---|---|\n| $c$ | d |\n",
    "- item with `code`\n- item with $m$\n\n> quote \\(q\\)",
    "# Title #\n\nSetext\n======\n\nOther\n---\n\nTerm\n:   definition\n",
    "!!! note \"Heads up\"\n    body\n\n??? tip\n    hidden\n\n=== \"Tab\"\n    one\n",
    "    !!! indented code, not a note\n\nA # not a heading, a > not a quote, 1 = 1 - 0.",
]


@pytest.mark.parametrize("text", CASES)
def test_the_same_html_with_and_without_the_guards(text: str) -> None:
    assert _html(text, guarded=True) == _html(text, guarded=False)


def test_the_guards_are_on_the_patterns_they_name() -> None:
    md = markdown.Markdown(extensions=[*NAMES, markdown_guards.__name__],
                           extension_configs=CONFIGS)
    for name in markdown_guards.NEEDS:
        assert isinstance(md.inlinePatterns[name].compiled_re, markdown_guards.Guarded)
    for name, (attribute, _) in markdown_guards.BLOCK_NEEDS.items():
        assert isinstance(getattr(md.parser.blockprocessors[name], attribute),
                          markdown_guards.Guarded)


MARKS = st.text(alphabet="ab $`\\()*_[]{}=^~<>\n|-#:!?\"+ ", max_size=80)


@settings(max_examples=400, deadline=None)
@given(MARKS)
def test_fuzz_the_same_html(text: str) -> None:
    assert _html(text, guarded=True) == _html(text, guarded=False)


def test_texts_no_pattern_can_match_skip_the_inline_patterns(monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    """Plain paragraphs go to no inline pattern; the portal's every pattern is known (else
    every text goes to every pattern), and every page of the sample courses is the same."""
    md = markdown.Markdown(extensions=[*NAMES, markdown_guards.__name__],
                           extension_configs=CONFIGS)
    inline = md.treeprocessors["inline"]
    assert isinstance(inline, markdown_guards.SkippingInline)
    assert set(md.inlinePatterns._data) <= set(markdown_guards.INLINE_NEEDS)
    asked: list[str] = []
    real = markdown.treeprocessors.InlineProcessor._InlineProcessor__handleInline

    def counting(self: object, data: str, index: int = 0) -> str:
        asked.append(data)
        return real(self, data, index)

    monkeypatch.setattr(markdown.treeprocessors.InlineProcessor,
                        "_InlineProcessor__handleInline", counting)
    md.convert("Өрт қауіпсіздігі, «негіздері» (1–2).\n\nA *word* here.\n")
    assert asked == ["A *word* here."]
    monkeypatch.undo()
    pages = sorted((REPO / "courses").rglob("*.md"))
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert _html(text, guarded=True) == _html(text, guarded=False), page


def test_an_unknown_inline_pattern_turns_the_skipping_off() -> None:
    from markdown.inlinepatterns import SimpleTagInlineProcessor

    md = markdown.Markdown(extensions=[*NAMES, markdown_guards.__name__],
                           extension_configs=CONFIGS)
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"(%%)(.+?)%%", "kbd"), "kbd", 1)
    assert md.convert("press %%Enter%% now") == "<p>press <kbd>Enter</kbd> now</p>"


PLAIN = st.text(alphabet="abc әғқ .,;()«»–-\n 0123", max_size=120)


@settings(max_examples=300, deadline=None)
@given(PLAIN, MARKS)
def test_fuzz_plain_and_marked_text_the_same_html(plain: str, marks: str) -> None:
    for text in (plain, plain + marks, marks + "\n\n" + plain):
        assert _html(text, guarded=True) == _html(text, guarded=False)
