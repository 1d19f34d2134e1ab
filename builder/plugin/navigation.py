"""A course site's navigation: components in kit order; a long component as runs of pages, so
the navigation each page carries stays small however many pages a component holds."""

from __future__ import annotations

import math
from typing import Any

# A component of more pages than this is shown as runs ("1–50", "51–100", …): with Material's
# navigation.prune a page then carries the list of runs and the pages of its own run only,
# about 2·√n entries instead of n.
RUN = 50
# Without navigation.prune, Material puts every page of the tree into every page.
FEATURES = ("navigation.prune",)


def component(uris: list[str]) -> list[Any]:
    """The nav entries of one component's pages (kit order), as runs when there are many."""
    count = len(uris)
    if count <= RUN:
        return list(uris)
    size = max(RUN, math.isqrt(count - 1) + 1)
    return [{f"{start + 1}–{min(start + size, count)}": uris[start:start + size]}
            for start in range(0, count, size)]


def features(given: list[str]) -> list[str]:
    """The theme's features with what keeps a course's navigation small."""
    given = list(given or [])  # `features:` left empty in mkdocs.yml
    return [*given, *(f for f in FEATURES if f not in given)]
