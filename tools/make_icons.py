"""Draw the home-screen icons (nbnet/static/icons/icon-192.png, icon-512.png) from the shapes of
nbnet/static/favicon.svg, with Pillow: no SVG renderer needed. Run again after changing the
favicon: `python tools/make_icons.py`."""

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parents[1] / "nbnet" / "static" / "icons"
BLUE, YELLOW, WHITE = "#0b4f6c", "#fbd24c", "#ffffff"


def draw(size: int) -> Image.Image:
    """The favicon's 32-unit drawing at ``size`` pixels, drawn 4x larger and scaled down (smooth edges)."""
    big = size * 4
    unit = big / 32
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=6 * unit, fill=BLUE)
    corners = [(9 * unit, 11 * unit), (23 * unit, 11 * unit), (16 * unit, 23 * unit)]
    pen.line([*corners, corners[0]], fill=YELLOW, width=round(2.5 * unit), joint="curve")
    for x, y in corners:
        pen.ellipse((x - 4 * unit, y - 4 * unit, x + 4 * unit, y + 4 * unit), fill=WHITE)
    return image.resize((size, size), Image.LANCZOS)


if __name__ == "__main__":
    ICONS.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        draw(size).save(ICONS / f"icon-{size}.png", optimize=True)
