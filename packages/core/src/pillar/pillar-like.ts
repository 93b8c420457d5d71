import type { PillarChatContext } from '../context/from-pillar-chat';
import type { EscalationReason } from '../context/types';

/** What Pillar emits when a sidebar tab other than the assistant is clicked. */
export interface PillarSidebarClick {
  /** The clicked tab's `id` from the `sidebarTabs` config: an option id, or a key of `connectPillar`'s `tabs`. */
  tabId: string;
  /** The clicked tab's label, as shown. */
  label: string;
}

/** The input the co-pilot gives the escalation tool. */
export interface EscalationToolInput {
  /** Why the user needs a human, as the co-pilot judged it: becomes the context's `reason` and picks the option through the tool's `routes`. */
  reason: EscalationReason;
  /** One or two sentences for the human: what the user needs and what was tried. */
  summary?: string;
}

/**
 * A tool as `pillar.defineTool()` takes it (the executable kind). Structural: the SDK's own
 * `ToolSchema` accepts it.
 */
export interface PillarToolDefinition<TInput = Record<string, unknown>> {
  /** The tool's name as the co-pilot calls it (letters, digits, `_ . : -`, at most 64 characters). */
  name: string;
  /** What the tool does and when to use it; the co-pilot reads it to decide. */
  description: string;
  /** Agent-facing instructions appended to the description when the co-pilot picks tools. */
  guidance?: string;
  /** User queries that should make the co-pilot reach for the tool. */
  examples?: string[];
  /** The JSON Schema of the input the co-pilot must give `execute`. */
  inputSchema: {
    /** Always `'object'`: the input is one object. */
    type: 'object';
    /** JSON Schema of each input field, by name. */
    properties: Record<string, unknown>;
    /** The fields the co-pilot must fill. */
    required?: string[];
  };
  /** Run without asking the user first. Absent: the SDK's default (ask). */
  autoRun?: boolean;
  /** What `execute` returns is sent back to the co-pilot as the tool result. */
  execute: (input: TInput) => Promise<Record<string, unknown>>;
}

/**
 * The part of the Pillar SDK instance (`await Pillar.init(...)` from `@pillar-ai/sdk`) that
 * `connectPillar` uses. Structural, so core has no dependency on the SDK: the real `Pillar`
 * satisfies it, and so does a small fake in tests.
 */
export interface PillarLike {
  /** Subscribes to an SDK event; returns the function that unsubscribes. */
  on(event: 'sidebar:click', callback: (data: PillarSidebarClick) => void): () => void;
  /** The current conversation, or `null` before the first message. */
  getChatContext(): PillarChatContext | null;
  /** Registers a tool the co-pilot can call; returns the function that removes it. Needed only for `tool`. */
  defineTool?(schema: PillarToolDefinition<EscalationToolInput>): () => void;
}
