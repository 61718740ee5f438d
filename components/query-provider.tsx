"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { getQueryClient } from "@/lib/query/query-client";

/**
 * Client data for the screens that keep it (courier, recipient, console). Mounted by those
 * areas' layouts rather than the root layout, so a stranger's parcel page does not download
 * TanStack Query; every mount shares the browser's one client.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={getQueryClient()}>{children}</QueryClientProvider>;
}
