import { EscalationError, type EscalationAdapter, type EscalationContext, type Scalar } from '@pillar/escalation-core';

/** The payload of the small, well-behaved adapter the testkit's own tests run against. */
export interface NotePayload {
  subject: string;
  text: string;
  html: string;
  tags: string[];
  url: string;
  meta: Record<string, Scalar>;
}

export const NOTE_LIMITS = {
  fields: { subject: 150, text: 10_000, html: 20_000, tags: 5, 'tags[]': 40 },
  maxUrlLength: 2_000,
};

/** Cuts at `max` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function toPayload(context: EscalationContext): NotePayload {
  if (!Array.isArray(context.messages)) throw new EscalationError('INVALID_CONTEXT', 'messages must be an array');
  const first = context.messages.find((m) => m.role === 'user');
  const subject = cut(first?.content.replace(/\s+/g, ' ').trim() || 'Conversation with the assistant', NOTE_LIMITS.fields.subject);
  const text = cut(context.messages.map((m) => `${m.role}: ${m.content}`).join('\n'), NOTE_LIMITS.fields.text);
  let html = '<div>';
  for (const m of context.messages) {
    const paragraph = `<p><strong>${m.role}</strong>: ${escapeHtml(cut(m.content, 1_000))}</p>`;
    if (html.length + paragraph.length + '</div>'.length > NOTE_LIMITS.fields.html) break;
    html += paragraph;
  }
  html += '</div>';
  const query = new URLSearchParams({ subject, conversation: context.conversationId ?? '' });
  return {
    subject,
    text,
    html,
    tags: ['pillar', ...(context.reason ? [context.reason] : [])],
    url: `https://support.example.com/new?${query.toString()}`,
    meta: { ...context.metadata },
  };
}

/** A tiny adapter that does everything right: the conformance suite must pass on it. */
export function noteAdapter(overrides: Partial<EscalationAdapter<NotePayload>> = {}): EscalationAdapter<NotePayload> {
  return {
    kind: 'test-note',
    runtime: 'universal',
    limits: NOTE_LIMITS,
    toPayload,
    async deliver(payload, options) {
      if (options.signal?.aborted) throw new EscalationError('ABORTED', 'The escalation was aborted');
      return { status: 'created', reference: { id: `note-${payload.subject.length}`, url: 'https://support.example.com/notes/1' } };
    },
    ...overrides,
  };
}
