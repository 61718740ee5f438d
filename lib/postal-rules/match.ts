/** A rule as the matcher needs it: a postal-code prefix (1-5 digits) and the courier it names. */
export type PrefixRule = { prefix: string; courierId: string };

/**
 * The courier for a postal code: the rule with the longest prefix the code starts with
 * (prefixes are unique per carrier, so there is never a tie), or null. No postal code, no rule.
 */
export function courierForPostalCode(rules: readonly PrefixRule[], postalCode: string | undefined): string | null {
  if (!postalCode) return null;
  let best: PrefixRule | null = null;
  for (const rule of rules) {
    if (postalCode.startsWith(rule.prefix) && (!best || rule.prefix.length > best.prefix.length)) best = rule;
  }
  return best?.courierId ?? null;
}
