package io.github.mlmaven.data;

import io.airlift.compress.Compressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Parquet files written by parquet-java's own writer, without Hadoop as the plugin reads them: the two builder calls
 * that have Hadoop-typed overloads are made through method handles (javac would need Hadoop's classes to choose among
 * the overloads), and pages are compressed here (parquet-java's compressors are Hadoop's).
 */
final class ParquetTestFiles {
    private ParquetTestFiles() {}

    /**
     * Writes {@code rows} (one value per field of {@code schema}, null for none; Integer, Long, Float, Double,
     * Boolean, String or byte[]) to {@code file}, {@code rowsPerGroup} rows per row group.
     */
    static Path write(Path file, String schema, List<List<Object>> rows, CompressionCodecName codec, int rowsPerGroup) {
        MessageType type = MessageTypeParser.parseMessageType(schema);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            ExampleParquetWriter.Builder builder = (ExampleParquetWriter.Builder) MethodHandles.publicLookup()
                    .findStatic(
                            ExampleParquetWriter.class,
                            "builder",
                            MethodType.methodType(ExampleParquetWriter.Builder.class, OutputFile.class))
                    .invoke(new LocalOutputFile(file));
            Object unused = MethodHandles.publicLookup()
                    .findVirtual(
                            ParquetWriter.Builder.class,
                            "withConf",
                            MethodType.methodType(ParquetWriter.Builder.class, ParquetConfiguration.class))
                    .invoke(builder, new PlainParquetConfiguration());
            SimpleGroupFactory groups = new SimpleGroupFactory(type);
            try (ParquetWriter<Group> writer = builder.withType(type)
                    .withCodecFactory(new Compressing())
                    .withCompressionCodec(codec)
                    .withRowGroupRowCountLimit(rowsPerGroup)
                    .withPageRowCountLimit(Math.max(1, rowsPerGroup / 2))
                    .build()) {
                for (List<Object> row : rows) {
                    Group group = groups.newGroup();
                    for (int f = 0; f < row.size(); f++) {
                        add(group, type.getFieldName(f), row.get(f));
                    }
                    writer.write(group);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot write " + file + ": " + e, e);
        }
        return file;
    }

    private static void add(Group group, String field, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Integer v) {
            group.add(field, v.intValue());
        } else if (value instanceof Long v) {
            group.add(field, v.longValue());
        } else if (value instanceof Float v) {
            group.add(field, v.floatValue());
        } else if (value instanceof Double v) {
            group.add(field, v.doubleValue());
        } else if (value instanceof Boolean v) {
            group.add(field, v.booleanValue());
        } else if (value instanceof String v) {
            group.add(field, v);
        } else if (value instanceof byte[] v) {
            group.add(field, Binary.fromConstantByteArray(v));
        } else {
            throw new IllegalArgumentException("no Parquet value for " + value.getClass());
        }
    }

    /** The plugin's decompression, and compression for writing. */
    private static final class Compressing implements CompressionCodecFactory {
        private final ParquetCodecs codecs = new ParquetCodecs();

        @Override
        public BytesInputCompressor getCompressor(CompressionCodecName codec) {
            return new BytesInputCompressor() {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    byte[] raw = bytes.toByteArray();
                    return switch (codec) {
                        case UNCOMPRESSED -> BytesInput.from(raw);
                        case SNAPPY -> with(new SnappyCompressor(), raw);
                        case ZSTD -> with(new ZstdCompressor(), raw);
                        case GZIP -> {
                            ByteArrayOutputStream out = new ByteArrayOutputStream();
                            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                                gzip.write(raw);
                            }
                            yield BytesInput.from(out.toByteArray());
                        }
                        default -> throw new IOException("the tests do not write " + codec);
                    };
                }

                @Override
                public CompressionCodecName getCodecName() {
                    return codec;
                }

                @Override
                public void release() {}
            };
        }

        private static BytesInput with(Compressor compressor, byte[] raw) {
            byte[] out = new byte[compressor.maxCompressedLength(raw.length)];
            int n = compressor.compress(raw, 0, raw.length, out, 0, out.length);
            return BytesInput.from(out, 0, n);
        }

        @Override
        public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
            return codecs.getDecompressor(codec);
        }

        @Override
        public void release() {}
    }
}
