/** See scripts/chromium.mjs. */
export declare const HEADLESS_SHELL: string;
export declare const FULL_CHROMIUM: string;
export declare function runnable(path: string): boolean;
export declare function chromiumPath(env?: Record<string, string | undefined>): string;
