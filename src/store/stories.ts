import type { Analysis } from '../types.js';
import { StoryIndex, type StoryIndexJSON } from '../corpus/stories.js';
import type { CorpusResources } from '../corpus/load.js';
import type { Store, StoryAssignment } from './store.js';

const STATE_KEY = 'stories';
/** The fewest articles between two saves by `saveIfDue`. */
const SAVE_EVERY_MIN = 1000;

/** The saved index's position alone, cheap to read. */
const POSITION_KEY = 'stories.position';

interface SavedState {
  /** Every article with a clustering position at or below this one is in `index`. */
  position: number;
  index: StoryIndexJSON;
}

/**
 * Keeps the corpus layer's story index in step with the store.
 *
 * Storing and clustering are separate steps. Articles are stored (by one ingest or by many workers at once) with
 * no story; `cluster` then takes the clustering lock, catches its index up with what other clusterers did, and
 * gives every article still without a story its story, in storage order, writing each article's clustering
 * position with it in the same transaction. So each article is clustered exactly once, and the stories are what a
 * serial run over the articles in clustering order gives (the index is a deterministic function of that order).
 * The index is saved only now and then; whoever opens it replays the articles clustered after the saved position.
 * With one process (SQLite ingest) clustering runs inside each batch's transaction (`onStored`); with many workers
 * one of them at a time holds the clustering role (src/queue/worker.ts), so the index lives in one process and is
 * not rebuilt by each.
 */
export class StoryKeeper {
  private index: StoryIndex;
  private position = 0;
  /** Not loaded yet, or a clustering transaction failed after the index had taken in its articles: (re)load first. */
  private stale = true;
  /** The position of the last save this keeper made or loaded (see `saveIfDue`). */
  private savedPosition = 0;

  constructor(private res: CorpusResources) {
    this.index = new StoryIndex({ stopwords: res.stopwords });
  }

  /** Loads the saved index and replays what was clustered after it. */
  async open(store: Store): Promise<this> {
    const saved = (await store.getState(STATE_KEY)) as SavedState | null;
    this.index = saved ? StoryIndex.fromJSON(saved.index) : new StoryIndex({ stopwords: this.res.stopwords });
    this.position = saved?.position ?? 0;
    this.savedPosition = this.position;
    this.stale = false;
    await this.sync(store);
    return this;
  }

  /** Replays, in clustering order, the articles others clustered after what this index has seen. */
  private async sync(store: Store): Promise<void> {
    for await (const { position, analysis } of store.clusteredAfter(this.position)) {
      this.index.add(analysis);
      this.position = position;
    }
  }

  /**
   * Gives every stored article without a story its story. Runs in a transaction of its own, or inside the caller's
   * (`onStored`). With `wait` false it returns -1 at once when another process is clustering. Returns how many
   * articles it placed.
   */
  async cluster(store: Store, wait = true): Promise<number> {
    try {
      return await store.transaction(async (tx) => {
        if (!(await tx.lockClustering(wait))) return -1;
        if (this.stale) await this.open(tx);
        else await this.sync(tx);
        let placed = 0;
        for (;;) {
          const batch = await tx.unclustered(500);
          if (!batch.length) return placed;
          await this.assign(tx, batch);
          placed += batch.length;
        }
      });
    } catch (e) {
      this.stale = true;
      throw e;
    }
  }

  /** For ingest's `onStored`: clusters the batch just stored, inside its transaction. */
  readonly onStored = async (tx: Store, _stored: Analysis[]): Promise<void> => {
    await this.cluster(tx);
  };

  private async assign(store: Store, analyses: Analysis[]): Promise<void> {
    const touched = new Set<string>();
    const rows: StoryAssignment[] = [];
    for (const a of analyses) {
      const r = this.index.add(a);
      rows.push({ id: a.article.id, clusterId: r.clusterId, duplicateOf: r.duplicateOf, position: ++this.position });
      touched.add(r.clusterId);
    }
    await store.setStories(rows);
    const stories = [];
    for (const id of touched) {
      const s = this.index.story(id);
      if (s) stories.push({ id: s.id, title: s.title, first: s.first, last: s.last, outlets: s.outlets, articles: s.articles.length, copies: Object.keys(s.duplicates).length });
    }
    await store.upsertStories(stories);
  }

  /**
   * Saves the index when it has taken in at least SAVE_EVERY_MIN articles and a quarter of what the last save held
   * since that save. The saved index grows with the corpus (about 1.5 kB per article), so saving every fixed number
   * of articles would cost each article more the bigger the corpus (at 12,000 articles, every 1,000 articles wrote
   * 18 MB); growing the interval with the index keeps the cost per article constant, and a clusterer that takes over
   * replays at most about a fifth of the corpus (`sync`).
   */
  async saveIfDue(store: Store): Promise<boolean> {
    const since = this.position - this.savedPosition;
    if (since < Math.max(SAVE_EVERY_MIN, this.savedPosition / 4)) return false;
    await this.save(store);
    return true;
  }

  /** Saves the index, unless what is saved is already further along (another clusterer's). */
  async save(store: Store): Promise<void> {
    if (this.stale) return;
    const position = this.position;
    await store.transaction(async (tx) => {
      const at = (await tx.getState(POSITION_KEY)) as number | null;
      if (at !== null && at > this.position) return;
      await tx.setState(STATE_KEY, { position: this.position, index: this.index.toJSON() } satisfies SavedState);
      await tx.setState(POSITION_KEY, this.position);
    });
    this.savedPosition = position;
  }
}
