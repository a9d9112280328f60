import type { Topology } from 'topojson-specification';
import { emptyBox, type Box } from './planar';

/**
 * SVG path data from a TopoJSON topology in planar metres: arcs are decoded once per topology,
 * projected to a viewBox of a fixed width (north up, y flipped) and written with relative,
 * rounded steps, so the Germany map of all Gemeinden stays small.
 */

interface DecodedArcs {
  /** Per arc: x0, y0, x1, y1, … in metres. */
  arcs: Float64Array[];
}

const decoded = new WeakMap<Topology, DecodedArcs>();

function decode(topology: Topology): DecodedArcs {
  const known = decoded.get(topology);
  if (known) return known;
  const [sx, sy] = topology.transform?.scale ?? [1, 1];
  const [tx, ty] = topology.transform?.translate ?? [0, 0];
  const delta = topology.transform !== undefined;
  const arcs = topology.arcs.map((arc) => {
    const out = new Float64Array(arc.length * 2);
    let x = 0;
    let y = 0;
    arc.forEach((p, i) => {
      x = delta ? x + p[0] : p[0];
      y = delta ? y + p[1] : p[1];
      out[i * 2] = x * sx + tx;
      out[i * 2 + 1] = y * sy + ty;
    });
    return out;
  });
  const result = { arcs };
  decoded.set(topology, result);
  return result;
}

/** Polygon arcs: rings of arc indices (negative = reversed, `~i`). */
export type PolygonArcs = number[][];

/** A projection of a box to a viewBox `0 0 width height`. */
export interface Frame {
  width: number;
  height: number;
  /** Project metres to view units. */
  x(mx: number): number;
  y(my: number): number;
}

/** The box of the given polygons' arcs. */
export function boxOf(topology: Topology, polygons: PolygonArcs[]): Box {
  const { arcs } = decode(topology);
  const box = emptyBox();
  for (const rings of polygons)
    for (const ring of rings)
      for (const a of ring) {
        const arc = arcs[a < 0 ? ~a : a];
        for (let i = 0; i < arc.length; i += 2) {
          if (arc[i] < box[0]) box[0] = arc[i];
          if (arc[i + 1] < box[1]) box[1] = arc[i + 1];
          if (arc[i] > box[2]) box[2] = arc[i];
          if (arc[i + 1] > box[3]) box[3] = arc[i + 1];
        }
      }
  return box;
}

/** A frame fitting the box into `width` view units with a margin of `margin` units. */
export function fitFrame(box: Box, width: number, margin = 4): Frame {
  const spanX = Math.max(box[2] - box[0], 1);
  const spanY = Math.max(box[3] - box[1], 1);
  const k = (width - 2 * margin) / spanX;
  return {
    width,
    height: Math.ceil(spanY * k + 2 * margin),
    x: (mx) => (mx - box[0]) * k + margin,
    y: (my) => (box[3] - my) * k + margin,
  };
}

/** A frame's key, to cache what was projected into it. */
function frameKey(frame: Frame): string {
  return `${frame.width}:${frame.x(0)}:${frame.y(0)}:${frame.x(1000)}`;
}

const projected = new WeakMap<Topology, { key: string; arcs: Int32Array[] }>();

/**
 * Every arc projected into the frame and rounded to whole view units, with repeated points left
 * out; done once per topology and frame (the last frame is kept: the Germany map reuses it),
 * so an arc shared by two Gemeinden is projected once.
 */
function projectArcs(topology: Topology, frame: Frame): Int32Array[] {
  const key = frameKey(frame);
  const known = projected.get(topology);
  if (known && known.key === key) return known.arcs;
  const arcs = decode(topology).arcs.map((arc) => {
    const out = new Int32Array(arc.length);
    let n = 0;
    for (let i = 0; i < arc.length; i += 2) {
      const x = Math.round(frame.x(arc[i]));
      const y = Math.round(frame.y(arc[i + 1]));
      if (n > 0 && out[n - 2] === x && out[n - 1] === y) continue;
      out[n++] = x;
      out[n++] = y;
    }
    return out.subarray(0, n);
  });
  projected.set(topology, { key, arcs });
  return arcs;
}

/** Relative steps `dx dy dx dy …` along projected points, from (px, py); returns the text and the end. */
function steps(
  points: Int32Array,
  from: number,
  to: number,
  step: number,
  px: number,
  py: number,
): [string, number, number, number] {
  let text = '';
  let count = 0;
  for (let i = from; i !== to; i += step) {
    const x = points[i];
    const y = points[i + 1];
    if (x === px && y === py) continue;
    text += `${count === 0 ? '' : ' '}${x - px} ${y - py}`;
    px = x;
    py = y;
    count += 1;
  }
  return [text, px, py, count];
}

/**
 * Path data of polygons (one Gemeinde, or a dissolved Kreis) in a frame: `M x y l dx dy … z` per
 * ring in whole view units; rings that collapse below a triangle are left out. A shape that
 * rounds away entirely (a tiny island on the Germany map) becomes a one-unit square at its
 * first point, so every area keeps something to see and to click.
 */
export function polygonPath(topology: Topology, polygons: PolygonArcs[], frame: Frame): string {
  const arcs = projectArcs(topology, frame);
  let path = '';
  let first: string | null = null;
  for (const rings of polygons) {
    for (const ring of rings) {
      let start: [number, number] | null = null;
      let px = 0;
      let py = 0;
      let body = '';
      let count = 0;
      for (const a of ring) {
        const points = arcs[a < 0 ? ~a : a];
        if (points.length === 0) continue;
        const reversed = a < 0;
        const head = reversed ? points.length - 2 : 0;
        if (!start) {
          start = [points[head], points[head + 1]];
          px = start[0];
          py = start[1];
        }
        const [text, x, y, n] = reversed
          ? steps(points, head, -2, -2, px, py)
          : steps(points, 0, points.length, 2, px, py);
        if (n > 0) body += `${count > 0 ? ' ' : ''}${text}`;
        px = x;
        py = y;
        count += n;
      }
      if (!start) continue;
      first ??= `M${start[0]} ${start[1]}`;
      if (count >= 3) path += `M${start[0]} ${start[1]}l${body}z`;
    }
  }
  return path === '' && first ? `${first}h1v1h-1z` : path;
}

/** Path data of single arcs (borders), each as its own open line. */
export function arcsPath(topology: Topology, arcIndices: Iterable<number>, frame: Frame): string {
  const arcs = projectArcs(topology, frame);
  let path = '';
  for (const index of arcIndices) {
    const points = arcs[index];
    if (points.length < 4) continue;
    const [text] = steps(points, 2, points.length, 2, points[0], points[1]);
    path += `M${points[0]} ${points[1]}l${text}`;
  }
  return path;
}

/**
 * The arcs separating groups: arcs used by shapes of different groups (a Kreis border among
 * Gemeinden) or by one shape only (the outer border of what is drawn).
 */
export function borderArcs(shapes: { polygons: PolygonArcs[]; group: string }[]): number[] {
  const groups = new Map<number, Set<string>>();
  const uses = new Map<number, number>();
  for (const shape of shapes)
    for (const rings of shape.polygons)
      for (const ring of rings)
        for (const a of ring) {
          const i = a < 0 ? ~a : a;
          const set = groups.get(i) ?? new Set<string>();
          set.add(shape.group);
          groups.set(i, set);
          uses.set(i, (uses.get(i) ?? 0) + 1);
        }
  return [...groups].filter(([i, set]) => set.size > 1 || uses.get(i) === 1).map(([i]) => i);
}
