/** Submits the custom form as soon as it is rendered, as a user who changes nothing would. */
export function autoSubmitForms(root: Node = document.body): () => void {
  const observer = new MutationObserver(() => {
    const form = document.querySelector<HTMLFormElement>('.pillar-custom-form form:not([aria-busy])');
    if (form && !form.dataset.submitted) {
      form.dataset.submitted = 'yes';
      form.requestSubmit();
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}

/** The open dialog, or a failure that says it is not there. */
export function openDialog(): HTMLElement {
  const dialog = document.querySelector<HTMLElement>('[role="dialog"]');
  if (!dialog) throw new Error('no dialog is open');
  return dialog;
}

/** The input or textarea a label names, found through the label's `for`, as assistive technology does. */
export function byLabel(labelText: string): HTMLInputElement | HTMLTextAreaElement {
  const label = [...document.querySelectorAll('label')].find((l) => l.textContent === labelText);
  if (!label) throw new Error(`no label "${labelText}"`);
  const control = document.getElementById(label.htmlFor);
  if (!(control instanceof HTMLInputElement) && !(control instanceof HTMLTextAreaElement)) throw new Error(`label "${labelText}" names no input`);
  return control;
}
