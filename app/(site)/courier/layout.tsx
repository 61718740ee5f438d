import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/query-provider";

/** The courier's area: client data through React Query, and the messages its client screens say. */
export default async function CourierLayout({ children }: { children: ReactNode }) {
  const messages = await getMessages();
  const clientMessages = {
    courier: messages.courier,
    parcel: messages.parcel,
    scan: messages.scan,
    push: messages.push,
  };
  return (
    <QueryProvider>
      <NextIntlClientProvider messages={clientMessages}>{children}</NextIntlClientProvider>
    </QueryProvider>
  );
}
