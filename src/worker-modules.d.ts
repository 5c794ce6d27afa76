// Modules that exist only in the Worker bundle (built into dist/worker-index by npm run build:worker-index).
declare module "scrutin:worker-index/manifest" {
  const manifest: unknown;
  export default manifest;
}
// wrangler.toml's Data rule imports *.bin files as ArrayBuffers.
declare module "*.bin" {
  const bytes: ArrayBuffer;
  export default bytes;
}
