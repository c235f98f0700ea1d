import type { CrmProcess, Perspective, Status } from '../vocabulary.js';
import { CRM_PROCESSES, PERSPECTIVES } from '../vocabulary.js';

/** An objective to place: its evaluated status and score. */
export interface MapObjective {
  id: string;
  name: string;
  perspective: Perspective;
  process?: CrmProcess;
  status: Status;
  score: number | null;
}

/** A causal link to draw. */
export interface MapLink {
  id: string;
  fromId: string;
  toId: string;
  note?: string;
}

/** A placed objective. */
export interface MapNode extends MapObjective {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A routed arrow: a polyline of axis-parallel segments from the cause's edge to the effect's edge. */
export interface MapArrow extends MapLink {
  points: Array<[number, number]>;
}

/** A perspective band, top to bottom; the internal-process band is split into one section per CRM process. */
export interface MapBand {
  perspective: Perspective;
  label: string;
  y: number;
  height: number;
  sections?: Array<{ process: CrmProcess; label: string; x: number; width: number }>;
}

/** The strategy map's layout (`GET /api/bsc/scorecards/:id/map`), in SVG user units. */
export interface MapLayout {
  width: number;
  height: number;
  bands: MapBand[];
  nodes: MapNode[];
  arrows: MapArrow[];
}

/** Sizes of the layout. */
export const MAP_SIZES = {
  nodeWidth: 176,
  nodeHeight: 64,
  /** Free space between columns: the vertical lanes arrows run in. */
  laneWidth: 48,
  /** Free space above and below a band's row of nodes: the gutters arrows run in. */
  gutter: 36,
  /** Room for the band titles on the left. */
  labelWidth: 132,
  /** Room for the process section titles in the internal-process band. */
  sectionTitle: 22,
} as const;

const PERSPECTIVE_LABELS: Record<Perspective, string> = {
  financial: 'Financial',
  customer: 'Customer',
  internalProcess: 'Internal process',
  learningGrowth: 'Learning & growth',
};

const PROCESS_LABELS: Record<CrmProcess, string> = {
  selection: 'Selection',
  acquisition: 'Acquisition',
  retention: 'Retention',
  development: 'Development',
};

/**
 * Lays out a strategy map, deterministically (the same objectives and links in the same order give
 * the same layout). The four perspectives are bands from financial at the top to learning and
 * growth at the bottom, each one row of nodes on a shared column grid; the internal-process band
 * is split into a section per CRM process present. Arrows never cross a node: they leave the
 * cause's top (or bottom) edge into the gutter beside its row, run along it to a lane between
 * columns, along the lane to the gutter beside the effect's row, and into the effect's edge. Lanes
 * and gutters hold no nodes; parallel arrows are spread across them.
 *
 * `objectives` come in map order (by `order`, then name); `links` in creation order.
 */
export function layoutMap(objectives: readonly MapObjective[], links: readonly MapLink[]): MapLayout {
  const { nodeWidth: W, nodeHeight: H, laneWidth: L, gutter: G, labelWidth, sectionTitle } = MAP_SIZES;
  const rows = new Map<Perspective, MapObjective[]>(PERSPECTIVES.map((p) => [p, []]));
  for (const objective of objectives) rows.get(objective.perspective)?.push(objective);
  const processes = CRM_PROCESSES.filter((process) =>
    rows.get('internalProcess')?.some((o) => o.process === process),
  );
  rows.set(
    'internalProcess',
    processes.flatMap((process) => (rows.get('internalProcess') ?? []).filter((o) => o.process === process)),
  );
  const columns = Math.max(1, ...[...rows.values()].map((row) => row.length));
  const columnX = (column: number) => labelWidth + L + column * (W + L);
  const width = columnX(columns);

  const bands: MapBand[] = [];
  const nodes: MapNode[] = [];
  let y = 0;
  for (const perspective of PERSPECTIVES) {
    const row = rows.get(perspective) ?? [];
    const title = perspective === 'internalProcess' && processes.length > 0 ? sectionTitle : 0;
    const height = G + title + H + G;
    const first = Math.floor((columns - row.length) / 2);
    const band: MapBand = { perspective, label: PERSPECTIVE_LABELS[perspective], y, height };
    if (perspective === 'internalProcess') {
      let column = first;
      band.sections = processes.map((process) => {
        const count = row.filter((o) => o.process === process).length;
        const section = {
          process,
          label: PROCESS_LABELS[process],
          x: columnX(column) - L / 2,
          width: count * (W + L),
        };
        column += count;
        return section;
      });
    }
    bands.push(band);
    row.forEach((objective, i) => {
      nodes.push({ ...objective, x: columnX(first + i), y: y + title + G, width: W, height: H });
    });
    y += height;
  }

  const byId = new Map(nodes.map((node) => [node.id, node]));
  const band = new Map(nodes.map((node) => [node.id, PERSPECTIVES.indexOf(node.perspective)]));
  const drawn = links.filter((link) => byId.has(link.fromId) && byId.has(link.toId));
  const exits = ports(drawn, 'fromId', (link) => byId.get(link.toId) as MapNode);
  const entries = ports(drawn, 'toId', (link) => byId.get(link.fromId) as MapNode);
  const columnOf = (node: MapNode) => Math.round((node.x - labelWidth - L) / (W + L));
  const arrows: MapArrow[] = drawn.map((link, index) => {
    const from = byId.get(link.fromId) as MapNode;
    const to = byId.get(link.toId) as MapNode;
    const ends = {
      fromX: from.x + from.width * (exits.get(link.id) as number),
      toX: to.x + to.width * (entries.get(link.id) as number),
      adjacent: Math.abs((band.get(from.id) as number) - (band.get(to.id) as number)) === 1,
    };
    return { ...link, points: route(from, to, index, ends, columnOf, columnX) };
  });
  return { width, height: y, bands, nodes, arrows };
}

/**
 * Where each link leaves (or enters) its node's edge, as a fraction of the width: a node's links
 * are spread evenly along the edge, ordered by where the other end lies, so fans do not cross.
 */
function ports(
  links: readonly MapLink[],
  end: 'fromId' | 'toId',
  other: (link: MapLink) => MapNode,
): Map<string, number> {
  const groups = new Map<string, MapLink[]>();
  for (const link of links) groups.set(link[end], [...(groups.get(link[end]) ?? []), link]);
  const at = new Map<string, number>();
  for (const group of groups.values()) {
    const sorted = [...group].sort(
      (a, b) => other(a).x - other(b).x || other(a).y - other(b).y || a.id.localeCompare(b.id),
    );
    for (const [k, link] of sorted.entries()) at.set(link.id, (k + 1) / (sorted.length + 1));
  }
  return at;
}

/** A spread of parallel arrows: -2..2 steps of 5 units, by the link's index. */
const spread = (index: number) => ((index % 5) - 2) * 5;

function route(
  from: MapNode,
  to: MapNode,
  index: number,
  ends: { fromX: number; toX: number; adjacent: boolean },
  columnOf: (node: MapNode) => number,
  columnX: (column: number) => number,
): Array<[number, number]> {
  const { laneWidth: L, gutter: G } = MAP_SIZES;
  const offset = spread(index);
  const { fromX, toX } = ends;
  if (from.y === to.y) {
    // same row: along the gutter above it
    const gutterY = from.y - G / 2 + offset;
    return [
      [fromX, from.y],
      [fromX, gutterY],
      [toX, gutterY],
      [toX, to.y],
    ];
  }
  const up = to.y < from.y;
  const exitY = up ? from.y : from.y + from.height;
  const entryY = up ? to.y + to.height : to.y;
  const entryGutter = up ? to.y + to.height + G / 2 + offset : to.y - G / 2 + offset;
  if (ends.adjacent) {
    // neighbouring bands: one elbow in the gutter beside the effect's row
    return [
      [fromX, exitY],
      [fromX, entryGutter],
      [toX, entryGutter],
      [toX, entryY],
    ];
  }
  const exitGutter = up ? from.y - G / 2 + offset : from.y + from.height + G / 2 + offset;
  const fromColumn = columnOf(from);
  const lane = columnOf(to) < fromColumn ? fromColumn : fromColumn + 1;
  const laneX = columnX(lane) - L / 2 + offset * 2;
  return [
    [fromX, exitY],
    [fromX, exitGutter],
    [laneX, exitGutter],
    [laneX, entryGutter],
    [toX, entryGutter],
    [toX, entryY],
  ];
}
