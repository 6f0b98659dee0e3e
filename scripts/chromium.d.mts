/** Launch options for Debian's Chromium, shared by Vitest's browser project and the scripts. */
export declare const chromiumLaunchOptions: { executablePath: string; args: string[] };
