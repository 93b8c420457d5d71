// Server-only helpers (axios). Never imported by a browser entry.
export * from './http/send-json';
export * from './http/look-until';
