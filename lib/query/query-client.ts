import { isServer, QueryClient } from "@tanstack/react-query";

/**
 * One set of defaults for every feature's queries. Data is refetched when the tab
 * regains focus and when the connection comes back: a courier's list or a
 * recipient's status must never sit stale after a tunnel or a pocket.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Above zero so that data prefetched on the server is not fetched again at once.
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        refetchOnReconnect: true,
        retry: 2,
      },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

/**
 * On the server a fresh client per call (see lib/query/server-query-client.ts for the
 * per-request one); in the browser one client for the life of the page, so every
 * screen shares its cache and React's suspense re-renders do not throw it away.
 */
export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}
