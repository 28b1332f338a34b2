// Errors raised while compiling or executing a --format template.
//
// Messages follow Go's text/template wording ("template: :1: function \"foo\" not defined") because
// podman users paste these into bug reports and search engines; matching Go makes existing answers apply.

/** A compile-time (syntax) or execution-time failure of a Go-style template. */
export class TemplateError extends Error {
  override name = 'TemplateError';
}

/**
 * Thrown by a template function when an argument has the wrong type. The executor reports it without
 * Go's "error calling fn:" prefix, because Go rejects such arguments before the call, with a bare message.
 */
export class ArgumentTypeError extends Error {
  override name = 'ArgumentTypeError';
}
