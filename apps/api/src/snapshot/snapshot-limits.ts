// How much of a snapshot folder Rollscope reads. The folder is not trusted: a support bundle may hold
// a huge log renamed .yaml, or millions of files, and each would otherwise be read into memory whole.

export interface SnapshotLimits {
  /** Largest single file read, in bytes; larger files are refused before any byte is read. */
  maxFileBytes: number;
  /**
   * Largest single YAML file read. The YAML parser holds about 90 bytes of syntax tree per byte of a
   * document (measured: a 26 MiB `kubectl get pods -o yaml` List took 2.6 GB), so YAML gets less room.
   */
  maxYamlFileBytes: number;
  /** Most bytes read across the whole folder; files that would pass it are refused. */
  maxTotalBytes: number;
  /** Most YAML/JSON files read from one folder. */
  maxFiles: number;
}

const mebibyte = 1024 * 1024;

export const defaultSnapshotLimits: SnapshotLimits = {
  maxFileBytes: 64 * mebibyte,
  maxYamlFileBytes: 16 * mebibyte,
  maxTotalBytes: 512 * mebibyte,
  maxFiles: 50_000,
};
