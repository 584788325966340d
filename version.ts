// The package version, injected by the build (build.mjs); "dev" from source. Top level: CLI and helper share it.
declare const IAMRA_VERSION: string | undefined;

export const VERSION: string = typeof IAMRA_VERSION === 'string' ? IAMRA_VERSION : 'dev';
