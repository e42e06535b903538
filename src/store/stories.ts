import type { Analysis } from '../types.js';
import { StoryIndex, type StoryIndexJSON } from '../corpus/stories.js';
import type { CorpusResources } from '../corpus/load.js';
import type { Store } from './store.js';

const STATE_KEY = 'stories';

interface SavedState {
  /** Every article stored at or before this insertion position is in `index`. */
  position: number;
  index: StoryIndexJSON;
}

/**
 * Keeps the corpus layer's story index in step with the store.
 *
 * Story assignments are written in the same transaction as the articles (ingest's `onStored`). The index is a
 * deterministic function of the articles in insertion order, so it is saved only now and then: whoever opens the
 * store, or writes a batch, first replays every article stored after the position its index has seen. After a
 * crash the replay gives the same assignments again; with several workers (PostgreSQL), `sync` runs under a lock
 * (see src/queue) so each worker's index sees the global insertion order and all agree.
 */
export class StoryKeeper {
  private index: StoryIndex;
  private position = 0;

  constructor(private res: CorpusResources) {
    this.index = new StoryIndex({ stopwords: res.stopwords });
  }

  /**
   * Loads the saved index and replays what was stored after it. Also the way back after a failed transaction,
   * whose assignments the in-memory index had already taken in.
   */
  async open(store: Store): Promise<this> {
    const saved = (await store.getState(STATE_KEY)) as SavedState | null;
    this.index = saved ? StoryIndex.fromJSON(saved.index) : new StoryIndex({ stopwords: this.res.stopwords });
    this.position = saved?.position ?? 0;
    await this.sync(store);
    return this;
  }

  /** Replays, in insertion order, the articles stored after what this index has seen (others' writes, or a crash). */
  async sync(store: Store): Promise<void> {
    const replay: Analysis[] = [];
    let last = this.position;
    for await (const { position, analysis } of store.analysesAfter(this.position)) {
      replay.push(analysis);
      last = position;
    }
    if (replay.length) await this.assign(store, replay);
    this.position = last;
  }

  /** For ingest's `onStored`: catches up, then adds the batch just stored (inside its transaction). */
  readonly onStored = async (tx: Store, stored: Analysis[]): Promise<void> => {
    await this.sync(tx);
  };

  private async assign(store: Store, analyses: Analysis[]): Promise<void> {
    const touched = new Set<string>();
    for (const a of analyses) {
      const r = this.index.add(a);
      await store.setStory(a.article.id, r.clusterId, r.duplicateOf);
      touched.add(r.clusterId);
    }
    for (const id of touched) {
      const s = this.index.story(id);
      if (!s) continue;
      await store.upsertStory({
        id: s.id, title: s.title, first: s.first, last: s.last, outlets: s.outlets,
        articles: s.articles.length, copies: Object.keys(s.duplicates).length,
      });
    }
  }

  async save(store: Store): Promise<void> {
    await store.setState(STATE_KEY, { position: this.position, index: this.index.toJSON() } satisfies SavedState);
  }
}
