import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  EscalationError,
  renderTranscript,
  titleFromContext,
  type EscalationAdapter,
  type EscalationContext,
  type EscalationUser,
} from '@pillar/escalation-core';

/** One escalation as the local inbox keeps it. */
export interface InboxEntry {
  /** `inbox-1`, `inbox-2`, ... in arrival order. */
  id: string;
  receivedAt: string;
  optionId: string;
  /** The option's label, e.g. "Open a ticket". */
  label: string;
  /** The provider this option delivers to once credentials are set, e.g. "a Zendesk ticket". */
  standsFor: string;
  idempotencyKey: string;
  subject: string;
  /** The context the server delivered (already redacted by the registry, user as the server identified them). */
  context: EscalationContext;
}

/** What the inbox adapter sends: what an agent's tool would receive. */
export interface InboxPayload {
  channel: { optionId: string; label: string; standsFor: string };
  subject: string;
  requester: Pick<EscalationUser, 'id' | 'name' | 'email' | 'plan' | 'role'> | null;
  conversationId: string | null;
  messageCount: number;
  /** The transcript as the agent reads it: HTML in which everything from the conversation is escaped. */
  html: string;
}

/** A JSON file of escalations, written atomically, one write at a time. */
export interface InboxStore {
  readonly file: string;
  list(): Promise<InboxEntry[]>;
  /** Adds an entry; an entry with the same idempotency key is returned instead of a second one. */
  add(entry: Omit<InboxEntry, 'id' | 'receivedAt'>): Promise<{ entry: InboxEntry; duplicate: boolean }>;
}

export function createInboxStore(dir: string): InboxStore {
  const file = join(dir, 'escalations.json');
  let queue: Promise<unknown> = Promise.resolve();

  const read = async (): Promise<InboxEntry[]> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) throw new Error(`${file} is not a JSON array: fix or delete it`);
    return parsed as InboxEntry[];
  };

  // Every read-modify-write runs after the previous one, so two escalations never lose each other.
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    file,
    list: () => serial(read),
    add: (input) =>
      serial(async () => {
        const entries = await read();
        const existing = entries.find((entry) => entry.idempotencyKey === input.idempotencyKey);
        if (existing) return { entry: existing, duplicate: true };
        const entry: InboxEntry = { id: `inbox-${entries.length + 1}`, receivedAt: new Date().toISOString(), ...input };
        await mkdir(dir, { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        await writeFile(temporary, `${JSON.stringify([...entries, entry], null, 2)}\n`);
        await rename(temporary, file);
        return { entry, duplicate: false };
      }),
  };
}

export interface InboxAdapterOptions {
  /** Where escalations are kept. */
  store: InboxStore;
  /** The option this adapter delivers for. */
  optionId: string;
  label: string;
  /** The provider it stands in for, shown in the inbox ("a Zendesk ticket"). */
  standsFor: string;
  /** The inbox page, for the delivery's reference (`http://127.0.0.1:5173/inbox`). */
  inboxUrl: () => string;
}

/**
 * A server adapter that delivers to the demo's local inbox instead of a provider: what the demo
 * uses for an option whose credentials are not set. It is a real adapter (pure `toPayload`,
 * `deliver` does the I/O, honours the idempotency key and the abort signal), so the registry,
 * the relay and the fallback treat it exactly like Zendesk or Freshdesk. Its kind ends in
 * `-ticket`: each entry is a ticket with a reference (`inbox-3`), and the status surface says so.
 */
export function inboxAdapter(options: InboxAdapterOptions): EscalationAdapter<InboxPayload> {
  return {
    kind: 'demo-inbox-ticket',
    runtime: 'server',
    toPayload(context) {
      const user = context.user;
      return {
        channel: { optionId: options.optionId, label: options.label, standsFor: options.standsFor },
        subject: titleFromContext(context, { maxLength: 150 }),
        requester: user
          ? {
              ...(user.id !== undefined ? { id: user.id } : {}),
              ...(user.name !== undefined ? { name: user.name } : {}),
              ...(user.email !== undefined ? { email: user.email } : {}),
              ...(user.plan !== undefined ? { plan: user.plan } : {}),
              ...(user.role !== undefined ? { role: user.role } : {}),
            }
          : null,
        conversationId: context.conversationId,
        messageCount: context.messages.length,
        html: renderTranscript(context, { format: 'html', maxLength: 60_000 }),
      };
    },
    async deliver(payload, { context, idempotencyKey, signal }) {
      if (signal?.aborted) throw new EscalationError('ABORTED', 'The delivery to the demo inbox was aborted', { optionId: options.optionId });
      let stored: Awaited<ReturnType<InboxStore['add']>>;
      try {
        stored = await options.store.add({
          optionId: options.optionId,
          label: options.label,
          standsFor: options.standsFor,
          idempotencyKey,
          subject: payload.subject,
          context,
        });
      } catch (error) {
        // A full disk or a broken file is the inbox being unavailable: say so, with the cause.
        throw new EscalationError('PROVIDER_UNAVAILABLE', `The demo inbox could not store the escalation: ${(error as Error).message}`, {
          optionId: options.optionId,
          retryable: false,
          cause: error,
        });
      }
      return {
        status: 'created',
        reference: { id: stored.entry.id, url: `${options.inboxUrl()}#${stored.entry.id}` },
        data: { duplicate: stored.duplicate },
      };
    },
  };
}
