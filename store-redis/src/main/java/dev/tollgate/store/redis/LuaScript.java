package dev.tollgate.store.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script run by its digest (EVALSHA), so the script's text is not sent with every call. Redis
 * forgets scripts when it restarts or on SCRIPT FLUSH; the script is then loaded again.
 */
final class LuaScript {
    private final String source;
    private final String digest;

    private LuaScript(String source) {
        this.source = source;
        this.digest = sha1Hex(source);
    }

    /** A script from the resources next to this class. */
    static LuaScript named(String fileName) {
        try (InputStream in = LuaScript.class.getResourceAsStream(fileName)) {
            if (in == null) {
                throw new IllegalStateException("No script " + fileName);
            }
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long run(RedisCommands<String, String> redis, String key, String... args) {
        String[] keys = {key};
        try {
            return redis.evalsha(digest, ScriptOutputType.INTEGER, keys, args);
        } catch (RedisNoScriptException e) {
            redis.scriptLoad(source);
            return redis.evalsha(digest, ScriptOutputType.INTEGER, keys, args);
        }
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
