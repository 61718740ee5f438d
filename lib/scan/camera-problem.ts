/**
 * Why the camera did not start, from what the browser said (getUserMedia's DOMException, or a
 * wrapper's string such as "Error getting userMedia, error = NotAllowedError: …").
 * Each problem gets plain instructions in the `scan.problems` messages.
 */
export type CameraProblem = "denied" | "no_camera" | "busy" | "unsupported" | "unknown";

const PATTERNS: [CameraProblem, RegExp][] = [
  ["denied", /NotAllowedError|PermissionDenied|SecurityError|permission denied/i],
  ["no_camera", /NotFoundError|DevicesNotFound|OverconstrainedError|device not found|no video tracks/i],
  ["busy", /NotReadableError|TrackStartError|AbortError|could not start video source/i],
  ["unsupported", /not supported|insecure|secure context|mediaDevices/i],
];

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === "object" && error !== null && "name" in error) {
    return `${String(error.name)}: ${"message" in error ? String(error.message) : ""}`;
  }
  return String(error);
}

export function cameraProblemOf(error: unknown): CameraProblem {
  const text = describe(error);
  return PATTERNS.find(([, pattern]) => pattern.test(text))?.[0] ?? "unknown";
}
