import "server-only";
import { cache } from "react";
import { makeQueryClient } from "./query-client";

/**
 * A fresh QueryClient per server request (React `cache` scopes it to one render):
 * a page prefetches into it and hands the result to the browser with
 * `<HydrationBoundary state={dehydrate(client)}>`. Never shared between requests,
 * so one user's data can never be served to another.
 */
export const getServerQueryClient = cache(makeQueryClient);
