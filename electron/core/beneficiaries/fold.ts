// Text folding for search and duplicate detection. Indexing and querying fold
// the same way, so "creme" finds "Crème" and "احمد" finds "أحمد".

const bidiControls = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g;

const ascii = /^[ -~]*$/;

/** Lower case, no diacritics or Arabic vowel marks, normalised Arabic letter variants. */
export function fold(text: string): string {
  // Printable ASCII has nothing to decompose or strip: most names, every code and ID (an import folds 100,000 rows twice).
  if (ascii.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(bidiControls, '')
    .replace(/\u0640/g, '') // tatweel
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .toLowerCase();
}

/**
 * A consonant skeleton, so common transliterations of one name meet:
 * Mohammed, Muhammad and Mohamed all become "mhmd".
 */
export function anySkeleton(word: string): string {
  const letters = fold(word)
    .replace(/ph/g, 'f')
    .replace(/[cq]/g, 'k')
    .replace(/[^\p{L}\p{N}]/gu, '');
  if (!letters) return '';
  const rest = letters.slice(1).replace(/[aeiouyاوي]/g, '');
  return (letters[0] + rest).replace(/(.)\1+/g, '$1');
}

/**
 * The same skeleton of printable ASCII (most names) in one pass: an import keys each of 100,000 rows in its
 * preview and again in its write, and the five regular expressions were most of it.
 */
export function asciiSkeleton(word: string): string {
  const text = word.toLowerCase();
  let key = '';
  for (let i = 0; i < text.length; i++) {
    let c = text[i]!;
    if (c === 'p' && text[i + 1] === 'h') {
      c = 'f';
      i++;
    } else if (c === 'c' || c === 'q') c = 'k';
    else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) continue;
    // Vowels count only as the first letter; a letter repeated counts once.
    if ((key !== '' && 'aeiouy'.includes(c)) || c === key[key.length - 1]) continue;
    key += c;
  }
  return key;
}

/** Order-insensitive key of given and family names. */
export function nameKey(givenName: string, familyName: string): string {
  const names = `${givenName} ${familyName}`;
  // Printable ASCII has one white space, the plain space, and its words the one-pass skeleton.
  const words = ascii.test(names) ? names.split(' ').map(asciiSkeleton) : names.split(/\s+/).map(anySkeleton);
  return words.filter(Boolean).sort().join(' ');
}

/** The last nine digits: the same number with or without its country code. */
export function phoneKey(phone: string | null): string | null {
  const digits = phone?.replace(/\D/g, '') ?? '';
  return digits.length >= 6 ? digits.slice(-9) : null;
}

const alnum = (text: string) => fold(text).replace(/[^\p{L}\p{N}]/gu, '');

export function searchText(row: {
  givenName: string;
  familyName: string;
  otherNames: string | null;
  code: string;
  nationalId: string | null;
  phone: string | null;
}): string {
  const names = [row.givenName, row.otherNames ?? '', row.familyName].map(fold).join(' ');
  const ids = [row.code, row.nationalId ?? ''].map(alnum).join(' ');
  return `${names} | ${ids} | ${row.phone?.replace(/\D/g, '') ?? ''}`;
}

export interface SearchTerms {
  /** An FTS5 MATCH expression over the terms of three characters or more, or null. */
  match: string | null;
  /** Shorter terms, matched with LIKE against the folded text. */
  short: string[];
}

/** Splits a query the way the text was indexed: each term must appear somewhere. */
export function searchTerms(query: string): SearchTerms {
  const folded = fold(query).trim();
  // A number typed with spaces or dashes is one phone or ID fragment.
  const terms = /^[+\d\s().-]+$/.test(folded) ? [folded.replace(/\D/g, '')] : folded.split(/\s+/).map(alnum);
  const usable = terms.filter(Boolean);
  const long = usable.filter((t) => [...t].length >= 3);
  return {
    match: long.length ? long.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ') : null,
    short: usable.filter((t) => [...t].length < 3),
  };
}
