// One file as the engine sees it: its text and the models built from it, once.
import { EnvModel } from './documents/envModel';
import { LineIndex } from './documents/lineIndex';
import { YamlModel } from './documents/yamlModel';
import { parseSuppressions, Suppression } from './suppressions';

export class SourceFile {
  private _lines?: LineIndex;
  private _yaml?: YamlModel;
  private _env?: EnvModel;
  private _suppressions?: Suppression[];
  private yamlBuilder?: (file: SourceFile) => YamlModel;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  get lines(): LineIndex {
    return (this._lines ??= new LineIndex(this.text));
  }

  get yaml(): YamlModel {
    return (this._yaml ??= this.yamlBuilder?.(this) ?? new YamlModel(this.text));
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
