import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anySkeleton, asciiSkeleton, fold, nameKey, phoneKey, searchTerms } from './fold';

describe('folding for search', () => {
  it('drops case, accents, Arabic vowel marks and letter variants, and bidi marks', () => {
    expect(fold('Crème BRÛLÉE')).toBe('creme brulee');
    expect(fold('أَحْمَد')).toBe(fold('احمد'));
    expect(fold('فاطمة')).toBe(fold('فاطمه'));
    expect(fold('\u200fNadia\u200e')).toBe('nadia');
    expect(fold('Zoë MÜLLER-Dubois')).toBe('zoe muller-dubois');
  });

  it('only lower-cases plain text: codes, IDs and unaccented names keep every other character', () => {
    expect(fold('KIS-7F3-0042 Nadia O’Brien')).toBe('kis-7f3-0042 nadia o’brien');
    expect(fold("John O'Brien (+33) 6 12")).toBe("john o'brien (+33) 6 12");
  });

  it('gives one name key to common transliterations and to either name order', () => {
    expect(nameKey('Mohammed', 'Ali')).toBe(nameKey('Muhammad', 'Ali'));
    expect(nameKey('Mohamed', 'Aly')).toBe(nameKey('Muhammad', 'Ali'));
    expect(nameKey('Ali', 'Mohammed')).toBe(nameKey('Mohammed', 'Ali'));
    expect(nameKey('Mary', 'Smith')).not.toBe(nameKey('Martin', 'Smith'));
  });

  it('keys plain ASCII names in one pass exactly as the general skeleton does', () => {
    const letters = fc.constantFrom(..."aeiouyAEIOUYbcdfhkpqsPHCQK019 -.'~".split(''));
    fc.assert(
      fc.property(fc.string({ unit: letters, maxLength: 12 }), (word) => asciiSkeleton(word) === anySkeleton(word)),
      { numRuns: 5000 },
    );
    for (const word of ['Philippe', 'Mohammed', 'Muhammad', 'anna', 'Baab', 'p-h', "O'Connor", 'McQueen', ''])
      expect(asciiSkeleton(word)).toBe(anySkeleton(word));
  });

  it('keys a phone by its last nine digits, with or without country code', () => {
    expect(phoneKey('+254 712 345 678')).toBe(phoneKey('0712-345-678'));
    expect(phoneKey('12')).toBeNull();
  });

  it('turns a query into quoted FTS terms, so no query syntax gets through', () => {
    expect(searchTerms('Crème ali')).toEqual({ match: '"creme" AND "ali"', short: [] });
    expect(searchTerms('al "NEAR* OR')).toEqual({ match: '"near"', short: ['al', 'or'] });
    expect(searchTerms('0712 345')).toEqual({ match: '"0712345"', short: [] });
    expect(searchTerms('  ')).toEqual({ match: null, short: [] });
  });
});
