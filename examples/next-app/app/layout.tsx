import type { ReactNode } from "react";

export const metadata = { title: "react-taskgroup in Next.js" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <nav>
          <a href="/">home</a> · <a href="/server">server</a> ·{" "}
          <a href="/server-error">server error</a> · <a href="/dashboard">dashboard</a> ·{" "}
          <a href="/dashboard-live">dashboard (request time)</a> · <a href="/form">form</a> ·{" "}
          <a href="/boundary">boundary</a>
        </nav>
        <main>{children}</main>
      </body>
    </html>
  );
}
