/**
 * The key under which a certificate type is compared: case, spacing, punctuation and the
 * edition year are left out, so `ISO 9001:2015`, `iso9001` and `ISO-9001` are one type, and
 * `USP <88> Class VI` equals `USP 88 class VI`.
 *
 * @example
 * canonicalCertType('ISO 13485:2016'); // => 'iso13485'
 * canonicalCertType('USP <88> Class VI'); // => 'usp88classvi'
 */
export function canonicalCertType(type: string): string {
  return type
    .normalize('NFKC')
    .toLowerCase()
    .replace(/:\s*(19|20)\d{2}\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Reads a cleanroom-style class (`ISO 7`, `ISO Class 5`, `7`) as its number, where a lower
 * number is cleaner; undefined when the text holds no class number.
 *
 * @example
 * cleanroomClass('ISO 7'); // => 7
 */
export function cleanroomClass(text: string): number | undefined {
  const m = /(\d+(?:\.\d+)?)/.exec(text);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/**
 * Whether a held class meets a required one: both numeric (ISO 14644-1 classes), the held one
 * at most the required number; otherwise the same text, ignoring case and spacing.
 *
 * @example
 * classMeets('ISO 5', 'ISO 7'); // => true
 * classMeets('ISO 8', 'ISO 7'); // => false
 */
export function classMeets(held: string, required: string): boolean {
  const h = cleanroomClass(held);
  const r = cleanroomClass(required);
  if (h !== undefined && r !== undefined) return h <= r;
  return canonicalCertType(held) === canonicalCertType(required);
}
