/** Wires pan (drag on the background) and zoom (wheel, around the pointer) to an SVG element. */
import { zoomAt } from './pan-zoom.ts';
import type { View } from './pan-zoom.ts';

export function attachPanZoom(
  svg: SVGSVGElement,
  apply: (view: View) => void,
  initial: View,
): { get: () => View; set: (view: View) => void } {
  let view = initial;
  const set = (next: View): void => {
    view = next;
    apply(view);
  };
  svg.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      const box = svg.getBoundingClientRect();
      set(zoomAt(view, event.clientX - box.left, event.clientY - box.top, Math.exp(-event.deltaY * 0.0015)));
    },
    { passive: false },
  );
  let drag: { x: number; y: number; view: View } | undefined;
  svg.addEventListener('pointerdown', (event) => {
    if ((event.target as Element).closest('.node')) return;
    drag = { x: event.clientX, y: event.clientY, view };
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener('pointermove', (event) => {
    if (!drag) return;
    set({ ...drag.view, x: drag.view.x + event.clientX - drag.x, y: drag.view.y + event.clientY - drag.y });
  });
  svg.addEventListener('pointerup', () => (drag = undefined));
  set(view);
  return { get: () => view, set };
}
