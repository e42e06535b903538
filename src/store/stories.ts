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
 * Keeps the corpus layer's story index in step with the store. Story assignments are written in the same
 * transaction as the articles (ingest's `onStored`); the index itself is saved at the end of a run. After a crash
 * the saved index is older than the assignments: `open()` replays, in insertion order, every article stored after
 * the saved position, which gives the same assignments again, so nothing is lost or clustered twice.
 */
export class StoryKeeper {
  private index!: StoryIndex;

  constructor(private store: Store, private res: CorpusResources) {}

  open(): this {
    const saved = this.store.getState(STATE_KEY) as SavedState | null;
    this.index = saved ? StoryIndex.fromJSON(saved.index) : new StoryIndex({ stopwords: this.res.stopwords });
    const replay: Analysis[] = [];
    for (const { analysis } of this.store.analysesAfter(saved?.position ?? 0)) replay.push(analysis);
    if (replay.length) this.add(replay);
    return this;
  }

  /** Adds newly stored analyses (in the order they were stored) and writes their story assignments. */
  add(analyses: Analysis[]): void {
    const touched = new Set<string>();
    for (const a of analyses) {
      const r = this.index.add(a);
      this.store.setStory(a.article.id, r.clusterId, r.duplicateOf);
      touched.add(r.clusterId);
    }
    for (const id of touched) {
      const s = this.index.story(id);
      if (!s) continue;
      this.store.upsertStory({
        id: s.id, title: s.title, first: s.first, last: s.last, outlets: s.outlets,
        articles: s.articles.length, copies: Object.keys(s.duplicates).length,
      });
    }
  }

  save(): void {
    this.store.setState(STATE_KEY, { position: this.store.lastPosition(), index: this.index.toJSON() } satisfies SavedState);
  }
}
