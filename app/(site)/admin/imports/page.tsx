import { getTranslations } from "next-intl/server";
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

/** Choose a CSV, preview its first rows with their errors, import it with live progress. */
export default async function ImportsPage() {
  const user = await requireRole("/admin/imports", "admin");
  const t = await getTranslations("console.imports");
  // Placeholders stay as {name} for the client to fill in.
  const raw = (key: (typeof KEYS)[number]) => t.raw(key) as string;
  const labels = Object.fromEntries(KEYS.map((key) => [key, raw(key)])) as ImportLabels;
  return (
    <div className="stack">
      <ImportScreen labels={labels} />
      <RecentImports carrierId={user.carrierId} />
    </div>
  );
}
