import type { Result } from "@/lib/core/result";

/**
 * Under a form that makes a secret: the secret, shown this once (only a hash or ciphertext is
 * kept), or why nothing was made when no single field was to blame.
 */
export function ShownOnce<T>(props: {
  result: Result<T> | null;
  secret: (data: T) => string;
  labels: { shownOnce: string; failed: string };
  testId: string;
  className?: string;
}) {
  const { result, secret, labels, testId, className } = props;
  if (result?.ok) {
    return (
      <div role="status" className="notice">
        <p>{labels.shownOnce}</p>
        <code data-testid={testId} className={className}>
          {secret(result.data)}
        </code>
      </div>
    );
  }
  if (result && !result.error.fields) {
    return (
      <p role="alert">
        {labels.failed} {result.error.message}
      </p>
    );
  }
  return null;
}
