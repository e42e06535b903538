/**
 * Language of a text as an ISO 639-1 code, or "und". Pure.
 * Placeholder until the readers work lands: counts English function words.
 */
export function detectLanguage(text: string): string {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 5) return 'und';
  const en = new Set(['the', 'and', 'of', 'to', 'in', 'a', 'is', 'that', 'for', 'on', 'was', 'with', 'said', 'by', 'has', 'he', 'it', 'as', 'from', 'at']);
  let hits = 0;
  for (const w of words) if (en.has(w)) hits++;
  return hits / words.length > 0.08 ? 'en' : 'und';
}
