package dev.switchboard.store;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script kept in this package's resources, run by SHA-1 with EVALSHA and re-sent with EVAL when the server
 * does not know it yet (after a restart or SCRIPT FLUSH).
 */
final class LuaScript {

    private final String source;
    private final String sha1;

    private LuaScript(String source) {
        this.source = source;
        this.sha1 = sha1(source);
    }

    static LuaScript load(String resourceName) {
        try (InputStream in = LuaScript.class.getResourceAsStream(resourceName)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + resourceName);
            }
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SafeVarargs
    final <K, V, T> CompletionStage<T> run(RedisAsyncCommands<K, V> redis, ScriptOutputType type, K[] keys,
                                           V... args) {
        CompletableFuture<T> result = new CompletableFuture<>();
        redis.<T>evalsha(sha1, type, keys, args).whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else if (unwrap(error) instanceof RedisNoScriptException) {
                redis.<T>eval(source, type, keys, args).whenComplete((retried, retryError) -> {
                    if (retryError == null) {
                        result.complete(retried);
                    } else {
                        result.completeExceptionally(unwrap(retryError));
                    }
                });
            } else {
                result.completeExceptionally(unwrap(error));
            }
        });
        return result;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
