// Types of bundle.mjs for the TypeScript bench scripts.
export declare const root: string;
export declare const BROWSER_ENTRIES: { name: string; specifier: string }[];
export declare function sourceOf(specifier: string): string | undefined;
export declare function measure(input: { contents: string; external?: string[]; minifyIdentifiers?: boolean }): Promise<{ minified: number; gzip: number; inputs: string[]; code: string }>;
export declare function reexportAll(specifier: string): string;
export declare function serverOnlyInputs(inputs: string[]): string[];
export declare function packagesIn(inputs: string[]): string[];
export declare function kb(bytes: number): string;
