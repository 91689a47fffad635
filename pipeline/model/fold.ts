const DIACRITICS = /[\u0300-\u036f]/g;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Lowercase, accents removed, ligatures expanded, apostrophes unified: the form every
 * keyword and name match runs on, so "Télétravail", "TELETRAVAIL" and "teletravail" agree.
 */
export function fold(input: string): string {
  // Most text is ASCII: skip the (costly) Unicode decomposition when it is.
  if (!NON_ASCII.test(input)) return input.toLowerCase().replace(/`/g, "'");
  return input
    .normalize('NFD')
    .replace(DIACRITICS, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[’‘`´]/g, "'");
}
