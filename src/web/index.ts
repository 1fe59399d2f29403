/**
 * The lab's web app, also the built-in image `kubelab/web`: generate the page a pod shows, serve
 * a directory. No process-global state: every input is passed in, so 1,000 pods can share a process.
 */
export { generatePage } from './generate.ts';
export type { GenerateOptions, GenerateResult } from './generate.ts';
export { managedHostsFile } from './hosts.ts';
export type { HostAlias, ManagedHostsInput } from './hosts.ts';
export { exportLines, renderPage, shellQuote } from './page.ts';
export type { PageInfo, PageInput } from './page.ts';
export { startWebServer } from './server.ts';
export type { AccessLogEntry, CloseOptions, WebServer, WebServerOptions } from './server.ts';
export { serveFreshPage } from './fresh.ts';
export type { FreshPageOptions, FreshPageServer } from './fresh.ts';
