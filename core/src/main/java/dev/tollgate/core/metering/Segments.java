package dev.tollgate.core.metering;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Segment files: {@code NNNNNNNNNNNNNNNNNNNN.journal}, the segment number in 20 digits so that
 * names sort as numbers. Each starts with a header (magic {@code TGJL}, format 1, its own number) so
 * that a stray or renamed file is never read as records.
 */
final class Segments {
    static final int HEADER = 16;
    private static final int MAGIC = 0x54474A4C;
    private static final int FORMAT = 1;
    private static final Pattern NAME = Pattern.compile("(\\d{20})\\.journal");

    private Segments() {}

    static Path path(Path directory, long segment) {
        return directory.resolve(String.format("%020d.journal", segment));
    }

    /** The segment numbers present in {@code directory}, ascending. */
    static List<Long> list(Path directory) throws IOException {
        List<Long> numbers = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(f -> {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    numbers.add(Long.parseLong(m.group(1)));
                }
            });
        }
        Collections.sort(numbers);
        return numbers;
    }

    static ByteBuffer header(long segment) {
        return ByteBuffer.allocate(HEADER).putInt(MAGIC).putInt(FORMAT).putLong(segment).flip();
    }

    static boolean hasHeader(FileChannel channel, long segment) throws IOException {
        ByteBuffer read = ByteBuffer.allocate(HEADER);
        while (read.hasRemaining() && channel.read(read, read.position()) > 0) {
            // positional reads until the header is complete or the file ends
        }
        return !read.hasRemaining() && read.flip().equals(header(segment));
    }

    /** Makes a file's creation or removal durable: on Linux a directory can be fsynced like a file. */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
                throw e;
            }
        }
    }
}
