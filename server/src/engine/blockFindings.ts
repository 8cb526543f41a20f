// Incremental rule runs for an edited buffer: the findings of the block-local rules
// (RuleMeta.blockLocal) on each top-level block, kept by the block's text with
// offsets from the block's start. After an edit only the blocks whose text changed
// are checked again; the findings of the others are reused, moved to where their
// block now starts. The cross-block rules still run on the whole file's model.
import { YamlBlock } from './documents/yamlModel';
import { FindingReadership } from './findingReadership';
import { SourceFile } from './sourceFile';
import { FileKind, Finding, Profile, shifted, shiftedEdit } from './types';

/** A block's findings, and the key offsets they told (SCH006 leaves those keys to them); offsets from the block's start. */
interface Found {
  findings: Finding[];
  told: number[];
}

/** Per buffer: the block-local findings of its last analysis. */
export class BlockFindings {
  private context = '';
  private byText = new Map<string, Found>();

  /**
   * The pass over this version's blocks, or undefined when it must be analyzed whole: a
   * model not assembled from blocks (incrementalYaml.ts falls back on ambiguous structure),
   * one cut short by a limit, or top-level keys that are not one per block and distinct.
   */
  begin(file: SourceFile, kind: FileKind, profile: Profile, off: readonly string[]): BlockPass | undefined {
    const model = file.yaml;
    // the findings of the rules that ran: another set of rules turned off finds other things
    const context = `${kind}\u0000${profile}\u0000${file.path}\u0000${[...off].sort().join(',')}`;
    if (context !== this.context) {
      this.context = context;
      this.byText = new Map();
    }
    if ((kind !== 'config' && kind !== 'mig') || !model.blocks || model.truncated) return undefined;
    const roots = model.rootKeys;
    if (roots.length !== model.blocks.length || new Set(roots).size !== roots.length) return undefined;
    return new BlockPass(file, kind, model.blocks, this.byText, (kept) => (this.byText = kept));
  }

  /** Something besides the buffer changed (a `.env`, the settings, the disk): nothing is reused. */
  clear(): void {
    this.byText = new Map();
  }
}

/** One top-level block whose findings are not known yet: its text as a file of its own. */
export interface ChangedBlock {
  block: YamlBlock;
  file: SourceFile;
  /** Where the block-local rules report, with offsets from the block's start. */
  findings: Finding[];
  /** Tells the block's findings with the server's readership of their keys. */
  readership: FindingReadership;
}

export class BlockPass {
  /** The blocks the block-local rules must run on. */
  readonly changed: ChangedBlock[] = [];

  constructor(
    private readonly whole: SourceFile,
    kind: FileKind,
    private readonly blocks: readonly YamlBlock[],
    private readonly known: Map<string, Found>,
    private readonly keep: (kept: Map<string, Found>) => void,
  ) {
    for (const block of blocks) {
      if (known.has(block.text!)) continue;
      const file = new SourceFile(whole.path, block.text!);
      file.buildYamlWith(() => block.model!);
      this.changed.push({ block, file, findings: [], readership: new FindingReadership(file, kind) });
    }
  }

  /**
   * The block-local findings of the whole file, each block's told keys passed to `tell`;
   * `complete`: every rule ran, so they are kept for the next version.
   */
  finish(complete: boolean, tell: (offsets: number[]) => void): Finding[] {
    const fresh = new Map<YamlBlock, Found>(
      this.changed.map((c) => [c.block, { findings: c.findings, told: c.readership.toldOffsets() }]),
    );
    const kept = new Map<string, Found>();
    const out: Finding[] = [];
    for (const b of this.blocks) {
      const found = fresh.get(b) ?? this.known.get(b.text!)!;
      kept.set(b.text!, found);
      for (const f of found.findings) out.push(moved(f, b.offset, this.whole.path));
      tell(found.told.map((o) => o + b.offset));
    }
    if (complete) this.keep(kept);
    return out;
  }
}

/** A finding made on a block alone, at its place in the whole file (its edits of the file too). */
function moved(f: Finding, offset: number, filePath: string): Finding {
  if (offset === 0) return f;
  return {
    ...f,
    span: shifted(f.span, offset),
    fixes: f.fixes.map((fix) => ({
      ...fix,
      changes: fix.changes.map((c) =>
        c.path === filePath && !c.create ? { ...c, edits: c.edits.map((e) => shiftedEdit(e, offset)) } : c,
      ),
    })),
  };
}
