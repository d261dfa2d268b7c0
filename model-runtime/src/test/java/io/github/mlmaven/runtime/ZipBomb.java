package io.github.mlmaven.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A copy of a jar with one entry replaced by gigabytes of zeros that deflate to a few megabytes: a zip bomb, written in
 * a second. One megabyte of zeros is deflated once, ending on a full flush so that the block stands alone, and repeated;
 * deflating the gigabytes themselves takes the JDK ten seconds. The central directory may understate the entry's size,
 * as a crafted jar would.
 */
final class ZipBomb {
    private static final int CHUNK = 1 << 20;

    private ZipBomb() {}

    /**
     * @param size the bomb's inflated size, a multiple of 1 MiB
     * @param claimedSize the uncompressed size the central directory records (the true size, or a lie)
     */
    static Path write(Path jar, Path target, String bombEntry, long size, long claimedSize) throws IOException {
        byte[] block = deflatedChunk();
        long chunks = size / CHUNK;
        byte[] end = {0x03, 0x00}; // a final, empty block with fixed Huffman codes
        CRC32 crc = new CRC32();
        byte[] zeros = new byte[CHUNK];
        for (long i = 0; i < chunks; i++) {
            crc.update(zeros);
        }
        List<byte[]> central = new ArrayList<>();
        long offset = 0;
        try (ZipFile source = new ZipFile(jar.toFile());
                OutputStream out = Files.newOutputStream(target)) {
            for (ZipEntry entry : Collections.list(source.entries())) {
                byte[] name = entry.getName().getBytes(StandardCharsets.UTF_8);
                if (entry.getName().equals(bombEntry)) {
                    long compressed = block.length * chunks + end.length;
                    writeLocal(out, name, 8, crc.getValue(), compressed, claimedSize);
                    central.add(centralHeader(name, 8, crc.getValue(), compressed, claimedSize, offset));
                    for (long i = 0; i < chunks; i++) {
                        out.write(block);
                    }
                    out.write(end);
                    offset += 30 + name.length + compressed;
                } else {
                    byte[] content;
                    try (var in = source.getInputStream(entry)) {
                        content = in.readAllBytes();
                    }
                    CRC32 entryCrc = new CRC32();
                    entryCrc.update(content);
                    writeLocal(out, name, 0, entryCrc.getValue(), content.length, content.length);
                    central.add(centralHeader(name, 0, entryCrc.getValue(), content.length, content.length, offset));
                    out.write(content);
                    offset += 30 + name.length + content.length;
                }
            }
            long directorySize = 0;
            for (byte[] header : central) {
                out.write(header);
                directorySize += header.length;
            }
            ByteBuffer eocd = little(22);
            eocd.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
            eocd.putShort((short) central.size()).putShort((short) central.size());
            eocd.putInt((int) directorySize).putInt((int) offset).putShort((short) 0);
            out.write(eocd.array());
        }
        return target;
    }

    private static byte[] deflatedChunk() {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        deflater.setInput(new byte[CHUNK]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH)) > 0) {
            out.write(buffer, 0, n);
        }
        deflater.end();
        return out.toByteArray();
    }

    private static void writeLocal(OutputStream out, byte[] name, int method, long crc, long compressed, long size)
            throws IOException {
        ByteBuffer header = little(30 + name.length);
        header.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) method);
        header.putInt(0).putInt((int) crc).putInt((int) compressed).putInt((int) size);
        header.putShort((short) name.length).putShort((short) 0).put(name);
        out.write(header.array());
    }

    private static byte[] centralHeader(byte[] name, int method, long crc, long compressed, long size, long offset) {
        ByteBuffer header = little(46 + name.length);
        header.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0);
        header.putShort((short) method)
                .putInt(0)
                .putInt((int) crc)
                .putInt((int) compressed)
                .putInt((int) size);
        header.putShort((short) name.length).putShort((short) 0).putShort((short) 0);
        header.putShort((short) 0)
                .putShort((short) 0)
                .putInt(0)
                .putInt((int) offset)
                .put(name);
        return header.array();
    }

    private static ByteBuffer little(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
