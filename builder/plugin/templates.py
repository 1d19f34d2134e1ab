"""What course builds of one process share of the theme: compiled templates (also on disk) and
the listing of the theme's files."""

from __future__ import annotations

from pathlib import Path

import jinja2
import jinja2.bccache
from mkdocs.theme import Theme

from builder.plugin.shared_assets import share
from builder.write import write_bytes


class _TemplateCache(jinja2.BytecodeCache):
    """Compiled templates (keyed by name and source checksum), kept for the life of the process
    and, once `folder` is set, on disk: a rebuild in a new process skips Jinja's compile too."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}
        self.folder: Path | None = None

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        # templates compile differently with autoescape (on since issue 10): a key of their own
        return super().get_cache_key(name, f"{filename}|autoescape")

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is None and self.folder is not None:
            try:
                code = self.store[bucket.key] = (self.folder / bucket.key).read_bytes()
            except OSError:
                return
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
        if self.folder is not None:
            write_bytes(self.folder / bucket.key, self.store[bucket.key])


BYTECODE = _TemplateCache()
LISTINGS: dict[tuple[str, ...], list[str]] = {}
# One environment per theme, language and asset mode: its loaded templates serve every course
# build of the process (cleared with LISTINGS at the start of a portal build).
ENVS: dict[tuple[object, ...], jinja2.Environment] = {}


def use_template_cache(env: jinja2.Environment, cache_root: Path) -> None:
    """Let `env` reuse compiled templates from this process and from `cache_root`."""
    BYTECODE.folder = cache_root / "templates"
    env.bytecode_cache = BYTECODE


def theme_env(theme: Theme, shared_assets: bool = False) -> jinja2.Environment:
    """The theme's Jinja environment, its loaded templates and the listing of the theme's files
    shared by every build in this process (the theme does not change during a build).

    With `shared_assets` (a course site inside the portal) no theme file is copied into the
    site: its pages link the portal's copy."""
    made = ENVS.get((*theme.dirs, str(theme.locale), shared_assets))
    if made is not None:
        return made
    env = ENVS[(*theme.dirs, str(theme.locale), shared_assets)] = Theme.get_env(theme)
    env.bytecode_cache = BYTECODE
    loader = env.loader
    key = tuple(theme.dirs)
    if isinstance(loader, jinja2.FileSystemLoader):
        if key not in LISTINGS:  # without hidden files (Material's .icons/: thousands), which
            # MkDocs' add_files_from_theme drops (patterns '.*' and '*/.*') name by name
            LISTINGS[key] = [name for name in loader.list_templates()
                             if not name.startswith(".") and "/." not in name]
        if shared_assets:
            share(env, frozenset(LISTINGS[key]))
            loader.list_templates = list  # type: ignore[method-assign]
        else:
            loader.list_templates = lambda: list(LISTINGS[key])  # type: ignore[method-assign]
    return env
