/**
 * What an API key may do. A carrier gives each system only what it needs: a warehouse that
 * registers parcels has no business reading a finder's contact on a report (`reports:read`).
 */
export const API_KEY_SCOPES = ["parcels:write", "parcels:read", "labels", "reports:read", "webhooks"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const hasScope = (scopes: readonly string[], scope: ApiKeyScope) => scopes.includes(scope);
