package io.zkoam.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * An object in fabric8's typed model, checked to hold exactly what the manifest says: its kind is known (not a
 * GenericKubernetesResource), no field landed in a model class's catch-all {@code additionalProperties} (a misspelt or
 * misplaced field), and writing the typed object back gives the manifest again (nothing dropped or coerced; numbers
 * compared by value).
 */
final class TypedModel {
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

  private TypedModel() {}

  static HasMetadata parse(JsonNode object) {
    KubernetesResource typed = SERIALIZATION.unmarshal(object.toString(), KubernetesResource.class);
    String what = Rendered.key(object);
    if (!(typed instanceof HasMetadata) || typed instanceof GenericKubernetesResource) {
      throw new AssertionError(what + ": not a kind of fabric8's typed model (" + typed.getClass().getName() + ")");
    }
    List<String> unknown = new ArrayList<>();
    unknownFields(typed, "", unknown);
    if (!unknown.isEmpty()) {
      throw new AssertionError(what + ": fields the typed model does not know: " + unknown);
    }
    List<String> changed = JsonDiff.paths(object, SERIALIZATION.convertValue(typed, JsonNode.class));
    if (!changed.isEmpty()) {
      throw new AssertionError(what + ": the typed model changes the object (manifest vs typed): " + changed);
    }
    return (HasMetadata) typed;
  }

  /** Paths of non-empty {@code additionalProperties} maps anywhere in a model object. */
  static void unknownFields(Object value, String path, List<String> out) {
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        unknownFields(item, path + "[" + i++ + "]", out);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> unknownFields(v, path + "." + k, out));
      return;
    }
    if (value == null || !value.getClass().getName().startsWith(MODEL_PACKAGE)) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Class<?> type = getter.getReturnType();
      boolean catchAll = getter.getName().equals("getAdditionalProperties") && Map.class.isAssignableFrom(type);
      if (catchAll) {
        Map<?, ?> extra = (Map<?, ?>) invoke(getter, value);
        if (extra != null && !extra.isEmpty()) {
          out.add((path.isEmpty() ? "" : path + ".") + extra.keySet());
        }
      } else if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
          || type.getName().startsWith(MODEL_PACKAGE)) {
        String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
        unknownFields(invoke(getter, value), path.isEmpty() ? field : path + "." + field, out);
      }
    }
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + getter, e);
    }
  }
}
