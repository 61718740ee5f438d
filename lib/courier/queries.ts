import { queryOptions } from "@tanstack/react-query";
import type { CourierParcel, ScannedParcel } from "./types";

/** A refused request, with the API's error code so the screen can say why. */
export class CourierApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "CourierApiError";
  }
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new CourierApiError(
      response.status,
      body?.error?.code ?? "error",
      body?.error?.message ?? response.statusText,
    );
  }
  return (await response.json()) as T;
}

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
