// How every browser check here launches Debian's Chromium (apt-get install chromium): Playwright's
// own browser download is unreachable on these machines. The flags keep a root, headless, offline
// Chromium from trying the network (its refused connections otherwise pile up) or a sandbox.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};
