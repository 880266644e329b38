"""Link-preview cards: an SVG card per market and stall (name, place, category icon), drawn to a 1200x630 PNG
by Debian's rsvg-convert (librsvg2-bin; Python's standard library cannot draw text).

Cost, measured: one rsvg-convert process per card takes ~60 ms of CPU and ~0.3 s of wall time on a loaded
2-core machine (most of it starting up and loading fonts), so cards exist per market and per stall only
(14 + 139 for the pilot catalogue); a product page shows its stall's card. A card is drawn again only when
its SVG text changed: the SVG is kept beside the PNG and compared first, so a rebuild or a restart draws
nothing, and a price change never changes a card (cards hold no prices).
"""

import concurrent.futures
import os
import shutil
import subprocess
import threading

CARD_WIDTH_PX = 1200
CARD_HEIGHT_PX = 630
MAX_NAME_CHARS = 34
PARALLEL_DRAWS = 2

# Category icons: simple shapes, so no emoji font is needed. (fill, shape path in a 200x200 box)
ICONS = {
    "sayur": ("#2e7d32", "M40 160 C40 70 120 30 165 40 C170 110 120 160 40 160 Z M40 160 L120 80"),
    "bumbu": ("#c62828", "M100 30 C130 60 150 110 120 165 C110 180 90 180 80 165 C50 110 70 60 100 30 Z"),
    "ikan": ("#1565c0", "M30 100 C70 50 130 50 160 100 C130 150 70 150 30 100 Z M160 100 L190 70 L190 130 Z"),
    "seafood": ("#ef6c00", "M100 40 C150 40 170 90 150 130 C130 170 70 170 50 130 C30 90 50 40 100 40 Z"),
    "ikan_asin": ("#8d6e63", "M30 100 C70 60 130 60 160 100 C130 140 70 140 30 100 Z M160 100 L185 80 L185 120 Z"),
    "daging_ayam": ("#ad1457", "M60 60 C100 20 170 50 150 110 C135 150 90 150 75 130 L45 165 L35 155 L65 120 "
                    "C45 105 40 80 60 60 Z"),
    "telur": ("#f9a825", "M100 30 C140 30 160 100 160 125 C160 160 135 180 100 180 C65 180 40 160 40 125 "
              "C40 100 60 30 100 30 Z"),
    "tahu_tempe": ("#a1887f", "M40 60 L160 60 L160 150 L40 150 Z"),
    "sembako": ("#6d4c41", "M50 50 L150 50 L165 170 L35 170 Z M70 50 L70 35 L130 35 L130 50"),
    "buah": ("#e65100", "M100 55 C150 55 170 100 160 135 C150 170 115 180 100 170 C85 180 50 170 40 135 "
             "C30 100 50 55 100 55 Z M100 55 L110 25"),
}
DEFAULT_ICON = ("#167042", "M40 70 L160 70 L150 170 L50 170 Z M70 70 C70 30 130 30 130 70")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def card_svg(title: str, subtitle: str, footer: str, category: str) -> str:
    """The card's SVG text: deterministic, so equal text means an equal PNG."""
    fill, shape = ICONS.get(category, DEFAULT_ICON)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 1200 630">'
        '<rect width="1200" height="630" fill="#167042"/>'
        '<rect x="36" y="36" width="1128" height="558" rx="40" fill="#fffdf5"/>'
        '<circle cx="220" cy="300" r="130" fill="#eef5ea"/>'
        '<g transform="translate(120 200)"><path d="%s" fill="%s" stroke="%s" stroke-width="8" '
        'stroke-linejoin="round"/></g>'
        '<text x="400" y="280" font-family="Noto Sans" font-weight="700" font-size="60" fill="#1f2421">%s</text>'
        '<text x="400" y="360" font-family="Noto Sans" font-size="38" fill="#4a514c">%s</text>'
        '<text x="400" y="530" font-family="Noto Sans" font-weight="700" font-size="36" fill="#167042">%s</text>'
        '</svg>\n' % (CARD_WIDTH_PX, CARD_HEIGHT_PX, shape, fill, fill, _escape(_shorten(title, MAX_NAME_CHARS)),
                      _escape(_shorten(subtitle, 48)), _escape(footer)))


def find_rsvg():
    return shutil.which("rsvg-convert")


def draw_cards(cards: dict, out_dir: str, skip_dirs=()) -> list:
    """Writes out_dir/<rel>.png (+ .svg beside it) for each {rel png path: svg text} whose SVG changed.

    A card whose identical SVG already sits in one of skip_dirs (the build output, seen from serve.py) is
    not drawn again. Returns the relative paths drawn. Raises RuntimeError when rsvg-convert is missing.
    """
    todo = []
    for rel, svg in sorted(cards.items()):
        svg_rel = rel[:-4] + ".svg"
        current = False
        for folder in (out_dir,) + tuple(skip_dirs):
            try:
                with open(os.path.join(folder, svg_rel), encoding="utf-8") as f:
                    current = f.read() == svg and os.path.exists(os.path.join(folder, rel))
            except OSError:
                continue
            if current:
                break
        if not current:
            todo.append((rel, svg))
    if not todo:
        return []
    rsvg = find_rsvg()
    if rsvg is None:
        raise RuntimeError("rsvg-convert is missing (Debian package librsvg2-bin; tools/setup.sh installs it)")
    lock = threading.Lock()

    def draw(item):
        rel, svg = item
        png_path = os.path.join(out_dir, rel)
        os.makedirs(os.path.dirname(png_path), exist_ok=True)
        tmp = "%s.tmp%d" % (png_path, threading.get_ident())
        subprocess.run([rsvg, "-w", str(CARD_WIDTH_PX), "-h", str(CARD_HEIGHT_PX), "-o", tmp],
                       input=svg.encode("utf-8"), check=True, capture_output=True)
        os.replace(tmp, png_path)
        svg_path = png_path[:-4] + ".svg"
        with lock, open(svg_path + ".tmp", "w", encoding="utf-8") as f:
            f.write(svg)
        os.replace(svg_path + ".tmp", svg_path)
        return rel

    with concurrent.futures.ThreadPoolExecutor(PARALLEL_DRAWS) as pool:
        return list(pool.map(draw, todo))
