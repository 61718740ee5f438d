/** Whether the client takes gzip: `gzip` or `*` in Accept-Encoding, without `q=0`. */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  return (acceptEncoding ?? "").split(",").some((entry) => {
    const [coding, ...params] = entry.split(";").map((part) => part.trim().toLowerCase());
    const refused = params.some((param) => /^q=0(?:\.0{0,3})?$/.test(param));
    return (coding === "gzip" || coding === "*") && !refused;
  });
}

/** A Vary header value that also names Accept-Encoding, for a body sent gzipped to some clients only. */
export function varyOnEncoding(vary: string | string[] | null | undefined): string {
  const listed = [vary].flat().filter((value): value is string => Boolean(value));
  const named = listed.some((value) => /(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(value));
  return named ? listed.join(", ") : [...listed, "Accept-Encoding"].join(", ");
}
