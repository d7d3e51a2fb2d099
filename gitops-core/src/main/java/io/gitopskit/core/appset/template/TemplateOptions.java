package io.gitopskit.core.appset.template;

import java.util.List;

/**
 * How ApplicationSet templates are rendered.
 *
 * @param goTemplate true for Go-template mode ({@code goTemplate: true}), false for the default
 *     {@code {{param}}} (fasttemplate) mode
 * @param missingKeyError in Go-template mode, fail on a missing map key ({@code
 *     goTemplateOptions: ["missingkey=error"]}) instead of rendering {@code <no value>}
 * @since 0.1
 */
public record TemplateOptions(boolean goTemplate, boolean missingKeyError) {

  private static final TemplateOptions FAST = new TemplateOptions(false, false);

  /**
   * The default {@code {{param}}} mode.
   *
   * @return the options
   */
  public static TemplateOptions fast() {
    return FAST;
  }

  /**
   * Go-template mode with Argo CD's {@code goTemplateOptions}.
   *
   * @param goTemplateOptions e.g. {@code ["missingkey=error"]}; other options are ignored
   * @return the options
   */
  public static TemplateOptions go(List<String> goTemplateOptions) {
    boolean error = goTemplateOptions.stream()
        .anyMatch(o -> o.replace(" ", "").equals("missingkey=error"));
    return new TemplateOptions(true, error);
  }
}
