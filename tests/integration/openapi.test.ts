import fs from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { declaredRoutes } from "@/app/api/v1/declared-routes";
import { openApiDocument } from "@/lib/openapi/document";
import { METHODS, openApiPath, type RouteModule } from "@/lib/openapi/operation";

const API_DIR = path.join(process.cwd(), "app/api/v1");

/** Every route file under app/api/v1 as "METHOD /api/v1/path/{param}", from its exports. */
function routesInSource(): string[] {
  const files = (fs.readdirSync(API_DIR, { recursive: true }) as string[]).filter((f) => f.endsWith("route.ts"));
  return files.flatMap((file) => {
    const source = fs.readFileSync(path.join(API_DIR, file), "utf8");
    const route = `/api/v1/${path.dirname(file)}`.replace(/\/\.$/, "").replace(/\[(\w+)\]/g, "{$1}");
    return [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map(
      (m) => `${m[1]} ${route}`,
    );
  });
}

/** Each route file's module, imported, with the path its file stands for. */
async function routeModules(): Promise<{ route: string; module: RouteModule }[]> {
  const files = (fs.readdirSync(API_DIR, { recursive: true }) as string[]).filter((f) => f.endsWith("route.ts"));
  return Promise.all(
    files.map(async (file) => ({
      route: `/api/v1/${path.dirname(file)}`.replace(/\/\.$/, ""),
      module: (await import(path.join(API_DIR, file))) as RouteModule,
    })),
  );
}

describe("the OpenAPI document", () => {
  const document = openApiDocument("http://localhost:3000", declaredRoutes);
  type Operation = { requestBody: { content: Record<string, { schema: unknown }> } };
  const operation = (route: string, method: string) =>
    (document.paths[route] as Record<string, Operation | undefined>)[method]!;

  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("describes every /api/v1 route file and method, and nothing else", () => {
    const documented = Object.entries(document.paths).flatMap(([route, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${route}`),
    );
    const source = routesInSource();
    expect(source.length).toBeGreaterThan(5);
    expect(documented.sort()).toEqual(source.sort());
  });

  it("renders the registry's declarations, each exported by the route file of the path it declares", async () => {
    const modules = await routeModules();
    expect(new Set(declaredRoutes)).toEqual(new Set(modules.map((m) => m.module)));
    for (const { route, module } of modules) {
      for (const method of METHODS) {
        const declared = module[method]?.declaration;
        if (!declared) continue;
        expect(declared.route).toBe(route);
        expect(operation(openApiPath(route), method.toLowerCase())).toBeDefined();
      }
    }
  });

  it("takes its request bodies from the handlers' zod schemas", () => {
    const parcel = operation("/api/v1/parcels", "post").requestBody.content["application/json"]!.schema as {
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    expect(Object.keys(parcel.properties)).toEqual(["recipient", "itemName", "printItemName", "reference"]);
    expect(parcel.additionalProperties).toBe(false);
  });
});
