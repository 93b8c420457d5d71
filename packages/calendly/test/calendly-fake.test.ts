/** @jest-environment jest-fixed-jsdom */
import { installCalendlyFake, serveCalendlyScript } from '@pillar/escalation-testkit/fakes';

type WithCalendly = Window & { Calendly?: unknown };

describe('the testkit fake of window.Calendly', () => {
  it('records calls, renders like the widget and restores the window on uninstall', () => {
    const previous = { mine: true };
    (window as WithCalendly).Calendly = previous;
    const fake = installCalendlyFake();
    const api = (window as WithCalendly).Calendly as { initPopupWidget(o: unknown): void; closePopupWidget(): void; initInlineWidget(o: unknown): void };
    api.initPopupWidget({ url: 'https://calendly.com/a/b' });
    expect(fake.popupOpen).toBe(true);
    expect(document.querySelectorAll('.calendly-overlay')).toHaveLength(1);
    api.closePopupWidget();
    expect(fake.popupOpen).toBe(false);
    const parent = document.createElement('div');
    api.initInlineWidget({ url: 'https://calendly.com/a/b', parentElement: parent });
    expect(parent.querySelector('iframe')?.getAttribute('data-url')).toBe('https://calendly.com/a/b');
    expect(() => api.initInlineWidget({ url: 'https://calendly.com/a/b', parentElement: '#x' })).toThrow(TypeError);
    expect(fake.methods()).toEqual(['initPopupWidget', 'closePopupWidget', 'initInlineWidget', 'initInlineWidget']);
    fake.uninstall();
    expect((window as WithCalendly).Calendly).toBe(previous);
    delete (window as WithCalendly).Calendly;
  });

  it('throws on the method named by throwOn, after recording the call', () => {
    const fake = installCalendlyFake({ throwOn: 'initPopupWidget' });
    const api = (window as WithCalendly).Calendly as { initPopupWidget(o: unknown): void };
    expect(() => api.initPopupWidget({ url: 'https://calendly.com/a/b' })).toThrow('Calendly.initPopupWidget failed');
    expect(fake.methods()).toEqual(['initPopupWidget']);
    fake.uninstall();
  });

  it('answers only widget.js script elements, asynchronously', async () => {
    const server = serveCalendlyScript('load');
    const other = document.createElement('script');
    other.src = 'https://cdn.example.com/app.js';
    document.head.appendChild(other);
    const script = document.createElement('script');
    script.src = 'https://assets.calendly.com/assets/external/widget.js';
    const loaded = new Promise((resolve) => script.addEventListener('load', resolve));
    document.head.appendChild(script);
    expect((window as WithCalendly).Calendly).toBeUndefined();
    await loaded;
    expect(server.scripts).toEqual([script]);
    expect((window as WithCalendly).Calendly).toBeDefined();
    server.stop();
    expect((window as WithCalendly).Calendly).toBeUndefined();
    other.remove();
    script.remove();
  });

  it('installs one fake when widget.js is added twice, and stop() restores the window as it was', async () => {
    const previous = { mine: true };
    (window as WithCalendly).Calendly = previous;
    const server = serveCalendlyScript('load');
    const scripts = [1, 2].map(() => {
      const script = document.createElement('script');
      script.src = 'https://assets.calendly.com/assets/external/widget.js';
      return script;
    });
    const loaded = Promise.all(scripts.map((script) => new Promise((resolve) => script.addEventListener('load', resolve))));
    scripts.forEach((script) => document.head.appendChild(script));
    await loaded;
    expect(server.scripts).toEqual(scripts);
    const installed = (window as WithCalendly).Calendly as { initPopupWidget(o: unknown): void };
    installed.initPopupWidget({ url: 'https://calendly.com/a/b' });
    // The fake the server reports is the one on the window, so its calls are the page's calls.
    expect(server.fake?.methods()).toEqual(['initPopupWidget']);
    server.stop();
    expect((window as WithCalendly).Calendly).toBe(previous);
    delete (window as WithCalendly).Calendly;
    scripts.forEach((script) => script.remove());
  });

  it('stop() before a script is answered leaves nothing installed later', async () => {
    const server = serveCalendlyScript('load');
    const script = document.createElement('script');
    script.src = 'https://assets.calendly.com/assets/external/widget.js';
    let fired = false;
    script.addEventListener('load', () => (fired = true));
    document.head.appendChild(script);
    // The observer sees the script on a microtask; stop once it has been recorded, before the answer.
    await Promise.resolve();
    expect(server.scripts).toEqual([script]);
    server.stop();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fired).toBe(false);
    expect((window as WithCalendly).Calendly).toBeUndefined();
    script.remove();
  });
});
