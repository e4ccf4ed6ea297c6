'use client';

import * as React from 'react';
import { type BackgroundFetchLabels, defaultLabels, mergeLabels, type PartialLabels } from './labels.js';

const LabelsContext = React.createContext<BackgroundFetchLabels>(defaultLabels);
LabelsContext.displayName = 'BackgroundFetchLabelsContext';

/** The labels in effect: `labels` over the nearest provider's (or the defaults). */
export function useLabels(labels?: PartialLabels): BackgroundFetchLabels {
  const inherited = React.useContext(LabelsContext);
  return React.useMemo(() => mergeLabels(inherited, labels), [inherited, labels]);
}

/** Gives `labels` (over what is already in effect) to every component below. */
export function LabelsProvider({ labels, children }: { labels?: PartialLabels; children?: React.ReactNode }) {
  const merged = useLabels(labels);
  return <LabelsContext.Provider value={merged}>{children}</LabelsContext.Provider>;
}
