// One file as the engine sees it: its text and the models built from it, once.
import { EnvModel } from './documents/envModel';
import { LineIndex } from './documents/lineIndex';
import { YamlModel } from './documents/yamlModel';
import { sizeLimitFinding } from './limits';
import { parseSuppressions, Suppression } from './suppressions';

export class SourceFile {
  private _lines?: LineIndex;
  private _yaml?: YamlModel;
  private _env?: EnvModel;
  private _suppressions?: Suppression[];
  private yamlBuilder?: (file: SourceFile) => YamlModel;
  /** Milliseconds spent building the YAML model that no analysis has counted yet. */
  private uncountedMs = 0;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  get lines(): LineIndex {
    return (this._lines ??= new LineIndex(this.text));
  }

  get yaml(): YamlModel {
    if (!this._yaml) {
      const started = performance.now();
      this._yaml = this.tooLargeToParse ? new YamlModel('') : (this.yamlBuilder?.(this) ?? new YamlModel(this.text));
      this.uncountedMs += performance.now() - started;
    }
    return this._yaml;
  }

  /**
   * Over the size limits as YAML: no one parses the file (a rule reading its siblings, the
   * posture, navigation), its model is empty and its own analysis gives it the LIMIT finding.
   */
  get tooLargeToParse(): boolean {
    return sizeLimitFinding(this.text, true) !== undefined;
  }

  /**
   * The time the YAML model took to build that no analysis has counted, now counted. The
   * first analysis after the model was built charges it to its time limit (the server
   * builds it before the analysis starts, to know whether the buffer is a deployment file).
   */
  takeUncountedMs(): number {
    const ms = this.uncountedMs;
    this.uncountedMs = 0;
    return ms;
  }

  /** How to build the YAML model if it is not built yet: the server reuses the parse of the buffer's unchanged blocks. */
  buildYamlWith(builder: (file: SourceFile) => YamlModel): void {
    this.yamlBuilder = builder;
  }

  get env(): EnvModel {
    return (this._env ??= new EnvModel(this.text));
  }

  /** `themisdb-disable…` comments, parsed once for the pipeline and the SUP rules. */
  get suppressions(): Suppression[] {
    return (this._suppressions ??= parseSuppressions(this));
  }
}
