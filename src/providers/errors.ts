/**
 * Typed errors every provider maps its failures to. `retryable` tells the
 * fulfilment job whether trying again can help.
 */
export abstract class ProviderError extends Error {
  abstract readonly retryable: boolean;
  constructor(
    message: string,
    /** HTTP status, when there was one. */
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Network error, timeout, 5xx or 429: the request may or may not have taken effect. */
export class ProviderUnavailableError extends ProviderError {
  readonly retryable = true;
}

/** The provider answered with a body that does not match its contract. */
export class ProviderResponseError extends ProviderError {
  readonly retryable = true;
}

/** The API key is missing or refused (401/403). */
export class ProviderAuthError extends ProviderError {
  readonly retryable = false;
}

/** The plan, order or eSIM does not exist (404). */
export class ProviderNotFoundError extends ProviderError {
  readonly retryable = false;
}

/** The provider refused the request for good (other 4xx): e.g. the plan is no longer sold. */
export class ProviderRejectedError extends ProviderError {
  readonly retryable = false;
}
