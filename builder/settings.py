"""The eumk options of a project, read from mkdocs.yml the way MkDocs validates them."""

from __future__ import annotations

from pathlib import Path

from builder.marked_yaml import YamlSyntaxError, load
from builder.plugin.config import EumkConfig


class SettingsError(Exception):
    """mkdocs.yml cannot be read or its eumk options are invalid (a usage error)."""


def plugin_options(mkdocs_yml: Path) -> dict[str, object]:
    """The raw `plugins: - eumk: {...}` options of mkdocs.yml ({} when absent)."""
    try:
        data = load(mkdocs_yml).data or {}
    except YamlSyntaxError as exc:
        raise SettingsError(f"{mkdocs_yml}:{exc.line}: {exc.problem}") from None
    except OSError as exc:
        raise SettingsError(f"{mkdocs_yml}: {exc.strerror}") from None
    plugins = data.get("plugins", []) if isinstance(data, dict) else []
    if isinstance(plugins, dict):
        plugins = [{k: v} for k, v in plugins.items()]
    for entry in plugins or []:
        if isinstance(entry, dict) and "eumk" in entry:
            options = entry["eumk"] or {}
            if not isinstance(options, dict):
                raise SettingsError(f"{mkdocs_yml}: the eumk plugin's options must be "
                                    "'key: value' lines under '- eumk:'")
            return dict(options)
    return {}


def read(mkdocs_yml: Path | None, **overrides: object) -> EumkConfig:
    """Validated eumk options: defaults ← mkdocs.yml (when it exists) ← `overrides`."""
    raw: dict[str, object] = {}
    if mkdocs_yml is not None and mkdocs_yml.is_file():
        raw = plugin_options(mkdocs_yml)
    raw.update({k: v for k, v in overrides.items() if v is not None})
    config = EumkConfig(config_file_path=str(mkdocs_yml) if mkdocs_yml else None)
    config.load_dict(raw)
    errors, _warnings = config.validate()
    if errors:
        raise SettingsError("; ".join(f"eumk option '{key}': {err}" for key, err in errors))
    return config
