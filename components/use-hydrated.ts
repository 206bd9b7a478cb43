"use client";
// Whether the client has taken over: false on the server and during hydration, true after. For
// parts that work only with JavaScript (a copy button) or that say when they listen (a drop zone).
import { useSyncExternalStore } from "react";

const neverChanges = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  );
}
