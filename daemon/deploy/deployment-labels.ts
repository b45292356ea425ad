/** The labels and names that tie a rendered object to its model version and deployment. */

export const MANAGED_BY = 'mlops-lens';
export const LABEL_SERVICE = 'mlops-lens.dev/service';
export const LABEL_MODEL = 'mlops-lens.dev/model';
export const LABEL_VERSION = 'mlops-lens.dev/model-version';
export const ANNOTATION_DEPLOYMENT = 'mlops-lens.dev/deployment-id';

/** Kubernetes label values allow 63 characters of [A-Za-z0-9._-]. */
export function labelValue(value: string): string {
  return value
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

export function versionLabels(service: string, model: string, version: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': service,
    'app.kubernetes.io/managed-by': MANAGED_BY,
    [LABEL_SERVICE]: service,
    [LABEL_MODEL]: labelValue(model),
    [LABEL_VERSION]: version,
  };
}

/** The per-version object name: `churn-v3`. */
export function versionObjectName(service: string, version: string): string {
  return `${service}-v${version}`;
}
