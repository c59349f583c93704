"""Typed errors. Every message starts with the file name and says what to do."""

from __future__ import annotations

from .models import Reason


class DocketError(Exception):
    """Base of every error docket raises on purpose."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C, with the one line to print: what was saved and how to finish (exit status 130)."""


class ExtractionError(DocketError):
    """A file could not be read: bad input, not a docket bug."""

    reason: Reason = Reason.CORRUPT

    def __init__(self, path: str, message: str, reason: Reason | None = None):
        self.path = str(path)
        self.message = message
        if reason is not None:
            self.reason = reason
        super().__init__(f"{self.path}: {message}")


class EncryptedError(ExtractionError):
    reason = Reason.ENCRYPTED


class CorruptFileError(ExtractionError):
    reason = Reason.CORRUPT


class EmptyDocumentError(ExtractionError):
    reason = Reason.EMPTY


class ScannedDocumentError(ExtractionError):
    reason = Reason.SCANNED_NO_TEXT


class UnsupportedFormatError(ExtractionError):
    reason = Reason.UNSUPPORTED_FORMAT


class MislabelledFileError(ExtractionError):
    reason = Reason.MISLABELLED


class TooLargeError(ExtractionError):
    reason = Reason.TOO_LARGE


class ConfigError(DocketError):
    """A configuration file is wrong; names the file, and the row/key when known."""

    def __init__(self, path: str, message: str, key: str | None = None):
        self.path, self.key, self.message = str(path), key, message
        where = f"{self.path}" + (f" ({key})" if key else "")
        super().__init__(f"{where}: {message}")
