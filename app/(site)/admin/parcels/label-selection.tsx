"use client";

import { useRef, useState, useTransition, type FormEvent, type ReactNode } from "react";
import styles from "../console.module.css";

export type SelectionLabels = {
  size: string;
  sizes: { a4: string; "4x6": string; a6: string };
  print: string;
  selectAll: string;
  noneSelected: string;
  failed: string;
};

/**
 * A "print labels" bar for the table's checkboxes (rendered by the server inside it): one PDF of
 * the selected parcels from POST /api/v1/labels, opened in a new tab. The checkboxes belong to
 * the assignment form (their `form` attribute), so they are read here from the page, not from
 * this form's data.
 */
export function LabelSelection({ labels, children }: { labels: SelectionLabels; children: ReactNode }) {
  const form = useRef<HTMLFormElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const boxes = () => [...(form.current?.querySelectorAll<HTMLInputElement>('input[name="codes"]') ?? [])];
  const selectAll = () => {
    const all = boxes();
    const check = all.some((box) => !box.checked);
    all.forEach((box) => (box.checked = check));
  };
  const print = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const codes = boxes()
      .filter((box) => box.checked)
      .map((box) => box.value);
    if (codes.length === 0) return setMessage(labels.noneSelected);
    setMessage(null);
    startTransition(async () => {
      const response = await fetch("/api/v1/labels", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ codes, size: data.get("size") }),
      });
      if (!response.ok) return setMessage(labels.failed);
      const url = URL.createObjectURL(await response.blob());
      window.open(url, "_blank", "noopener");
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    });
  };
  return (
    <form ref={form} onSubmit={print} className="stack">
      <div className={styles.filters}>
        <button type="button" className="button" onClick={selectAll}>
          {labels.selectAll}
        </button>
        <label>
          {labels.size}
          <select name="size" defaultValue="a4">
            {(["a4", "4x6", "a6"] as const).map((size) => (
              <option key={size} value={size}>
                {labels.sizes[size]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button primary" disabled={pending}>
          {labels.print}
        </button>
        <span role="status" aria-live="polite">
          {message}
        </span>
      </div>
      {children}
    </form>
  );
}
