/**
 * `jobbench emulators start|stop|env`: the local emulators for every cloud API (moto for
 * S3, fake-gcs-server, bqemulator, Azurite) and the per-provider databases on the
 * machine's PostgreSQL. `start` prints the same `export …` lines as `env`, so
 * `eval "$(jobbench emulators start)"` points a shell at them.
 */
import { formatExports, runningEmulatorEnv, startEmulators, stopEmulators } from '../../emulators/index.ts';

export type EmulatorsAction = 'start' | 'stop' | 'env';

export async function emulatorsCommand(
  action: EmulatorsAction,
  io: { stdout: (s: string) => void; stderr: (s: string) => void },
): Promise<number> {
  const log = (line: string) => io.stderr(`jobbench: ${line}\n`);
  try {
    switch (action) {
      case 'start': {
        const session = await startEmulators({ log });
        io.stdout(`${formatExports(session.env)}\n`);
        return 0;
      }
      case 'stop': {
        const stopped = await stopEmulators({ log });
        if (stopped.length === 0) log('no emulator was running');
        return 0;
      }
      case 'env': {
        const { env, running } = await runningEmulatorEnv();
        if (running.length === 0) {
          log('no emulator is running (start them with `jobbench emulators start`)');
          return 1;
        }
        io.stdout(`${formatExports(env)}\n`);
        return 0;
      }
    }
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
