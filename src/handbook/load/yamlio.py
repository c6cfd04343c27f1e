"""YAML reading that remembers line numbers, so every complaint names a line.

``read_yaml`` returns plain dicts and lists whose subclasses carry ``line``
(the line of the node) and ``lines`` (the line of each key or item).
Duplicate keys, which PyYAML silently overwrites, are collected instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from handbook.errors import FormFileError


class LineDict(dict):
    """A mapping read from YAML; ``lines[key]`` is the 1-based line of each key."""

    line: int = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int:
        """The line of ``key``, or of the mapping itself if the key is absent."""
        return self.lines.get(key, self.line)


class LineList(list):
    """A sequence read from YAML; ``lines[i]`` is the 1-based line of item ``i``."""

    line: int = 0

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


# libyaml's parser is ten times faster than the pure-Python one and keeps the marks
# (line numbers) we need; fall back when PyYAML was built without it.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc,valid-type]
    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, int, int]] = []


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in result.lines:
            loader.duplicates.append((str(key), line, result.lines[key]))
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def read_yaml(path: Path) -> tuple[Any, list[tuple[str, int, int]]]:
    """Parse ``path``; return the data and the duplicate keys ``(key, line, first_line)``.

    Raises FormFileError naming the file and line when the file cannot be read
    or is not valid YAML.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FormFileError("file-not-found", file=str(path)) from None
    except UnicodeDecodeError as exc:
        raise FormFileError(
            "yaml-not-utf8", file=str(path), line=_line_of_byte(path, exc.start)
        ) from None
    except OSError as exc:
        raise FormFileError(
            "file-unreadable", file=str(path), reason=exc.strerror or str(exc)
        ) from None
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or exc.context or "?"
        raise FormFileError("yaml-syntax", file=str(path), line=line, problem=problem) from None
    except yaml.YAMLError as exc:
        raise FormFileError("yaml-syntax", file=str(path), line=1, problem=str(exc)) from None
    finally:
        loader.dispose()
    return data, loader.duplicates


def _line_of_byte(path: Path, offset: int) -> int:
    try:
        return path.read_bytes()[:offset].count(b"\n") + 1
    except OSError:
        return 1
