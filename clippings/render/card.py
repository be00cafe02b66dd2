"""The share card: a 1200×630 PNG with the headline, the outlet and its label, for links shared
on social sites when an article has no image of its own.

Rendered with Pillow, without a browser. Deterministic: the same spec gives the same bytes (no
timestamps or metadata in the PNG), so cards are cached like any output. The font is DejaVu Sans
when the system has it (Debian's fonts-dejavu-core; wide script coverage), else Pillow's own
scalable default (Latin only); which one is part of the card's spec.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

WIDTH, HEIGHT = 1200, 630
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
# Drawn in greys (one byte a pixel: fast to draw and to compress), then coloured by a palette
# that runs from ink (0) to paper (255): antialiased text keeps its smooth edges.
INK, PAPER = (22, 34, 58), (250, 249, 246)
TEXT, MUTED, BAND, BAND_TEXT, BACKGROUND = 0, 90, 0, 255, 255
PALETTE = [round(i + (j - i) * k / 255) for k in range(256) for i, j in zip(INK, PAPER, strict=True)]

@dataclass(frozen=True)
class CardSpec:
    title: str
    outlet: str
    label: str
    site: str
    font: str  # a font file's path, or "" for Pillow's default


def card_font() -> str:
    bold = DEJAVU / "DejaVuSans-Bold.ttf"
    return str(bold) if bold.is_file() else ""


@cache
def _font(path: str, size: int):
    from PIL import ImageFont
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size=size)


def _wrap(draw, text: str, font, width: int, lines: int) -> list[str]:
    words, out, line = " ".join(text.split()).split(" "), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            out.append(line)
            line = word
    out.append(line)
    if len(out) > lines:
        out = out[:lines]
        while out[-1] and draw.textlength(out[-1] + "…", font=font) > width:
            out[-1] = out[-1][:-1]
        out[-1] = out[-1].rstrip() + "…"
    return out


def render_card(spec: CardSpec) -> bytes:
    from PIL import Image, ImageDraw  # imported here: only builds that make cards pay for it

    image = Image.new("L", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin = 72
    draw.text((margin, 56), spec.site, font=_font(spec.font, 30), fill=MUTED)
    size = 64 if len(spec.title) < 90 else 54
    headline = _font(spec.font, size)
    y = 130
    for line in _wrap(draw, spec.title, headline, WIDTH - 2 * margin, 4):
        draw.text((margin, y), line, font=headline, fill=TEXT)
        y += int(size * 1.22)
    draw.rectangle((0, HEIGHT - 130, WIDTH, HEIGHT), fill=BAND)
    band = f"{spec.outlet} — {spec.label}" if spec.outlet else spec.label[:1].upper() + spec.label[1:]
    outlet = _wrap(draw, band, _font(spec.font, 40), WIDTH - 2 * margin, 1)[0]
    draw.text((margin, HEIGHT - 92), outlet, font=_font(spec.font, 40), fill=BAND_TEXT)
    coloured = Image.frombytes("P", image.size, image.tobytes())
    coloured.putpalette(PALETTE)
    buffer = io.BytesIO()
    coloured.save(buffer, "PNG", compress_level=6)  # no metadata: the same spec, the same bytes
    return buffer.getvalue()
