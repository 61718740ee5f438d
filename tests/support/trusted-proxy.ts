import { env } from "@/lib/config/env";

/**
 * For tests that stand in for many clients over one loopback socket: the test is then our own
 * reverse proxy, and its X-Forwarded-For names the client (as nginx's would in production).
 * Returns the function that puts the configuration back.
 */
export function actAsTrustedProxy(): () => void {
  const config = env();
  const before = config.TRUSTED_PROXIES;
  Object.assign(config, { TRUSTED_PROXIES: ["127.0.0.1"] });
  return () => void Object.assign(config, { TRUSTED_PROXIES: before });
}
