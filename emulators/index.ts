export { EMULATED_BUCKET, EMULATED_GCP_PROJECT } from './definitions.ts';
export {
  formatExports,
  runningEmulatorEnv,
  startEmulators,
  stopEmulators,
  stopStarted,
  type EmulatorOptions,
  type EmulatorSession,
} from './manager.ts';
export { EMULATOR_NAMES, type EmulatorName } from './state.ts';
