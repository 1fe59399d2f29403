/** The /openapi/v3 documents: the root with per-group/version hashes and each group/version's document. */
export { openapiGroupVersion, openapiRoot } from './document.ts';
export { crdSchemaName } from './crd-schemas.ts';
