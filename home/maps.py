"""Maps of the network drawn on the server as SVG: no tile server, no script, no third party.

The country outlines are Natural Earth's (public domain), projected, cut and simplified once
by ``tools/make_map_data.py`` into ``home/data/region.json`` (about 40 kB, in kilometres of a
Lambert conformal conic projection centred on the Baltic Sea). A map is a frame (the whole
region, or the box around its points), the outlines cut to that frame (cached per frame), and
points for cities (a link and a label each) with lines between them: twin cities, a practice
and the cities that adopted it. Cities carry their latitude and longitude
(``network.City``); the same points are also given as a list by country
(``home/templates/home/includes/map.html``), the map's text alternative.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

REGION_FILE = Path(__file__).resolve().parent / "data" / "region.json"

# Lambert conformal conic: standard parallels 56° and 66°, origin 61° N 15° E, in kilometres.
_R = 6371.0
_PHI1, _PHI2, _PHI0, _LAMBDA0 = (math.radians(v) for v in (56.0, 66.0, 61.0, 15.0))
_N = math.log(math.cos(_PHI1) / math.cos(_PHI2)) / math.log(
    math.tan(math.pi / 4 + _PHI2 / 2) / math.tan(math.pi / 4 + _PHI1 / 2)
)
_F = math.cos(_PHI1) * math.tan(math.pi / 4 + _PHI1 / 2) ** _N / _N
_RHO0 = _R * _F / math.tan(math.pi / 4 + _PHI0 / 2) ** _N


def project(lat: float, lon: float) -> tuple[float, float]:
    """Kilometres east and *south* of 61° N 15° E (SVG's y grows downwards)."""
    rho = _R * _F / math.tan(math.pi / 4 + math.radians(lat) / 2) ** _N
    theta = _N * (math.radians(lon) - _LAMBDA0)
    return rho * math.sin(theta), -(_RHO0 - rho * math.cos(theta))


def clip_ring(points: list[tuple[float, float]], box: tuple[float, float, float, float]):
    """The part of a closed ring inside ``box`` (x0, y0, x1, y1): Sutherland-Hodgman, which
    keeps a polygon closed along the box's edges (drawn outside the visible frame)."""
    x0, y0, x1, y1 = box
    edges = (
        (lambda p: p[0] >= x0, lambda a, b: _at_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _at_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _at_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _at_y(a, b, y1)),
    )
    for inside, cross in edges:
        if not points:
            break
        kept = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    kept.append(cross(previous, point))
                kept.append(point)
            elif inside(previous):
                kept.append(cross(previous, point))
            previous = point
        points = kept
    return points


def _at_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _at_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


@functools.cache
def region() -> dict:
    """The outlines as tuples of points per country, read once per process."""
    data = json.loads(REGION_FILE.read_text())

    def rings(flat_rings: list) -> list:
        return [list(zip(ring[::2], ring[1::2], strict=True)) for ring in flat_rings]

    countries = {
        code: (entry["member"], rings(entry["rings"]), rings(entry.get("detail") or entry["rings"]))
        for code, entry in data["countries"].items()
    }
    return {"frame": tuple(data["frame"]), "countries": countries}


DETAIL_BELOW_KM = 700  # frames narrower than this use the 1:10m outlines where there are some


def _simplify(points: list, tolerance: float) -> list:
    """Radial distance simplification: cheap, and enough below the stored detail."""
    if tolerance <= 1:
        return points
    kept = [points[0]]
    for x, y in points[1:]:
        last_x, last_y = kept[-1]
        if abs(x - last_x) + abs(y - last_y) >= tolerance:
            kept.append((x, y))
    return kept


def _ring_path(points: list, scale: float) -> str:
    """A closed path in relative moves, numbers rounded to the frame's precision: the smallest
    text for the browser to draw."""
    digits = 0 if scale >= 1 else 1
    rounded = [(round(x, digits), round(y, digits)) for x, y in points]
    first_x, first_y = rounded[0]
    parts = [f"M{_num(first_x)} {_num(first_y)}l"]
    last_x, last_y = first_x, first_y
    moves = []
    for x, y in rounded[1:]:
        dx, dy = round(x - last_x, digits), round(y - last_y, digits)
        if dx or dy:
            moves.append(f"{_num(dx)} {_num(dy)}")
            last_x, last_y = x, y
    return parts[0] + " ".join(moves) + "z" if moves else ""


def _num(value: float) -> str:
    text = f"{value:g}" if value != int(value) else str(int(value))
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


@functools.lru_cache(maxsize=64)
def outlines(frame: tuple[float, float, float, float]) -> tuple[SafeString, tuple]:
    """The countries' outlines cut to ``frame`` (x0, y0, x1, y1, km), as SVG paths (members of
    the network in one class, their neighbours in another), and where to write the name of each
    member country that fills enough of the frame: ``((code, x, y), …)``. Cached per frame (a
    directory has one frame, each twin-city page its own)."""
    x0, y0, x1, y1 = frame
    width = x1 - x0
    # Cut a little outside the frame so that the cut edges fall outside the drawing.
    margin = width * 0.02
    box = (x0 - margin, y0 - margin, x1 + margin, y1 + margin)
    km_per_pixel = width / 640  # the widest a map is drawn (site.css)
    paths = []
    names = []
    for code, (member, rings, detail) in sorted(region()["countries"].items(), key=lambda item: item[1][0]):
        parts = []
        largest = (0.0, None)
        for ring in detail if width < DETAIL_BELOW_KM else rings:
            xs = [x for x, _y in ring]
            ys = [y for _x, y in ring]
            if max(xs) < box[0] or min(xs) > box[2] or max(ys) < box[1] or min(ys) > box[3]:
                continue
            if max(xs) - min(xs) < km_per_pixel * 1.5 and max(ys) - min(ys) < km_per_pixel * 1.5:
                continue  # an islet smaller than a dot
            cut = clip_ring(_simplify(ring, km_per_pixel * 1.2), box)
            if len(cut) >= 3:
                path = _ring_path(cut, km_per_pixel)
                if path:
                    parts.append(path)
                    area, centre = _area_centre(cut)
                    if area > largest[0]:
                        largest = (area, centre)
        if parts:
            css = "map-country" if member else "map-neighbour"
            paths.append(f'<path class="{css} map-{code.lower()}" d="{"".join(parts)}"/>')
        area, centre = largest
        if member and centre and area > 0.08 * width * (y1 - y0):
            names.append((code, _num(round(centre[0], 1)), _num(round(centre[1], 1))))
    return mark_safe("".join(paths)), tuple(names)  # noqa: S308 - numbers and fixed class names only


def _area_centre(points: list) -> tuple[float, tuple[float, float] | None]:
    """The area of a ring and its centroid."""
    twice_area = cx = cy = 0.0
    for (xa, ya), (xb, yb) in zip(points, points[1:] + points[:1], strict=True):
        cross = xa * yb - xb * ya
        twice_area += cross
        cx += (xa + xb) * cross
        cy += (ya + yb) * cross
    if not twice_area:
        return 0.0, None
    return abs(twice_area) / 2, (cx / (3 * twice_area), cy / (3 * twice_area))


@dataclass
class Point:
    """A city on a map: where, what it is called, where its link leads and what it counts."""

    key: str  # the city's slug
    label: str
    country: str  # ISO code
    country_name: str
    lat: float
    lon: float
    url: str = ""
    counts: list[str] = field(default_factory=list)
    current: bool = False  # the place the page is about (a practice's home, a chosen town)
    x: float = 0.0
    y: float = 0.0

    @property
    def description(self) -> str:
        return f"{self.label}: {', '.join(self.counts)}" if self.counts else self.label


@dataclass
class Line:
    start: str  # city slugs
    end: str
    kind: str = "twin"  # or "adoption"


@dataclass
class Map:
    """What the template draws: the SVG (frame, outlines, lines, points) and the same points as
    a list by country, its text alternative."""

    dom_id: str
    title: str
    view_box: str
    outlines: SafeString
    country_names: list[tuple[str, str, str]]  # (name, x, y) on close-ups
    points: list[Point]
    lines: list[tuple[Point, Point, str]]
    labels: list[dict]
    radius: float
    font_size: float
    halo: float  # the white outline of the labels: text ignores non-scaling strokes
    by_country: list[tuple[str, list[Point]]]


MIN_ZOOM_KM = (120.0, 90.0)  # the smallest frame: a twin-city pair still shows its region
NAMED_BELOW_KM = 1000  # close-ups name the countries; the whole region is known by its shape
ASPECT = 4 / 3


def frame_for(points: list[Point], zoom: bool) -> tuple[float, float, float, float]:
    full = region()["frame"]
    if not zoom or not points:
        return full
    xs = [point.x for point in points]
    ys = [point.y for point in points]
    width = max((max(xs) - min(xs)) * 1.35, MIN_ZOOM_KM[0])
    height = max((max(ys) - min(ys)) * 1.35, MIN_ZOOM_KM[1])
    if width / height < ASPECT:
        width = height * ASPECT
    else:
        height = width / ASPECT
    centre_x, centre_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    # Rounded, so that maps of nearby places share their cached outlines.
    step = 10 if width < 1000 else 50
    width, height = math.ceil(width / step) * step, math.ceil(height / step) * step
    x0 = round((centre_x - width / 2) / step) * step
    y0 = round((centre_y - height / 2) / step) * step
    # Inside the region's frame: the outlines stop at its edges.
    if width >= full[2] - full[0] or height >= full[3] - full[1]:
        return full
    x0 = min(max(x0, full[0]), full[2] - width)
    y0 = min(max(y0, full[1]), full[3] - height)
    return (x0, y0, x0 + width, y0 + height)


def _place_labels(points: list[Point], radius: float, font_size: float, frame: tuple) -> list[dict]:
    """Each label right of its point, or left, above or below when that would cover another
    label or point or leave the frame; left out (the point keeps its title and the list) when
    nowhere fits."""
    taken = [(p.x - radius, p.y - radius, p.x + radius, p.y + radius) for p in points]
    labels = []
    gap = radius * 1.6
    for point in sorted(points, key=lambda p: (not p.current, p.x)):
        width = len(point.label) * font_size * 0.56
        height = font_size
        options = (
            ("start", point.x + gap, point.y + height * 0.35, point.x + gap, point.y - height / 2),
            ("end", point.x - gap, point.y + height * 0.35, point.x - gap - width, point.y - height / 2),
            ("middle", point.x, point.y - gap, point.x - width / 2, point.y - gap - height),
            ("middle", point.x, point.y + gap + height * 0.8, point.x - width / 2, point.y + gap),
        )
        for anchor, text_x, text_y, left, top in options:
            box = (left, top, left + width, top + height)
            outside = box[0] < frame[0] or box[1] < frame[1] or box[2] > frame[2] or box[3] > frame[3]
            if not outside and not any(
                box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]
                for other in taken
            ):
                taken.append(box)
                labels.append(
                    {
                        "key": point.key,
                        "anchor": anchor,
                        "x": _num(round(text_x, 1)),
                        "y": _num(round(text_y, 1)),
                    }
                )
                break
    return labels


def build_map(
    dom_id: str,
    title: str,
    points: list[Point],
    lines: list[Line] = (),
    zoom: bool = False,
    country_names: dict[str, str] | None = None,
) -> Map:
    """A map of ``points`` (cities with coordinates) and ``lines`` between them; ``zoom`` frames
    the points (a twin-city pair, a practice and its adopters) instead of the whole region.
    Close-ups name the countries (``country_names``, by ISO code)."""
    for point in points:
        point.x, point.y = project(point.lat, point.lon)
    frame = frame_for(points, zoom)
    x0, y0, x1, y1 = frame
    width = x1 - x0
    radius = round(width / 150, 1)
    font_size = round(width / 48, 1)
    by_key = {point.key: point for point in points}
    drawn_lines = [
        (by_key[line.start], by_key[line.end], line.kind)
        for line in lines
        if line.start in by_key and line.end in by_key and line.start != line.end
    ]
    for point in points:
        point.x, point.y = round(point.x, 1), round(point.y, 1)
    countries: dict[str, list[Point]] = {}
    for point in sorted(points, key=lambda p: (p.country_name.casefold(), p.label.casefold())):
        countries.setdefault(point.country_name, []).append(point)
    labels = _place_labels(points, radius, font_size, frame)
    label_of = {label["key"]: label for label in labels}
    paths, named = outlines(frame)
    names = (country_names or {}) if width < NAMED_BELOW_KM else {}
    return Map(
        dom_id=dom_id,
        title=title,
        view_box=f"{_num(x0)} {_num(y0)} {_num(width)} {_num(y1 - y0)}",
        outlines=paths,
        country_names=[
            # Kept inside the frame: the centre of a country cut by the frame may lie near an edge.
            (names[code], x, _num(round(min(max(float(y), y0 + font_size * 1.5), y1 - font_size * 0.5), 1)))
            for code, x, y in named
            if code in names
        ],
        points=[(point, label_of.get(point.key)) for point in points],
        lines=drawn_lines,
        labels=labels,
        radius=radius,
        font_size=font_size,
        halo=round(font_size * 0.22, 2),
        by_country=list(countries.items()),
    )


def point_link(point: Point) -> SafeString:
    return format_html('<a href="{}">{}</a>', point.url, point.label) if point.url else point.label


# --- What the maps show: places, counts and pairs, each kept until what it reads changes ------


def places() -> dict[str, tuple[float, float, str]]:
    """``{city slug: (latitude, longitude, country code)}`` for every city with coordinates. They
    are synchronised to every translation of a city: the default language's rows are read."""
    from django.conf import settings

    from nbnet.page_cache import fragment, kind_tag
    from network.models import City, Country

    def build() -> dict:
        rows = (
            City.objects.filter(
                locale__language_code=settings.LANGUAGE_CODE, latitude__isnull=False, longitude__isnull=False
            )
            .order_by()
            .values_list("slug", "latitude", "longitude", "country__code")
        )
        return {slug: (float(lat), float(lon), code) for slug, lat, lon, code in rows}

    return fragment("map-places", build, depends=(kind_tag(City), kind_tag(Country)))


def city_counts(locale_id: int, kinds=("people", "practices", "help")) -> dict[str, dict[str, int]]:
    """``{city slug: {"people": n, "practices": n, "help": n}}`` for the ``kinds`` asked for:
    published practitioners and good practices in this language, and help points (each once,
    in whichever language). One fragment per kind, renewed with that kind only: a help-point
    map is not drawn again when a practitioner is published."""
    counts: dict[str, dict[str, int]] = {}
    for kind in kinds:
        for slug, n in _counts_of(kind, locale_id).items():
            counts.setdefault(slug, {})[kind] = n
    return counts


def _counts_of(kind: str, locale_id: int) -> dict[str, int]:
    from django.db.models import Count

    from guides.models import HelpPoint
    from nbnet.page_cache import fragment, kind_tag, list_tag
    from network.models import City, PractitionerPage
    from practices.models import PracticePage

    model = {"people": PractitionerPage, "practices": PracticePage, "help": HelpPoint}[kind]

    def build() -> dict[str, int]:
        if model is HelpPoint:
            rows = model.objects.values_list("city__slug").annotate(n=Count("translation_key", distinct=True))
        else:
            rows = (
                model.objects.live()
                .public()
                .filter(locale_id=locale_id, city__isnull=False)
                .values_list("city__slug")
                .annotate(n=Count("pk"))
            )
        return dict(rows.order_by())

    name = f"map-city-counts:{kind}:{'' if model is HelpPoint else locale_id}"
    # Counted by city: renewed when a record's city or publication changes (its list tag), not
    # with every publish (a new title, a new photo).
    return fragment(name, build, depends=(list_tag(model), kind_tag(City)))


def twin_pairs(locale_id: int) -> list[tuple[str, list[str]]]:
    """``[(title, [city slugs])]`` of the published twin-city pages in this language."""
    from nbnet.page_cache import TREE, fragment, kind_tag
    from network.models import City, TwinningPage

    def build() -> list:
        pages = TwinningPage.objects.live().public().filter(locale_id=locale_id)
        rows = (
            TwinningPage.cities.through.objects.filter(twinningpage__in=pages)
            .order_by("twinningpage__title", "city__slug")
            .values_list("twinningpage__title", "city__slug")
        )
        pairs: dict[str, list[str]] = {}
        for title, slug in rows:
            pairs.setdefault(title, []).append(slug)
        return list(pairs.items())

    return fragment(f"map-twins:{locale_id}", build, depends=(TREE, kind_tag(TwinningPage), kind_tag(City)))


def section_url(model_label: str) -> str:
    """The URL of the active language's directory (or another section's index), for links from
    the points of a map on another page."""
    from django.apps import apps
    from wagtail.models import Locale

    from nbnet.page_cache import TREE, fragment

    active = Locale.get_active()
    model = apps.get_model(model_label)

    def build() -> str:
        page = model.objects.live().filter(locale=active).first() or model.objects.live().first()
        return page.url if page else ""

    return fragment(f"map-section:{model_label}:{active.pk}", build, depends=(TREE,))


def render(name_parts, build_map_args: dict) -> SafeString:
    """The map's HTML (``home/includes/map.html``), kept under a name made of everything it
    shows: the same points, lines and labels in the same language are drawn once."""
    import hashlib

    from django.template.loader import render_to_string
    from django.utils import translation

    from nbnet.page_cache import fragment, kind_tag
    from network.localize import term_names
    from network.models import City, Country

    build_map_args = {**build_map_args, "country_names": term_names(Country)}
    digest = hashlib.sha256(repr((name_parts, build_map_args)).encode()).hexdigest()[:24]

    def draw() -> str:
        return render_to_string("home/includes/map.html", {"map": build_map(**build_map_args)})

    depends = (kind_tag(City), kind_tag(Country))
    html = fragment(f"map:{translation.get_language()}:{digest}", draw, depends=depends)
    return mark_safe(html)  # noqa: S308 - rendered by the template, escaped there
