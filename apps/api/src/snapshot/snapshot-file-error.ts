/** A file (or folder) of a snapshot that could not be loaded, and why; the rest still loads. */
export interface SnapshotFileError {
  file: string;
  message: string;
}
