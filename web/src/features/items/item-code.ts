/** The API's item codes (LC-XC-JSZG): anything else is not an item, and the server need not be asked. */
export function parseItemCode(raw: string | null | undefined): string | null {
  return raw && /^[A-Z][A-Z0-9-]{2,39}$/.test(raw) ? raw : null;
}
