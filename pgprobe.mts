import { execSync } from "node:child_process";
import postgres from "postgres";
const sql = postgres("postgres://postgres@127.0.0.1:5432/test", { max: 10, idle_timeout: 60, connect_timeout: 5, onnotice: () => {} });
const burst = async (label: string, n = 20) => {
  const results = await Promise.allSettled(Array.from({ length: n }, () => sql`select pg_sleep(0.05), 1 as x`));
  const errs = results.filter((r) => r.status === "rejected").map((r) => { const e = (r as PromiseRejectedResult).reason; return `${e.code ?? ""} ${e.message}`; });
  console.log(label, "ok", results.length - errs.length, "errors", errs.length, [...new Set(errs)].slice(0, 3));
};
await burst("before");
const v = execSync("ls /etc/postgresql").toString().trim();
execSync(`pg_ctlcluster --skip-systemctl-redirect ${v} main stop -m fast`);
await burst("during-closed");
await new Promise((r) => setTimeout(r, 1000));
execSync(`pg_ctlcluster --skip-systemctl-redirect ${v} main start`);
await new Promise((r) => setTimeout(r, 1000));
await burst("after0");
await burst("after1");
await sql.end();
