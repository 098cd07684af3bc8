/* eslint-disable @typescript-eslint/no-restricted-imports -- a Vitest test in Node reads the locale files from disk; it is not renderer code. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = path.join(import.meta.dirname, 'locales');
const languages = ['en', 'fr', 'ar'];

/** Every key path, with plural suffixes folded (languages have different plural forms). */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(value).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key));
}

describe('translations', () => {
  const features = fs.readdirSync(path.join(dir, 'en')).filter((f) => f.endsWith('.json'));
  it.each(features.flatMap((file) => languages.slice(1).map((language) => [language, file])))(
    '%s/%s has every English key and no other',
    (language, file) => {
      const read = (lang: string) => JSON.parse(fs.readFileSync(path.join(dir, lang, file), 'utf8')) as unknown;
      expect([...new Set(keys(read(language)))].sort()).toEqual([...new Set(keys(read('en')))].sort());
    },
  );
});
