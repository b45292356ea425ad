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

/** Below this scale labels cannot be read: the drawing shows boxes only (`.overview`). */
export const LABEL_SCALE = 0.35;

/**
 * The view a graph opens with: the whole drawing when it fits at a scale whose labels can be
 * read, otherwise the root node at full size in the middle (Fit still shows everything).
 */
export function openingView(
  drawing: { readonly width: number; readonly height: number },
  root:
    { readonly x: number; readonly y: number; readonly width: number; readonly height: number } | undefined,
  viewportWidth: number,
  viewportHeight: number,
): View {
  const whole = fitView(drawing.width, drawing.height, viewportWidth, viewportHeight);
  if (whole.scale >= 2 * LABEL_SCALE || !root) return whole;
  return {
    scale: 1,
    x: viewportWidth / 2 - (root.x + root.width / 2),
    y: viewportHeight / 2 - (root.y + root.height / 2),
  };
}
