"use client";

import { createContext, useContext, type ReactNode } from "react";

/**
 * Who is looking, for the few words that depend on it ("you wrote this: someone else reviews it").
 * Never a permission: the domain decides what a user may do; this only spares them a doomed button.
 */
const ViewerContext = createContext<{ id: number } | null>(null);

export function ViewerProvider({ id, children }: { id: number; children: ReactNode }) {
  return <ViewerContext.Provider value={{ id }}>{children}</ViewerContext.Provider>;
}

export const useViewer = () => useContext(ViewerContext);
