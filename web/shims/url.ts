/** node:url stand-in: module URLs become paths, so that DATA_DIR resolves to /data. */
export const fileURLToPath = (u: string | URL) => new URL(String(u)).pathname;
export default { fileURLToPath };
