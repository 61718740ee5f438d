import { getFormatter } from "next-intl/server";

/** A time as every owner section shows it. */
export async function ownerTime(at: string): Promise<string> {
  const format = await getFormatter();
  return format.dateTime(new Date(at), { dateStyle: "medium", timeStyle: "short" });
}
