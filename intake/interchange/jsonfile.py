"""Reading an interchange file: bytes to JSON, with an error that says where it breaks."""

import json
import os
from pathlib import Path

from .errors import InterchangeError

__all__ = ["MAX_FILE_BYTES", "load_json"]

# A programme's catalogue with 100,000 earlier cases is about 90 MB; far beyond is a mistake.
MAX_FILE_BYTES = 256 * 1024 * 1024


def _position(raw: bytes, offset: int) -> str:
    line = raw.count(b"\n", 0, offset) + 1
    column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _reject_constant(name: str):
    # Python's json accepts NaN and Infinity; JSON does not, and no field may hold them.
    raise ValueError(f"{name} is not valid JSON")


def _no_duplicate_keys(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(
                f"the key {json.dumps(key, ensure_ascii=False)[:60]} appears twice in one object"
            )
        result[key] = value
    return result


def load_json(source: bytes | str | os.PathLike, filename: str | None = None) -> object:
    """Parse an interchange file given as bytes or as a path; raise InterchangeError if bad.

    ``filename`` names the file in messages (default: the path's name). The file must be
    UTF-8 (a leading byte-order mark is allowed, spreadsheet tools write one) and valid JSON;
    the error says at which line and column it is not. Duplicate keys in an object are an
    error too: the second would silently win otherwise.
    """
    if isinstance(source, (bytes, bytearray)):
        raw = bytes(source)
        filename = filename or "<input>"
    else:
        path = Path(source)
        filename = filename or path.name
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise InterchangeError(
                    [f"{filename}: file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"]
                )
            raw = path.read_bytes()
        except OSError as exc:
            raise InterchangeError([f"{filename}: cannot read the file ({exc.strerror})"]) from exc
    if len(raw) > MAX_FILE_BYTES:
        raise InterchangeError(
            [f"{filename}: file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InterchangeError(
            [
                f"{filename}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at "
                f"{_position(raw, exc.start)}); save the file as UTF-8"
            ]
        ) from None
    try:
        return json.loads(
            text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicate_keys
        )
    except json.JSONDecodeError as exc:
        raise InterchangeError(
            [f"{filename}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"]
        ) from None
    except RecursionError:
        raise InterchangeError([f"{filename}: invalid JSON: nested too deeply"]) from None
    except ValueError as exc:  # our hooks, and integers too long to convert
        raise InterchangeError([f"{filename}: invalid JSON: {exc}"]) from None
