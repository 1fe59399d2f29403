/** The lab's page as pure functions: which pod answered, its environment as `export` lines, hosts, picture. */
import { renderPicture } from './picture.ts';

export interface PageInput {
  /** The pod's hostname (metadata.name unless spec.hostname says otherwise). */
  hostname: string;
  podIP?: string;
  namespace?: string;
  nodeName?: string;
  /** The container's environment, shown as the lab's `export NAME='value'` lines. */
  env: Readonly<Record<string, string | undefined>>;
  /** The container's /etc/hosts text, shown as-is. */
  hosts: string;
  generatedAt: Date;
}

/** info.json: the machine-readable twin of the page, for tests and tools. */
export interface PageInfo {
  hostname: string;
  podIP: string | null;
  namespace: string | null;
  nodeName: string | null;
  generatedAt: string;
}

export function pageInfo(input: PageInput): PageInfo {
  return {
    hostname: input.hostname,
    podIP: input.podIP || null,
    namespace: input.namespace || null,
    nodeName: input.nodeName || null,
    generatedAt: input.generatedAt.toISOString(),
  };
}

/**
 * The page keeps the layout of the lab's generator (picture, then one <pre> of `export` lines and
 * hosts entries ending in `</pre>`), so `curl .../index.html | grep web-` prints what the lab printed.
 */
export function renderPage(input: PageInput): string {
  const who = [
    `pod <b>${escapeHtml(input.hostname)}</b>`,
    input.podIP && `IP <b>${escapeHtml(input.podIP)}</b>`,
    input.namespace && `namespace <b>${escapeHtml(input.namespace)}</b>`,
    input.nodeName && `node <b>${escapeHtml(input.nodeName)}</b>`,
  ].filter(Boolean);
  const text = [...exportLines(input.env), input.hosts.replace(/\n+$/, '')].join('\n');
  return [
    '<html>',
    `<head><meta charset="utf-8"><title>${escapeHtml(input.hostname)}</title></head>`,
    '<body>',
    `<p>Served by ${who.join(', ')}; generated ${input.generatedAt.toISOString()}.</p>`,
    '<!-- IMAGE BEGINS HERE -->',
    '<font size="-3">',
    `<pre>${renderPicture({ seed: input.hostname })}</pre>`,
    '<!-- IMAGE ENDS HERE -->',
    '</font>',
    // A newline right after <pre> is dropped by HTML, and keeps every export line greppable.
    `<pre>\n${escapeHtml(text)}</pre>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** What `export` prints in sh: sorted, names a shell accepts, values single-quoted. */
export function exportLines(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.keys(env)
    .filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && env[name] !== undefined)
    .sort()
    .map((name) => `export ${name}=${shellQuote(env[name] ?? '')}`);
}

/** Single quotes keep every byte literal in sh; a quote inside is closed, escaped, reopened. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Text-content escaping: quotes stay as they are, so `export NAME='value'` greps like the lab's page. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);
}
