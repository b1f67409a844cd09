/**
 * Overlays that close with Esc (and, where it makes sense, with a click outside them): the share popover, About,
 * Training, the dataset-analysis view, the inspector's bottom sheet on phones. Open overlays form a stack, newest on
 * top; Esc closes the top one only, and the explorer's own Esc (clear the selected bond) runs when none is open.
 */
import { useEffect, useRef } from 'react';

interface Overlay {
  close: () => void;
  /** Clicks inside these elements do not count as outside (the overlay itself and the button that opens it). */
  inside: () => (Element | null)[];
  outsideClick: boolean;
}

const stack: Overlay[] = [];

/** Whether an overlay is open (the explorer's Esc leaves the bond selection alone then). */
export const overlayOpen = () => stack.length > 0;

/** Closes the newest overlay; false when none is open. */
export function closeTopOverlay(): boolean {
  const top = stack.at(-1);
  if (!top) return false;
  top.close();
  return true;
}

function onKeyDown(event: KeyboardEvent) {
  if (event.key !== 'Escape' || event.defaultPrevented || !closeTopOverlay()) return;
  event.preventDefault();
  event.stopPropagation();
}

function onPointerDown(event: PointerEvent) {
  const top = stack.at(-1);
  if (!top?.outsideClick) return;
  const target = event.target as Node | null;
  if (!target || !target.isConnected) return;
  if (top.inside().some((el) => el?.contains(target))) return;
  top.close();
}

let listening = false;
function listen() {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  // Capture phase on window runs before the explorer's own key handler (a bubble listener on window).
  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('pointerdown', onPointerDown, true);
}

/**
 * Registers an open overlay. `inside` lists the overlay and its opener; `outsideClick` closes it on a pointer-down
 * elsewhere (popovers and drawers that cover the page; not docked panels the user works beside).
 */
export function useOverlay(
  open: boolean,
  close: () => void,
  inside: () => (Element | null)[] = () => [],
  { outsideClick = false }: { outsideClick?: boolean } = {},
) {
  const closeRef = useRef(close);
  const insideRef = useRef(inside);
  useEffect(() => {
    closeRef.current = close;
    insideRef.current = inside;
  });
  useEffect(() => {
    if (!open) return;
    listen();
    const overlay: Overlay = {
      close: () => closeRef.current(),
      inside: () => insideRef.current(),
      outsideClick,
    };
    stack.push(overlay);
    return () => {
      const at = stack.indexOf(overlay);
      if (at >= 0) stack.splice(at, 1);
    };
  }, [open, outsideClick]);
}
