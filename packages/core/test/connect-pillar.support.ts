import { container } from 'tsyringe';
import {
  CLOCK,
  createRegistry,
  EscalationError,
  type Delivery,
  type EscalationAdapter,
  type EscalationContext,
  type EscalationOption,
  type PillarChatContext,
  type PillarLike,
  type PillarSidebarClick,
  type PillarToolDefinition,
  type EscalationToolInput,
} from '@pillar/escalation-core';

/** A recording stand-in for the Pillar SDK instance: the parts connectPillar uses, plus ways to drive them. */
export interface FakePillar extends PillarLike {
  chat: PillarChatContext | null;
  readonly listeners: Set<(data: PillarSidebarClick) => void>;
  readonly tools: Map<string, PillarToolDefinition<EscalationToolInput>>;
  /** What the SDK does on a tab click: call every `sidebar:click` listener; returns what they returned. */
  click(tabId: string, label?: string): unknown[];
  /** What the SDK does when the co-pilot calls a tool. */
  callTool(name: string, input: unknown): Promise<Record<string, unknown>>;
}

export function fakePillar(chat: PillarChatContext | null = null): FakePillar {
  const listeners = new Set<(data: PillarSidebarClick) => void>();
  const tools = new Map<string, PillarToolDefinition<EscalationToolInput>>();
  const pillar: FakePillar = {
    chat,
    listeners,
    tools,
    on: jest.fn((event: string, callback: (data: PillarSidebarClick) => void) => {
      if (event !== 'sidebar:click') throw new Error(`unexpected event ${event}`);
      listeners.add(callback);
      return () => listeners.delete(callback);
    }),
    getChatContext: () => pillar.chat,
    defineTool: jest.fn((schema: PillarToolDefinition<EscalationToolInput>) => {
      tools.set(schema.name, schema);
      return () => tools.delete(schema.name);
    }),
    click: (tabId, label = tabId) => [...listeners].map((listener) => listener({ tabId, label })),
    callTool: async (name, input) => {
      const tool = tools.get(name);
      if (!tool) throw new Error(`no tool ${name}`);
      return tool.execute(input as EscalationToolInput);
    },
  };
  return pillar;
}

export interface Delivered {
  optionId: string;
  payload: { transcript: string; user: string | null; reason: string | null; conversationId: string | null };
  context: EscalationContext;
}

/** An adapter that records what it delivers; `behave` decides the outcome (default: opened). */
export function recordingAdapter(
  kind: string,
  delivered: Delivered[],
  optionId: string,
  behave?: () => Promise<Delivery>,
): EscalationAdapter<Delivered['payload']> {
  return {
    kind,
    runtime: 'browser',
    toPayload: (context) => ({
      transcript: context.messages.map((m) => `${m.role}: ${m.content}`).join('\n'),
      user: context.user?.email ?? null,
      reason: context.reason ?? null,
      conversationId: context.conversationId,
    }),
    deliver: async (payload, { context }) => {
      delivered.push({ optionId, payload, context });
      return behave ? behave() : { status: 'opened' };
    },
  };
}

export function unavailable(): Promise<Delivery> {
  return Promise.reject(new EscalationError('PROVIDER_UNAVAILABLE', 'The widget did not load (blocked)'));
}

/** A promise you resolve from outside, for "while one is running" tests. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A registry whose clock is fixed at `now`. */
export function registryAt(now: Date, options: EscalationOption[]) {
  const child = container.createChildContainer();
  child.register(CLOCK, { useValue: { now: () => now } });
  return createRegistry({ container: child, options });
}

/** Lets every pending microtask and timer-free promise settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

export const conversation: PillarChatContext = {
  conversationId: 'conv-1',
  messages: [
    { role: 'user', content: 'I was charged twice this month' },
    { role: 'assistant', content: 'I see two charges on May 3; refunds need our billing team.' },
  ],
};

/**
 * The `<!-- output: docs/examples/x.ts -->` blocks of a docs page, each with what running the
 * example with tsx prints now (so the page can never show stale output).
 */
export function docOutputs(page: string): Array<{ example: string; shown: string; printed: string }> {
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  const { join } = require('node:path') as typeof import('node:path');
  const root = join(__dirname, '..', '..', '..');
  const text = readFileSync(join(root, page), 'utf8');
  return [...text.matchAll(/<!-- output: (docs\/examples\/[\w-]+\.ts) -->\n```text\n([\s\S]*?)\n```/g)].map((match) => {
    const example = match[1]!;
    const printed = execFileSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, example)], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    return { example, shown: match[2]!, printed: printed.replace(/\n$/, '') };
  });
}
