/**
 * ApplicationSet templating in both of Argo CD's modes.
 *
 * <ul>
 *   <li>The default mode replaces {@code {{key}}} (whitespace inside the braces trimmed) with
 *       the string parameter {@code key}; a missing or non-string key stays literal.
 *   <li>Go-template mode ({@code goTemplate: true}) runs a hand-written subset of Go's {@code
 *       text/template}: field chains ({@code .path.basename}, {@code $.x}), variables, pipelines,
 *       parenthesised calls, {@code if}/{@code else if}/{@code else}, {@code range}, {@code
 *       with}, trim markers and comments, plus the functions ApplicationSets use in practice
 *       (Go built-ins such as {@code index}, {@code printf}, {@code eq}, {@code and}; Sprig's
 *       {@code default}, {@code lower}, {@code upper}, {@code replace}, {@code trunc}, {@code
 *       quote}, {@code toJson}, {@code toYaml} and more; Argo CD's {@code normalize} and {@code
 *       slugify}). A missing key renders {@code <no value>}, or fails with {@code
 *       missingkey=error}.
 * </ul>
 *
 * <p>{@link io.gitopskit.core.appset.template.TemplateRenderer} renders single strings and
 * whole JSON trees (every string value and object key, as Argo CD does); it caches parsed
 * templates, so one renderer should serve a whole reconcile. Pure: no I/O, no logging.
 */
@NullMarked
package io.gitopskit.core.appset.template;

import org.jspecify.annotations.NullMarked;
