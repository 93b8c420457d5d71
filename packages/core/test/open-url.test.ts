import { EscalationError, openUrl } from '@pillar/escalation-core';
import { installGlobal } from '@pillar/escalation-testkit/fakes';

// The node environment: no window at first (server rendering); a recording window stands in for
// the browser where one is needed (jsdom's location.assign cannot be observed). The adapters'
// jsdom tests cover the real window.open path too.

/** A window whose open() answers with `tab` (or null: a popup blocker) and whose location records. */
function recordingWindow(tab: { opener: unknown } | null) {
  const open = jest.fn(() => tab);
  const assign = jest.fn();
  const restore = installGlobal('window', { open, location: { assign } });
  return { open, assign, restore };
}

describe('openUrl', () => {
  const url = 'https://forum.example.com/new-topic?title=Help';

  it('is PROVIDER_UNAVAILABLE, not a ReferenceError, when there is no window', () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    expect(() => openUrl(url, 'new-tab', 'communityRedirect (discourse)')).toThrow(
      expect.objectContaining({ name: 'EscalationError', code: 'PROVIDER_UNAVAILABLE', retryable: false, message: expect.stringMatching(/^communityRedirect \(discourse\) needs a browser window/) }),
    );
  });

  it('opens a new tab without noopener and cuts the opener link', () => {
    const tab = { opener: {} as unknown };
    const { open, assign, restore } = recordingWindow(tab);
    try {
      openUrl(url, 'new-tab', 'calendlyScheduling');
      expect(open).toHaveBeenCalledWith(url, '_blank');
      expect(tab.opener).toBeNull();
      expect(assign).not.toHaveBeenCalled();
    } finally {
      restore();
    }
  });

  it('is PROVIDER_UNAVAILABLE with the URL, not retryable, when a popup blocker stops the tab', () => {
    const { restore } = recordingWindow(null);
    try {
      let error: unknown;
      try {
        openUrl(url, 'new-tab', 'calendlyScheduling');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(EscalationError);
      expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: false, details: { url } });
      expect((error as Error).message).toMatch(/^calendlyScheduling: the popup was blocked/);
    } finally {
      restore();
    }
  });

  it('still opens the tab when the browser forbids cutting the opener', () => {
    const tab = Object.defineProperty({}, 'opener', {
      get: () => 'kept',
      set: () => {
        throw new Error('read-only');
      },
    }) as { opener: unknown };
    const { open, restore } = recordingWindow(tab);
    try {
      expect(() => openUrl(url, 'new-tab', 'communityRedirect')).not.toThrow();
      expect(open).toHaveBeenCalledTimes(1);
    } finally {
      restore();
    }
  });

  it('navigates this tab with location.assign for "same-tab" and opens nothing', () => {
    const { open, assign, restore } = recordingWindow({ opener: null });
    try {
      openUrl(url, 'same-tab', 'communityRedirect');
      expect(assign).toHaveBeenCalledWith(url);
      expect(open).not.toHaveBeenCalled();
    } finally {
      restore();
    }
  });
});
