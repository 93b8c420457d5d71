/**
 * The CSS custom properties that theme `<pillar-escalation-status>`, with their defaults. Set
 * them on the element or any ancestor (`:root`): custom properties cross the shadow boundary.
 */
export const STATUS_CSS_PROPERTIES = {
  /** Font family. */
  '--pillar-status-font': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  /** Panel background. */
  '--pillar-status-bg': '#ffffff',
  /** Text color. */
  '--pillar-status-fg': '#1f2328',
  /** Secondary text. */
  '--pillar-status-muted': '#59636e',
  /** Borders. */
  '--pillar-status-border': '#d1d9e0',
  /** Corner radius. */
  '--pillar-status-radius': '12px',
  /** Panel shadow. */
  '--pillar-status-shadow': '0 8px 24px rgba(31, 35, 40, 0.16)',
  /** Primary button background. */
  '--pillar-status-accent': '#0b57d0',
  /** Primary button text. */
  '--pillar-status-accent-fg': '#ffffff',
  /** Tone marker: working, lifecycle. */
  '--pillar-status-info': '#0b57d0',
  /** Tone marker: delivered, solved. */
  '--pillar-status-success': '#1a7f37',
  /** Tone marker: fallback, may exist, outside hours. */
  '--pillar-status-warning': '#9a6700',
  /** Tone marker: failed. */
  '--pillar-status-error': '#cf222e',
  /** Focus ring. */
  '--pillar-status-focus': '#0b57d0',
  /** Panel width. */
  '--pillar-status-width': '360px',
  /** Panel position (`inset`). */
  '--pillar-status-inset': 'auto auto 16px 16px',
  /** Panel `z-index`. */
  '--pillar-status-z': '2147483000',
} as const;

/** One of {@link STATUS_CSS_PROPERTIES}' names. */
export type StatusCssProperty = keyof typeof STATUS_CSS_PROPERTIES;

const v = (name: StatusCssProperty) => `var(${name}, ${STATUS_CSS_PROPERTIES[name]})`;

/** The element's shadow stylesheet. */
export const STATUS_CSS = `
:host { all: initial; display: block; }
:host([hidden]) { display: none; }
.panel { box-sizing: border-box; position: fixed; inset: ${v('--pillar-status-inset')}; z-index: ${v('--pillar-status-z')};
  width: min(${v('--pillar-status-width')}, calc(100vw - 32px)); padding: 14px 16px 16px; font: 14px/1.45 ${v('--pillar-status-font')};
  color: ${v('--pillar-status-fg')}; background: ${v('--pillar-status-bg')}; border: 1px solid ${v('--pillar-status-border')};
  border-left: 4px solid var(--tone); border-radius: ${v('--pillar-status-radius')}; box-shadow: ${v('--pillar-status-shadow')};
  animation: pillar-status-in 160ms ease-out; --tone: ${v('--pillar-status-info')}; }
:host([inline]) .panel { position: relative; inset: auto; width: auto; box-shadow: none; }
.panel[data-tone="success"] { --tone: ${v('--pillar-status-success')}; }
.panel[data-tone="warning"] { --tone: ${v('--pillar-status-warning')}; }
.panel[data-tone="error"] { --tone: ${v('--pillar-status-error')}; }
.head { display: flex; align-items: center; gap: 8px; margin-bottom: 6px; }
h2 { flex: 1; margin: 0; font-size: 15px; font-weight: 600; outline: none; }
h2:focus-visible { text-decoration: underline; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: var(--tone); flex: none; }
.panel[data-phase="working"] .dot { animation: pillar-status-pulse 1s ease-in-out infinite alternate; }
p { margin: 0 0 6px; }
.detail { color: ${v('--pillar-status-muted')}; }
.reply { margin: 8px 0; padding: 8px 10px; border-left: 3px solid ${v('--pillar-status-border')}; white-space: pre-wrap; overflow-wrap: anywhere; }
.reply-label { display: block; font-size: 12px; color: ${v('--pillar-status-muted')}; }
.actions, .alts ul { display: flex; flex-wrap: wrap; gap: 8px; margin: 10px 0 0; padding: 0; list-style: none; }
.alts p { margin: 12px 0 0; font-size: 12px; color: ${v('--pillar-status-muted')}; }
button { font: inherit; cursor: pointer; border-radius: 8px; padding: 6px 12px; border: 1px solid ${v('--pillar-status-border')};
  background: transparent; color: inherit; }
button.primary { background: ${v('--pillar-status-accent')}; color: ${v('--pillar-status-accent-fg')}; border-color: transparent; }
button.close { padding: 2px 8px; border: none; font-size: 18px; line-height: 1; }
button:focus-visible { outline: 2px solid ${v('--pillar-status-focus')}; outline-offset: 2px; }
[hidden] { display: none !important; }
@keyframes pillar-status-in { from { opacity: 0; transform: translateY(8px); } }
@keyframes pillar-status-pulse { to { opacity: 0.3; } }
@media (prefers-reduced-motion: reduce) { .panel, .dot, .panel[data-phase="working"] .dot { animation: none !important; transition: none !important; } }
@media (forced-colors: active) { .panel { border-left-width: 4px; } .dot { background: CanvasText; } }
`;
