// The resource API client lives in src/client (the CLI and the node agent both use it).
export * from '../client/api-client.ts';
