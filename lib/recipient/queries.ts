import { queryOptions } from "@tanstack/react-query";
import { getJson } from "@/lib/query/fetch-json";
import type { MyParcels, MyParcelsFilter } from "./my-parcels";
import { pollInterval } from "./poll-interval";

function searchOf(filter: MyParcelsFilter): string {
  const params = new URLSearchParams();
  if (filter.status) params.set("status", filter.status);
  if (filter.carrier) params.set("carrier", filter.carrier);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The recipient feature's query keys and options, shared by the server prefetch and the client. */
export const recipientQueries = {
  all: () => ["recipient"] as const,
  myParcels: (filter: MyParcelsFilter = {}) =>
    queryOptions({
      queryKey: [...recipientQueries.all(), "parcels", filter] as const,
      queryFn: () => getJson<MyParcels>(`/api/v1/me/parcels${searchOf(filter)}`),
      refetchInterval: pollInterval,
      refetchIntervalInBackground: true,
    }),
};
