import { fromHex, verifyHmac } from './crypto';
import { field, idText, text, timestamp, tokenReferences, type MappedEvent, type WebhookProvider } from './provider';

/** `webhooks.calendly`: the `signing_key` given to `POST /webhook_subscriptions`. */
export interface CalendlyWebhookOptions {
  /** The subscription's signing key. */
  signingKey: string;
}

/**
 * Calendly: `Calendly-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(key, "<t>." + raw
 * body)>`, with `t` within `toleranceMs` of the relay's clock. `invitee.created` is `booked`;
 * `invitee.canceled` is `canceled`, except the cancellation half of a reschedule
 * (`payload.rescheduled: true`), which changes nothing (the new booking follows).
 */
export function calendlyWebhook(options: CalendlyWebhookOptions, toleranceMs: number): WebhookProvider {
  const { signingKey } = options;
  return {
    name: 'calendly',
    async verify(input) {
      const header = input.header('calendly-webhook-signature');
      if (!header) return { ok: false, reason: 'missing Calendly-Webhook-Signature' };
      let t: string | undefined;
      const macs: Uint8Array[] = [];
      for (const part of header.split(',')) {
        const eq = part.indexOf('=');
        if (eq < 0) continue;
        const name = part.slice(0, eq).trim();
        const value = part.slice(eq + 1).trim();
        if (name === 't') t = value;
        else if (name === 'v1') {
          const mac = fromHex(value);
          if (mac) macs.push(mac);
        }
      }
      if (t === undefined || !/^\d{1,12}$/.test(t) || macs.length === 0) return { ok: false, reason: 'Calendly-Webhook-Signature is not t=<unix>,v1=<hex>' };
      if (Math.abs(input.now - Number(t) * 1000) > toleranceMs) return { ok: false, reason: 'stale signature timestamp' };
      for (const mac of macs) if (await verifyHmac('SHA-256', signingKey, `${t}.${input.body}`, mac)) return { ok: true };
      return { ok: false, reason: 'signature mismatch' };
    },
    async map(body, raw) {
      const event = text(field(body, 'event'));
      const payload = field(body, 'payload');
      const invitee = idText(field(payload, 'uri'));
      if (!invitee || (event !== 'invitee.created' && event !== 'invitee.canceled')) return [];
      if (event === 'invitee.canceled' && field(payload, 'rescheduled') === true) return [];
      const references = tokenReferences(raw);
      references.push(`ref:calendly:${invitee}`);
      const scheduled = idText(field(payload, 'event'));
      if (scheduled) references.push(`ref:calendly:${scheduled}`);
      const mapped: MappedEvent = { eventId: `calendly:${event}:${invitee}`, state: event === 'invitee.created' ? 'booked' : 'canceled', references };
      const at = timestamp(field(body, 'created_at'));
      if (at !== undefined) mapped.at = at;
      return [mapped];
    },
  };
}
