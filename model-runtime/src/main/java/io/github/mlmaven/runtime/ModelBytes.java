package io.github.mlmaven.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a model's bytes and its card's, bounded before anything is allocated, and checks the model's size and SHA-256
 * against its card while reading, so a file or jar entry that is larger than it should be (a jar entry that inflates
 * to gigabytes, say) is refused after at most one byte more than its card records, never read whole.
 *
 * <p>The bound is the card's {@code modelSizeBytes} when it records one, and {@link ModelLimits#maxBytes()} always.
 * A card written before the size was recorded is still read: the model is then streamed once through the hash alone,
 * holding nothing but a buffer, and read into memory only when its hash matches.
 */
public final class ModelBytes {
    /**
     * The largest model card read: {@value} bytes. A card is a few kilobytes; one for a data set of 10,000 columns
     * with a hundred nominal values each is still under 16 MB.
     */
    public static final long MAX_CARD_BYTES = 64L << 20;

    private static final int BUFFER = 1 << 16;

    private ModelBytes() {}

    /** Opens the stream to read; each call a new one. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    /** A model file's bytes, checked against the card's size and SHA-256. */
    public static byte[] readModel(Path file, ModelCard card) {
        String source = "model file " + file;
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ModelIntegrityException("cannot read " + source + ": " + e, e);
        }
        return readModel(() -> Files.newInputStream(file), size, card, source);
    }

    /** A jar entry's bytes, checked against the card's size and SHA-256 before and while the entry is inflated. */
    public static byte[] readModel(ZipFile zip, ZipEntry entry, ModelCard card, String source) {
        return readModel(() -> zip.getInputStream(entry), entry.getSize(), card, source);
    }

    /**
     * A model's bytes, checked against the card's size and SHA-256.
     *
     * @param declaredSize the size the container claims (a file's size, a jar entry's uncompressed size), checked
     *     before reading; -1 when unknown. A jar can lie about it, so the stream is bounded as well.
     * @param source names the model in messages, e.g. {@code model file /x/credit-risk.model}
     * @throws ModelIntegrityException naming the source, when the card records no SHA-256, the bytes are more than the
     *     limits or the card allow, fewer than the card records, or their SHA-256 differs from the card's
     */
    public static byte[] readModel(Source open, long declaredSize, ModelCard card, String source) {
        String expectedSha256 = card.modelSha256();
        if (expectedSha256 == null || expectedSha256.isBlank()) {
            throw new ModelIntegrityException(BundleLayout.CARD_FILE + " records no modelSha256 for " + source
                    + ", so the model cannot be verified; it was not loaded");
        }
        ModelLimits limits = ModelLimits.current();
        Long recorded = card.modelSizeBytes();
        if (recorded != null && (recorded < 0 || recorded > limits.maxBytes())) {
            throw new ModelIntegrityException(BundleLayout.CARD_FILE + " of " + source + " records modelSizeBytes "
                    + recorded + ", "
                    + (recorded < 0
                            ? "which no file has"
                            : "more than maxbytes=" + limits.maxBytes() + "; " + limits.howToRaise("maxbytes")));
        }
        long bound = recorded != null ? recorded : limits.maxBytes();
        if (declaredSize > bound) {
            throw tooLarge(source, declaredSize + " bytes", card, limits);
        }
        try {
            long size = recorded != null ? recorded : sizeWhenHashMatches(open, bound, card, source, limits);
            byte[] bytes = new byte[(int) size];
            MessageDigest digest = Sha256.newDigest();
            try (InputStream in = open.open()) {
                int filled = in.readNBytes(bytes, 0, bytes.length);
                if (filled < bytes.length) {
                    digest.update(bytes, 0, filled);
                    throw new ModelIntegrityException(source + " has " + filled + " bytes and SHA-256 "
                            + Sha256.hex(digest.digest()) + ", but " + BundleLayout.CARD_FILE + " records " + size
                            + " bytes and SHA-256 " + expectedSha256.strip()
                            + ": it was altered or truncated after training; it was not loaded");
                }
                if (in.read() >= 0) {
                    throw tooLarge(source, "more than " + size + " bytes", card, limits);
                }
            }
            digest.update(bytes);
            checkHash(Sha256.hex(digest.digest()), expectedSha256, source);
            return bytes;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ModelIntegrityException integrity) {
                throw integrity;
            }
            throw new ModelIntegrityException("cannot read " + source + ": " + e, e);
        }
    }

    /** The size of a model whose card records none, after streaming it through the hash alone (nothing is kept). */
    private static long sizeWhenHashMatches(Source open, long bound, ModelCard card, String source, ModelLimits limits)
            throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[BUFFER];
        long size = 0;
        try (InputStream in = open.open()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                size += n;
                if (size > bound) {
                    throw tooLarge(source, "more than " + bound + " bytes", card, limits);
                }
                digest.update(buffer, 0, n);
            }
        }
        checkHash(Sha256.hex(digest.digest()), card.modelSha256(), source);
        return size;
    }

    private static void checkHash(String actual, String expected, String source) {
        if (!actual.equalsIgnoreCase(expected.strip())) {
            throw new ModelIntegrityException(source + " has SHA-256 " + actual + " but " + BundleLayout.CARD_FILE
                    + " records " + expected.strip()
                    + ": the file was altered or truncated after training; it was not loaded");
        }
    }

    private static ModelIntegrityException tooLarge(String source, String size, ModelCard card, ModelLimits limits) {
        if (card.modelSizeBytes() != null) {
            return new ModelIntegrityException(source + " has " + size + " but " + BundleLayout.CARD_FILE
                    + " records modelSizeBytes " + card.modelSizeBytes() + " (and SHA-256 " + card.modelSha256()
                    + "): it was altered after training (or is a zip bomb); it was refused before it was read whole,"
                    + " and not loaded");
        }
        return new ModelIntegrityException(source + " has " + size + ", more than maxbytes=" + limits.maxBytes()
                + "; it was refused before it was read whole; " + limits.howToRaise("maxbytes"));
    }

    /** A card's bytes, at most {@link #MAX_CARD_BYTES}. */
    public static byte[] readCard(Source open, long declaredSize, String source) {
        if (declaredSize > MAX_CARD_BYTES) {
            throw cardTooLarge(source, declaredSize + " bytes");
        }
        try (InputStream in = open.open()) {
            byte[] bytes = in.readNBytes((int) MAX_CARD_BYTES + 1);
            if (bytes.length > MAX_CARD_BYTES) {
                throw cardTooLarge(source, "more than " + MAX_CARD_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new ModelIntegrityException("cannot read " + source + ": " + e, e);
        }
    }

    /** A card file's bytes, at most {@link #MAX_CARD_BYTES}. */
    public static byte[] readCard(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ModelIntegrityException("cannot read " + file + ": " + e, e);
        }
        return readCard(() -> Files.newInputStream(file), size, file.toString());
    }

    /** A card's bytes from a jar entry, at most {@link #MAX_CARD_BYTES}, checked before it is inflated. */
    public static byte[] readCard(ZipFile zip, ZipEntry entry, String source) {
        return readCard(() -> zip.getInputStream(entry), entry.getSize(), source);
    }

    private static ModelIntegrityException cardTooLarge(String source, String size) {
        return new ModelIntegrityException(source + " has " + size + "; a model card is at most " + MAX_CARD_BYTES
                + " bytes, so it is not one (a zip bomb, or the wrong file); it was not read");
    }
}
