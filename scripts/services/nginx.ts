import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port";
import { stopChild } from "./service-stack";

export type RunningNginx = {
  url: string;
  port: number;
  ca: string;
  child: ChildProcess;
  /** The access log so far ("" without one); it goes with the prefix when nginx stops. */
  accessLog: () => string;
  stop: () => Promise<void>;
};

const NGINX_INSTALL_HINT =
  "No nginx was found on PATH. Install it (Debian/Ubuntu: `sudo apt-get install nginx`, macOS: `brew install nginx`).";
const CONFIG = path.resolve("deploy/nginx/nginx.conf");

/** A certificate for 127.0.0.1 and localhost, made now and valid for two days: local TLS only. */
function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  const made = spawnSync("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=localhost",
    "-addext",
    "subjectAltName=IP:127.0.0.1,DNS:localhost",
    "-keyout",
    key,
    "-out",
    cert,
  ]);
  if (made.status !== 0) throw new Error(`openssl could not make a certificate:\n${made.stderr.toString()}`);
  return { cert, key };
}

function waitForPort(port: number, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`nginx exited (${child.exitCode}) before listening`));
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve()));
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nginx did not listen on ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/**
 * Runs deploy/nginx/nginx.conf itself in a temporary prefix, with the three site files it
 * includes written for this machine: a TLS + HTTP/2 listener on a free loopback port, a
 * fresh self-signed certificate, and the given replicas as upstreams.
 */
export async function startNginx(
  upstreams: string[],
  options: { port?: number; accessLog?: boolean } = {},
): Promise<RunningNginx> {
  if (spawnSync("nginx", ["-v"], { stdio: "ignore" }).status !== 0) throw new Error(NGINX_INSTALL_HINT);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exqress-nginx-"));
  // As root nginx's workers run as nobody: they must reach the prefix and write their temp files.
  fs.chmodSync(dir, 0o755);
  for (const sub of ["tmp", "cache"]) fs.mkdirSync(path.join(dir, sub), { mode: 0o777 });
  fs.chmodSync(path.join(dir, "tmp"), 0o777);
  fs.chmodSync(path.join(dir, "cache"), 0o777);
  const { cert, key } = selfSignedCertificate(dir);
  const port = options.port ?? (await freePort());
  fs.copyFileSync(CONFIG, path.join(dir, "nginx.conf"));
  fs.writeFileSync(path.join(dir, "listen.conf"), `listen 127.0.0.1:${port} ssl http2;\n`);
  fs.writeFileSync(path.join(dir, "tls.conf"), `ssl_certificate ${cert};\nssl_certificate_key ${key};\n`);
  const servers = upstreams.map((upstream) => `server ${upstream} max_fails=1 fail_timeout=2s;`);
  fs.writeFileSync(path.join(dir, "upstreams.conf"), servers.join("\n") + "\n");
  fs.writeFileSync(
    path.join(dir, "access-log.conf"),
    options.accessLog ? "access_log access.log exqress;\n" : "access_log off;\n",
  );
  const child = spawn("nginx", ["-p", `${dir}/`, "-c", "nginx.conf", "-g", "daemon off;"], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForPort(port, child);
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    ca: fs.readFileSync(cert, "utf8"),
    child,
    accessLog: () => {
      const file = path.join(dir, "access.log");
      return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    },
    stop: async () => {
      await stopChild(child, 5_000);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
