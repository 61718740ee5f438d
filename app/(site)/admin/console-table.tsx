import type { ReactNode } from "react";
import styles from "./console.module.css";

type Props = {
  /** The column headings, in order. */
  headings: readonly string[];
  /** Shown instead of the table when there are no rows. */
  empty: string;
  rows: readonly unknown[];
  /** One `<tr>` per row. */
  children: ReactNode;
  className?: string;
};

/** A console list: the empty text, or a table that scrolls sideways on a phone. */
export function ConsoleTable({ headings, empty, rows, children, className }: Props) {
  if (rows.length === 0) return <p>{empty}</p>;
  return (
    <div className={styles.tableWrap}>
      <table className={className ? `${styles.table} ${className}` : styles.table}>
        <thead>
          <tr>
            {headings.map((heading) => (
              <th key={heading} scope="col">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
