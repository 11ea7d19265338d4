package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationsTest {
    @TempDir
    Path temp;

    @Test
    void eachNamedConfigurationKeepsItsOwnPropertiesInPrivateFiles() throws Exception {
        ConfigDir dir = ConfigDir.of(Map.of(ConfigDir.VARIABLE, temp.resolve("tollgate").toString()));
        var configurations = new Configurations(dir);
        assertThat(configurations.active()).isEqualTo("default");
        configurations.set("project", "alpha-project");
        configurations.create("staging");
        configurations.activate("staging");
        assertThat(configurations.get("project")).isEmpty();
        configurations.set("project", "beta-project");
        configurations.activate("default");
        assertThat(configurations.get("project")).contains("alpha-project");
        assertThat(configurations.names()).containsExactly("default", "staging");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.root()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("configurations/config_staging.json"))))
                .isEqualTo("rw-------");
    }

    @Test
    void unknownPropertiesNamesAndConfigurationsAreRefused() throws Exception {
        var configurations = new Configurations(ConfigDir.of(Map.of(ConfigDir.VARIABLE, temp.toString())));
        assertThatThrownBy(() -> configurations.set("colour", "blue")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> configurations.create("Bad Name")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> configurations.activate("missing")).isInstanceOf(CliException.class).hasMessageContaining("missing");
        configurations.create("twice");
        assertThatThrownBy(() -> configurations.create("twice")).isInstanceOf(CliException.class);
    }
}
