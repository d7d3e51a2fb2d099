package io.gitopskit.testkit.apiserver;

import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.FieldCause;
import io.gitopskit.core.model.GroupKind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The API server's failure texts (k8s-defaults.md §2 and §4, apimachinery {@code
 * pkg/api/errors}), as typed {@link ClusterException}s:
 *
 * <ul>
 *   <li>422 Invalid: {@code Deployment.apps "web" is invalid: spec.selector: Invalid value:
 *       {...}: field is immutable}; the core group drops the suffix ({@code Service "web"}),
 *       several causes are joined as {@code [e1, e2]} (duplicates once);
 *   <li>409 Conflict: {@code Operation cannot be fulfilled on deployments.apps "web": the object
 *       has been modified; please apply your changes to the latest version and try again};
 *   <li>404: {@code deployments.apps "web" not found}; 409 AlreadyExists: {@code
 *       deployments.apps "web" already exists}.
 * </ul>
 *
 * <p>Resources are named by their plural; without discovery data the plural is guessed as
 * Kubernetes' {@code UnsafeGuessKindToResource} does ({@code NetworkPolicy} → {@code
 * networkpolicies}, {@code Ingress} → {@code ingresses}, {@code Endpoints} → {@code
 * endpoints}).
 *
 * <p>Internal to the test kit: public so the simulated API server can use it, not a stable API.
 *
 * @since 0.1
 */
public final class ApiErrors {

  /** The reason of an optimistic-concurrency conflict. */
  public static final String OBJECT_MODIFIED = "the object has been modified; please apply your "
      + "changes to the latest version and try again";

  private ApiErrors() {}

  /**
   * The kind as error messages name it: {@code Kind.group}, or {@code Kind} in the core group.
   *
   * @param gk the group and kind
   * @return e.g. {@code Deployment.apps}, {@code Service}
   */
  public static String qualifiedKind(GroupKind gk) {
    return gk.group().isEmpty() ? gk.kind() : gk.kind() + "." + gk.group();
  }

  /**
   * The resource (plural) guessed from a kind, as {@code meta.UnsafeGuessKindToResource} does.
   *
   * @param gk the group and kind
   * @return e.g. {@code deployments}, {@code networkpolicies}, {@code ingresses}
   */
  public static String resource(GroupKind gk) {
    String singular = gk.kind().toLowerCase(Locale.ROOT);
    if (singular.endsWith("endpoints")) {
      return singular;
    }
    if (singular.endsWith("s")) {
      return singular + "es";
    }
    if (singular.endsWith("y")) {
      return singular.substring(0, singular.length() - 1) + "ies";
    }
    return singular + "s";
  }

  /**
   * The resource as error messages name it: {@code resource.group}, or {@code resource} in the
   * core group.
   *
   * @param gk the group and kind
   * @return e.g. {@code deployments.apps}, {@code configmaps}
   */
  public static String qualifiedResource(GroupKind gk) {
    return qualifiedResource(resource(gk), gk.group());
  }

  /**
   * The resource as error messages name it, from a known plural.
   *
   * @param resource the plural, e.g. {@code deployments}
   * @param group the group, {@code ""} for core
   * @return e.g. {@code deployments.apps}
   */
  public static String qualifiedResource(String resource, String group) {
    return group.isEmpty() ? resource : resource + "." + group;
  }

  /**
   * The message of a 422 Invalid failure.
   *
   * @param gk the object's group and kind
   * @param name the object's name
   * @param causes the field causes, in the order validation found them
   * @return e.g. {@code Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1:
   *     must be greater than or equal to 0}
   */
  public static String invalidMessage(GroupKind gk, String name, List<FieldCause> causes) {
    String head = qualifiedKind(gk) + " " + FieldErrors.quote(name) + " is invalid";
    if (causes.isEmpty()) {
      return head;
    }
    Set<String> distinct = new LinkedHashSet<>();
    for (FieldCause c : causes) {
      distinct.add(c.toString());
    }
    String joined = String.join(", ", distinct);
    return head + ": " + (distinct.size() == 1 ? joined : "[" + joined + "]");
  }

  /**
   * A 422 Invalid failure.
   *
   * @param gk the object's group and kind
   * @param name the object's name
   * @param causes the field causes
   * @return the failure, carrying the causes
   */
  public static ClusterException.Invalid invalid(GroupKind gk, String name,
      List<FieldCause> causes) {
    return new ClusterException.Invalid(invalidMessage(gk, name, causes), causes);
  }

  /**
   * The 422 for a PUT without {@code metadata.resourceVersion} on a kind that requires one
   * (custom resources, CRDs).
   *
   * @param gk the object's group and kind
   * @param name the object's name
   * @return the failure
   */
  public static ClusterException.Invalid resourceVersionRequired(GroupKind gk, String name) {
    return invalid(gk, name, List.of(FieldErrors.resourceVersionRequired()));
  }

  /**
   * A 409 Conflict for a stale {@code resourceVersion}.
   *
   * @param gk the object's group and kind
   * @param name the object's name
   * @return the failure: {@code Operation cannot be fulfilled on deployments.apps "web": the
   *     object has been modified; please apply your changes to the latest version and try
   *     again}
   */
  public static ClusterException.Conflict conflict(GroupKind gk, String name) {
    return conflict(qualifiedResource(gk), name, OBJECT_MODIFIED);
  }

  /**
   * A 409 Conflict with any reason.
   *
   * @param qualifiedResource e.g. {@code deployments.apps}
   * @param name the object's name
   * @param reason the text after the colon
   * @return the failure: {@code Operation cannot be fulfilled on <resource> "<name>": <reason>}
   */
  public static ClusterException.Conflict conflict(String qualifiedResource, String name,
      String reason) {
    Objects.requireNonNull(reason, "reason");
    return new ClusterException.Conflict("Operation cannot be fulfilled on " + qualifiedResource
        + " " + FieldErrors.quote(name) + ": " + reason);
  }

  /**
   * A 409 Conflict for a failed precondition on delete or update.
   *
   * @param gk the object's group and kind
   * @param name the object's name
   * @param field {@code UID} or {@code ResourceVersion}
   * @param expected the value in the precondition
   * @param actual the value in the stored object
   * @return the failure, e.g. {@code ... "web": Precondition failed: UID in precondition: a,
   *     UID in object meta: b}
   */
  public static ClusterException.Conflict preconditionFailed(GroupKind gk, String name,
      String field, String expected, String actual) {
    return conflict(qualifiedResource(gk), name, "Precondition failed: " + field
        + " in precondition: " + expected + ", " + field + " in object meta: " + actual);
  }

  /**
   * A 404.
   *
   * @param gk the object's group and kind
   * @param name the object's name
   * @return the failure: {@code deployments.apps "web" not found}
   */
  public static ClusterException.NotFound notFound(GroupKind gk, String name) {
    return notFound(qualifiedResource(gk), name);
  }

  /**
   * A 404 for a known resource name.
   *
   * @param qualifiedResource e.g. {@code deployments.apps}
   * @param name the object's name
   * @return the failure
   */
  public static ClusterException.NotFound notFound(String qualifiedResource, String name) {
    return new ClusterException.NotFound(qualifiedResource + " " + FieldErrors.quote(name)
        + " not found");
  }

  /**
   * A 409 AlreadyExists.
   *
   * @param gk the object's group and kind
   * @param name the object's name
   * @return the failure: {@code deployments.apps "web" already exists}
   */
  public static ClusterException.AlreadyExists alreadyExists(GroupKind gk, String name) {
    return alreadyExists(qualifiedResource(gk), name);
  }

  /**
   * A 409 AlreadyExists for a known resource name.
   *
   * @param qualifiedResource e.g. {@code deployments.apps}
   * @param name the object's name
   * @return the failure
   */
  public static ClusterException.AlreadyExists alreadyExists(String qualifiedResource,
      String name) {
    return new ClusterException.AlreadyExists(qualifiedResource + " " + FieldErrors.quote(name)
        + " already exists");
  }
}
