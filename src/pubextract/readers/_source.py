"""Getting a page's text: from a file, stdin or a URL, and from bytes to str.

Decoding never drops bytes silently: a BOM first, then UTF-16 without a BOM
(told by its NUL bytes), binary content refused, then strict UTF-8, then the
``<meta charset>`` label read as browsers read it, then charset-normalizer's
detection; bytes that still do not decode are replaced with U+FFFD and counted
in a warning.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import regex

from .._rx import Lazy
from ..errors import DecodeError, InputError

#: Pages larger than this are refused rather than parsed for minutes.
MAX_BYTES = 64 * 1024 * 1024
URL_TIMEOUT = 20.0
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)
#: Labels pages declare, read as browsers read them (WHATWG Encoding Standard): the
#: declared Latin-1 is really windows-1252, Shift_JIS really Microsoft's cp932...
_BROWSER_ENCODING = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252", "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932",
    "x-sjis": "cp932", "gb2312": "gb18030", "gbk": "gb18030", "euc-kr": "cp949", "tis-620": "cp874",
}
_META_CHARSET = Lazy(rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", regex.I)


@dataclass(frozen=True, slots=True)
class PageText:
    text: str
    path: str | None
    encoding: str
    warnings: tuple[str, ...] = ()


def decode(data: bytes, path: str | None = None) -> PageText:
    """Bytes to text, choosing the encoding as described in the module docstring."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with(data, encoding, path)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode_with(data, utf16, path)
    if _looks_binary(data):
        raise DecodeError(f"{path or 'input'}: not a text file (binary content)")
    try:
        return PageText(data.decode("utf-8"), path, "utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        name = _BROWSER_ENCODING.get(name, name)
        try:
            return _decode_with(data, name, path)
        except LookupError:
            pass
    from charset_normalizer import from_bytes  # imported late: it is slow to import

    best = from_bytes(data[:200_000]).best()
    if best is not None:
        return _decode_with(data, best.encoding, path)
    return _decode_with(data, "utf-8", path)


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte of the start is NUL (ASCII text in UTF-16)."""
    sample = data[:4096]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    return b"\x00" in sample and sample.count(b"\x00") > len(sample) // 100


def _decode_with(data: bytes, encoding: str, path: str | None) -> PageText:
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    warnings: tuple[str, ...] = ()
    if bad > 0:
        warnings = (f"{path or 'input'}: {bad} undecodable byte sequence(s) replaced with U+FFFD "
                    f"(decoded as {encoding})",)
    return PageText(text, path, encoding, warnings)


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def fetch(url: str, timeout: float = URL_TIMEOUT) -> bytes:
    import urllib.error  # imported late: urllib.request pulls in ssl, http and email
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "pubextract"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) only)
            data: bytes = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as err:
        raise InputError(f"{url}: cannot fetch (HTTP {err.code} {err.reason})") from err
    except (urllib.error.URLError, OSError, ValueError) as err:
        reason = getattr(err, "reason", err)
        raise InputError(f"{url}: cannot fetch ({reason})") from err
    return data


def load_bytes(source: str) -> bytes:
    """The raw bytes of a path, ``-`` (stdin) or an http(s) URL."""
    if source == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    elif is_url(source):
        data = fetch(source)
    else:
        path = Path(source)
        try:
            if path.is_dir():
                raise InputError(f"{source}: is a directory")
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except FileNotFoundError as err:
            raise InputError(f"{source}: no such file") from err
        except PermissionError as err:
            raise InputError(f"{source}: permission denied") from err
        except IsADirectoryError as err:
            raise InputError(f"{source}: is a directory") from err
        except OSError as err:
            raise InputError(f"{source}: cannot read ({err.strerror or err})") from err
    if len(data) > MAX_BYTES:
        raise InputError(f"{source}: larger than {MAX_BYTES // (1024 * 1024)} MiB")
    return data


def load_text(source: str) -> PageText:
    name = None if source == "-" else source
    return decode(load_bytes(source), name)
