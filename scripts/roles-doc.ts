import fs from 'node:fs';
import path from 'node:path';
import { permissionDescriptions, permissionMatrix, permissionNames, roles } from '../common/permissions';

export const rolesDocPath = path.resolve(import.meta.dirname, '../docs/roles.md');

/** docs/roles.md, rendered from the permission matrix the core enforces. */
export function renderRolesDoc(): string {
  const header = `| permission | what it allows | ${roles.join(' | ')} |\n|---|---|${roles.map(() => '---|').join('')}`;
  const rows = permissionNames.map((name) => {
    const holders = permissionMatrix[name];
    const cells = roles.map((role) => (holders === 'anyone' || (holders as readonly string[]).includes(role) ? 'yes' : '—'));
    return `| \`${name}\` | ${permissionDescriptions[name]} | ${cells.join(' | ')} |`;
  });
  return `# Roles and permissions

Generated from \`common/permissions.ts\` by \`npm run docs:roles\`; a test fails when this page and the matrix disagree.
The core checks these permissions on every call, whatever the screen shows, and refuses with FORBIDDEN.
Users also see only the clinics they belong to (admins see all).

${header}
${rows.join('\n')}
`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  fs.writeFileSync(rolesDocPath, renderRolesDoc());
  console.log(`Wrote ${rolesDocPath}`);
}
