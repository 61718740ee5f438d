import { AsyncLocalStorage } from "node:async_hooks";
import type { ResolveOutcome } from "./resolve";

/**
 * How the server in front of Next.js (lib/server/parcel-page-cache.ts) hands the
 * outcome it already resolved for a stranger's `/p/{code}` request to the page,
 * so the page renders exactly the view that was rate-limited and fingerprinted,
 * and the scan is charged once. Only in-process code can set it: nothing a
 * client sends reaches this store.
 *
 * The front server and the page are separate copies of this module (tsx and the
 * Next.js bundle), so the storage lives on globalThis under a registered symbol.
 */
type Handoff = { code: string; outcome: ResolveOutcome; taken: boolean };

const KEY = Symbol.for("exqress.parcel-page-handoff");
const registry = globalThis as unknown as { [KEY]?: AsyncLocalStorage<Handoff> };
const storage = (registry[KEY] ??= new AsyncLocalStorage<Handoff>());

/** Runs `render` with `outcome` waiting for the page of `code`; says whether the page took it. */
export async function renderWithHandoff(
  code: string,
  outcome: ResolveOutcome,
  render: () => Promise<void>,
): Promise<{ taken: boolean }> {
  const handoff: Handoff = { code, outcome, taken: false };
  await storage.run(handoff, render);
  return { taken: handoff.taken };
}

/** The outcome resolved in front for this very code, if any; the page resolves by itself otherwise. */
export function takeHandoff(code: string): ResolveOutcome | null {
  const handoff = storage.getStore();
  if (!handoff || handoff.code !== code) return null;
  handoff.taken = true;
  return handoff.outcome;
}
