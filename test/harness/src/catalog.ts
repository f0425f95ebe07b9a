/** A catalog entity as the catalog REST API returns it (the fields tests read). */
export interface CatalogEntity {
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  spec?: Record<string, any>;
}

/** Signs in as the guest user the way the app does, and returns the Backstage token. */
export async function guestToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/guest/refresh?env=development`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!response.ok) throw new Error(`guest sign-in answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { backstageIdentity: { token: string } };
  return body.backstageIdentity.token;
}

/** Reads the catalog as the guest until at least `count` entities match the filter (ingestion is asynchronous). */
export async function waitForCatalog(baseUrl: string, filter: string, count: number, timeoutMs = 120_000): Promise<CatalogEntity[]> {
  const headers = { authorization: `Bearer ${await guestToken(baseUrl)}` };
  const deadline = Date.now() + timeoutMs;
  let entities: CatalogEntity[] = [];
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/api/catalog/entities?filter=${encodeURIComponent(filter)}`, { headers });
    if (response.ok) entities = (await response.json()) as CatalogEntity[];
    if (entities.length >= count) return entities;
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`the catalog holds ${entities.length} entities for ${filter}, expected ${count}`);
}
