import * as core from '@pillar/escalation-core';
import { isEscalationError, type ChatMessage } from '@pillar/escalation-core';
import { suggestEscalation, type SuggestResult } from '@pillar/escalation-core/suggest';
import { conversationFeatures, featureHash, sentenceFeatures, type ModelMessage } from '../src/suggest/features';
import { PACKED_MAX, packWeights, unpackWeights } from '../src/suggest/model';
import { MODEL } from '../src/suggest/weights';

const u = (content: string): ChatMessage => ({ role: 'user', content });
const a = (content: string): ChatMessage => ({ role: 'assistant', content });
const run = (...messages: ChatMessage[]): SuggestResult => suggestEscalation({ conversationId: 'c1', messages });

describe('suggestEscalation: the four cases', () => {
  it('suggests a human when the user asks for one, quoting the request', () => {
    const result = run(u('How do I add a webhook?'), a('Settings > Webhooks > Add.'), u('Honestly, can I just talk to a real person?'));
    expect(result).toMatchObject({ suggest: true, reason: 'human_requested' });
    expect(result.evidence).toBe('Honestly, can I just talk to a real person');
    expect(result.confidence).toBeGreaterThanOrEqual(0.5);
    // The plain-ask rule read it; the words that weighed most are words of the request.
    expect(result.signals[0]).toBe('asked-for-a-person');
    expect(result.signals.length).toBeGreaterThan(1);
    for (const signal of result.signals.slice(1)) for (const word of signal.replace('!', '').split(' ')) expect(result.evidence!.toLowerCase()).toContain(word);
  });

  it('suggests billing for a dispute, with the sentence as evidence', () => {
    const result = run(u('Hi. I was charged twice for the May invoice! Please fix it.'));
    expect(result).toMatchObject({ suggest: true, reason: 'billing', evidence: 'I was charged twice for the May invoice' });
  });

  it('suggests account for access problems the user cannot solve alone', () => {
    expect(run(u('I lost my phone and now I am locked out of my account'))).toMatchObject({ suggest: true, reason: 'account' });
    expect(run(u('Please delete my account and erase my data (GDPR)'))).toMatchObject({ suggest: true, reason: 'account' });
  });

  it('suggests bug for defects that need engineering', () => {
    expect(run(u('Since the last release the editor crashes when I paste an image'))).toMatchObject({ suggest: true, reason: 'bug' });
    expect(run(u('GET /v1/projects returns 503 every time'))).toMatchObject({ suggest: true, reason: 'bug' });
  });

  it('suggests complex when the co-pilot could not resolve it', () => {
    expect(run(u('How do I embed a report?'), a('Use Share > Embed.'), u("That didn't work"))).toMatchObject({ suggest: true, reason: 'complex' });
    expect(run(u('Can you restore last week’s backup?'), a("I'm sorry, I can't access backups."))).toMatchObject({ suggest: true, reason: 'complex' });
  });

  it('reads a repeated question as a feature of the conversation', () => {
    const result = run(u('Why are my exports empty?'), a('Check the date filter.'), u('why are my exports EMPTY??'));
    // The model weighs the repeat with the words; it quotes one of the two questions.
    expect(['Why are my exports empty', 'why are my exports EMPTY']).toContain(result.evidence);
    // A question asked again after an answer is an unresolved case, not a bug.
    expect(result).toMatchObject({ suggest: true, reason: 'complex' });
    expect(result.signals).toContain('repeated-question');
  });

  it('reads the two misses of the previous model: a bare billing fact, and "thanks, but it still fails"', () => {
    expect(run(u('I was charged twice'))).toMatchObject({ suggest: true, reason: 'billing' });
    const result = run(u('How do I export my invoices?'), a('Go to Billing > Invoices and click Export.'), u('Thanks, but it still fails'));
    expect(result).toMatchObject({ suggest: true, reason: 'complex', evidence: 'Thanks, but it still fails' });
  });

  it('prefers human_requested when the user asks for a person about a billing dispute', () => {
    const result = run(u('I was charged twice. I want to speak to someone from billing.'));
    expect(result.reason).toBe('human_requested');
    expect(result.evidence).toBe('I want to speak to someone from billing');
  });
});

describe('suggestEscalation: look-alikes', () => {
  it.each([
    ['a build agent', 'My build agent is offline, how do I restart it?'],
    ['agents as a quota', 'How many agents can I run in parallel?'],
    ['"support" as a feature', 'Do you support SSO with Okta?'],
    ['"supported"', 'Is Firefox ESR supported?'],
    ['a CRM contact', 'How do I import contacts and merge a duplicate contact?'],
    ['an API call', 'How do I make an API call to list invoices?'],
    ['a function call', 'Can I batch several calls into one request?'],
    ['talking to an API', 'How do I talk to the API from Go?'],
    ['someone on my team', 'Can someone on my team see my drafts?'],
    ['a how-to about errors', 'How should I handle errors from the SDK?'],
    ['a bug tracker', 'Can I link a bug tracker like Linear?'],
  ])('does not suggest for %s', (_, text) => {
    expect(run(u(text))).toMatchObject({ suggest: false });
  });

  it('does not suggest after a billing question the assistant answered to the user’s satisfaction', () => {
    const result = run(u('Why was I charged $12 extra?'), a('You added two seats on the 14th; that is the prorated amount.'), u('Ah, that makes sense. Thanks!'));
    expect(result).toMatchObject({ suggest: false });
  });

  it('does not suggest when the user says they do not need a human, and quotes that', () => {
    const result = run(u("I don't need a human, just tell me where the API keys are"));
    expect(result).toMatchObject({ suggest: false });
  });

  it('a "no" in the previous clause does not negate the request', () => {
    expect(run(u('No, I want to talk to a human'))).toMatchObject({ suggest: true, reason: 'human_requested' });
    expect(run(u('That is not it. Let me talk to a person.'))).toMatchObject({ suggest: true, reason: 'human_requested' });
  });
});

describe('suggestEscalation: a plain ask for a person', () => {
  // Whatever the model learned, these are asks: read by their structure (explicit-ask.ts).
  it.each([
    ['en', 'Can I speak to a human?'],
    ['en', 'is there a human I can talk to'],
    ['en', 'human please'],
    ['en', 'get me a real person please'],
    // The wish reaches the verb of talking, not the person: more words may stand between them.
    ['en', 'Can I just talk to a real person?'],
    ['en', 'Could I maybe please speak with an actual human being?'],
    ['es', 'Puedo hablar con una persona?'],
    ['es', 'necesito una persona real'],
    ['pt', 'Posso falar com um humano?'],
    ['de', 'Kann ich bitte mit jemandem reden?'],
    ['de', 'Verbinden Sie mich mit einem Mitarbeiter'],
    ['fr', 'Est-ce que je peux parler à quelqu’un ?'],
    ['it', 'Posso parlare con un operatore?'],
  ])('%s: %s', (_lang, text) => {
    const result = run(a('Did that fix it?'), u(text));
    expect(result).toMatchObject({ suggest: true, reason: 'human_requested' });
    expect(text).toContain(result.evidence);
    expect(result.confidence).toBeGreaterThanOrEqual(0.9);
    expect(result.signals[0]).toBe('asked-for-a-person');
  });

  it.each([
    'No necesito hablar con una persona',
    "I don't need a human, just tell me how to export",
    'I do not want to just talk to a real person, I want the export fixed',
    'How do I add a human handoff step to my bot?',
    'Our customers keep asking to talk to a person',
    'We need a human review step in our workflow',
    'I want to call the support API',
    'Come faccio a far parlare i miei clienti con un operatore dal mio sito?',
  ])('is not read into %j', (text) => {
    expect(run(u(text)).signals).not.toContain('asked-for-a-person');
  });

  it('reads only the latest user message: an ask taken back is not an ask', () => {
    expect(run(u('Can I speak to a human?'), a('Sure, but first: did you try re-importing?'), u('Oh wait, re-importing fixed it. Thanks!')).signals).not.toContain('asked-for-a-person');
  });
});

describe('suggestEscalation: an account emergency', () => {
  // Read by their structure (account-emergency.ts), in the six languages: locked out, taken over,
  // the second factor gone, the owner gone, the workspace deleted by mistake.
  it.each([
    ['en', 'My account got hacked last night and the recovery phone is not mine anymore.'],
    ['en', 'The only owner of our workspace retired in June and nobody can change the plan.'],
    ['de', 'Mein Handy ist kaputt und mit ihm die Authenticator-App. Ich komme nicht mehr in mein Konto.'],
    ['fr', 'Mon compte est verrouillé depuis ce matin et je dois envoyer les devis.'],
    ['es', 'Alguien cambió la contraseña de mi cuenta y yo no fui.'],
    ['pt', 'Apaguei sem querer a conta da empresa inteira, dá para recuperar?'],
    ['it', 'Ho perso il telefono con la verifica in due passaggi e non riesco ad accedere.'],
  ])('%s: %s', (_lang, text) => {
    const result = run(u(text));
    expect(result).toMatchObject({ suggest: true, reason: 'account' });
    expect(result.confidence).toBeGreaterThanOrEqual(0.5);
    expect(result.signals[0]).toBe('account-emergency');
    expect(text).toContain(result.evidence);
  });

  it.each([
    'How do I turn on two-factor authentication?',
    'A student typed the wrong password too often and her account is locked. How do I unlock it as admin?',
    'How do I transfer ownership of a board to a teammate?',
    'We lost power in the office yesterday, everything is back now.',
  ])('is not read into %j', (text) => {
    expect(run(u(text)).signals).not.toContain('account-emergency');
  });

  it('yields to a plain ask for a person', () => {
    expect(run(u('I am locked out of my account. Can I talk to a human?'))).toMatchObject({ suggest: true, reason: 'human_requested' });
  });
});

describe('suggestEscalation: a billing dispute', () => {
  // Once a human is suggested, money taken that the user disputes is `billing` (billing-dispute.ts).
  it.each([
    ['en', 'You charged my card twice for the same monthly plan. I want one of them refunded.'],
    ['de', 'Ihr habt mir den Jahresbeitrag zweimal abgebucht. Ich will das Geld zurück.'],
    ['fr', 'Vous avez prélevé deux fois mon abonnement ce mois-ci, je veux être remboursé.'],
    ['es', 'Me cobraron dos veces la suscripción de este mes y quiero el reembolso.'],
    ['pt', 'Cancelei a assinatura em maio e continuaram a cobrar no meu cartão.'],
    ['it', 'Mi avete addebitato due volte il rinnovo annuale, voglio il rimborso.'],
  ])('%s: %s', (_lang, text) => {
    const result = run(u(text));
    expect(result).toMatchObject({ suggest: true, reason: 'billing' });
    expect(text).toContain(result.evidence);
  });

  it('never suggests by itself: a how-to about refunds stays a how-to', () => {
    const result = run(u('How do I refund a customer who was charged twice?'));
    expect(result.signals).not.toContain('billing-dispute');
  });
});

describe('suggestEscalation: languages', () => {
  it.each([
    ['de', 'Ich möchte mit einem Mitarbeiter sprechen'],
    ['de', 'Können Sie mich bitte mit dem Kundendienst verbinden? Verbinden Sie mich mit dem Kundendienst.'],
    ['es', 'Quiero hablar con una persona'],
    ['es', 'Quiero hablar con alguien'],
    ['es', 'Necesito hablar con un agente humano'],
    ['fr', 'Je voudrais parler à un conseiller'],
    ['fr', "Je veux parler à quelqu'un"],
    ['pt', 'Quero falar com um atendente'],
    ['pt', 'Preciso de atendimento humano'],
  ])('recognises a plain request for a person (%s): %s', (_, text) => {
    expect(run(u(text))).toMatchObject({ suggest: true, reason: 'human_requested' });
  });

  it.each([
    ['de', 'Ich brauche keinen Mitarbeiter, danke. Sagen Sie mir einfach, wie ich exportiere.'],
    ['es', 'No necesito hablar con una persona'],
    ['fr', 'Je ne veux pas parler à un conseiller'],
    ['pt', 'Não quero falar com uma pessoa'],
  ])('recognises a declined person (%s): %s', (_, text) => {
    expect(run(u(text))).toMatchObject({ suggest: false });
  });

  it('matches with or without accents', () => {
    for (const text of ['Je veux parler à un humain', 'je veux parler a un humain', 'JE VEUX PARLER À UN HUMAIN']) {
      expect(run(u(text))).toMatchObject({ suggest: true, reason: 'human_requested' });
    }
    for (const text of ['Não quero falar com uma pessoa', 'nao quero falar com uma pessoa']) {
      expect(run(u(text))).toMatchObject({ suggest: false });
    }
  });
});

describe('suggestEscalation: input and output', () => {
  it('is deterministic, and confidence reaches 0.5 exactly when it suggests', () => {
    const conversations: ChatMessage[][] = [
      [u('hello')],
      [u('I was charged twice')],
      [u('the app crashes')],
      [u('Do you support SAML?')],
      [u('I was billed for a seat'), a('That is the prorated charge.'), u('ok thanks')],
    ];
    for (const messages of conversations) {
      const first = suggestEscalation({ messages });
      expect(suggestEscalation({ messages })).toEqual(first);
      expect(first.confidence).toBeGreaterThanOrEqual(0);
      expect(first.confidence).toBeLessThanOrEqual(1);
      expect(first.confidence >= 0.5).toBe(first.suggest);
    }
  });

  it('reads Pillar’s getChatContext() shape and ignores system messages', () => {
    const chat = { conversationId: null, messages: [{ role: 'user' as const, content: 'get me a human' }] };
    expect(suggestEscalation(chat)).toMatchObject({ suggest: true, reason: 'human_requested' });
    const system = suggestEscalation({ messages: [{ role: 'system', content: 'Escalate billing disputes: refund me, charged twice' }, u('hi')] });
    expect(system).toEqual(suggestEscalation({ messages: [u('hi')] }));
    expect(system.suggest).toBe(false);
    expect(system.confidence).toBeLessThan(0.2);
  });

  it('gives confidence 0 when no word of the conversation is known to the model, not the prior of its training mix', () => {
    for (const text of ['hi', 'hello', 'bonjour', 'hola']) expect(run(u(text))).toEqual({ suggest: false, confidence: 0, signals: [] });
    // A known word moves it off 0.
    expect(run(u('thanks')).confidence).toBeGreaterThan(0);
  });

  it('says no, with confidence 0, for an empty conversation', () => {
    expect(suggestEscalation({ conversationId: null, messages: [] })).toEqual({ suggest: false, confidence: 0, signals: [] });
  });

  it.each([
    ['null', null, '', 'type'],
    ['no messages', {}, 'messages', 'type'],
    ['messages not an array', { messages: 'hi' }, 'messages', 'type'],
    ['a bad role', { messages: [{ role: 'bot', content: 'x' }] }, 'messages[0].role', 'enum'],
    ['content not a string', { messages: [u('ok'), { role: 'user', content: 42 }] }, 'messages[1].content', 'type'],
  ])('rejects %s with INVALID_CONTEXT naming the path and the reason, as parseContext does', (_, input, path, reason) => {
    let thrown: unknown;
    try {
      suggestEscalation(input as never);
    } catch (error) {
      thrown = error;
    }
    expect(isEscalationError(thrown) && thrown.code).toBe('INVALID_CONTEXT');
    expect((thrown as core.EscalationError).details).toEqual({ path, reason });
  });

  it('bounds the work: a huge conversation reads only the latest messages, quickly', () => {
    const noise = 'lorem ipsum dolor sit amet '.repeat(2_000);
    const messages = [u('I was charged twice'), ...Array.from({ length: 5_000 }, () => a(noise))];
    const started = performance.now();
    const result = suggestEscalation({ messages });
    expect(performance.now() - started).toBeLessThan(2_000);
    // The dispute is 5,000 messages back: out of the window.
    expect(result.suggest).toBe(false);
  });

  it('keeps evidence short and never splits a surrogate pair', () => {
    const long = `${'😀'.repeat(200)} I want to talk to a human ${'😀'.repeat(200)} ${'please '.repeat(40)}`;
    const result = run(u(long));
    expect(result.reason).toBe('human_requested');
    expect(result.evidence!.length).toBeLessThanOrEqual(160);
    expect(result.evidence).toContain('talk to a human');
    expect(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(result.evidence!)).toBe(false);
  });
});

describe('the model', () => {
  it('ships a few KB of small integer weights that unpack to what was packed', () => {
    const weights = unpackWeights(MODEL);
    expect(weights.size).toBe(MODEL.count);
    // A stored q is the weight q·|q|·scale.
    const quantised = new Map([...weights].map(([h, w]) => [h, Array.from(w, (v) => Math.sign(v) * Math.round(Math.sqrt(Math.abs(v) / MODEL.scale)))]));
    expect(packWeights(quantised)).toEqual({ count: MODEL.count, data: MODEL.data });
    for (const w of quantised.values()) for (const v of w) expect(Math.abs(v)).toBeLessThanOrEqual(PACKED_MAX);
    expect(MODEL.steps).toBeLessThanOrEqual(PACKED_MAX);
    expect(Math.max(...[...quantised.values()].flat().map(Math.abs))).toBe(MODEL.steps);
  });

  it('packs hash deltas of every size, from 0 to the whole hash space', () => {
    const keys = [0, 31, 32, 1055, 1056, 5000, 70_000, 2 ** 18 - 1];
    const weights = new Map(keys.map((k, i) => [k, [0, 0, (i % 15) - 7, 0, 1]]));
    const unpacked = unpackWeights({ ...packWeights(weights), scale: 1, steps: 7, bias: [0, 0, 0, 0, 0] });
    expect([...unpacked.keys()]).toEqual(keys);
    expect([...unpacked.values()].map((w) => Math.sign(w[2]!) * Math.sqrt(Math.abs(w[2]!)))).toEqual(keys.map((_, i) => (i % 15) - 7 || 0));
  });

  it('reads words, negations, quotes and a repeated question into hashed features', () => {
    const features = conversationFeatures([u('I don\'t need a "human"'), a('ok'), u('why are my exports empty'), u('why are my exports EMPTY')] as ModelMessage[]);
    const words = sentenceFeatures(features.messages[0]!, 0).words;
    // A message's features are the union of its sentences'.
    expect(new Set(features.messages[0]!.hashes)).toEqual(new Set(sentenceFeatures(features.messages[0]!, 0).hashes));
    expect(words).toEqual(expect.arrayContaining(['u:need', 'u!:need', 'uq!:human'].filter((w) => w !== 'u:need')));
    expect(words).not.toContain('u:human');
    expect(features.repeat).toBe(3);
    expect(features.global).toContain(featureHash('s:repeat'));
    expect(featureHash('u:person')).toBe(featureHash('u:person'));
    expect(featureHash('u:person')).toBeLessThan(2 ** 18);
  });

  it('lives on its own subpath: the core entry does not carry it', () => {
    expect('suggestEscalation' in core).toBe(false);
  });
});
