import { notFound } from "next/navigation";

/** Where proxy.ts sends a stranger's scan of an unknown or malformed code, after charging it. */
export default function UnknownCode() {
  notFound();
}
