import {
  EscalationError,
  baseUrl,
  bool,
  defaultTags,
  list,
  optionValue,
  record,
  callOption,
  defineOptions,
  fn,
  group,
  int,
  isLoopbackHost,
  oneOf,
  resolveOption,
  secret,
  string,
  valueOrFn,
  type EscalationContext,
} from '@pillar/escalation-core';

const context: EscalationContext = { conversationId: 'c1', messages: [{ role: 'user', content: 'help' }] };

function configError(run: () => unknown): EscalationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EscalationError);
    expect((error as EscalationError).code).toBe('CONFIGURATION');
    return error as EscalationError;
  }
  throw new Error('expected a CONFIGURATION error');
}

const ACME = defineOptions('acme-ticket', {
  baseUrl: baseUrl({ required: true }),
  apiKey: secret(),
  timeoutMs: int({ max: 60_000, default: 10_000 }),
  region: oneOf(['us', 'eu'], { default: 'us' }),
  subject: valueOrFn(string({ max: 150 })),
  onSent: fn(),
  mapping: group({ tags: valueOrFn(string()), descriptionMaxLength: int({ min: 100, default: 50_000 }) }),
});

describe('defineOptions', () => {
  it('fills defaults, normalises values and keeps functions', () => {
    const subject = () => 'Subject';
    const checked = ACME.check({ baseUrl: 'https://acme.example.com/api/', apiKey: 'k', subject, mapping: {} });
    // Types follow the declaration: defaults and required options always hold a value.
    const timeoutMs: number = checked.timeoutMs;
    const region: 'us' | 'eu' = checked.region;
    const url: string = checked.baseUrl;
    // @ts-expect-error subject has no default, so it may be undefined
    const subjectValue: string | ((c: EscalationContext) => string) = checked.subject;
    expect([timeoutMs, region, url, subjectValue]).toEqual([10_000, 'us', 'https://acme.example.com/api', subject]);
    expect(checked).toEqual({ baseUrl: 'https://acme.example.com/api', apiKey: 'k', timeoutMs: 10_000, region: 'us', subject, mapping: { descriptionMaxLength: 50_000 } });
  });

  it.each([
    [{ timeoutMs: 2.5 }, 'options.timeoutMs', 'acme-ticket: options.timeoutMs must be a whole number from 1 to 60000, got 2.5'],
    [{ timeoutMs: 0 }, 'options.timeoutMs', 'got 0'],
    [{ region: 'ap' }, 'options.region', 'must be one of "us", "eu", got "ap"'],
    [{ mapping: { descriptionMaxLength: 99 } }, 'options.mapping.descriptionMaxLength', 'of at least 100, got 99'],
    [{ mapping: 'x' }, 'options.mapping', 'must be an object'],
    [{ subject: 'x'.repeat(151) }, 'options.subject', 'at most 150 characters'],
    [{ onSent: 'no' }, 'options.onSent', 'must be a function'],
    [{ timeoutMS: 5 }, 'options.timeoutMS', 'is not an option'],
  ])('refuses %j with details.path %s', (extra, path, message) => {
    const error = configError(() => ACME.check({ baseUrl: 'https://acme.example.com', apiKey: 'k', ...extra }));
    expect(error.details).toMatchObject({ path, adapter: 'acme-ticket' });
    expect(error.message).toContain(message);
  });

  it('names a missing required option and never prints a secret', () => {
    expect(configError(() => ACME.check({ apiKey: 'k' })).details).toMatchObject({ path: 'options.baseUrl' });
    const error = configError(() => ACME.check({ baseUrl: 'https://acme.example.com', apiKey: 42 }));
    expect(error.details).toMatchObject({ path: 'options.apiKey' });
    expect(error.message).not.toContain('42');
    expect(configError(() => ACME.check(null)).message).toBe('acme-ticket: options must be an object');
  });
});

describe('baseUrl: one rule for a URL that receives a secret', () => {
  const check = (url: string) => defineOptions('a', { baseUrl: baseUrl({ required: true }) }).check({ baseUrl: url }).baseUrl;

  it.each(['http://localhost:8080', 'http://127.0.0.1', 'http://127.8.9.10/proxy', 'http://[::1]:3000', 'https://proxy.example.com'])('accepts %s', (url) => {
    expect(check(url)).toBe(url.replace(/\/$/, ''));
  });

  it.each(['http://proxy.example.com', 'http://localhost.example.com', 'http://128.0.0.1', 'http://10.0.0.1', 'http://[::2]'])('refuses a secret over plain http to %s', (url) => {
    const error = configError(() => check(url));
    expect(error.message).toMatch(/must use https/);
    expect(error.details).toMatchObject({ path: 'options.baseUrl' });
  });

  it.each(['https://user:pw@example.com', 'https://example.com/?a=1', 'https://example.com/#x', 'ftp://example.com', 'nope'])('refuses %s', (url) => {
    configError(() => check(url));
  });

  it('allows plain http for a URL that carries no secret', () => {
    expect(defineOptions('a', { url: baseUrl({ secret: false, required: true }) }).check({ url: 'http://forum.example.com/' }).url).toBe('http://forum.example.com');
  });

  it('knows loopback hosts as URL writes them', () => {
    expect(['localhost', '127.0.0.1', '127.255.0.9', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['localhost.', '::1', '1.127.0.0.1', 'example.com', '127.0.0'].some(isLoopbackHost)).toBe(false);
  });
});

describe("a user's callback", () => {
  it('maps a throw to CONFIGURATION naming the option, the thrown error as cause', () => {
    const boom = new TypeError('no plan');
    const error = configError(() =>
      callOption('acme-ticket', 'mapping.tags', () => {
        throw boom;
      }),
    );
    expect(error.message).toBe('acme-ticket: options.mapping.tags threw: no plan');
    expect(error.details).toMatchObject({ path: 'options.mapping.tags' });
    expect(error.cause).toBe(boom);
  });

  it('lets an EscalationError thrown on purpose through unchanged', () => {
    const own = new EscalationError('INVALID_CONTEXT', 'needs an email');
    expect(() =>
      callOption('a', 'x', () => {
        throw own;
      }),
    ).toThrow(own);
  });

  it('checks what a valueOrFn function returns against the declared field', () => {
    const field = valueOrFn(string({ max: 5 }));
    expect(resolveOption('a', 'subject', () => 'short', context, field)).toBe('short');
    expect(resolveOption('a', 'subject', 'fixed', context, field)).toBe('fixed');
    const error = configError(() => resolveOption('a', 'subject', () => 'far too long', context, field));
    expect(error.message).toBe('a: options.subject returned "far too long", which is not a non-empty string of at most 5 characters');
  });
});

describe('what the testkit tries', () => {
  it("every field's invalid samples are refused by its own check", () => {
    for (const [name, field] of Object.entries(ACME.fields)) {
      for (const value of field.invalid) {
        const error = configError(() => ACME.check({ baseUrl: 'https://acme.example.com', apiKey: 'k', [name]: value }));
        expect(error.details).toMatchObject({ path: `options.${name}` });
      }
    }
  });
});

describe('the kinds adapters share', () => {
  const KIT = defineOptions(
    'kit',
    { tags: list(string()), attrs: record(bool(), { reserved: ['app_id'] }), open: bool({ default: true }), descriptionMaxLength: int({ default: 100 }) },
    { renamed: { maxDescriptionLength: 'descriptionMaxLength', 'mapping.tags': 'tags' } },
  );

  it('names the refused item or entry', () => {
    expect(configError(() => KIT.check({ tags: ['a', ''] })).details).toMatchObject({ path: 'options.tags.1' });
    expect(configError(() => KIT.check({ attrs: { x: 'yes' } })).details).toMatchObject({ path: 'options.attrs.x' });
    expect(configError(() => defineOptions('kit', { rows: list(group({ name: string({ required: true }) })) }).check({ rows: [{ name: 'a' }, { name: '' }] })).details).toMatchObject({ path: 'options.rows.1.name' });
    expect(configError(() => KIT.check({ attrs: { app_id: true } })).message).toBe('kit: options.attrs.app_id is set by the adapter: use the options or the context instead');
  });

  it('takes an old name for the new one, from inside an old group too, but not both', () => {
    expect(KIT.check({ maxDescriptionLength: 7, mapping: { tags: ['x'] } })).toMatchObject({ descriptionMaxLength: 7, tags: ['x'], open: true });
    expect(configError(() => KIT.check({ maxDescriptionLength: 7, descriptionMaxLength: 8 })).details).toMatchObject({ path: 'options.maxDescriptionLength' });
    expect(configError(() => KIT.check({ mapping: { tags: ['x'], other: 1 } })).details).toMatchObject({ path: 'options.mapping' });
  });

  it('checks one option outside a declaration, and defaults it', () => {
    expect(optionValue('relay', 'timeoutMs', int({ default: 30_000 }), undefined)).toBe(30_000);
    expect(configError(() => optionValue('relay', 'timeoutMs', int({ default: 30_000 }), 2.5)).message).toBe('relay: options.timeoutMs must be a whole number of at least 1, got 2.5');
  });

  it('has one default tag scheme', () => {
    expect(defaultTags({ ...context, reason: 'billing' })).toEqual(['pillar-escalation', 'reason-billing']);
    expect(defaultTags(context)).toEqual(['pillar-escalation']);
  });
});
