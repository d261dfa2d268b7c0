package io.github.mlmaven.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import weka.classifiers.Classifier;

/**
 * Deserializes a Weka model through an {@link ObjectInputFilter} that allows only the classes a model is made of:
 * Weka's, the JDK's value and collection types, the matrix library Weka uses, and classes the caller vouches for (the
 * project's own classpath). Anything else, the usual carriers of deserialization attacks among them, is refused
 * before it is instantiated.
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
    private static final List<String> REFUSED_PREFIXES = List.of(
            "java.lang.invoke.",
            "java.lang.reflect.",
            "java.util.logging.",
            "java.lang.ProcessBuilder",
            "java.lang.Runtime");

    private SafeModelReader() {}

    public static Classifier read(Path file, ClassLoader loader, Predicate<Class<?>> alsoAllowed) {
        try (InputStream in = Files.newInputStream(file);
                ObjectInputStream objects = new LoaderObjectInputStream(in, loader)) {
            java.util.concurrent.atomic.AtomicReference<String> refused =
                    new java.util.concurrent.atomic.AtomicReference<>();
            objects.setObjectInputFilter(remembering(filter(alsoAllowed), refused));
            refusedClass.set(refused);
            Object model = objects.readObject();
            if (!(model instanceof Classifier classifier)) {
                throw new ModelIntegrityException(file + " holds a "
                        + model.getClass().getName() + ", not a Weka classifier; run ml:train again");
            }
            return classifier;
        } catch (InvalidClassException e) {
            String name = e.classname != null ? e.classname : refusedClass.get().get();
            throw new ModelIntegrityException(
                    "refused to load " + file + ": it holds class " + name
                            + ", which is not allowed in a model (only Weka's, the JDK's value and collection classes"
                            + " and the project's own classpath are)",
                    e);
        } catch (IOException | ClassNotFoundException e) {
            throw new ModelIntegrityException("cannot load model " + file + ": " + e, e);
        }
    }

    /** The refused class of the current read, for the message (ObjectInputFilter rejections do not name it). */
    private static final ThreadLocal<java.util.concurrent.atomic.AtomicReference<String>> refusedClass =
            ThreadLocal.withInitial(java.util.concurrent.atomic.AtomicReference::new);

    private static ObjectInputFilter remembering(
            ObjectInputFilter filter, java.util.concurrent.atomic.AtomicReference<String> refused) {
        return info -> {
            ObjectInputFilter.Status status = filter.checkInput(info);
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
        return ALLOWED_PREFIXES.stream().anyMatch(name::startsWith) || alsoAllowed.test(type);
    }

    /** Resolves classes through the given loader, so models that use the project's own classes can be read. */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
