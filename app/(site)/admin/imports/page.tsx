import { getTranslations } from "next-intl/server";
import { withPlaceholders } from "@/lib/i18n/placeholders";
import { requireRole } from "@/lib/auth/dal";
import { ImportScreen, type ImportLabels } from "./import-client";
import { RecentImports } from "./recent-imports";

const KEYS = [
  "title",
  "intro",
  "file",
  "encoding",
  "auto",
  "mode",
  "modeAll",
  "modeValid",
  "preview",
  "previewErrors",
  "row",
  "errors",
  "ok",
  "start",
  "uploading",
  "progress",
  "done",
  "failed",
  "report",
  "uploadFailed",
  "unreadable",
  "csvQuote",
  "csvTooLong",
  "csvUnreadable",
] as const;

// The values each sentence names, filled in by the client.
const VALUES: Partial<Record<(typeof KEYS)[number], readonly string[]>> = {
  preview: ["count"],
  previewErrors: ["count"],
  progress: ["processed", "total"],
  done: ["imported", "errors"],
  failed: ["errors"],
  csvQuote: ["row"],
  csvTooLong: ["row"],
  csvUnreadable: ["row"],
};

/** Choose a CSV, preview its first rows with their errors, import it with live progress. */
export default async function ImportsPage() {
  const user = await requireRole("/admin/imports", "admin");
  const t = await getTranslations("console.imports");
  // Placeholders stay as {name} for the client to fill in.
  const labels = Object.fromEntries(
    KEYS.map((key) => [key, withPlaceholders(t, key, VALUES[key] ?? [])]),
  ) as ImportLabels;
  return (
    <div className="stack">
      <ImportScreen labels={labels} />
      <RecentImports carrierId={user.carrierId} />
    </div>
  );
}
