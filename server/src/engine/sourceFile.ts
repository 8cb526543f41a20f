// One file as the engine sees it: its text and the models built from it, once.
import { EnvModel } from './documents/envModel';
import { LineIndex } from './documents/lineIndex';
import { YamlModel } from './documents/yamlModel';

export class SourceFile {
  private _lines?: LineIndex;
  private _yaml?: YamlModel;
  private _env?: EnvModel;

  constructor(readonly path: string, readonly text: string) {}

  get lines(): LineIndex {
    return (this._lines ??= new LineIndex(this.text));
  }

  get yaml(): YamlModel {
    return (this._yaml ??= new YamlModel(this.text));
  }

  get env(): EnvModel {
    return (this._env ??= new EnvModel(this.text));
  }
}
