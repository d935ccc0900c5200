"""Write home/data/region.json, the country outlines the site's maps are drawn on (home/maps.py).

Source: Natural Earth 1:50m Admin 0 countries, version 4.1.0 (public domain,
https://www.naturalearthdata.com/about/terms-of-use/), as TopoJSON in the npm package
``world-atlas`` 2.0.2 (ISC). The raw download is not kept in the repository; to rebuild::

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python tools/make_map_data.py /tmp/package/countries-50m.json /tmp/package/countries-10m.json

The 1:10m outlines of the Baltic states are kept too, in finer detail, for close-up maps: a
twin-city page shows Valka and Valga on either side of the border (at 1:50m both fall in
Latvia).

The outlines are projected with ``home.maps.project`` (Lambert conformal conic), cut to the
frame around the network's countries, simplified (Douglas-Peucker) and rounded to whole
kilometres: about 40 kB, read once per process.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from home.maps import clip_ring, project  # noqa: E402

# ISO numeric (Natural Earth via world-atlas) -> ISO alpha-2, and whether the country is one of
# the network's (drawn in colour) or a neighbour drawn in grey for context.
COUNTRIES = {
    "428": ("LV", True),
    "440": ("LT", True),
    "233": ("EE", True),
    "246": ("FI", True),
    "248": ("AX", True),  # Åland, with Finland
    "752": ("SE", True),
    "578": ("NO", True),
    "208": ("DK", True),
    "352": ("IS", True),
    "616": ("PL", False),
    "112": ("BY", False),
    "643": ("RU", False),
    "276": ("DE", False),
    "234": ("FO", False),  # the Faroe Islands, between Iceland and Norway
}
# The frame, in projected km (x0, y0, x1, y1): Reykjavík's west to beyond the Russian border,
# the North Cape to the south of Lithuania (see home.maps.project), and a rough box in degrees
# to skip the rest of the world before projecting.
FRAME = (-1880, -1240, 1000, 830)
WEST, EAST, SOUTH, NORTH = -30.0, 40.0, 50.0, 72.0
TOLERANCE_KM = 1.6  # simplification: invisible at the directory map's size
DETAIL_TOLERANCE_KM = 0.25  # close-ups: a twin-city pair's region is some 150 km wide
DETAILED = {"LV", "EE", "LT"}
MIN_AREA_KM2 = 60.0  # smaller islands are left out


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative (Norway's coast is long)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, at = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            # A closed ring starts and ends at the same point: distance to that point.
            distance = abs(dy * (x - x1) - dx * (y - y1)) / length if length else math.hypot(x - x1, y - y1)
            if distance > worst:
                worst, at = distance, i
        if at is not None and worst > tolerance:
            keep[at] = True
            stack += [(first, at), (at, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def area(points) -> float:
    return (
        abs(
            sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))
        )
        / 2
    )


def outlines(source: str, tolerance: float, only: set[str] | None = None) -> dict:
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    countries = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") not in COUNTRIES:
            continue
        code, member = COUNTRIES[geometry["id"]]
        if only is not None and code not in only:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = []
        for polygon in polygons:
            for ring in polygon:  # holes are drawn as rings too (even-odd fill)
                lonlat = ring_points(ring, arcs)
                if not any(SOUTH < lat < NORTH and WEST < lon < EAST for lon, lat in lonlat):
                    continue
                if max(lat for _lon, lat in lonlat) > 74:  # Svalbard, Novaya Zemlya
                    continue
                projected = clip_ring([project(lat, lon) for lon, lat in lonlat], FRAME)
                if len(projected) < 3 or area(projected) < MIN_AREA_KM2:
                    continue
                simple = simplify(projected + projected[:1], tolerance)[:-1]
                digits = 1 if tolerance < 1 else None
                flat: list[float] = []
                last = None
                for x, y in simple:
                    point = (round(x, digits), round(y, digits))
                    if point != last:
                        flat += point
                        last = point
                if len(flat) >= 6:
                    rings.append(flat)
        if rings:
            entry = countries.setdefault(code, {"member": member, "rings": []})
            entry["rings"] += rings
    return countries


def main(source: str, detailed: str) -> None:
    countries = outlines(source, TOLERANCE_KM)
    detail = outlines(detailed, DETAIL_TOLERANCE_KM, DETAILED)
    for code, entry in detail.items():
        countries[code]["detail"] = entry["rings"]
    data = {
        "source": "Natural Earth 1:50m Admin 0 countries 4.1.0 (public domain), via npm world-atlas 2.0.2; "
        "projected, cut and simplified by tools/make_map_data.py",
        "licence": "Public domain (https://www.naturalearthdata.com/about/terms-of-use/)",
        "units": "km, Lambert conformal conic (home.maps.project); y grows southwards",
        "frame": list(FRAME),
        "countries": countries,
    }
    target = ROOT / "home" / "data" / "region.json"
    target.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    points = sum(
        len(ring) // 2 for entry in countries.values() for ring in entry["rings"] + entry.get("detail", [])
    )
    size = target.stat().st_size
    print(f"{target.relative_to(ROOT)}: {size} bytes, {len(countries)} countries, {points} points")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: tools/make_map_data.py path/to/countries-50m.json path/to/countries-10m.json")
    main(sys.argv[1], sys.argv[2])
