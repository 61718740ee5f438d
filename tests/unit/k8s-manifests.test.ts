import fs from "node:fs";
import path from "node:path";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { CronJob, Job } from "kubernetes-models/batch/v1";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ConfigMap, Service } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { parseEnv } from "@/lib/config/env";
import { generatePiiKeys } from "@/lib/privacy/pii-crypto";

// No cluster here: every object is checked against the Kubernetes schemas (kubernetes-models),
// and the overlays are rendered with the few kustomize features they use.
type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  [key: string]: unknown;
};
type Kustomization = {
  resources: string[];
  namespace?: string;
  images?: { name: string; newName: string; newTag: string }[];
  replicas?: { name: string; count: number }[];
  patches?: { path: string }[];
};

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  "apps/v1/Deployment": Deployment,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "batch/v1/CronJob": CronJob,
  "batch/v1/Job": Job,
  "networking.k8s.io/v1/Ingress": Ingress,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "v1/ConfigMap": ConfigMap,
  "v1/Service": Service,
};
const KUSTOMIZE_FIELDS = new Set([
  "apiVersion",
  "kind",
  "labels",
  "namespace",
  "resources",
  "images",
  "replicas",
  "patches",
]);
const ROOT = "deploy/k8s";

const readYaml = (file: string) =>
  parseAllDocuments(fs.readFileSync(file, "utf8")).map((doc) => doc.toJS() as K8sObject);

function kustomization(dir: string): Kustomization {
  const [spec] = readYaml(path.join(dir, "kustomization.yaml")) as unknown as [Kustomization & Record<string, unknown>];
  expect(Object.keys(spec).filter((key) => !KUSTOMIZE_FIELDS.has(key))).toEqual([]);
  return spec;
}

function merge(base: unknown, patch: unknown): unknown {
  if (typeof base !== "object" || base === null || Array.isArray(base) || typeof patch !== "object" || patch === null) {
    return patch;
  }
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) out[key] = merge(out[key], value);
  return out;
}

function containers(object: K8sObject): { image: string }[] {
  const spec = (object.spec ?? {}) as Record<string, never>;
  const pod = object.kind === "CronJob" ? spec.jobTemplate?.["spec"]?.["template"] : spec.template;
  return (pod as { spec?: { containers?: { image: string }[] } } | undefined)?.spec?.containers ?? [];
}

/** `kustomize build` for the features our overlays use: resources, namespace, images, replicas, patches. */
function render(dir: string): K8sObject[] {
  const spec = kustomization(dir);
  const objects = spec.resources.flatMap((resource) => {
    const full = path.join(dir, resource);
    return fs.statSync(full).isDirectory() ? render(full) : readYaml(full);
  });
  for (const { path: file } of spec.patches ?? []) {
    for (const patch of readYaml(path.join(dir, file))) {
      const target = objects.findIndex((o) => o.kind === patch.kind && o.metadata.name === patch.metadata.name);
      expect(target, `${file} patches ${patch.kind}/${patch.metadata.name}`).toBeGreaterThanOrEqual(0);
      objects[target] = merge(objects[target], patch) as K8sObject;
    }
  }
  for (const object of objects) {
    if (spec.namespace) object.metadata.namespace = spec.namespace;
    const replicas = spec.replicas?.find((r) => r.name === object.metadata.name && object.kind === "Deployment");
    if (replicas) (object.spec as { replicas: number }).replicas = replicas.count;
    for (const container of containers(object)) {
      const image = spec.images?.find((i) => i.name === container.image.split(":")[0]);
      if (image) container.image = `${image.newName}:${image.newTag}`;
    }
  }
  return objects;
}

function validate(objects: K8sObject[]): void {
  for (const object of objects) {
    const Model = MODELS[`${object.apiVersion}/${object.kind}`];
    expect(Model, `a model for ${object.apiVersion} ${object.kind}`).toBeDefined();
    expect(() => new Model!(object as never).validate(), `${object.kind}/${object.metadata.name}`).not.toThrow();
  }
}

const PROVIDER = { SMS_PROVIDER_URL: "https://sms.example/send" };
/** What the Secret `exqress-secrets` holds, as a production pod gets it. */
const secrets = () => ({
  NODE_ENV: "production",
  DATABASE_URL: "postgres://exqress@postgres:5432/exqress",
  REDIS_URL: "redis://redis:6379",
  AUTH_SECRET: "s".repeat(48),
  PII_KEYS: generatePiiKeys(),
  VAPID_PUBLIC_KEY: Buffer.alloc(65, 4).toString("base64url"),
  VAPID_PRIVATE_KEY: Buffer.alloc(32, 1).toString("base64url"),
  VAPID_SUBJECT: "mailto:ops@exqress.example",
});

function one<T>(objects: K8sObject[], kind: string): T {
  const found = objects.filter((o) => o.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0] as unknown as T;
}

describe("deploy/k8s", () => {
  const base = render(`${ROOT}/base`);

  it("base: every object is valid against its Kubernetes schema", () => {
    validate(base);
    expect(base.map((o) => o.kind).sort()).toEqual([
      "ConfigMap",
      "CronJob",
      "Deployment",
      "HorizontalPodAutoscaler",
      "Ingress",
      "Job",
      "PodDisruptionBudget",
      "Service",
    ]);
  });

  it("the schemas catch a broken object (the check can fail)", () => {
    const deployment = one<K8sObject>(base, "Deployment");
    const broken = merge(deployment, { spec: { replicas: "two" } }) as K8sObject;
    expect(() => new Deployment(broken as never).validate()).toThrow(/replicas must be integer/);
  });

  it("the Deployment: two replicas or more, probes, resources, a rolling update that keeps capacity", () => {
    const deployment = one<Deployment>(base, "Deployment");
    const spec = deployment.spec!;
    expect(spec.replicas).toBeGreaterThanOrEqual(2);
    expect(spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    const [web] = spec.template.spec!.containers;
    expect(web!.readinessProbe?.httpGet?.path).toBe("/api/ready");
    expect(web!.livenessProbe?.httpGet?.path).toBe("/api/health");
    expect(web!.resources?.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(spec.template.spec!.securityContext?.runAsNonRoot).toBe(true);
    const labels = spec.template.metadata!.labels!;
    const pdb = one<PodDisruptionBudget>(base, "PodDisruptionBudget");
    const service = one<Service>(base, "Service");
    expect(labels).toMatchObject(pdb.spec!.selector!.matchLabels!);
    expect(labels).toMatchObject(service.spec!.selector!);
  });

  it("Ingress with TLS to the Service, HPA on CPU, purge CronJob, migration Job", () => {
    const ingress = one<Ingress>(base, "Ingress");
    expect(ingress.spec!.tls?.[0]?.secretName).toBeTruthy();
    expect(ingress.spec!.rules![0]!.http!.paths[0]!.backend.service!.name).toBe("exqress");
    const hpa = one<HorizontalPodAutoscaler>(base, "HorizontalPodAutoscaler");
    expect(hpa.spec!.scaleTargetRef.name).toBe("exqress");
    expect(hpa.spec!.metrics![0]!.resource!.name).toBe("cpu");
    const cron = one<CronJob>(base, "CronJob");
    expect(cron.spec!.jobTemplate.spec!.template.spec!.containers[0]!.command).toEqual(["npm", "run", "purge"]);
    const job = one<Job>(base, "Job");
    expect(job.spec!.template.spec!.containers[0]!.command).toEqual(["npm", "run", "db:migrate"]);
  });

  it("secrets only by reference: no Secret objects, no secret values in the manifests", () => {
    expect(base.filter((o) => o.kind === "Secret")).toEqual([]);
    const text = JSON.stringify(base);
    for (const name of ["DATABASE_URL", "REDIS_URL", "AUTH_SECRET", "PII_KEYS"]) {
      expect(text).not.toMatch(new RegExp(`"name":"${name}","value"`));
      expect(text).toContain(`"secretKeyRef":{"name":"exqress-secrets","key":"${name}"}`);
    }
  });

  it("the client address: the controller's pods are TRUSTED_PROXIES, and nothing lets a client's X-Forwarded-For through", () => {
    const config = one<ConfigMap>(base, "ConfigMap");
    expect(parseEnv({ ...secrets(), ...PROVIDER, ...config.data }).TRUSTED_PROXIES).not.toEqual([]);
    const deployment = one<Deployment>(base, "Deployment");
    expect(deployment.spec!.template.spec!.containers[0]!.envFrom).toEqual([
      { configMapRef: { name: config.metadata!.name } },
    ]);
    const annotations = JSON.stringify(one<Ingress>(base, "Ingress").metadata!.annotations);
    expect(annotations).not.toMatch(/forwarded|real-ip|proxy-protocol/i);
  });

  it("sign-up codes: the Secret's SMS_PROVIDER_URL reaches the web pods and the purge job, never required", () => {
    for (const kind of ["Deployment", "CronJob"]) {
      const env = JSON.stringify(one<K8sObject>(base, kind));
      expect(env, kind).toContain(
        `{"name":"SMS_PROVIDER_URL","valueFrom":{"secretKeyRef":{"name":"exqress-secrets","key":"SMS_PROVIDER_URL","optional":true}}}`,
      );
    }
  });

  for (const [overlay, secret] of [
    ["staging", {}],
    ["production", PROVIDER],
  ] as const) {
    it(`overlay ${overlay}: its configuration passes the app's validation in production`, () => {
      const config = one<ConfigMap>(render(`${ROOT}/overlays/${overlay}`), "ConfigMap");
      expect(() => parseEnv({ ...secrets(), ...secret, ...config.data })).not.toThrow();
    });
  }
  it("the production overlay alone, without an SMS provider in the Secret, does not start", () => {
    const config = one<ConfigMap>(render(`${ROOT}/overlays/production`), "ConfigMap");
    expect(() => parseEnv({ ...secrets(), ...config.data })).toThrow(/SMS_PROVIDER_URL/);
  });

  for (const overlay of ["staging", "production"]) {
    it(`overlay ${overlay}: renders to valid objects with pinned images`, () => {
      const objects = render(`${ROOT}/overlays/${overlay}`);
      validate(objects);
      expect(objects).toHaveLength(base.length);
      for (const object of objects) {
        expect(object.metadata.namespace).toMatch(/^exqress/);
        for (const container of containers(object)) expect(container.image).toMatch(/^registry\.example\.com\/.+:.+/);
      }
    });
  }
});
