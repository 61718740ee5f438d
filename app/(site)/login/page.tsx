import { getTranslations } from "next-intl/server";
import { safeReturnPath } from "@/lib/http/same-origin";
import { LoginForm } from "./login-client";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const ERRORS = ["invalid_credentials", "throttled", "invalid_input", "unavailable", "forbidden"] as const;

export default async function LoginPage({ searchParams }: Props) {
  const [query, t] = await Promise.all([searchParams, getTranslations("login")]);
  const code = ERRORS.find((e) => e === query.error);
  const seconds = Number(query.retry) || 60;
  return (
    <section className="form-page">
      <h1>{t("title")}</h1>
      {query.loggedOut && <p className="notice">{t("loggedOut")}</p>}
      <LoginForm
        next={safeReturnPath(query.next, "")}
        initialError={code ? t(`errors.${code}`, { seconds }) : null}
        labels={{
          identifier: t("identifier"),
          identifierHint: t("identifierHint"),
          password: t("password"),
          submit: t("submit"),
          submitting: t("submitting"),
        }}
        errors={Object.fromEntries(ERRORS.map((e) => [e, t(`errors.${e}`, { seconds: "{seconds}" })]))}
      />
    </section>
  );
}
