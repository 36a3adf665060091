const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;
const entity = (c: string): string => ENTITIES[c] as string;

/** Escapes text for HTML element content and quoted attribute values (`& < > " '`). */
export function escapeHtml(text: string | number): string {
  const s = typeof text === 'string' ? text : String(text);
  // Most cells (numbers, names) have nothing to escape: a test is cheaper than a replace.
  return SPECIAL.test(s) ? s.replace(SPECIALS, entity) : s;
}
