/**
 * Who is looking at a parcel. The resolver takes this as an argument, so the
 * rules are the same whether the viewer came from a session, an API key or
 * nobody at all, and tests can state the viewer directly.
 */
export type Viewer =
  | { kind: "anonymous" }
  | { kind: "recipient"; userId: string; phoneHash: string }
  | { kind: "courier"; userId: string; carrierId: string }
  | { kind: "admin"; userId: string; carrierId: string }
  | { kind: "api_key"; apiKeyId: string; carrierId: string };

export const ANONYMOUS: Viewer = { kind: "anonymous" };
