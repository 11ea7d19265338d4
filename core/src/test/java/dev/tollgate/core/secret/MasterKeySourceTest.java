package dev.tollgate.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeySourceTest {
    @TempDir
    Path data;

    @Test
    void withNothingGivenAKeyIsGeneratedIntoTheDataFolderOwnerOnlyAndKeptThere() throws Exception {
        MasterKey first = MasterKeySource.DATA_FOLDER.readOrCreate(data);
        Path file = data.resolve("master-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file).strip()).isEqualTo(first.encoded());
        assertThat(MasterKeySource.DATA_FOLDER.readOrCreate(data).encoded()).isEqualTo(first.encoded());
        assertThat(Files.list(data).map(p -> p.getFileName().toString())).containsExactly("master-key");
    }

    @Test
    void aGivenFileWinsOverTheEnvironmentAndTheDataFolder() throws Exception {
        MasterKey inData = MasterKeySource.DATA_FOLDER.readOrCreate(data);
        MasterKey inFile = MasterKey.generate();
        Path file = data.resolve("elsewhere");
        Files.writeString(file, inFile.encoded());
        MasterKey inEnv = MasterKey.generate();
        assertThat(new MasterKeySource(Optional.of(file), Optional.of(inEnv.encoded())).readOrCreate(data).encoded()).isEqualTo(inFile.encoded());
        assertThat(new MasterKeySource(Optional.empty(), Optional.of(inEnv.encoded())).readOrCreate(data).encoded()).isEqualTo(inEnv.encoded());
        assertThat(new MasterKeySource(Optional.empty(), Optional.of("  ")).readOrCreate(data).encoded()).isEqualTo(inData.encoded());
    }

    @Test
    void anUnusableKeyIsOneClearLineThatDoesNotEchoTheMaterial() throws Exception {
        Path file = data.resolve("bad-key");
        Files.writeString(file, "c2VjcmV0LWJ1dC1zaG9ydA==\n");
        assertThatThrownBy(() -> new MasterKeySource(Optional.of(file), Optional.empty()).readOrCreate(data))
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("--master-key-file").hasMessageNotContaining("c2VjcmV0")
                .satisfies(e -> assertThat(e.getMessage().lines().count()).isEqualTo(1));
        assertThatThrownBy(() -> new MasterKeySource(Optional.of(data.resolve("missing")), Optional.empty()).readOrCreate(data))
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("no such file");
        assertThatThrownBy(() -> new MasterKeySource(Optional.empty(), Optional.of("not-a-key")).readOrCreate(data))
                .isInstanceOf(MasterKeyException.class).hasMessageStartingWith("TOLLGATE_MASTER_KEY").hasMessageNotContaining("not-a-key");
        assertThat(Files.exists(data.resolve("master-key"))).as("no key is generated when the given one is unusable").isFalse();
    }
}
