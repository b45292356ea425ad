import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  eventSightings,
  gpuOomLine,
  nodeSightings,
  podSightings,
} from '../../daemon/clusters/failure-sightings.ts';
import type { KubePod } from '../../daemon/clusters/kube-objects.ts';

function podWith(status: KubePod['status']): KubePod {
  return { metadata: { name: 'p', namespace: 'ml' }, spec: { nodeName: 'n1' }, status };
}

describe('failure sightings', () => {
  it('sees an OOM kill in the last state and asks for the previous logs', () => {
    const [oom, ...rest] = podSightings(
      podWith({
        phase: 'Running',
        containerStatuses: [
          {
            name: 'server',
            restartCount: 2,
            state: { running: {} },
            lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
          },
        ],
      }),
    );
    assert.equal(rest.length, 0);
    assert.equal(oom?.kind, 'oom_killed');
    assert.deepEqual(oom?.logs, { container: 'server', previous: true });
    assert.equal(oom?.evidence.exit_code, 137);
    assert.equal(oom?.node, 'n1');
  });

  it('sees a crash loop, and an error exit whose logs may tell of a GPU OOM', () => {
    const kinds = podSightings(
      podWith({
        phase: 'Running',
        containerStatuses: [
          {
            name: 'trainer',
            restartCount: 5,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s' } },
            lastState: { terminated: { reason: 'Error', exitCode: 1 } },
          },
        ],
      }),
    ).map((s) => [s.kind, s.logs?.previous]);
    assert.deepEqual(kinds, [
      ['crash_loop', true],
      ['terminated_error', true],
    ]);
  });

  it('sees a pod pending on insufficient GPUs, not on insufficient CPU', () => {
    const pending = (message: string): KubePod =>
      podWith({
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }],
      });
    const [gpu] = podSightings(pending('0/3 nodes are available: 3 Insufficient nvidia.com/mig-1g.10gb.'));
    assert.equal(gpu?.kind, 'insufficient_gpu');
    assert.match(gpu?.message ?? '', /Insufficient nvidia\.com\/mig-1g\.10gb/);
    assert.deepEqual(podSightings(pending('0/3 nodes are available: 3 Insufficient cpu.')), []);
  });

  it('sees Xid errors in Events and node conditions', () => {
    const [fromEvent] = eventSightings({
      metadata: { namespace: 'default' },
      involvedObject: { kind: 'Node', name: 'gpu-7' },
      reason: 'GPUXidError',
      message: 'NVRM: Xid (PCI:0000:3b:00): 79, GPU has fallen off the bus.',
    });
    assert.equal(fromEvent?.kind, 'xid');
    assert.equal(fromEvent?.node, 'gpu-7');
    const [fromCondition] = nodeSightings({
      metadata: { name: 'gpu-8' },
      status: {
        conditions: [{ type: 'GpuXidError', status: 'True', reason: 'Xid48', message: 'Xid 48: DBE' }],
      },
    });
    assert.equal(fromCondition?.kind, 'xid');
    assert.deepEqual(
      nodeSightings({
        metadata: { name: 'ok' },
        status: { conditions: [{ type: 'Ready', status: 'True' }] },
      }),
      [],
    );
  });

  it('finds GPU out-of-memory lines in logs', () => {
    assert.match(
      gpuOomLine([
        'epoch 3',
        'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 79.1 GiB total capacity)',
      ]) ?? '',
      /Tried to allocate/,
    );
    assert.equal(gpuOomLine(['MemoryError', 'Killed']), undefined);
  });
});
