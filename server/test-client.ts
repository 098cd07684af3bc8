import { createHash, randomUUID } from 'node:crypto';
import { auditHashInput, GENESIS_HASH } from '../common/auditChain';
import { formatHlc } from '../common/hlc';
import type { AuditEntryWire, Mutation, PullResponse, PushResponse } from '../common/sync';
import type { TestServer, TestUser } from './testing';

/** A minimal sync client for the server's own tests: one device, its seq counter, its HLC. */
export class TestDevice {
  seq = 0;
  private counter = 0;
  token = '';
  cursor: string | undefined;
  private auditSeq = 0;
  private auditHead = GENESIS_HASH;

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

  /** The next entry of this device's audit trail, hashed and chained as the app does it. */
  auditEntry(
    fields: Partial<Pick<AuditEntryWire, 'action' | 'entity' | 'row_id' | 'clinic_id' | 'user_id' | 'detail'>> = {},
  ): AuditEntryWire {
    const entry = {
      id: randomUUID(),
      seq: ++this.auditSeq,
      at: new Date().toISOString(),
      user_id: this.user.id,
      device_id: this.id,
      action: 'beneficiaries.view',
      entity: null,
      row_id: null,
      clinic_id: this.server.clinic.id,
      detail: null,
      ...fields,
    };
    const content = { ...entry, userId: entry.user_id, deviceId: entry.device_id, rowId: entry.row_id, clinicId: entry.clinic_id };
    const hash = createHash('sha256').update(auditHashInput(this.auditHead, content)).digest('hex');
    const chained = { ...entry, prev_hash: this.auditHead, hash };
    this.auditHead = hash;
    return chained;
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
