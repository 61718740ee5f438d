import "server-only";
import type { Database, Transaction } from "./client";

type Hook = () => Promise<void>;

const pending = new WeakMap<Transaction, Hook[]>();

/**
 * `db.transaction`, then what the work registered with afterCommit. A write that makes a cache
 * stale registers the cache's forgetting there: forgotten before the commit, the old state could
 * be read and cached again by someone else in between, and stay there.
 */
export async function transaction<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const hooks: Hook[] = [];
  const result = await db.transaction((tx) => {
    pending.set(tx, hooks);
    return work(tx);
  });
  await Promise.all(hooks.map((hook) => hook()));
  return result;
}

/**
 * Runs `hook` once `tx` has committed (never when it rolls back). Only for a transaction opened
 * by transaction() above: with any other it throws, so no write's hook is dropped unseen.
 */
export function afterCommit(tx: Transaction, hook: Hook): void {
  const hooks = pending.get(tx);
  if (!hooks) throw new Error("afterCommit needs a transaction opened with transaction() (db/transaction.ts)");
  hooks.push(hook);
}
