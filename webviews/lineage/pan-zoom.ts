/** Pan with a drag and zoom around the pointer with the wheel; the view is a plain serialisable value. */
export interface View {
  readonly x: number;
  readonly y: number;
  readonly scale: number;
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 4;

/** Zooms by `factor` keeping the point (px, py) of the screen still. */
export function zoomAt(view: View, px: number, py: number, factor: number): View {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
  const ratio = scale / view.scale;
  return { scale, x: px - (px - view.x) * ratio, y: py - (py - view.y) * ratio };
}

/** The view that fits a `width` × `height` drawing into the viewport, with a margin. */
export function fitView(width: number, height: number, viewportWidth: number, viewportHeight: number): View {
  const margin = 24;
  if (width <= 0 || height <= 0) return { x: margin, y: margin, scale: 1 };
  const scale = Math.min(
    MAX_SCALE,
    Math.max(
      MIN_SCALE,
      Math.min((viewportWidth - 2 * margin) / width, (viewportHeight - 2 * margin) / height, 1.5),
    ),
  );
  return { scale, x: (viewportWidth - width * scale) / 2, y: (viewportHeight - height * scale) / 2 };
}
