"""The map and the chart, drawn on the server as inline SVG (no tiles, no scripts, no
network): municipalities with experiments as dots placed by the reference coordinates on
a faint outline of all municipalities, and outcomes per arm by direction."""

from __future__ import annotations

import math

from datasette import hookimpl
from datasette.utils.asgi import Response

from ingest.publish.labels import LABELS, figure, label

# The Netherlands in lon/lat, drawn in an equirectangular projection scaled at 52.2°N.
LON0, LON1, LAT0, LAT1 = 3.2, 7.3, 50.7, 53.6
MAP_HEIGHT = 600
KX = math.cos(math.radians(52.2))
SCALE = MAP_HEIGHT / (LAT1 - LAT0)
MAP_WIDTH = round((LON1 - LON0) * KX * SCALE)
ARM_ORDER = ["exemption", "intensive_guidance", "earnings_disregard", "free_choice", "combined", None]
DIRECTIONS = ["up", "none", "down", "mixed", None]
BAR_WIDTH = 560
LABEL_HEIGHT, CHAR_WIDTH = 13, 7.6  # a map label at font-size 13px (static/site.css), generously


def project(lat: float, lon: float) -> tuple[float, float]:
    return round((lon - LON0) * KX * SCALE, 1), round((LAT1 - lat) * SCALE, 1)


async def map_page(datasette, request):
    db = datasette.get_database()
    outline = [project(r["lat"], r["lon"]) for r in await db.execute(
        "select lat, lon from municipalities where valid_to is null and lat is not null")]
    places = []
    for r in await db.execute(
            "select m.cbs_code, m.name, m.province, m.lat, m.lon, "
            "(select count(*) from outcomes o where o.municipality_code = m.cbs_code) as outcomes, "
            "(select count(distinct document_id) from municipality_mentions x where x.municipality_code = m.cbs_code) as documents, "
            "(select group_concat(name, ' · ') from (select distinct name from experiments e "
            "  where e.municipality_code = m.cbs_code order by name)) as experiments "
            "from municipalities m where m.lat is not null and m.cbs_code in "
            "(select municipality_code from experiments union select municipality_code from outcomes) "
            "order by m.name"):
        x, y = project(r["lat"], r["lon"])
        places.append({**dict(r), "x": x, "y": y, "r": round(min(18.0, 5 + 1.6 * math.sqrt(r["outcomes"])), 1)})
    place_labels(places)
    context = {"outline": outline, "places": places, "width": MAP_WIDTH, "height": MAP_HEIGHT}
    return Response.html(await datasette.render_template("map.html", context, request=request))


def place_labels(places: list[dict]) -> None:
    """A spot for each name beside its dot (right, left, above, below: the first that
    overlaps no other name or dot), so neighbours such as Utrecht and Zeist stay readable.
    Sets label_x, label_y and anchor (SVG text-anchor) on every place."""
    def box(anchor, x, y, width):
        x0 = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
        return x0, y - LABEL_HEIGHT + 3, x0 + width, y + 3

    def free(b, boxes):
        return b[0] >= -10 and b[2] <= MAP_WIDTH + 130 and not any(
            b[0] < o[2] and o[0] < b[2] and b[1] < o[3] and o[1] < b[3] for o in boxes)

    dots = {id(p): (p["x"] - p["r"], p["y"] - p["r"], p["x"] + p["r"], p["y"] + p["r"]) for p in places}
    taken: list[tuple] = []
    for p in sorted(places, key=lambda p: (p["x"], p["y"])):
        x, y, r, width = p["x"], p["y"], p["r"], CHAR_WIDTH * len(p["name"])
        spots = [("start", x + r + 3, y + 4), ("end", x - r - 3, y + 4),
                 ("middle", x, y - r - 4), ("middle", x, y + r + LABEL_HEIGHT)]
        if x > MAP_WIDTH * 0.75:
            spots[0], spots[1] = spots[1], spots[0]
        others = taken + [d for k, d in dots.items() if k != id(p)]
        anchor, lx, ly = next((s for s in spots if free(box(s[0], s[1], s[2], width), others)), spots[0])
        p.update(anchor=anchor, label_x=round(lx, 1), label_y=round(ly, 1))
        taken.append(box(anchor, lx, ly, width))


async def chart_page(datasette, request):
    db = datasette.get_database()
    measure = request.args.get("measure") or ""
    comparator = request.args.get("comparator") or ""
    where, params = [], {}
    if measure in LABELS["measure"]:
        where.append("measure = :measure")
        params["measure"] = measure
    if comparator == "none":
        where.append("comparator is null")
    elif comparator in LABELS["comparator"]:
        where.append("comparator = :comparator")
        params["comparator"] = comparator
    clause = (" where " + " and ".join(where)) if where else ""
    counts: dict = {}
    for r in await db.execute(f"select arm_type, direction, count(*) as n from outcomes{clause} "
                              "group by arm_type, direction", params):
        counts.setdefault(r["arm_type"], {})[r["direction"]] = r["n"]
    largest = max([sum(c.values()) for c in counts.values()] or [1])
    bars = []
    arms = [a for a in ARM_ORDER if a in counts] + sorted(a for a in counts if a not in ARM_ORDER)
    for arm in arms:
        x, segments = 0.0, []
        for direction in DIRECTIONS:
            n = counts[arm].get(direction, 0)
            if not n:
                continue
            w = round(BAR_WIDTH * n / largest, 1)
            segments.append({"direction": direction or "unknown", "label": label("direction", direction),
                             "n": n, "x": x, "w": w, "filter": _filter_args(arm, direction, measure, comparator)})
            x += w
        bars.append({"arm": arm, "label": label("arm_type", arm) if arm else "experiment als geheel",
                     "total": sum(counts[arm].values()), "segments": segments})
    figures = []
    for r in await db.execute(
            "select o.*, document_title(d.title, d.path) as document_title from outcomes o "
            "join documents d on d.id = o.document_id "
            "where o.value is not null and o.comparator_value is not null and o.unit = 'percent'"
            + (" and " + " and ".join(f"o.{w}" for w in where) if where else "")
            + " order by o.municipality, o.measure, o.arm_type, o.id limit 40", params):
        row = dict(r)
        figures.append({**row, "figure": figure(row), "w_value": round(5 * min(row["value"], 100), 1),
                        "w_comp": round(5 * min(row["comparator_value"], 100), 1)})
    measures = [r["measure"] for r in await db.execute("select distinct measure from outcomes order by measure")]
    context = {
        "bars": bars, "figures": figures, "bar_width": BAR_WIDTH, "largest": largest,
        "measure": measure, "comparator": comparator, "measures": measures,
        "comparators": list(LABELS["comparator"]), "directions": [d or "unknown" for d in DIRECTIONS],
        "direction_labels": {d or "unknown": label("direction", d) for d in DIRECTIONS},
    }
    return Response.html(await datasette.render_template("chart.html", context, request=request))


def _filter_args(arm, direction, measure, comparator) -> str:
    """Query string for the outcomes table showing exactly the rows of one bar segment."""
    from urllib.parse import urlencode

    args = [("arm_type", arm) if arm else ("arm_type__isnull", "1"),
            ("direction", direction) if direction else ("direction__isnull", "1")]
    if measure:
        args.append(("measure", measure))
    if comparator == "none":
        args.append(("comparator__isnull", "1"))
    elif comparator:
        args.append(("comparator", comparator))
    return urlencode(args)


@hookimpl
def register_routes():
    return [(r"^/-/map$", map_page), (r"^/-/chart$", chart_page)]
