import { queryOptions } from "@tanstack/react-query";
import { getJson } from "@/lib/query/fetch-json";
import type { CourierParcel, ScannedParcel } from "./types";

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
};
