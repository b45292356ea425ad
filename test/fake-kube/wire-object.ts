import type { KubeObject } from './kube-object.ts';
import { groupVersionOf, type ResourceType } from './resource-catalog.ts';

/** A single object as the server writes it: always with its kind and apiVersion. */
export function objectForWire(resource: ResourceType, object: KubeObject): KubeObject {
  return { ...object, kind: resource.kind, apiVersion: groupVersionOf(resource) };
}

/** A list item: built-in types lose kind and apiVersion in lists, custom resources keep them. */
export function listItemForWire(resource: ResourceType, object: KubeObject): unknown {
  if (resource.customResource) return objectForWire(resource, object);
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = object;
  return rest;
}

export function listKind(resource: ResourceType): string {
  return `${resource.kind}List`;
}
