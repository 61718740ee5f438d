import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireRole } from "@/lib/auth/dal";
import { endCourierSessionAction } from "@/lib/couriers/actions";
import { courierSessions } from "@/lib/couriers/couriers";
import { getRedis } from "@/lib/redis/client";
import { ActionButton } from "../../action-button";
import { ConsoleTable } from "../../console-table";

type Props = { params: Promise<{ id: string }> };

/** One courier's live sessions, each of which the admin can end. Another carrier's courier: not found. */
export default async function CourierSessionsPage({ params }: Props) {
  const { id } = await params;
  const user = await requireRole(`/admin/couriers/${id}`, "admin");
  if (!z.uuid().safeParse(id).success) notFound();
  const courier = await courierSessions({ db: getDb(), redis: getRedis() }, user.carrierId, id);
  if (!courier) notFound();
  const [t, format] = await Promise.all([getTranslations("consolePeople.couriers"), getFormatter()]);
  return (
    <section className="stack" aria-labelledby="sessions-title">
      <Link href="/admin/couriers">{t("back")}</Link>
      <h1 id="sessions-title">{t("sessionsOf", { email: courier.email })}</h1>
      <ConsoleTable
        headings={(["device", "ip", "startedAt", "lastSeen", "actions"] as const).map((column) =>
          t(`columns.${column}`),
        )}
        empty={t("noSessions")}
        rows={courier.sessions}
      >
        {courier.sessions.map((session) => (
          <tr key={session.handle}>
            <td>{session.userAgent?.slice(0, 60) ?? t("unknownDevice")}</td>
            <td>{session.ip ?? ""}</td>
            <td>{format.dateTime(new Date(session.createdAt), { dateStyle: "short", timeStyle: "short" })}</td>
            <td>{format.relativeTime(new Date(session.lastSeenAt))}</td>
            <td>
              <ActionButton
                action={endCourierSessionAction}
                input={{ userId: id, handle: session.handle }}
                label={t("endOne")}
                failed={t("failed")}
              />
            </td>
          </tr>
        ))}
      </ConsoleTable>
    </section>
  );
}
