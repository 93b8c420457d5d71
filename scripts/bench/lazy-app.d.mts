// Types of lazy-app.mjs for the TypeScript bench scripts.
export interface SplitPart {
  minified: number;
  gzip: number;
  files: number;
  inputs: string[];
}
export declare const LAZY_APPS: Record<string, string>;
export declare const EAGER_APP: string;
export declare const PAGE_LOAD_AIM_GZIP: number;
export declare const LAZY_GETTING_STARTED_NAME: string;
export declare const LAZY_GETTING_STARTED: { contents: string; modules: Record<string, string> };
export declare function measureSplit(input: { contents: string; modules?: Record<string, string>; external?: string[] }): Promise<{ pageLoad: SplitPart; onClick: SplitPart }>;
