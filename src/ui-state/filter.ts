// The `/` prompt: "text", "regex", "!inverted", "-l app=web" (server-side label selector).
import type { FilterSpec } from './engine-types.js';

export interface ParsedFilter {
  filter?: FilterSpec;
  labelSelector?: string;
}

const REGEX_CHARS = /[.*+?^${}()|[\]\\]/;

export function parseFilter(input: string): ParsedFilter {
  const text = input.trim();
  if (text === '') return {};
  const label = /^-l\s*(.+)$/.exec(text);
  if (label) return { labelSelector: label[1].trim() };
  const invert = text.startsWith('!');
  const body = invert ? text.slice(1) : text;
  if (body === '') return {};
  let regex = false;
  if (REGEX_CHARS.test(body)) {
    try {
      new RegExp(body, 'i');
      regex = true;
    } catch {
      regex = false; // not a valid regex: match it as plain text
    }
  }
  return { filter: { text: body, regex, invert } };
}

/** How the filter appears in the title: `</!web>`, `<-l app=web>`. */
export function describeFilter(input: string): string {
  const t = input.trim();
  return t === '' ? '' : `</${t}>`;
}
