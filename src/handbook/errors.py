"""The one exception hierarchy: inputs that cannot be used at all.

Problems found *in* data are not exceptions but records (see ``problems``).
Every error carries a message code and its parameters, so the command line can
render it in Chinese or English from the catalogue in ``messages``.
"""

from __future__ import annotations

from handbook.messages import render


class HandbookError(Exception):
    """Base class: an input that cannot be used. ``code`` names a catalogue entry."""

    exit_code = 2

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(self.render("en"))

    def render(self, lang: str) -> str:
        """The message in ``lang`` (``zh`` or ``en``)."""
        return render(self.code, lang, **self.params)

    def __reduce__(self) -> tuple:
        # keyword parameters survive pickling (files are checked in worker processes)
        return (_rebuild, (type(self), self.code, self.params))


def _rebuild(cls: type[HandbookError], code: str, params: dict) -> HandbookError:
    return cls(code, **params)


class FormFileError(HandbookError):
    """A form or policy file that cannot be read or parsed (names the file and line)."""

    def render(self, lang: str) -> str:
        """The message, as ``file:line: message`` when the message itself does not name the file."""
        from handbook.messages import CATALOGUE

        text = super().render(lang)
        template = CATALOGUE.get(self.code, ("", ""))[0]
        if "file" in self.params and "{file}" not in template:
            return f"{self.params['file']}:{self.params.get('line', 1)}: {text}"
        return text


class UnknownFormError(HandbookError):
    """A form id that no file in the forms folder defines."""


class InputFileError(HandbookError):
    """A register file that cannot be read: missing, binary, bad encoding, no header."""


class CalendarRangeError(HandbookError):
    """A working-day count reaches a year the holiday calendar has no announcement for."""
