/** Where a request came from: written into the audit log with every full view and into sessions. */
export type RequestMeta = { ip: string | null; userAgent: string | null };
