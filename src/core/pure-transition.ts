/**
 * XState's pure `transition()` and `initialTransition()`, with the inert actor scope built once per machine.
 * XState builds a new scope (an actor, which computes the machine's whole initial state) on every call; for
 * this machine that was most of a turn's CPU. Our machine spawns nothing and sends nothing, so one scope
 * that only collects the actions is enough; transitions are synchronous, so one collector serves every call.
 */
import { createActor, type AnyActorScope, type AnyStateMachine, type EventFromLogic, type SnapshotFrom } from 'xstate';

type Action = Parameters<AnyActorScope['actionExecutor']>[0];

export type PureTransition<M extends AnyStateMachine> = {
  transition(snapshot: SnapshotFrom<M>, event: EventFromLogic<M>): [SnapshotFrom<M>, Action[]];
  initialTransition(): [SnapshotFrom<M>, Action[]];
};

export function pureTransitions<M extends AnyStateMachine>(machine: M): PureTransition<M> {
  const self = createActor(machine);
  let actions: Action[] = [];
  const scope = {
    self,
    defer: () => {},
    id: '',
    logger: () => {},
    sessionId: '',
    stopChild: () => {},
    system: self.system,
    emit: () => {},
    actionExecutor: (action: Action) => {
      actions.push(action);
    },
  } as unknown as AnyActorScope;
  const collect = <T>(run: () => T): [T, Action[]] => {
    actions = [];
    const next = run();
    return [next, actions];
  };
  return {
    transition: (snapshot, event) => collect(() => machine.transition(snapshot, event, scope) as SnapshotFrom<M>),
    initialTransition: () => collect(() => machine.getInitialSnapshot(scope) as SnapshotFrom<M>),
  };
}
