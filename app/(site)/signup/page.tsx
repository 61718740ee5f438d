import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SignupForm } from "./signup-client";

export default async function SignupPage() {
  const t = await getTranslations("signup");
  const labels = Object.fromEntries(
    (["phone", "sendCode", "codeSent", "code", "password", "submit"] as const).map((key) => [key, t(key)]),
  ) as Record<"phone" | "sendCode" | "codeSent" | "code" | "password" | "submit", string>;
  return (
    <section className="form-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <SignupForm labels={labels} />
      <p>
        <Link href="/login">{t("login")}</Link>
      </p>
    </section>
  );
}
