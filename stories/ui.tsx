/**
 * Bits the stories share: a few styles and a hook that reads a {@link LogStore}. Kept apart so
 * each story file shows only its scenario.
 */
import { type CSSProperties, type ReactNode, useSyncExternalStore } from "react";
import type { LogStore } from "./fakeApi.js";

export const ui = {
  page: {
    fontFamily: "system-ui, -apple-system, 'Segoe UI', sans-serif",
    fontSize: 14,
    color: "#0f172a",
    display: "grid",
    gap: 16,
    maxWidth: 880,
  },
  columns: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(260px, 1fr))",
    gap: 16,
  },
  card: {
    border: "1px solid #e2e8f0",
    borderRadius: 8,
    padding: "12px 14px",
    background: "#f8fafc",
  },
  heading: { margin: "0 0 8px", fontSize: 15 },
  muted: { color: "#64748b" },
  error: {
    border: "1px solid #fecaca",
    background: "#fef2f2",
    color: "#991b1b",
    borderRadius: 8,
    padding: "12px 14px",
  },
  button: {
    font: "inherit",
    padding: "6px 12px",
    borderRadius: 6,
    border: "1px solid #94a3b8",
    background: "#ffffff",
    cursor: "pointer",
  },
  row: { display: "flex", gap: 8, alignItems: "center", flexWrap: "wrap" },
  log: {
    fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
    fontSize: 12,
    margin: 0,
    paddingLeft: 18,
  },
} satisfies Record<string, CSSProperties>;

/** A titled box. */
export function Card(props: { title: string; children: ReactNode; style?: CSSProperties }) {
  return (
    <section style={{ ...ui.card, ...props.style }} aria-label={props.title}>
      <h3 style={ui.heading}>{props.title}</h3>
      {props.children}
    </section>
  );
}

/** The lines of a log, re-rendering as they arrive. */
export function useLog(log: LogStore): readonly string[] {
  return useSyncExternalStore(log.subscribe, log.getSnapshot, log.getSnapshot);
}

/** Shows a log as a live region, so screen readers (and tests) hear each new line. */
export function LogView({ log, title }: { log: LogStore; title: string }) {
  const lines = useLog(log);
  return (
    <Card title={title}>
      {lines.length === 0 ? (
        <p style={ui.muted}>Nothing yet.</p>
      ) : (
        <ol style={ui.log} aria-label={title} aria-live="polite">
          {lines.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an append-only log
            <li key={i}>{line}</li>
          ))}
        </ol>
      )}
    </Card>
  );
}
