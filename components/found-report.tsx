import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { SessionUser } from "@/lib/core/session-user";
import { FoundReportClient } from "./found-report-client";

/** "I found this parcel" for anyone but the carrier's staff (who have their own tools) and the owner. */
export async function FoundReport({ code, user }: { code: string; user: SessionUser | null }) {
  if (user && user.role !== "recipient") return null;
  const messages = await getMessages();
  return (
    <NextIntlClientProvider messages={{ recipient: messages.recipient }}>
      <FoundReportClient code={code} />
    </NextIntlClientProvider>
  );
}
