/**
 * An offline map: country shapes from world-atlas (Natural Earth 1:110m, via the npm package; no tile servers),
 * drawn as SVG in an equirectangular projection, with merged events as labelled points.
 */
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import atlas from 'world-atlas/countries-110m.json' with { type: 'json' };

type Ring = number[][];
const NS = 'http://www.w3.org/2000/svg';

export interface MapPoint {
  lat: number;
  lon: number;
  label: string;
  /** Number of reports: the point's size (also said in its label). */
  weight: number;
}

const project = (lon: number, lat: number): [number, number] => [lon + 180, 90 - lat];

function ringPath(ring: Ring): string {
  return ring.map(([lon, lat], i) => {
    const [x, y] = project(lon!, lat!);
    return `${i ? 'L' : 'M'}${x.toFixed(2)},${y.toFixed(2)}`;
  }).join('') + 'Z';
}

let countryPaths: string[] | null = null;
function countries(): string[] {
  if (countryPaths) return countryPaths;
  const topo = atlas as unknown as Topology<{ countries: GeometryCollection }>;
  const fc = feature(topo, topo.objects.countries);
  countryPaths = fc.features.map((f) => {
    const g = f.geometry;
    if (!g) return '';
    const polys: Ring[][] = g.type === 'Polygon' ? [g.coordinates as Ring[]] : g.type === 'MultiPolygon' ? (g.coordinates as Ring[][]) : [];
    return polys.map((p) => p.map(ringPath).join('')).join('');
  });
  return countryPaths;
}

/** The map, zoomed to the points (with a margin), or the whole world when there are none. */
export function eventMap(points: MapPoint[], title: string): SVGSVGElement {
  const svg = document.createElementNS(NS, 'svg');
  let [x0, y0, x1, y1] = [0, 0, 360, 180];
  if (points.length) {
    const xs = points.map((p) => project(p.lon, p.lat));
    x0 = Math.max(0, Math.min(...xs.map((p) => p[0])) - 12);
    x1 = Math.min(360, Math.max(...xs.map((p) => p[0])) + 12);
    y0 = Math.max(0, Math.min(...xs.map((p) => p[1])) - 8);
    y1 = Math.min(180, Math.max(...xs.map((p) => p[1])) + 8);
  }
  svg.setAttribute('viewBox', `${x0} ${y0} ${x1 - x0} ${y1 - y0}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title);
  svg.setAttribute('class', 'map');
  const land = document.createElementNS(NS, 'path');
  land.setAttribute('d', countries().join(''));
  land.setAttribute('class', 'land');
  svg.append(land);
  const scale = (x1 - x0) / 360;
  for (const p of points) {
    const [x, y] = project(p.lon, p.lat);
    const c = document.createElementNS(NS, 'circle');
    c.setAttribute('cx', String(x));
    c.setAttribute('cy', String(y));
    c.setAttribute('r', String((1.2 + Math.sqrt(p.weight)) * scale * 2));
    c.setAttribute('class', 'event');
    const t = document.createElementNS(NS, 'title');
    t.textContent = p.label;
    c.append(t);
    svg.append(c);
  }
  return svg;
}
