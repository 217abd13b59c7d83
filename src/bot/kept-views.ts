/**
 * Views built once and shown many times: the /start menu, the purchase's
 * destination prompt and a destination's plan picker are the same for every
 * traveller with the same language (and destinations or plans), yet each is
 * a dozen translations, and the conversations plugin rebuilds the prompt and
 * the picker on every later step of a purchase, as it replays. A view is
 * kept under a key naming everything it is built from, so a change (another
 * language, a catalog refresh changing the list or a price) builds a new
 * one. Kept views must not be changed by who shows them.
 */
import { LRUCache } from "lru-cache";

export class KeptViews<T extends object> {
  readonly #built: LRUCache<string, T>;

  /** @param most how many views to keep (the least recently shown go first). */
  constructor(most: number) {
    this.#built = new LRUCache({ max: most });
  }

  /** The view kept under `key`, built by `build` the first time. */
  get(key: string, build: () => T): T {
    let view = this.#built.get(key);
    if (view === undefined) {
      view = build();
      this.#built.set(key, view);
    }
    return view;
  }
}
