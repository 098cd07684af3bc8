import { startTestServer } from '../server/testing';

// The reference server for the sync end-to-end spec, in its own process: in-memory PGlite with clinic KIS and
// an admin, a manager and a staff member. Prints one JSON line (address and accounts), then serves until killed.
const server = await startTestServer({ loginAttemptsPerMinute: 1000 });
const account = (role: 'admin' | 'manager' | 'staff') => ({
  email: server.users[role].email,
  password: server.users[role].password,
  name: server.users[role].name,
});
console.log(JSON.stringify({ url: server.url, admin: account('admin'), staff: account('staff'), manager: account('manager') }));
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
