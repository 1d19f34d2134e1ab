"""The KitError family: problems the CLI turns into a message and exit code, not a traceback."""

from __future__ import annotations


class EumkError(Exception):
    """Base: `str(exc)` is the whole message for the user."""

    exit_code = 1


class KitError(EumkError):
    """The input (a course, a bank, a package) has a problem: exit 1."""

    exit_code = 1


class UsageError(EumkError):
    """The command was called wrongly (unknown course, missing path, bad option): exit 2."""

    exit_code = 2
