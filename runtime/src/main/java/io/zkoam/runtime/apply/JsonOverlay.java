package io.zkoam.runtime.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * The two JSON operations behind compare-then-patch. A controller states only the fields it owns; the API server and
 * other actors add more (defaults, status, labels of other tools). "Desired is contained in live" means nothing the
 * controller owns differs, so nothing is written.
 */
public final class JsonOverlay {
  /** Maps whose values are resource quantities. */
  private static final java.util.Set<String> QUANTITY_MAPS = java.util.Set.of("requests", "limits", "capacity");

  private JsonOverlay() {}

  /**
   * Whether every field of {@code desired} has the same value in {@code live}. Objects may have extra fields in
   * live; arrays must have the same length and each element of desired must be contained in the element of live at
   * the same index (the server defaults fields inside list elements, e.g. a container's terminationMessagePath).
   */
  public static boolean contains(JsonNode live, JsonNode desired) {
    return contains(live, desired, false);
  }

  /** @param quantities the values are resource quantities (children of requests, limits or capacity) */
  private static boolean contains(JsonNode live, JsonNode desired, boolean quantities) {
    if (desired == null || desired.isNull()) {
      return true;
    }
    if (live == null || live.isMissingNode() || live.isNull()) {
      return isEmptyContainer(desired);
    }
    if (desired.isObject()) {
      if (!live.isObject()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        boolean quantityValues = quantities || QUANTITY_MAPS.contains(field.getKey());
        if (!contains(live.get(field.getKey()), field.getValue(), quantityValues)) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray()) {
      if (!live.isArray() || live.size() != desired.size()) {
        return false;
      }
      for (int i = 0; i < desired.size(); i++) {
        if (!contains(live.get(i), desired.get(i), false)) {
          return false;
        }
      }
      return true;
    }
    if (desired.isNumber() && live.isNumber()) {
      return desired.decimalValue().compareTo(live.decimalValue()) == 0;
    }
    if (quantities && desired.isValueNode() && live.isValueNode()) {
      return sameQuantity(live.asText(), desired.asText());
    }
    return desired.equals(live);
  }

  /**
   * An API server stores quantities in canonical form ({@code 1000m} becomes {@code 1}, {@code 1024Mi} becomes
   * {@code 1Gi}); comparing their text would patch the same value forever.
   */
  private static boolean sameQuantity(String live, String desired) {
    if (live.equals(desired)) {
      return true;
    }
    try {
      return Quantity.getAmountInBytes(new Quantity(live)).compareTo(Quantity.getAmountInBytes(new Quantity(desired)))
          == 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * {@code live} with every field of {@code desired} written over it: objects merge, arrays and scalars are replaced
   * whole (so a removed container or port really goes away). Returns a new tree; the inputs are not changed.
   */
  public static JsonNode overlay(JsonNode live, JsonNode desired) {
    if (desired == null || desired.isNull()) {
      return live == null ? null : live.deepCopy();
    }
    if (!desired.isObject() || live == null || !live.isObject()) {
      return desired.deepCopy();
    }
    ObjectNode result = ((ObjectNode) live).deepCopy();
    desired.fields().forEachRemaining(f -> result.set(f.getKey(), overlay(live.get(f.getKey()), f.getValue())));
    return result;
  }

  /** An empty object or list in desired matches a field the server dropped (it omits empty collections). */
  private static boolean isEmptyContainer(JsonNode node) {
    return (node.isObject() || node.isArray()) && node.isEmpty();
  }

  /**
   * The fields that were in {@code previous} but are not in {@code desired}, as a tree of the same shape whose leaves
   * are the fields to remove (objects only; lists are replaced whole anyway).
   */
  public static ObjectNode removedFields(JsonNode previous, JsonNode desired) {
    ObjectNode removed = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    if (previous == null || !previous.isObject()) {
      return removed;
    }
    previous.fields().forEachRemaining(f -> {
      JsonNode now = desired == null ? null : desired.get(f.getKey());
      if (now == null || now.isNull()) {
        removed.put(f.getKey(), true);
      } else if (f.getValue().isObject() && now.isObject()) {
        ObjectNode inner = removedFields(f.getValue(), now);
        if (!inner.isEmpty()) {
          removed.set(f.getKey(), inner);
        }
      }
    });
    return removed;
  }

  /** Whether any field marked in {@code removed} still exists in {@code live}. */
  public static boolean anyPresent(JsonNode live, JsonNode removed) {
    if (live == null || !live.isObject() || removed == null) {
      return false;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = removed.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode there = live.get(f.getKey());
      if (there != null && (f.getValue().isBoolean() || anyPresent(there, f.getValue()))) {
        return true;
      }
    }
    return false;
  }

  /** Removes from {@code target} every field marked in {@code removed}. */
  public static void removeAll(JsonNode target, JsonNode removed) {
    if (!(target instanceof ObjectNode object) || removed == null) {
      return;
    }
    removed.fields().forEachRemaining(f -> {
      if (f.getValue().isBoolean()) {
        object.remove(f.getKey());
      } else {
        removeAll(object.get(f.getKey()), f.getValue());
      }
    });
  }
}
