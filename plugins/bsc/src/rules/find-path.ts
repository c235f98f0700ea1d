/**
 * A path of node ids from `start` to `goal` along directed `edges` (both ends included), or
 * undefined when there is none. Breadth first, neighbours in edge order: the shortest path, and
 * always the same one for the same edges.
 */
export function findPath(
  edges: ReadonlyArray<readonly [string, string]>,
  start: string,
  goal: string,
): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const [from, to] of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const cameFrom = new Map<string, string | undefined>([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    if (node === goal) {
      const path: string[] = [];
      for (let at: string | undefined = node; at !== undefined; at = cameFrom.get(at)) path.unshift(at);
      return path;
    }
    for (const to of next.get(node) ?? []) {
      if (!cameFrom.has(to)) {
        cameFrom.set(to, node);
        queue.push(to);
      }
    }
  }
  return undefined;
}
