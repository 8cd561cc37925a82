package dev.switchboard.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redis connection settings shared by every service ({@code switchboard.redis.*}).
 *
 * @param url       Redis URL, {@code redis://[user:password@]host:port[/db]}; default {@code redis://127.0.0.1:6379}
 * @param keyPrefix prepended to every key; default {@code sb:}
 */
@ConfigurationProperties("switchboard.redis")
public record StoreProperties(@DefaultValue("redis://127.0.0.1:6379") String url,
                              @DefaultValue(RedisKeys.DEFAULT_PREFIX) String keyPrefix) {

    @Override
    public String toString() {
        return "StoreProperties[url=" + url.replaceAll("//[^@/]*@", "//***@") + ", keyPrefix=" + keyPrefix + "]";
    }
}
