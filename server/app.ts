import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import {
  auditPushRequest,
  checksumQuery,
  deviceCodeOf,
  loginRequest,
  pullQuery,
  pushRequest,
  refreshRequest,
  type AuditPushResponse,
  type LoginResponse,
  type PushResponse,
} from '../common/sync';
import packageJson from '../package.json' with { type: 'json' };
import { newSecret, serverSetting } from './admin';
import { dummyPasswordHash, verifyPassword } from './auth/passwords';
import { issueTokens, refresh } from './auth/refresh';
import { verifyAccessToken } from './auth/tokens';
import { openDatabase, type Database } from './store/open';
import { clinics, devices, rows, users } from './store/schema';
import { HttpError, parse, sendError } from './http';
import { Metrics } from './metrics';
import { checksum } from './sync/checksum';
import { pullPage, ResyncRequired } from './sync/pull';
import { applyPush } from './sync/push';
import { storeAudit } from './sync/audit';

export interface ServerOptions {
  /** PGlite data folder; neither this nor databaseUrl = an in-memory database (tests). */
  dataDir?: string;
  /** PostgreSQL, e.g. postgres://user:pass@host/db; wins over dataDir. */
  databaseUrl?: string;
  /** The server clock (tests move it). */
  now?: () => Date;
  /** true or pino options (e.g. a stream) to log; none by default. Logs never hold personal data. */
  logger?: boolean | object;
  /** Login attempts per minute for one account from one address (10). */
  loginAttemptsPerMinute?: number;
  /** Largest push body, in bytes. */
  maxPushBytes?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    metrics: Metrics;
  }
}

interface Caller {
  userId: string;
  deviceId: string;
  role: 'admin' | 'manager' | 'staff';
  clinicIds: string[];
}

/** The oldest client release this server still speaks with. */
const minClientVersion = '0.1.0';
const smallBodyBytes = 16 * 1024;

export async function createServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  const database = await openDatabase(options);
  const db = database.db;
  const secret = process.env.OUTPOST_TOKEN_SECRET || (await serverSetting(db, 'token_secret', newSecret));
  const epoch = await serverSetting(db, 'cursor_epoch', () => uuidv7());
  const metrics = new Metrics();

  const app = Fastify({
    logger: options.logger ? logOptions(options.logger === true ? {} : options.logger) : false,
    bodyLimit: smallBodyBytes,
    trustProxy: process.env.TRUST_PROXY === '1',
    // Fastify's own request lines carry URLs with query strings; ours (onResponse) carry the route only.
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.decorate('database', database);
  app.decorate('metrics', metrics);
  app.addHook('onClose', () => database.close());

  await app.register(helmet);
  // gzip (SYNC.md), not brotli: at its default quality it costs more CPU than a page is worth.
  await app.register(compress, { threshold: 1024, encodings: ['gzip', 'deflate'] });
  await app.register(rateLimit, { global: false });

  // One line per request, without the query string, headers or body: no personal data, no tokens.
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unknown';
    const seconds = reply.elapsedTime / 1000;
    metrics.add('outpost_http_requests_total', { method: req.method, route, status: reply.statusCode });
    metrics.add('outpost_http_request_duration_seconds_sum', { route }, seconds);
    metrics.add('outpost_http_request_duration_seconds_count', { route });
    req.log.info({ method: req.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    done();
  });

  app.setNotFoundHandler((_req, reply) => sendError(reply, 404, 'VALIDATION', 'No such endpoint.'));
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (error instanceof HttpError) return sendError(reply, error.status, error.code, error.message);
    if (error instanceof ResyncRequired)
      return sendError(reply, 409, 'RESYNC_REQUIRED', 'The cursor is unknown or expired: pull again from the start.');
    if (error.statusCode === 429) return sendError(reply, 429, 'RATE_LIMITED', 'Too many attempts; wait a minute and try again.');
    if (error.statusCode === 413) return sendError(reply, 413, 'TOO_LARGE', 'The request body is too large; send fewer mutations at once.');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(
        reply,
        400,
        'VALIDATION',
        error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? 'The body is not valid JSON.' : 'Malformed request.',
      );
    }
    req.log.error({ err: { type: error.name, code: error.code } }, 'internal error');
    return sendError(reply, 500, 'INTERNAL', 'The server failed; try again later.');
  });

  async function authenticate(req: FastifyRequest): Promise<Caller> {
    const header = req.headers.authorization ?? '';
    const claims = header.startsWith('Bearer ') ? verifyAccessToken(secret, header.slice(7), now().getTime()) : null;
    if (!claims) throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in again: the access token is missing, invalid or expired.');
    // Role and clinics are read on every request, so a change applies at once.
    const [user] = await db.select().from(users).where(eq(users.id, claims.sub));
    if (!user || !user.active) throw new HttpError(401, 'UNAUTHENTICATED', 'This account is no longer active.');
    return { userId: user.id, deviceId: claims.dev, role: user.role, clinicIds: user.clinicIds };
  }

  const serverTime = () => now().toISOString();

  app.get('/v1/health', async () => ({ status: 'ok' as const, version: packageJson.version, min_client_version: minClientVersion }));

  app.get('/metrics', async (_req, reply) => reply.type('text/plain; version=0.0.4').send(metrics.render()));

  app.post(
    '/v1/auth/login',
    {
      config: {
        // Per address and account: guessing one password is slowed, while a clinic's devices behind one NAT still sign in.
        rateLimit: {
          max: options.loginAttemptsPerMinute ?? 10,
          timeWindow: 60_000,
          hook: 'preHandler',
          keyGenerator: (req: FastifyRequest) => `${req.ip}|${loginKey(req.body)}`,
        },
      },
    },
    async (req): Promise<LoginResponse> => {
      const input = parse(loginRequest, req.body);
      const [user] = await db.select().from(users).where(eq(users.email, input.email.trim().toLowerCase()));
      const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
      if (!user || !ok || !user.active) throw new HttpError(401, 'UNAUTHENTICATED', 'Wrong email or password.');
      const at = serverTime();
      const [device] = await db
        .insert(devices)
        .values({ id: input.device_id, userId: user.id, name: input.device_name, lastSeenAt: at })
        .onConflictDoUpdate({ target: devices.id, set: { userId: user.id, name: input.device_name, lastSeenAt: at } })
        .returning({ number: devices.number });
      const pair = await issueTokens(db, secret, user.id, input.device_id, uuidv7(), now());
      const theirClinics = user.clinicIds.length
        ? await db
            .select({ id: clinics.id, code: clinics.code, name: clinics.name })
            .from(clinics)
            .where(inArray(clinics.id, user.clinicIds))
        : [];
      const sessionTypes = await db
        .select({ id: rows.rowId, name: sql<string>`${rows.data}->>'name'` })
        .from(rows)
        .where(and(eq(rows.entity, 'session_types'), eq(rows.deleted, false)));
      return {
        ...pair,
        device_code: deviceCodeOf(device!.number),
        user: { id: user.id, name: user.name, email: user.email, role: user.role, clinic_ids: user.clinicIds },
        clinics: theirClinics,
        session_types: sessionTypes,
        server_time: at,
      };
    },
  );

  app.post('/v1/auth/refresh', { config: { rateLimit: { max: 60, timeWindow: 60_000 } } }, async (req) => {
    const input = parse(refreshRequest, req.body);
    const onReuse = () => req.log.warn({ event: 'refresh_reuse' }, 'refresh token reused; family revoked');
    return { ...(await refresh(db, secret, input, now(), onReuse)), server_time: serverTime() };
  });

  app.post('/v1/sync/push', { bodyLimit: options.maxPushBytes ?? 8 * 1024 * 1024 }, async (req): Promise<PushResponse> => {
    const caller = await authenticate(req);
    const input = parse(pushRequest, req.body);
    if (input.device_id !== caller.deviceId) throw new HttpError(403, 'FORBIDDEN', 'This token was issued to another device.');
    const results = await db.transaction((tx) =>
      applyPush(
        tx,
        { userId: caller.userId, role: caller.role, clinicIds: caller.clinicIds, deviceId: caller.deviceId },
        input.mutations,
        now().getTime(),
      ),
    );
    for (const r of results) metrics.add('outpost_sync_push_mutations_total', { status: r.status, reason: r.reason?.code ?? 'none' });
    return { results, server_time: serverTime() };
  });

  // Push only: the server keeps the trail (append-only) and never sends it back down.
  app.post('/v1/sync/audit', { bodyLimit: options.maxPushBytes ?? 8 * 1024 * 1024 }, async (req): Promise<AuditPushResponse> => {
    const caller = await authenticate(req);
    const input = parse(auditPushRequest, req.body);
    if (input.device_id !== caller.deviceId) throw new HttpError(403, 'FORBIDDEN', 'This token was issued to another device.');
    const pusher = { userId: caller.userId, deviceId: caller.deviceId };
    const { stored, duplicates, breaks } = await db.transaction((tx) => storeAudit(tx, pusher, input.entries, serverTime()));
    metrics.add('outpost_audit_entries_total', { result: 'stored' }, stored.length);
    metrics.add('outpost_audit_entries_total', { result: 'duplicate' }, duplicates.length);
    for (const b of breaks) {
      metrics.add('outpost_audit_chain_breaks_total', { reason: b.reason });
      // Ids and positions only: the entry's detail (names, field values) stays out of the logs.
      req.log.warn({ event: 'audit_chain_break', device: caller.deviceId, entry: b.id, seq: b.seq, reason: b.reason }, 'audit chain break');
    }
    return { stored, duplicates, server_time: serverTime() };
  });

  app.get('/v1/sync/pull', async (req, reply) => {
    const caller = await authenticate(req);
    const input = parse(pullQuery, req.query);
    const page = await pullPage(db, epoch, caller.clinicIds, input.cursor, input.limit);
    metrics.add('outpost_sync_pull_pages_total', {});
    metrics.add('outpost_sync_pull_changes_total', {}, page.count);
    // The page's JSON comes ready-made from the database (sync/pull.ts); this wraps it as a `pullResponse`.
    const body = `{"changes":${page.changes},"conflicts":${page.conflicts},"cursor":${JSON.stringify(page.cursor)},"has_more":${page.has_more},"server_time":"${serverTime()}"}`;
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.get('/v1/sync/checksum', async (req) => {
    const caller = await authenticate(req);
    const input = parse(checksumQuery, req.query);
    return checksum(db, input.entity, caller.clinicIds);
  });

  return app;
}

function loginKey(body: unknown): string {
  const email = (body as { email?: unknown } | null)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

/** Pino settings that keep personal data out: requests are logged by route only, errors by type. */
function logOptions(extra: object): object {
  return { level: 'info', ...extra, serializers: { req: () => undefined, res: () => undefined } };
}
