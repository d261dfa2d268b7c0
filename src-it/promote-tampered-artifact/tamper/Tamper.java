import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A thorough tampering with a promoted model jar, run by promote-tampered-artifact between its builds: the model entry
 * gets other bytes, the card in the jar is edited to record their SHA-256, and the jar's .sha1 and .md5 files are
 * rewritten. The jar is then consistent in itself and with the repository's checksums; only the registry's record of
 * the promoted model's SHA-256 tells it is not the promoted model.
 *
 * <p>Usage: {@code java Tamper.java <modelName> <jar>...}; jars that do not exist are skipped.
 */
public class Tamper {
    public static void main(String[] args) throws Exception {
        String folder = "META-INF/ml-models/" + args[0] + "/";
        byte[] model = "These bytes replace the promoted model in the release repository.\n"
                .getBytes(StandardCharsets.UTF_8);
        String sha256 = hex("SHA-256", model);
        for (int i = 1; i < args.length; i++) {
            Path jar = Path.of(args[i]);
            if (!Files.isRegularFile(jar)) {
                System.out.println("Tamper: no " + jar);
                continue;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipFile in = new ZipFile(jar.toFile());
                    ZipOutputStream out = new ZipOutputStream(bytes)) {
                for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                    byte[] content = in.getInputStream(entry).readAllBytes();
                    if (entry.getName().equals(folder + args[0] + ".model")) {
                        content = model;
                    } else if (entry.getName().equals(folder + "model-card.json")) {
                        content = new String(content, StandardCharsets.UTF_8)
                                .replaceFirst("\"modelSha256\"\\s*:\\s*\"[0-9a-f]{64}\"", "\"modelSha256\" : \"" + sha256 + "\"")
                                .getBytes(StandardCharsets.UTF_8);
                    }
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    out.write(content);
                    out.closeEntry();
                }
            }
            Files.write(jar, bytes.toByteArray());
            Files.writeString(Path.of(jar + ".sha1"), hex("SHA-1", bytes.toByteArray()));
            Files.writeString(Path.of(jar + ".md5"), hex("MD5", bytes.toByteArray()));
            System.out.println("Tamper: replaced the model in " + jar + " (its SHA-256 is now " + sha256 + ")");
        }
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }
}
