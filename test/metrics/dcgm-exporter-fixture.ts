/**
 * Test fixture: a DCGM-style exporter. It serves `DCGM_FI_DEV_GPU_UTIL` (%),
 * `DCGM_FI_DEV_FB_USED` and `DCGM_FI_DEV_FB_FREE` (MiB) with the labels NVIDIA's dcgm-exporter
 * writes: `gpu`, `UUID`, `pci_bus_id`, `device`, `modelName`, `Hostname`, `DCGM_FI_DRIVER_VERSION`,
 * `GPU_I_PROFILE` and `GPU_I_ID` on a MIG slice, and `namespace`, `pod`, `container` when its
 * Kubernetes pod mapping finds the pod that holds the device. The test sets every value.
 */
import { Gauge, Registry } from 'prom-client';
import { MetricsEndpoint } from './metrics-endpoint.ts';

export interface GpuDevice {
  gpu: string;
  uuid: string;
  hostname: string;
  modelName?: string;
  /** A MIG slice: its profile (`1g.10gb`) and GPU instance id. */
  mig?: { profile: string; instance: string };
  /** The pod the device is assigned to, when there is one. */
  pod?: { namespace: string; pod: string; container: string };
}

export interface GpuReading {
  utilPercent: number;
  fbUsedMiB: number;
  fbFreeMiB: number;
}

const LABELS = [
  'gpu',
  'UUID',
  'pci_bus_id',
  'device',
  'modelName',
  'GPU_I_PROFILE',
  'GPU_I_ID',
  'Hostname',
  'DCGM_FI_DRIVER_VERSION',
  'namespace',
  'pod',
  'container',
] as const;

type Labels = Partial<Record<(typeof LABELS)[number], string>>;

export class DcgmExporterFixture extends MetricsEndpoint {
  readonly #util: Gauge<(typeof LABELS)[number]>;
  readonly #used: Gauge<(typeof LABELS)[number]>;
  readonly #free: Gauge<(typeof LABELS)[number]>;

  constructor() {
    const registry = new Registry();
    super(registry);
    const gauge = (name: string, help: string) =>
      new Gauge({ name, help, labelNames: LABELS, registers: [registry] });
    this.#util = gauge('DCGM_FI_DEV_GPU_UTIL', 'GPU utilization (in %).');
    this.#used = gauge('DCGM_FI_DEV_FB_USED', 'Framebuffer memory used (in MiB).');
    this.#free = gauge('DCGM_FI_DEV_FB_FREE', 'Framebuffer memory free (in MiB).');
  }

  /** Sets the three readings of one device or slice (adds it when new). */
  set(device: GpuDevice, reading: GpuReading): void {
    const labels = deviceLabels(device);
    this.#util.set(labels, reading.utilPercent);
    this.#used.set(labels, reading.fbUsedMiB);
    this.#free.set(labels, reading.fbFreeMiB);
  }

  /** The device is no longer exported (its pod went away and the mapping with it). */
  remove(device: GpuDevice): void {
    const labels = deviceLabels(device);
    for (const gauge of [this.#util, this.#used, this.#free]) gauge.remove(labels);
  }
}

function deviceLabels(device: GpuDevice): Labels {
  const labels: Labels = {
    gpu: device.gpu,
    UUID: device.uuid,
    pci_bus_id: `00000000:${(0x17 + Number(device.gpu)).toString(16).padStart(2, '0')}:00.0`,
    device: `nvidia${device.gpu}`,
    modelName: device.modelName ?? 'NVIDIA H100 80GB HBM3',
    Hostname: device.hostname,
    DCGM_FI_DRIVER_VERSION: '550.54.15',
  };
  if (device.mig !== undefined) {
    labels.GPU_I_PROFILE = device.mig.profile;
    labels.GPU_I_ID = device.mig.instance;
  }
  if (device.pod !== undefined) {
    labels.namespace = device.pod.namespace;
    labels.pod = device.pod.pod;
    labels.container = device.pod.container;
  }
  return labels;
}
