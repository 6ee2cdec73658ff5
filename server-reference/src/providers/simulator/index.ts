export { SimulatorProvider, SIMULATOR_PROVIDER_ID } from './simulator-provider.ts';
export type { InjectedSms, OutboundSms, SimulatedRental } from './simulator-provider.ts';
export type { SimulatedPurchaseFailure, SimulatorOptions } from './simulator-options.ts';
export type { SimulatorClock, TimerHandle } from './clock.ts';
export { systemClock } from './clock.ts';
export { ManualClock } from './manual-clock.ts';
export { defaultSimulatorCatalog } from './default-catalog.ts';
export type { RentalState, RentalEvent } from './rental-state.ts';
export { nextRentalState } from './rental-state.ts';
