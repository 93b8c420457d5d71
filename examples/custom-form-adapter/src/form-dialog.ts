import { EscalationError, isEscalationError, type Delivery } from '@pillar/escalation-core';
import type { CustomFormPayload } from './custom-form';

/** The visible texts of the form. */
export interface FormDialogText {
  /** The dialog's heading. @defaultValue `'Contact support'` */
  title: string;
  /** The sentence under the heading. @defaultValue `'Our team will see this conversation. You can edit it before you send it.'` */
  intro: string;
  /** @defaultValue `'Subject'` */
  subjectLabel: string;
  /** @defaultValue `'Conversation'` */
  transcriptLabel: string;
  /** @defaultValue `'Send to support'` */
  submit: string;
  /** @defaultValue `'Cancel'` */
  cancel: string;
  /** Announced while the form is sent. @defaultValue `'Sending…'` */
  sending: string;
  /** Announced when a required field is empty. @defaultValue `'Please fill in {label}.'` */
  missing: string;
  /** Announced when sending failed; the form stays open to try again. @defaultValue `'Could not send: {message}'` */
  failed: string;
}

const DEFAULT_TEXT: FormDialogText = {
  title: 'Contact support',
  intro: 'Our team will see this conversation. You can edit it before you send it.',
  subjectLabel: 'Subject',
  transcriptLabel: 'Conversation',
  submit: 'Send to support',
  cancel: 'Cancel',
  sending: 'Sending…',
  missing: 'Please fill in {label}.',
  failed: 'Could not send: {message}',
};

/** What the user sends: the edited subject, transcript and fields. */
export interface FormEdits {
  subject: string;
  transcript: string;
  fields: Record<string, string>;
}

/** What {@link openFormDialog} needs. */
export interface FormDialogOptions {
  container: HTMLElement;
  payload: CustomFormPayload;
  text: Partial<FormDialogText>;
  signal?: AbortSignal;
  /** Sends the edits; the dialog aborts `signal` when the user closes it mid-send. */
  send(edits: FormEdits, signal: AbortSignal): Promise<Delivery>;
}

let dialogCount = 0;

/**
 * Renders the form as a modal dialog and settles when it is done: resolves with the delivery
 * once the endpoint accepted it; rejects when the user closes it (with the last send failure,
 * so the registry can fall back, or `ABORTED`) or when `signal` aborts.
 * Conversation text only ever reaches the DOM as `value` or `textContent`, never as markup.
 */
export function openFormDialog(options: FormDialogOptions): Promise<Delivery> {
  const { container, payload, signal } = options;
  const text = { ...DEFAULT_TEXT, ...options.text };
  const id = `pillar-custom-form-${++dialogCount}`;
  const previousFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;

  const dialog = element('div', { class: 'pillar-custom-form', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-intro` });
  const form = element('form', { novalidate: '' });
  const heading = element('h2', { id: `${id}-title` }, text.title);
  const intro = element('p', { id: `${id}-intro` }, text.intro);

  const inputs: { name: string; label: string; required: boolean; type: string; control: HTMLInputElement | HTMLTextAreaElement }[] = [];
  const addControl = (name: string, label: string, control: HTMLInputElement | HTMLTextAreaElement, required: boolean, type: string, value: string) => {
    control.id = `${id}-${name}`;
    control.name = name;
    control.value = value;
    if (required) {
      control.required = true;
      control.setAttribute('aria-required', 'true');
    }
    const labelElement = element('label', { for: control.id }, label);
    form.append(element('div', { class: 'pillar-custom-form__field' }, labelElement, control));
    inputs.push({ name, label, required, type, control });
  };

  form.append(heading, intro);
  addControl('subject', text.subjectLabel, element('input', { type: 'text', autocomplete: 'off' }), true, 'text', payload.subject);
  for (const field of payload.fields) {
    const autocomplete = field.type === 'email' ? 'email' : field.name === 'name' ? 'name' : 'on';
    addControl(`field-${field.name}`, field.label, element('input', { type: field.type, autocomplete }), field.required, field.type, field.value);
  }
  addControl('transcript', text.transcriptLabel, element('textarea', { rows: '12' }), true, 'text', payload.transcript);

  const status = element('p', { id: `${id}-status`, role: 'alert', class: 'pillar-custom-form__status' });
  const submit = element('button', { type: 'submit' }, text.submit);
  const cancel = element('button', { type: 'button' }, text.cancel);
  form.append(status, element('div', { class: 'pillar-custom-form__actions' }, submit, cancel));
  dialog.append(form);

  return new Promise<Delivery>((resolve, reject) => {
    let sending: AbortController | undefined;
    let lastFailure: EscalationError | undefined;
    let done = false;

    const finish = () => {
      done = true;
      sending?.abort();
      signal?.removeEventListener('abort', onAbort);
      dialog.remove();
      if (previousFocus?.isConnected) previousFocus.focus();
    };
    const close = (error: EscalationError) => {
      if (done) return;
      finish();
      reject(error);
    };
    const onAbort = () => close(new EscalationError('ABORTED', 'The escalation was aborted while the form was open'));
    const onCancel = () => close(lastFailure ?? new EscalationError('ABORTED', 'The user closed the form without sending it'));

    dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onCancel();
      } else if (event.key === 'Tab') {
        trapFocus(dialog, event);
      }
    });
    cancel.addEventListener('click', onCancel);
    signal?.addEventListener('abort', onAbort, { once: true });

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (sending || done) return; // a double click sends once
      for (const input of inputs) input.control.removeAttribute('aria-invalid');
      const invalid = inputs.find((input) => (input.required && input.control.value.trim() === '') || (input.type === 'email' && input.control.value.trim() !== '' && !/^[^\s@]+@[^\s@]+$/.test(input.control.value.trim())));
      if (invalid) {
        invalid.control.setAttribute('aria-invalid', 'true');
        invalid.control.setAttribute('aria-describedby', status.id);
        status.textContent = text.missing.replace('{label}', invalid.label);
        invalid.control.focus();
        return;
      }
      const edits: FormEdits = { subject: '', transcript: '', fields: {} };
      for (const input of inputs) {
        const value = input.control.value;
        if (input.name === 'subject') edits.subject = value.trim();
        else if (input.name === 'transcript') edits.transcript = value;
        else edits.fields[input.name.slice('field-'.length)] = value.trim();
      }

      const controller = new AbortController();
      sending = controller;
      submit.disabled = true;
      form.setAttribute('aria-busy', 'true');
      status.textContent = text.sending;
      options.send(edits, controller.signal).then(
        (delivery) => {
          if (done) return;
          finish();
          resolve(delivery);
        },
        (error: unknown) => {
          if (done) return;
          sending = undefined;
          submit.disabled = false;
          form.removeAttribute('aria-busy');
          lastFailure = isEscalationError(error) ? error : new EscalationError('PROVIDER_UNAVAILABLE', 'Sending the form failed', { cause: error });
          status.textContent = text.failed.replace('{message}', lastFailure.message);
          submit.focus();
        },
      );
    });

    container.append(dialog);
    // Focus the first input the user still has to fill, else the subject.
    const first = inputs.find((input) => input.required && input.control.value.trim() === '') ?? inputs[0];
    first?.control.focus();
  });
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string>, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  // append() turns strings into text nodes: nothing here is parsed as HTML.
  node.append(...children);
  return node;
}

function trapFocus(dialog: HTMLElement, event: KeyboardEvent): void {
  const focusable = [...dialog.querySelectorAll<HTMLElement>('input, textarea, button')].filter((node) => !(node as HTMLButtonElement).disabled);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
