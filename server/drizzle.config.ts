import { defineConfig } from 'drizzle-kit';

// The server's migrations: one set, applied to PGlite and to PostgreSQL alike.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/store/schema.ts',
  out: './server/migrations',
});
