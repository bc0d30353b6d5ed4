import { suomifiDesignTokens } from "suomifi-design-tokens";

/**
 * The Suomi.fi design tokens as CSS custom properties (`--sf-color-brandBase`, `--sf-spacing-m`, …),
 * generated once at start-up so that app.css can use the national design language.
 */
export function tokensCss(): string {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(suomifiDesignTokens.colors)) {
    lines.push(`  --sf-color-${name}: ${value};`);
  }
  for (const [name, value] of Object.entries(suomifiDesignTokens.spacing)) {
    lines.push(`  --sf-spacing-${name}: ${value};`);
  }
  for (const [name, value] of Object.entries(suomifiDesignTokens.radiuses)) {
    lines.push(`  --sf-radius-${name}: ${value};`);
  }
  const body = suomifiDesignTokens.values.typography.bodyText;
  lines.push(`  --sf-font-family: ${body.fontFamily};`);
  return `/* Generated from suomifi-design-tokens (MIT, Digital and Population Data Services Agency). */\n:root {\n${lines.join("\n")}\n}\n`;
}
