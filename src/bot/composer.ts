/**
 * grammY's Composer with cheaper plumbing, for the bot's feature composers.
 * An update crosses about fifty middleware steps and filters on its way
 * through the features, and grammY's plumbing allocates at each one: `filter`
 * (behind `on`, `command`, `callbackQuery`, `hears`, `chatType`, `drop`) goes
 * through `branch` and `lazy`, which build a new Composer (an array and
 * closures) for every update at every filter, matching or not; and each `use`
 * nests one more `concat`, two async functions per step. That garbage was the
 * largest part of a /start's CPU time (issue #14). Here `filter` decides with
 * the predicate and calls the filtered middleware directly, and the steps run
 * from a list, one `next` closure per step. Same order, same `next` (a
 * promise; a second call throws), same errors. Written by hand because
 * grammY has no such option.
 */
import { Composer, type Context, type Middleware, type MiddlewareFn, type MiddlewareObj } from "grammy";

type MaybePromise<T> = T | Promise<T>;

/** A Composer whose steps and filters allocate little per update (see the module comment). */
export class ShopComposer<C extends Context> extends Composer<C> {
  readonly #steps: Array<MiddlewareFn<C>>;
  readonly #handler: MiddlewareFn<C>;

  constructor(...middleware: Array<Middleware<C>>) {
    super();
    this.#steps = middleware.map(toFunction);
    // An error thrown at once is a rejection, as from grammY's async middleware.
    this.#handler = (ctx, next) => {
      try {
        return this.#run(ctx, next, 0) as MaybePromise<void>;
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }

  override middleware(): MiddlewareFn<C> {
    return this.#handler;
  }

  override use(...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new ShopComposer<C>(...middleware);
    this.#steps.push(toFunction(composer));
    return composer;
  }

  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Array<Middleware<D>>): Composer<D>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const filtered = new ShopComposer<C>(...middleware);
    const passed = filtered.middleware();
    this.#steps.push((ctx, next) => {
      const passes = predicate(ctx);
      if (passes instanceof Promise) return passes.then((yes) => (yes ? passed(ctx, next) : next()));
      return passes ? passed(ctx, next) : next();
    });
    return filtered;
  }

  /**
   * Runs the steps from `index` on; past the last one, the composer's own
   * `next`. Not async (an async frame per step was most of what is left to
   * collect): it returns what the step returns, and `next` always a promise.
   */
  #run(ctx: C, next: () => Promise<void>, index: number): unknown {
    const step = this.#steps[index];
    if (step === undefined) return next();
    let nextCalled = false;
    return step(ctx, () => {
      if (nextCalled) return Promise.reject(new Error("`next` already called before!"));
      nextCalled = true;
      try {
        return Promise.resolve(this.#run(ctx, next, index + 1) as MaybePromise<void>);
      } catch (error) {
        return Promise.reject(error);
      }
    });
  }
}

/** A middleware object's function, read per update (what is installed on it later takes part). */
function toFunction<C extends Context>(middleware: Middleware<C>): MiddlewareFn<C> {
  if (typeof middleware === "function") return middleware;
  if (middleware instanceof ShopComposer) return middleware.middleware();
  const object: MiddlewareObj<C> = middleware;
  return (ctx, next) => object.middleware()(ctx, next);
}
