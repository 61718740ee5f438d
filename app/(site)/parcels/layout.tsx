import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/query-provider";

/** The recipient's live list: TanStack Query, and the messages its client parts translate. */
export default async function ParcelsLayout({ children }: { children: ReactNode }) {
  const messages = await getMessages();
  return (
    <NextIntlClientProvider messages={{ recipient: messages.recipient, parcel: messages.parcel, push: messages.push }}>
      <QueryProvider>{children}</QueryProvider>
    </NextIntlClientProvider>
  );
}
