import fc from 'fast-check';
import {
  EscalationError,
  handoffBrief,
  parseContext,
  redactContext,
  renderTranscript,
  type ChatMessage,
  type EscalationContext,
  type TranscriptFormat,
} from '@pillar/escalation-core';

const FORMATS: TranscriptFormat[] = ['text', 'markdown', 'html'];

const support: EscalationContext = {
  conversationId: 'c-1',
  user: { name: 'Ana Ruiz', email: 'ana@example.com', plan: 'pro', role: 'admin', locale: 'es-ES', timeZone: 'Europe/Madrid' },
  page: { title: 'Billing', url: 'https://app.example.com/billing' },
  reason: 'billing',
  copilot: {
    page: '/settings/billing',
    feature: 'Invoices',
    error: 'E42: Card declined',
    actions: [{ name: 'export_invoice', outcome: 'failed', at: '2026-12-07T10:00:00Z' }],
  },
  messages: [
    { role: 'user', content: 'Hi!', createdAt: '2026-12-07T09:58:00Z' },
    { role: 'assistant', content: 'Hello! How can I help?' },
    { role: 'user', content: 'I was charged twice for March, card 4242 4242 4242 4242 <script>x</script>' },
    { role: 'assistant', content: 'Open Settings > Billing and click "Download invoice". Check whether both charges are listed.' },
    { role: 'user', content: 'Did that, both charges are there.' },
    { role: 'assistant', content: "Sorry, I can't issue refunds. Our billing team can." },
    { role: 'user', content: 'Then I want to talk to a real person please', createdAt: '2026-12-07T10:05:00Z' },
  ],
};

describe('handoffBrief', () => {
  it('finds the ask, the step tried, where, why and who, quoting the conversation redacted', () => {
    const brief = handoffBrief(support);
    expect(brief.request).toEqual({ messageIndex: 2, text: 'I was charged twice for March, card [card •••• 4242] <script>x</script>' });
    expect(brief.tried).toEqual([
      expect.objectContaining({ messageIndex: 3, reportIndex: 4, outcome: 'done', text: expect.stringContaining('Open Settings > Billing') }),
    ]);
    expect(brief.where).toEqual({
      pageTitle: 'Billing',
      pageUrl: 'https://app.example.com/billing',
      productPage: '/settings/billing',
      feature: 'Invoices',
      error: 'E42: Card declined',
      actions: [{ name: 'export_invoice', outcome: 'failed', at: '2026-12-07T10:00:00Z' }],
    });
    expect(brief.why.reason).toBe('billing');
    expect(brief.why.signals.map((s) => [s.kind, s.count, s.quote.messageIndex])).toEqual([
      ['asked_for_human', 1, 6],
      ['assistant_cannot', 1, 5],
    ]);
    expect(brief.who).toEqual(expect.objectContaining({ plan: 'pro', role: 'admin', locale: 'es-ES', timeZone: 'Europe/Madrid', lastMessageAt: '2026-12-07T10:05:00Z' }));
  });

  it('quotes only the conversation’s own text: every quote is part of its (redacted) message', () => {
    const redacted = redactContext(support);
    const brief = handoffBrief(support);
    const quotes = [brief.request!, ...brief.tried, ...brief.why.signals.map((s) => s.quote)];
    for (const quote of quotes) {
      const source = redacted.messages[quote.messageIndex]!.content.replace(/\s+/g, ' ');
      expect(source).toContain(quote.text.replace(/…$/, ''));
    }
  });

  it('is deterministic and leaves its input alone', () => {
    const before = JSON.stringify(support);
    expect(handoffBrief(support)).toEqual(handoffBrief(support));
    expect(JSON.stringify(support)).toBe(before);
  });

  it.each([
    ['en', ['Hello', 'Hi, how can I help?', 'My CSV export stops at 500 rows since Monday'], 2],
    ['de', ['Guten Tag', 'Hallo! Wobei kann ich helfen?', 'Der Export bricht seit Montag nach 500 Zeilen ab'], 2],
    ['fr', ['Bonjour', 'Bonjour ! Comment puis-je vous aider ?', "L'export CSV s'arrête à 500 lignes depuis lundi"], 2],
    ['es', ['Hola', '¡Hola! ¿En qué puedo ayudarte?', 'La exportación CSV se corta en 500 filas desde el lunes'], 2],
    ['pt', ['Olá', 'Olá! Como posso ajudar?', 'A exportação CSV para em 500 linhas desde segunda'], 2],
    ['ja', ['こんにちは', 'こんにちは！ご用件は何でしょうか？', '月曜日からCSVのエクスポートが500行で止まってしまいます'], 2],
  ])('a greeting is not the ask (%s)', (_lang, texts, expected) => {
    const messages: ChatMessage[] = texts.map((content, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', content }));
    expect(handoffBrief({ conversationId: null, messages }, { redact: false }).request?.messageIndex).toBe(expected);
  });

  it('moves the request to where the topic changed, and back after a side question', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'How do I add a teammate to my workspace?' },
      { role: 'assistant', content: 'Go to Settings > Members and click Invite.' },
      { role: 'user', content: 'Perfect, thanks.' },
      { role: 'user', content: 'Another question: my invoices show the wrong VAT number since yesterday.' },
    ];
    expect(handoffBrief({ conversationId: null, messages }).request?.messageIndex).toBe(3);
    const back: ChatMessage[] = [
      ...messages,
      { role: 'assistant', content: 'The VAT number is set under Billing > Company.' },
      { role: 'user', content: 'Ok. Back to the teammate: the invite email never arrives.' },
    ];
    expect(handoffBrief({ conversationId: null, messages: back }).request?.messageIndex).toBe(0);
  });

  it('keeps the ask while it still fails: a topic marker then opens a side question', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'Our goal shows zero conversions since the domain migration.' },
      { role: 'assistant', content: 'Add the new domain under Settings > Domains.' },
      { role: 'user', content: 'Added it. Still zero conversions today.' },
      { role: 'assistant', content: 'Create a new goal with the same URL.' },
      { role: 'user', content: "Ok. Is there something else to try, by the way? I can't wait much longer." },
    ];
    expect(handoffBrief({ conversationId: null, messages }, { redact: false }).request?.messageIndex).toBe(0);
  });

  it('takes the first message that says something, unless the assistant then invites the ask (small talk before)', () => {
    const smallTalk: ChatMessage[] = [
      { role: 'user', content: 'Hey, happy Monday' },
      { role: 'assistant', content: 'Happy Monday! How can I help?' },
      { role: 'user', content: 'Just had my coffee, ready to fight with dashboards again' },
      { role: 'assistant', content: 'Sounds like a plan. What are we looking at?' },
      { role: 'user', content: 'Our revenue chart shows last week doubled, but finance says it did not.' },
    ];
    expect(handoffBrief({ conversationId: null, messages: smallTalk }, { redact: false }).request?.messageIndex).toBe(4);
    const plainAsk: ChatMessage[] = [
      { role: 'user', content: 'Our SSO login loops back to the login page for everyone.' },
      { role: 'assistant', content: 'Open Settings > SSO and save the metadata URL again.' },
      { role: 'user', content: 'Saved it again, same loop, and nobody can work.' },
    ];
    expect(handoffBrief({ conversationId: null, messages: plainAsk }, { redact: false }).request?.messageIndex).toBe(0);
  });

  it.each([
    ['en', ['hi, is now a good time?', 'Always! What can I help with?', 'Someone deleted a dashboard with 30 charts yesterday. Can it be restored?'], 2],
    ['de', ['Servus! Bist du ein Bot?', 'Ja, ich bin der Assistent. Was kann ich für Sie tun?', 'Die Lagerbestände werden seit gestern nicht mehr abgeglichen.'], 2],
    ['fr', ['Coucou ! Vous êtes un robot ?', 'Oui ! Que puis-je faire pour vous ?', 'Mes désinscriptions ont été multipliées par 10 sur la dernière newsletter.'], 2],
    ['ja', ['いつも便利に使わせてもらってます', 'ありがとうございます！何かお困りですか？', '請求書の金額が先月から二重に計上されています。'], 2],
  ])('after the assistant invites the ask, the next message that says something is the ask (%s)', (_lang, texts, expected) => {
    const messages: ChatMessage[] = texts.map((content, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', content }));
    expect(handoffBrief({ conversationId: null, messages }, { redact: false }).request?.messageIndex).toBe(expected);
  });

  it('a report on a step is no new ask, even after "Anything else?"', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'The calendar sync shows every event twice.' },
      { role: 'assistant', content: 'Disconnect the calendar under Settings > Calendars, then connect it again. Anything else I can help with?' },
      { role: 'user', content: 'Yes: I did that and it still shows every event twice.' },
    ];
    const brief = handoffBrief({ conversationId: null, messages }, { redact: false });
    expect([brief.request?.messageIndex, brief.tried.map((s) => [s.messageIndex, s.outcome])]).toEqual([0, [[1, 'failed']]]);
  });

  it('keeps the ask when "Anything else?" follows the handover', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'Our SSO login loops back to the login page.' },
      { role: 'assistant', content: 'Save the metadata URL again under Settings > SSO.' },
      { role: 'user', content: 'Saved, same loop.' },
      { role: 'assistant', content: "I'm handing this to our support team now. Anything else I can help with?" },
      { role: 'user', content: 'How long will it take until someone replies?' },
    ];
    expect(handoffBrief({ conversationId: null, messages }, { redact: false }).request?.messageIndex).toBe(0);
  });

  it('opens a topic at a marker in Japanese, and takes a step asked politely when the reply reports on it', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'CSVでエクスポートできますか？' },
      { role: 'assistant', content: 'はい、レポート画面の右上にある「エクスポート」から可能です。' },
      { role: 'user', content: 'ありがとうございます。ところで、先月の請求額が二重に引き落とされています。' },
      { role: 'assistant', content: '請求履歴を開いて、同じ日付の請求が2件あるか確認していただけますか。' },
      { role: 'user', content: '確認しました。2件あります。担当者と話せますか？' },
    ];
    const brief = handoffBrief({ conversationId: null, messages }, { redact: false });
    expect([brief.request?.messageIndex, brief.tried.map((s) => [s.messageIndex, s.outcome])]).toEqual([2, [[3, 'done']]]);
  });

  it('opens a topic when a report goes on with a marker, not when the failure comes before it', () => {
    const start: ChatMessage[] = [
      { role: 'user', content: 'The invoice PDF is blank when I download it.' },
      { role: 'assistant', content: 'Switch the PDF template to Classic under Settings > Invoices, then download again.' },
    ];
    const solved = [...start, { role: 'user', content: 'That worked, thanks! Another question: can I send invoices from my own domain?' } as ChatMessage];
    const solvedBrief = handoffBrief({ conversationId: null, messages: solved }, { redact: false });
    // The step was about the earlier topic: what was tried lists the steps for this request only.
    expect([solvedBrief.request?.messageIndex, solvedBrief.tried.map((s) => [s.messageIndex, s.outcome])]).toEqual([2, []]);
    const still = [...start, { role: 'user', content: 'Still blank. Also, unrelated: how do I change my avatar?' } as ChatMessage];
    expect(handoffBrief({ conversationId: null, messages: still }, { redact: false }).request?.messageIndex).toBe(0);
    const backReference = [...start, { role: 'user', content: "Done. But that doesn't fix the real problem." } as ChatMessage];
    expect(handoffBrief({ conversationId: null, messages: backReference }, { redact: false }).request?.messageIndex).toBe(0);
  });

  const ASK = 'The nightly export to S3 fails with an access error since Monday.';
  const stepAndReply = (step: string, reply: string): ChatMessage[] => [
    { role: 'user', content: ASK },
    { role: 'assistant', content: step },
    { role: 'user', content: reply },
  ];
  const triedOf = (messages: ChatMessage[]) => handoffBrief({ conversationId: null, messages }, { redact: false }).tried.map((s) => [s.messageIndex, s.outcome]);

  it.each([
    ['en', 'Rotate the access key under Settings > Storage and run the export again.', 'Rotated it. Same access error.', 'failed'],
    ['en', 'Clear the export queue and retry.', 'Cleared it and retried, it ran fine.', 'done'],
    ['de', 'Erneuern Sie den Schlüssel unter Einstellungen > Speicher.', 'Gemacht, bricht trotzdem ab.', 'failed'],
    ['fr', 'Renouvelez la clé dans Paramètres > Stockage.', 'Changé et enregistré.', 'done'],
    ['es', 'Cambie la clave en Ajustes > Almacenamiento.', 'Cambiado. Sigue sin funcionar.', 'failed'],
    ['pt', 'Troque a chave em Configurações > Armazenamento.', 'Mudei a chave. Ainda não funciona.', 'failed'],
    ['ja', 'アクセスキーを再発行していただけますか？', '再発行しましたが、まだエラーになります。', 'failed'],
  ])('hears a step reported done or failed (%s): "%s" / "%s"', (_lang, step, reply, outcome) => {
    expect(triedOf(stepAndReply(step, reply))).toEqual([[1, outcome]]);
  });

  it.each([
    ["You could rotate the key from the admin console.", "Not touching the admin console, that's IT's job."],
    ['Please have your admin rotate the key under Settings > Storage.', "I'm not an admin, and the admin is away."],
    ['Rotate the key from the admin console.', "I'll do that tomorrow."],
    ['Pode trocar a chave em Configurações > Armazenamento.', 'O administrador está fora até quarta. Não dá.'],
    ['Which region is the bucket in? You can see it under Storage > Details.', 'eu-west-1'],
    ['Yes: Settings > Exports > Schedule.', 'Thanks. Now, about that access error.'],
  ])('hears no report when the user declines, cannot, or only answers: "%s" / "%s"', (step, reply) => {
    expect(triedOf(stepAndReply(step, reply))).toEqual([]);
  });

  it('counts what the co-pilot did in the product when it asks the user to check it', () => {
    const asked = stepAndReply("I've re-sent the export job from our side. Can you let me know if the file arrived?", 'Nothing arrived, same error.');
    expect(triedOf(asked)).toEqual([[1, 'failed']]);
    const told = stepAndReply("I've re-sent the export job from our side; it failed again with the same error.", "Yes, I got the alert.");
    expect(triedOf(told)).toEqual([]);
  });

  it('takes a menu path as a step when the user reports on it', () => {
    expect(triedOf(stepAndReply('Ajustes > Batería > Exportador > "Sin restricciones".', 'Ya lo tenía así.'))).toEqual([[1, 'done']]);
  });

  it('lists only the steps tried for the request, not those of an earlier topic', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'How do I change the default unit from grams to ounces?' },
      { role: 'assistant', content: 'Go to Settings > Units and set it to oz.' },
      { role: 'user', content: 'done, that worked thanks' },
      { role: 'assistant', content: 'Great! Anything else?' },
      { role: 'user', content: 'Yes, the real problem.' },
      { role: 'assistant', content: 'Go ahead.' },
      { role: 'user', content: ASK },
      { role: 'assistant', content: 'Rotate the access key under Settings > Storage.' },
      { role: 'user', content: 'Rotated. Same error.' },
    ];
    const brief = handoffBrief({ conversationId: null, messages }, { redact: false });
    expect(brief.request?.messageIndex).toBe(6);
    expect(brief.tried.map((s) => s.messageIndex)).toEqual([7]);
  });

  it.each([
    ['de', 'Danke! Gibt es etwas, wobei ich helfen kann?'],
    ['fr', 'Très bien ! Dites-moi ce qui se passe.'],
    ['pt', 'Que bom! E hoje, precisa de algo?'],
    ['en', "Hi! Yes, I'm the assistant. What's up?"],
  ])('takes the message after an invitation as the ask (%s): "%s"', (_lang, invite) => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'Hello, first of all: love the new design of the app.' },
      { role: 'assistant', content: invite },
      { role: 'user', content: ASK },
    ];
    expect(handoffBrief({ conversationId: null, messages }, { redact: false }).request?.messageIndex).toBe(2);
  });

  it('takes a question back as no report on a step', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'About 40 invoices went out with the wrong tax rate.' },
      { role: 'assistant', content: "You can issue a credit note per invoice from the invoice menu > 'Issue credit note'." },
      { role: 'user', content: "40 of them? Can't that be done in bulk?" },
    ];
    expect(handoffBrief({ conversationId: null, messages }, { redact: false }).tried).toEqual([]);
  });

  it('reads cues in any case, with or without accents and curly apostrophes', () => {
    const variants = ['Ça ne marche toujours pas', 'CA NE MARCHE TOUJOURS PAS', 'It still doesn’t work', 'Não funcionou, continua igual'];
    for (const content of variants) {
      const messages: ChatMessage[] = [
        { role: 'user', content: 'The CSV export fails since Monday with error 500.' },
        { role: 'assistant', content: 'Clear the cache and try the export again.' },
        { role: 'user', content },
      ];
      const brief = handoffBrief({ conversationId: null, messages }, { redact: false });
      expect([content, brief.tried.map((s) => s.outcome)]).toEqual([content, ['failed']]);
    }
  });

  it('leaves out steps that were only asked about, put off, or never reported on', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'Webhooks return 401 on every repository since this morning.' },
      { role: 'assistant', content: 'Which server do you send them to?' },
      { role: 'user', content: 'Our own, behind nginx.' },
      { role: 'assistant', content: 'Regenerate the webhook secret under Settings > Webhooks.' },
      { role: 'user', content: "I'll do that later." },
      { role: 'assistant', content: 'Check your server clock; a drift of more than 5 minutes breaks signatures.' },
      { role: 'user', content: 'Still 401, the clock is synced. I need a human.' },
      { role: 'assistant', content: 'Reinstall the app from the marketplace.' },
    ];
    const brief = handoffBrief({ conversationId: null, messages });
    expect(brief.tried.map((s) => [s.messageIndex, s.outcome])).toEqual([[5, 'failed']]);
    expect(brief.why.signals.find((s) => s.kind === 'still_failing')?.count).toBe(1);
  });

  it('has no request before the user asked anything', () => {
    expect(handoffBrief({ conversationId: null, messages: [] }).request).toBeUndefined();
    expect(handoffBrief({ conversationId: null, messages: [{ role: 'user', content: 'hi' }] }).request).toBeUndefined();
  });

  it('reads a conversation of up to 60 messages whole, and lists at most the latest 8 steps', () => {
    const conversation = (reported: (k: number) => boolean): ChatMessage[] => {
      const messages: ChatMessage[] = [{ role: 'user', content: 'The nightly sync fails with a timeout since Monday.' }];
      for (let k = 1; messages.length < 59; k++) {
        messages.push({ role: 'assistant', content: `Open Settings > Sync and set the batch size to ${k * 10}.` });
        messages.push({ role: 'user', content: reported(messages.length - 1) ? `Set it to ${k * 10}, still a timeout.` : 'Which batch size do you mean?' });
      }
      return messages;
    };
    const few = handoffBrief({ conversationId: null, messages: conversation((i) => i === 13 || i === 57) }, { redact: false });
    expect(few.tried.map((s) => s.messageIndex)).toEqual([13, 57]);
    const all = handoffBrief({ conversationId: null, messages: conversation(() => true) }, { redact: false });
    expect(all.tried.map((s) => s.messageIndex)).toEqual([43, 45, 47, 49, 51, 53, 55, 57]);
  });

  it('reads only the start and the end of a very long conversation, in bounded time', () => {
    const messages: ChatMessage[] = [];
    for (let i = 0; i < 5_000; i++) messages.push({ role: i % 2 ? 'assistant' : 'user', content: `message ${i} `.repeat(200) });
    const started = Date.now();
    const brief = handoffBrief({ conversationId: null, messages }, { redact: false });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(brief.request?.messageIndex).toBe(0);
    expect(brief.request!.text.length).toBeLessThanOrEqual(500);
  });

  it('looks for the ask among the first 12 messages, and for steps, signals and topic changes among the latest 48', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'Hello! How can I help?' },
      { role: 'user', content: 'The nightly sync fails with a timeout since Monday.' },
      { role: 'assistant', content: 'Open Settings > Sync and set the batch size to 10.' },
      { role: 'user', content: 'Did that, still a timeout. Can I talk to a person?' },
    ];
    // Far from both ends: another topic and a step, outside the window.
    while (messages.length < 400) messages.push({ role: messages.length % 2 ? 'assistant' : 'user', content: 'Another question: can I rename a workspace?' });
    while (messages.length < 1_000) messages.push({ role: messages.length % 2 ? 'assistant' : 'user', content: messages.length % 2 ? 'Let me check the logs.' : 'ok' });
    const early = handoffBrief({ conversationId: null, messages }, { redact: false });
    expect(early.request?.messageIndex).toBe(2);
    expect(early.tried).toEqual([]);
    expect(early.why.signals).toEqual([]);

    // In the latest 48: a new topic, a step reported on, and a request for a person.
    const late = messages.slice();
    late[960] = { role: 'user', content: 'Different question: how do I export the audit log?' };
    late[961] = { role: 'assistant', content: 'Open Admin > Audit log and click Export.' };
    late[962] = { role: 'user', content: 'Did that, nothing happens. I want to talk to a human.' };
    const brief = handoffBrief({ conversationId: null, messages: late }, { redact: false });
    expect(brief.request?.messageIndex).toBe(960);
    expect(brief.tried.map((s) => [s.messageIndex, s.outcome])).toEqual([[961, 'failed']]);
    expect(brief.why.signals.map((s) => [s.kind, s.count])).toEqual([
      ['asked_for_human', 1],
      ['still_failing', 1],
    ]);
  });

  it('reads cues on the messages as written, and quotes them redacted', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'My card 4242 4242 4242 4242 is declined at checkout.' },
      { role: 'assistant', content: 'Remove the card 4242 4242 4242 4242 under Billing and add it again.' },
      { role: 'user', content: 'Did that, still declined.' },
    ];
    const brief = handoffBrief({ conversationId: null, messages });
    expect(brief.request?.text).not.toContain('4242 4242');
    expect(brief.tried).toHaveLength(1);
    expect(brief.tried[0]!.text).toMatch(/^Remove the card .*4242\] under Billing and add it again\.$/);
    expect(brief.tried[0]!.text).not.toContain('4242 4242');
  });

  it('refuses what is not a context', () => {
    expect(() => handoffBrief({} as never)).toThrow(EscalationError);
    expect(() => handoffBrief({ conversationId: null, messages: [{ role: 'user', content: 1 }] } as never)).toThrow(/messages\[0\]\.content/);
  });
});

describe('renderTranscript: the brief heads the transcript', () => {
  it.each(FORMATS)('puts the brief first in %s, escaped, then the messages', (format) => {
    const out = renderTranscript(support, { format });
    const request = out.indexOf(format === 'text' ? 'Request:' : format === 'markdown' ? '**Request:**' : '<strong>Request:</strong>');
    expect(request).toBe(format === 'html' ? 3 : format === 'markdown' ? 2 : 0);
    expect(out.indexOf('What was tried')).toBeGreaterThan(request);
    expect(out.indexOf('Why a human')).toBeLessThan(out.indexOf(format === 'text' ? 'User (' : 'User'));
    expect(out).not.toContain('4242 4242');
    if (format === 'html') expect(out).not.toMatch(/<script|<\/script/);
    if (format === 'markdown') expect(out).toContain('\\<script\\>');
  });

  it('leaves the brief out with brief: false (the classic header)', () => {
    const out = renderTranscript(support, { format: 'text', brief: false });
    expect(out).not.toContain('Request:');
    expect(out.startsWith('Page: Billing')).toBe(true);
  });

  it.each([
    ['de', 'Anliegen:', 'Bereits versucht:', 'Nutzer ('],
    ['fr', 'Demande:', 'Déjà essayé:', 'Utilisateur ('],
    ['es', 'Solicitud:', 'Ya se intentó:', 'Usuario ('],
    ['pt', 'Pedido:', 'Já tentado:', 'Usuário ('],
    ['ja', '依頼内容:', '試したこと:', 'ユーザー ('],
    ['en-GB', 'Request:', 'What was tried:', 'User ('],
  ])('labels the brief and the transcript in the agent’s language (%s), never translating the user', (agentLocale, request, tried, user) => {
    const out = renderTranscript(support, { format: 'text', agentLocale });
    expect(out.startsWith(request)).toBe(true);
    expect(out).toContain(tried);
    expect(out).toContain(user);
    expect(out).toContain('I was charged twice for March');
    // Dates with Intl, in UTC with the user's local time beside them.
    expect(out).toMatch(/UTC · .*Europe\/Madrid/);
  });

  it('refuses an agentLocale that is not a language tag', () => {
    expect(() => renderTranscript(support, { format: 'text', agentLocale: 'not a tag!' })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
  });

  it.each(FORMATS)('cuts the conversation first, then the brief, which keeps its request (%s)', (format) => {
    const full = renderTranscript(support, { format });
    const briefOnly = renderTranscript({ ...support, messages: support.messages }, { format, maxLength: full.indexOf(format === 'html' ? '<p><strong>User' : 'User') - 1 });
    expect(briefOnly).toContain('Request');
    expect(briefOnly).toContain('7 earlier messages left out');
    expect(briefOnly).not.toMatch(/User \(|<strong>User/);
    for (const max of [40, 80, 200, 400]) {
      const out = renderTranscript(support, { format, maxLength: max });
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).toContain(max >= 80 ? 'I was charged' : 'I was');
    }
  });

  it('stays within any limit and starts with the brief for any conversation (property)', () => {
    const message = fc.record({
      role: fc.constantFrom('user', 'assistant', 'system') as fc.Arbitrary<ChatMessage['role']>,
      content: fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('Still not working', 'Try clearing the cache.', 'I want a human', '<b>&amp;</b>', '𝕏 emoji 😀')),
    });
    fc.assert(
      fc.property(fc.array(message, { maxLength: 12 }), fc.integer({ min: 0, max: 1500 }), fc.constantFrom(...FORMATS), (messages, max, format) => {
        const context: EscalationContext = { conversationId: 'c', messages };
        const out = renderTranscript(context, { format, maxLength: max });
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        const brief = handoffBrief(context);
        if (brief.request && max >= 200) {
          const label = format === 'text' ? 'Request: ' : format === 'markdown' ? '- **Request:** ' : '<p><strong>Request:</strong> ';
          expect(out.startsWith(label)).toBe(true);
        }
      }),
      { seed: 15, numRuns: 300 },
    );
  });
});

describe('parseContext: copilot', () => {
  it('keeps a valid copilot activity and refuses what is malformed or too big', () => {
    const parsed = parseContext({ conversationId: null, messages: [], copilot: { page: ' /x ', actions: [{ name: 'run', outcome: 'failed', at: '2026-12-07T10:00:00Z' }] } });
    expect(parsed.copilot).toEqual({ page: '/x', actions: [{ name: 'run', outcome: 'failed', at: '2026-12-07T10:00:00Z' }] });
    const bad: Array<[unknown, string]> = [
      [[], 'copilot'],
      [{ actions: 'x' }, 'copilot.actions'],
      [{ actions: Array.from({ length: 21 }, () => ({ name: 'a', outcome: 'succeeded' })) }, 'copilot.actions'],
      [{ actions: [{ name: '', outcome: 'succeeded' }] }, 'copilot.actions[0].name'],
      [{ actions: [{ name: 'a', outcome: 'ok' }] }, 'copilot.actions[0].outcome'],
      [{ actions: [{ name: 'a', outcome: 'failed', at: 'yesterday' }] }, 'copilot.actions[0].at'],
      [{ feature: 'x'.repeat(257) }, 'copilot.feature'],
      [{ error: 42 }, 'copilot.error'],
    ];
    for (const [copilot, path] of bad) {
      expect(() => parseContext({ conversationId: null, messages: [], copilot })).toThrow(expect.objectContaining({ code: 'INVALID_CONTEXT', details: expect.objectContaining({ path }) }));
    }
    expect(() => parseContext({ conversationId: null, messages: [], copilot: { page: 'x'.repeat(500) } }, { maxTotalLength: 100 })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ limit: 'maxTotalLength' }) }),
    );
  });

  it('is redacted with the rest of the context', () => {
    const context: EscalationContext = { conversationId: null, messages: [], copilot: { error: 'card 4242 4242 4242 4242', actions: [{ name: 'sk_live_abcdefghijkl', outcome: 'failed' }] } };
    const redacted = redactContext(context);
    expect(redacted.copilot?.error).toBe('card [card •••• 4242]');
    expect(redacted.copilot?.actions?.[0]?.name).toMatch(/^\[redacted Stripe key/);
    expect(renderTranscript(context, { format: 'text' })).not.toContain('4242 4242');
  });
});
