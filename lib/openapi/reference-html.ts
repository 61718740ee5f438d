import { openApiDocument } from "./document";
import type { RouteModule } from "./operation";

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

type Operation = { summary?: string; description?: string; requestBody?: unknown; parameters?: unknown[] };

/** /api/docs: the OpenAPI document as one plain, readable page (no script, works anywhere). */
export function referenceHtml(serverUrl: string, routes: readonly RouteModule[]): string {
  const document = openApiDocument(serverUrl, routes);
  const sections = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(
      ([method, op]) => `<section><h2><code>${method.toUpperCase()} ${escape(path)}</code></h2>
<p>${escape(op.summary ?? "")}</p>${op.description ? `<p>${escape(op.description)}</p>` : ""}
${op.parameters?.length ? `<h3>Parameters</h3><pre>${escape(JSON.stringify(op.parameters, null, 2))}</pre>` : ""}
${op.requestBody ? `<h3>Body</h3><pre>${escape(JSON.stringify(op.requestBody, null, 2))}</pre>` : ""}</section>`,
    ),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escape(document.info.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:900px;margin:0 auto;padding:16px;color:#0f1a17}
pre{background:#f1f5f3;padding:12px;overflow-x:auto;border-radius:8px}h2{border-top:1px solid #ccc;padding-top:16px}</style></head>
<body><h1>${escape(document.info.title)}</h1><p>${escape(document.info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>${sections.join("\n")}</body></html>`;
}
