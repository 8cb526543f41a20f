// Helpers of the GPU family. Dialects: guide `security.gpu.*` / `security.vram.*`,
// GPU examples `security.gpu.access_control.*`, `gpu.compute_mode`, `gpu.vram.secure_clear`.

/** Where GPU access control lives: the hardening guide's and the GPU examples' spelling. */
export const ACCESS_CONTROL_PATHS = [
  ['security', 'gpu', 'access_control'],
  ['gpu', 'access_control'],
];
