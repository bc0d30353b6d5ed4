import type { ComponentChildren } from "preact";
import type { T } from "./i18n.ts";

/**
 * A wide table that scrolls sideways on a small screen. The scrolling box is a labelled region in
 * the tab order, so keyboard users can scroll it too (WCAG 2.1.1; axe "scrollable-region-focusable").
 */
export function ScrollTable({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard
    <section class="table-wrap" aria-label={label} tabIndex={0}>
      <table>
        <caption class="visually-hidden">{label}</caption>
        {children}
      </table>
    </section>
  );
}

/** An empty table cell: a dash for the eye, words for a screen reader. */
export function NotSet({ t }: { t: T }) {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span class="visually-hidden">{t("common.notSet")}</span>
    </>
  );
}
