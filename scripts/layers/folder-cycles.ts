/**
 * Cycles between lib/ folders, which dependency-cruiser cannot see: its `circular` rule follows
 * files, and its folder scope counts a feature's server actions and route handlers (entry
 * layer) as part of the feature. Here a folder is `lib/<name>` without its `http/` and
 * `actions.ts`, plus `db`; a cycle is reported as one path round it with an import per step.
 */
export type CruisedModule = { source: string; dependencies: { resolved: string }[] };

const ENTRY = [/^lib\/(http|actions|openapi)\//, /^lib\/[^/]+\/http\//, /^lib\/[^/]+\/actions\.ts$/];

/** The folder a file's imports count for, or null for entry-layer files and files outside lib/ and db/. */
export function folderOf(path: string): string | null {
  if (ENTRY.some((pattern) => pattern.test(path))) return null;
  if (path.startsWith("db/")) return "db";
  return /^lib\/[^/]+(?=\/)/.exec(path)?.[0] ?? null;
}

type Graph = Map<string, Map<string, string>>;

/** Folder → folder edges, each with the first file import that makes it. */
function folderGraph(modules: readonly CruisedModule[]): Graph {
  const graph: Graph = new Map();
  for (const cruised of modules) {
    const from = folderOf(cruised.source);
    if (!from) continue;
    for (const { resolved } of cruised.dependencies) {
      const to = folderOf(resolved);
      if (!to || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${cruised.source} → ${resolved}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** The shortest way from `start` back to itself; every folder on it can reach `start`. */
function shortestLoop(graph: Graph, start: string): string[] | null {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node)?.keys() ?? []) {
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (!previous.has(next) && next !== start) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return null;
}

/** The folders that reach `start` and are reached from it: its strongly connected component. */
function component(graph: Graph, start: string): string[] {
  const reach = (from: string, step: (node: string) => Iterable<string>) => {
    const found = new Set([from]);
    const stack = [from];
    while (stack.length > 0)
      for (const next of step(stack.pop()!)) if (!found.has(next) && stack.push(next)) found.add(next);
    return found;
  };
  const forward = reach(start, (node) => graph.get(node)?.keys() ?? []);
  const backward = reach(start, (node) => [...graph].filter(([, edges]) => edges.has(node)).map(([from]) => from));
  return [...forward].filter((node) => backward.has(node)).sort();
}

/**
 * One report per set of folders that depend on each other: its members and its shortest
 * loop, each step with an import that makes it (the loop's imports are where to cut).
 */
export function folderCycles(modules: readonly CruisedModule[]): { folders: string[]; loop: string[] }[] {
  const graph = folderGraph(modules);
  const reported = new Set<string>();
  const cycles: { folders: string[]; loop: string[] }[] = [];
  for (const folder of [...graph.keys()].sort()) {
    if (reported.has(folder)) continue;
    const folders = component(graph, folder);
    if (folders.length < 2) continue;
    folders.forEach((member) => reported.add(member));
    const loops = folders.map((member) => shortestLoop(graph, member)!);
    const loop = loops.reduce((best, next) => (next.length < best.length ? next : best));
    cycles.push({
      folders,
      loop: loop.slice(1).map((to, i) => `${loop[i]} → ${to}   (${graph.get(loop[i]!)!.get(to)})`),
    });
  }
  return cycles;
}
