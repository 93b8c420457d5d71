import { accountEmergency } from './account-emergency';
import { billingDispute } from './billing-dispute';
import { asksForPerson } from './explicit-ask';
import { escalationProbability, HUMAN_PRECEDENCE, MODEL_REASONS, reasonIndex } from './model';
import type { Token } from './text';

/** What the structural rules read from a conversation, beside the model. */
export interface Rules {
  /** The index of the user's latest message (-1: none). */
  lastUser: number;
  /** The sentence of the user's latest message that plainly asks for a person (-1: none). */
  asked: number;
  /** The latest user message that tells of an account emergency of the user's own (-1: none). */
  account: number;
  /** The latest user message that disputes money taken from the user (-1: none). */
  billing: number;
}

/** No rule fires (the model alone). */
export const NO_RULES: Rules = { lastUser: -1, asked: -1, account: -1, billing: -1 };

/** Reads the rules from a conversation's messages (their sentences as words). */
export function readRules(messages: ReadonlyArray<{ role: 'user' | 'assistant'; sentences: readonly (readonly Token[])[] }>): Rules {
  let lastUser = messages.length - 1;
  while (lastUser >= 0 && messages[lastUser]!.role !== 'user') lastUser--;
  const latest = (test: (sentences: readonly (readonly Token[])[]) => boolean): number => {
    let i = lastUser;
    while (i >= 0 && !(messages[i]!.role === 'user' && test(messages[i]!.sentences))) i--;
    return i;
  };
  return { lastUser, asked: lastUser < 0 ? -1 : messages[lastUser]!.sentences.findIndex(asksForPerson), account: latest(accountEmergency), billing: latest(billingDispute) };
}

/** The decision: how likely a human is needed (the model's), whether to suggest one, and the reason (index in `MODEL_REASONS`, -1 when not suggested). */
export interface Decision {
  probability: number;
  suggest: boolean;
  reason: number;
}

/** An account emergency the rules read is suggested once the model's probability reaches this (half the usual bar: the rule is the stronger evidence, and a case the user closed stays closed). */
export const ACCOUNT_FLOOR = 0.25;

const HUMAN = MODEL_REASONS.indexOf('human_requested');
const BILLING = MODEL_REASONS.indexOf('billing');
const ACCOUNT = MODEL_REASONS.indexOf('account');

/**
 * Decides from the model's scores `z` and the rules, in the label order (a person asked for,
 * billing, account, bug, complex): a plain ask is `human_requested` whatever the model says; an
 * account emergency is `account` (once the model's probability reaches `ACCOUNT_FLOOR`) unless
 * the model finds a billing dispute; otherwise the model decides whether (its probability
 * reaches `threshold`), and a billing dispute the rules read is `billing` unless the model finds
 * that the user asked for a person.
 */
export function decide(z: readonly number[], rules: Rules, threshold = 0.5, precedence = HUMAN_PRECEDENCE): Decision {
  const probability = escalationProbability(z);
  if (rules.asked >= 0) return { probability, suggest: true, reason: HUMAN };
  const reason = reasonIndex(z, precedence);
  if (rules.account >= 0 && probability >= Math.min(threshold, ACCOUNT_FLOOR)) return { probability, suggest: true, reason: reason === BILLING && probability >= threshold ? BILLING : ACCOUNT };
  if (probability < threshold) return { probability, suggest: false, reason: -1 };
  return { probability, suggest: true, reason: rules.billing >= 0 && reason !== HUMAN ? BILLING : reason };
}
