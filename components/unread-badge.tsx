import styles from "./unread-badge.module.css";

/**
 * A count of unread messages. The number is what the eye reads; `label` (a whole sentence,
 * "2 unread messages") is what a screen reader says, so the bare number is never read out alone.
 */
export function UnreadBadge({ count, label }: { count: number; label: string }) {
  if (count <= 0) return null;
  return (
    <span className={styles.badge} role="img" aria-label={label}>
      {count > 99 ? "99+" : count}
    </span>
  );
}
