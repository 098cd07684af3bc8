import type { Sqlite } from '../../../db/open';

/** A report_reach row as its columns come: clinic, type, staff, year, person, months, then m1…m24. */
export type ReachRow = [string, string, string, number, string, number, ...number[]];

/**
 * report_reach's rows (migration 0019's rules) from report_served's current rows, in the table's key order: clinic, type
 * ('' first), staff ('' first), year, person. In key order the rows go into the WITHOUT ROWID table as appends, and
 * the rebuild can stop between any two rows and go on after the last one written. One pass over report_served, held
 * as numbers (about 40 MB for a million rows), instead of the grouped statements' two sorts of eight million rows
 * and 24 CASE aggregates a row.
 */
export function* reachRows(sqlite: Sqlite): Generator<ReachRow> {
  const names = [''];
  const ids = new Map([['', 0]]);
  const idOf = (name: string) => {
    let id = ids.get(name);
    if (id === undefined) ids.set(name, (id = names.push(name) - 1));
    return id;
  };
  const clinic: number[] = [];
  const type: number[] = [];
  const staff: number[] = [];
  const person: number[] = [];
  // A day as year * 512 + month * 32 + day of the month.
  const day: number[] = [];
  const served = sqlite.prepare('select clinic_id, type_id, staff_id, beneficiary_id, day from report_served where n > 0').raw();
  for (const [c, t, s, p, d] of served.iterate() as Iterable<string[]>) {
    clinic.push(idOf(c!));
    type.push(idOf(t!));
    staff.push(idOf(s!));
    person.push(idOf(p!));
    day.push(Number(d!.slice(0, 4)) * 512 + Number(d!.slice(5, 7)) * 32 + Number(d!.slice(8, 10)));
  }
  // Text order, as the key compares them (ids are ASCII; another order would only cost speed, never a wrong row).
  const rank = new Int32Array(names.length);
  names
    .map((_, id) => id)
    .sort((a, b) => compareText(names[a]!, names[b]!))
    .forEach((id, r) => (rank[id] = r));
  const byRank = (a: number, b: number) => rank[a]! - rank[b]!;
  const distinct = (entries: number[], of: number[]) => [0, ...new Set(entries.map((i) => of[i]!))].sort(byRank);
  // Every partition below keeps this order: person, then day.
  const all = Array.from({ length: day.length }, (_, i) => i).sort((a, b) => byRank(person[a]!, person[b]!) || day[a]! - day[b]!);

  for (const c of [...new Set(clinic)].sort(byRank)) {
    const ofClinic = all.filter((i) => clinic[i] === c);
    for (const t of distinct(ofClinic, type)) {
      const ofType = t === 0 ? ofClinic : ofClinic.filter((i) => type[i] === t);
      for (const s of distinct(ofType, staff)) {
        const entries = s === 0 ? ofType : ofType.filter((i) => staff[i] === s);
        // A day is in the row of its year and of the year before.
        const years = [...new Set(entries.flatMap((i) => [(day[i]! >> 9) - 1, day[i]! >> 9]))].sort((a, b) => a - b);
        for (const year of years) {
          let k = 0;
          while (k < entries.length) {
            const p = person[entries[k]!]!;
            let row: ReachRow | null = null;
            for (; k < entries.length && person[entries[k]!] === p; k++) {
              const d = day[entries[k]!]!;
              const m = ((d >> 5) & 15) + 12 * ((d >> 9) - year);
              if (m < 1 || m > 24) continue;
              row ??= [names[c]!, names[t]!, names[s]!, year, names[p]!, 0, ...new Array<number>(24).fill(0)];
              row[5] = row[5] | (1 << (m - 1));
              row[5 + m] = (row[5 + m] as number) | (1 << ((d & 31) - 1));
            }
            if (row) yield row;
          }
        }
      }
    }
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The order of report_reach's key, as reachRows gives its rows. */
export function compareReachKeys(a: ReachRow, b: ReachRow): number {
  return compareText(a[0], b[0]) || compareText(a[1], b[1]) || compareText(a[2], b[2]) || a[3] - b[3] || compareText(a[4], b[4]);
}
