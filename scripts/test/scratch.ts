import { resolve } from 'node:path';

/** The repository root. */
export const REPO = resolve(__dirname, '../..');
