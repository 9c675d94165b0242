// axe-core's WCAG 2.1 A/AA rules in the widget tests: loads axe once into the test page and fails with each
// violation's rule, impact, target and help, so a failure says what to fix.
import type { AxeResults, ElementContext } from 'axe-core';

declare global {
  interface Window {
    axe?: typeof import('axe-core');
  }
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let loading: Promise<void> | null = null;

function loadAxe(): Promise<void> {
  loading ??= new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('axe-core did not load from /node_modules/axe-core/axe.min.js'));
    document.head.append(script);
  });
  return loading;
}

/** One line per violation and node: rule id, impact, target (through shadow roots), help. */
export function describeViolations(violations: AxeResults['violations']): string {
  return violations
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `- ${v.id} (${v.impact ?? n.impact ?? 'unknown'}) at ${JSON.stringify(n.target)}: ${v.help}\n  ${n.failureSummary?.replace(/\n/g, '\n  ') ?? ''}`,
      ),
    )
    .join('\n');
}

/** Fails unless axe finds no WCAG 2.1 A/AA violation in `context` (its shadow roots included). */
export async function expectAccessible(context: ElementContext, what: string): Promise<void> {
  await loadAxe();
  // axe runs one audit at a time; waiting for the widget's own rendering first is the caller's job.
  const results = await window.axe!.run(context, {
    runOnly: { type: 'tag', values: WCAG_TAGS },
    resultTypes: ['violations'],
  });
  const { violations } = results;
  if (violations.length > 0) {
    const places = violations.reduce((n, v) => n + v.nodes.length, 0);
    throw new Error(
      `axe: ${what} breaks ${violations.length} WCAG rule(s) in ${places} place(s):\n${describeViolations(violations)}`,
    );
  }
}
