// Where a long flow runs: each database, width and JavaScript mode once
// (four of the eight projects), so every page it visits is still
// axe-checked in both modes while the suite spends its time where it
// finds bugs. Short tests run in all eight.
import { test } from '@playwright/test';

export const FLOW_PROJECTS = ['sqlite-desktop-js', 'sqlite-phone-nojs', 'postgres-desktop-nojs', 'postgres-phone-js'];

/** Skips the calling test outside the four pairings. */
export function onlyInFlowProjects() {
  test.skip(!FLOW_PROJECTS.includes(test.info().project.name), 'covered by the other pairings');
}
