import { type CSSProperties, useMemo, useRef, useSyncExternalStore } from "react";
import type { TaskGroup } from "../core/index.js";
import { useCommitEffect, useServerRender } from "../react/useCommitEffect.js";
import {
  createTaskRecorder,
  type TaskBar,
  type TaskBarState,
  type TaskRecorder,
  type TaskRecorderSnapshot,
} from "./recorder.js";
import { segmentBackground, styles } from "./styles.js";

interface TimelineDisplayProps {
  /** Heading of the timeline. Default: the observed groups' labels. */
  label?: string;
  /** Show the colour legend under the bars. Default: `true`. */
  legend?: boolean;
  /** Extra styles of the outer element. */
  style?: CSSProperties;
  /** Class of the outer element. */
  className?: string;
}

/**
 * Props of {@link TaskGroupTimeline}: either the `group` to draw (observed while mounted; a new
 * group starts a new timeline), or a `recorder` you created with `createTaskRecorder` and made
 * observe any groups you like (child scopes from `group.run` included).
 */
export type TaskGroupTimelineProps = TimelineDisplayProps &
  (
    | {
        /** The group whose tasks to draw. */
        group: TaskGroup;
        recorder?: never;
        /** Keep at most this many bars, dropping the oldest settled ones. Default: `500`. */
        maxTasks?: number;
      }
    | {
        /** A recorder to draw, observing the groups of your choice. */
        recorder: TaskRecorder;
        group?: never;
        maxTasks?: never;
      }
  );

const NOW = "var(--tg-now)";
const states: readonly TaskBarState[] = ["queued", "running", "fulfilled", "failed", "cancelled"];

const frame: (callback: () => void) => () => void =
  typeof requestAnimationFrame === "function"
    ? (callback) => {
        const id = requestAnimationFrame(callback);
        return () => cancelAnimationFrame(id);
      }
    : (callback) => {
        const id = setTimeout(callback, 50);
        return () => clearTimeout(id);
      };

/** How far the timeline reaches: now while tasks are live, else the last event. */
function extent(snapshot: TaskRecorderSnapshot, now: number): number {
  return snapshot.live > 0 ? Math.max(now, snapshot.end) : snapshot.end;
}

function paint(root: HTMLElement, scale: HTMLElement | null, at: number): void {
  root.style.setProperty("--tg-now", String(at));
  root.style.setProperty("--tg-span", String(Math.max(at, 1)));
  if (scale) scale.textContent = `${Math.round(at)} ms`;
}

function ms(from: number, to: number | undefined): string {
  return to === undefined ? "" : `${Math.round(to - from)} ms`;
}

/** The bar's title: a run's name with its arguments, `save#2("hello")`. */
function title(bar: TaskBar): string {
  return bar.args === undefined ? bar.name : `${bar.name}(${bar.args})`;
}

function describe(bar: TaskBar): string {
  const waited = bar.started === undefined ? bar.ended : bar.started;
  const state = bar.dropped ? "dropped" : bar.state;
  const parts = [`${title(bar)} (${bar.group}): ${state}`];
  if (bar.retries.length > 0) parts.push(`${bar.retries.length + 1} attempts`);
  if (waited !== undefined && waited > bar.spawned) parts.push(`queued ${ms(bar.spawned, waited)}`);
  if (bar.started !== undefined && bar.ended !== undefined) {
    parts.push(`ran ${ms(bar.started, bar.ended)}`);
  }
  const text = parts.join(", ");
  return bar.error === undefined ? text : `${text}\n${bar.error}`;
}

function Segment(props: {
  from: number;
  to: number | undefined;
  state: TaskBarState;
  attempt?: number;
}) {
  const style = {
    ...styles.segment,
    background: segmentBackground(props.state),
    "--tg-a": String(props.from),
    "--tg-b": props.to === undefined ? NOW : String(props.to),
  } as CSSProperties;
  if (props.attempt === undefined) return <span style={style} />;
  return (
    <span style={{ ...style, ...styles.attempt }} data-attempt={props.attempt}>
      {props.attempt}
    </span>
  );
}

/** A run its policy refused: a mark where it was asked for, never a bar. */
function DropMark({ at }: { at: number }) {
  return <span style={{ ...styles.mark, "--tg-a": String(at) } as CSSProperties} data-dropped="" />;
}

/** The running part: one segment per attempt when retried, numbered; else one segment. */
function Attempts({ bar, started }: { bar: TaskBar; started: number }) {
  if (bar.retries.length === 0) return <Segment from={started} to={bar.ended} state={bar.state} />;
  const ends = [...bar.retries, bar.ended];
  return (
    <>
      {ends.map((end, i) => (
        <Segment
          // biome-ignore lint/suspicious/noArrayIndexKey: attempts are only ever appended
          key={i}
          from={i === 0 ? started : (bar.retries[i - 1] as number)}
          to={end}
          state={i < bar.retries.length ? "failed" : bar.state}
          attempt={i + 1}
        />
      ))}
    </>
  );
}

function Bar({ bar, showGroup }: { bar: TaskBar; showGroup: boolean }) {
  const queuedUntil = bar.started ?? bar.ended;
  const dropped = bar.started === undefined && bar.ended !== undefined;
  const name = title(bar);
  return (
    <li
      style={styles.row}
      aria-label={`${name}: ${bar.dropped ? "dropped" : bar.state}`}
      title={describe(bar)}
      data-state={bar.state}
      data-task={bar.name}
      data-group={bar.group}
      data-dropped={bar.dropped ? "" : undefined}
    >
      <span style={styles.name}>{showGroup ? `${bar.group} › ${name}` : name}</span>
      <span style={styles.track}>
        {bar.dropped ? (
          <DropMark at={bar.spawned} />
        ) : (
          (queuedUntil === undefined || queuedUntil > bar.spawned || dropped) && (
            <Segment from={bar.spawned} to={queuedUntil} state={dropped ? bar.state : "queued"} />
          )
        )}
        {bar.started !== undefined && <Attempts bar={bar} started={bar.started} />}
      </span>
    </li>
  );
}

function summarize(bars: readonly TaskBar[]): string {
  const counts = new Map<TaskBarState, number>();
  for (const bar of bars) counts.set(bar.state, (counts.get(bar.state) ?? 0) + 1);
  const parts = states.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s}`);
  return [`${bars.length} task${bars.length === 1 ? "" : "s"}`, ...parts].join(" · ");
}

/**
 * Draws each task of a group as a horizontal bar over time: queued (spawn to start), running
 * (start to settle), then fulfilled, failed or cancelled. It updates live while tasks run (one
 * animation-frame loop that touches only CSS variables, so React does not re-render per frame),
 * and stops when nothing is live. Each bar is a list item named like `"loadUser: fulfilled"`
 * with a `data-state` attribute; hovering it shows its timings and error. Unmounting it stops
 * observing: it keeps nothing alive. Tasks spawned before it mounted show from their next event.
 *
 * @example
 * ```tsx
 * import { TaskGroupTimeline } from "react-taskgroup/devtools";
 * const { group } = useTaskGroup();
 * return <TaskGroupTimeline group={group} />;
 * ```
 */
export function TaskGroupTimeline(props: TaskGroupTimelineProps) {
  const { group, recorder: given, maxTasks, label, legend = true, style, className } = props;
  // A group of its own gets a recorder of its own: a new group starts a new timeline.
  const own = useMemo(
    () => (given || !group ? undefined : createTaskRecorder(maxTasks ? { maxTasks } : undefined)),
    [given, group, maxTasks],
  );
  const recorder = (given ?? own) as TaskRecorder;
  // Observe in the commit itself (a layout effect on the client), before the groups of parents
  // start their tasks: children's commit effects run first.
  const serverRender = useServerRender();
  useCommitEffect(
    () => (own && group ? own.observe(group) : undefined),
    [own, group],
    serverRender,
  );
  const snapshot = useSyncExternalStore(
    recorder.subscribe,
    recorder.getSnapshot,
    recorder.getSnapshot,
  );
  const root = useRef<HTMLElement>(null);
  const scale = useRef<HTMLSpanElement>(null);
  useCommitEffect(
    () => {
      const element = root.current;
      if (!element) return;
      const tick = () => paint(element, scale.current, extent(snapshot, recorder.now()));
      tick();
      if (snapshot.live === 0) return;
      let cancel = frame(function loop() {
        tick();
        cancel = frame(loop);
      });
      return () => cancel();
    },
    [snapshot, recorder],
    serverRender,
  );

  const { bars, groups } = snapshot;
  const at = snapshot.end;
  const rootStyle = {
    ...styles.root,
    ...style,
    "--tg-now": String(at),
    "--tg-span": String(Math.max(at, 1)),
  } as CSSProperties;
  const title = label ?? (groups.length > 0 ? groups.join(", ") : (group?.name ?? "Tasks"));
  return (
    <section ref={root} style={rootStyle} className={className} aria-label={`Timeline: ${title}`}>
      <div style={styles.header}>
        <span>{title}</span>
        <span style={styles.summary}>{summarize(bars)}</span>
      </div>
      {bars.length === 0 ? (
        <div style={styles.empty}>No tasks yet</div>
      ) : (
        <ol style={styles.list} aria-label="Tasks">
          {bars.map((bar) => (
            <Bar key={bar.id} bar={bar} showGroup={groups.length > 1} />
          ))}
        </ol>
      )}
      <div style={{ ...styles.row, marginTop: 6 }} aria-hidden="true">
        <span />
        <span style={styles.axis}>
          <span>0 ms</span>
          <span ref={scale}>{`${Math.round(at)} ms`}</span>
        </span>
      </div>
      {legend && (
        <div style={styles.legend} aria-hidden="true">
          {states.map((state) => (
            <span key={state}>
              <span style={{ ...styles.swatch, background: segmentBackground(state) }} />
              {state}
            </span>
          ))}
        </div>
      )}
    </section>
  );
}
