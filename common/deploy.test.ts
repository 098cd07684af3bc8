import { describe, expect, it } from 'vitest';
import { lockedSettings, parseDeployConfig } from './deploy';

const file = '/etc/outpost/deploy.json';
const parse = (value: unknown) => parseDeployConfig(JSON.stringify(value), file);

describe('deploy config', () => {
  it('takes a complete, valid config as it is', () => {
    const config = {
      serverUrl: 'https://sync.example.org',
      clinicCode: 'KIS',
      updatePolicy: 'off',
      updateChannel: 'beta',
      autoLockMinutes: 5,
      lockedSettings: ['updateChannel'],
      errorReportingDsn: 'https://key@errors.example.org/42',
    };
    expect(parse(config)).toEqual({ file, config, errors: [] });
  });

  it('ignores each wrong field on its own, naming it, and keeps the rest', () => {
    const state = parse({
      updatePolicy: 'sometimes',
      autoLockMinutes: '5',
      serverUrl: 'ftp://x',
      clinicCode: 'KIS',
      lockedSettings: 'all',
    });
    expect(state.config).toEqual({ clinicCode: 'KIS' });
    expect(state.errors.map((e) => [e.field, e.problem])).toEqual([
      ['updatePolicy', 'invalid'],
      ['autoLockMinutes', 'invalid'],
      ['serverUrl', 'invalid'],
      ['lockedSettings', 'invalid'],
    ]);
    expect(state.errors[0]!.detail).toMatch(/auto, notify, off/);
  });

  it('names an unknown field (a typo) and an unknown locked setting, and keeps the known ones', () => {
    const state = parse({ updatepolicy: 'off', lockedSettings: ['autoLockMinutes', 'theme'] });
    expect(state.config).toEqual({ lockedSettings: ['autoLockMinutes'] });
    expect(state.errors.map((e) => [e.field, e.problem])).toEqual([
      ['updatepolicy', 'unknownField'],
      ['lockedSettings[1]', 'invalid'],
    ]);
  });

  it.each([
    ['not JSON', '{ "updatePolicy": "off", }', 'notJson'],
    ['binary garbage', '\u0000\u00ff\u0013PK', 'notJson'],
    ['an array', '[1, 2]', 'notObject'],
    ['null', 'null', 'notObject'],
    ['a string', '"off"', 'notObject'],
  ])('reports %s as a problem with the whole file', (_what, text, problem) => {
    expect(parseDeployConfig(text, file)).toEqual({ file, config: {}, errors: [expect.objectContaining({ field: null, problem })] });
  });

  it('is not fooled by keys that name Object.prototype members', () => {
    const state = parseDeployConfig('{"toString": 1, "__proto__": {"updatePolicy": "off"}, "constructor": null}', file);
    expect(state.config).toEqual({});
    expect(state.errors.map((e) => e.field)).toEqual(['toString', '__proto__', 'constructor']);
  });

  it('accepts the byte-order mark Notepad writes', () => {
    expect(parseDeployConfig('\uFEFF{"updatePolicy": "auto"}', file).config).toEqual({ updatePolicy: 'auto' });
  });

  it('locks what it sets a value for and what it lists', () => {
    expect(lockedSettings({ updatePolicy: 'off', lockedSettings: ['autoLockMinutes'] })).toEqual(['autoLockMinutes', 'updatePolicy']);
    expect(lockedSettings({})).toEqual([]);
  });
});
