// The esbuild-based bundle checks, in their own entry so the main one never loads esbuild.
export * from './browser-bundle';
