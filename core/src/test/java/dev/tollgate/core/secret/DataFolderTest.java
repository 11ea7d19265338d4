package dev.tollgate.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderTest {
    @TempDir
    Path parent;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aNewFolderIsOwnerOnly() throws Exception {
        Path data = parent.resolve("a/b/data");
        DataFolder.prepare(data);
        assertThat(mode(data)).isEqualTo("rwx------");
    }

    @Test
    void anExistingWideFolderAndWhatItHoldsAreRestricted() throws Exception {
        Path data = Files.createDirectory(parent.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path db = Files.writeString(data.resolve("tollgate.mv.db"), "x");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-rw-rw-"));
        Path journal = Files.createDirectory(data.resolve("journal"));
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path segment = Files.writeString(journal.resolve("00000000000000000001.journal"), "x");
        Files.setPosixFilePermissions(segment, PosixFilePermissions.fromString("rw-r-----"));
        Path readOnly = Files.writeString(data.resolve("master-key"), "x");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--------"));

        DataFolder.prepare(data);

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(journal)).isEqualTo("rwx------");
        assertThat(mode(db)).isEqualTo("rw-------");
        assertThat(mode(segment)).isEqualTo("rw-------");
        assertThat(mode(readOnly)).as("an owner-only file is not widened").isEqualTo("r--------");
    }

    @Test
    void aWideFolderHoldingFilesThatAreNotTollgatesIsRefusedAndLeftAsItIs() throws Exception {
        Path home = Files.createDirectory(parent.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path mine = Files.writeString(home.resolve("notes.txt"), "x");
        Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(home.resolve("node-id"), "x");

        assertThatThrownBy(() -> DataFolder.prepare(home)).isInstanceOf(DataFolderException.class)
                .hasMessageContaining(home.toString()).hasMessageContaining("notes.txt")
                .satisfies(e -> assertThat(e.getMessage().lines().count()).isEqualTo(1));
        assertThat(mode(home)).isEqualTo("rwxr-xr-x");
        assertThat(mode(mine)).isEqualTo("rw-r--r--");
    }

    @Test
    void anOwnerOnlyFolderKeepsOtherFilesAsTheyAreAndRestrictsTollgatesOwn() throws Exception {
        Path data = Files.createDirectory(parent.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        Path mine = Files.writeString(data.resolve("README.txt"), "x");
        Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rw-r--r--"));
        Path db = Files.writeString(data.resolve("tollgate.mv.db"), "x");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        DataFolder.prepare(data);
        assertThat(mode(mine)).isEqualTo("rw-r--r--");
        assertThat(mode(db)).isEqualTo("rw-------");
    }

    @Test
    void restrictingAgainCatchesFilesCreatedLater() throws Exception {
        Path data = parent.resolve("data");
        DataFolder.prepare(data);
        Path trace = Files.writeString(data.resolve("tollgate.trace.db"), "x");
        Files.setPosixFilePermissions(trace, PosixFilePermissions.fromString("rw-rw-rw-"));
        DataFolder.restrictContents(data);
        assertThat(mode(trace)).isEqualTo("rw-------");
    }

    @Test
    void privateFilesAreWrittenOwnerOnlyAndReplacedWhole() throws Exception {
        Path data = parent.resolve("data");
        DataFolder.prepare(data);
        Path file = data.resolve("admin-password");
        PrivateFiles.write(file, "one\n");
        assertThat(mode(file)).isEqualTo("rw-------");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        PrivateFiles.replace(file, "two\n");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo("two\n");
        assertThat(Files.list(data).map(p -> p.getFileName().toString())).containsExactly("admin-password");
    }
}
