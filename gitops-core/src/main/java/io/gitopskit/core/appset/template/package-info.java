/**
 * ApplicationSet templating in both of Argo CD's modes.
 *
 * <ul>
 *   <li>The default mode replaces {@code {{key}}} (whitespace inside the braces trimmed) with
 *       the string parameter {@code key}; a missing or non-string key stays literal.
 *   <li>Go-template mode ({@code goTemplate: true}) runs a hand-written subset of Go's {@code
 *       text/template}: field chains ({@code .path.basename}, {@code $.x}), variables, pipelines,
 *       parenthesised calls, {@code if}/{@code else if}/{@code else}, {@code range} (with
 *       {@code break}/{@code continue}), {@code with}, trim markers and comments, plus the
 *       functions ApplicationSets use in practice
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
 *
 * <p>Templates come from ApplicationSets and parameters from Git files and plugins, so every
 * rendering is bounded and fails with a {@link io.gitopskit.core.appset.template.TemplateException}
 * instead of exhausting the host: at most 3 MiB of text per rendered string and per rendered
 * tree ({@code TemplateRenderer.MAX_RENDERED_CHARS}), and per function result ({@code repeat},
 * {@code printf} widths above 1,000,000 are refused as Go refuses them, {@code indent}, {@code
 * replace}, {@code toJson}, ...); at most 1,000,000 steps per execution (actions, range
 * iterations, function calls); at most 100 nested blocks or parentheses; at most 200 nested
 * levels of lists and maps built with {@code list}/{@code dict}. User regular expressions
 * ({@code regexMatch}, {@code regexFind}, {@code regexReplaceAll}) run with a work budget,
 * since Java's engine backtracks where Go's does not. There is no {@code define}/{@code
 * template}, so no recursion. In {@code {{param}}} mode substituted values are never expanded
 * again.
 */
@NullMarked
package io.gitopskit.core.appset.template;

import org.jspecify.annotations.NullMarked;
