/** The three emulated providers. */
export type ProviderName = 'zendesk' | 'freshdesk' | 'intercom';

/** One record a provider holds: a Zendesk or Freshdesk ticket, an Intercom conversation. */
export interface ProviderRecord {
  provider: ProviderName;
  /** The provider's id. */
  id: string;
  /** The escalation it belongs to, read from its content (see {@link escalationMarker}); `undefined` when none is found. */
  escalation: string | undefined;
  /** When it was created, in ms since the epoch. */
  createdAt: number;
}

const MARKER = /\bchaosmark([0-9]{6})\b/;

/**
 * The word every escalation of a run carries in its first user message: letters and digits
 * only, so it survives every transcript format (HTML escaping, plain text, a cut). The
 * emulator reads it back from each record's content: which escalation a record belongs to is
 * the truth, whatever key or tag the adapters stamped.
 */
export function escalationMarker(index: number): string {
  return `chaosmark${String(index).padStart(6, '0')}`;
}

/** The escalation a record's text belongs to, `undefined` when it carries no marker. */
export function markerIn(text: string): string | undefined {
  return MARKER.exec(text)?.[0];
}

/** Every record the emulator made, across the providers: the run's truth. */
export class Truth {
  private readonly records: ProviderRecord[] = [];

  /** Keeps a new record. */
  add(record: ProviderRecord): void {
    this.records.push(record);
  }

  /** Every record, oldest first. */
  all(): readonly ProviderRecord[] {
    return this.records;
  }

  /** The records by escalation marker. */
  byEscalation(): Map<string, ProviderRecord[]> {
    const out = new Map<string, ProviderRecord[]>();
    for (const record of this.records) {
      if (record.escalation === undefined) continue;
      const list = out.get(record.escalation);
      if (list) list.push(record);
      else out.set(record.escalation, [record]);
    }
    return out;
  }
}
