package io.github.mlmaven.runtime;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.io.OptionalDataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import weka.classifiers.Classifier;
import weka.core.Instances;

/**
 * Deserializes a Weka model through an {@link ObjectInputFilter} that allows only the classes a model is made of:
 * Weka's, the JDK's value and collection types, the matrix library Weka uses, and classes the caller vouches for (the
 * project's own classpath). Anything else, the usual carriers of deserialization attacks among them, is refused
 * before it is instantiated.
 *
 * <p>Allowed: {@code weka.*}, {@code java.lang.*}, {@code java.util.*}, {@code java.math.*}, {@code java.text.*},
 * {@code java.io.File}, {@code no.uib.cipr.matrix.*} and {@code com.github.fommil.netlib.*}, the JDK's time zone
 * {@code sun.util.calendar.ZoneInfo} (inside the date format of a date attribute), and whatever the
 * caller's {@code alsoAllowed} predicate accepts. Refused even then: {@code java.lang.invoke.*}, {@code
 * java.lang.reflect.*}, {@code java.util.logging.*}, {@code ProcessBuilder} and {@code Runtime}.
 *
 * <p>Deserializing is the last step: callers that have a model card check the SHA-256 first ({@link
 * #readVerified(byte[], String, String, ClassLoader, Predicate)}).
 */
public final class SafeModelReader {
    private static final List<String> ALLOWED_PREFIXES = List.of(
            "weka.",
            "java.lang.",
            "java.util.",
            "java.math.",
            "java.text.",
            "java.io.File",
            "no.uib.cipr.matrix.",
            "com.github.fommil.netlib.");
    /**
     * Classes allowed by their exact name: the time zone a {@link java.text.SimpleDateFormat} holds, which the header
     * of a model trained with a date attribute carries. It is plain data (offsets and transition tables).
     */
    private static final List<String> ALLOWED_CLASSES = List.of("sun.util.calendar.ZoneInfo");

    private static final List<String> REFUSED_PREFIXES = List.of(
            "java.lang.invoke.",
            "java.lang.reflect.",
            "java.util.logging.",
            "java.lang.ProcessBuilder",
            "java.lang.Runtime");

    private SafeModelReader() {}

    /**
     * Deserializes the classifier at the start of a model file.
     *
     * @param file a model file: the classifier, optionally followed by the training header
     * @param loader resolves the classes named in the stream (Weka's, and any of the caller's)
     * @param alsoAllowed classes allowed beyond Weka's and the JDK's, e.g. {@link #loadedFrom(List)}; {@code c ->
     *     false} for none
     * @throws ModelIntegrityException when the file holds a class outside the allow-list, is not a classifier, or
     *     cannot be read
     */
    public static Classifier read(Path file, ClassLoader loader, Predicate<Class<?>> alsoAllowed) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), loader, alsoAllowed);
        } catch (IOException e) {
            throw new ModelIntegrityException("cannot load model " + file + ": " + e, e);
        }
    }

    /**
     * Deserializes the classifier at the start of a stream, for models that are not files (a classpath resource,
     * bytes held in memory). The stream is read up to the end of the classifier and not closed.
     *
     * @param source names the stream in messages, e.g. the resource's URL
     * @see #read(Path, ClassLoader, Predicate)
     */
    public static Classifier read(InputStream in, String source, ClassLoader loader, Predicate<Class<?>> alsoAllowed) {
        return readContents(in, source, loader, alsoAllowed, false).classifier();
    }

    /**
     * Deserializes the classifier from a model file's bytes.
     *
     * @see #read(InputStream, String, ClassLoader, Predicate)
     */
    public static Classifier read(byte[] model, String source, ClassLoader loader, Predicate<Class<?>> alsoAllowed) {
        return read(new ByteArrayInputStream(model), source, loader, alsoAllowed);
    }

    /**
     * Reads a model file once, checks the SHA-256 of what was read against the card's {@code modelSha256}, and only
     * then deserializes those same bytes (so the file cannot change between the check and the read).
     *
     * @throws ModelIntegrityException naming the file and both hashes when they differ; nothing was deserialized
     */
    public static Classifier readVerified(
            Path file, String expectedSha256, ClassLoader loader, Predicate<Class<?>> alsoAllowed) {
        byte[] bytes;
        try {
            long maxBytes = ModelLimits.current().maxBytes();
            if (Files.size(file) > maxBytes) {
                throw new ModelIntegrityException("model file " + file + " has " + Files.size(file) + " bytes, more"
                        + " than maxbytes=" + maxBytes + "; it was not read; "
                        + ModelLimits.current().howToRaise("maxbytes"));
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelIntegrityException("cannot read model file " + file + ": " + e, e);
        }
        return readVerified(bytes, expectedSha256, "model file " + file, loader, alsoAllowed);
    }

    /**
     * Checks the SHA-256 of a model's bytes against the card's {@code modelSha256} and only then deserializes them.
     *
     * @param source names the model in messages, e.g. {@code model file /path/x.model} or a resource URL
     * @throws ModelIntegrityException naming the source and both hashes when they differ; nothing was deserialized
     */
    public static Classifier readVerified(
            byte[] model, String expectedSha256, String source, ClassLoader loader, Predicate<Class<?>> alsoAllowed) {
        verifySha256(model, expectedSha256, source);
        return read(model, source, loader, alsoAllowed);
    }

    /**
     * Checks that the bytes have the SHA-256 the model card records.
     *
     * @throws ModelIntegrityException naming the source and both hashes when they differ, or when the card records
     *     none
     */
    public static void verifySha256(byte[] model, String expectedSha256, String source) {
        if (expectedSha256 == null || expectedSha256.isBlank()) {
            throw new ModelIntegrityException(BundleLayout.CARD_FILE + " records no modelSha256 for " + source
                    + ", so the model cannot be verified; it was not loaded");
        }
        String actual = Sha256.hex(Sha256.newDigest().digest(model));
        if (!actual.equalsIgnoreCase(expectedSha256.strip())) {
            throw new ModelIntegrityException(source + " has SHA-256 " + actual + " but " + BundleLayout.CARD_FILE
                    + " records " + expectedSha256.strip()
                    + ": the file was altered or truncated after training; it was not loaded");
        }
    }

    /** What a model file holds: the classifier and, when the writer saved one, the training header. */
    record Contents(Classifier classifier, Instances header) {}

    /** The classifier and the header after it (null when the stream ends after the classifier). */
    static Contents readWithHeader(byte[] model, String source, ClassLoader loader, Predicate<Class<?>> alsoAllowed) {
        return readContents(new ByteArrayInputStream(model), source, loader, alsoAllowed, true);
    }

    private static Contents readContents(
            InputStream in, String source, ClassLoader loader, Predicate<Class<?>> alsoAllowed, boolean withHeader) {
        long length = in instanceof ByteArrayInputStream bytes ? bytes.available() : -1;
        ModelLimits limits = ModelLimits.current();
        AtomicReference<String> refused = new AtomicReference<>();
        AtomicReference<String> breached = new AtomicReference<>();
        try {
            CountingInputStream counted = new CountingInputStream(in);
            LoaderObjectInputStream objects = new LoaderObjectInputStream(counted, loader);
            objects.setObjectInputFilter(checking(bounded(limits, length, breached), filter(alsoAllowed), refused));
            Object model = objects.readObject();
            if (!(model instanceof Classifier classifier)) {
                throw new ModelIntegrityException(source + " holds a "
                        + (model == null ? "null" : model.getClass().getName())
                        + ", not a Weka classifier");
            }
            Instances header = null;
            if (withHeader) {
                Object next = readOptional(objects);
                if (next != null && !(next instanceof Instances)) {
                    throw new ModelIntegrityException(
                            source + " holds a " + next.getClass().getName()
                                    + " after the classifier where the training header (weka.core.Instances) belongs");
                }
                header = (Instances) next;
            }
            return new Contents(classifier, header);
        } catch (HashCostExceeded e) {
            throw new ModelIntegrityException("refused to load " + source + ": " + e.getMessage(), e);
        } catch (InvalidClassException e) {
            if (breached.get() != null) {
                throw new ModelIntegrityException("refused to load " + source + ": " + breached.get(), e);
            }
            if (refused.get() == null && e.classname != null) {
                // not the filter: a class on the class path differs from the one the model was saved with
                throw new ModelIntegrityException(
                        "cannot load " + source + ": class " + e.classname + " on the class path is incompatible with"
                                + " the one the model was saved with (" + e.getMessage() + "); use the Weka version"
                                + " the model was trained with (the model card's wekaVersion)",
                        e);
            }
            String name = refused.get() != null ? refused.get() : e.classname;
            throw new ModelIntegrityException(
                    "refused to load " + source + ": it holds class " + name
                            + ", which is not allowed in a model (only Weka's, the JDK's value and collection classes"
                            + " and the project's own classpath are)",
                    e);
        } catch (IOException | ClassNotFoundException e) {
            throw new ModelIntegrityException("cannot load model " + source + ": " + e, e);
        } catch (StackOverflowError e) {
            throw new ModelIntegrityException(
                    "refused to load " + source + ": its objects nest too deeply for the thread's stack (a corrupt or"
                            + " crafted model; a real one nests less than the limit maxdepth=" + limits.maxDepth()
                            + ", which this thread's stack cannot reach: run it with a larger -Xss)",
                    e);
        } catch (OutOfMemoryError e) {
            throw new ModelIntegrityException(
                    "cannot load " + source + ": the Java heap ran out while deserializing it (" + length
                            + " bytes; -Xmx " + Runtime.getRuntime().maxMemory() + " bytes); give the JVM more"
                            + " memory, or check the model: every array and collection in it is already bounded by"
                            + " its size",
                    e);
        } catch (ModelIntegrityException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            // Weka's and the JDK's readObject methods trust their input: a flipped byte ends in their exceptions
            throw new ModelIntegrityException(
                    "cannot load " + source + ": it is corrupt (" + e + " while deserializing it); it was not loaded",
                    e);
        }
    }

    /**
     * The limits of {@link ModelLimits}, and one of the stream itself: an array or collection cannot have more
     * elements than there are bytes left in a stream of known length (each element takes at least one byte; a hash
     * table's capacity at most four per element), so a 31-byte model that declares two billion elements is refused
     * before they are allocated.
     */
    static ObjectInputFilter bounded(ModelLimits limits, long streamLength, AtomicReference<String> breached) {
        return info -> {
            String breach = null;
            if (info.depth() > limits.maxDepth()) {
                breach = "its objects nest " + info.depth() + " deep, deeper than maxdepth=" + limits.maxDepth() + "; "
                        + limits.howToRaise("maxdepth");
            } else if (info.references() > limits.maxReferences()) {
                breach = "it holds more than maxrefs=" + limits.maxReferences() + " objects and references; "
                        + limits.howToRaise("maxrefs");
            } else if (info.streamBytes() > limits.maxBytes()) {
                breach = "it is longer than maxbytes=" + limits.maxBytes() + "; " + limits.howToRaise("maxbytes");
            } else if (info.arrayLength() > limits.maxArrayLength()) {
                breach = "it declares an array or collection of " + info.arrayLength() + " elements, more than"
                        + " maxarray=" + limits.maxArrayLength() + "; " + limits.howToRaise("maxarray");
            } else if (info.arrayLength() >= 0 && streamLength >= 0) {
                long left = Math.max(0, streamLength - info.streamBytes());
                long needed = minimumBytes(info.serialClass(), info.arrayLength());
                if (needed > left + READ_AHEAD) {
                    breach = "it declares an array or collection of " + info.arrayLength() + " elements, which"
                            + " would take at least " + needed + " bytes, but only " + left + " bytes are left in"
                            + " it: it is corrupt or crafted";
                }
            }
            if (breach != null) {
                breached.compareAndSet(null, breach);
                return ObjectInputFilter.Status.REJECTED;
            }
            return ObjectInputFilter.Status.UNDECIDED;
        };
    }

    /**
     * How far the stream may have read ahead of the object being checked: {@link ObjectInputStream} buffers a block
     * of data (at most 1,024 bytes) and its header, and a hash table's smallest capacity is 16.
     */
    private static final long READ_AHEAD = 4096;

    /** The fewest bytes that {@code length} elements of the array take in a stream. */
    private static long minimumBytes(Class<?> arrayClass, long length) {
        Class<?> component = arrayClass == null ? null : arrayClass.getComponentType();
        if (component == null) {
            return length;
        }
        if (component == java.util.Map.Entry.class) {
            // a hash table's capacity, checked before its entries are read: at most 4 slots per entry
            return (length + 3) / 4;
        }
        if (!component.isPrimitive()) {
            return length;
        }
        long size = component == long.class || component == double.class
                ? 8
                : component == int.class || component == float.class ? 4 : component == byte.class ? 1 : 2;
        return component == boolean.class ? length : length * size;
    }

    /** The next object, or null at the end of the stream. */
    private static Object readOptional(ObjectInputStream objects) throws IOException, ClassNotFoundException {
        try {
            return objects.readObject();
        } catch (EOFException e) {
            return null;
        } catch (OptionalDataException e) {
            if (e.eof) {
                return null;
            }
            throw e;
        }
    }

    /** The limits first (they also apply to primitive arrays and references), then the allow-list. */
    private static ObjectInputFilter checking(
            ObjectInputFilter limits, ObjectInputFilter allowList, AtomicReference<String> refused) {
        return info -> {
            if (limits.checkInput(info) == ObjectInputFilter.Status.REJECTED) {
                return ObjectInputFilter.Status.REJECTED;
            }
            ObjectInputFilter.Status status = allowList.checkInput(info);
            if (status == ObjectInputFilter.Status.REJECTED && info.serialClass() != null) {
                refused.compareAndSet(null, info.serialClass().getName());
            }
            return status;
        };
    }

    /** Allows classes loaded from the given classpath entries: the project's own classes and dependencies. */
    public static Predicate<Class<?>> loadedFrom(List<Path> classpath) {
        java.util.Set<Path> roots = new java.util.HashSet<>();
        classpath.forEach(p -> roots.add(p.toAbsolutePath().normalize()));
        return type -> {
            try {
                var source = type.getProtectionDomain().getCodeSource();
                return source != null
                        && roots.contains(Path.of(source.getLocation().toURI())
                                .toAbsolutePath()
                                .normalize());
            } catch (java.net.URISyntaxException | RuntimeException e) {
                return false;
            }
        };
    }

    static ObjectInputFilter filter(Predicate<Class<?>> alsoAllowed) {
        return info -> {
            Class<?> type = info.serialClass();
            if (type == null) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            while (type.isArray()) {
                type = type.getComponentType();
            }
            if (type.isPrimitive()) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            return isAllowed(type, alsoAllowed) ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
        };
    }

    static boolean isAllowed(Class<?> type, Predicate<Class<?>> alsoAllowed) {
        String name = type.getName();
        if (REFUSED_PREFIXES.stream().anyMatch(name::startsWith)) {
            return false;
        }
        return ALLOWED_PREFIXES.stream().anyMatch(name::startsWith)
                || ALLOWED_CLASSES.contains(name)
                || alsoAllowed.test(type);
    }

    /**
     * How much hashing a model's collections may cost, in calls of {@code hashCode}. A set or map hashes its elements
     * as it is read, and the hash of a collection is that of everything nested in it, so a few kilobytes of sets that
     * share their members (each level holding the two sets of the next) cost 2^100 calls: the "SerialDOS" bomb, which
     * stays within any depth or size limit a real model needs. Weka's models keep strings and numbers in their hash
     * tables, costing nothing here. The budget is {@value} calls (a tenth of a second) plus 4 per byte read, so that a
     * large model of lists of lists is not refused while hashing stays linear in the model's size.
     */
    static final long HASH_COST_BUDGET = 1_000_000;

    /** The calls of {@code hashCode} allowed per byte of the model, beyond {@link #HASH_COST_BUDGET}. */
    private static final long HASH_COST_PER_BYTE = 4;

    /** A model whose collections would cost too much to hash; see {@link #HASH_COST_BUDGET}. */
    private static final class HashCostExceeded extends java.io.InvalidObjectException {
        private static final long serialVersionUID = 1L;

        HashCostExceeded(String message) {
            super(message);
        }
    }

    /**
     * Resolves classes through the given loader, so models that use the project's own classes can be read, and
     * counts what the model's collections cost to hash as each one is read (its elements are read, and counted,
     * before it), refusing the model once the total passes {@link #HASH_COST_BUDGET}: before a set of such
     * collections, which would pay the total again, is built.
     */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;
        /** What hashing each collection that nests other collections costs; flat ones cost 1 and are not kept. */
        private final java.util.IdentityHashMap<Object, Long> hashCosts = new java.util.IdentityHashMap<>();

        private long totalHashCost;

        private final CountingInputStream in;

        LoaderObjectInputStream(CountingInputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.in = in;
            this.loader = loader;
            enableResolveObject(true);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }

        @Override
        protected Object resolveObject(Object object) throws IOException {
            long cost;
            if (object instanceof java.util.Collection<?> collection) {
                cost = 1;
                for (Object element : collection) {
                    cost = add(cost, hashCost(element));
                }
            } else if (object instanceof java.util.Map<?, ?> map) {
                cost = 1;
                for (java.util.Map.Entry<?, ?> entry : map.entrySet()) {
                    cost = add(cost, add(hashCost(entry.getKey()), hashCost(entry.getValue())));
                }
            } else {
                return object;
            }
            if (cost > 1) {
                hashCosts.put(object, cost);
                totalHashCost = add(totalHashCost, cost);
                long budget = add(HASH_COST_BUDGET, HASH_COST_PER_BYTE * in.count);
                if (totalHashCost > budget) {
                    throw new HashCostExceeded("its collections nest in one another so often that hashing them would"
                            + " take more than " + budget + " steps (a hash-collision or nesting bomb);"
                            + " a Weka model keeps only strings and numbers in its hash tables");
                }
            }
            return object;
        }

        private long hashCost(Object element) {
            if (element instanceof java.util.Collection<?> || element instanceof java.util.Map<?, ?>) {
                return hashCosts.getOrDefault(element, 1L);
            }
            return 0;
        }

        private static long add(long a, long b) {
            long sum = a + b;
            return sum < 0 ? Long.MAX_VALUE : sum;
        }
    }

    /** Counts the bytes read, for the hash-cost budget; the stream is not closed here. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += Math.max(0, skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
