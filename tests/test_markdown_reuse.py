"""One Markdown instance a build (builder/plugin/markdown_reuse.py): every file of a course site
is byte for byte what MkDocs' own `Page.render` (a new Markdown a page) makes."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.plugin import build as site_build
from builder.plugin import markdown_reuse
from tests.sites import REPO, new_course, project

# Pages whose Markdown leaves state behind in an extension: footnotes, abbreviations of ids,
# tabs, fences, formulas, raw HTML anchors, headings repeated across pages, links between them.
STATEFUL = """---
title: {title}
module: M1
---

## Same heading

Text with a footnote[^1] and another[^note] and `code` and $x^2$ and ==mark== ^^ins^^ ~~del~~.

[^1]: First note of {title}.
[^note]: Named note.

<a id="raw-anchor"></a>

=== "One"

    Tab one of {title}.

=== "Two"

    Tab two.

```python title="x.py"
print("{title}")
```

!!! note "Admonition"
    Body.

Term
:   Definition.

- [x] done
- [ ] todo

<div markdown>
**inside** html [link](02-b.md#same-heading)
</div>

| a | b |
|---|---|
| 1 | 2 |

[ref link][r]

[r]: 03-c.md

## Same heading

$$
E = mc^2
$$
"""


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("course", ["stateful", "fire-safety", "first-aid"])
def test_a_reused_instance_renders_what_a_new_one_does(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      course: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the calendar's stamp
    if course == "stateful":
        root = project(tmp_path / "portal")
        folder = new_course(root, course, **{
            f"lectures__0{n}-{c}.md": STATEFUL.format(title=f"Page {c}")
            for n, c in ((2, "b"), (3, "c"), (4, "d"))})
    else:
        root = project(tmp_path / "portal", [REPO / "courses" / course])
        folder = root / "courses" / course
    config_file = root / "mkdocs.yml"
    made: list[object] = []
    real = markdown_reuse.MarkdownReuse.render

    def counted(self: markdown_reuse.MarkdownReuse, *args: object) -> None:
        real(self, *args)  # type: ignore[arg-type]
        made.append(self.md)

    monkeypatch.setattr(markdown_reuse.MarkdownReuse, "render", counted)
    site_build.build_course(config_file, folder, tmp_path / "reused")
    assert len(made) > 5 and len({id(md) for md in made}) == 1  # one instance, many pages
    monkeypatch.setattr(markdown_reuse.MarkdownReuse, "adopt", lambda self, page: None)
    site_build.build_course(config_file, folder, tmp_path / "mkdocs")
    reused, plain = _files(tmp_path / "reused"), _files(tmp_path / "mkdocs")
    assert reused.keys() == plain.keys()
    assert [name for name in reused if reused[name] != plain[name]] == []
    if course == "stateful":  # the features ran: notes numbered from 1 on every page
        page = (tmp_path / "reused" / "lectures" / "03-c" / "index.html").read_text("utf-8")
        assert 'id="fn:1"' in page and "First note of Page c" in page
        assert "First note of Page b" not in page


def test_the_copy_follows_mkdocs_page_render() -> None:
    """MarkdownReuse.render is Page.render with one instance: the processors it registers and
    the fields it sets are MkDocs' own (this fails when MkDocs' Page.render changes)."""
    import inspect
    import re

    from mkdocs.structure.pages import Page

    def shape(source: str, owner: str) -> tuple[list[str], set[str]]:
        return (re.findall(r"(_\w+(?:Preprocessor|Treeprocessor))\(", source),
                set(re.findall(rf"\b{owner}\.(\w+) =", source)))

    theirs = shape(inspect.getsource(Page.render), "self")
    ours = shape(inspect.getsource(markdown_reuse.MarkdownReuse.render), "page")
    assert ours == theirs
    assert theirs[1] == {"content", "toc", "_title_from_render", "present_anchor_ids",
                         "links_to_anchors"}
