/**
 * Counters for /metrics in the Prometheus text format. In-process: each
 * replica reports its own, which is what Prometheus scrapes per instance.
 */
export class Metrics {
  private counters = new Map<string, number>();

  add(name: string, labels: Record<string, string | number>, value = 1): void {
    const key = `${name}{${Object.entries(labels)
      .map(([k, v]) => `${k}="${String(v).replace(/["\\\n]/g, '_')}"`)
      .join(',')}}`;
    this.counters.set(key, (this.counters.get(key) ?? 0) + value);
  }

  render(): string {
    const help: Record<string, string> = {
      outpost_http_requests_total: 'HTTP requests answered, by method, route and status.',
      outpost_http_request_duration_seconds_sum: 'Total time spent answering, by route.',
      outpost_http_request_duration_seconds_count: 'Requests timed, by route.',
      outpost_sync_push_mutations_total: 'Pushed mutations, by result.',
      outpost_sync_pull_pages_total: 'Pull pages served.',
      outpost_sync_pull_changes_total: 'Changes delivered by pulls.',
      outpost_audit_entries_total: 'Pushed audit entries, stored or already stored (duplicate).',
      outpost_audit_chain_breaks_total: 'Stored audit entries whose hash (hash) or link to the entry before (link) does not hold.',
    };
    const lines: string[] = [];
    for (const [name, text] of Object.entries(help)) {
      lines.push(`# HELP ${name} ${text}`, `# TYPE ${name} counter`);
      for (const [key, value] of [...this.counters].sort()) if (key.startsWith(`${name}{`)) lines.push(`${key.replace('{}', '')} ${value}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
