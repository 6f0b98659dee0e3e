import {
  type DependencyList,
  type EffectCallback,
  useEffect,
  useLayoutEffect,
  useState,
  useSyncExternalStore,
} from "react";

const subscribeNothing = () => () => {};
const onClient = () => false;
const onServer = () => true;

/**
 * `useLayoutEffect` for a component mounted on the client, so the timeline starts observing in
 * the commit itself, before the groups of its parents start their tasks (children's layout
 * effects run first). `useEffect` when rendered on the server or hydrated, where React 18 warns
 * about layout effects; React tells the two apart by using the server snapshot. The choice is
 * made at the first render and kept, as hooks must not change between renders.
 */
export function useCommitEffect(effect: EffectCallback, deps: DependencyList): void {
  const server = useSyncExternalStore(subscribeNothing, onClient, onServer);
  const [passive] = useState(server);
  const useCommit = passive ? useEffect : useLayoutEffect;
  useCommit(effect, deps);
}
