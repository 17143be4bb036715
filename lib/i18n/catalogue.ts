/**
 * A WebExtension messages.json catalogue, used directly when the reader picks a language other than
 * the browser's: placeholders ($NAME$ → $1) are filled as browser.i18n.getMessage fills them.
 */
export type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

export function formatCatalogueMessage(catalogue: Catalogue, key: string, substitutions: readonly string[]): string {
  const entry = catalogue[key];
  if (!entry) return '';
  return entry.message.replace(/\$(\w+)\$/g, (whole, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content;
    if (!content) return whole;
    return content.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
  });
}
