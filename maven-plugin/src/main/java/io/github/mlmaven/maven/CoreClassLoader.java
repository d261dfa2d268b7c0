package io.github.mlmaven.maven;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLDecoder;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * The core's class loader: parent-last for everything but the JDK, SLF4J (SLF4J's API comes from Maven, JGit logs
 * through it) and the plugin's {@code io.github.mlmaven.api} package, whose parameters, outcomes and interfaces the
 * Mojo and the core must share as the very same classes; the rest comes from its own jars, in their order.
 *
 * <p>Signed jars (JGit's) are read without checking their signatures. URLClassLoader checks a signed jar's
 * certificates and every class's digest against its manifest; for JGit (a 232 KB manifest, an RSA certificate chain,
 * all run by a cold JVM) that cost every build 0.1-0.2 s of CPU. It protects nothing here: the jar comes from the local
 * Maven repository (Maven checks checksums when it downloads), and whoever can change it there can strip the signature
 * too. Its classes are defined as URLClassLoader defines them (the jar's URL as code source, packages from its
 * manifest), only without signers; its resources are read through the same unverified jar.
 *
 * <p>A signed jar's packages are defined from its manifest's main section alone when no other section can be a
 * package's (none is named after a directory), which is what defining a package reads. JGit's manifest also holds a
 * digest section for each of its 1,746 files (232 KB), whose full parse cost a cold build about 0.1 s of CPU and the
 * JIT's time on the parser.
 */
final class CoreClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** The package of the boundary between the Maven layer and the core. */
    static final String SHARED_PACKAGE = "io.github.mlmaven.api.";

    private final ClassLoader pluginRealm;
    /** Per jar (the URL inside a {@code jar:} resource URL): the jar opened without verification if it is signed. */
    private final Map<String, Optional<SignedJar>> jars = new ConcurrentHashMap<>();
    /** Per package: the signed jar that holds it (a package's classes must share their signers), or none. */
    private final Map<String, Optional<SignedJar>> packages = new ConcurrentHashMap<>();

    CoreClassLoader(URL[] urls, ClassLoader pluginRealm) {
        super("ml-maven-plugin-core", urls, ClassLoader.getPlatformClassLoader());
        this.pluginRealm = pluginRealm;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("org.slf4j.") || name.startsWith(SHARED_PACKAGE)) {
            return pluginRealm.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String path = name.replace('.', '/').concat(".class");
        String pkg = name.substring(0, Math.max(0, name.lastIndexOf('.')));
        Optional<SignedJar> jar = packages.get(pkg);
        if (jar == null) {
            // the first class of its package: one lookup more, to learn which jar holds the package
            URL url = super.findResource(path);
            jar = url == null ? Optional.empty() : signedJar(url);
            packages.putIfAbsent(pkg, jar);
        }
        if (jar.isPresent()) {
            Class<?> type = jar.get().defineClass(name, pkg, path);
            if (type != null) {
                return type;
            }
        }
        return super.findClass(name);
    }

    @Override
    public URL findResource(String name) {
        URL url = super.findResource(name);
        return url == null ? null : unverified(url);
    }

    @Override
    public Enumeration<URL> findResources(String name) throws IOException {
        Enumeration<URL> urls = super.findResources(name);
        return new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return urls.hasMoreElements();
            }

            @Override
            public URL nextElement() {
                return unverified(urls.nextElement());
            }
        };
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Optional<SignedJar> jar : jars.values()) {
            if (jar.isPresent()) {
                try {
                    jar.get().file.close();
                } catch (IOException e) {
                    failure = e;
                }
            }
        }
        super.close();
        if (failure != null) {
            throw failure;
        }
    }

    /** A resource of a signed jar as a URL with the same text that reads it unverified; other URLs unchanged. */
    private URL unverified(URL url) {
        Optional<SignedJar> jar = signedJar(url);
        if (jar.isEmpty()) {
            return url;
        }
        try {
            return new URL(url.getProtocol(), url.getHost(), url.getPort(), url.getFile(), jar.get());
        } catch (MalformedURLException e) {
            return url;
        }
    }

    /** The signed jar that {@code url} (a {@code jar:file:…!/entry} URL) points into, if it is one. */
    private Optional<SignedJar> signedJar(URL url) {
        String file = url.getFile();
        int separator = file.indexOf("!/");
        if (!"jar".equals(url.getProtocol()) || separator < 0) {
            return Optional.empty();
        }
        return jars.computeIfAbsent(file.substring(0, separator), this::openIfSigned);
    }

    private Optional<SignedJar> openIfSigned(String jarUrl) {
        try {
            URL location = new URL(jarUrl);
            if (!"file".equals(location.getProtocol())) {
                return Optional.empty();
            }
            // the second JarFile of the file shares the first's parsed central directory (ZipFile caches it)
            JarFile file =
                    new JarFile(Path.of(location.toURI()).toFile(), false, ZipFile.OPEN_READ, JarFile.runtimeVersion());
            if (isSigned(file)) {
                return Optional.of(new SignedJar(file, location));
            }
            file.close();
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            // read as URLClassLoader reads it
        }
        return Optional.empty();
    }

    /**
     * Whether the jar's leading META-INF entries hold a signature file, where the jar tool and jarsigner put them. A
     * signature elsewhere goes unseen, and the jar is then read (verified) as before.
     */
    private static boolean isSigned(JarFile file) {
        Enumeration<JarEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (!name.startsWith("META-INF/")) {
                return false;
            }
            if (name.indexOf('/', "META-INF/".length()) < 0 && name.endsWith(".SF")) {
                return true;
            }
        }
        return false;
    }

    /** A signed jar opened without verification; also the handler of its resource URLs. */
    private final class SignedJar extends URLStreamHandler {
        final JarFile file;
        final URL location;
        final CodeSource codeSource;

        private @Nullable Manifest packageManifest;

        SignedJar(JarFile file, URL location) {
            this.file = file;
            this.location = location;
            this.codeSource = new CodeSource(location, (CodeSigner[]) null);
        }

        /** Defines the class from this jar as URLClassLoader does; null if the jar does not hold it. */
        Class<?> defineClass(String name, String pkg, String path) throws ClassNotFoundException {
            JarEntry entry = file.getJarEntry(path);
            if (entry == null) {
                return null;
            }
            try {
                byte[] bytes;
                try (InputStream in = file.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (!pkg.isEmpty() && getDefinedPackage(pkg) == null) {
                    Manifest manifest = packageManifest();
                    try {
                        if (manifest != null) {
                            definePackage(pkg, manifest, location);
                        } else {
                            definePackage(pkg, null, null, null, null, null, null, null);
                        }
                    } catch (IllegalArgumentException e) {
                        // another thread defined it meanwhile
                    }
                }
                return CoreClassLoader.this.defineClass(name, bytes, 0, bytes.length, codeSource);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }

        /** The manifest's main section and directory sections (see the class comment); null without a manifest. */
        private synchronized @Nullable Manifest packageManifest() throws IOException {
            if (packageManifest == null) {
                JarEntry entry = file.getJarEntry(JarFile.MANIFEST_NAME);
                if (entry == null) {
                    return file.getManifest(); // a manifest under another spelling, which JarFile finds
                }
                byte[] raw;
                try (InputStream in = file.getInputStream(entry)) {
                    raw = in.readAllBytes();
                }
                Optional<byte[]> main = mainSectionIfAlone(raw);
                packageManifest =
                        main.isPresent() ? new Manifest(new ByteArrayInputStream(main.get())) : file.getManifest();
            }
            return packageManifest;
        }

        @Override
        protected URLConnection openConnection(URL url) throws IOException {
            String file = url.getFile();
            String name = file.substring(file.indexOf("!/") + 2);
            JarEntry entry = this.file.getJarEntry(
                    name.indexOf('%') < 0 ? name : URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8));
            if (entry == null) {
                throw new FileNotFoundException("JAR entry " + name + " not found in " + this.file.getName());
            }
            return new URLConnection(url) {
                @Override
                public void connect() {
                    connected = true;
                }

                @Override
                public InputStream getInputStream() throws IOException {
                    return SignedJar.this.file.getInputStream(entry);
                }

                @Override
                public long getContentLengthLong() {
                    return entry.getSize();
                }
            };
        }
    }

    /**
     * The manifest's main section, when that is all that defining a package reads from it: when no later line ends
     * with '/', no section is named after a package's directory. Empty when one may be (the whole manifest is then
     * read), or when the manifest does not end with a line break (which the whole parse refuses).
     */
    static Optional<byte[]> mainSectionIfAlone(byte[] raw) {
        int end = 0;
        while (end < raw.length) { // lines up to the first empty one
            int eol = end;
            while (eol < raw.length && raw[eol] != '\n' && raw[eol] != '\r') {
                eol++;
            }
            int next = eol + (eol + 1 < raw.length && raw[eol] == '\r' && raw[eol + 1] == '\n' ? 2 : 1);
            boolean empty = eol == end;
            end = Math.min(next, raw.length);
            if (empty) {
                break;
            }
        }
        if (raw.length > 0 && raw[raw.length - 1] != '\n' && raw[raw.length - 1] != '\r') {
            return Optional.empty();
        }
        String rest = new String(raw, end, raw.length - end, StandardCharsets.ISO_8859_1);
        if (rest.contains("/\n") || rest.contains("/\r")) {
            return Optional.empty();
        }
        return Optional.of(java.util.Arrays.copyOf(raw, end));
    }
}
