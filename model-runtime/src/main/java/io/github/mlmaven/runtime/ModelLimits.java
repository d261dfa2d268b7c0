package io.github.mlmaven.runtime;

import java.util.Locale;

/**
 * How large a model may be, checked before anything is allocated for it: the model file's size, and the nesting depth,
 * object references and array lengths of its serialized form. A model file is untrusted input until its bytes are
 * deserialized; without these bounds a few crafted bytes declare an array of two billion elements (out of memory), a
 * list nested 200,000 deep (stack overflow), or a jar entry that inflates to gigabytes.
 *
 * <p>The defaults were sized from real models with a wide margin. The largest measured, RandomForest {@code -I 200}
 * trained on 50,000 rows of 20 attributes, is 160 MB, nests 55 deep and holds 16 million references; IBk keeps its
 * training rows, so its largest array has one element per row (50,000 there). See docs/consuming-a-model.md for the
 * table.
 *
 * <p>A model larger than that is loaded by raising the limits with the system property {@value #PROPERTY}, in the
 * syntax of the JDK's {@code jdk.serialFilter} limits: {@code -Dml.model.limits=maxbytes=3000000000;maxdepth=2000}
 * (also with {@code ,} between the limits; sizes may end in {@code k}, {@code m} or {@code g}, powers of 1024). Limits
 * not named keep their defaults.
 *
 * @param maxBytes the largest model file, in bytes
 * @param maxDepth the deepest nesting of objects in the model's serialized form
 * @param maxReferences the most objects and back-references in it
 * @param maxArrayLength the longest array or collection in it
 */
public record ModelLimits(long maxBytes, long maxDepth, long maxReferences, long maxArrayLength) {
    /** The system property that overrides the defaults: {@value}. */
    public static final String PROPERTY = "ml.model.limits";

    /** The largest a Java array, and so a model held in memory, can be. */
    static final long ARRAY_CEILING = Integer.MAX_VALUE - 8;

    /**
     * 1 GiB (6 times the largest model measured), 400 levels (7 times; lists nested 500 deep already overflow a
     * thread's default stack of 1 MB), 200 million references (12 times) and 100 million elements (2,000 times the
     * longest array measured; arrays are also bounded by the bytes left in the model, see {@link SafeModelReader}).
     */
    public static final ModelLimits DEFAULTS = new ModelLimits(1L << 30, 400, 200_000_000, 100_000_000);

    public ModelLimits {
        if (maxBytes < 1 || maxDepth < 1 || maxReferences < 1 || maxArrayLength < 1) {
            throw new IllegalArgumentException(
                    "model limits must be positive: " + describe(maxBytes, maxDepth, maxReferences, maxArrayLength));
        }
        maxBytes = Math.min(maxBytes, ARRAY_CEILING);
    }

    /** The defaults, overridden by the system property {@value #PROPERTY} when it is set. */
    public static ModelLimits current() {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() ? DEFAULTS : DEFAULTS.with(value);
    }

    /**
     * These limits with those named in {@code spec} replaced, e.g. {@code maxbytes=2g;maxdepth=2000}.
     *
     * @throws IllegalArgumentException naming the property, the part that is wrong and the valid names
     */
    public ModelLimits with(String spec) {
        long bytes = maxBytes;
        long depth = maxDepth;
        long refs = maxReferences;
        long array = maxArrayLength;
        for (String part : spec.split("[;,]")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part.strip() : part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            long value = eq < 0 ? -1 : parseSize(part.substring(eq + 1).strip());
            if (value < 1) {
                throw new IllegalArgumentException(PROPERTY + "='" + spec + "': '" + part.strip()
                        + "' is not name=positive number; write e.g. " + PROPERTY + "=maxbytes=2g;maxdepth=2000");
            }
            switch (name) {
                case "maxbytes" -> bytes = value;
                case "maxdepth" -> depth = value;
                case "maxrefs" -> refs = value;
                case "maxarray" -> array = value;
                default ->
                    throw new IllegalArgumentException(PROPERTY + "='" + spec + "': unknown limit '" + name
                            + "'; the limits are maxbytes, maxdepth, maxrefs and maxarray");
            }
        }
        return new ModelLimits(bytes, depth, refs, array);
    }

    private static long parseSize(String text) {
        if (text.isEmpty() || text.length() > 19) {
            return -1;
        }
        long unit = switch (Character.toLowerCase(text.charAt(text.length() - 1))) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        String digits = unit == 1 ? text : text.substring(0, text.length() - 1);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        try {
            return Math.multiplyExact(Long.parseLong(digits), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            return -1;
        }
    }

    /** The limits in the property's own syntax, for messages. */
    @Override
    public String toString() {
        return describe(maxBytes, maxDepth, maxReferences, maxArrayLength);
    }

    private static String describe(long bytes, long depth, long refs, long array) {
        return "maxbytes=" + bytes + ";maxdepth=" + depth + ";maxrefs=" + refs + ";maxarray=" + array;
    }

    /** The advice every refusal ends with: how to load a model that really is that large. */
    String howToRaise(String limit) {
        return "if the model really is that large, raise the limit with -D" + PROPERTY + "=" + limit + "=<value>"
                + " (now " + this + ")";
    }
}
