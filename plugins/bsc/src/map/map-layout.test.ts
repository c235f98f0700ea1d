import { describe, expect, it } from 'vitest';
import { CRM_PROCESSES, PERSPECTIVES } from '../vocabulary.js';
import { layoutMap, type MapLayout, type MapLink, type MapNode, type MapObjective } from './map-layout.js';

/** A small seeded generator, so every run checks the same maps. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function scenario(seed: number): { objectives: MapObjective[]; links: MapLink[] } {
  const next = random(seed);
  const count = 2 + Math.floor(next() * 16);
  const objectives: MapObjective[] = Array.from({ length: count }, (_, i) => {
    const perspective = PERSPECTIVES[Math.floor(next() * 4)] as MapObjective['perspective'];
    return {
      id: `o${i}`,
      name: `Objective ${i} with a rather long name to wrap`,
      perspective,
      ...(perspective === 'internalProcess' ? { process: CRM_PROCESSES[Math.floor(next() * 4)] } : {}),
      status: (['green', 'amber', 'red', 'noData'] as const)[
        Math.floor(next() * 4)
      ] as MapObjective['status'],
      score: next(),
    };
  });
  const links: MapLink[] = [];
  for (let i = 0; i < count * 2; i++) {
    const a = Math.floor(next() * count);
    const b = Math.floor(next() * count);
    if (a < b) links.push({ id: `l${i}`, fromId: `o${a}`, toId: `o${b}` }); // a < b: acyclic
  }
  return { objectives, links };
}

const inside = (n: MapNode, x: number, y: number) =>
  x > n.x && x < n.x + n.width && y > n.y && y < n.y + n.height;

/** Whether an axis-parallel segment passes through the open interior of a node. */
function crosses(n: MapNode, [x1, y1]: [number, number], [x2, y2]: [number, number]): boolean {
  if (x1 === x2) {
    if (!(x1 > n.x && x1 < n.x + n.width)) return false;
    return Math.max(y1, y2) > n.y && Math.min(y1, y2) < n.y + n.height;
  }
  if (!(y1 > n.y && y1 < n.y + n.height)) return false;
  return Math.max(x1, x2) > n.x && Math.min(x1, x2) < n.x + n.width;
}

const onEdge = (n: MapNode, [x, y]: [number, number]) =>
  x >= n.x && x <= n.x + n.width && (y === n.y || y === n.y + n.height);

function check(layout: MapLayout, objectives: MapObjective[], links: MapLink[]): void {
  expect(layout.nodes).toHaveLength(objectives.length);
  expect(layout.arrows).toHaveLength(links.length);
  for (const [i, a] of layout.nodes.entries()) {
    for (const b of layout.nodes.slice(i + 1)) {
      const apart =
        a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
    }
    const band = layout.bands.find((x) => x.perspective === a.perspective);
    expect(a.y >= (band?.y ?? -1) && a.y + a.height <= (band?.y ?? 0) + (band?.height ?? 0)).toBe(true);
    expect(a.x + a.width <= layout.width).toBe(true);
  }
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  for (const arrow of layout.arrows) {
    const points = arrow.points;
    expect(onEdge(byId.get(arrow.fromId) as MapNode, points[0] as [number, number])).toBe(true);
    expect(onEdge(byId.get(arrow.toId) as MapNode, points.at(-1) as [number, number])).toBe(true);
    for (let i = 1; i < points.length; i++) {
      const [p, q] = [points[i - 1] as [number, number], points[i] as [number, number]];
      expect(p[0] === q[0] || p[1] === q[1], 'segments are axis-parallel').toBe(true);
      for (const n of layout.nodes) expect(crosses(n, p, q), `${arrow.id} crosses ${n.id}`).toBe(false);
      for (const n of layout.nodes) expect(inside(n, p[0], p[1])).toBe(false);
    }
  }
}

describe('the strategy map layout', () => {
  it('places no two nodes over each other and routes every arrow around the nodes (200 seeded maps)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { objectives, links } = scenario(seed);
      check(layoutMap(objectives, links), objectives, links);
    }
  });

  it('is deterministic, bands run financial to learning, and the process band is split by CRM process', () => {
    const { objectives, links } = scenario(7);
    expect(layoutMap(objectives, links)).toEqual(layoutMap(objectives, links));
    const layout = layoutMap(
      [
        {
          id: 'r',
          name: 'Retain',
          perspective: 'internalProcess',
          process: 'retention',
          status: 'green',
          score: 1,
        },
        {
          id: 'a',
          name: 'Acquire',
          perspective: 'internalProcess',
          process: 'acquisition',
          status: 'red',
          score: 0,
        },
        { id: 'f', name: 'Grow', perspective: 'financial', status: 'amber', score: 0.5 },
      ],
      [],
    );
    expect(layout.bands.map((b) => b.perspective)).toEqual([
      'financial',
      'customer',
      'internalProcess',
      'learningGrowth',
    ]);
    expect(layout.bands[2]?.sections?.map((s) => s.process)).toEqual(['acquisition', 'retention']);
    const [acquire, retain] = ['a', 'r'].map((id) => layout.nodes.find((n) => n.id === id) as MapNode);
    expect((acquire as MapNode).x).toBeLessThan((retain as MapNode).x);
    const [section] = layout.bands[2]?.sections ?? [];
    expect(
      (acquire as MapNode).x >= (section?.x ?? 0) &&
        (acquire as MapNode).x + 176 <= (section?.x ?? 0) + (section?.width ?? 0),
    ).toBe(true);
  });
});
