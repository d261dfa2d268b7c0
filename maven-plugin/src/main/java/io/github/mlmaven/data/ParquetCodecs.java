package io.github.mlmaven.data;

import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The page decompression of Parquet files without Hadoop. parquet-java's own codec factory is built on Hadoop's codec
 * classes (and Hadoop's Configuration, which pulls in most of Hadoop); this one uses aircompressor, pure Java, for
 * Snappy (pyarrow's and Spark's default), Zstandard and LZ4_RAW, and the JDK for GZIP. Brotli, LZO and the old
 * Hadoop-framed LZ4 are refused with the codec's name: few writers use them, and each would add a native library.
 * Reading only: the plugin writes no Parquet.
 */
final class ParquetCodecs implements CompressionCodecFactory {
    /** Codecs a file may use, for messages. */
    static final String SUPPORTED = "UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW";

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Pages(codec, null);
            case SNAPPY -> new Pages(codec, new SnappyDecompressor());
            case ZSTD -> new Pages(codec, new ZstdDecompressor());
            case LZ4_RAW -> new Pages(codec, new Lz4Decompressor());
            case GZIP -> new Pages(codec, null);
            default -> throw new UnsupportedCodecException(codec);
        };
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("the plugin does not write Parquet files");
    }

    @Override
    public void release() {
        // nothing pooled
    }

    /** A page compressed with a codec this factory does not decompress. */
    static final class UnsupportedCodecException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient CompressionCodecName codec;

        UnsupportedCodecException(CompressionCodecName codec) {
            super("its pages are compressed with " + codec + ", which the plugin does not read (it reads " + SUPPORTED
                    + "); write the file again with one of those, e.g. pyarrow's default, SNAPPY");
            this.codec = codec;
        }
    }

    private static final class Pages implements BytesInputDecompressor {
        private final CompressionCodecName codec;
        private final Decompressor decompressor;

        Pages(CompressionCodecName codec, Decompressor decompressor) {
            this.codec = codec;
            this.decompressor = decompressor;
        }

        @Override
        public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return bytes;
            }
            byte[] compressed = bytes.toByteArray();
            byte[] out = new byte[decompressedSize];
            int n;
            if (decompressor == null) {
                try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
                    n = gzip.readNBytes(out, 0, decompressedSize);
                }
            } else {
                try {
                    n = decompressor.decompress(compressed, 0, compressed.length, out, 0, decompressedSize);
                } catch (RuntimeException e) {
                    throw new IOException("a " + codec + " page cannot be decompressed: " + e.getMessage(), e);
                }
            }
            if (n != decompressedSize) {
                throw new IOException(
                        "a " + codec + " page holds " + n + " bytes, but its header says " + decompressedSize);
            }
            return BytesInput.from(out);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                throws IOException {
            // only the off-heap read path calls this, and the plugin reads pages on the heap
            byte[] compressed = new byte[compressedSize];
            input.get(compressed);
            output.put(decompress(BytesInput.from(compressed), decompressedSize).toByteBuffer());
        }

        @Override
        public void release() {
            // nothing pooled
        }
    }
}
