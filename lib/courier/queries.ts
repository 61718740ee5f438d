import { queryOptions } from "@tanstack/react-query";
import { ApiRequestError, getJson } from "@/lib/query/fetch-json";
import type { CourierParcel, CourierThread, ScannedParcel } from "./types";

// An open thread is a conversation under way: new lines from the recipient show within seconds.
const THREAD_POLL_MS = 10_000;

/** The server's "not yours" answer to a thread: forbidden, or the unknown-code 404. */
export const isRefusal = (error: unknown): boolean =>
  error instanceof ApiRequestError && (error.status === 403 || error.status === 404);

/** The courier screens' query keys and options, in one place (lib/query/query-client.ts holds the defaults). */
export const courierQueries = {
  all: () => ["courier"] as const,
  list: () =>
    queryOptions({
      queryKey: [...courierQueries.all(), "parcels"] as const,
      queryFn: async () => (await getJson<{ parcels: CourierParcel[] }>("/api/v1/courier/parcels")).parcels,
      // The outbox may be waiting to send: keep showing what the courier last saw while offline.
      networkMode: "offlineFirst",
    }),
  scanned: (code: string) =>
    queryOptions({
      queryKey: [...courierQueries.all(), "scanned", code] as const,
      queryFn: () => getJson<ScannedParcel>(`/api/v1/courier/parcels/${encodeURIComponent(code)}`),
      retry: false,
    }),
  /**
   * Fetching it marks it read on the server. Polled while open, through network errors too; not
   * after a refusal (reassigned, or the delivery ended), which the next poll would only repeat.
   */
  thread: (code: string) =>
    queryOptions({
      queryKey: [...courierQueries.all(), "thread", code] as const,
      queryFn: () => getJson<CourierThread>(`/api/v1/parcels/${encodeURIComponent(code)}/messages`),
      retry: false,
      refetchInterval: (query) => (isRefusal(query.state.error) ? false : THREAD_POLL_MS),
    }),
};
