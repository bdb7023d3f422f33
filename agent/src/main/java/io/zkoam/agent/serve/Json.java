package io.zkoam.agent.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent's JSON, on jackson-core's streaming API only. Every body the agent reads or writes is a small flat object;
 * jackson-databind would load some 500 classes for that, a measurable part of a sidecar that must stay under 64 MiB
 * (docs/agent.md, benchmark). Records become objects with their component names (camelCase); null fields are left out.
 */
public final class Json {

    /** Stands for a nested object or array in {@link #readFlatObject}: agent requests never contain one. */
    public static final Object NESTED = new Object() {
        @Override
        public String toString() {
            return "(object or array)";
        }
    };

    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    /** Serializes records, maps, collections, strings, numbers, booleans and null. */
    public static byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            writeValue(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads one JSON object whose values are scalars: String, Integer/Long/BigInteger, Double, Boolean or null;
     * a nested object or array is kept as {@link #NESTED} so the caller can name the field.
     *
     * @throws IOException with a message fit for a 400 when the body is not one JSON object
     */
    public static Map<String, Object> readFlatObject(byte[] body) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the body must be a JSON object");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                Object parsed = switch (value) {
                    case VALUE_STRING -> parser.getText();
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
                    case VALUE_TRUE, VALUE_FALSE -> parser.getBooleanValue();
                    case VALUE_NULL -> null;
                    default -> {
                        parser.skipChildren();
                        yield NESTED;
                    }
                };
                if (fields.containsKey(name)) {
                    throw new IOException("field '" + name + "' appears twice");
                }
                fields.put(name, parsed);
            }
            if (parser.nextToken() != null) {
                throw new IOException("the body has more after its JSON object");
            }
        } catch (JsonParseException e) {
            throw new IOException("the body is not JSON: " + e.getOriginalMessage());
        }
        return fields;
    }

    private static void writeValue(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Boolean bool) {
            out.writeBoolean(bool);
        } else if (value instanceof Integer || value instanceof Long) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double number) {
            if (number.isNaN() || number.isInfinite()) {
                out.writeNull();
            } else {
                out.writeNumber(number);
            }
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getValue() != null) {
                    out.writeFieldName(String.valueOf(entry.getKey()));
                    writeValue(out, entry.getValue());
                }
            }
            out.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            out.writeStartArray();
            for (Object element : list) {
                writeValue(out, element);
            }
            out.writeEndArray();
        } else if (value.getClass().isRecord()) {
            out.writeStartObject();
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                Object field = read(component.getAccessor(), value);
                if (field != null) {
                    out.writeFieldName(component.getName());
                    writeValue(out, field);
                }
            }
            out.writeEndObject();
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass());
        }
    }

    private static Object read(Method accessor, Object record) {
        try {
            // the records are package-private in this package; an accessor of a non-public class needs this
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + accessor, e);
        }
    }
}
