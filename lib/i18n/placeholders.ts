/**
 * A sentence for a client component that fills its values in later ("Rows checked: {rows}."):
 * formatted like any other, each named value given back its own placeholder. The catalog is
 * compiled at build time, so its source text is not there to hand over as it is. Simple `{name}`
 * arguments only: a plural or a select would be decided on the placeholder's text.
 */
export function withPlaceholders<Key extends string>(
  t: (key: Key, values: Record<string, string>) => string,
  key: Key,
  names: readonly string[],
): string {
  return t(key, Object.fromEntries(names.map((name) => [name, `{${name}}`])));
}
