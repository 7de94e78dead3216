import { describe, it } from 'vitest';

// The acceptance test of issue 7 needs the real reconciler behind createPassRunner
// (src/controller/create-runner.ts), which the lead is writing. Enable it when the runner lands:
// replace `describe.skip` with `describe` and fill in the steps below.
describe.skip('lmi run against the sandbox (acceptance)', () => {
  it.todo(
    'starts `lmi run --sandbox --listen 127.0.0.1:0 --interval 2s` on a copied examples folder',
  );
  it.todo('waits for /readyz 200, then finds lmi_pass_duration_seconds in /metrics');
  it.todo('lists every example resource in /status with Ready True after the first pass');
  it.todo('applies an edited manifest (memorySize) without a restart: Synced True, Applied');
  it.todo('reports out-of-band drift (changed through the SDK) and puts it back in apply mode');
  it.todo('reports the same drift as Drifted True without fixing it in observe mode');
  it.todo('exits 0 within the stop deadline after SIGTERM');
});
