// Labelled, accessible form fields: every input has a label, its hint and error are tied to it
// with aria-describedby, and an invalid field says so (aria-invalid).
import { type FieldProblem, translate, type Locale } from '@helpboard/core';
import { flag, html, type SafeHtml } from './html.js';

export interface FieldOptions {
  name: string;
  label: string;
  type?: string;
  value?: string;
  hint?: string;
  error?: string;
  autocomplete?: string;
  isRequired?: boolean;
  /** A textarea instead of an input. */
  isMultiline?: boolean;
  id?: string;
  list?: string;
  maxLength?: number;
  /** File inputs: the types offered in the picker (the server checks the bytes anyway). */
  accept?: string;
}

export function field(options: FieldOptions): SafeHtml {
  const id = options.id ?? `f-${options.name}`;
  const described = [options.hint ? `${id}-hint` : '', options.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = html`id="${id}"
  name="${options.name}"${flag('required', options.isRequired)}${
    described ? html` aria-describedby="${described}"` : null
  }${options.error ? html` aria-invalid="true"` : null}${
    options.maxLength ? html` maxlength="${options.maxLength}"` : null
  }`;
  const control = options.isMultiline
    ? html`<textarea ${common}>${options.value ?? ''}</textarea>`
    : html`<input
        ${common}
        type="${options.type ?? 'text'}"
        value="${options.value ?? ''}"
        ${
          options.autocomplete ? html` autocomplete="${options.autocomplete}"` : null
        }${options.list ? html` list="${options.list}"` : null}${
          options.accept ? html` accept="${options.accept}"` : null
        }
      />`;
  return html`<div class="field">
    <label for="${id}">${options.label}</label>${control}${
      options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : null
    }${options.error ? html`<p class="field-error" id="${id}-error">${options.error}</p>` : null}
  </div>`;
}

/** Field problems of an InvalidInputError, translated, by the last segment of their path. */
export function problemsByField(problems: readonly FieldProblem[], locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const problem of problems) {
    const name = problem.field.split('.').at(-1) ?? problem.field;
    out[name] ??= translate(problem.message, locale, problem.params);
  }
  return out;
}

export function notice(kind: 'info' | 'warn' | 'error', text: string | SafeHtml): SafeHtml {
  return html`<div class="notice ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${text}</div>`;
}
