import fs from 'node:fs';
import { expect, it } from 'vitest';
import { renderRolesDoc, rolesDocPath } from './roles-doc';

it('docs/roles.md is the permission matrix as the core enforces it (run `npm run docs:roles` after changing it)', () => {
  expect(fs.readFileSync(rolesDocPath, 'utf8')).toBe(renderRolesDoc());
});
