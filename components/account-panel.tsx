import { getFormatter, getTranslations } from "next-intl/server";
import { endOtherSessionsAction, endSessionAction } from "@/lib/auth/actions";
import { ownSessions } from "@/lib/auth/queries";
import type { SessionUser } from "@/lib/core/session-user";

/** Who is signed in, their live sessions (each can be ended), and the logout button. */
export async function AccountPanel({ user }: { user: SessionUser }) {
  const [t, format, sessions] = await Promise.all([getTranslations("account"), getFormatter(), ownSessions(user)]);
  async function endSession(formData: FormData) {
    "use server";
    await endSessionAction(formData);
  }
  async function endOthers() {
    "use server";
    await endOtherSessionsAction({});
  }
  return (
    <section className="account" aria-labelledby="account-title">
      <p id="account-title">{t("signedInAs", { role: t(`roles.${user.role}`) })}</p>
      <form method="post" action="/api/auth/logout">
        <button type="submit" className="button">
          {t("logout")}
        </button>
      </form>
      <details>
        <summary>
          {t("sessions")} ({sessions.length})
        </summary>
        <ul className="sessions">
          {sessions.map((session) => (
            <li key={session.jti}>
              <span>{session.userAgent?.slice(0, 60) ?? t("unknownDevice")}</span>
              <small>{t("lastSeen", { time: format.relativeTime(new Date(session.lastSeenAt)) })}</small>
              {session.jti === user.jti ? (
                <strong>{t("thisDevice")}</strong>
              ) : (
                <form action={endSession}>
                  <input type="hidden" name="jti" value={session.jti} />
                  <button type="submit">{t("endSession")}</button>
                </form>
              )}
            </li>
          ))}
        </ul>
        {sessions.length > 1 && (
          <form action={endOthers}>
            <button type="submit">{t("endOthers")}</button>
          </form>
        )}
      </details>
    </section>
  );
}
