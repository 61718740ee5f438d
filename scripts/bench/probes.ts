/**
 * One-off requests made before a load run, to prove the run measures the
 * intended path: a masked view (no decryption, no audit write) that is not a
 * rate-limit notice. autocannon only counts statuses, and the parcel page
 * answers 200 even when it shows the rate-limit notice.
 */
type MaskedView = { visibility?: string; recipient?: { name?: string; phone?: string } };

export async function expectMaskedApi(baseUrl: string, apiKey: string, code: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/parcels/${code}`, { headers: { authorization: `Bearer ${apiKey}` } });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`API resolve answered ${response.status}: ${text.slice(0, 200)}`);
  const view = JSON.parse(text) as MaskedView;
  if (view.visibility !== "masked" || !view.recipient?.phone?.includes("*")) {
    throw new Error(`API resolve with the other carrier's key is not masked: ${text.slice(0, 200)}`);
  }
}

export async function expectMaskedPage(baseUrl: string, code: string): Promise<void> {
  const response = await fetch(`${baseUrl}/p/${code}`);
  const html = await response.text();
  if (response.status !== 200) throw new Error(`parcel page answered ${response.status}`);
  if (html.includes('role="alert"'))
    throw new Error("parcel page shows a notice (rate-limited?) instead of the parcel");
  if (!html.includes("****")) throw new Error("parcel page shows no masked phone: not the masked view");
}
