/** Masks sensitive text. Must be idempotent: redacting twice equals redacting once. */
export type Redactor = (text: string) => string;
