import { createScratchDatabase } from "@/scripts/services/scratch-database";

/** The PostgreSQL server of this test run (set by `npm test`); integration tests need it. */
export function testServerUrl(): string {
  const url = process.env.TEST_POSTGRES_SERVER_URL;
  if (!url) throw new Error("Integration tests run through `npm test`, which provides PostgreSQL and Redis.");
  return url;
}

/** A fresh, empty database on the test server, for tests that need a blank slate. */
export function scratchDatabase(label: string) {
  return createScratchDatabase(testServerUrl(), label);
}
