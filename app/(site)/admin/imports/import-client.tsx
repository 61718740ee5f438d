"use client";

import { useState, type ChangeEvent } from "react";
import { csvCell } from "@/lib/export/csv-cell";
import { fetchJson } from "@/lib/query/fetch-json";
import { previewImportAction } from "@/lib/imports/actions";
import type { Preview } from "@/lib/imports/preview";
import type { ImportStatus } from "@/lib/imports/store";
import consoleStyles from "../console.module.css";
import styles from "./imports.module.css";
import { rowErrorText, type CsvProblemLabels } from "./row-error-text";

export type ImportLabels = Record<
  | "title"
  | "intro"
  | "file"
  | "encoding"
  | "auto"
  | "mode"
  | "modeAll"
  | "modeValid"
  | "preview"
  | "previewErrors"
  | "row"
  | "errors"
  | "ok"
  | "start"
  | "uploading"
  | "progress"
  | "done"
  | "failed"
  | "report"
  | "uploadFailed"
  | "unreadable",
  string
> &
  CsvProblemLabels;

const fill = (text: string, values: Record<string, number>) =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ""));
const SAMPLE_BYTES = 64 * 1024;
const POLL_MS = 500;

async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function downloadReport(status: ImportStatus, labels: ImportLabels) {
  const cells = (e: ImportStatus["errors"][number]) => [e.row, e.field, rowErrorText(e, labels)];
  const lines = ["row,field,message", ...status.errors.map((e) => cells(e).map(csvCell).join(","))];
  const url = URL.createObjectURL(new Blob(["\ufeff" + lines.join("\r\n")], { type: "text/csv" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: "import-errors.csv" });
  link.click();
  URL.revokeObjectURL(url);
}

export function ImportScreen({ labels }: { labels: ImportLabels }) {
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState("");
  const [mode, setMode] = useState<"all" | "valid">("all");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState<ImportStatus | "uploading" | null>(null);

  const loadPreview = async (chosen: File, chosenEncoding: string) => {
    setPreview(null);
    setProblem(null);
    const sample = await base64Of(chosen.slice(0, SAMPLE_BYTES));
    const result = await previewImportAction({ sample, encoding: chosenEncoding || undefined });
    if (result.ok) setPreview(result.data);
    else setProblem(labels.unreadable);
  };
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0] ?? null;
    setFile(chosen);
    setStatus(null);
    if (chosen) void loadPreview(chosen, encoding);
  };
  const start = async () => {
    if (!file) return;
    setStatus("uploading");
    const query = new URLSearchParams({ mode, ...(encoding ? { encoding } : {}) });
    const started = await fetchJson<{ id: string }>(`/api/v1/imports?${query}`, {
      method: "POST",
      body: file,
      headers: { "content-type": "text/csv" },
    });
    if (started.status !== 202 || !started.ok) {
      setStatus(null);
      setProblem(labels.uploadFailed);
      return;
    }
    for (;;) {
      const current = await fetchJson<ImportStatus>(`/api/v1/imports/${started.data.id}`);
      if (!current.ok) return setProblem(labels.uploadFailed);
      setStatus(current.data);
      if (current.data.status !== "running") return;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };

  const previewErrors = preview?.rows.filter((row) => row.errors.length > 0).length ?? 0;
  return (
    <section className="stack" aria-labelledby="imports-title">
      <h1 id="imports-title">{labels.title}</h1>
      <p>{labels.intro}</p>
      <div className={styles.controls}>
        <label>
          {labels.file}
          <input type="file" accept=".csv,text/csv" onChange={onFile} />
        </label>
        <label>
          {labels.encoding}
          <select
            value={encoding}
            onChange={(event) => {
              setEncoding(event.target.value);
              if (file) void loadPreview(file, event.target.value);
            }}
          >
            <option value="">{labels.auto}</option>
            <option value="utf-8">UTF-8</option>
            <option value="cp949">CP949 (EUC-KR)</option>
          </select>
        </label>
        <fieldset>
          <legend>{labels.mode}</legend>
          <label>
            <input type="radio" name="mode" checked={mode === "all"} onChange={() => setMode("all")} /> {labels.modeAll}
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === "valid"} onChange={() => setMode("valid")} />{" "}
            {labels.modeValid}
          </label>
        </fieldset>
      </div>
      {problem && <p role="alert">{problem}</p>}
      {preview && <PreviewTable preview={preview} labels={labels} errors={previewErrors} />}
      <button
        type="button"
        className="button primary"
        disabled={!file || status === "uploading" || (status !== null && status.status === "running")}
        onClick={() => void start()}
      >
        {labels.start}
      </button>
      <Progress status={status} labels={labels} />
    </section>
  );
}

function PreviewTable({ preview, labels, errors }: { preview: Preview; labels: ImportLabels; errors: number }) {
  const problems = [...preview.headerErrors];
  return (
    <div className="stack">
      <h2>{fill(labels.preview, { count: preview.rows.length })}</h2>
      {problems.map((error) => (
        <p role="alert" key={error.field}>
          {error.field}: {error.message}
        </p>
      ))}
      {errors > 0 && <p className={styles.bad}>{fill(labels.previewErrors, { count: errors })}</p>}
      <div className={consoleStyles.tableWrap}>
        <table className={`${consoleStyles.table} ${styles.preview}`}>
          <thead>
            <tr>
              <th scope="col">{labels.row}</th>
              {preview.header.map((cell, index) => (
                <th scope="col" key={index}>
                  {cell}
                </th>
              ))}
              <th scope="col">{labels.errors}</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <tr key={row.row} data-invalid={row.errors.length > 0 || undefined}>
                <td>{row.row}</td>
                {preview.header.map((_, index) => (
                  <td key={index}>{(row.cells[index] ?? "").slice(0, 40)}</td>
                ))}
                <td>
                  {row.errors.length === 0 ? labels.ok : row.errors.map((e) => `${e.field}: ${e.message}`).join("; ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Progress({ status, labels }: { status: ImportStatus | "uploading" | null; labels: ImportLabels }) {
  if (status === null) return null;
  if (status === "uploading") return <p role="status">{labels.uploading}</p>;
  const counts = {
    processed: status.processed,
    total: status.total,
    imported: status.imported,
    errors: status.errors.length,
  };
  const notCsv = status.errors.find((error) => error.field === "csv");
  return (
    <div className="stack" role="status" aria-live="polite">
      <progress className={styles.progress} value={status.processed} max={Math.max(status.total, 1)} />
      <p>{fill(labels.progress, counts)}</p>
      {status.status === "done" && <p>{fill(labels.done, counts)}</p>}
      {status.status === "failed" && (
        <p className={styles.bad}>{notCsv ? rowErrorText(notCsv, labels) : fill(labels.failed, counts)}</p>
      )}
      {status.status !== "running" && status.errors.length > 0 && (
        <button type="button" className="button" onClick={() => downloadReport(status, labels)}>
          {labels.report}
        </button>
      )}
    </div>
  );
}
