import { randomUUID } from 'node:crypto';
import { formatHlc } from '../common/hlc';
import type { Mutation, PullResponse, PushResponse } from '../common/sync';
import type { TestServer, TestUser } from './testing';

/** A minimal sync client for the server's own tests: one device, its seq counter, its HLC. */
export class TestDevice {
  seq = 0;
  private counter = 0;
  token = '';
  cursor: string | undefined;

  constructor(
    readonly server: TestServer,
    readonly user: TestUser,
    readonly id = randomUUID(),
  ) {}

  async signIn(): Promise<this> {
    this.token = (await this.server.login(this.user, this.id)).access_token;
    return this;
  }

  hlc(wallMs = Date.now()): string {
    return formatHlc({ wallMs, counter: this.counter++, deviceId: this.id });
  }

  /** A mutation with the next seq. */
  mutation(m: Partial<Mutation> & Pick<Mutation, 'entity' | 'row_id'>): Mutation {
    this.seq += 1;
    return { seq: this.seq, id: m.row_id, op: 'upsert', fields: {}, hlc: this.hlc(), base_version: null, ...m };
  }

  async push(mutations: Mutation[]): Promise<PushResponse> {
    const response = await this.request('POST', '/v1/sync/push', { device_id: this.id, mutations });
    if (response.status !== 200) throw new Error(`push ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body as PushResponse;
  }

  async pull(limit = 1000): Promise<PullResponse> {
    const query = new URLSearchParams({ limit: String(limit), ...(this.cursor ? { cursor: this.cursor } : {}) });
    const response = await this.request('GET', `/v1/sync/pull?${query}`);
    if (response.status !== 200) throw new Error(`pull ${response.status}: ${JSON.stringify(response.body)}`);
    const page = response.body as PullResponse;
    this.cursor = page.cursor;
    return page;
  }

  /** Pulls every page; the changes in order. */
  async pullAll(limit = 1000): Promise<PullResponse['changes']> {
    const all: PullResponse['changes'] = [];
    for (;;) {
      const page = await this.pull(limit);
      all.push(...page.changes);
      if (!page.has_more) return all;
    }
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown; headers: Headers }> {
    const response = await fetch(`${this.server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }
}

export function beneficiary(clinicId: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  const at = new Date().toISOString();
  return {
    clinicId,
    code: `KIS-${randomUUID().slice(0, 6)}`,
    givenName: 'Amina',
    familyName: 'Otieno',
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}
