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
 * True while React renders on the server or hydrates server HTML: React reads the server
 * snapshot of an external store then, and only then.
 */
export function useServerRender(): boolean {
  return useSyncExternalStore(subscribeNothing, onClient, onServer);
}

/**
 * The effect that starts a component's groups and cancels them on unmount.
 *
 * A component mounted on the client uses `useLayoutEffect`, so its groups start in the commit
 * itself. A component rendered on the server, or hydrated from server HTML, uses `useEffect`:
 * React 18's server renderer warns about `useLayoutEffect` whenever it runs (and "is there a
 * `document`?" is no test of that: tests render to strings under jsdom). `serverRender` is true
 * during both (React uses `getServerSnapshot` then); the choice is made at the first render and
 * kept, since a component must call the same hooks on every render.
 */
export function useCommitEffect(
  effect: EffectCallback,
  deps: DependencyList | undefined,
  serverRender: boolean,
): void {
  const [passive] = useState(serverRender);
  const useCommit = passive ? useEffect : useLayoutEffect;
  useCommit(effect, deps);
}
