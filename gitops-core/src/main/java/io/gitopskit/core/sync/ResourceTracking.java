package io.gitopskit.core.sync;

import io.gitopskit.core.model.Manifest;
import java.util.Objects;
import java.util.Optional;

/**
 * How an application marks the objects it manages, and how it recognises them: Argo CD's
 * resource tracking ({@code application.resourceTrackingMethod}).
 *
 * <ul>
 *   <li>{@link Method#ANNOTATION} (Argo CD's default since 3.0): the annotation {@value
 *       #TRACKING_ID} = {@code <instance>:<group>/<kind>:<namespace>/<name>} decides ownership.
 *       An id that does not describe the object it sits on (a copy made by an operator) claims
 *       nothing.
 *   <li>{@link Method#ANNOTATION_AND_LABEL}: the annotation decides; the label {@code
 *       app.kubernetes.io/instance} is written too (truncated to 63 characters).
 *   <li>{@link Method#LABEL} (the default before 3.0): the label's value is the owner.
 * </ul>
 *
 * <p>With an {@linkplain #installationId() installation id}, an object is this application's
 * only when its {@value #INSTALLATION_ID} annotation matches, so several installations can
 * share a cluster.
 *
 * @param instanceName the application's instance name: its name, or {@code
 *     <namespace>_<name>} for applications outside the control-plane namespace
 * @param method how objects are marked and recognised
 * @param labelKey the instance label ({@code application.instanceLabelKey})
 * @param installationId the installation id, or {@code ""} for none
 * @param namespace the destination namespace: the namespace of tracking ids of objects that
 *     have none (cluster-scoped ones included), as Argo CD writes them
 * @since 0.1
 */
public record ResourceTracking(String instanceName, Method method, String labelKey,
    String installationId, String namespace) {

  /** The tracking annotation. */
  public static final String TRACKING_ID = "argocd.argoproj.io/tracking-id";
  /** The installation annotation. */
  public static final String INSTALLATION_ID = "argocd.argoproj.io/installation-id";
  /** The default instance label. */
  public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";

  private static final int LABEL_MAX = 63;

  /** How objects are marked and recognised. */
  public enum Method {
    /** The tracking-id annotation. */
    ANNOTATION("annotation"),
    /** The annotation decides; the instance label is written as well. */
    ANNOTATION_AND_LABEL("annotation+label"),
    /** The instance label. */
    LABEL("label");

    private final String wireName;

    Method(String wireName) {
      this.wireName = wireName;
    }

    /**
     * Argo CD's spelling, e.g. {@code annotation+label}.
     *
     * @return the wire name
     */
    public String wireName() {
      return wireName;
    }

    /**
     * Parses Argo CD's spelling; an empty value is the default, {@code annotation}.
     *
     * @param value e.g. {@code label}
     * @return the method
     * @throws IllegalArgumentException for an unknown value
     */
    public static Method parse(String value) {
      if (value.isEmpty()) {
        return ANNOTATION;
      }
      for (Method m : values()) {
        if (m.wireName.equals(value)) {
          return m;
        }
      }
      throw new IllegalArgumentException("unknown resource tracking method \"" + value
          + "\" (expected annotation, annotation+label or label)");
    }
  }

  /**
   * Checks for nulls and a usable instance name.
   *
   * @throws IllegalArgumentException when the instance name is blank or has a {@code :}
   */
  public ResourceTracking {
    Objects.requireNonNull(instanceName, "instanceName");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(labelKey, "labelKey");
    Objects.requireNonNull(installationId, "installationId");
    Objects.requireNonNull(namespace, "namespace");
    if (instanceName.isBlank() || instanceName.indexOf(':') >= 0) {
      throw new IllegalArgumentException("instanceName must be non-blank and without ':': \""
          + instanceName + "\"");
    }
    if (labelKey.isBlank()) {
      throw new IllegalArgumentException("labelKey must not be blank");
    }
  }

  /**
   * Annotation tracking (Argo CD's default) for an application.
   *
   * @param instanceName the application's instance name
   * @param namespace the destination namespace
   * @return the tracking
   */
  public static ResourceTracking annotation(String instanceName, String namespace) {
    return new ResourceTracking(instanceName, Method.ANNOTATION, INSTANCE_LABEL, "", namespace);
  }

  /**
   * A copy with another method.
   *
   * @param value the method
   * @return the copy
   */
  public ResourceTracking withMethod(Method value) {
    return new ResourceTracking(instanceName, value, labelKey, installationId, namespace);
  }

  /**
   * A copy with another instance label key.
   *
   * @param value e.g. {@code argocd.argoproj.io/instance}
   * @return the copy
   */
  public ResourceTracking withLabelKey(String value) {
    return new ResourceTracking(instanceName, method, value, installationId, namespace);
  }

  /**
   * A copy with an installation id.
   *
   * @param value the id, or {@code ""} for none
   * @return the copy
   */
  public ResourceTracking withInstallationId(String value) {
    return new ResourceTracking(instanceName, method, labelKey, value, namespace);
  }

  /**
   * The tracking id of a desired object: {@code <instance>:<group>/<kind>:<namespace>/<name>},
   * with the destination namespace when the object has none.
   *
   * @param desired the object
   * @return e.g. {@code shop:apps/Deployment:prod/web}
   */
  public String trackingId(Manifest desired) {
    String ns = desired.namespace().isEmpty() ? namespace : desired.namespace();
    return instanceName + ":" + desired.group() + "/" + desired.kind() + ":" + ns + "/"
        + desired.name();
  }

  /**
   * A desired object marked as this application's: the tracking annotation and/or the instance
   * label, and the installation annotation when there is an installation id.
   *
   * @param desired the object
   * @return the marked copy (the object itself when it is already marked)
   */
  public Manifest mark(Manifest desired) {
    Manifest out = desired;
    if (method != Method.LABEL) {
      out = withAnnotation(out, TRACKING_ID, trackingId(desired));
    }
    if (method == Method.LABEL) {
      out = withLabel(out, labelKey, instanceName);
    } else if (method == Method.ANNOTATION_AND_LABEL) {
      out = withLabel(out, labelKey, truncatedLabel(instanceName));
    }
    if (!installationId.isEmpty()) {
      out = withAnnotation(out, INSTALLATION_ID, installationId);
    }
    return out;
  }

  /**
   * The instance that claims a live object under this method, if any. With annotation tracking
   * a malformed id, or one that describes another object (a copy), claims nothing.
   *
   * @param live the live object
   * @return the claiming instance name
   */
  public Optional<String> owner(Manifest live) {
    if (method == Method.LABEL) {
      return live.label(labelKey).filter(v -> !v.isEmpty());
    }
    Optional<String> id = live.annotation(TRACKING_ID);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    String text = id.get();
    int first = text.indexOf(':');
    int second = first < 0 ? -1 : text.indexOf(':', first + 1);
    if (first <= 0 || second < 0) {
      return Optional.empty();
    }
    String app = text.substring(0, first);
    String groupKind = text.substring(first + 1, second);
    String nsName = text.substring(second + 1);
    int gk = groupKind.indexOf('/');
    int nn = nsName.indexOf('/');
    if (gk < 0 || nn < 0) {
      return Optional.empty();
    }
    boolean self = groupKind.substring(0, gk).equals(live.group())
        && groupKind.substring(gk + 1).equals(live.kind())
        && nsName.substring(nn + 1).equals(live.name())
        && (live.namespace().isEmpty() || nsName.substring(0, nn).equals(live.namespace()));
    return self ? Optional.of(app) : Optional.empty();
  }

  /**
   * Whether a live object belongs to this application: claimed by its instance name and, with
   * an installation id, marked with the same id.
   *
   * @param live the live object
   * @return true when this application tracks it
   */
  public boolean tracks(Manifest live) {
    return owner(live).filter(instanceName::equals).isPresent()
        && (installationId.isEmpty()
            || live.annotation(INSTALLATION_ID).filter(installationId::equals).isPresent());
  }

  /**
   * The application other than this one that claims a live object: another instance name, or
   * this name under another installation.
   *
   * @param live the live object
   * @return the other application's instance name; empty when unclaimed or this application's
   */
  public Optional<String> otherOwner(Manifest live) {
    Optional<String> owner = owner(live);
    if (owner.isEmpty() || tracks(live)) {
      return Optional.empty();
    }
    return owner;
  }

  private static String truncatedLabel(String value) {
    String v = value.length() > LABEL_MAX ? value.substring(0, LABEL_MAX) : value;
    int end = v.length();
    while (end > 0 && "-_.".indexOf(v.charAt(end - 1)) >= 0) {
      end--;
    }
    return v.substring(0, end);
  }

  private static Manifest withAnnotation(Manifest m, String key, String value) {
    return m.annotation(key).filter(value::equals).isPresent() ? m : m.withAnnotation(key, value);
  }

  private static Manifest withLabel(Manifest m, String key, String value) {
    return m.label(key).filter(value::equals).isPresent() ? m : m.withLabel(key, value);
  }
}
