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
import { onWorkerMessage, requestOutboxSync } from "./background-sync";
import { flushOutbox, type FlushResult, type SentResult } from "./outbox-flush";

const FLUSH_EVERY_MS = 20_000;

/**
 * The outbox of `owner` (the signed-in courier) as the screen sees it, flushed on start, when the
 * connection comes back, when the app returns to the foreground and every 20 s while online; and,
 * where the browser has Background Sync, by the service worker once the connection is back, even
 * after the app was closed (background-sync.ts). `onSent` hears each item this page sent;
 * `onBackground` hears that the worker sent some. `signedOut` says the session has ended: the
 * items wait until the courier logs in again. Another user signed in meanwhile (another tab)
 * reloads the page, which then belongs to them.
 */
export function useOutbox(owner: string, onSent: (result: SentResult) => void, onBackground: () => void = () => {}) {
  const [items, setItems] = useState<OutboxItem[]>([]);
  const [signedOut, setSignedOut] = useState(false);
  const sent = useRef(onSent);
  useEffect(() => {
    sent.current = onSent;
  }, [onSent]);

  const refresh = useCallback(
    () =>
      listOutbox(owner).then(
        (list) => {
          setItems(list);
          return list;
        },
        () => {
          setItems([]);
          return [];
        },
      ),
    [owner],
  );
  const heard = useCallback((result: FlushResult) => {
    if (result.outcome === "other_user") window.location.reload();
    if (result.outcome === "signed_out" || result.outcome === "flushed") setSignedOut(result.outcome === "signed_out");
  }, []);
  const flush = useCallback(
    async (force = false) => {
      try {
        heard(await flushOutbox(owner, (result) => sent.current(result), force));
      } finally {
        // Offline with taps waiting: Background Sync sends them when the connection is back, even if the
        // app is closed by then (online, the page's own backoff and interval handle a failing server).
        const left = await refresh();
        if (!navigator.onLine && left.some((item) => item.state === "pending")) void requestOutboxSync();
      }
    },
    [heard, owner, refresh],
  );
  const background = useRef(onBackground);
  useEffect(() => {
    background.current = onBackground;
  }, [onBackground]);
  useEffect(() => onWorkerMessage({ flushed: () => background.current(), flush: () => void flush(true) }), [flush]);

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
      await enqueue(owner, item);
      await refresh();
      if (navigator.onLine) void flush(true);
      else void requestOutboxSync();
    },
    [flush, owner, refresh],
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
  return { items, signedOut, add, retry, discard };
}
