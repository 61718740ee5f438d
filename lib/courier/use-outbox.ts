"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import {
  enqueue,
  listOutbox,
  onOutboxChange,
  removeItem,
  saveItem,
  type NewOutboxItem,
  type OutboxItem,
} from "./outbox";
import { flushOutbox, type SentResult } from "./outbox-flush";

const FLUSH_EVERY_MS = 20_000;

/**
 * The outbox as the screen sees it, flushed on start, when the connection comes back, when the
 * app returns to the foreground and every 20 s while online. `onSent` hears each accepted item.
 */
export function useOutbox(onSent: (result: SentResult) => void) {
  const [items, setItems] = useState<OutboxItem[]>([]);
  const sent = useRef(onSent);
  useEffect(() => {
    sent.current = onSent;
  }, [onSent]);

  const refresh = useCallback(() => listOutbox().then(setItems, () => setItems([])), []);
  const flush = useCallback(
    (force = false) => flushOutbox((result) => sent.current(result), force).finally(refresh),
    [refresh],
  );

  useEffect(() => {
    void refresh();
    void flush(true);
    const stop = onOutboxChange(() => void refresh());
    const online = () => void flush(true);
    const visible = () => document.visibilityState === "visible" && void flush(true);
    const timer = setInterval(() => navigator.onLine && void flush(), FLUSH_EVERY_MS);
    window.addEventListener("online", online);
    document.addEventListener("visibilitychange", visible);
    return () => {
      stop();
      clearInterval(timer);
      window.removeEventListener("online", online);
      document.removeEventListener("visibilitychange", visible);
    };
  }, [flush, refresh]);

  const add = useCallback(
    async (item: NewOutboxItem) => {
      await enqueue(item);
      await refresh();
      if (navigator.onLine) void flush(true);
    },
    [flush, refresh],
  );
  const retry = useCallback(
    async (item: OutboxItem) => {
      await saveItem({ ...item, state: "pending", attempts: 0, nextAttemptAt: 0, error: undefined });
      await flush(true);
    },
    [flush],
  );
  const discard = useCallback(
    async (item: OutboxItem) => {
      await removeItem(item.id);
      await refresh();
    },
    [refresh],
  );
  return { items, add, retry, discard };
}
