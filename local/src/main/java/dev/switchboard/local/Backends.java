package dev.switchboard.local;

/**
 * Where the services find what they share: Kafka's bootstrap servers, Redis's URL and PostgreSQL's JDBC URL (user
 * and password, when needed, as its {@code user} and {@code password} parameters).
 */
record Backends(String bootstrapServers, String redisUrl, String postgresUrl) {
}
