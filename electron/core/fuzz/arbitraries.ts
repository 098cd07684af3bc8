import fc from 'fast-check';
import type { z } from 'zod';

/** Values the fuzzer offers wherever a schema wants text: ids of real rows make calls reach the services. */
export interface Known {
  ids: string[];
  emails: string[];
  strings: string[];
}

// Text that has broken parsers, queries and screens before.
const hostile = [
  '',
  ' ',
  '<script>alert(1)</script>',
  "'; drop table users; --",
  '=HYPERLINK("http://x")',
  '\u0000',
  '\u202eevil',
  '😀👩‍⚕️',
  '../../etc/passwd',
  '%s%n',
  'x'.repeat(5000),
  '2026-02-30',
  '2026-11-22T09:00:00.000Z',
  '00000000-0000-0000-0000-000000000000',
];
const oddNumbers = [-1, 0, 1, 0.5, -0, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e300, Number.NaN, Number.POSITIVE_INFINITY];

// Dates a clinic would use, so date rules (not only the format) get tried.
const recent = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true });

type Def = Record<string, unknown> & { type: string };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
type Check = { check: string; format?: string; pattern?: RegExp; minimum?: number; maximum?: number; value?: number; inclusive?: boolean };
const checksOf = (def: Def): Check[] => ((def.checks as { _zod: { def: Check } }[] | undefined) ?? []).map((c) => c._zod.def);

function stringArb(def: Def, known: Known, wild: boolean): fc.Arbitrary<string> {
  const checks = checksOf(def);
  const min = checks.find((c) => c.check === 'min_length')?.minimum ?? 0;
  const max = Math.min(checks.find((c) => c.check === 'max_length')?.maximum ?? 40, 200);
  const regex =
    (def.format && def.format !== 'regex' ? (def.pattern as RegExp | undefined) : undefined) ?? checks.find((c) => c.pattern)?.pattern;
  let fitting: fc.Arbitrary<string>;
  if (def.format === 'uuid')
    fitting = fc.oneof({ arbitrary: fc.constantFrom(...known.ids), weight: 4 }, { arbitrary: fc.uuid(), weight: 1 });
  else if (def.format === 'email') fitting = fc.constantFrom(...known.emails);
  else if (def.format === 'date') fitting = recent.map((d) => d.toISOString().slice(0, 10));
  else if (def.format === 'datetime') fitting = recent.map((d) => d.toISOString());
  else if (regex) fitting = fc.stringMatching(new RegExp(regex.source));
  else {
    const sized = known.strings.filter((text) => text.length >= min && text.length <= max);
    fitting = fc.oneof(
      fc.string({ minLength: min, maxLength: Math.max(min, max) }),
      fc.constantFrom(
        ...known.ids.filter((id) => id.length >= min && id.length <= max),
        ...(sized.length > 0 ? sized : ['x'.repeat(Math.max(1, min))]),
      ),
    );
  }
  if (!wild) return fitting;
  return fc.oneof({ arbitrary: fitting, weight: 3 }, { arbitrary: fc.constantFrom(...known.ids, ...known.strings, ...hostile), weight: 2 });
}

function numberArb(def: Def, wild: boolean): fc.Arbitrary<number> {
  const checks = checksOf(def);
  const min = checks.find((c) => c.check === 'greater_than')?.value ?? 0;
  const max = checks.find((c) => c.check === 'less_than')?.value ?? 1000;
  const lo = Math.max(Math.ceil(min), -1_000_000);
  const hi = Math.max(lo, Math.min(Math.floor(max), 1_000_000));
  const fitting = fc.integer({ min: lo, max: hi });
  return wild ? fc.oneof({ arbitrary: fitting, weight: 3 }, { arbitrary: fc.constantFrom(...oddNumbers), weight: 1 }) : fitting;
}

/**
 * Values shaped like the schema. Fitting (`wild` false): the right keys, values that pass the field's own checks,
 * ids of real rows, so calls reach the service. Wild: the same shape with hostile text and odd numbers mixed in.
 */
export function shapedBy(schema: unknown, known: Known, wild: boolean, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if (depth > 6) return fc.constant(undefined);
  const inner = (s: unknown) => shapedBy(s, known, wild, depth + 1);
  switch (def.type) {
    case 'string':
      return stringArb(def, known, wild);
    case 'number':
    case 'int':
      return numberArb(def, wild);
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return wild
        ? fc.oneof(
            { arbitrary: fc.constantFrom(...Object.values(def.entries as Record<string, unknown>)), weight: 5 },
            { arbitrary: fc.constant('not-a-choice'), weight: 1 },
          )
        : fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const requiredKeys = Object.keys(shape).filter((key) => !['optional', 'default', 'prefault'].includes(defOf(shape[key]).type));
      return fc.record(Object.fromEntries(Object.entries(shape).map(([key, s]) => [key, inner(s)])), { requiredKeys });
    }
    case 'array':
      return fc.array(inner(def.element), { maxLength: 4 });
    case 'tuple':
      return fc.tuple(...(def.items as unknown[]).map(inner));
    case 'record':
      return fc.dictionary(fc.oneof(fc.constantFrom(...known.ids), fc.string({ maxLength: 8 })), inner(def.valueType), { maxKeys: 3 });
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map(inner));
    case 'intersection':
      return fc.tuple(inner(def.left), inner(def.right)).map(([a, b]) => (isPlain(a) && isPlain(b) ? { ...a, ...b } : a));
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.oneof(fc.constant(undefined), inner(def.innerType));
    case 'nullable':
      return fc.oneof(fc.constant(null), inner(def.innerType));
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return inner(def.innerType);
    case 'pipe':
      return defOf(def.out).type === 'transform' ? inner(def.in) : fc.oneof(inner(def.in), inner(def.out));
    case 'lazy':
      return inner((def.getter as () => unknown)());
    case 'void':
    case 'undefined':
      return fc.constant(undefined);
    case 'null':
      return fc.constant(null);
    case 'date':
      return fc.date();
    default:
      return fc.jsonValue();
  }
}

function isPlain(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One field of a near-valid object replaced, dropped, or joined by one the schema does not know. */
function mutated(base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(base, fc.nat(), fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('replace', 'drop', 'extra', 'proto'))
    .map(([value, n, junk, how]) => {
      if (!isPlain(value)) return junk;
      const keys = Object.keys(value);
      const copy: Record<string, unknown> = { ...value };
      const key = keys.length > 0 ? keys[n % keys.length]! : 'x';
      if (how === 'replace') copy[key] = junk;
      else if (how === 'drop') delete copy[key];
      else if (how === 'extra') copy[`extra${n % 3}`] = junk;
      else Object.defineProperty(copy, '__proto__', { value: { polluted: true }, enumerable: true });
      return copy;
    });
}

/** Inputs for a procedure: fitting its schema, near-valid (one field off), wild, and any JSON at all. */
export function inputsFor(schema: z.ZodType | undefined, known: Known): fc.Arbitrary<unknown> {
  const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined));
  if (!schema) return anyJson;
  const fitting = shapedBy(schema, known, false);
  return fc.oneof(
    { arbitrary: fitting, weight: 4 },
    { arbitrary: mutated(fitting), weight: 3 },
    { arbitrary: shapedBy(schema, known, true), weight: 2 },
    { arbitrary: anyJson, weight: 1 },
  );
}
