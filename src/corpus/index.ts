/** The corpus layer: pure, store-independent functions over `Analysis` objects (see README.md). */
export { DuplicateIndex, DEFAULT_DUPLICATE_OPTIONS, shingles, signature, estimateJaccard } from './minhash.js';
export type { DuplicateOptions, DuplicateMatch, DuplicateIndexJSON } from './minhash.js';
export { StoryIndex, DEFAULT_STORY_OPTIONS, storyFeatures } from './stories.js';
export type { Story, StoryOptions, AddResult, StoryIndexJSON } from './stories.js';
export { mergeEvents, filterEvents, figureSpread, actorKey, actorRef } from './events.js';
export type { CorpusEvent, EventReport, FigureReport, FigureSpread, ActorRef, MergeOptions, EventFilter } from './events.js';
export { compareStory } from './compare.js';
export type { StoryComparison, OutletView, Fact, Contradiction } from './compare.js';
export { actorProfiles, findActor } from './profiles.js';
export type { ActorProfile } from './profiles.js';
export * from './exports.js';
export { loadCorpusResources } from './load.js';
export type { CorpusResources } from './load.js';
export { outletOf, dayNumber as dayNumberOf } from './text.js';
