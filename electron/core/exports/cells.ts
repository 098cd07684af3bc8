/** A cell value as it leaves the database. */
export type Cell = string | number | boolean | null;

// A spreadsheet treats a text cell starting with one of these as a formula (tab and CR too, in some of them).
const formulaStart = /^[=+\-@\t\r]/;

/**
 * Text that a spreadsheet would run as a formula gets a leading single quote,
 * so it shows as the text it is (OWASP "CSV injection"). Numbers stay numbers.
 */
export function neutralise(value: Cell): Cell {
  return typeof value === 'string' && formulaStart.test(value) ? `'${value}` : value;
}
