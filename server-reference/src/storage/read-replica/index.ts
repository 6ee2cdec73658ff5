export { ReadRouting, type ReplicaState, type FallbackReason } from './read-routing.ts';
