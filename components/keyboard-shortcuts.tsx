"use client";
// Keyboard shortcuts: `/` focuses search, j / k move between paper cards, o or Enter opens the focused one.
// Keys are ignored while typing in a field or with a modifier held, so browser shortcuts keep working.
import { useEffect } from "react";

const CARD = "[data-paper-card]";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest("input, textarea, select, [contenteditable='true']") !== null;
}

function focusCard(card: HTMLElement): void {
  // focusVisible asks for the focus ring even though focus moved by script (Chromium / Firefox honour it).
  card.focus({ preventScroll: true, focusVisible: true } as FocusOptions);
  card.scrollIntoView({ block: "nearest" });
}

export function KeyboardShortcuts({ searchInputId }: { searchInputId: string }) {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;

      if (event.key === "/") {
        const input = document.getElementById(searchInputId);
        if (input instanceof HTMLInputElement) {
          event.preventDefault();
          input.focus();
          input.select();
        }
        return;
      }

      if (event.key === "j" || event.key === "k") {
        const cards = Array.from(document.querySelectorAll<HTMLElement>(CARD));
        if (cards.length === 0) return;
        const current = active ? cards.findIndex((card) => card.contains(active)) : -1;
        const nextIndex =
          current === -1
            ? event.key === "j"
              ? 0
              : cards.length - 1
            : Math.min(cards.length - 1, Math.max(0, current + (event.key === "j" ? 1 : -1)));
        const target = cards[nextIndex];
        if (target) {
          event.preventDefault();
          focusCard(target);
        }
        return;
      }

      // Enter on a link inside a card already follows that link; only handle the card itself.
      if ((event.key === "o" || (event.key === "Enter" && !event.shiftKey)) && active?.matches(CARD)) {
        const link = active.querySelector<HTMLAnchorElement>("a[data-paper-link]");
        if (link) {
          event.preventDefault();
          link.click();
        }
      }
    }
    document.addEventListener("keydown", onKeyDown);
    document.documentElement.dataset.shortcuts = "ready"; // lets browser tests wait for hydration
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      delete document.documentElement.dataset.shortcuts;
    };
  }, [searchInputId]);

  return null;
}
