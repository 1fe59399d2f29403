/** Kept for existing importers (handler.ts, discovery.test.ts): the implementation lives in ./openapi/. */
export { openapiGroupVersion, openapiRoot } from './openapi/index.ts';
