package dev.tollgate.core.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the master key comes from, first match wins: {@code --master-key-file FILE} (its content),
 * {@code TOLLGATE_MASTER_KEY} (the base64 material itself), else {@code DATA/master-key}, generated
 * there (rw-------) on the first start.
 *
 * @param file     the {@code --master-key-file} given, if any
 * @param material the {@code TOLLGATE_MASTER_KEY} given, if any
 */
public record MasterKeySource(Optional<Path> file, Optional<String> material) {
    public static final String DEFAULT_FILE = "master-key";

    public static final MasterKeySource DATA_FOLDER = new MasterKeySource(Optional.empty(), Optional.empty());

    public MasterKeySource {
        material = material.filter(m -> !m.isBlank());
    }

    /** The key at hand for {@code dataFolder}, without creating one. */
    public Optional<MasterKey> read(Path dataFolder) {
        if (file.isPresent()) {
            return Optional.of(readFile(file.get(), "--master-key-file " + file.get()));
        }
        if (material.isPresent()) {
            try {
                return Optional.of(MasterKey.parse(material.get()));
            } catch (IllegalArgumentException e) {
                throw new MasterKeyException("TOLLGATE_MASTER_KEY: " + e.getMessage());
            }
        }
        Path inData = dataFolder.resolve(DEFAULT_FILE);
        if (!Files.exists(inData)) {
            return Optional.empty();
        }
        return Optional.of(readFile(inData, inData.toString()));
    }

    /** The key at hand, generating {@code DATA/master-key} when none is given and none is there yet. */
    public MasterKey readOrCreate(Path dataFolder) {
        return read(dataFolder).orElseGet(() -> {
            MasterKey key = MasterKey.generate();
            PrivateFiles.replace(dataFolder.resolve(DEFAULT_FILE), key.encoded() + "\n");
            return key;
        });
    }

    /** Whether the key lives in {@code DATA/master-key} (and so a rotation replaces that file). */
    public boolean isDataFolderFile() {
        return file.isEmpty() && material.isEmpty();
    }

    public static MasterKey readFile(Path path, String what) {
        String content;
        try {
            content = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MasterKeyException(what + ": no such file");
        } catch (IOException e) {
            throw new MasterKeyException(what + ": cannot be read (" + e.getMessage() + ")");
        }
        try {
            return MasterKey.parse(content);
        } catch (IllegalArgumentException e) {
            throw new MasterKeyException(what + ": " + e.getMessage());
        }
    }
}
