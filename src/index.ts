/**
 * react-taskgroup: structured concurrency for React. Everything from `react-taskgroup/core`, plus
 * the React bindings.
 * @packageDocumentation
 */
export * from "./core/index.js";
export * from "./react/index.js";
