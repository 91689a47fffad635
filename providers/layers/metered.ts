/**
 * The metering layer: records every operation's latency, bytes and outcome into an
 * OperationLog. It wraps a provider from outside, so the benchmark measures exactly what
 * the pipeline does and providers stay free of timing code.
 */
import type { ObjectInfo, ObjectStore, Provider } from '../core/index.ts';
import { applyLayers, layerStore, type Layer, type Next, type Operation } from './layer.ts';
import type { OperationLog } from './operation-log.ts';

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : 'unknown';
}

/** Payload bytes an operation moved: what a put sent, what a get received; 0 for the rest. */
function bytesMoved(operation: Operation, result: unknown): number {
  if (operation.target !== 'store') return 0;
  if (operation.method === 'put') {
    const body = operation.args[1];
    return typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  }
  return operation.method === 'get' ? (result as Uint8Array).byteLength : 0;
}

async function timed(log: OperationLog, operation: Operation, call: Next<Promise<unknown>>): Promise<unknown> {
  const start = log.now();
  try {
    const result = await call();
    log.record(operation.name, start, log.now() - start, bytesMoved(operation, result), true);
    return result;
  } catch (error) {
    log.record(operation.name, start, log.now() - start, 0, false, codeOf(error));
    throw error;
  }
}

/** A listing is timed from the call to its last item, as one operation. */
async function* meteredListing(log: OperationLog, operation: Operation, call: Next<AsyncIterable<ObjectInfo>>) {
  const start = log.now();
  try {
    for await (const info of call()) yield info;
    log.record(operation.name, start, log.now() - start, 0, true);
  } catch (error) {
    log.record(operation.name, start, log.now() - start, 0, false, codeOf(error));
    throw error;
  }
}

export function meteredLayer(log: OperationLog): Layer {
  return {
    name: 'metered',
    // Closing is not part of the workload: nothing to time.
    around: (operation, call) => (operation.shape === 'close' ? call() : timed(log, operation, call)),
    aroundListing: (operation, call) => meteredListing(log, operation, call),
  };
}

export function meteredStore(store: ObjectStore, log: OperationLog): ObjectStore {
  return layerStore(store, [meteredLayer(log)]);
}

/** The provider with its store and warehouse metered; everything else passes through. */
export function meteredProvider(provider: Provider, log: OperationLog): Provider {
  return applyLayers(provider, [meteredLayer(log)]);
}
