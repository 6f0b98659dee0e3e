import type { CSSProperties } from "react";
import type { TaskBarState } from "./recorder.js";

/** The colour of each state, as the timeline and its legend draw it. */
export const stateColors: Readonly<Record<TaskBarState, string>> = {
  queued: "#cbd5e1",
  running: "#3b82f6",
  fulfilled: "#16a34a",
  failed: "#dc2626",
  cancelled: "#71717a",
};

const stripes = (color: string) =>
  `repeating-linear-gradient(135deg, ${color} 0 4px, rgba(255,255,255,0.6) 4px 7px)`;

/** Background of a segment: cancelled and queued ones are striped, so colour is not the only cue. */
export function segmentBackground(state: TaskBarState): string {
  const color = stateColors[state];
  return state === "cancelled" || state === "queued" ? stripes(color) : color;
}

const mono = "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";

/** @internal Inline styles of the timeline's parts. */
export const styles = {
  root: {
    fontFamily: "system-ui, -apple-system, 'Segoe UI', sans-serif",
    fontSize: 12,
    lineHeight: 1.4,
    color: "#0f172a",
    background: "#ffffff",
    border: "1px solid #e2e8f0",
    borderRadius: 8,
    padding: "10px 12px",
    minWidth: 280,
  },
  header: {
    display: "flex",
    justifyContent: "space-between",
    gap: 12,
    marginBottom: 8,
    fontWeight: 600,
  },
  summary: { fontWeight: 400, color: "#475569" },
  list: { listStyle: "none", margin: 0, padding: 0, display: "grid", gap: 4 },
  row: {
    display: "grid",
    gridTemplateColumns: "minmax(80px, 9rem) 1fr",
    alignItems: "center",
    gap: 8,
  },
  name: {
    fontFamily: mono,
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
  },
  track: {
    position: "relative",
    height: 14,
    background: "#f1f5f9",
    borderRadius: 3,
    overflow: "hidden",
  },
  segment: {
    position: "absolute",
    top: 0,
    bottom: 0,
    minWidth: 2,
    left: "calc(var(--tg-a) / var(--tg-span) * 100%)",
    width: "calc((var(--tg-b) - var(--tg-a)) / var(--tg-span) * 100%)",
  },
  /** A numbered attempt of a retried run. */
  attempt: {
    color: "#ffffff",
    fontSize: 9,
    lineHeight: "14px",
    textAlign: "center",
    overflow: "hidden",
    borderRight: "1px solid #ffffff",
  },
  /** A dropped run: a thin diamond where it was asked for. */
  mark: {
    position: "absolute",
    top: 2,
    width: 8,
    height: 8,
    marginLeft: -4,
    transform: "rotate(45deg)",
    background: "#f59e0b",
    left: "calc(var(--tg-a) / var(--tg-span) * 100%)",
  },
  axis: {
    display: "flex",
    justifyContent: "space-between",
    fontFamily: mono,
    color: "#64748b",
  },
  legend: {
    display: "flex",
    flexWrap: "wrap",
    gap: 10,
    marginTop: 6,
    color: "#475569",
  },
  swatch: {
    display: "inline-block",
    width: 10,
    height: 10,
    borderRadius: 2,
    marginRight: 4,
    verticalAlign: "-1px",
  },
  empty: { color: "#64748b", fontStyle: "italic" },
} satisfies Record<string, CSSProperties>;
