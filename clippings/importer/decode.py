"""Bytes to text: UTF-8 and BOM-marked encodings first, then detection (charset-normalizer)."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


class DecodeError(ValueError):
    pass


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises DecodeError for empty or binary input."""
    if not data.strip():
        raise DecodeError("input is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:  # a BOM followed by something else: not that encoding
                raise DecodeError(f"starts with a {encoding.split('-sig')[0].upper()} byte-order mark "
                                  f"but is not valid {encoding.split('-sig')[0].upper()} (byte {exc.start})") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise DecodeError("input looks binary, not text")
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("cannot tell the text encoding (is this a binary file?)")
    text = str(best)
    if _control_ratio(text) > 0.01:
        raise DecodeError("input looks binary, not text")
    return text, best.encoding


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bad / max(1, len(sample))
