import { describe, expect, it } from 'vitest';
import { detectDelimiter } from './csv';
import { decodeText } from './decode';
import { guessMapping } from './guess';
import { detectDateOrder, parseAge, parseDate, parseSex, parseTime, parseYesNo } from './transform';

const today = new Date('2026-11-22T09:00:00Z');

describe('cell transforms', () => {
  it('reads ISO, day-first, month-first, two-digit years and Excel serial dates', () => {
    expect(parseDate('1985-03-14', null, today)).toEqual({ ok: true, value: '1985-03-14' });
    expect(parseDate('14/03/1985', 'dmy', today)).toEqual({ ok: true, value: '1985-03-14' });
    expect(parseDate('03.14.1985', 'mdy', today)).toEqual({ ok: true, value: '1985-03-14' });
    expect(parseDate('14-03-85', 'dmy', today)).toEqual({ ok: true, value: '1985-03-14' });
    expect(parseDate('01/01/20', 'dmy', today)).toEqual({ ok: true, value: '2020-01-01' });
    expect(parseDate('45292', null, today)).toEqual({ ok: true, value: '2024-01-01' }); // as Excel shows it
    expect(parseDate('03/04/1985', null, today)).toEqual({ ok: false, message: 'imports.reasons.dateOrder' });
    expect(parseDate('31/02/1990', 'dmy', today)).toEqual({ ok: false, message: 'errors.date' });
    expect(parseDate('29/02/2024', 'dmy', today)).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseDate('2000-2-29', null, today)).toEqual({ ok: true, value: '2000-02-29' });
    expect(parseDate('0999-12-31', null, today)).toEqual({ ok: true, value: '0999-12-31' });
    for (const impossible of ['29/02/2023', '29/02/1900', '31/04/1990', '00/01/1990', '01/13/1990', '0050-01-01'])
      expect(parseDate(impossible, 'dmy', today)).toMatchObject({ ok: false });
    expect(parseDate('soon', 'dmy', today)).toEqual({ ok: false, message: 'errors.date' });
  });

  it('tells day-first from month-first by the values, and says when it cannot', () => {
    expect(detectDateOrder(['01/02/2000', '25/12/1999'])).toBe('dmy');
    expect(detectDateOrder(['12/31/1999', '01/02/2000'])).toBe('mdy');
    expect(detectDateOrder(['01/02/2000', '03/04/2001'])).toBe('ambiguous');
    expect(detectDateOrder(['2000-01-02', '36526'])).toBe('none');
  });

  it('knows sex codes in English, French, Arabic and ISO 5218', () => {
    const codes: [string, string | null][] = [
      ['M', 'male'],
      ['f', 'female'],
      ['H', 'male'],
      ['Homme', 'male'],
      ['Femme', 'female'],
      ['ذكر', 'male'],
      ['أنثى', 'female'],
      ['1', 'male'],
      ['2', 'female'],
      ['Féminin', 'female'],
      ['Z', null],
    ];
    for (const [code, sex] of codes) expect(parseSex(code), code).toBe(sex);
  });

  it('reads yes/no, ages and times', () => {
    expect([parseYesNo('Oui'), parseYesNo('نعم'), parseYesNo('no'), parseYesNo('maybe')]).toEqual([true, true, false, null]);
    expect([parseAge('34'), parseAge('34 ans'), parseAge('34.0'), parseAge('about 30')]).toEqual([34, 34, 34, null]);
    expect([parseTime('9:30'), parseTime('2:15 PM'), parseTime('14h05'), parseTime('0.5'), parseTime('25:00')]).toEqual([
      '09:30',
      '14:15',
      '14:05',
      '12:00',
      null,
    ]);
  });
});

describe('reading text', () => {
  it('detects the delimiter, ignoring the ones inside quotes', () => {
    expect(detectDelimiter('a;b;c\n"x,y";2;3\n')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(detectDelimiter('a,b\n"1;2",3\n')).toBe(',');
  });

  it('decodes UTF-8, UTF-16 with and without a BOM, and falls back to Windows-1252', () => {
    expect(decodeText(Buffer.from('\ufeffPrénom', 'utf8'))).toEqual({ text: 'Prénom', encoding: 'utf-8' });
    expect(decodeText(Buffer.from('\ufeffPrénom', 'utf16le'))).toEqual({ text: 'Prénom', encoding: 'utf-16le' });
    expect(decodeText(Buffer.from('Prénom;Nom', 'utf16le'))).toEqual({ text: 'Prénom;Nom', encoding: 'utf-16le' });
    expect(decodeText(Buffer.from([0x50, 0x72, 0xe9, 0x6e, 0x6f, 0x6d, 0x80]))).toEqual({ text: 'Prénom€', encoding: 'windows-1252' });
  });

  it('guesses the mapping from English, French and Arabic headers', () => {
    expect(guessMapping(['Prénom', 'NOM DE FAMILLE', 'Sexe', 'Né(e) le', 'Téléphone'], 'beneficiaries')).toEqual({
      givenName: 0,
      familyName: 1,
      sex: 2,
      phone: 4,
    });
    expect(guessMapping(['الاسم', 'اسم العائلة', 'تاريخ الميلاد', 'رقم الهوية', 'الجنس'], 'beneficiaries')).toEqual({
      givenName: 0,
      familyName: 1,
      birthDate: 2,
      nationalId: 3,
      sex: 4,
    });
  });
});
