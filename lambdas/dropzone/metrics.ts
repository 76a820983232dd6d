// The drop-zone function's metrics, named once for the handler that emits them and the alarms that watch them.
export const DROPZONE_METRICS = {
  /** The value of the `function` dimension (with `service` rm-radar, as every rm-radar metric has). */
  functionDimension: 'dropzone',
  filesImported: 'FilesImported',
  filesRejected: 'FilesRejected',
} as const;
