import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: import.meta.dirname });

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('layer rules of ARCHITECTURE.md, enforced by lint', () => {
  it.each([
    ['renderer/features/x/bad.ts', "import { openStore } from '../../../db/open';\nexport const f = openStore;\n"],
    ['renderer/features/x/bad.ts', "import { openCore } from '../../../electron/core';\nexport const f = openCore;\n"],
    ['renderer/features/x/bad.ts', "import fs from 'node:fs';\nexport const f = fs;\n"],
    ['electron/core/x/bad.ts', "import { app } from 'electron';\nexport const f = app;\n"],
    ['electron/core/x/bad.ts', "import { w } from '../../web-host/server';\nexport const f = w;\n"],
    ['common/bad.ts', "import { openStore } from '../db/open';\nexport const f = openStore;\n"],
    ['common/bad.ts', "import path from 'node:path';\nexport const f = path;\n"],
    ['db/bad.ts', "import { connect } from '../electron/core/transport';\nexport const f = connect;\n"],
    ['server/bad.ts', "import { openStore } from '../db/open';\nexport const f = openStore;\n"],
    ['server/sync/bad.ts', "import { openCore } from '../../electron/core';\nexport const f = openCore;\n"],
  ])('refuses %s importing across a layer: %s', async (file, code) => {
    expect(await violations(file, code)).not.toEqual([]);
  });

  it.each([
    ['renderer/api/ok.ts', "import type { AppRouter } from '../../electron/core/router';\nexport type R = AppRouter;\n"],
    ['renderer/api/ok.ts', "import { can } from '../../common/permissions';\nexport const f = can;\n"],
    ['electron/core/x/ok.ts', "import { openStore } from '../../../db/open';\nexport const f = openStore;\n"],
    ['electron/main/ok.ts', "import { app } from 'electron';\nimport { openCore } from '../core';\nexport const f = [app, openCore];\n"],
    [
      'server/sync/ok.ts',
      "import { pushRequest } from '../../common/sync';\nimport { rows } from '../store/schema';\nexport const f = [pushRequest, rows];\n",
    ],
  ])('allows %s: %s', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });
});
