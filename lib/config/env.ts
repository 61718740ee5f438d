import "server-only";
import { z } from "zod";
import { isAddressOrRange } from "@/lib/core/address-range";
import { parsePiiKeys } from "@/lib/core/pii-keys";
import { DEFAULT_PUSH_SERVICE_HOSTS, parsePushHosts, type PushHost } from "@/lib/core/push-hosts";
import { clusterUrl, parseClusterNodes, parseRedisTarget } from "@/lib/core/redis-target";

/**
 * The server's whole configuration, validated once. Every module reads
 * settings through `env()` so a bad variable fails at start with its name,
 * not later in the middle of a request. Values stay strings, numbers and lists:
 * the modules that use them build their own objects (a key ring, a Redis target,
 * address ranges) from those.
 */
const positiveInt = (fallback: number) =>
  z.coerce.number().int("must be a whole number").positive("must be positive").default(fallback);

const urlWithProtocol = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`,
    );

export const SMS_PROVIDER_REQUIRED =
  "in production sign-up codes need an SMS provider: set SMS_PROVIDER_URL (and SMS_PROVIDER_TOKEN), " +
  "or SMS_PROVIDER=log on a staging system that sends no texts";

/** base64url of exactly `bytes` bytes: a VAPID key as web-push writes it. */
const base64urlBytes = (bytes: number, what: string) =>
  z
    .string()
    .trim()
    .refine(
      (value) => /^[A-Za-z0-9_-]+$/.test(value) && Buffer.from(value, "base64url").length === bytes,
      `must be ${what} (${bytes} bytes, base64url; generate a pair with \`npx web-push generate-vapid-keys\`)`,
    );

export const VAPID_VARIABLES = ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT"] as const;

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: urlWithProtocol(["postgres:", "postgresql:"]),
    // A replica for the reads that may lag (db/client.ts getReadDb); unset, they go to DATABASE_URL.
    DATABASE_READ_URL: urlWithProtocol(["postgres:", "postgresql:"]).optional(),
    // One server (redis://, rediss://) or a Redis Cluster (redis+cluster://host:port,host:port).
    REDIS_URL: z
      .string()
      .trim()
      .refine(
        (value) => parseRedisTarget(value) !== null,
        "must be a URL starting with redis://, rediss:// or redis+cluster://",
      ),
    // A Redis Cluster's startup nodes (host:port, comma-separated); when set, it is used instead of REDIS_URL.
    REDIS_CLUSTER_NODES: z
      .string()
      .refine((value) => parseClusterNodes(value) !== null, "must be host:port entries separated by commas")
      .optional(),
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,64}$/, "must be 1-64 letters, digits, ':', '_' or '-'")
      .default("exq:"),
    PORT: z.coerce.number().int().min(1, "must be 1-65535").max(65535, "must be 1-65535").default(3000),
    PUBLIC_URL: urlWithProtocol(["http:", "https:"]).optional(),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (generate one with `openssl rand -base64 48`)"),
    // Kept as text: lib/privacy builds its key ring from it (piiKeyRing); here only its format is checked.
    PII_KEYS: z.string().superRefine((value, ctx) => {
      try {
        parsePiiKeys(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
    // Optional: keys the phone hashes that link parcels to accounts. Unset, it is derived
    // from AUTH_SECRET; set it in production so rotating AUTH_SECRET keeps those links.
    PHONE_HASH_KEY: z.string().min(32, "must be at least 32 characters").optional(),
    PII_RETENTION_DAYS: positiveInt(30),
    // Days the history (parcel events, the audit log, messages, reports, import rows) is kept, in
    // whole partitions (docs/history-retention.md). Two years: Korea's safety standard for personal
    // information keeps access records (the audit log) at least one year, two for large processors.
    HISTORY_RETENTION_DAYS: positiveInt(730),
    // Where sign-up codes go: a provider's endpoint, or without one SMS_PROVIDER: `log` (nothing
    // is sent; the log masks the number and redacts the code) or `outbox` (also .data/outbox.log,
    // in clear, for a developer). Unset: `outbox` outside production, a refused start in production.
    SMS_PROVIDER_URL: urlWithProtocol(["http:", "https:"]).optional(),
    SMS_PROVIDER_TOKEN: z.string().optional(),
    SMS_PROVIDER: z.enum(["log", "outbox"], "must be log or outbox").optional(),
    SESSION_IDLE_MINUTES: positiveInt(30),
    // A courier's idle limit covers a working day: a shift has long gaps without signal (a car
    // park), and a session lost meanwhile would hold back the taps queued offline.
    COURIER_IDLE_MINUTES: positiveInt(600),
    // Parcel lookups an anonymous IP may make per hour (accounts get 2x, API keys 20x);
    // a code that does not exist costs a thirtieth of it.
    RESOLVE_LIMIT_PER_HOUR: positiveInt(600),
    // Lookups of API keys not known valid, per caller IP: this many at once, refilled at six
    // times this per hour (20: then 2 a minute). Someone trying keys is slowed to a crawl.
    API_KEY_LOOKUP_LIMIT: positiveInt(20),
    SESSION_MAX_HOURS: positiveInt(12),
    // Our own reverse proxies (IPs or CIDR ranges, comma- or space-separated): only a request
    // whose socket peer is one of them may say who the client is (X-Forwarded-For) and which
    // host it asked for (X-Forwarded-Host). Unset, nobody may: the socket's address counts.
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform((value, ctx): readonly string[] => {
        const entries = value.split(/[\s,]+/).filter(Boolean);
        const bad = entries.filter((entry) => !isAddressOrRange(entry));
        if (bad.length > 0) {
          ctx.addIssue({ code: "custom", message: `not an IP address or CIDR range: ${bad.join(", ")}` });
          return z.NEVER;
        }
        return entries;
      }),
    // `true` lets webhooks target private, loopback and link-local addresses, and plain http
    // (a receiver on the same network, tests); otherwise only https to public addresses.
    WEBHOOK_ALLOW_PRIVATE: z
      .enum(["true", "false"], "must be true or false")
      .default("false")
      .transform((value) => value === "true"),
    // Set, GET /api/metrics answers only `Authorization: Bearer <METRICS_TOKEN>`.
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    // On SIGTERM, how long readiness answers 503 while requests are still served (a balancer's
    // probe interval; Kubernetes: a few seconds), before the server stops accepting.
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(60_000).default(0),
    // Web Push (VAPID, RFC 8292): the key pair that signs every push, and who to contact about
    // them. Unset outside production, notifications are off; in production the start refuses.
    VAPID_PUBLIC_KEY: base64urlBytes(65, "an uncompressed P-256 public key").optional(),
    VAPID_PRIVATE_KEY: base64urlBytes(32, "a P-256 private key").optional(),
    VAPID_SUBJECT: urlWithProtocol(["mailto:", "https:"]).optional(),
    // The push services subscriptions may point at; see lib/core/push-hosts.ts.
    PUSH_SERVICE_HOSTS: z
      .string()
      .default(DEFAULT_PUSH_SERVICE_HOSTS)
      .transform((value, ctx): readonly PushHost[] => {
        const { hosts, bad } = parsePushHosts(value);
        if (bad.length > 0 || hosts.length === 0) {
          const message = bad.length > 0 ? `not a host or host:port: ${bad.join(", ")}` : "lists no host";
          ctx.addIssue({ code: "custom", message });
          return z.NEVER;
        }
        return hosts;
      }),
  })
  .superRefine((config, ctx) => {
    if (config.SMS_PROVIDER_URL && config.SMS_PROVIDER) {
      ctx.addIssue({
        code: "custom",
        path: ["SMS_PROVIDER"],
        message: "set SMS_PROVIDER_URL or SMS_PROVIDER, not both",
      });
    } else if (config.NODE_ENV === "production" && !config.SMS_PROVIDER_URL && !config.SMS_PROVIDER) {
      ctx.addIssue({ code: "custom", path: ["SMS_PROVIDER_URL"], message: SMS_PROVIDER_REQUIRED });
    }
    for (const variable of VAPID_VARIABLES) {
      if (config.NODE_ENV === "production" && !config[variable]) {
        ctx.addIssue({ code: "custom", path: [variable], message: "is required in production (Web Push)" });
      }
    }
    // Compared only once both are valid (a refused value is already named above).
    if (config.HISTORY_RETENTION_DAYS > 0 && config.HISTORY_RETENTION_DAYS < config.PII_RETENTION_DAYS) {
      ctx.addIssue({
        code: "custom",
        path: ["HISTORY_RETENTION_DAYS"],
        message: `must be at least PII_RETENTION_DAYS = ${config.PII_RETENTION_DAYS} (the history of a parcel outlives its personal data, never the reverse); raise it or lower PII_RETENTION_DAYS`,
      });
    }
    const longest = config.SESSION_MAX_HOURS * 60;
    if (config.COURIER_IDLE_MINUTES > longest) {
      ctx.addIssue({
        code: "custom",
        path: ["COURIER_IDLE_MINUTES"],
        message: `must be at most SESSION_MAX_HOURS × 60 = ${longest} (no session outlives SESSION_MAX_HOURS); lower it or raise SESSION_MAX_HOURS`,
      });
    }
  })
  .transform(({ PUBLIC_URL, ...rest }) => ({
    ...rest,
    PUBLIC_URL: (PUBLIC_URL ?? `http://localhost:${rest.PORT}`).replace(/\/+$/, ""),
  }));

export type Env = z.output<typeof schema>;

export class EnvError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      "Invalid configuration:\n" +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join("\n") +
        "\nSee the Configuration section of README.md.",
    );
    this.name = "EnvError";
  }
}

/** Validates a set of variables; throws EnvError naming every bad one. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset" so `FOO= npm start` falls back to the default.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  // Valid cluster nodes stand for REDIS_URL, so the rest of the app reads one variable.
  const nodes = cleaned.REDIS_CLUSTER_NODES;
  if (nodes && parseClusterNodes(nodes)) cleaned.REDIS_URL = clusterUrl(nodes);
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? "environment");
    // A missing variable's own message says only what its type is; a rule across variables says why.
    const given = variable in cleaned || issue.code === "custom";
    return { variable, message: given ? issue.message : "is required" };
  });
  throw new EnvError(problems);
}

const cache = globalThis as unknown as { exqressEnv?: Env };

/** The validated configuration of this process, parsed on first use. */
export function env(): Env {
  cache.exqressEnv ??= parseEnv(process.env);
  return cache.exqressEnv;
}
