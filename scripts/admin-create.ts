/**
 * `npm run admin:create -- --carrier NAME --email E [--password P]`: the first
 * admin of a carrier (creating the carrier when it is new). Without --password
 * it asks on the terminal, so the password stays out of the shell history.
 */
import { parseArgs } from "node:util";
import { createInterface } from "node:readline/promises";
import { eq } from "drizzle-orm";
import { connect } from "@/db/client";
import { carriers } from "@/db/schema";
import { createStaffAccount } from "@/lib/auth/accounts";

async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new Error("Pass --password, or run this in a terminal to be asked for it.");
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await prompt.question("Password for the new admin: ");
  } finally {
    prompt.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { carrier: { type: "string" }, email: { type: "string" }, password: { type: "string" } },
  });
  if (!values.carrier?.trim() || !values.email?.trim())
    throw new Error("Usage: npm run admin:create -- --carrier NAME --email E");
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to the database of the running EXQRESS (see README: Configuration).");
  const password = values.password ?? (await askPassword());
  const { sql, db } = connect(url, { max: 1 });
  try {
    const name = values.carrier.trim();
    await db.insert(carriers).values({ name }).onConflictDoNothing();
    const [carrier] = await db.select({ id: carriers.id }).from(carriers).where(eq(carriers.name, name));
    const result = await createStaffAccount(db, carrier!.id, { role: "admin", email: values.email, password });
    if (!result.ok) throw new Error(result.error.message);
    console.log(`Admin ${values.email} created for carrier "${name}".`);
  } finally {
    await sql.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
